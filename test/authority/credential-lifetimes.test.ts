import { describe, expect, it } from 'vitest';
import { authorityOf, type CredentialAuthority } from '../../server/src/authority/model';
import { analyzeFiles } from '../helpers/analyze';

/** A tool that deletes an S3 object with credentials obtained as `obtain` shows; its imports first. */
const deleter = (imports: string, obtain: string) => `import { tool } from 'ai';
import { z } from 'zod';
import { S3Client, DeleteObjectCommand } from '@aws-sdk/client-s3';
${imports}
export const purge = tool({
  description: 'Delete an export',
  inputSchema: z.object({ key: z.string() }),
  execute: async ({ key }) => {
    ${obtain}
    return new S3Client({}).send(new DeleteObjectCommand({ Bucket: 'exports', Key: key }));
  },
});
`;

const credentialsOf = (code: string) => {
  const authority = authorityOf(analyzeFiles({ 'src/purge.ts': code }).graph);
  return authority.tools['ai-sdk:purge']!.credentials.map(({ name, lifetime, ttlSeconds }) =>
    ttlSeconds === undefined ? { name, lifetime } : { name, lifetime, ttlSeconds },
  );
};

const cases: [string, string, string, Omit<CredentialAuthority, 'loc'>[]][] = [
  [
    'AWS STS AssumeRole with DurationSeconds: ephemeral, with its lifetime',
    "import { STSClient, AssumeRoleCommand } from '@aws-sdk/client-sts';",
    "await new STSClient({}).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::1:role/x', RoleSessionName: 'purge', DurationSeconds: 900 }));",
    [{ name: 'AssumeRoleCommand', lifetime: 'ephemeral', ttlSeconds: 900 }],
  ],
  [
    'AWS STS with a web identity: federated',
    "import { STSClient, AssumeRoleWithWebIdentityCommand } from '@aws-sdk/client-sts';",
    "await new STSClient({}).send(new AssumeRoleWithWebIdentityCommand({ RoleArn: 'r', RoleSessionName: 's', WebIdentityToken: 't' }));",
    [{ name: 'AssumeRoleWithWebIdentityCommand', lifetime: 'federated' }],
  ],
  [
    'AWS credential providers: temporary credentials with a lifetime',
    "import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';",
    "const credentials = fromTemporaryCredentials({ params: { RoleArn: 'r', DurationSeconds: 1800 } });",
    [{ name: 'fromTemporaryCredentials', lifetime: 'ephemeral', ttlSeconds: 1800 }],
  ],
  [
    "the container's own identity: workload",
    "import { fromContainerMetadata } from '@aws-sdk/credential-providers';",
    'const credentials = fromContainerMetadata();',
    [{ name: 'fromContainerMetadata', lifetime: 'workload' }],
  ],
  [
    'GCP workload identity federation',
    "import { ExternalAccountClient } from 'google-auth-library';",
    'const client = ExternalAccountClient.fromJSON({ type: "external_account" });',
    [{ name: 'fromJSON', lifetime: 'federated' }],
  ],
  [
    'GCP impersonated credentials with a lifetime',
    "import { Impersonated } from 'google-auth-library';",
    "const creds = new Impersonated({ targetPrincipal: 'purger@p.iam.gserviceaccount.com', lifetime: 600 });",
    [{ name: 'Impersonated', lifetime: 'ephemeral', ttlSeconds: 600 }],
  ],
  [
    'Azure managed identity: workload',
    "import { ManagedIdentityCredential } from '@azure/identity';",
    'const credential = new ManagedIdentityCredential();',
    [{ name: 'ManagedIdentityCredential', lifetime: 'workload' }],
  ],
  [
    'GitHub Actions OIDC: federated',
    "import * as core from '@actions/core';",
    "const token = await core.getIDToken('sts.amazonaws.com');",
    [{ name: 'getIDToken', lifetime: 'federated' }],
  ],
  [
    'a Vault dynamic secret: ephemeral',
    "import vault from 'node-vault';",
    "const creds = await vault({ endpoint: 'https://vault:8200' }).read('aws/creds/purger');",
    [{ name: 'aws/creds/purger', lifetime: 'ephemeral' }],
  ],
  [
    'OAuth client credentials for an MCP server: ephemeral tokens',
    "import { ClientCredentialsProvider } from '@modelcontextprotocol/sdk/client/auth-extensions.js';",
    "const auth = new ClientCredentialsProvider({ clientId: 'purger', clientSecret: 'from-vault' });",
    [{ name: 'ClientCredentialsProvider', lifetime: 'ephemeral' }],
  ],
  [
    // spiffe-helper writes the SVID, its key and the trust bundle into a folder the workload mounts (svid.pem,
    // svid_key.pem, svid_bundle.pem); the tool presents them for mTLS. One credential, whichever files name it.
    'a SPIFFE X.509 SVID written by spiffe-helper, presented for mTLS: workload',
    "import { readFileSync } from 'node:fs';\nimport { Agent } from 'node:https';",
    "const dir = process.env.SVID_DIR ?? '/run/spire/svid';\n    const mtls = new Agent({ cert: readFileSync(`${dir}/svid.pem`), key: readFileSync(`${dir}/svid_key.pem`), ca: readFileSync(`${dir}/svid_bundle.pem`) });",
    [{ name: 'SPIFFE X.509 SVID', lifetime: 'workload' }],
  ],
  [
    'looking whether the SVID is there reads no credential',
    "import { existsSync } from 'node:fs';",
    "if (!existsSync('/run/spire/svid/svid.pem')) throw new Error('no SVID yet');",
    [],
  ],
  [
    'another file read is no credential',
    "import { readFileSync } from 'node:fs';",
    "const config = JSON.parse(readFileSync('/etc/purger/config.json', 'utf8'));",
    [],
  ],
  [
    'a key in an environment variable: long-lived',
    '',
    'const key = process.env.AWS_SECRET_ACCESS_KEY;',
    [{ name: 'AWS_SECRET_ACCESS_KEY', lifetime: 'long-lived' }],
  ],
];

describe('credentials by lifetime', () => {
  it.each(cases)('%s', (_, imports, obtain, expected) => {
    expect(credentialsOf(deleter(imports, obtain))).toEqual(expected);
  });

  it('a stored Vault secret is no short-lived credential: it is read, at high risk', () => {
    const code = deleter("import vault from 'node-vault';", "const s = await vault({}).read('secret/data/purger');");
    const tool = analyzeFiles({ 'src/purge.ts': code }).graph.tools[0]!;
    expect(tool.capabilities.map((c) => [c.capability, c.tier, c.detail])).toContainEqual([
      'credentials:read',
      'high',
      'secret/data/purger',
    ]);
  });

  it('a high-risk tool with a workload or federated identity holds no static credential (long-lived-credential)', () => {
    const statik = `const s3key = process.env.AWS_SECRET_ACCESS_KEY;\n`;
    const withStatic = deleter('', '').replace("import { z } from 'zod';\n", `import { z } from 'zod';\n${statik}`);
    const withWorkload = deleter(
      "import { fromContainerMetadata } from '@aws-sdk/credential-providers';",
      'const credentials = fromContainerMetadata();',
    ).replace("import { z } from 'zod';\n", `import { z } from 'zod';\n${statik}`);
    const rule = (code: string) =>
      analyzeFiles({ 'src/purge.ts': code }).findings.filter((f) => f.ruleId === 'long-lived-credential').length;
    expect(rule(withStatic)).toBe(1);
    expect(rule(withWorkload)).toBe(0);
  });
});
