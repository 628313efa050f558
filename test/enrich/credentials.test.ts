import { describe, expect, it } from 'vitest';
import { computeCapabilities } from '../../server/src/enrich/capabilities';
import { findStaticCredentials } from '../../server/src/enrich/credentials';
import { linkFiles, toolNamed } from '../helpers/link';

const enriched = (code: string) => {
  const g = linkFiles({ 'src/tools.ts': code });
  computeCapabilities(g);
  findStaticCredentials(g);
  return g;
};

describe('findStaticCredentials', () => {
  it('a high-risk tool whose client is built from a module-level secret holds a static credential', () => {
    const g = enriched(`import { tool } from 'ai';\nimport Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export const refund = tool({ description: '', inputSchema: {} as any, execute: async () => stripe.refunds.create({ charge: 'x' }) });`);
    expect(toolNamed(g, 'refund').staticCredentials?.map((c) => c.name)).toEqual(['STRIPE_SECRET_KEY']);
  });

  it('a low-risk tool beside the same secret holds none', () => {
    const g = enriched(`import { tool } from 'ai';
const key = process.env.SEARCH_API_KEY;
export const add = tool({ description: '', inputSchema: {} as any, execute: async ({ a, b }: any) => a + b });`);
    expect(toolNamed(g, 'add').staticCredentials).toBeUndefined();
  });

  it('a tool that gets short-lived credentials from a token broker holds none', () => {
    const g = enriched(`import { tool } from 'ai';
import { STSClient, AssumeRoleCommand } from '@aws-sdk/client-sts';
import { S3Client, DeleteObjectCommand } from '@aws-sdk/client-s3';
const sts = new STSClient({ credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID!, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY! } });
export const purge = tool({ description: '', inputSchema: {} as any, execute: async () => {
  const role = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn', RoleSessionName: 's', DurationSeconds: 900 }));
  return new S3Client({}).send(new DeleteObjectCommand({ Bucket: 'b', Key: 'k' }));
} });`);
    expect(toolNamed(g, 'purge').risk).toMatch(/high|critical/);
    expect(toolNamed(g, 'purge').staticCredentials).toBeUndefined();
  });
});
