import type { FrameworkAdapter } from '../adapter';
import { agentKitAdapter } from './agent-kit';
import { aiSdkAdapter } from './ai-sdk';
import { claudeAgentSdkAdapter } from './claude-agent-sdk';
import { cloudflareAgentsAdapter } from './cloudflare-agents';
import { fastMcpAdapter } from './fastmcp';
import { genkitAdapter } from './genkit';
import { googleAdkAdapter } from './google-adk';
import { langchainAdapter } from './langchain';
import { llamaIndexAdapter } from './llamaindex';
import { mastraAdapter } from './mastra';
import { mcpAdapter } from './mcp';
import { openAiAgentsAdapter } from './openai-agents';
import { rawLlmApisAdapter } from './raw-llm-apis';
import { voltAgentAdapter } from './voltagent';
import { webMcpAdapter } from './webmcp';

/** Every framework adapter, one file each. Adding a framework = adding a file and a line here. */
export const ADAPTERS: FrameworkAdapter[] = [
  aiSdkAdapter,
  openAiAgentsAdapter,
  langchainAdapter,
  mcpAdapter,
  mastraAdapter,
  rawLlmApisAdapter,
  claudeAgentSdkAdapter,
  googleAdkAdapter,
  fastMcpAdapter,
  voltAgentAdapter,
  agentKitAdapter,
  genkitAdapter,
  llamaIndexAdapter,
  webMcpAdapter,
  cloudflareAgentsAdapter,
];

/**
 * Every adapter's `shapes` in one expression: a text is searched once for all of them (about 0.6 of the time the
 * three took one by one over the agent-dense corpus), and only a text that shows one is searched for which.
 */
const ANY_SHAPE = new RegExp(
  ADAPTERS.flatMap((a) => {
    if (a.shapes?.flags) throw new Error(`${a.framework}: shapes are joined into one expression, without flags`);
    return a.shapes ? [`(?:${a.shapes.source})`] : [];
  }).join('|'),
);

/**
 * The adapters whose modules a file imports (by its import specifiers), and those whose framework object the text
 * shows in use (`shapes`): the only ones that can see anything there.
 */
export function adaptersFor(specifiers: readonly string[], text?: string): FrameworkAdapter[] {
  const shown = text !== undefined && showsFrameworkShape(text);
  return ADAPTERS.filter((a) => specifiers.some((s) => a.modules.test(s)) || (shown && a.shapes?.test(text)));
}

/** Whether some adapter recognises its framework's object in a text that imports none of its modules. */
export function showsFrameworkShape(text: string): boolean {
  return ANY_SHAPE.test(text);
}
