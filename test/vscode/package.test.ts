import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import schema from '../../server/src/config/agent-warden.schema.json';
import { RULES } from '../../server/src/rules';
import { REPO } from '../helpers/cli';

const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
/** The extension's page on the marketplace (`npm run package` passes it to vsce). */
const MARKETPLACE_README = 'docs/marketplace/README.md';

describe('extension package', () => {
  it('ships only the bundles, the graph webview, the icon, the schema and the docs (no sources, tests or node_modules)', () => {
    const r = spawnSync(
      process.execPath,
      [join(REPO, 'scripts/vsce.mjs'), 'ls', '--no-dependencies', '--readme-path', MARKETPLACE_README],
      {
        cwd: REPO,
        encoding: 'utf8',
      },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n').sort()).toEqual([
      'CHANGELOG.md',
      'LICENSE',
      'dist/code-cache.js',
      'dist/extension.js',
      'dist/graph-webview.css',
      'dist/graph-webview.js',
      'dist/server-main.js',
      'dist/server.js',
      'dist/typescript.js',
      'docs/marketplace/README.md',
      'media/agent-warden.svg',
      'media/icon.png',
      'package.json',
      'server/src/config/agent-warden.schema.json',
    ]);
    expect(statSync(join(REPO, 'dist/agent-warden.vsix')).size).toBeLessThan(5 * 1024 * 1024);
  });

  it('has what a marketplace listing needs: a PNG icon of 128×128 or more, categories, keywords, links', () => {
    const png = readFileSync(join(REPO, manifest.icon));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(128); // width, from the IHDR chunk
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(128); // height
    expect(manifest.categories).toContain('Linters');
    expect(manifest.keywords.length).toBeGreaterThanOrEqual(5);
    expect(manifest.homepage).toMatch(/^https:\/\//);
    expect(manifest.bugs.url).toMatch(/^https:\/\//);
  });

  it('the marketplace page: packaged from its own README, whose images exist and which names every setting', () => {
    expect(manifest.scripts.package).toContain(`--readme-path ${MARKETPLACE_README}`);
    const page = readFileSync(join(REPO, MARKETPLACE_README), 'utf8');
    const images = [...page.matchAll(/!\[[^\]]*\]\((\/[^)]+)\)/g)].map((m) => m[1]!);
    expect(images.length).toBeGreaterThanOrEqual(1);
    for (const image of images) expect(statSync(join(REPO, image)).size).toBeGreaterThan(10_000);
    for (const setting of Object.keys(manifest.contributes.configuration.properties)) expect(page).toContain(setting);
  });

  it('allows VS Code 1.100 and declares limited trust with what is restricted', () => {
    expect(manifest.engines.vscode).toBe('^1.100.0');
    expect(manifest.capabilities.untrustedWorkspaces.supported).toBe('limited');
    expect(manifest.capabilities.untrustedWorkspaces.description).toMatch(/never runs code/);
    expect(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations).toEqual(['agentWarden.rules']);
  });

  it('settings live under agentWarden.* with descriptions, and the rules setting knows every rule', () => {
    const props = manifest.contributes.configuration.properties;
    expect(Object.keys(props).sort()).toEqual([
      'agentWarden.codeLens',
      'agentWarden.enable',
      'agentWarden.rules',
      'agentWarden.run',
      'agentWarden.trace.server',
    ]);
    for (const p of Object.values(props) as { description: string }[]) expect(p.description.length).toBeGreaterThan(10);
    expect(props['agentWarden.rules'].propertyNames.enum.sort()).toEqual(RULES.map((r) => r.meta.id).sort());
    expect(manifest.contributes.jsonValidation[0]).toEqual({
      fileMatch: 'agent-warden.json',
      url: './server/src/config/agent-warden.schema.json',
    });
    expect(schema.properties.rules.propertyNames.enum.sort()).toEqual(RULES.map((r) => r.meta.id).sort());
  });
});

describe('chain graph webview', () => {
  it('loads nothing from the network: one local bundle under a nonce, no eval, no remote URL', () => {
    const js = readFileSync(join(REPO, 'dist/graph-webview.js'), 'utf8');
    const css = readFileSync(join(REPO, 'dist/graph-webview.css'), 'utf8');
    expect(js).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(css).not.toMatch(/url\(|@import|https?:/);
    expect(js).not.toMatch(/\beval\(|new Function\(/);
    const panel = readFileSync(join(REPO, 'client/src/chain-graph.ts'), 'utf8');
    expect(panel).toContain("`default-src 'none'`");
    expect(panel).toContain("`script-src 'nonce-${nonce}'`");
  });
});
