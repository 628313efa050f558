/** How much harm a capability can do; the highest one reached decides how strictly its holder is governed. */
export type RiskTier = 'critical' | 'high' | 'medium' | 'low';

/** A capability something can reach, with the call that shows it and the hops that lead there. */
export interface Capability {
  capability: string;
  tier: RiskTier;
  reason: string;
  /** The call that shows the capability. */
  evidence: Location;
  /** How it is reached: call sites, tools and agents on the way (empty when direct). */
  path: RelatedLocation[];
  /** What refined it, e.g. `kubectl delete`, `DELETE FROM …`, `POST api.github.com`. */
  detail?: string;
  /**
   * What it rests on when not on code: the tool's MCP annotations, or its name and description. Weaker evidence
   * than code, counted where the code shows less.
   */
  basis?: 'annotation' | 'declared';
}

/**
 * Plain-data shapes shared by every stage of the pipeline:
 *   parse → per-file facts (FileFacts) → link (AgentGraph) → rules (Finding).
 * Everything in FileFacts is JSON-serialisable so facts can be cached by content hash.
 */

/** 1-based line and column, like every editor and the CLI output. */
export interface Position {
  line: number;
  column: number;
}

export interface Location {
  /** Workspace-relative path with forward slashes. */
  file: string;
  start: Position;
  end: Position;
}

export type FrameworkId =
  | 'ai-sdk'
  | 'openai-agents'
  | 'langchain'
  | 'mcp'
  | 'mastra'
  | 'openai'
  | 'anthropic'
  | 'claude-agent'
  | 'google-adk'
  | 'fastmcp'
  | 'voltagent'
  | 'genkit'
  | 'agent-kit'
  | 'llamaindex'
  | 'webmcp'
  | 'cloudflare-agents';

/** Governance annotations read from JSDoc tags (`@owner`, `@scope`, `@approval`, `@revocation`, `@expires`). */
export interface Annotations {
  owner?: string;
  scopes?: string[];
  approval?: { mode: 'required' | 'none'; reason?: string };
  revocation?: string;
  expires?: { date: string; loc: Location };
  /** Tags that were present but malformed, e.g. `@expires tomorrow`. */
  problems?: { tag: string; message: string; loc: Location; /** The tag has no value at all. */ empty?: boolean }[];
  /** Where the JSDoc block sits, so fixes can extend it instead of adding a second one. */
  block?: { start: number; end: number };
}

/**
 * A symbolic value: what static analysis can say about an expression without running it.
 * Local `const` bindings are inlined during extraction; imports stay symbolic until linking.
 */
export type Val =
  | { k: 'str'; v: string }
  | { k: 'bool'; v: boolean }
  | { k: 'tool'; id: string }
  | { k: 'agent'; id: string }
  | { k: 'arr'; items: Val[]; loc: Location }
  | { k: 'obj'; props: ObjProp[]; loc: Location; ann?: Annotations; holder?: Location }
  | { k: 'import'; module: string; path: string[] }
  /**
   * An object of an imported module: created with `new` from its class, typed as one (`server: McpServer`), made by
   * one of its functions (`createClient(…)`), or returned by a method of another (`via`: the calls that led to it,
   * `supabase.from(…)` → `['from']`).
   */
  | { k: 'instance'; module: string; path: string[]; via?: string[]; param?: OwnerParam }
  /** `Object.values(x)`. */
  | { k: 'values'; of: Val }
  /** Any one element of a list known only by reference here (a loop over a list imported from another file). */
  | { k: 'element'; of: Val; loc: Location }
  /** A function (declaration, named arrow, method) whose facts are in `FileFacts.functions`. */
  | { k: 'fn'; id: string }
  | { k: 'member'; of: Val; prop: string }
  /** `xs.filter(...)`, `xs.slice(...)`: a subset of `of`, decided at run time. */
  | { k: 'subset'; of: Val; why: string }
  /**
   * `a ? b : c`, `a || b`: any of the options. `fallback`: the last option is what the value falls back to
   * (`a ?? 'x'`, `a || 'x'`, a parameter's default).
   */
  | { k: 'alt'; options: Val[]; fallback?: boolean }
  | { k: 'handoff'; agent: Val; toolName?: string; loc: Location }
  /**
   * Computed at run time (parameters, loop variables, calls we cannot see into). `call`: the function of another file
   * of the project whose result this is, which linking may find to make a definition (`FunctionFacts.makes`).
   * `param`: the function parameter it is, whose callers linking may find.
   */
  | { k: 'dynamic'; why: string; loc: Location; call?: Val; param?: OwnerParam };

