import { createHash } from 'node:crypto';
import { SECRET_RULES, type SecretRule } from './secret-rules';

/** A secret found in text. The secret itself never leaves this module: only its mask and hash do. */
export interface SecretMatch {
  ruleId: string;
  provider: string;
  description: string;
  /** Offsets of the secret value in the scanned text. */
  start: number;
  end: number;
  /** e.g. `sk-p…(164 chars)`: a short prefix and the length, never the value. */
  masked: string;
  /** sha256 of the value, truncated: identifies the secret in fingerprints and baselines. */
  hash: string;
  envName?: string;
}

/** Stand-in markers that never occur in a real key of any format. */
const STRUCTURAL_PLACEHOLDERS = ['example', '<', '>', '${', '$(', '{{', '...', '…', '****', 'process.env'];
/** A run of x in one case (`xxxx`, `XXXX`) marks a stand-in; mixed case (`XxXx`) turns up in real random keys. */
const X_RUN = /xxxx|XXXX/;
/** Words that mark a stand-in in free-form values; too common in random text to apply to provider formats. */
const PLACEHOLDER_WORDS = [
  'your',
  'placeholder',
  'changeme',
  'change_me',
  'dummy',
  'sample',
  'redacted',
  'insert',
  'replace',
  'fake',
  'mock',
  'todo',
];

/**
 * Values written as stand-ins, not secrets: `YOUR_API_KEY`, `sk-...`, `xxxx`, `${VAR}`, AWS's `…EXAMPLE`.
 * `freeForm` (the generic rule) also treats placeholder words and keyboard walks as stand-ins.
 */
