import type * as vscode from 'vscode';

const WRITERS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine', 'replace']);

/** A document's text in a protocol trace (`didOpen`, `didChange`): it can hold the very keys the server reports. */
const DOCUMENT_TEXT = /"text":\s*"((?:[^"\\]|\\.)*)"/g;
/** A run of the characters credentials are written in (base64, base64url, hex, `sk-…`-style prefixes). */
const KEY_LIKE = /[A-Za-z0-9_\-+/]{20,}={0,2}/g;

/** Bits per character: keys are random, names and paths are not. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / s.length) * Math.log2(n / s.length);
  return bits;
}

const HEX_KEY = /^[0-9a-fA-F]{32,}$/;
/** Capitals (and digits) only, without a separator: AWS access key ids and base32 tokens, never a name. */
const CAPITALS_KEY = /^[A-Z0-9]{20,}$/;
/**
 * A short lowercase prefix, one separator, then a long run of mixed case (`hf_…`, `ghp_…`): how providers mark
 * their keys. Names in the protocol's flow are camelCase or snake_case words, never a single separator before
 * a mixed-case run this long.
 */
const PREFIXED_KEY = /^[a-z]{2,8}[_-]([A-Za-z0-9]{16,})$/;

/**
 * Whether a run looks random enough to be a credential: hex of key length, a run of capitals, a provider's
 * prefix before a mixed-case run, digits among letters (protocol method names, paths and identifiers have none),
 * or letters alone at the entropy of random text.
 */
function looksLikeKey(run: string): boolean {
  if (HEX_KEY.test(run)) return /\d/.test(run) && /[a-fA-F]/.test(run);
  if (CAPITALS_KEY.test(run)) return true;
  const body = PREFIXED_KEY.exec(run)?.[1];
  if (body && /[A-Z]/.test(body) && /[a-z]/.test(body)) return true;
  const bits = entropy(run);
  return (/\d/.test(run) && /[A-Za-z]/.test(run) && bits >= 3) || bits >= 4.3;
}

/**
 * What may be written to the log: document text is replaced by its length, and anything key-shaped left in
 * the line is masked as findings show keys (`sk-a…(108 chars)`). The log is for the protocol's flow, never for
 * content; a masked path now and then is the price of never writing a key.
 */
export function redactLogText(line: string): string {
  const withoutText = line.replace(
    DOCUMENT_TEXT,
    (_m, body: string) => `"text": "<${body.length} characters of document text not logged>"`,
  );
  return withoutText.replace(KEY_LIKE, (run) => (looksLikeKey(run) ? `${run.slice(0, 4)}…(${run.length} chars)` : run));
}

/**
 * The output channel as the language client sees it: every line passes `redactLogText` first, so a
 * trace at the most verbose level never writes a document's text, or a key in it, to the log.
 */
export function redactingLogChannel(inner: vscode.LogOutputChannel): vscode.LogOutputChannel {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof prop !== 'string' || !WRITERS.has(prop) || typeof value !== 'function') {
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (message: unknown, ...rest: unknown[]) =>
        (value as (...a: unknown[]) => void).call(
          target,
          typeof message === 'string' ? redactLogText(message) : message,
          ...rest,
        );
    },
  });
}
