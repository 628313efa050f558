import { defineRule } from './rule';

export const longLivedCredential = defineRule({
  meta: {
    id: 'long-lived-credential',
    defaultSeverity: 'warning',
    summary:
      'A tool with high or critical capabilities acts with a static credential read once at module level, not a short-lived token from a broker.',
    why: 'A static key lives as long as nobody rotates it and grants the same power to every run, task and user. A leaked one stays valid (OWASP NHI7 long-lived secrets). Brokered tokens (AWS STS, GCP/Azure tokens, Vault, GitHub App installation tokens, SPIFFE SVIDs) expire and can be scoped per task.',
    fix: 'Mint a short-lived, task-scoped token where the tool runs (e.g. STS `AssumeRole`, a GitHub App installation token, Vault dynamic secrets), or at least read the key per call from a secret manager that rotates it.',
    when: "On tools with high or critical capabilities whose client is built with a credential read once at module level, unless the tool obtains its credentials otherwise: a short-lived token (STS `AssumeRole`, impersonated Google credentials, Vault's dynamic secrets, OAuth client credentials), a federated exchange (a web identity, GCP workload identity federation, GitHub Actions OIDC) or the identity of the workload it runs as (an Azure managed identity, the instance's or container's role, a SPIFFE X.509 SVID its SPIFFE agent issues and rotates). The lockfile, the inventory's CycloneDX export and policies name each credential's lifetime: `workload`, `federated`, `ephemeral` (with its lifetime where the code sets it) or `long-lived`.",
    incorrect: [
      {
        code: `import { tool } from 'ai';
import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export const refund = tool({ description: '', inputSchema: {} as any, needsApproval: true, execute: async ({ charge }: { charge: string }) => stripe.refunds.create({ charge }) });`,
      },
    ],
    correct: [
      {
        code: `import { tool } from 'ai';
import { STSClient, AssumeRoleCommand } from '@aws-sdk/client-sts';
import { S3Client, DeleteObjectCommand } from '@aws-sdk/client-s3';
export const purge = tool({ description: '', inputSchema: {} as any, needsApproval: true, execute: async ({ key }: { key: string }) => {
  const { Credentials } = await new STSClient({}).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::1:role/purge', RoleSessionName: 'agent' }));
  return new S3Client({ credentials: Credentials as any }).send(new DeleteObjectCommand({ Bucket: 'b', Key: key }));
} });`,
      },
    ],
    messages: {
      staticCredential:
        "Tool '{{name}}' ({{risk}} risk) acts with {{credentials}}, a static credential read at module level.",
    },
    mappings: {
      maestro: ['L4', 'L6'],
      nistAiRmf: ['MANAGE'],
      owaspAgentic: ['ASI03'],
      owaspNhi: ['NHI7'],
      cwe: ['CWE-798'],
    },
  },
  check(ctx) {
    for (const t of ctx.graph.tools) {
      if (!t.staticCredentials?.length || t.nameSource === 'unknown') continue;
      const names = [...new Set(t.staticCredentials.map((c) => c.name))];
      ctx.report({
        loc: t.nameLoc,
        anchor: t.loc,
        entityId: t.id,
        messageId: 'staticCredential',
        data: { name: t.name, risk: t.risk ?? '', credentials: names.map((n) => `\`${n}\``).join(', ') },
        related: t.staticCredentials.map((c) => ({ message: `static credential ${c.name}`, loc: c.loc })),
        subject: `tool:${t.name}:${t.kind}`,
      });
    }
  },
});
