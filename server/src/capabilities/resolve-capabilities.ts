import type { FunctionIndex } from '../analyzer/function-index';
import type { Resolver } from '../analyzer/resolve';
import type { Capability, FunctionFacts, Location, RiskTier, Sym, Val } from '../analyzer/types';
import {
  CATALOG,
  type CatalogEntry,
  CLIS,
  CREDENTIAL_FILES,
  HTTP_APIS,
  SQL_VERBS,
  SVID_FILES,
  TEMP_PATH,
  TIER_RANK,
} from './catalog';
import { matchCatalog, strHint, walkSym } from './collect-functions';
import { within } from '../analyzer/locations';
import { compareStrings } from '../analyzer/order';

const MAX_DEPTH = 10;
/** Classes followed up a hierarchy for an inherited method. */
const MAX_CLASS_HOPS = 4;

const builtInEntries = new Map(CATALOG.map((e) => [e.id, e]));

/** The package object a value is, or may be (one option of several). */
function objectIn(s: Sym): Extract<Sym, { t: 'object' }> | undefined {
  if (s.t === 'object') return s;
  if (s.t === 'alt') for (const o of s.options) if (o.t === 'object') return o;
  return undefined;
}

function substitute(s: Sym, bindings: Sym[] | undefined): Sym {
  switch (s.t) {
    case 'param':
      return bindings ? walkSym(bindings[s.i] ?? { t: 'unknown' }, s.path) : { t: 'unknown' };
    case 'arr':
      return { t: 'arr', items: s.items.map((i) => substitute(i, bindings)) };
    case 'obj':
      return {
        t: 'obj',
        props: Object.fromEntries(Object.entries(s.props).map(([k, v]) => [k, substitute(v, bindings)])),
      };
    case 'alt':
      return { t: 'alt', options: s.options.map((o) => substitute(o, bindings)) };
    default:
      return s;
  }
}

/** Leading literal words of an argv array: `["delete", "pod", x]` → `delete pod`. */
function argvText(s: Sym | undefined): string | undefined {
  if (!s) return undefined;
  if (s.t === 'alt') return s.options.map(argvText).find((t) => t !== undefined && t.replace(/[\s*]/g, '') !== '');
  if (s.t === 'arr') {
    // Unknown items stay as `*` so flags and their values can still be skipped (`-n <ns> logs <pod>`).
    return s.items.map((i) => (i.t === 'str' && i.exact ? i.v : '*')).join(' ');
  }
  return strHint(s);
}

function classifyCli(
  command: string,
  argv: string | undefined,
): { capability: string; tier: RiskTier; detail: string } | undefined {
  const base = command.split('/').pop() ?? command;
  const cli = CLIS.find((c) => c.command.test(base));
  if (!cli) return undefined;
  if (!cli.verbs.length)
    return {
      capability: cli.fallback[0],
      tier: cli.fallback[1],
      detail: `${base} ${(argv ?? '').replace(/\*/g, '…')}`.trim(),
    };
  // The verb: arguments with leading flags (`-n ns`, `--context x`) skipped.
  const words = (argv ?? '').split(/\s+/).filter(Boolean);
  const verbWords: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (words[i]!.startsWith('-')) {
      if (!words[i]!.includes('=') && i + 1 < words.length && !words[i + 1]!.startsWith('-') && verbWords.length === 0)
        i++;
      continue;
    }
    verbWords.push(words[i]!);
  }
  const verb = verbWords
    .join(' ')
    .replace(/(\s\*)+$/, '')
    .trim();
  for (const [re, capability, tier] of cli.verbs)
    if (re.test(verb)) return { capability, tier, detail: `${base} ${verb}`.trim() };
  return {
    capability: cli.fallback[0],
    tier: cli.fallback[1],
    detail: verb && verb !== '*' ? `${base} ${verb}` : `${base} (arguments computed at run time)`,
  };
}

