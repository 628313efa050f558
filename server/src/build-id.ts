declare const __AGENT_WARDEN_BUILD__: string | undefined;

/**
 * This build's identity: a hash of the analyzer's sources, the compiler and the lockfile, stamped by
 * scripts/build.mjs. Caches of results and of compiled code are keyed by it; run from source (the tests), it is
 * `source`.
 */
export const BUILD_ID = typeof __AGENT_WARDEN_BUILD__ === 'string' ? __AGENT_WARDEN_BUILD__ : 'source';
