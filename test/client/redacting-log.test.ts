import { describe, expect, it } from 'vitest';
import { redactLogText } from '../../client/src/redacting-log';
import { FAKE_KEYS } from '../helpers/fake-keys';

describe('log lines never carry a document or a key', () => {
  const key = FAKE_KEYS['anthropic-api-key']!();

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
  });

  it.each(Object.keys(FAKE_KEYS))('a %s outside document text is masked', (kind) => {
    const fake = FAKE_KEYS[kind]!();
    const out = redactLogText(`[Trace] Received response 'agentWarden/inventory': {"note": "${fake}"}`);
    expect(out).not.toContain(fake);
  });

  it('an AWS access key id without a digit is masked too (letters alone stay below the entropy bar)', () => {
    const key = ['AK', 'IA', 'QWERTYUIOPASDFGH'].join('');
    expect(redactLogText(`{"note": "${key}"}`)).not.toContain(key);
  });

  it('a prefixed key of letters alone is masked whatever its entropy (hf_ and 34 letters, below the bar here)', () => {
    const key = ['hf', '_', 'aaaaBBBBccccDDDDeeeeFFFFggggHHHHii'].join('');
    expect(redactLogText(`{"note": "${key}"}`)).not.toContain(key);
  });

  it('the flow of the protocol stays readable', () => {
    for (const line of [
      'indexed 12 files',
      "[Trace - 12:00:00] Sending request 'textDocument/diagnostic - (17)'.",
      '"uri": "file:///work/main/examples/support-desk/src/agents/support.ts"',
      'Result: {"kind": "full", "resultId": "a1b2c3d4", "items": []}',
    ]) {
      expect(redactLogText(line)).toBe(line);
    }
  });
});
