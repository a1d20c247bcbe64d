import { actionPatternCovers, parseActionPattern } from '../../iam/action-pattern';
import { allowStatements } from '../rule-context';
import { NOT_APPLICABLE, RuleViolation, SecurityRule, violations } from './security-rule';

/** `iam:PassRole` only on named roles: on `*` the instance can hand any role, however powerful, to a service. */
export const iamPassRoleWildcard: SecurityRule = {
  id: 'IAM_PASS_ROLE_WILDCARD',
  severity: 'high',
  description: 'No policy allows iam:PassRole on "Resource": "*".',
  references: ['PASS_ROLE_WITH_STAR_IN_RESOURCE'],
  check({ policies }) {
    if (!policies.length) return NOT_APPLICABLE;
    const found: RuleViolation[] = [];
    for (const statement of allowStatements(policies)) {
      const { actions, resources } = statement;
      if (!actions || actions.negated || !resources || resources.negated) continue;
      const star = resources.entries.find((entry) => entry.value === '*');
      const passRole = actions.entries.find((entry) => {
        const pattern = parseActionPattern(entry.value);
        return pattern !== undefined && actionPatternCovers(pattern, 'iam:PassRole');
      });
      if (!star || !passRole) continue;
      const via = passRole.value.toLowerCase() === 'iam:passrole' ? '' : ` (through ${JSON.stringify(passRole.value)})`;
      found.push({
        path: star.path,
        message: `iam:PassRole${via} on "Resource": "*" lets the instance pass any role, including more privileged ones, to a service it controls; name the role ARNs it may pass, e.g. arn:aws:iam::123456789012:role/MyServiceRole`,
      });
    }
    return violations(found);
  },
};
