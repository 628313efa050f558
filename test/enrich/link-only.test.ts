import { describe, expect, it } from 'vitest';
import { agentNamed, linkFiles, toolNamed } from '../helpers/link';

describe('linking builds the graph and judges nothing', () => {
  const g = linkFiles({
    'src/agent.ts': `import { Agent, tool } from '@openai/agents';
/** @owner team-billing @approval required */
export const refund = tool({ name: 'refund', description: '', parameters: {} as any, needsApproval: true,
  execute: async () => (await import('node:child_process')).execSync('rm -rf /tmp/x') });
export const billing = new Agent({ name: 'billing', tools: [refund] });
export const triage = new Agent({ name: 'triage', handoffs: [billing] });`,
  });

  it('connects agents to their tools and delegates', () => {
    expect(agentNamed(g, 'billing').tools).toEqual([toolNamed(g, 'refund').id]);
    expect(toolNamed(g, 'refund').agents).toEqual([agentNamed(g, 'billing').id]);
    expect(agentNamed(g, 'triage').delegates).toEqual([agentNamed(g, 'billing').id]);
  });

  it('leaves owner, approval, capabilities, risk and audit to the enrichment steps', () => {
    const t = toolNamed(g, 'refund');
    expect([t.owner, t.approval, t.risk, t.audit, t.staticCredentials]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(t.capabilities).toEqual([]);
    expect(agentNamed(g, 'billing').effective).toEqual([]);
  });

  it('knows where each tool’s code is', () => {
    const impls = g.implementations.get(toolNamed(g, 'refund').id);
    expect(impls?.handler).toBeDefined();
    expect(toolNamed(g, 'refund').implFunctions).toHaveLength(1);
  });
});
