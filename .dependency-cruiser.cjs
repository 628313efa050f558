// The layers of Agent Warden, checked by dependency-cruiser (`npm run lint:layers`). ARCHITECTURE.md draws them.
// Paths are relative to the repository root. Type-only imports count: a layer that names another's types
// depends on it too.

/** The analysis core: everything that reads code and decides, and knows no front end. */
const CORE =
  '^server/src/(analyzer|authority|capabilities|config|enrich|fixes|pipeline|policies|project|rules|secrets)/|^server/src/(engine|typescript|version)[.]ts$';
/** What parses: the compiler and the modules that walk its syntax trees. */
const PARSER = '^server/src/typescript[.]ts$|^node_modules/(typescript|ts-morph|@ts-morph)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle: the modules cannot be read, tested or loaded one without the other.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-knows-no-front-end',
      severity: 'error',
      comment: 'The analysis core never imports the CLI, the language server, the reporters or an editor API.',
      from: { path: CORE },
      to: {
        path: '^server/src/(cli|lsp|reporters)/|^server/src/(cli|lsp-main|code-cache)[.]ts$|^client/|^shared/',
        pathNot: '^shared/protocol[.]ts$',
      },
    },
    {
      name: 'core-uses-no-front-end-library',
      severity: 'error',
      comment: 'Editor, LSP and command-line libraries belong to the front ends.',
      from: { path: CORE },
      to: { path: '^node_modules/(vscode-languageserver|vscode-languageclient|vscode-jsonrpc|commander|piscina)/' },
    },
    {
      name: 'core-is-not-vscode',
      severity: 'error',
      comment: 'Only the client runs inside VS Code.',
      from: { pathNot: '^client/' },
      to: { path: '^vscode$', dependencyTypes: ['core', 'npm', 'unknown', 'undetermined', 'npm-no-pkg'] },
    },
    {
      name: 'adapters-import-no-rules',
      severity: 'error',
      comment: 'A framework adapter says what the code registers; what is wrong with it is for the rules.',
      from: { path: '^server/src/analyzer/adapters/' },
      to: { path: '^server/src/rules/' },
    },
    {
      name: 'linking-decides-nothing',
      severity: 'error',
      comment:
        'Extraction and linking build the graph; owners, capabilities, approval, audit and credential lifetime ' +
        'are decided by the enrichment steps, which come after.',
      from: { path: '^server/src/analyzer/' },
      to: { path: '^server/src/(enrich|rules)/|^server/src/capabilities/resolve-capabilities[.]ts$' },
    },
    {
      name: 'rules-never-parse',
      severity: 'error',
      comment: 'A rule reads the identity graph and the per-file facts; it never reaches the parser.',
      from: { path: '^server/src/rules/' },
      to: { path: PARSER, reachable: true },
    },
    {
      name: 'reporters-read-results-only',
      severity: 'error',
      comment: 'A reporter formats an analysis result: it neither parses nor links nor reads files.',
      from: { path: '^server/src/reporters/' },
      to: {
        path: `${PARSER}|^server/src/(cli|lsp|project|pipeline)/|^server/src/analyzer/link[.]ts$`,
        reachable: true,
      },
    },
    {
      name: 'front-ends-apart',
      severity: 'error',
      comment: 'The CLI and the language server share the core, not each other.',
      from: { path: '^server/src/(cli|lsp)/' },
      to: { path: '^server/src/(cli|lsp)/', pathNot: '^server/src/$1/' },
    },
    {
      name: 'client-imports-only-the-protocol',
      severity: 'error',
      comment: 'The VS Code client is thin: all analysis is the server’s; both speak through shared/protocol.ts.',
      from: { path: '^client/' },
      to: { path: '^server/|^shared/', pathNot: '^shared/protocol[.]ts$' },
    },
    {
      name: 'protocol-is-a-leaf',
      severity: 'error',
      comment: 'The shared protocol imports nothing: the client bundle carries only its names and types.',
      from: { path: '^shared/' },
      to: { path: '^(server|client)/|^node_modules/' },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: '^node_modules' },
    exclude: { path: '^(test/fixtures|examples|dist|[.]tools)/' },
    includeOnly: '^(server|client|shared|node_modules)/',
  },
};