function classifySql(
  text: string | undefined,
  readOnly: boolean,
): { capability: string; tier: RiskTier; detail?: string } | undefined {
  if (text === undefined || text.startsWith('*'))
    return readOnly
      ? { capability: 'db:read', tier: 'medium', detail: 'query inside a READ ONLY transaction' }
      : undefined;
  const stripped = text.replace(/^\s*(--[^\n]*\n|\/\*[\s\S]*?\*\/|\s)*/, '');
  let head = stripped;
  if (/^with\b/i.test(head)) {
    const m = /\)\s*(select|insert|update|delete|merge)\b/i.exec(head);
    head = m ? head.slice(m.index + m[0].indexOf(m[1]!)) : head;
  }
  for (const [re, capability, tier] of SQL_VERBS)
    if (re.test(head)) return { capability, tier, detail: head.split(/\s+/).slice(0, 3).join(' ') };
  return undefined;
}

const WRITE_METHODS = /^(POST|PUT|PATCH)$/i;
const READ_CUSTOM_METHOD = /:(search|compute|get|list|batchGet|query|lookup|autocomplete)\w*$/;

function classifyHttp(
  url: string | undefined,
  method: string,
): { capability: string; tier: RiskTier; detail: string } | undefined {
  let host = '';
  let path = '';
  try {
    if (url && /^https?:\/\//.test(url)) {
      const u = new URL(url.replace(/\*/g, 'x'));
      host = u.hostname;
      path = u.pathname;
    }
  } catch {
    // not a URL we can read
  }
  const m = method.toUpperCase();
  const api = HTTP_APIS.find((a) => a.host.test(host) && (!a.path || a.path.test(path)));
  const detail = `${m} ${host || '(computed URL)'}${path && path !== '/' ? path.replace(/\/x(?=\/|$)/g, '/*') : ''}`;
  if (api) {
    // Google's custom methods are POSTed whatever they do: `places:searchText`, `directions/v2:computeRoutes` read.
    const readsByName = READ_CUSTOM_METHOD.test(path);
    const [capability, tier] =
      m === 'DELETE' ? (api.delete ?? api.write) : WRITE_METHODS.test(m) && !readsByName ? api.write : api.read;
    return { capability, tier, detail };
  }
  // A service the catalog does not know: REST says what the method does to it. Deleting or overwriting a
  // resource is high; a POST may create one or just ask (a search), so it stays medium.
  if (m === 'DELETE') return { capability: 'network:delete', tier: 'high', detail };
  if (m === 'PUT' || m === 'PATCH') return { capability: 'network:write', tier: 'high', detail };
  return { capability: m === 'POST' ? 'network:send' : 'network:egress', tier: 'medium', detail };
}

/** Where a short-lived credential's lifetime (in seconds) is set, by SDK: AWS, Google, Vault, OAuth libraries. */
const TTL_PATHS = [['DurationSeconds'], ['params', 'DurationSeconds'], ['lifetime'], ['ttl'], ['expiresIn']];

/**
 * A credential call refined by its arguments: what it is (the call's name) and, where the code sets it, how long it
 * lives (`DurationSeconds: 900` → `AssumeRoleCommand, 900 s`). A Vault read under `…/creds/…` is a dynamic secret,
 * minted for the caller and leased for a time; any other Vault read is a stored secret.
 */
