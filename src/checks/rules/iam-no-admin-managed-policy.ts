import { policyShortName } from '../../naming';
import { splitArn } from '../../iam/arn';
import { NOT_APPLICABLE, RuleViolation, SecurityRule, violations } from './security-rule';

/** AWS-managed policies that grant administrator access, or full IAM (which leads to it). */
const ADMIN_POLICIES: Record<string, string> = {
  AdministratorAccess: 'full administrator access',
  IAMFullAccess: 'full control of IAM, with which the instance can give itself any permission',
};

/** The role gets neither AdministratorAccess nor IAMFullAccess. */
export const iamNoAdminManagedPolicy: SecurityRule = {
  id: 'IAM_NO_ADMIN_MANAGED_POLICY',
  severity: 'high',
  description: 'The role has neither the AdministratorAccess nor the IAMFullAccess AWS-managed policy attached.',
  references: ['CKV_AWS_274', 'CKV2_AWS_56'],
  check({ externalPolicies }) {
    if (!externalPolicies.length) return NOT_APPLICABLE;
    const found: RuleViolation[] = [];
    for (const { arn, path } of externalPolicies) {
      // The ARN of an AWS-managed policy (account "aws"), in any partition.
      const name = splitArn(arn)?.account === 'aws' ? policyShortName(arn) : undefined;
      const grants = name !== undefined && Object.hasOwn(ADMIN_POLICIES, name) ? ADMIN_POLICIES[name] : undefined;
      if (!grants) continue;
      found.push({
        path,
        message: `the role gets the AWS-managed policy ${name}, which grants ${grants}; attach a policy with the actions the instance needs`,
      });
    }
    return violations(found);
  },
};
