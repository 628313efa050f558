import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatLockfile, LOCKFILE, LockfileError, parseLockfile } from '../../server/src/authority/lockfile';
import { authorityOf } from '../../server/src/authority/model';
import { analyzeFiles } from '../helpers/analyze';
import { REPO } from '../helpers/cli';
import { errorOf } from '../helpers/errors';

const schema = JSON.parse(readFileSync(join(REPO, 'schemas/lockfile.v1.schema.json'), 'utf8')) as object;

const CODE = `import { Agent, tool } from '@openai/agents';
import { z } from 'zod';
const purge = tool({
  name: 'purge_cache',
  description: 'Purge the CDN cache',
  parameters: z.object({}),
  execute: async () => fetch('https://api.cdn.example/purge', { method: 'POST' }),
});
const status = tool({ name: 'status', description: 'Status', parameters: z.object({}), execute: async () => 'ok' });
/** @owner team-web */
export const ops = new Agent({ name: 'ops', instructions: 'Ops.', tools: [status, purge] });
export const spare = tool({ name: 'spare', description: 'Spare', parameters: z.object({}), execute: async () => 'ok' });
`;

const written = () => formatLockfile(authorityOf(analyzeFiles({ 'src/ops.ts': CODE }).graph));

describe('the lockfile', () => {
  it('is valid against its published schema', () => {
    const validate = new Ajv({ strict: true, allErrors: true }).compile(schema);
    expect(validate(JSON.parse(written())), JSON.stringify(validate.errors)).toBe(true);
  });

  it('reads back as the authority it was written from, and writes the same bytes again', () => {
    const text = written();
    expect(formatLockfile(parseLockfile(text, LOCKFILE))).toBe(text);
  });

  it('has no line, column, date or tool version in it, so moving code changes nothing', () => {
    const moved = formatLockfile(authorityOf(analyzeFiles({ 'lib/agents/ops.ts': `// moved here\n\n${CODE}` }).graph));
    expect(moved).toBe(written());
    expect(written()).not.toMatch(/"(line|column|file|version|generated)"|\d{4}-\d\d-\d\d/);
  });

  it('keys agents by framework and name, tools by the name the model sees, sorted', () => {
    const json = JSON.parse(written()) as { agents: Record<string, { tools: object }>; tools: object };
    expect(Object.keys(json.agents)).toEqual(['openai-agents:ops']);
    expect(Object.keys(json.agents['openai-agents:ops']!.tools)).toEqual(['purge_cache', 'status']);
    expect(Object.keys(json.tools)).toEqual(['openai-agents:spare']);
  });

  it('leaves out agents of test code, and numbers the rest as if they were there', () => {
    const files = { 'src/a/ops.ts': CODE, 'src/m/ops.test.ts': CODE, 'src/z/ops.ts': CODE };
    const { graph } = analyzeFiles(files);
    const ids = Object.keys(authorityOf(graph, (f) => f.includes('.test.')).agents);
    expect(ids).toEqual(['openai-agents:ops', 'openai-agents:ops#3']);
  });

  it('numbers namesakes in file order, so each keeps its id', () => {
    const twin = CODE.replace("name: 'purge_cache'", "name: 'purge2'");
    const files = { 'a/ops.ts': CODE, 'b/ops.ts': twin };
    const ids = Object.keys(authorityOf(analyzeFiles(files).graph).agents);
    expect(ids).toEqual(['openai-agents:ops', 'openai-agents:ops#2']);
  });
});

describe('a lockfile that cannot be read', () => {
  const cases: [string, string, { line: number; column: number; key: string; detail: RegExp }][] = [
    ['empty', '', { line: 1, column: 1, key: '', detail: /the file is empty/ }],
    [
      'a merge conflict left in it',
      '{\n  "lockfileVersion": 1,\n<<<<<<< HEAD\n  "agents": {},\n',
      { line: 3, column: 1, key: '', detail: /invalid JSON/ },
    ],
    [
      'a later format',
      '{\n  "lockfileVersion": 2,\n  "agents": {},\n  "tools": {}\n}\n',
      { line: 2, column: 22, key: 'lockfileVersion', detail: /version 2 is not one this Agent Warden reads/ },
    ],
    [
      'an unknown field',
      '{ "lockfileVersion": 1, "agents": { "mcp:x": { "name": "x", "framework": "mcp", "owner": null, "risk": null, "complete": true, "delegates": [], "tools": {}, "extra": 1 } }, "tools": {} }',
      { line: 1, column: 158, key: 'agents["mcp:x"]', detail: /unknown field 'extra'/ },
    ],
    [
      'a risk that is no tier',
      '{ "lockfileVersion": 1, "agents": { "mcp:x": { "name": "x", "framework": "mcp", "owner": null, "risk": "severe", "complete": true, "delegates": [], "tools": {} } }, "tools": {} }',
      {
        line: 1,
        column: 104,
        key: 'agents["mcp:x"].risk',
        detail: /must be one of "critical", "high", "medium", "low", null/,
      },
    ],
  ];
  it.each(cases)('%s: says where and what', (_, text, { detail, ...where }) => {
    const error = errorOf(() => parseLockfile(text, LOCKFILE));
    expect(error).toBeInstanceOf(LockfileError);
    expect(error).toMatchObject({ ...where, file: LOCKFILE, detail: expect.stringMatching(detail) });
  });
});
