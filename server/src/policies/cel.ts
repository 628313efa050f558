import type * as Cel from '@marcbachmann/cel-js';
import type { AgentValue, ToolValue } from './policy-data';

/** What a policy is evaluated for: each agent, or each tool. */
export type PolicySubject = 'agent' | 'tool';

/**
 * The CEL types of the identity graph, as policies see it. Absent values are empty strings (no owner, no risk, no
 * approval gate) so that every field always has its type.
 */
const CREDENTIAL = { name: 'string', lifetime: 'string' };
const TOOL = {
  name: 'string',
  framework: 'string',
  owner: 'string',
  risk: 'string',
  capabilities: 'list<string>',
  approval: 'string',
  scopes: 'list<string>',
  credentials: 'list<Credential>',
  agents: 'list<string>',
  delegatesTo: 'string',
};
const AGENT = {
  id: 'string',
  name: 'string',
  framework: 'string',
  owner: 'string',
  risk: 'string',
  complete: 'bool',
  tools: 'list<Tool>',
  delegates: 'list<string>',
  capabilities: 'list<string>',
  credentials: 'list<Credential>',
};

// CEL checks a value's type by its class: the values are built as instances of these (plain objects nested in lists
// would not be taken for a Tool or a Credential).
class CelCredential {
  constructor(
    readonly name: string,
    readonly lifetime: string,
  ) {}
}
class CelTool {
  readonly credentials: CelCredential[];
  constructor(value: ToolValue) {
    Object.assign(this, value);
    this.credentials = value.credentials.map((c) => new CelCredential(c.name, c.lifetime));
  }
}
class CelAgent {
  readonly tools: CelTool[];
  readonly credentials: CelCredential[];
  constructor(value: AgentValue) {
    Object.assign(this, value);
    this.tools = value.tools.map((t) => new CelTool(t));
    this.credentials = value.credentials.map((c) => new CelCredential(c.name, c.lifetime));
  }
}

/**
 * The CEL library, loaded on first use: only a workspace with policies needs it, and loading it (its functions and
 * types registered as it loads) would be part of every start of the language server.
 */
function celLibrary(): typeof Cel {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  return require('@marcbachmann/cel-js') as typeof Cel;
}

function environment(subject: PolicySubject): Cel.Environment {
  return new (celLibrary().Environment)({ limits: { maxAstNodes: 5000, maxDepth: 100 } })
    .registerType('Credential', { ctor: CelCredential, fields: CREDENTIAL })
    .registerType('Tool', { ctor: CelTool, fields: TOOL })
    .registerType('Agent', { ctor: CelAgent, fields: AGENT })
    .registerVariable(subject, subject === 'agent' ? 'Agent' : 'Tool');
}

const ENVIRONMENTS: Partial<Record<PolicySubject, Cel.Environment>> = {};
const environmentFor = (subject: PolicySubject) => (ENVIRONMENTS[subject] ??= environment(subject));

/** Why an expression cannot be a policy, and where in it (0-based offset), or undefined when it can. */
export function checkPolicyExpression(
  expression: string,
  subject: PolicySubject,
): { message: string; offset: number } | undefined {
  const result = environmentFor(subject).check(expression);
  if (!result.valid) {
    const error = result.error as Error & { node?: { pos?: number } };
    return { message: error.message.split('\n')[0]!, offset: error.node?.pos ?? 0 };
  }
  if (result.type !== 'bool')
    return { message: `a policy's \`deny\` must be true or false, not a ${String(result.type)}`, offset: 0 };
  return undefined;
}

/** A checked expression, ready to evaluate for one agent or tool; throws when the value does not fit the types. */
export function compilePolicy(expression: string, subject: PolicySubject): (value: AgentValue | ToolValue) => boolean {
  const program = environmentFor(subject).parse(expression);
  return (value) =>
    program({
      [subject]: subject === 'agent' ? new CelAgent(value as AgentValue) : new CelTool(value as ToolValue),
    }) === true;
}
