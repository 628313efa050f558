import type { ConfigPolicy } from '../config/load-config';
import { compilePolicy } from '../policies/cel';
import { policyValues } from '../policies/policy-data';
import { defineRule, type Rule } from './rule';

/** The rule id a configured policy reports under. */
export const policyRuleId = (policy: Pick<ConfigPolicy, 'id'>) => `policy/${policy.id}`;

const compiled = new Map<string, Rule>();

/** The config's policies as rules, compiled once per distinct policy. */
export function policyRules(config: { policies?: ConfigPolicy[] }): Rule[] {
  return (config.policies ?? []).map((p) => {
    const key = JSON.stringify(p);
    let rule = compiled.get(key);
    if (!rule) compiled.set(key, (rule = policyRule(p)));
    return rule;
  });
}

/**
 * A policy from agent-warden.json as a rule like any other: its findings are suppressed, baselined and reported the
 * same way. The expression was checked when the config was read.
 */
export function policyRule(policy: ConfigPolicy): Rule {
  const deny = compilePolicy(policy.deny, policy.for);
  return defineRule({
    meta: {
      id: policyRuleId(policy),
      defaultSeverity: policy.severity ?? 'error',
      summary: policy.message.replace(/\{\{\s*\w+\s*\}\}/g, '…'),
      why: policy.description ?? `A policy of this workspace (agent-warden.json): \`${policy.deny}\`.`,
      fix: 'Change the code so that the policy holds, or suppress the finding with a reason.',
      when: `For every ${policy.for} for which \`${policy.deny}\` is true.`,
      incorrect: [],
      correct: [],
      mappings: {},
      messages: {
        violation: policy.message,
        failed: "Policy '{{policy}}' could not be evaluated for '{{name}}': {{error}}",
      },
    },
    check(ctx) {
      const values = policyValues(ctx.graph);
      const subjects = policy.for === 'agent' ? values.agents : values.tools;
      for (const { node, value } of subjects) {
        let denied: boolean;
        try {
          denied = deny(value);
        } catch (e) {
          // An expression can fail on some values only (an index past the end of a list): said where, never a crash.
          ctx.report({
            loc: node.nameLoc,
            entityId: node.id,
            messageId: 'failed',
            severity: 'warning',
            data: { policy: policy.id, name: node.name, error: (e as Error).message.split('\n')[0]! },
            subject: `${policy.for}:${node.name}:${node.kind}:failed`,
          });
          continue;
        }
        if (!denied) continue;
        ctx.report({
          loc: node.nameLoc,
          anchor: node.loc,
          entityId: node.id,
          messageId: 'violation',
          data: {
            name: node.name,
            id: 'id' in value ? value.id : node.name,
            owner: node.owner ?? 'no owner',
            risk: node.risk ?? 'no',
          },
          subject: `${policy.for}:${node.name}:${node.kind}`,
        });
      }
    },
  });
}
