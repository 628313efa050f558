/** What `fn` throws (undefined when it returns): for tables of errors and where they point. */
export function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}
