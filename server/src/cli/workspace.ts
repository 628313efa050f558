import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CODEOWNERS_PATHS, OwnerResolver, parseCodeowners } from '../analyzer/owners';
import { CONFIG_FILE, type Config, DEFAULT_CONFIG, loadConfig } from '../config/load-config';
import { findUp } from './collect-files';

export interface Workspace {
  config: Config;
  configDir: string;
  owners: OwnerResolver;
}

/**
 * Settles the config and owner sources for a scan: `--config`, else the nearest agent-warden.json
 * above the first scanned path; CODEOWNERS beside the config, then at the enclosing git repository's root.
 * Throws ConfigError for a bad config.
 */
export function openWorkspace(cwd: string, paths: string[], explicitConfig?: string): Workspace {
  const first = resolve(cwd, paths[0] ?? '.');
  const startDir = existsSync(first) && statSync(first).isFile() ? dirname(first) : first;
  const configPath = explicitConfig ? resolve(cwd, explicitConfig) : findUp(startDir, CONFIG_FILE);
  const config = configPath ? loadConfig(dirname(configPath), configPath) : loadConfig(startDir);
  const configDir = configPath ? dirname(configPath) : cwd;
  return { config, configDir, owners: ownerResolverFor(cwd, config, configDir, startDir) };
}

/** The defaults for a folder whose config is broken: analysis goes on while the error is shown. */
export function defaultWorkspace(cwd: string): Workspace {
  return { config: DEFAULT_CONFIG, configDir: cwd, owners: ownerResolverFor(cwd, DEFAULT_CONFIG, cwd, cwd) };
}

function ownerResolverFor(cwd: string, config: Config, configDir: string, startDir: string): OwnerResolver {
  const gitDir = findUp(startDir, '.git');
  const repoRoot = gitDir ? dirname(gitDir) : configDir;
  let codeowners;
  search: for (const root of [configDir, repoRoot]) {
    for (const rel of CODEOWNERS_PATHS) {
      const p = join(root, rel);
      if (existsSync(p)) {
        codeowners = { rules: parseCodeowners(readFileSync(p, 'utf8')), root, file: rel };
        break search;
      }
    }
  }
  return new OwnerResolver({ cwd, configOwners: config.owners, configDir, codeowners });
}