export function isPlaceholder(value: string, freeForm = true): boolean {
  const v = value.toLowerCase();
  if (STRUCTURAL_PLACEHOLDERS.some((w) => v.includes(w)) || X_RUN.test(value)) return true;
  if (/(.)\1{7,}/.test(value)) return true; // aaaaaaaa, 00000000
  if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(value)) return true; // DEFAULT_CLIENT_SECRET: an identifier
  if (!freeForm) return false;
  if (PLACEHOLDER_WORDS.some((w) => v.includes(w))) return true;
  if (/0123456789|abcdefghij|1234567890/i.test(value)) return true; // keyboard-walk test values
  if (/^[?$#.]?([A-Z]?[a-z]+)+$/.test(value)) return true; // camel-case words, e.g. "?NonExpressionParenKeyword"
  if (/^[a-z]+([._:/-]+[a-z]+)+$/i.test(value)) return true; // dotted or dashed words: "anthropic.usage.input_tokens", "urn:ietf:params:oauth:token-type:jwt"
  if (/^[a-z][a-z0-9]*([._:/-][a-z0-9]+){2,}$/.test(value)) return true; // lower-case names: "cache_creation.ephemeral_1h_input_tokens"
  if (/^https?:\/\//i.test(value)) return true; // a URL (credentials inside URLs have rules of their own)
  if (/^(password|passwd|pass|secret|user|admin|root|test|pwd)\W*$/i.test(value)) return true; // "user:password@host" in docs
  return false;
}

export function shannonEntropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** At most a 4-character prefix, and never more than a quarter of the value. */
export function maskSecret(value: string): string {
  const shown = Math.min(4, Math.floor(value.length / 4));
  return `${value.slice(0, shown)}…(${value.length} chars)`;
}

export function hashSecret(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 16);
}

/** `ledgerApiKey` / `ledger-api-key` / `LEDGER_API_KEY` → `LEDGER_API_KEY`. */
export function envNameFor(name: string): string {
  const last = name.split('.').pop() ?? name;
  return (
    last
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/[^A-Za-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .toUpperCase() || 'SECRET'
  );
}

/** Values that look random but are identifiers, digests or data, not credentials. */
function looksLikeNonSecretId(value: string): boolean {
  // A setting quoted whole (`GOOGLE_APPLICATION_CREDENTIALS=/run/secrets/sa.json` in a comment or a doc): its value
  // decides.
  const setting = /^[A-Z][A-Z0-9_]{2,}=(.+)$/.exec(value);
  if (setting) return looksLikeNonSecretId(setting[1]!);
  return (
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) || // UUID
    /^(sha(1|256|384|512)-)[A-Za-z0-9+/=]+$/.test(value) || // npm integrity
    /^[0-9a-f]{40}$|^[0-9a-f]{64}$/.test(value) || // git SHA, sha256 digest
    /^(chatcmpl|msg|toolu|call|run|thread|asst|resp|file|batch|ft)[-_][A-Za-z0-9]+$/.test(value) || // provider object ids
    /^data:[a-z]+\/[a-z0-9.+-]+;base64,/i.test(value) ||
    looksLikeFilePath(value)
  );
}

/** Where a credential lives, not the credential: `GOOGLE_APPLICATION_CREDENTIALS=/run/secrets/sa.json`. */
const FILE_EXTENSION = /\.(json|pem|p12|pfx|key|crt|cer|der|jks|keystore|txt|ya?ml|env|ini|conf|cfg|toml|properties)$/i;
const SYSTEM_DIR =
  /^(home|Users|root|etc|var|usr|opt|tmp|run|srv|mnt|app|data|secrets|config|\.aws|\.config|\.ssh|\.kube|\.docker|\.gnupg)$/;

function looksLikeFilePath(value: string): boolean {
  const m = /^(?:~|\.{1,2})?\/((?:[\w.@ -]{1,60}\/)*[\w.@ -]{1,60})$/.exec(value) ?? /^[A-Za-z]:\\(.+)$/.exec(value);
  if (!m) return false;
  const segments = m[1]!.split(/[\\/]/);
  return FILE_EXTENSION.test(segments[segments.length - 1]!) || SYSTEM_DIR.test(segments[0]!);
}

/**
 * One pass over the text finds every keyword present, and where each anchor word starts (rules anchored on words):
 * an Aho–Corasick automaton over ASCII, folding case as it reads (no lowercased copy of the text). On the
 * published-packages corpus (31 MB) a microbenchmark gave about 90 ms where one regex alternation tried at each
 * position took about 250 ms. Keywords and anchor words are lower-case ASCII (checked when the index is built).
 */
interface KeywordIndex {
  /** next state = next[state * 128 + char code]; characters beyond ASCII lead back to the start. */
  next: Int32Array;
  /** The keywords that end at each state (its own and those ending in a suffix of it). */
  ends: (readonly string[] | undefined)[];
  /** The anchor words that end at each state, as pairs: the word list's place in `wordLists`, the word's length. */
  wordEnds: (readonly number[] | undefined)[];
  /** 1 at a state where a keyword or an anchor word ends: the one lookup made for most characters. */
  ending: Uint8Array;
  wordLists: readonly (readonly string[])[];
}
/** What the automaton is built from: each rule's keywords and anchor words. */
type KeywordSource = Pick<SecretRule, 'keywords' | 'anchor'>;
const keywordIndexes = new WeakMap<readonly KeywordSource[], KeywordIndex>();

/** What one pass over a text found: the keywords present, and where each list's anchor words start, in order. */
export interface KeywordScan {
  present: Set<string>;
  wordStarts: Map<readonly string[], readonly number[]>;
}

function keywordIndexFor(rules: readonly KeywordSource[]): KeywordIndex {
  let index = keywordIndexes.get(rules);
  if (index) return index;
  const keywords = new Set(rules.flatMap((r) => r.keywords));
  const wordLists = [...new Set(rules.flatMap((r) => (r.anchor?.words ? [r.anchor.words] : [])))];
  const strings = [...new Set([...keywords, ...wordLists.flat()])];
  for (const k of strings)
    if (!/^[ -~]+$/.test(k) || k !== k.toLowerCase())
      throw new Error(`secret rule keyword '${k}' is not lower-case ASCII`);
  // The trie, then failure links breadth first, then a dense transition table.
  const children: Map<number, number>[] = [new Map()];
  const own: string[][] = [[]];
  for (const k of strings) {
    let state = 0;
    for (let i = 0; i < k.length; i++) {
      const c = k.charCodeAt(i);
      let to = children[state]!.get(c);
      if (to === undefined) {
        to = children.length;
        children.push(new Map());
        own.push([]);
        children[state]!.set(c, to);
      }
      state = to;
    }
    own[state]!.push(k);
  }
  const states = children.length;
  const fail = new Int32Array(states);
  const next = new Int32Array(states * 128);
  const found: (string[] | undefined)[] = new Array(states);
  const queue: number[] = [0];
  for (let q = 0; q < queue.length; q++) {
    const s = queue[q]!;
    const inherited = s === 0 ? [] : (found[fail[s]!] ?? []);
    found[s] = own[s]!.length || inherited.length ? [...own[s]!, ...inherited] : undefined;
    // A state goes where its failure state goes (the start's row is all zeros), except along its own edges: the
    // row is copied natively, which at a server's first analysis (code not yet optimised) is most of the build.
    const row = s * 128;
    if (s !== 0) next.copyWithin(row, fail[s]! * 128, fail[s]! * 128 + 128);
    for (const [c, to] of children[s]!) {
      fail[to] = s === 0 ? 0 : next[fail[s]! * 128 + c]!;
      next[row + c] = to;
      queue.push(to);
    }
    // Upper-case letters read as lower-case ones (no keyword has an upper-case letter, so no edge is one).
    for (let c = 65; c <= 90; c++) next[row + c] = next[row + c + 32]!;
  }
  const only = <T>(list: T[]) => (list.length ? list : undefined);
  const ends = found.map((f) => f && only(f.filter((k) => keywords.has(k))));
  const wordEnds = found.map(
    (f) => f && only(wordLists.flatMap((list, n) => f.filter((w) => list.includes(w)).flatMap((w) => [n, w.length]))),
  );
  const ending = Uint8Array.from(found, (_, s) => (ends[s] || wordEnds[s] ? 1 : 0));
  index = { next, ends, wordEnds, ending, wordLists };
  keywordIndexes.set(rules, index);
  return index;
}

export function scanKeywords(text: string, rules: readonly KeywordSource[]): KeywordScan {
  const { next, ends, wordEnds, ending, wordLists } = keywordIndexFor(rules);
  const present = new Set<string>();
  const starts = wordLists.map((): number[] => []);
  let state = 0;
  for (let i = 0, n = text.length; i < n; i++) {
    const c = text.charCodeAt(i);
    state = c < 128 ? next[(state << 7) | c]! : 0;
    if (ending[state] === 0) continue;
    const found = ends[state];
    if (found !== undefined) for (const k of found) present.add(k);
    const words = wordEnds[state];
    if (words !== undefined) for (let w = 0; w < words.length; w += 2) starts[words[w]!]!.push(i + 1 - words[w + 1]!);
  }
  // A word that holds another ends after it but starts before it.
  const wordStarts = new Map(wordLists.map((list, n) => [list, [...new Set(starts[n]!.sort((a, b) => a - b))]]));
  return { present, wordStarts };
}

/** Where the rule's anchor is hit, in order: a start of one of its words, or of a match of its pattern. */
function* anchorHits(anchor: NonNullable<SecretRule['anchor']>, text: string, starts?: readonly number[]) {
  if (anchor.words) {
    yield* starts ?? wordStartsIn(text, anchor);
    return;
  }
  anchor.pattern.lastIndex = 0;
  for (let a = anchor.pattern.exec(text); a; a = anchor.pattern.exec(text)) {
    anchor.pattern.lastIndex = a.index + 1; // overlapping hits: `secretoken` holds `token` too
    yield a.index;
  }
}

/** The starts of an anchor's words in a text, for a rule searched on its own (the anchor's own automaton). */
function wordStartsIn(text: string, anchor: WordAnchor): readonly number[] {
  let own = anchorOnly.get(anchor);
  if (!own) anchorOnly.set(anchor, (own = [{ keywords: [], anchor }]));
  return scanKeywords(text, own).wordStarts.get(anchor.words)!;
}
type WordAnchor = NonNullable<SecretRule['anchor']> & { words: readonly string[] };
const anchorOnly = new WeakMap<WordAnchor, KeywordSource[]>();

/**
 * The pattern's matches, left to right, each search resuming where the last match ended. `wordStarts`: where the
 * rule's anchor words start, when the caller has found them (`scanKeywords`).
 */
export function* matchesOf(
  rule: Pick<SecretRule, 'pattern' | 'anchor'>,
  text: string,
  wordStarts?: readonly number[],
): Generator<RegExpExecArray> {
  const { pattern, anchor } = rule;
  if (!anchor) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      if (m[0].length === 0) pattern.lastIndex++;
      yield m;
    }
    return;
  }
  // Windowed: a match must start within `reach` before some hit of the anchor, and fits in `maxLength`.
  // A match starting after the current hit is left for a later hit, whose window then holds it whole.
  let from = 0;
  for (const at of anchorHits(anchor, text, wordStarts)) {
    if (at < from) continue; // a match starts at or after `from`, so at or before a later hit
    if (anchor.then) {
      anchor.then.lastIndex = at;
      if (!anchor.then.test(text)) continue; // no match can use this hit as its keyword
    }
    const start = Math.max(from, at - anchor.reach);
    // The window keeps a little text before `start`, where the search begins: lookbehinds and `^` see the
    // real characters before a match, as in a plain scan.
    const context = Math.max(0, start - 64);
    const window = text.slice(context, at + anchor.maxLength);
    pattern.lastIndex = start - context;
    const m = pattern.exec(window);
    if (!m || context + m.index > at) continue;
    m.index += context;
    from = m.index + Math.max(m[0].length, 1);
    yield m;
  }
}

