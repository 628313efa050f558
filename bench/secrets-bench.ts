/**
 * `npm run bench:secrets`: a labelled corpus generated at run time — keys of every provider in every context,
 * plus look-alikes that are not secrets — scanned side by side by Agent Warden, secretlint (recommended
 * preset) and ESLint with eslint-plugin-no-secrets. Prints recall, precision and wall time for each.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { SECRET_RULES } from '../server/src/secrets/secret-rules';
import { FAKE_KEYS, randomFrom } from '../test/helpers/fake-keys';
import { expandTemplate } from '../test/helpers/template-keys';

const REPO = process.cwd();
/** The contenders (third-party/package.json); ESLint itself is the root package's. */
const THIRD_PARTY = join(REPO, 'third-party');
const root = mkdtempSync(join(tmpdir(), 'agent-warden-secrets-bench-'));
const positives = new Set<string>();
const negatives = new Set<string>();
const files = new Map<string, string[]>();

function add(file: string, line: string, label: 'pos' | 'neg'): void {
  const lines = files.get(file) ?? [];
  lines.push(line);
  files.set(file, lines);
  (label === 'pos' ? positives : negatives).add(`${file}:${lines.length}`);
}

// ---- Positives: every provider with a generator, in every context an agent project has.
for (const [id, make] of Object.entries(FAKE_KEYS)) {
  const env = (SECRET_RULES.find((r) => r.id === id)?.envName ?? 'API_KEY').replace(/[^A-Z0-9_]/g, '_');
  add(`src/${id}.ts`, `export const apiKey = "${make()}";`, 'pos');
  add(`src/${id}.ts`, `export const system = \`You are a helper. Call the API with ${make()} when asked.\`;`, 'pos');
  add(`src/${id}.ts`, `// old key: ${make()}`, 'pos');
  add(`config/${id}.env`, `${env}=${make()}`, 'pos');
  add(`config/${id}.yaml`, `${env.toLowerCase()}: "${make()}"`, 'pos');
  add(`mcp/${id}.json`, `{ "mcpServers": { "x": { "command": "npx", "env": { "${env}": "${make()}" } } } }`, 'pos');
  add(`prompts/${id}.md`, `Use the key ${make()} to call the service.`, 'pos');
}
// Providers known by their examples (templates): as code and as a .env line.
for (const rule of SECRET_RULES) {
  if (!rule.examples || FAKE_KEYS[rule.id]) continue;
  for (const t of rule.examples.positive) {
    const text = expandTemplate(t);
    if (text.includes('\n')) continue;
    // As code: `NAME=value` and `NAME: "value"` become `const NAME = "value"`; anything else a string literal.
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)(?:\s*=\s*|:\s+)"?([^"]+)"?$/.exec(text);
    const code = /^(const|let|var|export) /.test(text)
      ? text
      : assignment
        ? `const ${assignment[1]} = ${JSON.stringify(assignment[2])};`
        : `const value = ${JSON.stringify(text)};`;
    add(`src/more/${rule.id}.ts`, code, 'pos');
    add(`config/more/${rule.id}.txt`, text, 'pos');
  }
}

// ---- Look-alikes: random-looking values that are not secrets, and stand-ins.
const uuid = () =>
  `${randomFrom('0123456789abcdef', 8)}-${randomFrom('0123456789abcdef', 4)}-4${randomFrom('0123456789abcdef', 3)}-a${randomFrom('0123456789abcdef', 3)}-${randomFrom('0123456789abcdef', 12)}`;
const lookalikes = [
  () => `const requestId = "${uuid()}";`,
  () => `const sessionToken = "${uuid()}";`,
  () => `const commit = "${randomFrom('0123456789abcdef', 40)}";`,
  () => `const secretHash = "${randomFrom('0123456789abcdef', 64)}";`,
  () =>
    `"integrity": "sha512-${randomFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 86)}==",`,
  () =>
    `const completion = "chatcmpl-${randomFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 29)}";`,
  () => `const message = "msg_${randomFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 24)}";`,
  () => `const toolUse = "toolu_${randomFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 24)}";`,
  () =>
    `const image = "data:image/png;base64,${randomFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 120)}";`,
  () => `const model = "claude-3-5-sonnet-20241022";`,
  () => `const model = "gpt-4o-mini-2024-07-18";`,
  () => `OPENAI_API_KEY=your-openai-key-here`,
  () => `const apiKey = "sk-...";`,
  () => `const token = "<token>";`,
  () => `const apiKey = \`\${process.env.OPENAI_API_KEY}\`;`,
  () => `AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE`,
  () => `const password = "xxxxxxxxxxxxxxxxxxxx";`,
  () => `const nextToken = "?NonExpressionParenKeyword";`,
  () => `const secretName = "DEFAULT_CLIENT_SECRET_EXPIRY";`,
  () =>
    `const keyName = "${randomFrom('abcdefghijklmnopqrstuvwxyz', 12)}-${randomFrom('abcdefghijklmnopqrstuvwxyz', 10)}";`,
];
for (let i = 0; i < 40; i++) for (const make of lookalikes) add(`src/lookalikes-${i % 8}.ts`, make(), 'neg');

