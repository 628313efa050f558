import { ts } from '../../typescript';
import { type FrameworkAdapter, implOf, isExport, methodName, objectArg, prop } from '../adapter';

/** Hosted tools run by OpenAI; the name the model sees, where it is fixed. */
const HOSTED_TOOLS: Record<string, string | undefined> = {
  webSearchTool: 'web_search',
  fileSearchTool: 'file_search',
  codeInterpreterTool: 'code_interpreter',
  imageGenerationTool: 'image_generation',
  computerTool: 'computer_use',
  shellTool: 'shell',
  applyPatchTool: 'apply_patch',
  toolSearchTool: 'tool_search',
  hostedMcpTool: undefined, // named by its serverLabel
};

/** The option of a hosted tool that runs here: its methods are what the tool does on this machine. */
const LOCAL_IMPLEMENTATION: Record<string, string | undefined> = {
  shellTool: 'shell',
  computerTool: 'computer',
  applyPatchTool: 'editor',
};

/** OpenAI Agents SDK (`@openai/agents`): `tool({name})`, `new Agent({tools, handoffs})`, `asTool()`, `handoff()`. */
export const openAiAgentsAdapter: FrameworkAdapter = {
  framework: 'openai-agents',
  modules: /^@openai\/agents(-core|-openai|-realtime|-extensions)?(\/.*)?$/,
  // `.asTool()` on an agent imported from another file.
  entryPoints: 'any',
  visitCall(node, callee, a) {
    if (callee.kind === 'export') {
      const opts = objectArg(node, 0);
      if (ts.isCallExpression(node) && isExport(callee, 'tool')) {
        const approval = prop(opts, 'needsApproval');
        const execute = prop(opts, 'execute');
        // The SDK falls back to the execute function's name when `name` is absent.
        const fnName = execute && ts.isFunctionExpression(execute) && execute.name ? execute.name.text : undefined;
        a.addTool({
          node,
          framework: 'openai-agents',
          kind: 'tool()',
          name: prop(opts, 'name') ?? fnName,
          normaliseName: 'openai-agents',
          approval: approval && { prop: 'needsApproval', expr: approval },
          approvalSite: opts && { options: opts, prop: 'needsApproval' },
          impl: implOf(opts),
        });
        return;
      }
      if (ts.isCallExpression(node) && callee.path.length === 1 && callee.path[0]! in HOSTED_TOOLS) {
        const fn = callee.path[0]!;
        const approval = prop(opts, 'needsApproval') ?? prop(opts, 'requireApproval');
        a.addTool({
          node,
          framework: 'openai-agents',
          kind: `${fn}()`,
          name: fn === 'hostedMcpTool' ? prop(opts, 'serverLabel') : HOSTED_TOOLS[fn],
          hosted: true,
          hostedType: fn === 'hostedMcpTool' ? 'mcp' : HOSTED_TOOLS[fn],
          // The object that does the work on this machine (`shellTool({ shell: new LocalShell() })`).
          impl: LOCAL_IMPLEMENTATION[fn] ? prop(opts, LOCAL_IMPLEMENTATION[fn]) : undefined,
          approval: approval && {
            prop: prop(opts, 'needsApproval') ? 'needsApproval' : 'requireApproval',
            expr: approval,
          },
        });
        return;
      }
      const isAgentClass =
        (ts.isNewExpression(node) && isExport(callee, 'Agent', 'RealtimeAgent')) ||
        (ts.isCallExpression(node) && callee.path.join('.') === 'Agent.create');
      if (isAgentClass) {
        const tools = prop(opts, 'tools');
        const handoffs = prop(opts, 'handoffs');
        a.addAgent({
          node,
          framework: 'openai-agents',
          kind: ts.isNewExpression(node) ? `new ${callee.path[0]}()` : 'Agent.create()',
          name: prop(opts, 'name'),
          tools: tools ? [tools] : [],
          delegates: handoffs ? [handoffs] : [],
          cls: { module: callee.module, path: [callee.path[0]!] },
        });
        return;
      }
      if (ts.isCallExpression(node) && isExport(callee, 'handoff') && node.arguments[0]) {
        const override = prop(objectArg(node, 1), 'toolNameOverride');
        const nameVal = override ? a.ctx.evaluate(override) : undefined;
        a.ctx.definitions.set(node, {
          k: 'handoff',
          agent: a.ctx.evaluate(node.arguments[0]),
          toolName: nameVal?.k === 'str' ? nameVal.v : undefined,
          loc: a.ctx.loc(node),
        });
      }
      return;
    }
    // `faqAgent.handoffs.push(triageAgent)`, `agent.tools.push(tool)`: lists grown after the agent is made.
    const list = callee.kind === 'method' && callee.agentId ? callee.members.join('.') : '';
    if (ts.isCallExpression(node) && (list === 'handoffs.push' || list === 'tools.push') && callee.kind === 'method') {
      for (const added of node.arguments) {
        const delegation = list === 'handoffs.push';
        a.addToolList({
          framework: 'openai-agents',
          kind: `${list}()`,
          owner: callee.receiver,
          tools: added,
          node,
          delegation,
        });
      }
      return;
    }
    // `agent.asTool({ toolName })`: on a recognised Agent, or on an agent imported from another file.
    if (ts.isCallExpression(node) && methodName(callee) === 'asTool') {
      if (callee.kind === 'method' && !callee.agentId && !/^@openai\/agents/.test(callee.module)) return;
      const opts = objectArg(node, 0);
      const approval = prop(opts, 'needsApproval');
      const receiver = (node.expression as ts.PropertyAccessExpression).expression;
      a.addTool({
        node,
        framework: 'openai-agents',
        kind: 'asTool()',
        name: prop(opts, 'toolName'),
        normaliseName: 'openai-agents',
        wrapsAgent: receiver,
        approval: approval && { prop: 'needsApproval', expr: approval },
        approvalSite: opts && { options: opts, prop: 'needsApproval' },
      });
    }
  },
};