function classifyCredential(
  entry: CatalogEntry,
  base: Omit<Capability, 'evidence' | 'path'>,
  arg: Sym | undefined,
): Omit<Capability, 'evidence' | 'path'> {
  // Catalog ids are `<entry>:<callee>`: the callee's last segment names the call.
  const call =
    entry.id
      .slice(entry.id.indexOf(':') + 1)
      .split(/[.#]/)
      .pop() || entry.id;
  if (entry.id.startsWith('vault-read:')) {
    const path = strHint(arg);
    if (!path || !/(^|\/)creds\//.test(path)) return path ? { ...base, detail: path } : base;
    return {
      capability: 'credentials:ephemeral',
      tier: 'low',
      reason: 'leases a dynamic secret from Vault',
      detail: path,
    };
  }
  const seconds = TTL_PATHS.map((p) => strHint(walkSym(arg ?? { t: 'unknown' }, p))).find((v) => v && /^\d+$/.test(v));
  return { ...base, detail: seconds ? `${call}, ${seconds} s` : call };
}

/** Refines a catalog entry with its call's arguments (SQL verb, command verb, HTTP method and host). */
export function classify(entry: CatalogEntry, args: Sym[], readOnly: boolean): Omit<Capability, 'evidence' | 'path'> {
  const base = { capability: entry.capability, tier: entry.tier, reason: entry.reason };
  const arg = args[entry.arg ?? 0];
  switch (entry.kind) {
    case 'sql': {
      const sql = classifySql(strHint(arg), readOnly);
      return sql ? { ...base, ...sql } : base;
    }
    case 'exec-string': {
      const text = strHint(arg);
      if (!text || text.startsWith('*')) return { ...base, detail: 'command computed at run time' };
      const [command = '', ...rest] = text.trim().split(/\s+/);
      const cli = classifyCli(command, rest.join(' '));
      return cli ? { ...base, ...cli, reason: `runs \`${cli.detail}\`` } : { ...base, detail: command };
    }
    case 'exec-file': {
      const command = strHint(arg);
      if (!command || command.startsWith('*')) return { ...base, detail: 'program computed at run time' };
      const cli = classifyCli(command, argvText(args[(entry.arg ?? 0) + 1]));
      return cli ? { ...base, ...cli, reason: `runs \`${cli.detail}\`` } : { ...base, detail: command };
    }
    case 'file-read': {
      // An X.509 SVID the SPIFFE agent issues to the workload and rotates, read to present it for mTLS (SVID_FILES).
      // Other reads keep their tier.
      const path = strHint(arg);
      return path && SVID_FILES.test(path)
        ? {
            capability: 'credentials:workload',
            tier: 'low',
            reason: 'presents the X.509 SVID its SPIFFE agent issues and rotates (workload identity, mTLS)',
            detail: 'SPIFFE X.509 SVID',
          }
        : base;
    }
    case 'file-write': {
      const path = strHint(arg);
      if (path && TEMP_PATH.test(path))
        return {
          ...base,
          capability: 'file:temp',
          tier: 'low',
          reason: 'writes its own temporary files',
          detail: path,
        };
      if (path && base.capability === 'file:write' && CREDENTIAL_FILES.test(path.replace(/\*/g, 'x')))
        return {
          ...base,
          capability: 'credentials:write',
          tier: 'critical',
          reason: `writes a credentials file (${path})`,
          detail: path,
        };
      return path ? { ...base, detail: path } : base;
    }
    case 'http':
    case 'http-method':
    case 'http-config': {
      let url = strHint(arg);
      let method: string;
      if (entry.kind === 'http') method = strHint(walkSym(args[1] ?? { t: 'unknown' }, ['method'])) ?? 'GET';
      else if (entry.kind === 'http-method')
        method = /[.#](post|put|patch|delete|head|options)$/i.exec(entry.id)?.[1] ?? 'GET';
      else {
        url = strHint(walkSym(arg ?? { t: 'unknown' }, ['url']));
        method = strHint(walkSym(arg ?? { t: 'unknown' }, ['method'])) ?? 'GET';
      }
      const http = classifyHttp(url, method);
      return http ? { ...base, ...http, reason: `${http.detail} (${base.reason})` } : base;
    }
    case 'subject': {
      const subject = strHint(arg);
      return subject ? { ...base, detail: subject } : base;
    }
    case 'credential':
      return classifyCredential(entry, base, arg);
    default:
      return base;
  }
}

/**
 * Capabilities reachable from functions, tools and agents: catalog hits classified by their arguments
 * (with parameters filled in from each call site), followed through calls across files, tools and agents.
 */
export class CapabilityResolver {
  private memo = new Map<string, Capability[]>();
  private entries: Map<string, CatalogEntry>;
  private readonly extra: CatalogEntry[];

  constructor(
    private readonly r: Resolver,
    private readonly functions: FunctionIndex,
    /** Capabilities of a tool or agent by id (the caller supplies them, for chains and delegation). */
    private readonly nodeCaps: (kind: 'tool' | 'agent', id: string, depth: number) => Capability[],
    extra: CatalogEntry[] = [],
  ) {
    this.extra = extra;
    this.entries = extra.length
      ? new Map([...builtInEntries, ...extra.map((e) => [e.id, e] as const)])
      : builtInEntries;
  }

  functionFacts(id: string): FunctionFacts | undefined {
    return this.functions.get(id)?.fn;
  }

  ofFunction(id: string, bindings?: Sym[], depth = 0, stack: string[] = []): Capability[] {
    if (depth > MAX_DEPTH || stack.includes(id)) return [];
    const key = bindings?.length ? `${id}\0${JSON.stringify(bindings)}` : id;
    const cached = this.memo.get(key);
    if (cached) return cached;
    const entry = this.functions.get(id);
    if (!entry) return [];
    const { fn, file } = entry;
    const out: Capability[] = [];
    for (const hit of fn.hits) {
      const e = this.entries.get(hit.entry);
      if (!e) continue;
      // Parameters are filled in from the call site, so a forwarder (`githubRequest(url, opts)`) is
      // classified with each caller's arguments.
      const args = hit.args.map((a) => substitute(a, bindings));
      out.push({ ...classify(e, args, !!fn.readOnlyTransaction), evidence: hit.loc, path: [] });
    }
    for (const call of fn.calls) {
      const args = call.inherit ? (bindings ?? []) : call.args.map((a) => substitute(a, bindings));
      for (const c of this.ofCallee(call.callee, file, args, depth + 1, [...stack, id])) {
        out.push({ ...c, path: [{ message: `via ${describeCall(call.callee, this)}`, loc: call.loc }, ...c.path] });
      }
    }
    for (const call of fn.productCalls ?? []) {
      const c = this.ofProductCall(call, file, bindings);
      if (c) out.push(c);
    }
    const result = dedupe(out);
    this.memo.set(key, result);
    return result;
  }

  /**
   * A call on what another function returns (`(await this.getGmailClient()).users.messages.send(…)`): the catalog
   * entry of the package object that function returns, if any.
   */
  private ofProductCall(
    call: NonNullable<FunctionFacts['productCalls']>[number],
    file: string,
    bindings: Sym[] | undefined,
  ): Capability | undefined {
    const on = objectIn(substitute(call.of, bindings));
    if (!on) return undefined;
    const maker = on.by && this.functionOf(on.by, on.file ?? file);
    const made = maker ? this.functions.get(maker)?.fn.makes : undefined;
    const object = made?.k === 'instance' ? made : on.module ? { module: on.module, via: on.via } : undefined;
    if (!object) return undefined;
    const keys = [`#${[...(object.via ?? []), ...call.members].join('.')}`, `#${call.members.join('.')}`];
    const entry = matchCatalog(object.module, keys, this.extra);
    if (!entry) return undefined;
    const args = call.args.map((a) => substitute(a, bindings));
    const path = maker
      ? [{ message: `via ${this.functions.get(maker)?.fn.name ?? 'a function'}()`, loc: call.loc }]
      : [];
    return { ...classify(entry, args, false), evidence: call.loc, path };
  }

  /** The function a value names: a function of any file, or a method a tool class inherits from another file. */
  private functionOf(v: Val, file: string): string | undefined {
    if (v.k === 'member' && (v.of.k === 'tool' || v.of.k === 'agent')) return this.inheritedMethod(v.of.id, v.prop);
    const r = this.r.resolve(this.r.canonicalise(v, file));
    return r.k === 'fn' ? r.id : undefined;
  }

  /**
   * A method of the class a tool or agent is defined by, or of the classes it extends in other files: found among the
   * functions of the file each class is in, within the class.
   */
  private inheritedMethod(ownerId: string, prop: string): string | undefined {
    let id: string | undefined = ownerId;
    for (let hops = 0; id && hops < MAX_CLASS_HOPS; hops++) {
      const file = id.slice(0, id.lastIndexOf('#'));
      const facts = this.r.facts(file);
      const def: { loc: Location; extendsClass?: Val } | undefined =
        facts?.tools.find((t) => t.id === id) ?? facts?.agents.find((a) => a.id === id);
      if (!def || !facts) return undefined;
      const method = facts.functions.find((f) => f.name === prop && within(f.loc, def.loc));
      if (method) return method.id;
      if (!def.extendsClass) return undefined;
      const base = this.r.resolve(this.r.canonicalise(def.extendsClass, file));
      if (base.k === 'tool' || base.k === 'agent') id = base.id;
      else {
        const m = this.r.resolve(this.r.canonicalise({ k: 'member', of: def.extendsClass, prop }, file));
        return m.k === 'fn' ? m.id : undefined;
      }
    }
    return undefined;
  }

  private via(c: Capability, name: string | null, loc: Location): Capability {
    return { ...c, path: [{ message: `via .${name ?? 'a method'}()`, loc }, ...c.path] };
  }

  ofCallee(callee: Val, file: string, args: Sym[], depth: number, stack: string[]): Capability[] {
    const v = this.r.resolve(this.r.canonicalise(callee, file));
    switch (v.k) {
      case 'fn':
        return this.ofFunction(v.id, args, depth, stack);
      case 'tool':
        return this.nodeCaps('tool', v.id, depth);
      case 'agent':
        return this.nodeCaps('agent', v.id, depth);
      case 'obj':
        // An object handed to an SDK to do a tool's work (`shellTool({ shell: new LocalShell() })`): any of its
        // methods may run.
        return v.props.flatMap((p) =>
          p.val.k === 'fn' ? this.ofFunction(p.val.id, [], depth, stack).map((c) => this.via(c, p.key, p.loc)) : [],
        );
      case 'member': {
        const of = this.r.resolve(v.of);
        if (of.k === 'tool' && ['execute', 'invoke', 'call', 'func', '_call', 'run'].includes(v.prop))
          return this.nodeCaps('tool', of.id, depth);
        // `this.helper()` in a tool class: a method it has or inherits from a class of another file.
        const method = of.k === 'tool' || of.k === 'agent' ? this.inheritedMethod(of.id, v.prop) : undefined;
        if (method) return this.ofFunction(method, args, depth, stack);
        if (of.k === 'agent') return this.nodeCaps('agent', of.id, depth);
        return [];
      }
      default:
        return [];
    }
  }
}

function describeCall(callee: Val, res: CapabilityResolver): string {
  if (callee.k === 'fn') return `${res.functionFacts(callee.id)?.name ?? 'a function'}()`;
  if (callee.k === 'import') return `${callee.path.join('.') || 'an import'}()`;
  if (callee.k === 'member') return `.${callee.prop}()`;
  if (callee.k === 'tool') return 'a tool';
  if (callee.k === 'agent') return 'an agent';
  return 'a call';
}

/** One entry per capability: the highest tier, then the shortest path. */
export function dedupe(caps: Capability[]): Capability[] {
  const best = new Map<string, Capability>();
  for (const c of caps) {
    const key = `${c.capability}\0${c.detail ?? ''}`;
    const prev = best.get(key);
    if (!prev || TIER_RANK[c.tier] > TIER_RANK[prev.tier] || (c.tier === prev.tier && c.path.length < prev.path.length))
      best.set(key, c);
  }
  return [...best.values()].sort(
    (a, b) => TIER_RANK[b.tier] - TIER_RANK[a.tier] || compareStrings(a.capability, b.capability),
  );
}

export function highestTier(caps: Capability[]): RiskTier | undefined {
  let best: RiskTier | undefined;
  for (const c of caps) if (!best || TIER_RANK[c.tier] > TIER_RANK[best]) best = c.tier;
  return best;
}
