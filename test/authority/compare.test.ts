import { describe, expect, it } from 'vitest';
import { compareAuthority, grantsMore } from '../../server/src/authority/compare';
import type { AgentAuthority, Authority, ToolAuthority } from '../../server/src/authority/model';

const tool = (over: Partial<ToolAuthority> = {}): ToolAuthority => ({
  risk: 'medium',
  capabilities: ['network:egress'],
  approval: null,
  scopes: [],
  credentials: [],
  delegatesTo: null,
  ...over,
});

const agent = (over: Partial<AgentAuthority> = {}): AgentAuthority => ({
  name: 'ops',
  framework: 'mastra',
  owner: 'team-ops',
  risk: 'medium',
  complete: true,
  delegates: [],
  tools: { purge: tool() },
  ...over,
});

const one = (a: AgentAuthority): Authority => ({ agents: { 'mastra:ops': a }, tools: {} });

/** [case, before, after, [kind, message] of each change] */
const cases: [string, Authority, Authority, [string, string][]][] = [
  ['nothing changed', one(agent()), one(agent()), []],
  [
    'a credential made longer-lived',
    one(agent({ tools: { purge: tool({ credentials: [{ name: 'CDN_TOKEN', lifetime: 'ephemeral' }] }) } })),
    one(agent({ tools: { purge: tool({ credentials: [{ name: 'CDN_TOKEN', lifetime: 'long-lived' }] }) } })),
    [['broadened', "Tool 'purge' of 'mastra:ops' now holds 'CDN_TOKEN' as a long-lived credential (was ephemeral)."]],
  ],
  [
    'a credential made short-lived, another dropped',
    one(
      agent({
        tools: {
          purge: tool({
            credentials: [
              { name: 'A', lifetime: 'long-lived' },
              { name: 'B', lifetime: 'long-lived' },
            ],
          }),
        },
      }),
    ),
    one(agent({ tools: { purge: tool({ credentials: [{ name: 'A', lifetime: 'federated' }] }) } })),
    [
      ['narrowed', "Tool 'purge' of 'mastra:ops' now holds 'A' as a federated credential (was long-lived)."],
      ['narrowed', "Tool 'purge' of 'mastra:ops' no longer holds credential 'B'."],
    ],
  ],
  [
    "the framework's gate weakened to a tag",
    one(agent({ tools: { purge: tool({ risk: 'high', approval: 'framework' }) } })),
    one(agent({ tools: { purge: tool({ risk: 'high', approval: 'annotation' }) } })),
    [['broadened', "Tool 'purge' of 'mastra:ops' is now approved @approval (was: the framework's gate)."]],
  ],
  [
    'a scope added, the risk up with no new capability',
    one(agent({ tools: { purge: tool({ scopes: ['network:egress'] }) } })),
    one(agent({ tools: { purge: tool({ risk: 'high', scopes: ['cdn:purge', 'network:egress'] }) } })),
    [
      ['broadened', "Tool 'purge' of 'mastra:ops' is now high risk (was medium risk)."],
      ['broadened', "Tool 'purge' of 'mastra:ops' gains scope cdn:purge."],
    ],
  ],
  [
    'tools that cannot be listed any more',
    one(agent()),
    one(agent({ complete: false })),
    [['broadened', "Agent 'mastra:ops' now registers tools that cannot be listed from its code."]],
  ],
  [
    'another owner, a hand-off dropped',
    one(agent({ delegates: ['mastra:cdn'] })),
    one(agent({ owner: 'team-web' })),
    [
      ['changed', "Agent 'mastra:ops' is now owned by team-web (was team-ops)."],
      ['narrowed', "Agent 'mastra:ops' no longer hands off to 'mastra:cdn'."],
    ],
  ],
  [
    'a scope declared where there was none, and one dropped altogether',
    { agents: { 'mastra:ops': agent({ tools: { a: tool(), b: tool({ scopes: ['x:y'] }) } }) }, tools: {} },
    { agents: { 'mastra:ops': agent({ tools: { a: tool({ scopes: ['network:egress'] }), b: tool() } }) }, tools: {} },
    [
      ['narrowed', "Tool 'a' of 'mastra:ops' now declares its scope: network:egress."],
      ['broadened', "Tool 'b' of 'mastra:ops' no longer declares a scope (was x:y)."],
    ],
  ],
  ['an agent gone', one(agent()), { agents: {}, tools: {} }, [['removed', "Agent 'mastra:ops' is gone."]]],
  [
    'a tool given to the agent',
    one(agent()),
    one(agent({ tools: { purge: tool(), wipe: tool({ risk: 'critical', capabilities: ['db:delete'] }) } })),
    [['added', "Agent 'mastra:ops' gains tool 'wipe' (critical risk: db:delete, no approval)."]],
  ],
  [
    'a tool the agent no longer exposes, still defined',
    one(agent()),
    {
      agents: { 'mastra:ops': agent({ tools: {} }) },
      tools: { 'mastra:purge': { ...tool(), name: 'purge', framework: 'mastra', owner: null } },
    },
    [
      ['removed', "Agent 'mastra:ops' loses tool 'purge'."],
      ['changed', "Tool 'mastra:purge' is no longer exposed by any agent."],
    ],
  ],
];

describe('comparing authority', () => {
  it.each(cases)('%s', (_, before, after, expected) => {
    expect(compareAuthority(before, after).map((c) => [c.kind, c.message])).toEqual(expected);
  });

  it('counts as granting more only what is added or broadened', () => {
    const kinds = cases.flatMap(([, b, a]) => compareAuthority(b, a)).map((c) => [c.kind, grantsMore(c)]);
    expect(new Map(kinds as [string, boolean][])).toEqual(
      new Map([
        ['added', true],
        ['broadened', true],
        ['narrowed', false],
        ['changed', false],
        ['removed', false],
      ]),
    );
  });
});
