import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every temporary folder of the run — the tests' projects, and what the processes they start write (code-server's
 * profiles and sockets, pre-commit's environments) — under one folder removed at the end, whether tests passed or not.
 * Workers and child processes inherit TMPDIR, which `os.tmpdir()` reads.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'agent-warden-tests-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true, maxRetries: 3 });
}
