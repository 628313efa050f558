import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { CODEOWNERS_PATHS, OwnerResolver, parseCodeowners } from '../analyzer/owners';
import { CONFIG_FILE, type Config, DEFAULT_CONFIG, loadConfig } from '../config/load-config';
import { findUp } from './collect-files';
import { LOCKFILE, LockfileError, parseLockfile } from '../authority/lockfile';
import type { RecordedAuthority } from '../authority/model';

export interface Workspace {
  config: Config;
  configDir: string;
  owners: OwnerResolver;
  /** What the owner fallbacks were built from (the CODEOWNERS file read), for the cache's run key. */
  ownersKey: string;
  /** The authority lockfile beside the config, when there is one. */
  lockfile?: LockfileState;
}

/** The lockfile as read: its text and the authority it records, or why it cannot be read. */
export interface LockfileState {
  /** Absolute path. */
  path: string;
  text?: string;
  recorded?: RecordedAuthority;
  error?: LockfileError;
}

/** Reads the lockfile in `dir`, if any; a lockfile that cannot be read says why instead of throwing. */
export function readLockfile(dir: string, cwd: string): LockfileState | undefined {
  const path = join(dir, LOCKFILE);
  if (!existsSync(path)) return undefined;
  const file = relative(cwd, path).split(sep).join('/');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { path, error: new LockfileError(file, 0, 0, '', `cannot read: ${(e as Error).message}`) };
  }
  try {
    return { path, text, recorded: { file, authority: parseLockfile(text, file) } };
  } catch (e) {
    if (e instanceof LockfileError) return { path, text, error: e };
    throw e;
  }
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
  // The config's globs name files from its own folder; findings name them from the working directory.
  const base = relative(cwd, configDir).split(sep).join('/');
  return {
    config: { ...config, base },
    configDir,
    ...ownerResolverFor(cwd, config, configDir, startDir),
    lockfile: readLockfile(configDir, cwd),
  };
}

/** The defaults for a folder whose config is broken: analysis goes on while the error is shown. */
export function defaultWorkspace(cwd: string): Workspace {
  return {
    config: DEFAULT_CONFIG,
    configDir: cwd,
    ...ownerResolverFor(cwd, DEFAULT_CONFIG, cwd, cwd),
    lockfile: readLockfile(cwd, cwd),
  };
}

function ownerResolverFor(
  cwd: string,
  config: Config,
  configDir: string,
  startDir: string,
): Pick<Workspace, 'owners' | 'ownersKey'> {
  const gitDir = findUp(startDir, '.git');
  const repoRoot = gitDir ? dirname(gitDir) : configDir;
  let codeowners;
  let ownersKey = '';
  search: for (const root of [configDir, repoRoot]) {
    for (const rel of CODEOWNERS_PATHS) {
      const p = join(root, rel);
      if (existsSync(p)) {
        const text = readFileSync(p, 'utf8');
        codeowners = { rules: parseCodeowners(text), root, file: rel };
        ownersKey = `${p}\0${text}`;
        break search;
      }
    }
  }
  return {
    owners: new OwnerResolver({ cwd, configOwners: config.owners, configDir, codeowners }),
    ownersKey: `${configDir}\0${ownersKey}`,
  };
}