export interface ObjProp {
  /** null for a spread (`...x`); the key text otherwise. */
  key: string | null;
  /** true when the key is computed (`[name]: ...`) and could not be resolved. */
  computed?: boolean;
  val: Val;
  loc: Location;
  ann?: Annotations;
}

export interface ToolDef {
  id: string;
  framework: FrameworkId;
  /** How the tool was defined, e.g. `tool()`, `registerTool()`, `class extends StructuredTool`. */
  kind: string;
  /** The name as the model sees it, when the definition carries one. */
  name?: Val;
  /** Name of the variable/property/class holding the definition: the fallback name. */
  bindingName?: string;
  /** The key of the object property the definition is written in: a map of tools, which keyed frameworks name by. */
  mapKey?: string;
  loc: Location;
  /** Location of the name (or of the definition when it has none), for precise diagnostics. */
  nameLoc: Location;
  /** The statement, property or class that carries the definition's JSDoc: where fixes insert one. */
  holderLoc: Location;
  annotations: Annotations;
  /** The options object literal and the framework's approval property, where a framework gate can be added. */
  approvalSite?: { options: Location; prop: string };
  /** `needsApproval`, `requireApproval`, … present on the definition. */
  frameworkApproval?: { prop: string; kind: 'gate' | 'none' | 'auto'; text: string };
  /** The MCP server (or other owner object) the tool was registered on. */
  registeredOn?: Val;
  /** When that object is a parameter of the enclosing function: whatever its callers pass there. */
  /**
   * The name is a parameter of the function the registration is in (`function registerFetch(server, toolName =
   * 'fetch')`): each call of that function with a literal there registers a tool of that name.
   */
  /** Registered inside a loop or a callback: a tool per element when the name is known for each. */
  inLoop?: boolean;
  nameParam?: OwnerParam;
  ownerParam?: OwnerParam;
  /** Agent this tool wraps (OpenAI Agents `asTool`, LangChain supervisor tools…). */
  wrapsAgent?: Val;
  /** The tool's implementation (its `execute`, handler, `_call`…). */
  impl?: Val;
  /** MCP tool annotations as declared: clients auto-approve "read-only" tools. */
  hints?: { readOnly?: boolean; destructive?: boolean; loc: Location };
  /** What the model is told the tool does, when written in the code (its first characters). */
  description?: string;
  /** Why the definition is dynamic, when it is (registered in a loop, computed name…). */
  dynamic?: string;
  /** Provider-hosted or built-in tool (web search, code interpreter…). */
  hosted?: boolean;
  /** What the provider calls it (`local_shell`, `webSearch`, `bash_20250124`). */
  hostedType?: string;
  /**
   * A class extending one of the project's classes rather than the framework's: a tool only if that class is a
   * tool of the same framework, whose name and code it keeps where it has none of its own (decided by linking).
   */
  extendsClass?: Val;
  /** A tool class declared `abstract`: never a tool itself, only its subclasses are. */
  abstractClass?: boolean;
}

export interface AgentDef {
  id: string;
  framework: FrameworkId;
  kind: string;
  name?: Val;
  bindingName?: string;
  loc: Location;
  nameLoc: Location;
  holderLoc: Location;
  annotations: Annotations;
  /** Tool collection as written: an array or a key → tool map (object keys name AI SDK / Mastra tools). */
  tools: Val[];
  /** Handoffs, sub-agents, supervised agents. */
  delegates: Val[];
  /** The model it calls, as its options name it (`gpt-5-mini`, `openai/gpt-5-mini`), when the code says so. */
  model?: string;
  /**
   * Agent-level approval settings (AI SDK v7 `toolApproval`, LangChain `interruptOn`, `interruptBefore`): tool name or
   * `*`.
   */
  toolGates?: { tool: string; kind: 'gate' | 'none' | 'auto'; detail: string }[];
  /**
   * Events the workflow step returns after each model call that makes the agent (see `AgentInput.emits`), by the
   * expression written.
   */
  emits?: { val: Val; text: string }[][];
}

/** A registration that yields tools only after linking, e.g. an MCP `ListTools` handler's `tools` array. */
/**
 * Parameter `i` of function `fn` (a `FunctionFacts` id). On a value (`dynamic`, or `instance` when typed): what the
 * function's callers pass there, which linking can find.
 */
export interface OwnerParam {
  fn: string;
  i: number;
}

