/**
 * The TypeScript compiler API — the copy ts-morph ships (TypeScript 6.0), loaded on its own. The analyzer
 * only parses and walks syntax trees, so ts-morph's project model (3 MB of code to load at every start)
 * stays out of the CLI, its workers and the language server. Types come from the `typescript` package of
 * the same version; the build and the tests resolve `typescript` to ts-morph's copy (scripts/build.mjs,
 * vitest.config.mts), so what is tested is what ships.
 */
import ts = require('typescript');

export { ts };
