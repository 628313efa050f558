import { dynamicToolRegistration } from './dynamic-tool-registration';
import { expiredGrant } from './expired-grant';
import { hardcodedSecret } from './hardcoded-secret';
import { invalidSuppression } from './invalid-suppression';
import { missingOwner } from './missing-owner';
import { missingRevocation } from './missing-revocation';
import type { Rule } from './rule';
import { unscopedTool } from './unscoped-tool';

/** Every rule, one file each. */
export const RULES: Rule[] = [hardcodedSecret, unscopedTool, missingOwner, missingRevocation, expiredGrant, dynamicToolRegistration, invalidSuppression];

export const RULES_BY_ID = new Map(RULES.map((r) => [r.meta.id, r]));
