import { ts } from '../../typescript';
import { type FrameworkAdapter, isExport, objectArg, prop } from '../adapter';
import type { FrameworkId } from '../types';

/** Member chains on an OpenAI / Anthropic client that send a `tools` array to the model. */
const TOOL_CALLS: Record<'openai' | 'anthropic', string[]> = {
  openai: [
    'chat.completions.create',
    'chat.completions.stream',
    'chat.completions.runTools',
    'beta.chat.completions.runTools',
    'beta.chat.completions.stream',
    'responses.create',
    'responses.stream',
    'realtime.sessions.create',
  ],
  anthropic: [
    'messages.create',
    'messages.stream',
    'beta.messages.create',
    'beta.messages.stream',
    'beta.messages.toolRunner',
  ],
};

function providerOf(module: string): 'openai' | 'anthropic' | undefined {
  if (/^openai(\/.*)?$/.test(module)) return 'openai';
  if (/^@anthropic-ai\/sdk(\/.*)?$/.test(module)) return 'anthropic';
  return undefined;
}

/**
 * Raw provider SDKs: a `tools` array passed straight to the model API is an agent's tool set.
 * Each array entry (`{type:'function', function:{name}}`, `{name, input_schema}`) becomes a tool when linking.
 */
export const rawLlmApisAdapter: FrameworkAdapter = {
  framework: 'openai',
  modules: /^(openai(\/.*)?|@anthropic-ai\/sdk(\/.*)?)$/,
  // Member chains on a client (`client.chat.completions.create`), however the client was made.
  entryPoints: 'any',
  visitCall(node, callee, a) {
    if (!ts.isCallExpression(node)) return;
    if (callee.kind === 'export') {
      const provider = providerOf(callee.module);
      if (provider && isExport(callee, 'zodFunction', 'zodResponsesFunction', 'betaZodTool', 'betaTool')) {
        a.addTool({ node, framework: provider, kind: `${callee.path[0]}()`, name: prop(objectArg(node, 0), 'name') });
      }
      return;
    }
    // A method chain on a client instance; for an untyped receiver the chain itself must be unmistakable.
    let provider: FrameworkId | undefined = callee.kind === 'method' ? providerOf(callee.module) : undefined;
    const chain = callee.members.join('.');
    if (!provider) {
      if (callee.kind !== 'unknown-method') return;
      provider = TOOL_CALLS.openai.includes(chain)
        ? 'openai'
        : TOOL_CALLS.anthropic.includes(chain)
          ? 'anthropic'
          : undefined;
      if (!provider || !a.ctx.text.match(provider === 'openai' ? /['"]openai['"]/ : /['"]@anthropic-ai\/sdk['"]/))
        return;
    }
    if (!TOOL_CALLS[provider as 'openai' | 'anthropic']?.includes(chain)) return;
    const tools = prop(objectArg(node, 0), 'tools');
    if (tools) a.addAgent({ node, framework: provider, kind: `${chain}()`, oneShot: true, tools: [tools] });
  },
};
