import { describe, expect, it } from 'vitest';
import { redactLogText } from '../../server/src/secrets/redact-log';
import { FAKE_KEYS } from '../helpers/fake-keys';

describe('log lines never carry a document or a key', () => {
  const key = FAKE_KEYS['anthropic-api-key']();

  it('a verbose protocol trace of didOpen/didChange keeps the flow, not the document text', () => {
    const trace = `[Trace - 12:00:00] Sending notification 'textDocument/didOpen'.\nParams: {\n    "textDocument": {\n        "uri": "file:///w/src/a.ts",\n        "text": "import Anthropic from '@anthropic-ai/sdk';\\nconst c = new Anthropic({ apiKey: \\"${key}\\" });\\n"\n    }\n}`;
    const out = redactLogText(trace);
    expect(out).not.toContain(key.slice(0, 12));
    expect(out).toContain('"uri": "file:///w/src/a.ts"');
    expect(out).toMatch(/"text": "<\d+ characters of document text not logged>"/);
    const change = redactLogText(`{"contentChanges":[{"range":{},"text":"const k = '${key}';"}]}`);
    expect(change).not.toContain(key.slice(0, 12));
  });

  it('a key anywhere else in a line is masked as findings show it', () => {
    const out = redactLogText(`request failed for apiKey=${key} at step 3`);
    expect(out).not.toContain(key.slice(0, 12));
    expect(out).toContain('sk-a…(108 chars)');
    expect(redactLogText('indexed 12 files')).toBe('indexed 12 files');
  });
});
