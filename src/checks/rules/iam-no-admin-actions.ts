import { allowStatements } from '../rule-context';
import { NOT_APPLICABLE, RuleViolation, SecurityRule, violations } from './security-rule';

/** Action strings that grant everything, or everything in IAM (which leads to everything). */
const ADMIN_ACTIONS: Record<string, string> = {
  '*': 'every action of every service (full administrator access)',
  '*:*': 'every action of every service (full administrator access)',
  'iam:*': 'full control of IAM, with which the instance can give itself any permission',
};

/** No `Allow` of `*`, `*:*` or `iam:*`, and no `Allow` with `NotAction`. */
export const iamNoAdminActions: SecurityRule = {
  id: 'IAM_NO_ADMIN_ACTIONS',
  severity: 'high',
  description: 'No policy allows "*" or "iam:*" actions, or allows everything but a list (Allow with NotAction).',
  references: ['CKV_AWS_62', 'CKV_AWS_63', 'CKV2_AWS_40'],
  check({ policies }) {
    if (!policies.length) return NOT_APPLICABLE;
    const found: RuleViolation[] = [];
    for (const statement of allowStatements(policies)) {
      const actions = statement.actions;
      if (!actions) continue;
      if (actions.negated) {
        found.push({
          path: actions.path,
          message:
            '"Allow" with "NotAction" grants every action of every service except the ones listed; list the actions the instance needs in "Action" instead',
        });
        continue;
      }
      for (const entry of actions.entries) {
        const grants = ADMIN_ACTIONS[entry.value.toLowerCase()];
        if (grants) {
          found.push({ path: entry.path, message: `"Allow" of ${JSON.stringify(entry.value)} grants ${grants}; list the actions the instance needs` });
        }
      }
    }
    return violations(found);
  },
};
