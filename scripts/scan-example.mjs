// Scans the bundled example project. Its mistakes are planted, so error-level findings (exit 1)
// are the expected outcome here; any other failure (exit 2) still fails the command.
import { spawnSync } from 'node:child_process';

const r = spawnSync(process.execPath, ['dist/cli.js', 'scan', 'examples/support-desk', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
if (r.status === 1)
  console.log('\n(exit code 1 means error-level findings: expected for this example, whose mistakes are planted.)');
process.exit(r.status === 1 ? 0 : (r.status ?? 2));
