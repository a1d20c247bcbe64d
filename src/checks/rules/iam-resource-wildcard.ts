import { expandActionPattern, parseActionPattern } from '../../iam/action-pattern';
import { allowStatements } from '../rule-context';
import { NOT_APPLICABLE, RuleViolation, SecurityRule, violations } from './security-rule';

const LISTED = 5;

/**
 * No `"Resource": "*"` for actions that can be restricted to resources. Actions without resource
 * types (`s3:ListAllMyBuckets`, `ec2:DescribeInstances`) need `*` and are fine; `"Action": "*"`
 * is left to IAM_NO_ADMIN_ACTIONS.
 */
export const iamResourceWildcard: SecurityRule = {
  id: 'IAM_RESOURCE_WILDCARD',
  severity: 'medium',
  description: 'No policy allows, on "Resource": "*", actions that can be restricted to specific resources.',
  references: ['CKV_AWS_355', 'AwsSolutions-IAM5'],
  check({ policies, catalog }) {
    if (!policies.length) return NOT_APPLICABLE;
    const found: RuleViolation[] = [];
    for (const statement of allowStatements(policies)) {
      const { actions, resources } = statement;
      if (!actions || actions.negated || !resources || resources.negated) continue;
      const star = resources.entries.find((entry) => entry.value === '*');
      if (!star) continue;
      const restrictable = new Set<string>();
      for (const entry of actions.entries) {
        const pattern = parseActionPattern(entry.value);
        const expansion = pattern && expandActionPattern(pattern, catalog);
        if (expansion?.kind !== 'actions') continue;
        const names = expansion.actions.filter((action) => action.resourceTypes.length > 0).map((action) => `${action.service}:${action.name}`);
        if (!names.length) continue;
        restrictable.add(expansion.wildcard ? `${entry.value} (${names.length} action${names.length === 1 ? '' : 's'})` : names[0]);
      }
      if (!restrictable.size) continue;
      const list = [...restrictable];
      const shown = list.slice(0, LISTED).join(', ') + (list.length > LISTED ? ` and ${list.length - LISTED} more` : '');
      found.push({
        path: star.path,
        message: `"Resource": "*" grants ${shown} on every resource, though they can be restricted to resource ARNs; name the resources (e.g. arn:aws:s3:::my-bucket/*)`,
      });
    }
    return violations(found);
  },
};
