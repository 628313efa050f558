// Bundles the CLI (and later the language server and the VS Code client) with esbuild.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { namesTheAnalyzerReads, slimTypeScript } from './slim-typescript.mjs';

// `typescript` is ts-morph's own copy of the compiler (see server/src/typescript.ts).
export const TYPESCRIPT = '@ts-morph/common/dist/typescript.js';
// What cached results and cached compiled code depend on: the analyzer's own code, the compiler that parses, and
// the locked versions of what is bundled. Every change is a new build, whose caches start cold
// (server/src/version.ts ANALYZER_BUILD, server/src/code-cache.ts).
const buildHash = createHash('sha1');
for (const f of readdirSync('server/src', { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.ts') || f.endsWith('.json'))
  .sort()) {
  buildHash
    .update(f)
    .update('\0')
    .update(readFileSync(join('server/src', f)))
    .update('\0');
}
buildHash.update(readFileSync(`node_modules/${TYPESCRIPT}`)).update(readFileSync('package-lock.json'));
const BUILD_ID = buildHash.digest('hex').slice(0, 12);

// Nothing to do when every input is as it was for the last build and its outputs are there (`--force` builds anyway).
const OUTPUTS = [
  'cli.js',
  'cli-main.js',
  'analyze-worker.js',
  'analyze-worker-main.js',
  'code-cache.js',
  'typescript.js',
]
  .concat(['server.js', 'server-main.js', 'extension.js', 'graph-webview.js', 'graph-webview.css'])
  .map((f) => join('dist', f));
const STAMP = join('dist', '.build-inputs');
const inputsHash = createHash('sha1').update(BUILD_ID);
for (const dir of ['client/src', 'shared', 'scripts'])
  for (const f of readdirSync(dir, { recursive: true }).map(String).sort())
    if (/\.(m?[jt]s|css|json)$/.test(f))
      inputsHash
        .update(f)
        .update('\0')
        .update(readFileSync(join(dir, f)))
        .update('\0');
inputsHash.update(readFileSync('package.json'));
const INPUTS = inputsHash.digest('hex');
if (
  !process.argv.includes('--force') &&
  existsSync(STAMP) &&
  readFileSync(STAMP, 'utf8') === INPUTS &&
  OUTPUTS.every((f) => existsSync(f))
) {
  console.log('build: dist/ is up to date');
  process.exit(0);
}

const common = {
  bundle: true,
  // Whitespace and syntax minified, names kept (stack traces stay readable; the source maps map them back): every
  // start reads and pre-parses the bundle, and the language server's 1.4 MB took ~20 ms longer to answer `initialize`
  // than its 1.0 MB minified (medians of 15 alternated starts).
  minifyWhitespace: true,
  minifySyntax: true,
  define: { __AGENT_WARDEN_BUILD__: JSON.stringify(BUILD_ID) },
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
  mainFields: ['module', 'main'],
  alias: {
    typescript: TYPESCRIPT,
    // fdir's ESM build calls createRequire(import.meta.url), which a CommonJS bundle leaves undefined: take its
    // CommonJS build.
    fdir: './node_modules/fdir/dist/index.cjs',
  },
};

// The CLI and its workers load the compiler from a file of its own beside them (dist/typescript.js), and only
// when something must be parsed (server/src/typescript.ts): a warm run or a repository without agent code
// never reads it.
const compilerBesideBundle = {
  name: 'typescript-beside-bundle',
  setup(b) {
    b.onResolve({ filter: /^typescript$/ }, () => ({ path: './typescript.js', external: true }));
  },
};
mkdirSync('dist', { recursive: true });
// Minified, and only what parsing reaches (scripts/slim-typescript.mjs): every process that parses reads and loads it.
// Minifying took a scan of the example project from 0.65 s to 0.54 s (3.6 MB instead of 9.1 MB, five alternated runs
// each); leaving out the type-checker, the emitter and the language service (1.0 MB) then took a one-file scan from
// ~0.31 s to ~0.24 s (seven alternated runs).
writeFileSync(
  'dist/typescript.js',
  await slimTypeScript(readFileSync(`node_modules/${TYPESCRIPT}`, 'utf8'), namesTheAnalyzerReads()),
);
// piscina stays external: it starts its own worker script from its package folder.
await build({
  ...common,
  entryPoints: ['server/src/cli.ts'],
  outfile: 'dist/cli-main.js',
  external: ['piscina'],
  plugins: [compilerBesideBundle],
});
await build({
  ...common,
  entryPoints: ['server/src/cli/analyze-worker.ts'],
  outfile: 'dist/analyze-worker-main.js',
  plugins: [compilerBesideBundle],
});
// The CLI and its workers start through small launchers that keep V8's compiled code of the bundles and the
// compiler between runs (server/src/code-cache.ts; the cache sits in the OS temp folder). A missing, stale or
// unwritable cache only means compiling as before.
await build({ ...common, sourcemap: false, entryPoints: ['server/src/code-cache.ts'], outfile: 'dist/code-cache.js' });
const launcher = (target, exportsIt) =>
  `try {\n  require('./code-cache.js');\n} catch {\n  // No cache: compile as usual.\n}\n${exportsIt ? 'module.exports = ' : ''}require('./${target}');\n`;
writeFileSync('dist/cli.js', `#!/usr/bin/env node\n${launcher('cli-main.js', false)}`);
writeFileSync('dist/analyze-worker.js', launcher('analyze-worker-main.js', true));
chmodSync('dist/cli.js', 0o755);
// The language server starts through the same launcher and loads the compiler beside it too: an editor's
// `initialize` is answered before the compiler is read, and the compiler's compiled code is kept apart.
await build({
  ...common,
  entryPoints: ['server/src/lsp-main.ts'],
  outfile: 'dist/server-main.js',
  plugins: [compilerBesideBundle],
});
writeFileSync('dist/server.js', `#!/usr/bin/env node\n${launcher('server-main.js', false)}`);
chmodSync('dist/server.js', 0o755);
await build({
  ...common,
  entryPoints: ['client/src/extension.ts'],
  outfile: 'dist/extension.js',
  external: ['vscode'],
});
// The chain graph's webview: a browser bundle (dagre included) and its stylesheet; nothing is loaded from the network.
await build({
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  format: 'iife',
  sourcemap: false,
  logLevel: 'warning',
  legalComments: 'none',
  entryPoints: ['client/src/webview/graph.ts'],
  outfile: 'dist/graph-webview.js',
  minify: true,
});
copyFileSync('client/src/webview/graph.css', 'dist/graph-webview.css');
writeFileSync(STAMP, INPUTS);
