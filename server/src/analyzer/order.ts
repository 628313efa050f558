/**
 * Orders strings by UTF-16 code units, as `Array.prototype.sort` does by default: reports come out in the same
 * order on every machine. `localeCompare` follows the runtime's locale data (and its first call loads ICU's
 * collator, ~6 ms of every run).
 */
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
