import { version } from '../../package.json';

declare const __AGENT_WARDEN_BUILD__: string | undefined;

/** The analyzer's version, as every output and the language server's `serverInfo` report it: the package's. */
export const ANALYZER_VERSION: string = version;

/**
 * This build's identity: a hash of the analyzer's sources, the compiler and the lockfile, stamped by
 * scripts/build.mjs. Caches of results and of compiled code are keyed by it; run from source (the tests), it is
 * `source`.
 */
export const BUILD_ID = typeof __AGENT_WARDEN_BUILD__ === 'string' ? __AGENT_WARDEN_BUILD__ : 'source';

/**
 * What cached per-file results and reports depend on besides their inputs: this analyzer's code, so an upgraded
 * or rebuilt analyzer never reuses another's cache.
 */
export const ANALYZER_BUILD = `${ANALYZER_VERSION}+${BUILD_ID}`;
