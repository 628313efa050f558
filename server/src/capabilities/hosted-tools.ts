import type { RiskTier } from '../analyzer/types';

/**
 * What a provider-hosted or built-in tool can do, by the name its provider gives it: OpenAI's Responses API and
 * Agents SDK (`local_shell`, `computer_use_preview`, `apply_patch`, `shellTool()`…), Anthropic's server and client
 * tools (`bash_20250124`, `computer_20250124`, `text_editor_20250429`, `code_execution_20250825`…), the AI SDK's
 * provider tools (`openai.tools.localShell()`, `anthropic.tools.bash_20250124()`, `google.tools.googleSearch()`),
 * and tools a framework's own package adds (Genkit's `filesystem()` middleware).
 * The code that runs is the provider's or the harness's, so it cannot be read: the kind of tool says it all.
 */
const HOSTED_TOOLS: { kinds: readonly string[]; capability: string; tier: RiskTier; reason: string }[] = [
  {
    kinds: ['shell', 'local_shell', 'bash'],
    capability: 'system:exec',
    tier: 'critical',
    reason: 'runs shell commands',
  },
  {
    kinds: ['computer', 'computer_use', 'computer_use_preview'],
    capability: 'computer:control',
    tier: 'critical',
    reason: "operates a computer's screen, keyboard and mouse",
  },
  { kinds: ['apply_patch', 'text_editor'], capability: 'file:write', tier: 'high', reason: 'edits files' },
  // Genkit's filesystem middleware: tools of the package's own, confined to a root directory.
  { kinds: ['filesystem_write'], capability: 'file:write', tier: 'high', reason: 'writes and edits files' },
  { kinds: ['filesystem_read'], capability: 'file:read', tier: 'medium', reason: 'reads files' },
  {
    kinds: ['mcp'],
    capability: 'mcp:remote',
    tier: 'high',
    reason: "calls a remote MCP server's tools, whatever they do",
  },
  {
    kinds: ['code_interpreter', 'code_execution'],
    capability: 'code:exec-sandboxed',
    tier: 'medium',
    reason: "runs code in the provider's sandbox",
  },
  {
    kinds: [
      'web_search',
      'web_search_preview',
      'web_fetch',
      'google_search',
      'url_context',
      'enterprise_web_search',
      'load_web_page',
    ],
    capability: 'web:read',
    tier: 'low',
    reason: 'reads the web',
  },
  {
    kinds: ['file_search', 'vertex_ai_search'],
    capability: 'documents:read',
    tier: 'low',
    reason: 'searches indexed documents',
  },
  // A package's own tools (LlamaIndex's `interpreter()`, `documentGenerator()`): what their code does, by kind.
  {
    kinds: ['sandbox_code'],
    capability: 'sandbox:exec',
    tier: 'high',
    reason: "runs the model's code in a remote sandbox",
  },
  {
    kinds: ['generated_files'],
    capability: 'file:create',
    tier: 'medium',
    reason: 'writes the files it generates into its output folder',
  },
  // Not hosted, but what it does is in its kind: an x402 paid tool (Cloudflare Agents' `paidTool`) takes a payment
  // from the agent that calls it, whatever its code does.
  {
    kinds: ['x402_paid_tool'],
    capability: 'payments:write',
    tier: 'critical',
    reason: 'charges the calling agent for each call (x402)',
  },
];

/**
 * The capability of a hosted tool of this kind (`webSearch`, `bash_20250124`, `computer_use_preview`: the
 * version suffix and the spelling do not matter), if it has one worth governing.
 */
export function hostedToolCapability(kind: string): { capability: string; tier: RiskTier; reason: string } | undefined {
  const base = kind
    .replace(/_?\d{8}$/, '')
    .replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
    .replace(/^_/, '');
  return HOSTED_TOOLS.find((h) => h.kinds.includes(base));
}
