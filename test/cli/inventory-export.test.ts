import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { describe, expect, it } from 'vitest';
import { toCycloneDx } from '../../server/src/reporters/inventory-exports';
import { runCli } from '../helpers/cli';
import { analysisOf, PROJECTS } from '../helpers/projects';

const VERSIONS = [
  { format: 'cyclonedx', spec: '1.6', version: Spec.Version.v1dot6 },
  { format: 'cyclonedx-1.7', spec: '1.7', version: Spec.Version.v1dot7 },
] as const;

describe('inventory exports', () => {
  describe.each(VERSIONS)('CycloneDX $spec', ({ format, spec, version }) => {
    // The official library's strict JSON validator, with the CycloneDX schemas it ships (formats checked too).
    const validator = new Validation.JsonStrictValidator(version);

    it.each(PROJECTS)('%s: valid by the CycloneDX library in strict mode', async (project) => {
      const { graph } = await analysisOf(project);
      const text = JSON.stringify(toCycloneDx(graph, spec));
      expect(await validator.validate(text)).toBeNull();
      expect(JSON.parse(text)).toMatchObject({ bomFormat: 'CycloneDX', specVersion: spec });
    });

    it('and the validator does reject what is not CycloneDX', async () => {
      const bom = JSON.parse(runCli(['inventory', 'examples/support-desk', '--format', format]).stdout);
      bom.services[0].properties = [{ name: 'agent-warden:risk', value: 3 }];
      expect(await validator.validate(JSON.stringify(bom))).not.toBeNull();
    });

    it('agents as applications, models as machine-learning models, tools as services, credentials by name and lifetime, never by value', () => {
      const text = runCli(['inventory', 'examples/support-desk', '--format', format]).stdout;
      const bom = JSON.parse(text);
      const byType = (type: string) => bom.components.filter((c: { type: string }) => c.type === type);
      expect(byType('application')).toHaveLength(8);
      // The models the agents call, as their options name them.
      expect(byType('machine-learning-model').map((c: { name: string }) => c.name)).toEqual([
        'gpt-4o-mini',
        'gpt-5-mini',
        'openai/gpt-5-mini',
        'openai:gpt-5-mini',
      ]);
      expect(bom.services).toHaveLength(12);
      const crm = bom.components.find((c: { name: string }) => c.name === 'acme-crm');
      expect(crm.type).toBe('application');
      expect(crm.properties).toContainEqual({ name: 'agent-warden:risk', value: 'critical' });
      expect(crm.properties).toContainEqual({
        name: 'agent-warden:effective-permission',
        value: 'db:delete (critical)',
      });
      const refund = bom.services.find((s: { name: string }) => s.name === 'refundCharge');
      expect(refund.properties).toContainEqual({ name: 'agent-warden:scope', value: 'payments:write' });
      expect(refund.properties).toContainEqual({
        name: 'agent-warden:credential',
        value: 'STRIPE_SECRET_KEY (long-lived)',
      });
      expect(bom.dependencies.find((d: { ref: string }) => d.ref === crm['bom-ref']).dependsOn).toHaveLength(3);
      const billing = bom.components.find((c: { name: string }) => c.name === 'answerBillingQuestion');
      expect(bom.dependencies.find((d: { ref: string }) => d.ref === billing['bom-ref']).dependsOn).toContain(
        'model:gpt-5-mini',
      );
      // The example's pasted ledger key appears nowhere, not even masked.
      expect(text).not.toContain('lk_9');
    });
  });

  it('markdown tables and a mermaid graph of agents, tools and delegation', () => {
    const md = runCli(['inventory', 'examples/support-desk', '--format', 'markdown']).stdout;
    expect(md).toContain('| Triage | openai-agents | team-support |');
    // Each agent row ends with where it is defined.
    expect(md).toMatch(/^\| Triage \| .* \| `examples\/support-desk\/src\/agents\/triage\.ts:\d+` \|$/m);
    expect(md).toContain(
      '| refundCharge | ai-sdk | team-billing | payments:write network:egress | yes, the framework’s gate | critical |',
    );
    const mmd = runCli(['inventory', 'examples/support-desk', '--format', 'mermaid']).stdout;
    expect(mmd.startsWith('flowchart LR\n')).toBe(true);
    expect(mmd).toMatch(/n\d+\["Triage<br\/><small>openai-agents<\/small>"\]:::medium/);
    expect(mmd).toMatch(/n\d+ -\. delegates \.-> n\d+/);
    expect(mmd).toContain('classDef critical');
  });
});
