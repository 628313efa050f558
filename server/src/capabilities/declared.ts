/**
 * What a tool says it does — its name, its description, its MCP annotations — as capabilities. This is weaker
 * evidence than code: a tool's code can reach an SDK the catalog does not know, or hold a stub a demo fills in later
 * (`send_payment` returning `{ ok: true }`). Where the code shows less than the tool says, the tool is rated by what
 * it says, and every finding names that evidence.
 */
import type { RiskTier } from '../analyzer/types';

export interface DeclaredCapability {
  capability: string;
  tier: RiskTier;
  reason: string;
}

interface IntentRule extends DeclaredCapability {
  /** Words of the tool's name, one of which must be there. */
  verbs: RegExp;
  /** Words one of which must be in the name, or in the description when `inDescription`. */
  objects?: RegExp;
  inDescription?: boolean;
}

/** Words of a page a browser tool works on: without one, `type`, `select` or `press` say nothing about a browser. */
const PAGE =
  /^(browser|page|pages|web|webpage|element|elements|form|forms|button|buttons|coordinates|dialog|dialogs|keyboard|mouse|dom|tab|tabs)$/;

const RULES: IntentRule[] = [
  {
    capability: 'system:exec',
    tier: 'critical',
    reason: 'runs commands, by its name',
    verbs: /^(shell|bash|terminal|powershell|zsh)$/,
  },
  {
    capability: 'system:exec',
    tier: 'critical',
    reason: 'runs commands or code, by its name',
    verbs: /^(exec|execute|run)$/,
    objects: /^(command|commands|cmd|script|scripts|code|process)$/,
  },
  {
    capability: 'browser:script',
    tier: 'critical',
    reason: 'runs JavaScript in a web page, by its name',
    verbs: /^(evaluate|eval)$/,
    objects: PAGE,
    inDescription: true,
  },
  {
    capability: 'payments:write',
    tier: 'critical',
    reason: 'moves money, by its name',
    verbs: /^(pay|payment|payments|refund|refunds|payout|payouts)$/,
  },
  {
    capability: 'payments:write',
    tier: 'critical',
    reason: 'moves money, by its name',
    verbs: /^(transfer|send|withdraw|charge)$/,
    objects: /^(money|funds|payment|card|crypto|tokens|usdc|eth|btc)$/,
  },
  {
    capability: 'credentials:expose',
    tier: 'critical',
    reason: 'returns environment variables or secrets, by its name',
    verbs: /^(get|print|dump|show|list|read|reveal|export)$/,
    objects: /^(env|environment|secret|secrets|credential|credentials|token|tokens|password|passwords)$/,
  },
  {
    capability: 'browser:act',
    tier: 'high',
    reason: 'acts in a web page as the user, by its name',
    verbs: /^(click|type|press|keys|select|drag|drop|fill|submit|act|dialog|upload)$/,
    objects: PAGE,
    inDescription: true,
  },
  {
    capability: 'messaging:send',
    tier: 'high',
    reason: 'sends or posts as the user, by its name',
    verbs: /^(send|post|reply|publish|tweet|forward|broadcast|dm)$/,
    objects:
      /^(message|messages|mail|email|emails|tweet|tweets|post|posts|sms|text|dm|chat|comment|comments|reply|status)$/,
  },
  {
    capability: 'resource:delete',
    tier: 'high',
    reason: 'deletes, by its name',
    verbs: /^(delete|remove|purge|destroy|wipe|erase|uninstall|terminate|truncate)$/,
  },
  {
    capability: 'browser:read',
    tier: 'medium',
    reason: 'opens or reads web pages, by its name',
    verbs: /^(goto|navigate|screenshot|snapshot|extract|observe)$/,
    objects: PAGE,
    inDescription: true,
  },
];

/** `fillFormVision` → fill form vision; `gmail_send_message` → gmail send message. */
function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * Claims by name, then description: the language server links on every keystroke, and a tool's name and description
 * rarely change between two links (two levels, so that no key is built: V8 keeps a string's hash with the string).
 * Each level is emptied once large, so a long session keeps no more than the last few thousand claims.
 */
const claims = new Map<string, Map<string, readonly DeclaredCapability[]>>();

/** The capabilities a tool's name and description claim, highest tier first. */
export function declaredCapabilities(name: string, description: string | undefined): readonly DeclaredCapability[] {
  let byDescription = claims.get(name);
  if (!byDescription) {
    if (claims.size >= 4096) claims.clear();
    claims.set(name, (byDescription = new Map()));
  }
  let found = byDescription.get(description ?? '');
  if (!found) {
    // A description being typed is a new one on every keystroke.
    if (byDescription.size >= 64) byDescription.clear();
    byDescription.set(description ?? '', (found = claimsOf(name, description)));
  }
  return found;
}

function claimsOf(name: string, description: string | undefined): DeclaredCapability[] {
  const named = words(name);
  const described = description ? words(description) : [];
  const out: DeclaredCapability[] = [];
  for (const rule of RULES) {
    const verb = named.findIndex((w) => rule.verbs.test(w));
    if (verb < 0) continue;
    // The object is another word than the verb: `format_reply` replies to no one.
    const context = [...named.filter((_, i) => i !== verb), ...(rule.inDescription ? described : [])];
    if (rule.objects && !context.some((w) => rule.objects!.test(w))) continue;
    out.push({ capability: rule.capability, tier: rule.tier, reason: rule.reason });
  }
  return out;
}

/** What a tool's MCP annotations claim: `destructiveHint: true` says it destroys or overwrites. */
export function annotatedCapabilities(hints: { destructive?: boolean } | undefined): DeclaredCapability[] {
  return hints?.destructive === true
    ? [{ capability: 'resource:delete', tier: 'high', reason: 'declares `destructiveHint: true`' }]
    : [];
}