export interface ToolListRegistration {
  framework: FrameworkId;
  kind: string;
  /** The server/agent the list belongs to. */
  owner?: Val;
  /** When the owner is a parameter of the enclosing function: whatever its callers pass there. */
  ownerParam?: OwnerParam;
  tools: Val;
  loc: Location;
  /** `true` when the list is filtered at run time (e.g. by environment variables). */
  filtered?: string;
  /** The list holds agents the owner hands off to, not tools. */
  delegation?: boolean;
}

export interface CredentialRead {
  /** Environment variable name, or the property the literal was assigned to. */
  name: string;
  source: 'env' | 'literal';
  loc: Location;
  /** `module` when read at module level (static), `function` when read inside a function. */
  scope: 'module' | 'function';
  /** The tool whose definition contains the read, if any. */
  toolId?: string;
  /** The function reading it. */
  fnId?: string;
  /** Where the value goes when it is written straight into text the model sees or a tool's result. */
  flowsInto?: { kind: 'prompt' | 'description' | 'result'; via: string };
}

export interface ImportBinding {
  local: string;
  module: string;
  /** Imported name; 'default' for default imports, '*' for namespace imports and whole-module `require`. */
  imported: string;
}

export interface ReExport {
  module: string;
  /** [exported-as, imported] pairs; absent for `export * from`. */
  names?: [string, string][];
}

export interface Suppression {
  kind: 'next-line' | 'line' | 'file';
  /** Empty = every rule. */
  rules: string[];
  reason?: string;
  until?: string;
  /** The line the suppression applies to (next-line/line), 1-based. */
  targetLine: number;
  loc: Location;
  problems: string[];
}

/** A symbolic argument value, enough to classify a call (SQL text, command line, HTTP method and URL). */
export type Sym =
  | { t: 'str'; v: string; exact: boolean }
  | { t: 'arr'; items: Sym[] }
  | { t: 'obj'; props: Record<string, Sym> }
  /** The enclosing function's parameter `i` (and a property path into it): filled in at each call site. */
  | { t: 'param'; i: number; path: string[] }
  /** An agent or server object passed on (`registerTools(server)`). */
  | { t: 'agent'; id: string }
  /** A tool passed on (`getWorkflow(queryTool, interpreterTool)`). */
  | { t: 'tool'; id: string }
  /**
   * An object of a package passed on (`deleteEvent(id, calendar)`): known here (`module`, with the calls that made it),
   * or the result of a function linking finds (`by`: `await this.getCalendarClient()`).
   */
  | { t: 'object'; module?: string; via?: string[]; by?: Val; file?: string }
  | { t: 'alt'; options: Sym[] }
  | { t: 'unknown' };

/** A call that matched the capability catalog. */
export interface CapabilityHit {
  entry: string;
  args: Sym[];
  loc: Location;
}

/** A call to something that may carry capabilities: a local or imported function, a tool, an agent. */
export interface FunctionCall {
  callee: Val;
  args: Sym[];
  loc: Location;
  /** An inline callback or dispatch branch: it sees the caller's own arguments. */
  inherit?: boolean;
}

export interface FunctionFacts {
  id: string;
  name: string;
  loc: Location;
  hits: CapabilityHit[];
  calls: FunctionCall[];
  /** A `BEGIN TRANSACTION READ ONLY` in the function: its other queries only read. */
  readOnlyTransaction?: boolean;
  /** Human approval asked in code: LangGraph `interrupt()`, MCP elicitation, `requestConfirmation()`. */
  gates?: Location[];
  /**
   * An argument of the model's input the function checks before acting (`if (!confirmDrain) return …`): the tool
   * refuses until the model, told to ask the user, sets it.
   */
  confirmations?: { loc: Location; arg: string }[];
  /** Audit-log calls (`audit()`, `auditLog.write()`, configured loggers). */
  audits?: Location[];
  /**
   * Calls on an object known only when linking: what another function returns (a method of a base class in another
   * file, a helper imported from one: `(await this.getGmailClient()).users.messages.send(…)`), or a parameter, which
   * is whatever each caller passes (`calendar.events.delete(…)` in a helper given the client). Matched against the
   * catalog once linking tells which package's object it is.
   */
  productCalls?: { of: Sym; members: string[]; args: Sym[]; loc: Location }[];
  /**
   * What a function of the module's top level returns when that is a definition (a tool, an agent, a client): what
   * a call of it from another file makes (`{ act: actTool(v3) }` holds the tool `actTool` returns).
   */
  makes?: Val;
}

/** A branch of an MCP `CallTool` handler dispatching on the tool name: the tool's implementation. */
export interface ToolDispatch {
  name: string;
  fnId: string;
  owner?: Val;
  loc: Location;
}

