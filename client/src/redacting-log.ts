import type * as vscode from 'vscode';
import { redactLogText } from '../../server/src/secrets/redact-log';

const WRITERS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine', 'replace']);

/**
 * The output channel as the language client sees it: every line passes `redactLogText` first, so a
 * trace at the most verbose level never writes a document's text, or a key in it, to the log.
 */
export function redactingLogChannel(inner: vscode.LogOutputChannel): vscode.LogOutputChannel {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof prop !== 'string' || !WRITERS.has(prop) || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return (message: unknown, ...rest: unknown[]) => (value as (...a: unknown[]) => void).call(target, typeof message === 'string' ? redactLogText(message) : message, ...rest);
    },
  });
}
