import { scanSecrets } from './scan-secrets';

const DOCUMENT_TEXT = /"text":\s*"((?:[^"\\]|\\.)*)"/g;

/**
 * What may be written to a log: protocol traces carry whole documents (`didOpen`, `didChange`), which
 * can hold the very keys we report, so document text is replaced by its length; any secret left in the
 * line is masked as findings are (`sk-a…(108 chars)`).
 */
export function redactLogText(line: string): string {
  const withoutText = line.replace(DOCUMENT_TEXT, (_m, body: string) => `"text": "<${body.length} characters of document text not logged>"`);
  const found = scanSecrets(withoutText);
  let out = withoutText;
  for (const s of [...found].sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + s.masked + out.slice(s.end);
  return out;
}
