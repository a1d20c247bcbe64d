/**
 * Every security rule, registered in one place (as cdk-nag's packs do). Rule ids are stable:
 * suppressions name them.
 */
import { ec2DetailedMonitoring } from './ec2-detailed-monitoring';
import { ec2EbsEncrypted } from './ec2-ebs-encrypted';
import { ec2EbsOptimized } from './ec2-ebs-optimized';
import { ec2Imdsv2Required } from './ec2-imdsv2-required';
import { ec2InstanceProfileAttached } from './ec2-instance-profile-attached';
import { ec2NoPublicIp } from './ec2-no-public-ip';
import { ec2UserDataNoSecrets } from './ec2-user-data-no-secrets';
import { iamNoAdminActions } from './iam-no-admin-actions';
import { iamNoAdminManagedPolicy } from './iam-no-admin-managed-policy';
import { iamPassRoleWildcard } from './iam-pass-role-wildcard';
import { iamResourceWildcard } from './iam-resource-wildcard';
import { iamTrustNoAccountPrincipal } from './iam-trust-no-account-principal';
import { iamTrustNoPublicPrincipal } from './iam-trust-no-public-principal';
import type { SecurityRule } from './security-rule';

export type { RuleResult, RuleViolation, SecurityRule } from './security-rule';
export { COMPLIANT, NOT_APPLICABLE, violations } from './security-rule';

/** The security rules, in report order. */
export const SECURITY_RULES: readonly SecurityRule[] = [
  iamNoAdminActions,
  iamNoAdminManagedPolicy,
  iamPassRoleWildcard,
  iamResourceWildcard,
  iamTrustNoPublicPrincipal,
  iamTrustNoAccountPrincipal,
  ec2Imdsv2Required,
  ec2EbsEncrypted,
  ec2NoPublicIp,
  ec2UserDataNoSecrets,
  ec2InstanceProfileAttached,
  ec2DetailedMonitoring,
  ec2EbsOptimized,
];

/** The security rule with this id, if any. */
export function securityRule(id: string): SecurityRule | undefined {
  return SECURITY_RULES.find((rule) => rule.id === id);
}
