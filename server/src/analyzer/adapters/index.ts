import type { FrameworkAdapter } from '../adapter';
import { aiSdkAdapter } from './ai-sdk';
import { claudeAgentSdkAdapter } from './claude-agent-sdk';
import { fastMcpAdapter } from './fastmcp';
import { googleAdkAdapter } from './google-adk';
import { langchainAdapter } from './langchain';
import { mastraAdapter } from './mastra';
import { mcpAdapter } from './mcp';
import { openAiAgentsAdapter } from './openai-agents';
import { rawLlmApisAdapter } from './raw-llm-apis';

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
];

/** The adapters whose modules a file imports (by its import specifiers): the only ones that can see anything there. */
export function adaptersFor(specifiers: readonly string[]): FrameworkAdapter[] {
  return ADAPTERS.filter((a) => specifiers.some((s) => a.modules.test(s)));
}
