/**
 * Every family of the capability catalog, each with a call written the way its SDK's own documentation writes it,
 * inside a tool: the capability and tier the tool must be rated at. A family added to the catalog without a row
 * here fails the last test.
 */
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../server/src/capabilities/catalog';
import { computeCapabilities } from '../../server/src/enrich/capabilities';
import { linkFiles, toolNamed } from '../helpers/link';

interface Row {
  /** The catalog entry's id before `:` (`stripe-0`, `fetch`). */
  family: string;
  /** Imports and clients, as the SDK's docs set them up. */
  setup: string;
  /** The tool's body: `input` is what the model passes. */
  body: string;
  capability: string;
  tier: string;
}

const row = (family: string, setup: string, body: string, capability: string, tier: string): Row => ({
  family,
  setup,
  body,
  capability,
  tier,
});

const AWS = (pkg: string, client: string, command: string) =>
  `import { ${client}, ${command} } from '@aws-sdk/${pkg}';\nconst client = new ${client}({});`;
const awsSend = (command: string) => `return client.send(new ${command}({}));`;
const K8S = `import * as k8s from '@kubernetes/client-node';
const kc = new k8s.KubeConfig();
kc.loadFromDefault();
const core = kc.makeApiClient(k8s.CoreV1Api);`;
const PRISMA = `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();`;
const DRIZZLE = `import { drizzle } from 'drizzle-orm/node-postgres';\nconst db = drizzle(process.env.DATABASE_URL!);\nconst users = {} as any;`;
const TYPEORM = `import { DataSource } from 'typeorm';\nconst ds = new DataSource({ type: 'postgres' });\nclass User {}`;
const MONGO = `import { MongoClient } from 'mongodb';\nconst client = new MongoClient(process.env.MONGO_URL!);`;
const SUPABASE = `import { createClient } from '@supabase/supabase-js';\nconst supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_KEY!);`;
const STRIPE = `import Stripe from 'stripe';\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);`;
const OCTOKIT = `import { Octokit } from '@octokit/rest';\nconst octokit = new Octokit({ auth: process.env.GITHUB_TOKEN });`;
const GITLAB = `import { Gitlab } from '@gitbeaker/rest';\nconst api = new Gitlab({ token: process.env.GITLAB_TOKEN! });`;
const GOOGLE = `import { google } from 'googleapis';
const gmail = google.gmail({ version: 'v1' });
const calendar = google.calendar({ version: 'v3' });
const drive = google.drive({ version: 'v3' });`;
const KNEX = `import knex from 'knex';\nconst db = knex({ client: 'pg' });`;
const STAGEHAND = `import { Stagehand } from '@browserbasehq/stagehand';\nconst stagehand = new Stagehand({ env: 'LOCAL' });`;
const TWITTER = `import { TwitterApi } from 'twitter-api-v2';\nconst x = new TwitterApi(process.env.X_ACCESS_TOKEN!);`;
const SLACK = `import { WebClient } from '@slack/web-api';\nconst slack = new WebClient(process.env.SLACK_BOT_TOKEN);`;
const VAULT = `import vault from 'node-vault';\nconst v = vault({ endpoint: 'https://vault.internal' });`;

