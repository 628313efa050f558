import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';

describe('agent-warden inventory', () => {
  const inv = JSON.parse(runCli(['inventory', 'examples/support-desk']).stdout);
  const agent = (name: string) => inv.agents.find((a: { name: string }) => a.name === name);
  const tool = (name: string) => inv.tools.find((t: { name: string }) => t.name === name);

  it('lists every agent with framework, owner, revocation, tools and delegates', () => {
    expect(inv.agents.map((a: { name: string }) => a.name).sort()).toEqual([
      'Accounts',
      'Ops helper',
      'Technical support',
      'Triage',
      'acme-crm',
      'answerBillingQuestion',
      'legacyBot',
      'researcher',
    ]);
    expect(agent('Triage')).toMatchObject({
      framework: 'openai-agents',
      file: 'examples/support-desk/src/agents/triage.ts',
      owner: 'team-support',
      tools: ['ask_accounts'],
      delegates: ['Technical support', 'Accounts'],
    });
    expect(agent('answerBillingQuestion')).toMatchObject({
      framework: 'ai-sdk',
      owner: 'team-billing',
      ownerSource: 'config',
      tools: ['lookupInvoice', 'refundCharge'],
    });
    expect(agent('researcher')).toMatchObject({
      owner: '@acme/research-platform',
      ownerSource: 'codeowners',
      ownerRule: 'CODEOWNERS:2 /src/research/ @acme/research-platform',
      tools: ['web_search', 'summarise_ticket'],
    });
    expect(agent('acme-crm')).toMatchObject({ framework: 'mcp', owner: 'team-crm', revocation: null, complete: true });
  });

  it('names the model each agent calls where its options say (schema 1.1)', () => {
    expect(inv.schemaVersion).toBe('1.1');
    expect(
      Object.fromEntries(inv.agents.map((a: { name: string; model: string | null }) => [a.name, a.model])),
    ).toEqual({
      Accounts: null,
      'Ops helper': 'openai/gpt-5-mini',
      'Technical support': null,
      Triage: null,
      'acme-crm': null,
      answerBillingQuestion: 'gpt-5-mini',
      legacyBot: 'gpt-4o-mini',
      researcher: 'openai:gpt-5-mini',
    });
  });

  it('lists every tool with owner, scopes, approval and dynamic state', () => {
    expect(tool('refundCharge')).toMatchObject({
      scopes: ['payments:write', 'network:egress'],
      approval: 'needsApproval: true',
      owner: 'team-billing',
      risk: 'critical',
    });
    expect(tool('merge_customers')).toMatchObject({
      expires: '2026-03-31',
      scopes: ['db:write'],
      risk: 'critical',
      hints: { readOnly: null, destructive: false },
    });
    expect(tool('web_search')).toMatchObject({ credentials: ['TAVILY_API_KEY'] });
    expect(inv.tools.filter((t: { dynamic: string | null }) => t.dynamic)).toHaveLength(1);
  });

  it('lists credentials, hardcoded ones masked', () => {
    const names = inv.credentials.map((c: { name: string }) => c.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'STRIPE_SECRET_KEY',
        'TAVILY_API_KEY',
        'OPENAI_API_KEY',
        'CRM_DATABASE_URL',
        'generic-secret lk_9…(31 chars)',
      ]),
    );
  });
});
