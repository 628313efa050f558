/**
 * The capability catalog, as data: which calls show that code can do what, and how risky that is.
 *
 * A call matches an entry by the module it was imported from and its callee key:
 *   - an export: its path, e.g. `writeFileSync`, `promises.rm`, `default` (the module called itself);
 *   - a method on an instance of something imported: `#` + the member chain, e.g. `#refunds.create`;
 *   - a global: module `<global>`, e.g. `fetch`, `eval`.
 * Some entries classify by argument (`kind`): SQL text, a command line, or an HTTP method and URL.
 */
import type { RiskTier } from '../analyzer/types';

export const TIER_RANK: Record<RiskTier, number> = { low: 0, medium: 1, high: 2, critical: 3 };

export interface CatalogEntry {
  id: string;
  module: RegExp;
  callee: RegExp;
  capability: string;
  tier: RiskTier;
  reason: string;
  /**
   * How arguments refine the capability: SQL text, a command (string or file + args), an HTTP request, or (`subject`)
   * what the argument names, as its detail.
   */
  kind?:
    | 'sql'
    | 'exec-string'
    | 'exec-file'
    | 'http'
    | 'http-method'
    | 'http-config'
    | 'file-read'
    | 'file-write'
    | 'subject'
    | 'credential';
  /** The argument holding the SQL, command, or URL. */
  arg?: number;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const mod = (...names: string[]) => new RegExp(`^(${names.map(esc).join('|')})$`);
/** Callee patterns; `*` stands for one member segment. Each pattern becomes one catalog entry. */
const exp = (...names: string[]) => names;

interface RawEntry extends Omit<CatalogEntry, 'callee'> {
  callee: string[];
}

type E = Omit<CatalogEntry, 'id' | 'module' | 'callee'>;
function group(module: RegExp, prefix: string, calls: [string[], E][]): RawEntry[] {
  return calls.map(([names, e], i) => ({ id: `${prefix}-${i}`, module, callee: names, ...e }));
}

const FS = mod('fs', 'fs/promises', 'graceful-fs', 'fs-extra');
const CP = mod('child_process');

const RAW_CATALOG: RawEntry[] = [
  // ---------------------------------------------------------------- Node core: files
  ...group(FS, 'fs-read', [
    // What a file holds: the path can say it is a credential (file-read).
    [
      ['readFile', 'readFileSync', 'promises.readFile', 'createReadStream', 'readJson', 'readJsonSync'],
      { capability: 'file:read', tier: 'medium', reason: 'reads files from disk', kind: 'file-read' },
    ],
    [
      [
        'readdir',
        'readdirSync',
        'promises.readdir',
        'opendir',
        'stat',
        'statSync',
        'promises.stat',
        'exists',
        'existsSync',
        'access',
        'promises.access',
      ],
      { capability: 'file:read', tier: 'medium', reason: 'reads files from disk' },
    ],
  ]),
  ...group(FS, 'fs-write', [
    [
      [
        'writeFile',
        'writeFileSync',
        'promises.writeFile',
        'appendFile',
        'appendFileSync',
        'promises.appendFile',
        'createWriteStream',
        'copyFile',
        'copyFileSync',
        'promises.copyFile',
        'rename',
        'renameSync',
        'promises.rename',
        'outputFile',
        'outputJson',
        'writeJson',
        'writeJsonSync',
        'copy',
        'copySync',
        'move',
        'moveSync',
        'chmod',
        'chmodSync',
        'promises.chmod',
        'symlink',
        'promises.symlink',
      ],
      { capability: 'file:write', tier: 'high', reason: 'writes files on disk', kind: 'file-write', arg: 0 },
    ],
    // A new directory overwrites nothing.
    [
      ['mkdir', 'mkdirSync', 'promises.mkdir', 'ensureDir', 'ensureDirSync', 'mkdirp'],
      { capability: 'file:create', tier: 'medium', reason: 'creates directories' },
    ],
    [
      [
        'unlink',
        'unlinkSync',
        'promises.unlink',
        'rm',
        'rmSync',
        'promises.rm',
        'rmdir',
        'rmdirSync',
        'promises.rmdir',
        'remove',
        'removeSync',
        'emptyDir',
        'emptyDirSync',
      ],
      { capability: 'file:delete', tier: 'high', reason: 'deletes files', kind: 'file-write', arg: 0 },
    ],
  ]),
  {
    id: 'rimraf',
    module: mod('rimraf', 'del'),
    callee: exp('default', 'rimraf', 'sync', 'deleteAsync', 'deleteSync', 'rimrafSync'),
    capability: 'file:delete',
    tier: 'high',
    reason: 'deletes files recursively',
  },
  // ---------------------------------------------------------------- Node core: processes and code execution
  ...group(CP, 'cp', [
    [
      ['exec', 'execSync'],
      { capability: 'system:exec', tier: 'critical', reason: 'runs a shell command', kind: 'exec-string', arg: 0 },
    ],
    [
      ['execFile', 'execFileSync', 'spawn', 'spawnSync'],
      { capability: 'system:exec', tier: 'critical', reason: 'runs a program', kind: 'exec-file', arg: 0 },
    ],
    [['fork'], { capability: 'system:exec', tier: 'critical', reason: 'starts a Node.js process' }],
  ]),
  {
    id: 'execa',
    module: mod('execa'),
    callee: exp('execa', 'execaSync', 'default', 'execaNode'),
    capability: 'system:exec',
    tier: 'critical',
    reason: 'runs a program',
    kind: 'exec-file',
    arg: 0,
  },
  {
    id: 'execa-cmd',
    module: mod('execa'),
    callee: exp('execaCommand', 'execaCommandSync', '$'),
    capability: 'system:exec',
    tier: 'critical',
    reason: 'runs a command line',
    kind: 'exec-string',
    arg: 0,
  },
  {
    id: 'zx',
    module: mod('zx', 'zx/core'),
    callee: exp('$', 'default'),
    capability: 'system:exec',
    tier: 'critical',
    reason: 'runs shell commands (zx)',
  },
  {
    id: 'shelljs',
    module: mod('shelljs'),
    callee: exp('exec', 'default.exec'),
    capability: 'system:exec',
    tier: 'critical',
    reason: 'runs a shell command',
    kind: 'exec-string',
    arg: 0,
  },
  {
    id: 'shelljs-rm',
    module: mod('shelljs'),
    callee: exp('rm', 'default.rm'),
    capability: 'file:delete',
    tier: 'high',
    reason: 'deletes files',
  },
  {
    id: 'vm',
    module: mod('vm'),
    callee: exp(
      'runInNewContext',
      'runInThisContext',
      'runInContext',
      'compileFunction',
      'Script',
      '#runInThisContext',
      '#runInNewContext',
      '#runInContext',
    ),
    capability: 'code:execute',
    tier: 'critical',
    reason: 'evaluates code',
  },
  {
    id: 'eval',
    module: mod('<global>'),
    callee: exp('eval', 'Function'),
    capability: 'code:execute',
    tier: 'critical',
    reason: 'evaluates code built at run time',
  },
  {
    id: 'worker',
    module: mod('worker_threads'),
    callee: exp('Worker'),
    capability: 'code:execute',
    tier: 'high',
    reason: 'starts a worker running code',
  },
  {
    id: 'process-kill',
    module: mod('<global>'),
    callee: exp('process.kill', 'process.exit'),
    capability: 'system:process',
    tier: 'high',
    reason: 'stops processes',
  },
  // ---------------------------------------------------------------- network egress
  {
    id: 'fetch',
    module: mod('<global>', 'node-fetch', 'undici', 'cross-fetch', 'isomorphic-fetch'),
    callee: exp('fetch', 'default', 'request'),
    capability: 'network:egress',
    tier: 'medium',
    reason: 'sends an HTTP request',
    kind: 'http',
    arg: 0,
  },
  {
    id: 'axios-method',
    module: mod('axios'),
    callee: exp(
      'default.get',
      'default.head',
      'default.options',
      'default.delete',
      'default.post',
      'default.put',
      'default.patch',
      'get',
      'post',
      'put',
      'patch',
      'delete',
      '#get',
      '#post',
      '#put',
      '#patch',
      '#delete',
      '#head',
    ),
    capability: 'network:egress',
    tier: 'medium',
    reason: 'sends an HTTP request',
    kind: 'http-method',
    arg: 0,
  },
  {
    // Firecrawl's SDK hands out its own HTTP client (`client.http.delete(path)`), relative to its API.
    id: 'firecrawl-http',
    module: mod('firecrawl', '@mendable/firecrawl-js'),
    callee: exp('#http.get', '#http.post', '#http.put', '#http.patch', '#http.delete'),
    capability: 'network:egress',
    tier: 'medium',
    reason: "sends a request to Firecrawl's API",
    kind: 'http-method',
    arg: 0,
  },
  {
    id: 'axios',
    module: mod('axios'),
    callee: exp('default', 'default.request', 'request', '#request'),
    capability: 'network:egress',
    tier: 'medium',
    reason: 'sends an HTTP request',
    kind: 'http-config',
    arg: 0,
  },
  {
    id: 'got',
    module: mod('got', 'ky', 'superagent', 'needle', 'phin', 'ofetch'),
    callee: exp(
      'default',
      'default.get',
      'default.post',
      'default.put',
      'default.patch',
      'default.delete',
      'got',
      'ofetch',
      '$fetch',
      'get',
      'post',
      'put',
      'patch',
      'delete',
    ),
    capability: 'network:egress',
    tier: 'medium',
    reason: 'sends an HTTP request',
    kind: 'http-method',
    arg: 0,
  },
  {
    id: 'http-request',
    module: mod('http', 'https'),
    callee: exp('request', 'get', 'default.request', 'default.get'),
    capability: 'network:egress',
    tier: 'medium',
    reason: 'sends an HTTP request',
  },
  {
    id: 'net',
    module: mod('net', 'tls', 'dgram'),
    callee: exp('connect', 'createConnection', 'createSocket', '#connect', '#send'),
    capability: 'network:egress',
    tier: 'medium',
    reason: 'opens a network connection',
  },
  {
    id: 'ws',
    module: mod('ws'),
    callee: exp('default', 'WebSocket', '#send'),
    capability: 'network:egress',
    tier: 'medium',
    reason: 'opens a WebSocket connection',
  },
  // ---------------------------------------------------------------- databases
  {
    id: 'pg',
    module: mod(
      'pg',
      'postgres',
      '@neondatabase/serverless',
      '@vercel/postgres',
      'mysql',
      'mysql2',
      'mysql2/promise',
      'mssql',
      'oracledb',
      'tedious',
    ),
    // `#`: the client called itself, as postgres.js and Neon are (`sql\`DELETE …\``).
    callee: exp('#query', '#execute', '#unsafe', 'sql', 'default', 'query', 'neon', '#sql', '#'),
    capability: 'db:query',
    tier: 'high',
    reason: 'runs a database query',
    kind: 'sql',
    arg: 0,
  },
  {
    id: 'sqlite',
    module: mod('better-sqlite3', 'sqlite3', 'sqlite', 'bun:sqlite', 'node:sqlite', '@libsql/client'),
    callee: exp('#prepare', '#exec', '#run', '#all', '#get', '#execute', '#query'),
    capability: 'db:query',
    tier: 'high',
    reason: 'runs a database statement',
    kind: 'sql',
    arg: 0,
  },
  {
    id: 'knex-raw',
    module: mod('knex'),
    callee: exp('#raw', '#schema.raw'),
    capability: 'db:query',
    tier: 'high',
    reason: 'runs raw SQL',
    kind: 'sql',
    arg: 0,
  },
  {
    id: 'knex-write',
    module: mod('knex'),
    callee: exp('#insert', '#update', '#into'),
    capability: 'db:write',
    tier: 'high',
    reason: 'writes rows',
  },
  {
    id: 'knex-delete',
    module: mod('knex'),
    callee: exp('#del', '#delete', '#truncate', '#schema.dropTable', '#schema.dropTableIfExists'),
    capability: 'db:delete',
    tier: 'critical',
    reason: 'deletes rows or tables',
  },
  {
    id: 'knex-read',
    module: mod('knex'),
    callee: exp('#select', '#first', '#where', '#from'),
    capability: 'db:read',
    tier: 'medium',
    reason: 'reads rows',
  },
  ...group(mod('@prisma/client'), 'prisma', [
    [
      [
        '#*.findMany',
        '#*.findFirst',
        '#*.findUnique',
        '#*.findFirstOrThrow',
        '#*.findUniqueOrThrow',
        '#*.count',
        '#*.aggregate',
        '#*.groupBy',
      ],
      { capability: 'db:read', tier: 'medium', reason: 'reads records (Prisma)' },
    ],
    [
      ['#*.create', '#*.createMany', '#*.update', '#*.updateMany', '#*.upsert'],
      { capability: 'db:write', tier: 'high', reason: 'writes records (Prisma)' },
    ],
    [['#*.delete', '#*.deleteMany'], { capability: 'db:delete', tier: 'critical', reason: 'deletes records (Prisma)' }],
    [
      ['#$queryRaw', '#$queryRawUnsafe', '#$executeRaw', '#$executeRawUnsafe'],
      { capability: 'db:query', tier: 'high', reason: 'runs raw SQL (Prisma)', kind: 'sql', arg: 0 },
    ],
  ]),
  ...group(
    mod(
      'drizzle-orm',
      'drizzle-orm/node-postgres',
      'drizzle-orm/postgres-js',
      'drizzle-orm/mysql2',
      'drizzle-orm/better-sqlite3',
      'drizzle-orm/neon-http',
      'drizzle-orm/libsql',
    ),
    'drizzle',
    [
      [
        ['#select', '#query.*.findMany', '#query.*.findFirst'],
        { capability: 'db:read', tier: 'medium', reason: 'reads rows (Drizzle)' },
      ],
      [['#insert', '#update'], { capability: 'db:write', tier: 'high', reason: 'writes rows (Drizzle)' }],
      [['#delete'], { capability: 'db:delete', tier: 'critical', reason: 'deletes rows (Drizzle)' }],
      [['#execute'], { capability: 'db:query', tier: 'high', reason: 'runs SQL (Drizzle)', kind: 'sql', arg: 0 }],
    ],
  ),
  ...group(mod('typeorm', 'sequelize'), 'orm', [
    [
      ['#find', '#findOne', '#findAll', '#findBy', '#findOneBy', '#findByPk', '#count'],
      { capability: 'db:read', tier: 'medium', reason: 'reads records' },
    ],
    [
      ['#save', '#insert', '#update', '#create', '#bulkCreate', '#upsert', '#increment'],
      { capability: 'db:write', tier: 'high', reason: 'writes records' },
    ],
    [
      ['#delete', '#remove', '#destroy', '#clear', '#truncate', '#drop', '#dropSchema'],
      { capability: 'db:delete', tier: 'critical', reason: 'deletes records or tables' },
    ],
    [['#query'], { capability: 'db:query', tier: 'high', reason: 'runs raw SQL', kind: 'sql', arg: 0 }],
  ]),
  ...group(mod('mongodb', 'mongoose'), 'mongo', [
    [
      [
        '#find',
        '#findOne',
        '#findById',
        '#countDocuments',
        '#aggregate',
        '#distinct',
        '#collection.find',
        '#collection.findOne',
        '#*.find',
        '#*.findOne',
      ],
      { capability: 'db:read', tier: 'medium', reason: 'reads documents' },
    ],
    [
      [
        '#insertOne',
        '#insertMany',
        '#updateOne',
        '#updateMany',
        '#replaceOne',
        '#findOneAndUpdate',
        '#bulkWrite',
        '#save',
        '#create',
        '#*.insertOne',
        '#*.insertMany',
        '#*.updateOne',
        '#*.updateMany',
      ],
      { capability: 'db:write', tier: 'high', reason: 'writes documents' },
    ],
    [
      [
        '#deleteOne',
        '#deleteMany',
        '#findOneAndDelete',
        '#drop',
        '#dropDatabase',
        '#dropCollection',
        '#*.deleteOne',
        '#*.deleteMany',
        '#*.drop',
      ],
      { capability: 'db:delete', tier: 'critical', reason: 'deletes documents or collections' },
    ],
  ]),
  ...group(mod('redis', 'ioredis', '@upstash/redis'), 'redis', [
    [
      ['#get', '#mget', '#hget', '#hgetall', '#keys', '#scan', '#smembers', '#lrange', '#exists', '#ttl'],
      { capability: 'cache:read', tier: 'medium', reason: 'reads keys' },
    ],
    [
      ['#set', '#mset', '#hset', '#setex', '#lpush', '#rpush', '#sadd', '#incr', '#expire', '#publish', '#xadd'],
      { capability: 'cache:write', tier: 'high', reason: 'writes keys' },
    ],
    [
      ['#del', '#unlink', '#flushall', '#flushdb', '#hdel', '#srem'],
      { capability: 'cache:delete', tier: 'critical', reason: 'deletes keys or whole databases' },
    ],
  ]),
  ...group(mod('@supabase/supabase-js'), 'supabase', [
    [
      ['#from.select', '#rpc', '#storage.from.download', '#storage.from.list'],
      { capability: 'db:read', tier: 'medium', reason: 'reads rows (Supabase)' },
    ],
    [
      ['#from.insert', '#from.update', '#from.upsert', '#storage.from.upload'],
      { capability: 'db:write', tier: 'high', reason: 'writes rows (Supabase)' },
    ],
    [
      ['#from.delete', '#storage.from.remove'],
      { capability: 'db:delete', tier: 'critical', reason: 'deletes rows (Supabase)' },
    ],
    [
      ['#auth.admin.*'],
      { capability: 'identity:admin', tier: 'critical', reason: 'administers users (Supabase auth admin)' },
    ],
  ]),
  // ---------------------------------------------------------------- payments
  ...group(mod('stripe'), 'stripe', [
    [
      [
        '#refunds.create',
        '#charges.create',
        '#paymentIntents.create',
        '#paymentIntents.confirm',
        '#paymentIntents.capture',
        '#transfers.create',
        '#payouts.create',
        '#subscriptions.create',
        '#subscriptions.update',
        '#subscriptions.cancel',
        '#invoices.pay',
        '#invoices.create',
        '#checkout.sessions.create',
        '#customers.del',
        '#subscriptions.del',
        '#accounts.del',
        '#creditNotes.create',
        '#topups.create',
      ],
      { capability: 'payments:write', tier: 'critical', reason: 'moves money or changes billing (Stripe)' },
    ],
    [
      [
        '#customers.create',
        '#customers.update',
        '#prices.create',
        '#products.create',
        '#products.update',
        '#coupons.create',
      ],
      { capability: 'payments:config', tier: 'high', reason: 'changes billing records (Stripe)' },
    ],
    [
      ['#*.retrieve', '#*.list', '#*.search', '#balance.retrieve'],
      { capability: 'payments:read', tier: 'medium', reason: 'reads billing data (Stripe)' },
    ],
  ]),
  {
    id: 'paypal',
    module: mod(
      '@paypal/paypal-server-sdk',
      '@paypal/checkout-server-sdk',
      'braintree',
      'square',
      '@adyen/api-library',
    ),
    callee: exp(
      '#*.create',
      '#*.capture',
      '#*.refund',
      '#*.execute',
      '#*.sale',
      '#*.createPayment',
      '#*.refundPayment',
    ),
    capability: 'payments:write',
    tier: 'critical',
    reason: 'moves money',
  },
  // ---------------------------------------------------------------- cloud: AWS SDK v3 (commands by name)
  ...group(mod('@aws-sdk/client-ec2'), 'aws-ec2', [
    [
      [
        'TerminateInstancesCommand',
        'RunInstancesCommand',
        'StopInstancesCommand',
        'StartInstancesCommand',
        'RebootInstancesCommand',
        'ModifyInstanceAttributeCommand',
        'DeleteSecurityGroupCommand',
        'AuthorizeSecurityGroupIngressCommand',
        'DeleteVpcCommand',
        'CreateVpcCommand',
        'DeleteVolumeCommand',
        'DeleteSnapshotCommand',
      ],
      { capability: 'cloud:compute-write', tier: 'critical', reason: 'changes AWS infrastructure (EC2)' },
    ],
    [['Describe*Command'], { capability: 'cloud:read', tier: 'medium', reason: 'reads AWS infrastructure state' }],
  ]),
  ...group(mod('@aws-sdk/client-sfn'), 'aws-sfn', [
    [
      [
        'StartExecutionCommand',
        'StartSyncExecutionCommand',
        'StopExecutionCommand',
        'SendTaskSuccessCommand',
        'SendTaskFailureCommand',
        'RedriveExecutionCommand',
      ],
      { capability: 'workflow:write', tier: 'high', reason: 'starts, stops or moves on a workflow (Step Functions)' },
    ],
    [
      ['Describe*Command', 'List*Command', 'Get*Command'],
      { capability: 'workflow:read', tier: 'medium', reason: 'reads workflow executions (Step Functions)' },
    ],
  ]),
  ...group(mod('@aws-sdk/client-iam'), 'aws-iam', [
    [
      ['CreateAccessKeyCommand', 'CreateLoginProfileCommand', 'UpdateLoginProfileCommand'],
      { capability: 'credentials:create', tier: 'critical', reason: 'creates long-lived AWS credentials' },
    ],
    [
      [
        'CreateUserCommand',
        'DeleteUserCommand',
        'AttachUserPolicyCommand',
        'AttachRolePolicyCommand',
        'PutUserPolicyCommand',
        'PutRolePolicyCommand',
        'CreateRoleCommand',
        'DeleteRoleCommand',
        'UpdateAssumeRolePolicyCommand',
        'AddUserToGroupCommand',
        'DeleteAccessKeyCommand',
      ],
      { capability: 'identity:admin', tier: 'critical', reason: 'changes AWS identities and permissions' },
    ],
    [['Get*Command', 'List*Command'], { capability: 'identity:read', tier: 'medium', reason: 'reads AWS identities' }],
  ]),
  ...group(mod('@aws-sdk/client-s3'), 'aws-s3', [
    [
      [
        'DeleteObjectCommand',
        'DeleteObjectsCommand',
        'DeleteBucketCommand',
        'PutBucketPolicyCommand',
        'PutBucketAclCommand',
        'PutPublicAccessBlockCommand',
        'DeletePublicAccessBlockCommand',
      ],
      { capability: 'storage:delete', tier: 'critical', reason: 'deletes S3 data or opens bucket access' },
    ],
    [
      [
        'PutObjectCommand',
        'CopyObjectCommand',
        'CreateBucketCommand',
        'CreateMultipartUploadCommand',
        'UploadPartCommand',
      ],
      { capability: 'storage:write', tier: 'high', reason: 'writes S3 objects' },
    ],
    [
      ['GetObjectCommand', 'ListObjectsV2Command', 'ListObjectsCommand', 'HeadObjectCommand', 'ListBucketsCommand'],
      { capability: 'storage:read', tier: 'medium', reason: 'reads S3 objects' },
    ],
  ]),
  {
    id: 'aws-s3-upload',
    module: mod('@aws-sdk/lib-storage'),
    callee: exp('Upload'),
    capability: 'storage:write',
    tier: 'high',
    reason: 'uploads S3 objects',
  },
  ...group(mod('@aws-sdk/client-secrets-manager', '@aws-sdk/client-ssm'), 'aws-secrets', [
    [
      [
        'PutSecretValueCommand',
        'CreateSecretCommand',
        'UpdateSecretCommand',
        'PutParameterCommand',
        'DeleteSecretCommand',
        'DeleteParameterCommand',
        'RotateSecretCommand',
      ],
      { capability: 'credentials:write', tier: 'critical', reason: 'persists or changes stored secrets' },
    ],
    [
      ['GetSecretValueCommand', 'GetParameterCommand', 'GetParametersCommand', 'GetParametersByPathCommand'],
      { capability: 'credentials:read', tier: 'high', reason: 'reads stored secrets' },
    ],
  ]),
  {
    id: 'aws-sts',
    module: mod('@aws-sdk/client-sts'),
    callee: exp('AssumeRoleCommand', 'GetSessionTokenCommand', 'GetFederationTokenCommand'),
    capability: 'credentials:ephemeral',
    tier: 'low',
    reason: 'obtains short-lived AWS credentials (a token broker)',
    kind: 'credential',
  },
  {
    id: 'aws-sts-federated',
    module: mod('@aws-sdk/client-sts'),
    callee: exp('AssumeRoleWithWebIdentityCommand', 'AssumeRoleWithSAMLCommand'),
    capability: 'credentials:federated',
    tier: 'low',
    reason: "exchanges an identity provider's token for short-lived AWS credentials (federation)",
    kind: 'credential',
  },
  {
    id: 'aws-credential-providers-ephemeral',
    module: mod('@aws-sdk/credential-providers'),
    callee: exp('fromTemporaryCredentials'),
    capability: 'credentials:ephemeral',
    tier: 'low',
    reason: 'obtains short-lived AWS credentials by assuming a role',
    kind: 'credential',
  },
  {
    id: 'aws-credential-providers-federated',
    module: mod('@aws-sdk/credential-providers'),
    callee: exp('fromWebToken', 'fromTokenFile', 'fromCognitoIdentity', 'fromCognitoIdentityPool'),
    capability: 'credentials:federated',
    tier: 'low',
    reason: "exchanges an identity provider's token for short-lived AWS credentials (federation)",
    kind: 'credential',
  },
  {
    id: 'aws-credential-providers-workload',
    module: mod('@aws-sdk/credential-providers'),
    callee: exp('fromInstanceMetadata', 'fromContainerMetadata'),
    capability: 'credentials:workload',
    tier: 'low',
    reason: 'uses the identity of the machine or container it runs on (workload identity)',
    kind: 'credential',
  },
  {
    id: 'gcp-federated',
    module: mod('google-auth-library'),
    callee: exp(
      'ExternalAccountClient',
      'IdentityPoolClient',
      'AwsClient',
      'PluggableAuthClient',
      'ExternalAccountClient.fromJSON',
    ),
    capability: 'credentials:federated',
    tier: 'low',
    reason: 'uses workload identity federation: an external token exchanged for short-lived Google credentials',
    kind: 'credential',
  },
  {
    id: 'gcp-impersonated',
    module: mod('google-auth-library'),
    callee: exp('Impersonated'),
    capability: 'credentials:ephemeral',
    tier: 'low',
    reason: 'impersonates a service account with short-lived credentials',
    kind: 'credential',
  },
  {
    id: 'azure-workload',
    module: mod('@azure/identity'),
    callee: exp('ManagedIdentityCredential', 'DefaultAzureCredential'),
    capability: 'credentials:workload',
    tier: 'low',
    reason: 'uses the managed identity of the Azure resource it runs on (workload identity)',
    kind: 'credential',
  },
  {
    id: 'azure-federated',
    module: mod('@azure/identity'),
    callee: exp('WorkloadIdentityCredential', 'ClientAssertionCredential'),
    capability: 'credentials:federated',
    tier: 'low',
    reason: 'exchanges a federated token for short-lived Azure credentials',
    kind: 'credential',
  },
  {
    id: 'github-oidc',
    module: mod('@actions/core'),
    callee: exp('getIDToken'),
    capability: 'credentials:federated',
    tier: 'low',
    reason: 'requests the GitHub Actions OIDC token, exchanged for short-lived cloud credentials',
    kind: 'credential',
  },
  {
    id: 'oauth-client-credentials',
    module: mod('@modelcontextprotocol/sdk/client/auth-extensions.js', 'simple-oauth2'),
    callee: exp('ClientCredentialsProvider', 'PrivateKeyJwtProvider', 'ClientCredentials'),
    capability: 'credentials:ephemeral',
    tier: 'low',
    reason: 'obtains short-lived OAuth access tokens (client credentials grant)',
    kind: 'credential',
  },
  {
    id: 'aws-lambda',
    module: mod('@aws-sdk/client-lambda'),
    callee: exp('InvokeCommand', 'UpdateFunctionCodeCommand', 'CreateFunctionCommand', 'DeleteFunctionCommand'),
    capability: 'cloud:compute-write',
    tier: 'critical',
    reason: 'invokes or changes Lambda functions',
  },
  {
    id: 'aws-rds',
    module: mod('@aws-sdk/client-rds', '@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'),
    callee: exp(
      'DeleteDBInstanceCommand',
      'DeleteDBClusterCommand',
      'DeleteTableCommand',
      'DeleteItemCommand',
      'DeleteCommand',
      'BatchWriteItemCommand',
    ),
    capability: 'db:delete',
    tier: 'critical',
    reason: 'deletes databases, tables or items',
  },
  {
    id: 'aws-dynamo-write',
    module: mod('@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'),
    callee: exp(
      'PutItemCommand',
      'UpdateItemCommand',
      'PutCommand',
      'UpdateCommand',
      'TransactWriteItemsCommand',
      'TransactWriteCommand',
    ),
    capability: 'db:write',
    tier: 'high',
    reason: 'writes DynamoDB items',
  },
  {
    id: 'aws-dynamo-read',
    module: mod('@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'),
    callee: exp('GetItemCommand', 'QueryCommand', 'ScanCommand', 'GetCommand', 'BatchGetItemCommand'),
    capability: 'db:read',
    tier: 'medium',
    reason: 'reads DynamoDB items',
  },
  {
    id: 'aws-messaging',
    module: mod('@aws-sdk/client-ses', '@aws-sdk/client-sesv2', '@aws-sdk/client-sns', '@aws-sdk/client-sqs'),
    callee: exp(
      'SendEmailCommand',
      'SendRawEmailCommand',
      'PublishCommand',
      'SendMessageCommand',
      'SendMessageBatchCommand',
    ),
    capability: 'messaging:send',
    tier: 'high',
    reason: 'sends email or messages (AWS)',
  },
  {
    id: 'aws-cfn',
    module: mod('@aws-sdk/client-cloudformation', '@aws-sdk/client-ecs', '@aws-sdk/client-eks'),
    callee: exp(
      'CreateStackCommand',
      'UpdateStackCommand',
      'DeleteStackCommand',
      'UpdateServiceCommand',
      'DeleteServiceCommand',
      'RunTaskCommand',
      'DeleteClusterCommand',
      'CreateClusterCommand',
      'UpdateClusterConfigCommand',
    ),
    capability: 'cloud:infra-write',
    tier: 'critical',
    reason: 'changes AWS infrastructure',
  },
  // ---------------------------------------------------------------- cloud: GCP and Azure
  {
    id: 'gcp-compute',
    module: mod('@google-cloud/compute'),
    callee: exp('#delete', '#insert', '#stop', '#start', '#reset', '#setMetadata'),
    capability: 'cloud:compute-write',
    tier: 'critical',
    reason: 'changes GCP compute',
  },
  {
    id: 'gcp-storage-delete',
    module: mod('@google-cloud/storage'),
    callee: exp('#bucket.file.delete', '#bucket.delete', '#file.delete', '#delete', '#deleteFiles'),
    capability: 'storage:delete',
    tier: 'critical',
    reason: 'deletes GCS data',
  },
  {
    id: 'gcp-storage-write',
    module: mod('@google-cloud/storage'),
    callee: exp('#bucket.upload', '#bucket.file.save', '#file.save', '#upload', '#save', '#createBucket'),
    capability: 'storage:write',
    tier: 'high',
    reason: 'writes GCS objects',
  },
  {
    id: 'gcp-secrets',
    module: mod('@google-cloud/secret-manager', '@azure/keyvault-secrets', '@azure/keyvault-keys'),
    callee: exp(
      '#addSecretVersion',
      '#createSecret',
      '#setSecret',
      '#deleteSecret',
      '#beginDeleteSecret',
      '#createKey',
      '#updateSecretProperties',
      '#purgeDeletedSecret',
    ),
    capability: 'credentials:write',
    tier: 'critical',
    reason: 'persists or changes stored secrets',
  },
  {
    id: 'gcp-secrets-read',
    module: mod('@google-cloud/secret-manager', '@azure/keyvault-secrets'),
    callee: exp('#accessSecretVersion', '#getSecret'),
    capability: 'credentials:read',
    tier: 'high',
    reason: 'reads stored secrets',
  },
  {
    id: 'gcp-iam',
    module: mod('@google-cloud/iam-credentials', 'google-auth-library', '@azure/identity'),
    callee: exp('#generateAccessToken', '#getAccessToken', '#getToken', '#signJwt', '#getIdTokenClient'),
    capability: 'credentials:ephemeral',
    tier: 'low',
    reason: 'obtains short-lived cloud credentials (a token broker)',
  },
  {
    id: 'azure-compute',
    module: mod('@azure/arm-compute', '@azure/arm-resources', '@azure/arm-network', '@azure/arm-containerservice'),
    callee: exp(
      '#*.beginDelete',
      '#*.beginDeleteAndWait',
      '#*.beginCreateOrUpdate',
      '#*.beginCreateOrUpdateAndWait',
      '#*.beginPowerOff',
      '#*.beginDeallocate',
      '#*.beginRestart',
    ),
    capability: 'cloud:infra-write',
    tier: 'critical',
    reason: 'changes Azure infrastructure',
  },
  {
    id: 'azure-blob-delete',
    module: mod('@azure/storage-blob'),
    callee: exp('#delete', '#deleteBlob', '#deleteContainer', '#deleteIfExists'),
    capability: 'storage:delete',
    tier: 'critical',
    reason: 'deletes Azure blobs',
  },
  {
    id: 'azure-blob-write',
    module: mod('@azure/storage-blob'),
    callee: exp('#upload', '#uploadData', '#uploadFile', '#createContainer', '#beginCopyFromURL'),
    capability: 'storage:write',
    tier: 'high',
    reason: 'writes Azure blobs',
  },
  // ---------------------------------------------------------------- Kubernetes and infrastructure as code
  {
    id: 'k8s-delete',
    module: mod('@kubernetes/client-node'),
    callee: exp(
      '#delete*',
      '#deleteNamespacedPod',
      '#deleteNamespacedDeployment',
      '#deleteNamespace',
      '#deleteCollection*',
    ),
    capability: 'k8s:delete',
    tier: 'high',
    reason: 'deletes cluster resources',
  },
  {
    id: 'k8s-write',
    module: mod('@kubernetes/client-node'),
    callee: exp('#create*', '#patch*', '#replace*', '#apply'),
    capability: 'k8s:write',
    tier: 'high',
    reason: 'changes cluster resources',
  },
  {
    id: 'k8s-exec',
    module: mod('@kubernetes/client-node'),
    callee: exp('#exec', '#attach'),
    capability: 'system:exec',
    tier: 'critical',
    reason: 'runs a command in a container',
  },
  {
    id: 'k8s-read',
    module: mod('@kubernetes/client-node'),
    callee: exp('#list*', '#read*', '#log', '#get*'),
    capability: 'k8s:read',
    tier: 'medium',
    reason: 'reads cluster state',
  },
  {
    id: 'pulumi',
    module: mod('@pulumi/pulumi/automation', '@cdktf/provider-aws', 'cdktf'),
    callee: exp('#up', '#destroy', '#refresh', 'LocalWorkspace.createOrSelectStack', 'LocalWorkspace.createStack'),
    capability: 'cloud:infra-write',
    tier: 'critical',
    reason: 'applies infrastructure changes',
  },
  {
    id: 'docker',
    module: mod('dockerode'),
    callee: exp('#createContainer', '#run', '#*.remove', '#*.kill', '#*.stop', '#*.exec', '#pull', '#buildImage'),
    capability: 'container:write',
    tier: 'critical',
    reason: 'runs or removes containers',
  },
  // ---------------------------------------------------------------- source control
  ...group(mod('@octokit/rest', 'octokit', '@octokit/core', '@actions/github'), 'github', [
    [
      [
        '#rest.repos.delete',
        '#repos.delete',
        '#rest.git.deleteRef',
        '#git.deleteRef',
        '#rest.repos.deleteFile',
        '#repos.deleteFile',
        '#rest.actions.deleteSecretFromRepo',
      ],
      { capability: 'repo:delete', tier: 'critical', reason: 'deletes repositories, branches or files (GitHub)' },
    ],
    [
      [
        '#rest.repos.createOrUpdateFileContents',
        '#repos.createOrUpdateFileContents',
        '#rest.git.createCommit',
        '#git.createCommit',
        '#rest.git.updateRef',
        '#git.updateRef',
        '#rest.git.createRef',
        '#rest.git.createTree',
        '#rest.pulls.merge',
        '#pulls.merge',
        '#rest.repos.createForAuthenticatedUser',
        '#rest.repos.createFork',
        '#rest.repos.merge',
      ],
      { capability: 'repo:write', tier: 'high', reason: 'pushes code or changes repositories (GitHub)' },
    ],
    [
      [
        '#rest.issues.create',
        '#issues.create',
        '#rest.issues.update',
        '#rest.issues.createComment',
        '#issues.createComment',
        '#rest.pulls.create',
        '#pulls.create',
        '#rest.pulls.createReview',
      ],
      { capability: 'repo:write', tier: 'high', reason: 'writes issues and pull requests (GitHub)' },
    ],
    [
      [
        '#rest.actions.createOrUpdateRepoSecret',
        '#rest.actions.createOrUpdateOrgSecret',
        '#rest.apps.createInstallationAccessToken',
      ],
      { capability: 'credentials:write', tier: 'critical', reason: 'persists secrets or mints tokens (GitHub)' },
    ],
    [
      ['#rest.*.get', '#rest.*.list*', '#rest.search.*', '#paginate', '#request', '#graphql'],
      { capability: 'repo:read', tier: 'medium', reason: 'reads from GitHub' },
    ],
  ]),
  {
    id: 'gitlab',
    module: mod('@gitbeaker/rest', '@gitbeaker/node', '@gitbeaker/core'),
    callee: exp(
      '#Commits.create',
      '#RepositoryFiles.create',
      '#RepositoryFiles.edit',
      '#MergeRequests.accept',
      '#MergeRequests.create',
      '#Issues.create',
      '#Branches.create',
      '#Projects.create',
      '#Projects.fork',
    ),
    capability: 'repo:write',
    tier: 'high',
    reason: 'pushes code or changes projects (GitLab)',
  },
  {
    id: 'gitlab-delete',
    module: mod('@gitbeaker/rest', '@gitbeaker/node', '@gitbeaker/core'),
    callee: exp('#Projects.remove', '#Branches.remove', '#RepositoryFiles.remove'),
    capability: 'repo:delete',
    tier: 'critical',
    reason: 'deletes projects, branches or files (GitLab)',
  },
  {
    id: 'simple-git',
    module: mod('simple-git', 'isomorphic-git'),
    callee: exp('#push', '#commit', '#reset', '#rebase', '#merge', 'push', 'commit', 'default.push', 'default.commit'),
    capability: 'repo:write',
    tier: 'high',
    reason: 'commits or pushes code',
  },
  // ---------------------------------------------------------------- sandboxes: code run elsewhere
  ...group(
    mod('@vercel/sandbox', 'e2b', '@e2b/code-interpreter', '@e2b/sdk', '@daytonaio/sdk', '@cloudflare/sandbox'),
    'sandbox',
    [
      [
        [
          '#runCommand',
          '#runCode',
          '#commands.run',
          '#process.executeCommand',
          '#process.codeRun',
          '#exec',
          '#files.write',
          '#writeFiles',
        ],
        {
          // Isolated from this machine, not from the network or from what is put into the sandbox.
          capability: 'sandbox:exec',
          tier: 'high',
          reason: 'runs commands or code in a remote sandbox',
        },
      ],
    ],
  ),
  // ---------------------------------------------------------------- messaging
  ...group(mod('twitter-api-v2'), 'twitter', [
    [
      [
        '#v2.tweet',
        '#v1.tweet',
        '#v2.reply',
        '#v2.quote',
        '#v2.tweetThread',
        '#v2.deleteTweet',
        '#v2.retweet',
        '#v2.like',
        '#v2.follow',
        '#v2.sendDmToParticipant',
        '#v2.sendDmInConversation',
        '#readWrite.v2.tweet',
      ],
      { capability: 'social:post', tier: 'high', reason: 'posts, deletes or messages on X as the user' },
    ],
    [
      ['#v2.search', '#v2.userTimeline', '#v2.singleTweet', '#v2.userByUsername', '#v2.me'],
      { capability: 'social:read', tier: 'medium', reason: 'reads X' },
    ],
  ]),
  {
    id: 'slack',
    module: mod('@slack/web-api', '@slack/bolt'),
    callee: exp(
      '#chat.postMessage',
      '#chat.update',
      '#chat.delete',
      '#chat.scheduleMessage',
      '#chat.postEphemeral',
      '#files.uploadV2',
      '#reactions.add',
      '#conversations.create',
      '#conversations.invite',
      '#client.chat.postMessage',
      '#say',
    ),
    capability: 'messaging:send',
    tier: 'high',
    reason: 'posts to Slack',
  },
  {
    id: 'slack-read',
    module: mod('@slack/web-api', '@slack/bolt'),
    callee: exp(
      '#conversations.history',
      '#conversations.list',
      '#conversations.replies',
      '#users.list',
      '#users.info',
      '#users.profile.get',
    ),
    capability: 'messaging:read',
    tier: 'medium',
    reason: 'reads Slack',
  },
  {
    id: 'slack-webhook',
    module: mod('@slack/webhook'),
    callee: exp('#send'),
    capability: 'messaging:send',
    tier: 'high',
    reason: 'posts to a Slack webhook',
  },
  {
    id: 'nodemailer',
    module: mod(
      'nodemailer',
      'resend',
      '@sendgrid/mail',
      'postmark',
      'mailgun.js',
      '@mailchimp/mailchimp_transactional',
    ),
    callee: exp(
      '#sendMail',
      '#emails.send',
      '#send',
      '#sendEmail',
      'send',
      'default.send',
      '#messages.create',
      '#messages.send',
    ),
    capability: 'messaging:email',
    tier: 'high',
    reason: 'sends email',
  },
  {
    id: 'twilio',
    module: mod('twilio', '@vonage/server-sdk', 'plivo'),
    callee: exp('#messages.create', '#calls.create', '#sms.send', '#verify.*'),
    capability: 'messaging:sms',
    tier: 'high',
    reason: 'sends SMS or places calls',
  },
  {
    id: 'discord',
    module: mod('discord.js', 'telegraf', 'node-telegram-bot-api'),
    callee: exp('#send', '#reply', '#sendMessage', '#channels.*.send', '#telegram.sendMessage', '#createMessage'),
    capability: 'messaging:send',
    tier: 'high',
    reason: 'posts chat messages',
  },
  {
    id: 'discord-read',
    module: mod('discord.js'),
    callee: exp('#channels.fetch', '#guilds.fetch', '#messages.fetch', '#*.messages.fetch', '#*.channels.fetch'),
    capability: 'messaging:read',
    tier: 'medium',
    reason: 'reads chat servers, channels or messages',
  },
  ...group(mod('googleapis', '@googleapis/gmail', '@googleapis/calendar', '@googleapis/drive'), 'google', [
    [
      ['#users.messages.send', '#users.drafts.send', '#users.messages.delete', '#users.messages.trash'],
      { capability: 'messaging:email', tier: 'high', reason: 'sends or deletes mail as the user (Gmail)' },
    ],
    [
      ['#users.drafts.create', '#users.labels.create'],
      { capability: 'messaging:draft', tier: 'medium', reason: 'writes a draft; sends nothing (Gmail)' },
    ],
    [
      ['#users.messages.get', '#users.messages.list', '#users.threads.get', '#users.threads.list'],
      { capability: 'messaging:read', tier: 'medium', reason: "reads the user's mail (Gmail)" },
    ],
    [
      ['#events.delete', '#calendars.delete', '#events.update', '#events.patch'],
      { capability: 'calendar:write', tier: 'high', reason: 'changes or deletes calendar events' },
    ],
    [['#events.insert'], { capability: 'calendar:create', tier: 'medium', reason: 'adds a calendar event' }],
    [['#events.list', '#events.get'], { capability: 'calendar:read', tier: 'medium', reason: 'reads a calendar' }],
    [
      ['#files.delete', '#files.update', '#permissions.create', '#spreadsheets.values.update'],
      { capability: 'docs:write', tier: 'high', reason: 'changes, shares or deletes documents (Google Drive)' },
    ],
    [
      ['#files.list', '#files.get', '#spreadsheets.values.get'],
      { capability: 'docs:read', tier: 'medium', reason: 'reads documents (Google Drive)' },
    ],
  ]),
  // ---------------------------------------------------------------- secret stores and credential persistence
  {
    // Not a call: the whole environment in what a function returns (extraction finds it).
    id: 'env-expose',
    module: mod('<global>'),
    callee: exp('process.env'),
    capability: 'credentials:expose',
    tier: 'critical',
    reason: 'returns the process environment, credentials included',
  },
  {
    // Not a call either: a secret-named environment variable in what a function returns.
    id: 'secret-expose',
    module: mod('<global>'),
    callee: exp('process.env.<secret>'),
    capability: 'credentials:expose',
    tier: 'critical',
    reason: 'returns a secret from the environment',
    kind: 'subject',
    arg: 0,
  },
  {
    id: 'vault-write',
    module: mod('node-vault', 'hashi-vault-js'),
    callee: exp('#write', '#delete', '#generateDatabaseCredentials'),
    capability: 'credentials:write',
    tier: 'critical',
    reason: 'writes or deletes secrets in Vault',
  },
  {
    id: 'vault-read',
    module: mod('node-vault', 'hashi-vault-js'),
    callee: exp('#read'),
    capability: 'credentials:read',
    tier: 'high',
    reason: 'reads secrets from Vault',
    // A read under `…/creds/…` leases a dynamic secret (resolve-capabilities.ts, classifyCredential).
    kind: 'credential',
  },
  {
    id: 'keytar',
    module: mod('keytar', '@napi-rs/keyring'),
    callee: exp('setPassword', 'deletePassword', 'default.setPassword', '#setPassword', '#deletePassword'),
    capability: 'credentials:write',
    tier: 'critical',
    reason: 'persists credentials in the OS keychain',
  },
  {
    id: 'dotenv-write',
    module: mod('dotenv-expand', 'envfile'),
    callee: exp('stringify', 'default.stringify'),
    capability: 'credentials:write',
    tier: 'critical',
    reason: 'writes environment files',
  },
  // ---------------------------------------------------------------- browser automation
  {
    id: 'playwright',
    module: mod(
      'playwright',
      'playwright-core',
      '@playwright/test',
      'puppeteer',
      'puppeteer-core',
      'selenium-webdriver',
    ),
    callee: exp(
      'chromium.launch',
      'firefox.launch',
      'webkit.launch',
      'launch',
      'default.launch',
      'connect',
      '#goto',
      '#click',
      '#fill',
      '#type',
      '#evaluate',
      '#newPage',
    ),
    capability: 'browser:automate',
    tier: 'high',
    reason: 'drives a browser as the user',
  },
  ...group(mod('@browserbasehq/stagehand', 'agent-browser'), 'browser-agent', [
    [
      [
        '#act',
        '#page.act',
        '#*.click',
        '#*.fill',
        '#*.type',
        '#*.press',
        '#*.selectOption',
        '#*.dragTo',
        '#*.check',
        '#*.dragAndDrop',
        '#*.keyPress',
      ],
      { capability: 'browser:act', tier: 'high', reason: 'acts in a web page as the user' },
    ],
    [['#*.evaluate'], { capability: 'browser:script', tier: 'critical', reason: 'runs JavaScript in a web page' }],
    [
      ['#extract', '#observe', '#page.extract', '#page.observe', '#*.goto', '#*.screenshot'],
      { capability: 'browser:read', tier: 'medium', reason: 'opens or reads web pages' },
    ],
  ]),
  // ---------------------------------------------------------------- AI: agents calling agents, MCP clients
  {
    id: 'mcp-client',
    module: mod(
      '@modelcontextprotocol/sdk/client/index.js',
      '@modelcontextprotocol/sdk/client/index',
      '@modelcontextprotocol/client',
    ),
    callee: exp('#callTool'),
    capability: 'mcp:call-tool',
    tier: 'high',
    reason: 'calls a tool on another MCP server',
  },
];

/** One entry per callee pattern: module + member pattern → capability, tier and reason. */
export const CATALOG: CatalogEntry[] = RAW_CATALOG.flatMap((e) =>
  e.callee.map((name) => ({
    ...e,
    id: `${e.id}:${name}`,
    callee: new RegExp(`^${esc(name).replace(/\\\*/g, '[^.]+')}$`),
  })),
);

/** Catalog entries from the config: the user's own SDKs, and their token brokers (ephemeral credentials). */
export function userCatalog(config: {
  capabilities?: { module: string; call: string; capability: string; tier: RiskTier; reason?: string }[];
  tokenBrokers?: { module: string; call: string }[];
}): CatalogEntry[] {
  const pattern = (call: string) => new RegExp(`^${esc(call).replace(/\\\*/g, '[^.]+')}$`);
  return [
    ...(config.capabilities ?? []).map((c, i) => ({
      id: `user-${i}:${c.call}`,
      module: mod(c.module.replace(/^node:/, '')),
      callee: pattern(c.call),
      capability: c.capability,
      tier: c.tier,
      reason: c.reason ?? 'declared in agent-warden.json',
    })),
    ...(config.tokenBrokers ?? []).map((b, i) => ({
      id: `broker-${i}:${b.call}`,
      module: mod(b.module.replace(/^node:/, '')),
      callee: pattern(b.call),
      capability: 'credentials:ephemeral',
      tier: 'low' as RiskTier,
      reason: 'mints short-lived credentials (a token broker in agent-warden.json)',
    })),
  ];
}

/** Known HTTP APIs: host (and path) → capability by method, for `fetch` and HTTP clients. */
export interface ApiEntry {
  host: RegExp;
  path?: RegExp;
  read: [string, RiskTier];
  write: [string, RiskTier];
  delete?: [string, RiskTier];
  reason: string;
}

export const HTTP_APIS: ApiEntry[] = [
  {
    // A new repository, fork or branch overwrites nothing: creating one is not a write to existing code.
    host: /^(api\.github\.com|gitlab\.com|.*gitlab.*)$/,
    path: /(\/forks?|\/git\/refs|\/repository\/branches|^\/user\/repos|^\/orgs\/[^/]+\/repos|^\/api\/v4\/projects)$/,
    read: ['repo:read', 'medium'],
    write: ['repo:create', 'medium'],
    reason: 'creates a repository, fork or branch',
  },
  {
    host: /^api\.github\.com$/,
    read: ['repo:read', 'medium'],
    write: ['repo:write', 'high'],
    delete: ['repo:delete', 'critical'],
    reason: 'GitHub REST API',
  },
  {
    host: /^(gitlab\.com|.*gitlab.*)$/,
    read: ['repo:read', 'medium'],
    write: ['repo:write', 'high'],
    delete: ['repo:delete', 'critical'],
    reason: 'GitLab REST API',
  },
  {
    host: /^slack\.com$/,
    path: /^\/api\/(chat\.|reactions\.add|files\.upload|conversations\.(create|invite|archive|kick))/,
    read: ['messaging:read', 'medium'],
    write: ['messaging:send', 'high'],
    reason: 'Slack Web API (write method)',
  },
  {
    host: /^slack\.com$/,
    read: ['messaging:read', 'medium'],
    write: ['messaging:read', 'medium'],
    reason: 'Slack Web API',
  },
  {
    host: /^hooks\.slack\.com$/,
    read: ['messaging:send', 'high'],
    write: ['messaging:send', 'high'],
    reason: 'Slack webhook',
  },
  {
    host: /^api\.stripe\.com$/,
    read: ['payments:read', 'medium'],
    write: ['payments:write', 'critical'],
    delete: ['payments:write', 'critical'],
    reason: 'Stripe API',
  },
  {
    host: /^api\.sendgrid\.com$|^api\.resend\.com$|^api\.postmarkapp\.com$|^api\.mailgun\.net$/,
    read: ['messaging:read', 'medium'],
    write: ['messaging:email', 'high'],
    reason: 'email API',
  },
  {
    host: /^api\.twilio\.com$/,
    read: ['messaging:read', 'medium'],
    write: ['messaging:sms', 'high'],
    reason: 'Twilio API',
  },
  {
    host: /^discord(app)?\.com$/,
    read: ['messaging:read', 'medium'],
    write: ['messaging:send', 'high'],
    reason: 'Discord API',
  },
  {
    host: /^api\.notion\.com$/,
    read: ['docs:read', 'medium'],
    write: ['docs:write', 'high'],
    delete: ['docs:delete', 'high'],
    reason: 'Notion API',
  },
  {
    host: /^.*\.atlassian\.net$/,
    read: ['tickets:read', 'medium'],
    write: ['tickets:write', 'high'],
    delete: ['tickets:delete', 'high'],
    reason: 'Atlassian API',
  },
  {
    host: /^api\.linear\.app$/,
    read: ['tickets:write', 'high'],
    write: ['tickets:write', 'high'],
    reason: 'Linear GraphQL API (queries and mutations share one endpoint)',
  },
  {
    host: /^.*\.amazonaws\.com$/,
    read: ['cloud:read', 'medium'],
    write: ['cloud:write', 'critical'],
    delete: ['cloud:delete', 'critical'],
    reason: 'AWS API',
  },
  {
    host: /^.*\.googleapis\.com$/,
    read: ['cloud:read', 'medium'],
    write: ['cloud:write', 'high'],
    delete: ['cloud:delete', 'critical'],
    reason: 'Google API',
  },
  {
    host: /^management\.azure\.com$/,
    read: ['cloud:read', 'medium'],
    write: ['cloud:write', 'critical'],
    delete: ['cloud:delete', 'critical'],
    reason: 'Azure Resource Manager',
  },
  {
    host: /^api\.cloudflare\.com$/,
    read: ['cloud:read', 'medium'],
    write: ['cloud:write', 'critical'],
    delete: ['cloud:delete', 'critical'],
    reason: 'Cloudflare API',
  },
  {
    host: /^api\.vercel\.com$/,
    read: ['cloud:read', 'medium'],
    write: ['cloud:write', 'critical'],
    delete: ['cloud:delete', 'critical'],
    reason: 'Vercel API',
  },
  {
    host: /^api\.heroku\.com$/,
    read: ['cloud:read', 'medium'],
    write: ['cloud:write', 'critical'],
    delete: ['cloud:delete', 'critical'],
    reason: 'Heroku API',
  },
];

/** Command-line tools agents drive, classified by their verb. */
export interface CliEntry {
  command: RegExp;
  /** verb (first non-flag argument; for some CLIs the first two) → capability and tier. */
  verbs: [RegExp, string, RiskTier][];
  /** When no verb matches. */
  fallback: [string, RiskTier];
}

export const CLIS: CliEntry[] = [
  {
    command: /^(kubectl|oc)$/,
    verbs: [
      // Running commands in the cluster is running code; changing or deleting its resources needs a gate too.
      [/^(exec|run|cp|attach|debug)\b/, 'system:exec', 'critical'],
      [/^(delete|drain|taint)\b/, 'k8s:delete', 'high'],
      [
        /^(apply|create|patch|replace|scale|rollout|edit|set|label|annotate|cordon|uncordon|expose|autoscale)\b/,
        'k8s:write',
        'high',
      ],
      // A local port to a cluster service: reaches it, changes nothing in it.
      [/^(port-forward|proxy)\b/, 'k8s:connect', 'medium'],
      // Changes which cluster the local kubeconfig points at; the cluster itself is untouched.
      [/^config (use-context|set-context|set|unset|delete-context|rename-context)\b/, 'k8s:config', 'medium'],
      [
        /^(get|describe|logs|explain|api-resources|api-versions|version|top|cluster-info|events|config|auth can-i|wait)\b/,
        'k8s:read',
        'medium',
      ],
    ],
    fallback: ['k8s:write', 'critical'],
  },
  {
    command: /^helm$/,
    verbs: [
      [/^(uninstall|delete|rollback)\b/, 'k8s:delete', 'high'],
      [/^(install|upgrade|repo add|repo update|plugin install|push)\b/, 'k8s:write', 'high'],
      [/^(list|ls|status|get|show|history|search|template|version|env|lint)\b/, 'k8s:read', 'medium'],
    ],
    fallback: ['k8s:write', 'critical'],
  },
  {
    command: /^git$/,
    verbs: [
      [
        /^(push|commit|merge|rebase|reset|tag|cherry-pick|revert|rm|mv|add|checkout|switch|stash|clean|branch -[dD])\b/,
        'repo:write',
        'high',
      ],
      [
        /^(status|log|diff|show|rev-parse|ls-files|ls-remote|describe|blame|branch|remote|config --get|fetch|clone|pull)\b/,
        'repo:read',
        'medium',
      ],
    ],
    fallback: ['repo:write', 'high'],
  },
  {
    command: /^gh$/,
    verbs: [
      [/^(repo delete|release delete|secret set|secret delete|auth token)\b/, 'repo:delete', 'critical'],
      [
        /^(pr (create|merge|close|edit|review|comment)|issue (create|close|edit|comment)|repo (create|fork|edit)|release create|workflow run|api -X (POST|PUT|PATCH|DELETE))\b/,
        'repo:write',
        'high',
      ],
      [
        /^(pr (list|view|status|diff|checks)|issue (list|view|status)|repo (view|list|clone)|api|search|run (list|view)|release (list|view))\b/,
        'repo:read',
        'medium',
      ],
    ],
    fallback: ['repo:write', 'high'],
  },
  {
    command: /^(aws)$/,
    verbs: [
      [/^\S+ (delete|terminate|remove|deregister|purge|rm|rb)/, 'cloud:delete', 'critical'],
      [/^iam (create-access-key|create-user|attach|put)/, 'identity:admin', 'critical'],
      [
        /^\S+ (create|put|update|run|start|stop|modify|attach|set|cp|mv|sync|invoke|deploy|publish|send)/,
        'cloud:write',
        'critical',
      ],
      [/^\S+ (describe|get|list|ls|head)/, 'cloud:read', 'medium'],
      [/^sts (get-caller-identity|assume-role)/, 'cloud:read', 'low'],
    ],
    fallback: ['cloud:write', 'critical'],
  },
  {
    command: /^(gcloud|gsutil)$/,
    verbs: [
      [/(^| )(delete|rm|remove)\b/, 'cloud:delete', 'critical'],
      [
        /(^| )(create|deploy|update|set|add-iam-policy-binding|cp|mv|rsync|start|stop|resize)\b/,
        'cloud:write',
        'critical',
      ],
      [/(^| )(list|describe|ls|cat|get-iam-policy|config list|auth print-access-token)\b/, 'cloud:read', 'medium'],
    ],
    fallback: ['cloud:write', 'critical'],
  },
  {
    command: /^az$/,
    verbs: [
      [/(^| )(delete|purge|remove)\b/, 'cloud:delete', 'critical'],
      [/(^| )(create|update|set|deploy|start|stop|restart|assign|upload)\b/, 'cloud:write', 'critical'],
      [/(^| )(list|show|get|download)\b/, 'cloud:read', 'medium'],
    ],
    fallback: ['cloud:write', 'critical'],
  },
  {
    command: /^(terraform|tofu|pulumi|cdk|serverless|sls)$/,
    verbs: [
      [/^(destroy|state rm|remove)\b/, 'cloud:delete', 'critical'],
      [/^(apply|up|deploy|import|state (mv|push)|taint|workspace (new|delete))\b/, 'cloud:infra-write', 'critical'],
      [
        /^(plan|validate|fmt|show|output|state (list|show)|init|preview|diff|synth|version|providers)\b/,
        'cloud:read',
        'medium',
      ],
    ],
    fallback: ['cloud:infra-write', 'critical'],
  },
  {
    command: /^(docker|podman|docker-compose)$/,
    verbs: [
      [
        /^(rm|rmi|kill|system prune|volume rm|network rm|compose down|image prune|container prune)\b/,
        'container:delete',
        'critical',
      ],
      [
        /^(run|exec|start|stop|restart|build|push|pull|compose up|tag|cp|create|login)\b/,
        'container:write',
        'critical',
      ],
      [/^(ps|images|logs|inspect|version|info|stats|compose ps|compose logs)\b/, 'container:read', 'medium'],
    ],
    fallback: ['container:write', 'critical'],
  },
  {
    command: /^(psql|mysql|sqlite3|mongosh|mongo|redis-cli)$/,
    verbs: [],
    fallback: ['db:query', 'critical'],
  },
  {
    command: /^(rm|rmdir|shred|dd|mkfs.*|chmod|chown|kill|pkill|killall|shutdown|reboot|systemctl)$/,
    verbs: [],
    fallback: ['system:exec', 'critical'],
  },
  {
    command: /^(ls|cat|head|tail|grep|rg|find|wc|echo|pwd|which|date|whoami|uname|env|printenv|stat|du|df|ps|file)$/,
    verbs: [],
    fallback: ['system:read', 'medium'],
  },
];

/** Files that hold credentials: writing them persists a secret (`.env`, cloud and SSH credentials, keychains). */
export const CREDENTIAL_FILES =
  /(^|[/\\])(\.env(\.[\w.-]+)?|\.npmrc|\.pypirc|\.netrc|\.git-credentials|credentials(\.json)?|id_(rsa|ed25519|ecdsa)|[\w.-]+\.(pem|key|p12|pfx|keychain(-db)?))$|(^|[/\\])\.(aws|ssh|kube|docker)[/\\]/;

/**
 * The X.509 SVID files a SPIFFE helper writes for its workload: the certificate, its key and the trust bundle
 * (spiffe-helper's `svid_file_name`, `svid_key_file_name`, `svid_bundle_file_name`, conventionally `svid.pem`,
 * `svid_key.pem`, `svid_bundle.pem`), in a folder the path may not show (`${dir}/svid.pem`).
 */
export const SVID_FILES = /(^|[/\\*])svid(_key|_cert|_bundle)?\.(pem|crt|key)$/i;

/**
 * Paths under the system's temporary folder (`os.tmpdir()`, `/tmp`, a folder from `mkdtemp`): a tool's own scratch
 * files, written for a CLI it runs and removed after, touch nothing anyone else keeps.
 */
export const TEMP_PATH = /^(\$TMPDIR|\/tmp|\/var\/tmp)(\/|\*|$)/;

/** SQL statement verb → capability. */
export const SQL_VERBS: [RegExp, string, RiskTier][] = [
  [/^(drop|truncate|alter|grant|revoke|create\s+(user|role))\b/i, 'db:admin', 'critical'],
  [/^delete\b/i, 'db:delete', 'critical'],
  [/^(insert|update|upsert|merge|replace|create|copy)\b/i, 'db:write', 'high'],
  [/^(select|show|describe|explain|pragma|values)\b/i, 'db:read', 'medium'],
  [/^(begin|start\s+transaction|commit|rollback|set|savepoint|release)\b/i, 'db:session', 'low'],
];