const ROWS: Row[] = [
  // Node core
  row(
    'fs-read-0',
    `import { readFile } from 'node:fs/promises';`,
    `return readFile(input.path, 'utf8');`,
    'file:read',
    'medium',
  ),
  row('fs-read-1', `import { readdir } from 'node:fs/promises';`, `return readdir(input.dir);`, 'file:read', 'medium'),
  row(
    'fs-write-0',
    `import { writeFileSync } from 'node:fs';`,
    `writeFileSync(input.path, input.text);`,
    'file:write',
    'high',
  ),
  row('fs-write-1', `import fs from 'fs-extra';`, `await fs.ensureDir(input.dir);`, 'file:create', 'medium'),
  row(
    'fs-write-2',
    `import { rm } from 'node:fs/promises';`,
    `await rm(input.path, { recursive: true });`,
    'file:delete',
    'high',
  ),
  row('rimraf', `import { rimraf } from 'rimraf';`, `await rimraf(input.dir);`, 'file:delete', 'high'),
  row('cp-0', `import { exec } from 'node:child_process';`, `exec(input.cmd);`, 'system:exec', 'critical'),
  row(
    'cp-1',
    `import { execFile } from 'node:child_process';`,
    `execFile(input.program, input.args);`,
    'system:exec',
    'critical',
  ),
  row('cp-2', `import { fork } from 'node:child_process';`, `fork(input.script);`, 'system:exec', 'critical'),
  row('execa', `import { execa } from 'execa';`, `return execa(input.file, input.args);`, 'system:exec', 'critical'),
  row(
    'execa-cmd',
    `import { execaCommand } from 'execa';`,
    `return execaCommand(input.command);`,
    'system:exec',
    'critical',
  ),
  row('zx', `import { $ } from 'zx';`, 'return $`rm -rf ${input.dir}`;', 'system:exec', 'critical'),
  row('shelljs', `import shell from 'shelljs';`, `return shell.exec(input.cmd);`, 'system:exec', 'critical'),
  row('shelljs-rm', `import shell from 'shelljs';`, `shell.rm('-rf', input.path);`, 'file:delete', 'high'),
  row('vm', `import vm from 'node:vm';`, `return vm.runInNewContext(input.code, {});`, 'code:execute', 'critical'),
  row('eval', ``, `return eval(input.code);`, 'code:execute', 'critical'),
  // Compiled CommonJS calls a function without a `this`: `(0, f)(…)`.
  row('eval-indirect', ``, `return (0, eval)(input.code);`, 'code:execute', 'critical'),
  row(
    'cp-commonjs',
    `const import_child_process = require('node:child_process');`,
    `(0, import_child_process.execFile)(input.program, input.args);`,
    'system:exec',
    'critical',
  ),
  row('worker', `import { Worker } from 'node:worker_threads';`, `new Worker(input.file);`, 'code:execute', 'high'),
  row('process-kill', ``, `process.kill(input.pid);`, 'system:process', 'high'),
  // HTTP
  row('fetch', ``, `return fetch(input.url);`, 'network:egress', 'medium'),
  row('axios-method', `import axios from 'axios';`, `return axios.get(input.url);`, 'network:egress', 'medium'),
  row(
    'axios',
    `import axios from 'axios';`,
    `return axios({ url: input.url, method: 'GET' });`,
    'network:egress',
    'medium',
  ),
  row(
    'firecrawl-http',
    `import Firecrawl from 'firecrawl';\nconst fc = new Firecrawl({ apiKey: process.env.FIRECRAWL_API_KEY });`,
    `return fc.http.delete(\`/v2/scrape/\${input.id}/interact\`);`,
    'network:delete',
    'high',
  ),
  row('got', `import got from 'got';`, `return got(input.url).json();`, 'network:egress', 'medium'),
  row('http-request', `import https from 'node:https';`, `https.request(input.url);`, 'network:egress', 'medium'),
  row('net', `import net from 'node:net';`, `net.connect(input.port, input.host);`, 'network:egress', 'medium'),
  row('ws', `import WebSocket from 'ws';`, `new WebSocket(input.url);`, 'network:egress', 'medium'),
  // Databases
  row(
    'pg',
    `import { Pool } from 'pg';\nconst pool = new Pool();`,
    `return pool.query('DELETE FROM sessions WHERE user_id = $1', [input.id]);`,
    'db:delete',
    'critical',
  ),
  row(
    'sqlite',
    `import Database from 'better-sqlite3';\nconst db = new Database('app.db');`,
    `return db.prepare('SELECT * FROM notes').all();`,
    'db:read',
    'medium',
  ),
  row('knex-raw', KNEX, `return db.raw('TRUNCATE audit_log');`, 'db:admin', 'critical'),
  row('knex-write', KNEX, `return db.insert(input).into('users');`, 'db:write', 'high'),
  row('knex-delete', KNEX, `return db('sessions').where({ user: input.user }).del();`, 'db:delete', 'critical'),
  row('knex-read', KNEX, `return db.select('*').from('users');`, 'db:read', 'medium'),
  row('prisma-0', PRISMA, `return prisma.user.findMany();`, 'db:read', 'medium'),
  row('prisma-1', PRISMA, `return prisma.user.create({ data: input });`, 'db:write', 'high'),
  row('prisma-2', PRISMA, `return prisma.user.delete({ where: { id: input.id } });`, 'db:delete', 'critical'),
  row('prisma-3', PRISMA, 'return prisma.$queryRaw`SELECT * FROM users`;', 'db:read', 'medium'),
  row('drizzle-0', DRIZZLE, `return db.select().from(users);`, 'db:read', 'medium'),
  row('drizzle-1', DRIZZLE, `return db.insert(users).values(input);`, 'db:write', 'high'),
  row('drizzle-2', DRIZZLE, `return db.delete(users);`, 'db:delete', 'critical'),
  row(
    'drizzle-3',
    `${DRIZZLE}\nimport { sql } from 'drizzle-orm';`,
    'return db.execute(sql`UPDATE users SET active = false`);',
    'db:write',
    'high',
  ),
  row('orm-0', TYPEORM, `return ds.getRepository(User).find();`, 'db:read', 'medium'),
  row('orm-1', TYPEORM, `return ds.getRepository(User).save(input);`, 'db:write', 'high'),
  row('orm-2', TYPEORM, `return ds.getRepository(User).delete(input.id);`, 'db:delete', 'critical'),
  row('orm-3', TYPEORM, `return ds.query('DELETE FROM users');`, 'db:delete', 'critical'),
  row('mongo-0', MONGO, `return client.db('app').collection('users').find({}).toArray();`, 'db:read', 'medium'),
  row('mongo-1', MONGO, `return client.db('app').collection('users').insertOne(input);`, 'db:write', 'high'),
  row('mongo-2', MONGO, `return client.db('app').collection('users').deleteMany({});`, 'db:delete', 'critical'),
  row(
    'redis-0',
    `import { createClient } from 'redis';\nconst redis = createClient();`,
    `return redis.get(input.key);`,
    'cache:read',
    'medium',
  ),
  row(
    'redis-1',
    `import Redis from 'ioredis';\nconst redis = new Redis();`,
    `return redis.set(input.key, input.value);`,
    'cache:write',
    'high',
  ),
  row(
    'redis-2',
    `import { Redis } from '@upstash/redis';\nconst redis = Redis.fromEnv();`,
    `return redis.del(input.key);`,
    'cache:delete',
    'critical',
  ),
  row('supabase-0', SUPABASE, `return supabase.from('notes').select('*');`, 'db:read', 'medium'),
  row('supabase-1', SUPABASE, `return supabase.from('notes').insert(input);`, 'db:write', 'high'),
  row('supabase-2', SUPABASE, `return supabase.from('notes').delete().eq('id', input.id);`, 'db:delete', 'critical'),
  row('supabase-3', SUPABASE, `return supabase.auth.admin.deleteUser(input.id);`, 'identity:admin', 'critical'),
  // Payments
  row('stripe-0', STRIPE, `return stripe.refunds.create({ charge: input.charge });`, 'payments:write', 'critical'),
  row('stripe-1', STRIPE, `return stripe.customers.create({ email: input.email });`, 'payments:config', 'high'),
  row('stripe-2', STRIPE, `return stripe.charges.retrieve(input.id);`, 'payments:read', 'medium'),
  row(
    'paypal',
    `import braintree from 'braintree';\nconst gateway = new braintree.BraintreeGateway({});`,
    `return gateway.transaction.sale({ amount: input.amount });`,
    'payments:write',
    'critical',
  ),
  // AWS SDK v3
  row(
    'aws-ec2-0',
    AWS('client-ec2', 'EC2Client', 'TerminateInstancesCommand'),
    awsSend('TerminateInstancesCommand'),
    'cloud:compute-write',
    'critical',
  ),
  row(
    'aws-ec2-1',
    AWS('client-ec2', 'EC2Client', 'DescribeInstancesCommand'),
    awsSend('DescribeInstancesCommand'),
    'cloud:read',
    'medium',
  ),
  row(
    'aws-sfn-0',
    AWS('client-sfn', 'SFNClient', 'StartExecutionCommand'),
    awsSend('StartExecutionCommand'),
    'workflow:write',
    'high',
  ),
  row(
    'aws-sfn-1',
    AWS('client-sfn', 'SFNClient', 'DescribeExecutionCommand'),
    awsSend('DescribeExecutionCommand'),
    'workflow:read',
    'medium',
  ),
  row(
    'aws-iam-0',
    AWS('client-iam', 'IAMClient', 'CreateAccessKeyCommand'),
    awsSend('CreateAccessKeyCommand'),
    'credentials:create',
    'critical',
  ),
  row(
    'aws-iam-1',
    AWS('client-iam', 'IAMClient', 'CreateUserCommand'),
    awsSend('CreateUserCommand'),
    'identity:admin',
    'critical',
  ),
  row(
    'aws-iam-2',
    AWS('client-iam', 'IAMClient', 'GetUserCommand'),
    awsSend('GetUserCommand'),
    'identity:read',
    'medium',
  ),
  row(
    'aws-s3-0',
    AWS('client-s3', 'S3Client', 'DeleteObjectCommand'),
    awsSend('DeleteObjectCommand'),
    'storage:delete',
    'critical',
  ),
  row(
    'aws-s3-1',
    AWS('client-s3', 'S3Client', 'PutObjectCommand'),
    awsSend('PutObjectCommand'),
    'storage:write',
    'high',
  ),
  row(
    'aws-s3-2',
    AWS('client-s3', 'S3Client', 'GetObjectCommand'),
    awsSend('GetObjectCommand'),
    'storage:read',
    'medium',
  ),
  row(
    'aws-s3-upload',
    `import { S3Client } from '@aws-sdk/client-s3';\nimport { Upload } from '@aws-sdk/lib-storage';\nconst s3 = new S3Client({});`,
    `return new Upload({ client: s3, params: { Bucket: 'b', Key: input.key, Body: input.body } }).done();`,
    'storage:write',
    'high',
  ),
  row(
    'aws-secrets-0',
    AWS('client-secrets-manager', 'SecretsManagerClient', 'PutSecretValueCommand'),
    awsSend('PutSecretValueCommand'),
    'credentials:write',
    'critical',
  ),
  row(
    'aws-secrets-1',
    AWS('client-secrets-manager', 'SecretsManagerClient', 'GetSecretValueCommand'),
    awsSend('GetSecretValueCommand'),
    'credentials:read',
    'high',
  ),
  row(
    'aws-sts',
    AWS('client-sts', 'STSClient', 'AssumeRoleCommand'),
    awsSend('AssumeRoleCommand'),
    'credentials:ephemeral',
    'low',
  ),
  row(
    'aws-sts-federated',
    AWS('client-sts', 'STSClient', 'AssumeRoleWithWebIdentityCommand'),
    awsSend('AssumeRoleWithWebIdentityCommand'),
    'credentials:federated',
    'low',
  ),
  row(
    'aws-credential-providers-ephemeral',
    "import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';",
    "return fromTemporaryCredentials({ params: { RoleArn: 'arn:aws:iam::123456789012:role/reader' } });",
    'credentials:ephemeral',
    'low',
  ),
  row(
    'aws-credential-providers-federated',
    "import { fromWebToken } from '@aws-sdk/credential-providers';",
    "return fromWebToken({ roleArn: 'arn:aws:iam::123456789012:role/reader', webIdentityToken: input.token });",
    'credentials:federated',
    'low',
  ),
  row(
    'aws-credential-providers-workload',
    "import { fromInstanceMetadata } from '@aws-sdk/credential-providers';",
    'return fromInstanceMetadata({ timeout: 1000 });',
    'credentials:workload',
    'low',
  ),
  row(
    'gcp-federated',
    "import { ExternalAccountClient } from 'google-auth-library';",
    'return ExternalAccountClient.fromJSON(input.config);',
    'credentials:federated',
    'low',
  ),
  row(
    'gcp-impersonated',
    "import { GoogleAuth, Impersonated } from 'google-auth-library';",
    "return new Impersonated({ sourceClient: await new GoogleAuth().getClient(), targetPrincipal: input.sa, lifetime: 3600, targetScopes: ['https://www.googleapis.com/auth/cloud-platform'] });",
    'credentials:ephemeral',
    'low',
  ),
  row(
    'azure-workload',
    "import { DefaultAzureCredential } from '@azure/identity';",
    'return new DefaultAzureCredential();',
    'credentials:workload',
    'low',
  ),
  row(
    'azure-federated',
    "import { WorkloadIdentityCredential } from '@azure/identity';",
    'return new WorkloadIdentityCredential();',
    'credentials:federated',
    'low',
  ),
  row(
    'github-oidc',
    "import * as core from '@actions/core';",
    "return core.getIDToken('sts.amazonaws.com');",
    'credentials:federated',
    'low',
  ),
  row(
    'oauth-client-credentials',
    "import { ClientCredentials } from 'simple-oauth2';",
    "const client = new ClientCredentials({ client: { id: 'x', secret: input.secret }, auth: { tokenHost: 'https://auth.example.com' } });\nreturn client.getToken({ scope: 'reports:read' });",
    'credentials:ephemeral',
    'low',
  ),
  row(
    'aws-lambda',
    AWS('client-lambda', 'LambdaClient', 'InvokeCommand'),
    awsSend('InvokeCommand'),
    'cloud:compute-write',
    'critical',
  ),
  row(
    'aws-rds',
    AWS('client-rds', 'RDSClient', 'DeleteDBInstanceCommand'),
    awsSend('DeleteDBInstanceCommand'),
    'db:delete',
    'critical',
  ),
  row(
    'aws-dynamo-write',
    AWS('client-dynamodb', 'DynamoDBClient', 'PutItemCommand'),
    awsSend('PutItemCommand'),
    'db:write',
    'high',
  ),
  row(
    'aws-dynamo-read',
    AWS('client-dynamodb', 'DynamoDBClient', 'GetItemCommand'),
    awsSend('GetItemCommand'),
    'db:read',
    'medium',
  ),
  row(
    'aws-messaging',
    AWS('client-ses', 'SESClient', 'SendEmailCommand'),
    awsSend('SendEmailCommand'),
    'messaging:send',
    'high',
  ),
  row(
    'aws-cfn',
    AWS('client-cloudformation', 'CloudFormationClient', 'CreateStackCommand'),
    awsSend('CreateStackCommand'),
    'cloud:infra-write',
    'critical',
  ),
  // GCP and Azure
  row(
    'gcp-compute',
    `import { InstancesClient } from '@google-cloud/compute';\nconst instances = new InstancesClient();`,
    `return instances.delete({ project: 'p', zone: 'z', instance: input.name });`,
    'cloud:compute-write',
    'critical',
  ),
  row(
    'gcp-storage-delete',
    `import { Storage } from '@google-cloud/storage';\nconst storage = new Storage();`,
    `return storage.bucket('b').file(input.name).delete();`,
    'storage:delete',
    'critical',
  ),
  row(
    'gcp-storage-write',
    `import { Storage } from '@google-cloud/storage';\nconst storage = new Storage();`,
    `return storage.bucket('b').upload(input.path);`,
    'storage:write',
    'high',
  ),
  row(
    'gcp-secrets',
    `import { SecretManagerServiceClient } from '@google-cloud/secret-manager';\nconst sm = new SecretManagerServiceClient();`,
    `return sm.addSecretVersion({ parent: input.name, payload: { data: Buffer.from(input.value) } });`,
    'credentials:write',
    'critical',
  ),
  row(
    'gcp-secrets-read',
    `import { SecretManagerServiceClient } from '@google-cloud/secret-manager';\nconst sm = new SecretManagerServiceClient();`,
    `return sm.accessSecretVersion({ name: input.name });`,
    'credentials:read',
    'high',
  ),
  row(
    'gcp-iam',
    `import { IAMCredentialsClient } from '@google-cloud/iam-credentials';\nconst iam = new IAMCredentialsClient();`,
    `return iam.generateAccessToken({ name: input.sa, scope: ['https://www.googleapis.com/auth/cloud-platform'] });`,
    'credentials:ephemeral',
    'low',
  ),
  row(
    'azure-compute',
    `import { ComputeManagementClient } from '@azure/arm-compute';\nconst compute = new ComputeManagementClient({} as any, 'sub');`,
    `return compute.virtualMachines.beginDelete('rg', input.vm);`,
    'cloud:infra-write',
    'critical',
  ),
  row(
    'azure-blob-delete',
    `import { BlobServiceClient } from '@azure/storage-blob';\nconst blobs = BlobServiceClient.fromConnectionString(process.env.AZURE_STORAGE!);`,
    `return blobs.getContainerClient('c').getBlobClient(input.name).delete();`,
    'storage:delete',
    'critical',
  ),
  row(
    'azure-blob-write',
    `import { BlobServiceClient } from '@azure/storage-blob';\nconst blobs = BlobServiceClient.fromConnectionString(process.env.AZURE_STORAGE!);`,
    `return blobs.getContainerClient('c').getBlockBlobClient(input.name).upload(input.data, input.data.length);`,
    'storage:write',
    'high',
  ),
  // Kubernetes, infrastructure as code, containers
  row(
    'k8s-delete',
    K8S,
    `return core.deleteNamespacedPod({ name: input.pod, namespace: 'default' });`,
    'k8s:delete',
    'high',
  ),
  row(
    'k8s-write',
    K8S,
    `return core.createNamespacedPod({ namespace: 'default', body: input.pod });`,
    'k8s:write',
    'high',
  ),
  row(
    'k8s-exec',
    `${K8S}\nconst exec = new k8s.Exec(kc);`,
    `return exec.exec('default', input.pod, 'app', input.command, null, null, null, false);`,
    'system:exec',
    'critical',
  ),
  row('k8s-read', K8S, `return core.listNamespacedPod({ namespace: 'default' });`, 'k8s:read', 'medium'),
  row(
    'pulumi',
    `import { LocalWorkspace } from '@pulumi/pulumi/automation';`,
    `const stack = await LocalWorkspace.createOrSelectStack({ stackName: 'dev', workDir: '.' });\nreturn stack.up();`,
    'cloud:infra-write',
    'critical',
  ),
  row(
    'docker',
    `import Docker from 'dockerode';\nconst docker = new Docker();`,
    `return docker.createContainer({ Image: input.image });`,
    'container:write',
    'critical',
  ),
  // Source control
  row(
    'github-0',
    OCTOKIT,
    `return octokit.rest.repos.delete({ owner: 'o', repo: input.repo });`,
    'repo:delete',
    'critical',
  ),
  row(
    'github-1',
    OCTOKIT,
    `return octokit.rest.repos.createOrUpdateFileContents({ owner: 'o', repo: 'r', path: input.path, message: 'm', content: input.content });`,
    'repo:write',
    'high',
  ),
  row(
    'github-2',
    OCTOKIT,
    `return octokit.rest.issues.create({ owner: 'o', repo: 'r', title: input.title });`,
    'repo:write',
    'high',
  ),
  row(
    'github-3',
    OCTOKIT,
    `return octokit.rest.actions.createOrUpdateRepoSecret({ owner: 'o', repo: 'r', secret_name: input.name });`,
    'credentials:write',
    'critical',
  ),
  row('github-4', OCTOKIT, `return octokit.rest.repos.get({ owner: 'o', repo: input.repo });`, 'repo:read', 'medium'),
  row('gitlab', GITLAB, `return api.Commits.create(input.project, 'main', 'm', []);`, 'repo:write', 'high'),
  row('gitlab-delete', GITLAB, `return api.Projects.remove(input.project);`, 'repo:delete', 'critical'),
  row(
    'simple-git',
    `import { simpleGit } from 'simple-git';\nconst git = simpleGit('/repo');`,
    `return git.push();`,
    'repo:write',
    'high',
  ),
  // Sandboxes, social, messaging
  row(
    'sandbox-0',
    `import { Sandbox } from '@e2b/code-interpreter';`,
    `const sbx = await Sandbox.create();\nreturn sbx.runCode(input.code);`,
    'sandbox:exec',
    'high',
  ),
  row('twitter-0', TWITTER, `return x.v2.tweet(input.text);`, 'social:post', 'high'),
  row('twitter-1', TWITTER, `return x.v2.search(input.query);`, 'social:read', 'medium'),
  row(
    'slack',
    SLACK,
    `return slack.chat.postMessage({ channel: input.channel, text: input.text });`,
    'messaging:send',
    'high',
  ),
  row(
    'slack-read',
    SLACK,
    `return slack.conversations.history({ channel: input.channel });`,
    'messaging:read',
    'medium',
  ),
  row(
    'slack-webhook',
    `import { IncomingWebhook } from '@slack/webhook';\nconst hook = new IncomingWebhook(process.env.SLACK_WEBHOOK_URL!);`,
    `return hook.send({ text: input.text });`,
    'messaging:send',
    'high',
  ),
  row(
    'nodemailer',
    `import { Resend } from 'resend';\nconst resend = new Resend(process.env.RESEND_API_KEY);`,
    `return resend.emails.send({ from: 'a@b.c', to: input.to, subject: 's', html: input.html });`,
    'messaging:email',
    'high',
  ),
  row(
    'twilio',
    `import twilio from 'twilio';\nconst sms = twilio(process.env.TWILIO_SID, process.env.TWILIO_TOKEN);`,
    `return sms.messages.create({ to: input.to, from: '+1', body: input.body });`,
    'messaging:sms',
    'high',
  ),
  row(
    'discord',
    `import { Client } from 'discord.js';\nconst bot = new Client({ intents: [] });`,
    `const channel = await bot.channels.fetch(input.channel);\nreturn channel.send(input.text);`,
    'messaging:send',
    'high',
  ),
  row(
    'discord-read',
    `import { Client } from 'discord.js';\nconst bot = new Client({ intents: [] });`,
    `return bot.channels.fetch(input.channel);`,
    'messaging:read',
    'medium',
  ),
  row(
    'google-0',
    GOOGLE,
    `return gmail.users.messages.send({ userId: 'me', requestBody: { raw: input.raw } });`,
    'messaging:email',
    'high',
  ),
  row(
    'google-1',
    GOOGLE,
    `return gmail.users.drafts.create({ userId: 'me', requestBody: { message: { raw: input.raw } } });`,
    'messaging:draft',
    'medium',
  ),
  row(
    'google-2',
    GOOGLE,
    `return gmail.users.messages.get({ userId: 'me', id: input.id });`,
    'messaging:read',
    'medium',
  ),
  row(
    'google-3',
    GOOGLE,
    `return calendar.events.delete({ calendarId: 'primary', eventId: input.id });`,
    'calendar:write',
    'high',
  ),
  row(
    'google-4',
    GOOGLE,
    `return calendar.events.insert({ calendarId: 'primary', requestBody: input.event });`,
    'calendar:create',
    'medium',
  ),
  row('google-5', GOOGLE, `return calendar.events.list({ calendarId: 'primary' });`, 'calendar:read', 'medium'),
  row('google-6', GOOGLE, `return drive.files.delete({ fileId: input.id });`, 'docs:write', 'high'),
  row('google-7', GOOGLE, `return drive.files.list({ q: input.q });`, 'docs:read', 'medium'),
  // Credentials
  row('env-expose', ``, `return JSON.stringify(process.env);`, 'credentials:expose', 'critical'),
  row('secret-expose', ``, `return { token: process.env.GITHUB_TOKEN };`, 'credentials:expose', 'critical'),
  row(
    'vault-write',
    VAULT,
    `return v.write('secret/data/app', { data: input.data });`,
    'credentials:write',
    'critical',
  ),
  row('vault-read', VAULT, `return v.read('secret/data/app');`, 'credentials:read', 'high'),
  row(
    'keytar',
    `import keytar from 'keytar';`,
    `return keytar.setPassword('app', input.account, input.password);`,
    'credentials:write',
    'critical',
  ),
  row(
    'dotenv-write',
    `import { stringify } from 'envfile';`,
    `return stringify(input.vars);`,
    'credentials:write',
    'critical',
  ),
  // Browsers, agents
  row(
    'playwright',
    `import { chromium } from 'playwright';`,
    `const browser = await chromium.launch();\nconst page = await browser.newPage();\nreturn page.goto(input.url);`,
    'browser:automate',
    'high',
  ),
  row(
    'browser-agent-0',
    STAGEHAND,
    `await stagehand.init();\nreturn stagehand.act(input.action);`,
    'browser:act',
    'high',
  ),
  row('browser-agent-1', STAGEHAND, `return stagehand.page.evaluate(input.script);`, 'browser:script', 'critical'),
  row('browser-agent-2', STAGEHAND, `return stagehand.extract(input.instruction);`, 'browser:read', 'medium'),
  row(
    'mcp-client',
    `import { Client } from '@modelcontextprotocol/sdk/client/index.js';\nconst mcp = new Client({ name: 'c', version: '1' });`,
    `return mcp.callTool({ name: input.name, arguments: input.args });`,
    'mcp:call-tool',
    'high',
  ),
];

describe('catalog families: a call as the SDK documents it', () => {
  it.each(ROWS)('$family → $capability ($tier)', ({ setup, body, capability, tier }) => {
    const code = `import { tool } from 'ai';\n${setup}\nexport const probe = tool({ description: '', inputSchema: {} as any, execute: async (input: any) => {\n${body}\n} });`;
    const g = linkFiles({ 'src/tool.ts': code });
    computeCapabilities(g);
    const t = toolNamed(g, 'probe');
    const found = t.capabilities.filter((c) => !c.basis).map((c) => `${c.capability} (${c.tier})`);
    expect(found).toContain(`${capability} (${tier})`);
  });

  it('every family of the catalog has a row', () => {
    const families = new Set(CATALOG.map((e) => e.id.slice(0, e.id.indexOf(':'))));
    const covered = new Set(ROWS.map((r) => r.family));
    expect([...families].filter((f) => !covered.has(f))).toEqual([]);
  });
});
