import { link, sortedGraph } from '../analyzer/link';
import type { OwnerResolver } from '../analyzer/owners';
import type { PathMapping } from '../analyzer/resolve';
import type { AgentGraph, DeclaredVersions, FileFacts } from '../analyzer/types';
import type { CatalogEntry } from '../capabilities/catalog';
import { decideApproval } from './approval';
import { findAuditRecords } from './audit';
import { computeCapabilities } from './capabilities';
import { findStaticCredentials } from './credentials';
import { assignOwners } from './owners';
import { timed, type Timings } from '../timings';

/**
 * The agent identity graph of a set of files: linked (who exposes and calls what), then judged step by step —
 * owners, capabilities and risk, audit records, static credentials (which need the risk), approval (which needs
 * the framework versions the project declares: a gate newer than them is none).
 */
export function buildGraph(
  facts: readonly FileFacts[],
  owners: OwnerResolver,
  extraCatalog: CatalogEntry[] = [],
  pathMappings: readonly PathMapping[] = [],
  declared: readonly DeclaredVersions[] = [],
  timings?: Timings,
): AgentGraph {
  const g = timed(timings, 'link', () => link(facts, pathMappings));
  timed(timings, 'owners', () => assignOwners(g, owners));
  timed(timings, 'capabilities', () => computeCapabilities(g, extraCatalog));
  timed(timings, 'audit records', () => findAuditRecords(g));
  timed(timings, 'static credentials', () => findStaticCredentials(g));
  timed(timings, 'approval', () => decideApproval(g, declared));
  return sortedGraph(g);
}