export interface FileFacts {
  file: string;
  /** Agent SDK modules the file imports (normalised specifiers). */
  sdkImports: string[];
  imports: ImportBinding[];
  exports: Record<string, Val>;
  reExports: ReExport[];
  tools: ToolDef[];
  agents: AgentDef[];
  toolLists: ToolListRegistration[];
  /**
   * Objects that may be maps of tools made elsewhere (`{ act: actTool(page), goto: gotoTool(page) }`), whatever
   * they are given to later: when every value is a tool, the keys are the names the model is given (keyed frameworks).
   */
  toolMaps?: Extract<Val, { k: 'obj' }>[];
  credentials: CredentialRead[];
  functions: FunctionFacts[];
  dispatch: ToolDispatch[];
  /** Secrets split across a concatenation of literals (`'sk-proj-' + 'abc…'`): masked, never the value. */
  splitSecrets: {
    ruleId: string;
    provider: string;
    description: string;
    masked: string;
    hash: string;
    envName?: string;
    loc: Location;
  }[];
  fileAnnotations: Annotations;
  suppressions: Suppression[];
  /** Syntax errors reported by the parser: facts are still extracted from what parsed. */
  syntaxErrors: number;
}

/** The versions a package.json declares (dependencies of every kind), by module, for the files below `dir`. */
export interface DeclaredVersions {
  dir: string;
  versions: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------
// The linked graph: agents, tools, credentials and the edges between them
// ---------------------------------------------------------------------------------------------

export interface ToolNode {
  id: string;
  name: string;
  /** Where the name came from: the definition itself, a registration key, or the variable holding it. */
  nameSource: 'definition' | 'registration' | 'binding' | 'unknown';
  /**
   * The name the definition gives itself, where the model is given another: Mastra's `createTool({ id })` registered
   * as `tools: { weather }` is called `weather`.
   */
  definedName?: string;
  framework: FrameworkId;
  kind: string;
  loc: Location;
  nameLoc: Location;
  holderLoc: Location;
  annotations: Annotations;
  approvalSite?: ToolDef['approvalSite'];
  owner?: string;
  /** Where the owner came from: `agent` when an agent or server exposing the tool names it. */
  ownerSource?: 'annotation' | 'file' | 'agent' | 'config' | 'codeowners';
  /** The config glob or CODEOWNERS rule that named the owner, or the agent it was taken from. */
  ownerRule?: string;
  scopes: string[];
  /** Set when the scopes are not the tool's own but those written on the agents that expose it. */
  scopeSource?: 'agent';
  approval?: { source: 'framework' | 'annotation' | 'code'; detail: string };
  /** An approval setting that is no gate: it never asks, or always approves. */
  approvalNote?: string;
  expires?: string;
  dynamic?: string;
  hosted?: boolean;
  /** What the provider calls a hosted tool (`local_shell`, `webSearch`, `bash_20250124`). */
  hostedType?: string;
  /** Agents / servers that expose this tool. */
  agents: string[];
  /** Agent wrapped by this tool (agent-as-tool, handoff). */
  delegatesTo?: string;
  credentials: string[];
  /** What the tool can do, inferred from its code (and what it chains to), highest tier first. */
  capabilities: Capability[];
  /** The highest tier among its capabilities. */
  risk?: RiskTier;
  /** MCP annotations as declared (`readOnlyHint`, `destructiveHint`). */
  hints?: ToolDef['hints'];
  /** What the model is told the tool does, when the code says it in place. */
  description?: string;
  /** Where the tool (or what it calls) writes an audit record. */
  audit?: Location;
  /** Static credentials (module-level env reads) behind the clients its high-risk capabilities use. */
  staticCredentials?: { name: string; loc: Location }[];
  /** The tool's implementation functions (for flows into its result). */
  implFunctions?: string[];
}

export interface AgentNode {
  id: string;
  name: string;
  framework: FrameworkId;
  kind: string;
  loc: Location;
  nameLoc: Location;
  holderLoc: Location;
  annotations: Annotations;
  owner?: string;
  ownerSource?: ToolNode['ownerSource'];
  ownerRule?: string;
  revocation?: string;
  expires?: string;
  tools: string[];
  delegates: string[];
  /** Tool registrations whose content could not be resolved statically. */
  dynamicTools: { why: string; loc: Location }[];
  /** Effective permission: everything reachable through its tools and delegates, highest tier first. */
  effective: Capability[];
  toolGates?: AgentDef['toolGates'];
  risk?: RiskTier;
  /** The model it calls, when its options name it. */
  model?: string;
}

export interface CredentialNode {
  name: string;
  source: 'env' | 'literal';
  lifetime: 'static' | 'hardcoded';
  locations: Location[];
  tools: string[];
}

export interface AgentGraph {
  agents: AgentNode[];
  tools: ToolNode[];
  credentials: CredentialNode[];
  /** Registrations the analyzer could not enumerate: the inventory is incomplete there. */
  dynamicRegistrations: { framework: FrameworkId; why: string; loc: Location; owner?: string }[];
}

// ---------------------------------------------------------------------------------------------
// Findings
// ---------------------------------------------------------------------------------------------

export type Severity = 'error' | 'warning' | 'info';

export interface RelatedLocation {
  message: string;
  loc: Location;
  /** For a hop of a chain: the agent or tool it passes through (a link built it; rules and the graph read it). */
  via?: { kind: 'agent' | 'tool'; id: string };
}

/**
 * What a fix does, as data: server/src/fixes turns it into text edits against the file as it is when the fix is
 * applied. A rule chooses its fixes; it never writes edits itself (rules never parse).
 */
export type FixAction =
  /** Adds `@scope` or `@revocation` to the JSDoc of the finding's agent or tool. */
  | {
      kind: 'add-tag';
      tag: 'scope' | 'revocation';
      value: string;
      /** What the editor's placeholder says. */ hint?: string;
    }
  /** Adds `@owner`, offering the owners the workspace already names. */
  | { kind: 'add-owner' }
  /** Replaces a hardcoded secret at the finding with `process.env.<envName>`. */
  | { kind: 'read-secret-from-env'; envName: string }
  /** Moves the `@expires` date of the finding's agent or tool this many days past today. */
  | { kind: 'renew-expiry'; days: number }
  /** Adds the framework's approval gate to the finding's tool (or `@approval required`). */
  | { kind: 'require-approval' }
  /** Gives the suppression comment at the finding the reason it lacks. */
  | { kind: 'add-suppression-reason' }
  /** Writes the agent's (or a standalone tool's) entry of the authority lockfile as the code grants it now. */
  | { kind: 'update-lockfile'; agent?: string; tool?: string };

/** A fix offered with a finding. */
export interface FindingFix {
  title: string;
  /** Needs no human choice: fix-all and `scan --fix` apply it. */
  safe: boolean;
  /** The fix an editor puts first and applies on "quick fix". */
  preferred?: boolean;
  action: FixAction;
}

export interface Finding {
  ruleId: string;
  /** Which of the rule's messages this is (`RuleMeta.messages`): what code may branch on, never the text. */
  messageId: string;
  severity: Severity;
  message: string;
  loc: Location;
  related: RelatedLocation[];
  /** Stable across edits that move code: derived from the rule and the entity, never the line. */
  fingerprint: string;
  /** What the finding is about (tool/agent name + kind, secret hash), for grouping. */
  subject?: string;
  /** The tool or agent node the finding is about, when it is about one (fixes and hovers use it). */
  entityId?: string;
  /** The whole definition the finding is about (suppression comments go above its first line). */
  anchor?: Location;
  /** The values the message was written with, and facts for the editor (`chain`: the graph nodes of a chain). */
  data?: Record<string, string>;
  /** The fixes the rule offers for this finding, best first. */
  fixes: FindingFix[];
}

// What an analysis gives its front ends

/** Something the analysis could not do for a file (binary, oversized, unparsable): said, never silently. */
export interface Notice {
  file: string;
  message: string;
  /** `blind-spot`: a package depends on an agent framework, but no agent or tool was found in its code. */
  kind?: 'blind-spot';
}

/** Everything one analysis found: the identity graph, the findings after suppressions, and counts. */
export interface AnalysisResult {
  graph: AgentGraph;
  findings: Finding[];
  facts: FileFacts[];
  notices: Notice[];
  /** The workspace's own policies (agent-warden.json `policies`), reported as rules `policy/<id>`. */
  policies?: { id: string; summary: string; severity: Severity; description?: string }[];
  stats: {
    files: number;
    sourceFiles: number;
    agents: number;
    tools: number;
    syntaxErrors: number;
    /** Source files under `testPaths`, left out of governance rules. */
    testFiles: number;
    suppressed: number;
    baselined?: number;
    /** With `--cache`: files whose results came from the cache. */
    fromCache?: number;
    /** With `--threads`: files parsed in worker threads. */
    parsedInWorkers?: number;
  };
}
