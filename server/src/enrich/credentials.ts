import type { LinkedGraph } from '../analyzer/link';
import { BROKERED } from '../authority/model';
import type { FileFacts } from '../analyzer/types';

/**
 * The static credentials behind each high-risk tool: secret-named environment variables read at module level in
 * the files where the tool and its high-risk clients live — unless the tool obtains its credentials otherwise: from a
 * token broker (ephemeral), a federated exchange, or the identity of the workload it runs as.
 */
export function findStaticCredentials(g: LinkedGraph): void {
  const moduleCredentials = new Map<string, FileFacts['credentials']>();
  for (const f of g.facts) {
    const creds = f.credentials.filter((c) => c.scope === 'module' && c.source === 'env');
    if (creds.length) moduleCredentials.set(f.file, creds);
  }
  for (const t of g.tools.values()) {
    if (t.risk !== 'high' && t.risk !== 'critical') continue;
    if (t.capabilities.some((c) => BROKERED[c.capability])) continue;
    const highRisk = t.capabilities.filter((c) => c.tier === 'high' || c.tier === 'critical');
    const files = new Set([t.loc.file, ...highRisk.map((c) => c.evidence.file)]);
    const creds = [...files].flatMap((file) => moduleCredentials.get(file) ?? []);
    if (creds.length) t.staticCredentials = creds.map((c) => ({ name: c.name, loc: c.loc }));
  }
}
