// Where the test tools (code-server, vsce) are installed: outside the repository, as third-party/ is, since vsce walks
// the whole folder it packages. scripts/setup-test-tools.sh reads the same variable with the same default.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const TOOLS_DIR = process.env.AGENT_WARDEN_TOOLS_DIR ?? join(homedir(), '.cache', 'agent-warden', 'tools');
