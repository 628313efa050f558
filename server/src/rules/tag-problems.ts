import type { AgentNode, ToolNode } from '../analyzer/types';
import type { FixSpec, MessageData, RuleContext } from './rule';

type TagProblem = NonNullable<ToolNode['annotations']['problems']>[number];

/**
 * Each malformed `@tag` on an agent or tool (`@scope everything`, `@expires tomorrow`), reported where it is written,
 * with `{{name}}` and `{{problem}}` (and any other data) for the message, and the fixes `suggest` offers for it.
 */
export function reportTagProblems<M extends string>(
  ctx: RuleContext<M>,
  node: AgentNode | ToolNode,
  tag: string,
  report: { messageId: M; subject: string; data?: MessageData; suggest?: (p: TagProblem) => FixSpec<M>[] },
): void {
  for (const p of node.annotations.problems ?? []) {
    if (p.tag !== tag) continue;
    ctx.report({
      loc: p.loc,
      anchor: node.loc,
      entityId: node.id,
      messageId: report.messageId,
      data: { name: node.name, problem: p.message, ...report.data },
      subject: report.subject,
      suggest: report.suggest?.(p) ?? [],
    });
  }
}
