import { isAbsolute, relative, resolve } from 'node:path';
import ignore from 'ignore';
import picomatch from 'picomatch';

export interface OwnerMatch {
  owner: string;
  source: 'config' | 'codeowners';
  /** The rule that matched, e.g. `src/payments/** → team-payments` or `CODEOWNERS:4 /src/ @org/team`. */
  rule: string;
}

export interface CodeownersRule {
  pattern: string;
  owners: string[];
  line: number;
}

/** Where GitHub and GitLab look for CODEOWNERS, in their order of precedence. */
export const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS'];

export function parseCodeowners(text: string): CodeownersRule[] {
  const rules: CodeownersRule[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line || /^\[.*\]/.test(line)) return; // blank, comment, GitLab section header
    const [pattern, ...owners] = line.split(/\s+/);
    if (pattern && owners.length) rules.push({ pattern, owners, line: i + 1 });
  });
  return rules;
}

export interface OwnerSources {
  /** Directory the analysed file paths are relative to. */
  cwd: string;
  /** `owners` globs from the config, relative to the config file's directory. */
  configOwners?: Record<string, string>;
  configDir?: string;
  /** CODEOWNERS rules, relative to the repository root. */
  codeowners?: { rules: CodeownersRule[]; root: string; file: string };
}

const posixRel = (from: string, to: string) => relative(from, to).split('\\').join('/');

/**
 * Owner fallbacks after annotations: the config's `owners` globs (last match wins, like CODEOWNERS),
 * then CODEOWNERS (last matching rule wins; gitignore-style patterns).
 */
export class OwnerResolver {
  private readonly configGlobs: { glob: string; owner: string; match: (p: string) => boolean }[];
  private readonly codeowners: { rule: CodeownersRule; matches: (p: string) => boolean }[];

  constructor(private readonly sources: OwnerSources = { cwd: process.cwd() }) {
    this.configGlobs = Object.entries(sources.configOwners ?? {}).map(([glob, owner]) => ({
      glob,
      owner,
      match: picomatch(glob, { dot: true }),
    }));
    this.codeowners = (sources.codeowners?.rules ?? []).map((rule) => {
      const ig = ignore().add(rule.pattern);
      return { rule, matches: (p: string) => ig.ignores(p) };
    });
  }

  /** Answers per file: every tool of a file asks the same question (link runs on every keystroke). */
  private readonly byFile = new Map<string, OwnerMatch | undefined>();

  /** `file` is relative to `cwd`, as in findings. */
  resolve(file: string): OwnerMatch | undefined {
    if (!this.configGlobs.length && !this.codeowners.length) return undefined;
    if (this.byFile.has(file)) return this.byFile.get(file);
    const found = this.resolveUncached(file);
    this.byFile.set(file, found);
    return found;
  }

  private resolveUncached(file: string): OwnerMatch | undefined {
    const abs = resolve(this.sources.cwd, file);
    if (this.configGlobs.length) {
      const rel = posixRel(this.sources.configDir ?? this.sources.cwd, abs);
      for (let i = this.configGlobs.length - 1; i >= 0; i--) {
        const g = this.configGlobs[i]!;
        if (g.match(rel)) return { owner: g.owner, source: 'config', rule: `${g.glob} → ${g.owner}` };
      }
    }
    const co = this.sources.codeowners;
    if (co && this.codeowners.length) {
      const rel = posixRel(co.root, abs);
      if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
      for (let i = this.codeowners.length - 1; i >= 0; i--) {
        const c = this.codeowners[i]!;
        if (c.matches(rel))
          return {
            owner: c.rule.owners[0]!,
            source: 'codeowners',
            rule: `${co.file}:${c.rule.line} ${c.rule.pattern} ${c.rule.owners.join(' ')}`,
          };
      }
    }
    return undefined;
  }
}
