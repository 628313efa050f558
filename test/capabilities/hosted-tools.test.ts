import { describe, expect, it } from 'vitest';
import { hostedToolCapability } from '../../server/src/capabilities/hosted-tools';
import { analyzeCode } from '../helpers/analyze';
import { ruleTester } from '../helpers/rule-tester';

/** Hosted and built-in tools: the provider's code runs, so the kind of tool says what it can do. */
const CASES: { name: string; code: string; expected: Record<string, string> }[] = [
  {
    name: 'OpenAI Responses API tool objects',
    code: `import OpenAI from 'openai';
const client = new OpenAI();
export const reply = await client.responses.create({ model: 'gpt-5', input: 'x', tools: [{ type: 'local_shell' }, { type: 'computer_use_preview', display_width: 1024, display_height: 768, environment: 'browser' }, { type: 'code_interpreter', container: { type: 'auto' } }, { type: 'web_search_preview' }, { type: 'file_search', vector_store_ids: ['vs_1'] }] });`,
    expected: {
      local_shell: 'system:exec critical',
      computer_use_preview: 'computer:control critical',
      code_interpreter: 'code:exec-sandboxed medium',
      web_search_preview: 'web:read low',
      file_search: 'documents:read low',
    },
  },
  {
    name: 'Anthropic client and server tools, versioned',
    code: `import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic();
export const reply = await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [], tools: [{ type: 'bash_20250124', name: 'bash' }, { type: 'text_editor_20250429', name: 'str_replace_based_edit_tool' }, { type: 'web_search_20250305', name: 'web_search' }] });`,
    expected: {
      bash: 'system:exec critical',
      str_replace_based_edit_tool: 'file:write high',
      web_search: 'web:read low',
    },
  },
  {
    name: 'OpenAI Agents SDK hosted tools',
    code: `import { Agent, applyPatchTool, hostedMcpTool, shellTool, webSearchTool } from '@openai/agents';
export const agent = new Agent({ name: 'dev', tools: [shellTool({ shell: {} as never }), applyPatchTool({ editor: {} as never }), hostedMcpTool({ serverLabel: 'github', serverUrl: 'https://example.invalid/mcp' }), webSearchTool()] });`,
    expected: {
      shell: 'system:exec critical',
      apply_patch: 'file:write high',
      github: 'mcp:remote high',
      web_search: 'web:read low',
    },
  },
  {
    name: 'AI SDK provider tools',
    code: `import { openai } from '@ai-sdk/openai';
import { anthropic } from '@ai-sdk/anthropic';
import { generateText } from 'ai';
export const run = () => generateText({ model: openai('gpt-5'), prompt: 'x', tools: { local_shell: openai.tools.localShell({ execute: async () => ({ output: '' }) }), computer: anthropic.tools.computer_20250124({ displayWidthPx: 1, displayHeightPx: 1 }), code: anthropic.tools.codeExecution_20250825() } });`,
    expected: {
      local_shell: 'system:exec critical',
      computer: 'computer:control critical',
      code: 'code:exec-sandboxed medium',
    },
  },
];

describe('hosted tools: capabilities by kind', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const tools = analyzeCode(c.code).graph.tools;
      const actual = Object.fromEntries(
        tools.map((t) => [t.name, t.capabilities.map((x) => `${x.capability} ${x.tier}`).join(', ')]),
      );
      expect(actual).toEqual(c.expected);
    });
  }

  it('reads the kind whatever its spelling and version: webSearch, web_search, bash_20250124', () => {
    expect(hostedToolCapability('webSearch')?.capability).toBe('web:read');
    expect(hostedToolCapability('bash_20250124')?.capability).toBe('system:exec');
    expect(hostedToolCapability('textEditor_20250429')?.capability).toBe('file:write');
    expect(hostedToolCapability('image_generation')).toBeUndefined();
  });
});

ruleTester('unapproved-high-risk-action', {
  valid: [
    {
      name: 'a hosted shell that needs approval (OpenAI Agents needsApproval)',
      code: `import { Agent, shellTool } from '@openai/agents';
export const agent = new Agent({ name: 'dev', tools: [shellTool({ shell: {} as never, needsApproval: true })] });`,
    },
    {
      name: 'hosted web search: low risk',
      code: `import { Agent, webSearchTool } from '@openai/agents';
export const agent = new Agent({ name: 'researcher', tools: [webSearchTool()] });`,
    },
  ],
  invalid: [
    {
      name: 'a hosted shell with no gate',
      code: `import { Agent, shellTool } from '@openai/agents';
export const agent = new Agent({ name: 'dev', tools: [shellTool({ shell: {} as never })] });`,
      errors: [{ messageId: 'unapproved', line: 2, column: 55 }],
    },
  ],
});