/**
 * Finds secrets in any text (source, .env, JSON, YAML, Markdown prompts). Provider formats run only
 * on text that contains one of their keywords; the generic rule yields to any specific one.
 */
export function scanSecrets(text: string, rules: readonly SecretRule[] = SECRET_RULES): SecretMatch[] {
  const { present, wordStarts } = scanKeywords(text, rules);
  const found: SecretMatch[] = [];
  const taken: [number, number][] = [];
  const overlaps = (s: number, e: number) => taken.some(([a, b]) => s < b && e > a);
  for (const rule of rules) {
    if (!rule.keywords.some((k) => present.has(k))) continue;
    for (const m of matchesOf(rule, text, rule.anchor?.words && wordStarts.get(rule.anchor.words))) {
      const value = m.groups?.secret ?? m.slice(1).find((g) => g !== undefined) ?? m[0];
      const start = m.index + m[0].lastIndexOf(value);
      const end = start + value.length;
      if (overlaps(start, end)) continue;
      // Ids and digests look random too; a provider's own name or prefix beside the value settles it.
      if (isPlaceholder(value, !!rule.freeForm) || (rule.freeForm && looksLikeNonSecretId(value))) continue;
      if (rule.minEntropy !== undefined && shannonEntropy(value) < rule.minEntropy) continue;
      if (rule.isPublic?.(value, text.slice(Math.max(0, start - 300), start))) continue;
      taken.push([start, end]);
      found.push({
        ruleId: rule.id,
        provider: rule.provider,
        description: rule.description,
        start,
        end,
        masked: maskSecret(value),
        hash: hashSecret(value),
        envName: m.groups?.name ? envNameFor(m.groups.name) : rule.envName,
      });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
