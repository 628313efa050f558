import { authorityBeyondLockfile } from './authority-beyond-lockfile';
import { dynamicToolRegistration } from './dynamic-tool-registration';
import { expiredGrant } from './expired-grant';
import { hardcodedSecret } from './hardcoded-secret';
import { invalidSuppression } from './invalid-suppression';
import { missingOwner } from './missing-owner';
import { missingRevocation } from './missing-revocation';
import type { Rule } from './rule';
import { longLivedCredential } from './long-lived-credential';
import { misdeclaredToolHint } from './misdeclared-tool-hint';
import { secretInPrompt } from './secret-in-prompt';
import { unloggedAction } from './unlogged-action';
import { privilegeEscalatingChain } from './privilege-escalating-chain';
import { unapprovedHighRiskAction } from './unapproved-high-risk-action';
import { undeclaredCapability } from './undeclared-capability';
import { unscopedTool } from './unscoped-tool';

/** Every rule, one file each. */
export const RULES: Rule[] = [
  hardcodedSecret,
  unscopedTool,
  missingOwner,
  missingRevocation,
  expiredGrant,
  dynamicToolRegistration,
  invalidSuppression,
  unapprovedHighRiskAction,
  undeclaredCapability,
  privilegeEscalatingChain,
  misdeclaredToolHint,
  unloggedAction,
  longLivedCredential,
  secretInPrompt,
  authorityBeyondLockfile,
];

export const RULES_BY_ID = new Map(RULES.map((r) => [r.meta.id, r]));
