// Bundles the CLI (and later the language server and the VS Code client) with esbuild.
import { build } from 'esbuild';
import { chmodSync, copyFileSync } from 'node:fs';

// `typescript` is ts-morph's own copy of the compiler (see server/src/typescript.ts).
export const TYPESCRIPT = '@ts-morph/common/dist/typescript.js';
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning', legalComments: 'none', mainFields: ['module', 'main'], alias: { typescript: TYPESCRIPT } };

// piscina stays external: it starts its own worker script from its package folder.
await build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, external: ['piscina'] });
await build({ ...common, entryPoints: ['server/src/cli/analyze-worker.ts'], outfile: 'dist/analyze-worker.js' });
chmodSync('dist/cli.js', 0o755);
await build({ ...common, entryPoints: ['server/src/lsp-main.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } });
chmodSync('dist/server.js', 0o755);
await build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] });
// The chain graph's webview: a browser bundle (dagre included) and its stylesheet; nothing is loaded from the network.
await build({ bundle: true, platform: 'browser', target: 'es2022', format: 'iife', sourcemap: false, logLevel: 'warning', legalComments: 'none', entryPoints: ['client/src/webview/graph.ts'], outfile: 'dist/graph-webview.js', minify: true });
copyFileSync('client/src/webview/graph.css', 'dist/graph-webview.css');