for (const [file, lines] of files) {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), `${lines.join('\n')}\n`);
}
writeFileSync(
  join(root, '.secretlintrc.json'),
  JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }),
);
writeFileSync(
  join(root, 'eslint.config.mjs'),
  `import noSecrets from ${JSON.stringify(require.resolve('eslint-plugin-no-secrets', { paths: [THIRD_PARTY] }))};\nimport tsParser from ${JSON.stringify(require.resolve('@typescript-eslint/parser', { paths: [REPO] }))};\nexport default [{ files: ['**/*.ts', '**/*.js'], languageOptions: { parser: tsParser }, plugins: { 'no-secrets': noSecrets }, rules: { 'no-secrets/no-secrets': 'error' } }];\n`,
);

interface Result {
  tool: string;
  reported: Set<string>;
  ms: number;
}

function run(tool: string, cmd: string[], parse: (stdout: string) => string[]): Result {
  const started = performance.now();
  const r = spawnSync(cmd[0]!, cmd.slice(1), { cwd: root, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const ms = performance.now() - started;
  let reported: string[] = [];
  try {
    reported = parse(r.stdout);
  } catch (e) {
    console.error(`${tool}: could not read its output (${(e as Error).message}); stderr: ${r.stderr.slice(0, 400)}`);
  }
  return { tool, reported: new Set(reported), ms };
}

const bin = (name: string) =>
  [THIRD_PARTY, REPO].map((root) => join(root, 'node_modules/.bin', name)).find((b) => existsSync(b)) ?? name;
const results = [
  run('agent-warden', [process.execPath, join(REPO, 'dist/cli.js'), 'scan', '.', '--format', 'json'], (out) =>
    JSON.parse(out)
      .findings.filter((f: { ruleId: string }) => f.ruleId === 'hardcoded-secret')
      .map((f: { file: string; line: number }) => `${f.file}:${f.line}`),
  ),
  run('secretlint 13 (recommended)', [bin('secretlint'), '**/*', '--format', 'json', '--no-color'], (out) =>
    (JSON.parse(out) as { filePath: string; messages: { loc: { start: { line: number } } }[] }[]).flatMap((f) =>
      f.messages.map((m) => `${relative(root, f.filePath)}:${m.loc.start.line}`),
    ),
  ),
  run('eslint + no-secrets', [bin('eslint'), '.', '-f', 'json', '--no-warn-ignored'], (out) =>
    (JSON.parse(out) as { filePath: string; messages: { ruleId: string; line: number }[] }[]).flatMap((f) =>
      f.messages
        .filter((m) => m.ruleId === 'no-secrets/no-secrets')
        .map((m) => `${relative(root, f.filePath)}:${m.line}`),
    ),
  ),
];

console.log(
  `corpus: ${files.size} files, ${positives.size} planted secrets, ${negatives.size} look-alikes (${root})\n`,
);
console.log('| tool | recall | precision | true pos. | false pos. | missed | wall time |');
console.log('|---|---|---|---|---|---|---|');
for (const r of results) {
  const tp = [...r.reported].filter((x) => positives.has(x)).length;
  const fp = [...r.reported].filter((x) => !positives.has(x)).length;
  const fn = positives.size - tp;
  const recall = tp / positives.size;
  const precision = tp + fp ? tp / (tp + fp) : 0;
  console.log(
    `| ${r.tool} | ${recall.toFixed(3)} | ${precision.toFixed(3)} | ${tp} | ${fp} | ${fn} | ${(r.ms / 1000).toFixed(2)} s |`,
  );
}
const aw = results[0]!;
const missed = [...positives].filter((p) => !aw.reported.has(p));
if (missed.length)
  console.log(
    `\nagent-warden missed: ${missed.slice(0, 20).join(', ')}${missed.length > 20 ? ` …(+${missed.length - 20})` : ''}`,
  );
const falsePos = [...aw.reported].filter((p) => !positives.has(p));
if (falsePos.length) console.log(`agent-warden false positives: ${falsePos.slice(0, 20).join(', ')}`);
