/**
 * V8's compiled code of the CLI's own bundles (and of the compiler beside them) kept between runs, so a start
 * does not compile them again: the launchers (dist/cli.js, dist/analyze-worker.js, dist/server.js) require this
 * first.
 *
 * Written for this job rather than taken from v8-compile-cache, for three reasons measured or read there:
 * - that library keys each entry by a SHA-1 of the whole source, hashed on every start (the compiler's
 *   megabyte included); here the key is the build's identity (a hash of the sources, the compiler and the lockfile,
 *   stamped at build time) with the file's size and modification time — npm gives every installed file the same
 *   modification time, and V8 itself checks little more than the source's length;
 * - it records the code compiled up front only; here the code is recorded when the process ends (or earlier, when
 *   a bundle asks: compiled-code.ts), with every function the run compiled (the parser, the extractor): loading the
 *   compiler took ~90 ms with that library and ~64 ms with this (five alternated runs each);
 * - it trusts whatever sits in a shared temporary folder; compiled code is code, so this uses a folder only if it
 *   belongs to the current user and no one else can write to it.
 * Anything that goes wrong (no folder, a corrupt or foreign entry, a full disk) means compiling as usual.
 * `AGENT_WARDEN_CODE_CACHE=off` turns it off; `AGENT_WARDEN_CODE_CACHE_DIR` moves it.
 */
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { SAVE_COMPILED_CODE } from './compiled-code';
import { limitJit } from './jit-budget';
import { BUILD_ID } from './version';

interface Compilable {
  _compile(content: string, filename: string): unknown;
  exports: unknown;
  require(id: string): unknown;
}

const BUNDLES = __dirname;

function cacheFolder(): string | undefined {
  if (process.env.AGENT_WARDEN_CODE_CACHE === 'off') return undefined;
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const dir =
    process.env.AGENT_WARDEN_CODE_CACHE_DIR ??
    join(tmpdir(), `agent-warden-code-cache-${uid ?? 'user'}`, process.versions.v8);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = statSync(dir);
    // (Windows reports no POSIX permissions; its temp folder is per user.)
    if (
      !st.isDirectory() ||
      (uid !== undefined && st.uid !== uid) ||
      (process.platform !== 'win32' && (st.mode & 0o022) !== 0)
    )
      return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

function install(dir: string): void {
  const proto = (Module as unknown as { prototype: Compilable }).prototype;
  const original = proto._compile;
  const pending: { file: string; bundle: string; script: Script }[] = [];
  proto._compile = function compileWithCache(this: Compilable, content: string, filename: string) {
    if (dirname(filename) !== BUNDLES) return original.call(this, content, filename);
    let entry: string;
    let cachedData: Buffer | undefined;
    try {
      const st = statSync(filename);
      entry = join(dir, `${basename(filename)}-${BUILD_ID}-${st.size}-${Math.trunc(st.mtimeMs)}.code`);
      cachedData = readEntry(entry);
    } catch {
      return original.call(this, content, filename);
    }
    const script = new Script(Module.wrap(content.startsWith('#!') ? `//${content}` : content), {
      filename,
      cachedData,
    });
    if (!cachedData || script.cachedDataRejected) pending.push({ file: entry, bundle: basename(filename), script });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    const internals = Module as unknown as {
      _resolveFilename(request: string, parent: unknown): string;
      _cache: unknown;
    };
    const requireHere = Object.assign((id: string) => this.require(id), {
      resolve: (request: string) => internals._resolveFilename(request, this),
      main: require.main,
      cache: internals._cache,
    });
    return wrapper.call(this.exports, this.exports, requireHere, this, filename, dirname(filename));
  };
  // With every function this run compiled so far, when a bundle asks (compiled-code.ts) or at the end; written whole
  // under a temporary name, then renamed. Entries of other builds of the same bundle go (one per bundle is kept,
  // ~1.3 MB for the compiler).
  const save = () => {
    for (const { file, bundle, script } of pending.splice(0)) {
      try {
        const temp = `${file}.${process.pid}.tmp`;
        writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
        renameSync(temp, file);
        for (const old of readdirSync(dir))
          if (old.startsWith(`${bundle}-`) && old.endsWith('.code') && join(dir, old) !== file)
            rmSync(join(dir, old), { force: true });
      } catch {
        // Unwritable: the next run compiles again.
      }
    }
  };
  (globalThis as Record<symbol, unknown>)[SAVE_COMPILED_CODE] = save;
  process.once('exit', save);
}

/** An entry's bytes, if it is a plain file of ours; a missing or foreign one is no entry. */
function readEntry(file: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
    if (!st.isFile() || (uid !== undefined && st.uid !== uid)) return undefined;
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

limitJit();
const dir = cacheFolder();
if (dir) install(dir);
