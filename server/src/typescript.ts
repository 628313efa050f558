/**
 * The TypeScript compiler API — the copy ts-morph ships (TypeScript 6.0), loaded on its own. The analyzer
 * only parses and walks syntax trees, so ts-morph's project model (3 MB of code to load at every start)
 * stays out of the CLI, its workers and the language server. Types come from the `typescript` package of
 * the same version; the build and the tests resolve `typescript` to ts-morph's copy (scripts/build.mjs,
 * vitest.config.mts), so what is tested is what ships. The build ships only what parsing reaches, minified
 * (scripts/slim-typescript.mjs: 1.0 MB instead of 9.1 MB as published); the CLI, language server and editor
 * tests run that, and test/packaging/slim-compiler.test.ts checks that it has every `ts.<name>` the server's
 * sources read and parses as the published compiler does. Only names read as `ts.<name>` are kept in it (the
 * linter forbids reading the compiler another way).
 *
 * Loaded on first use, not at start: even so the compiler is a megabyte of code, and a
 * run that parses nothing (a warm cache, a repository without agent code, `--help`) should not pay for it.
 * Every path into syntax trees starts at `parse()` or `IncrementalTree` (analyzer/extract.ts), which call
 * `loadTypeScript()`; code that walks a tree can only run once a tree exists. `ts` is a live binding: after
 * loading, every module sees it.
 */
import type * as TypeScript from 'typescript';

export let ts: typeof TypeScript;

/** The compiler's types under the same name (a namespace of types only, so no value is created). */
// eslint-disable-next-line @typescript-eslint/no-namespace -- one name for the value and its types, as in the compiler
export declare namespace ts {
  type Node = TypeScript.Node;
  type SyntaxKind = TypeScript.SyntaxKind;
  type Expression = TypeScript.Expression;
  type SourceFile = TypeScript.SourceFile;
  type CallExpression = TypeScript.CallExpression;
  type BinaryExpression = TypeScript.BinaryExpression;
  type ObjectLiteralExpression = TypeScript.ObjectLiteralExpression;
  type NewExpression = TypeScript.NewExpression;
  type FunctionLikeDeclaration = TypeScript.FunctionLikeDeclaration;
  type ClassLikeDeclaration = TypeScript.ClassLikeDeclaration;
  type ScriptKind = TypeScript.ScriptKind;
  type PropertyAccessExpression = TypeScript.PropertyAccessExpression;
  type StringLiteral = TypeScript.StringLiteral;
  type PropertyName = TypeScript.PropertyName;
  type Statement = TypeScript.Statement;
  type IfStatement = TypeScript.IfStatement;
  type ReturnStatement = TypeScript.ReturnStatement;
  type TaggedTemplateExpression = TypeScript.TaggedTemplateExpression;
  type PrefixUnaryExpression = TypeScript.PrefixUnaryExpression;
  type ScriptTarget = TypeScript.ScriptTarget;
  type Identifier = TypeScript.Identifier;
  type BindingName = TypeScript.BindingName;
  type TypeNode = TypeScript.TypeNode;
  type ParenthesizedExpression = TypeScript.ParenthesizedExpression;
  type MethodDeclaration = TypeScript.MethodDeclaration;
  type VariableDeclaration = TypeScript.VariableDeclaration;
  type ParameterDeclaration = TypeScript.ParameterDeclaration;
  type LanguageVariant = TypeScript.LanguageVariant;
  type CommentRange = TypeScript.CommentRange;
}

export function loadTypeScript(): typeof TypeScript {
  // `require`, not `import()`: the CLI runs from a code-cached script, where dynamic import is unavailable.
  // A copy with plain properties: the module's exports are getters (an ES module compiled to CommonJS), called on
  // every `ts.<name>` read, which the walk does for every node; a profile of the server put them at a fifth of an
  // edit's time.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  ts ??= { ...(require('typescript') as typeof TypeScript) };
  return ts;
}
