import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import addDraft2019Formats from 'ajv-formats-draft2019';
import { describe, expect, it } from 'vitest';
import { REPO, runCli } from '../helpers/cli';

const SCHEMAS = join(REPO, 'test/fixtures/cyclonedx-1.6');
const load = (f: string) => JSON.parse(readFileSync(join(SCHEMAS, f), 'utf8'));

describe('inventory exports', () => {
  it('CycloneDX 1.6 validates against the vendored CycloneDX schema', () => {
    const bom = JSON.parse(runCli(['inventory', 'examples/support-desk', '--format', 'cyclonedx']).stdout);
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats(ajv);
    // The schema's idn-email and iri-reference formats are checked too, not ignored.
    addDraft2019Formats(ajv);
    ajv.addSchema(load('spdx.schema.json'));
    ajv.addSchema(load('jsf-0.82.schema.json'));
    const validate = ajv.compile(load('bom-1.6.schema.json'));
    const ok = validate(bom);
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 3))).toEqual([]);
    expect(ok).toBe(true);
    expect(bom.components).toHaveLength(8);
    expect(bom.services).toHaveLength(12);
    const crm = bom.components.find((c: { name: string }) => c.name === 'acme-crm');
    expect(crm.properties).toContainEqual({ name: 'agent-warden:risk', value: 'critical' });
    expect(crm.properties).toContainEqual({ name: 'agent-warden:effective-permission', value: 'db:delete (critical)' });
    const refund = bom.services.find((s: { name: string }) => s.name === 'refundCharge');
    expect(refund.properties).toContainEqual({ name: 'agent-warden:scope', value: 'payments:write' });
    expect(bom.dependencies.find((d: { ref: string }) => d.ref === crm['bom-ref']).dependsOn).toHaveLength(3);
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
