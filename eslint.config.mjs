// The linter: typescript-eslint's recommended rules, type-aware where a missed promise would lose work in
// the language server, and the house limits (line length, function length). Formatting is Prettier's
// (npm run format:check); layers are dependency-cruiser's (npm run lint:layers).
import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      '.tools/**',
      'test-output/**',
      'node_modules/**',
      // Inputs: code shaped after real agent projects, mistakes included on purpose.
      'test/fixtures/**',
      'examples/**',
      // Published packages and the bundles the live oracles run.
      'third-party/**',
      // Machine-written from the schema (scripts/schema-validators.mjs).
      'server/src/config/validate-config.generated.ts',
      'server/src/authority/validate-lockfile.generated.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@stylistic': stylistic },
    rules: {
      '@stylistic/max-len': [
        'error',
        // A string cannot be wrapped without splitting what a reader greps for (messages, code samples).
        { code: 120, ignoreUrls: true, ignoreRegExpLiterals: true, ignoreStrings: true, ignoreTemplateLiterals: true },
      ],
      'max-lines-per-function': ['error', { max: 120, skipBlankLines: true, skipComments: true }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      // `typeof import('typescript')` types the compiler that is loaded lazily, only when a file must be parsed.
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // Plain JavaScript: scripts and benchmarks outside the TypeScript project.
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: { ...globals.node } },
  },
  {
    // The compiler ships with only the names read as `ts.<name>` (scripts/slim-typescript.mjs): another way of reading
    // one would find it missing in the built CLI and language server only.
    files: ['server/src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "VariableDeclarator[init.type='Identifier'][init.name='ts'][id.type='ObjectPattern']",
          message: 'Read the compiler as `ts.<name>`: the build keeps only the names read that way.',
        },
        {
          selector: "MemberExpression[computed=true][object.type='Identifier'][object.name='ts']",
          message: 'Read the compiler as `ts.<name>`: the build keeps only the names read that way.',
        },
      ],
    },
  },
  {
    // Data tables: one entry a line reads best (secret patterns, the capability catalog).
    files: ['server/src/secrets/secret-rules.ts', 'server/src/capabilities/catalog.ts'],
    rules: { '@stylistic/max-len': 'off', 'max-lines-per-function': 'off' },
  },
  {
    // A test file is one describe block of many cases; each case stays short on its own.
    files: ['test/**/*.ts'],
    rules: { 'max-lines-per-function': 'off' },
  },
);
