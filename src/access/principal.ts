/**
 * Who makes the simulated requests. Specs usually leave the account out, so the role lives in
 * a placeholder account unless the spec (or the stack's environment) names one; every resource
 * without an account in its ARN (S3 buckets and objects) is taken to be in the role's account.
 */
import { EC2_SERVICE } from '../constructs/secure-defaults';
import { dnsSuffixOf } from '../facts/aws-regions';
import type { ResolvedProfileSpec } from '../spec/model';

/** The account the role is simulated in when the spec sets no `accountId` (AWS's documentation example account). */
export const PLACEHOLDER_ACCOUNT_ID = '123456789012';

/** An unrelated account whose root principal must not be able to assume the role. */
export const OTHER_ACCOUNT_ID = '999999999999';

/** Used instead of {@link OTHER_ACCOUNT_ID} when the spec's own account happens to be that one. */
const SECOND_OTHER_ACCOUNT_ID = '111111111111';

/** The instance id requests are made from when the spec launches the instance itself. */
export const PLACEHOLDER_INSTANCE_ID = 'i-0123456789abcdef0';

/** Where the simulated role lives. */
export interface RoleIdentity {
  /** `arn:<partition>:iam::<account>:role<path><name>`. */
  readonly arn: string;
  readonly account: string;
  readonly partition: string;
  readonly region: string;
}

/** The role of a profile as an IAM principal. */
export function roleIdentity(profile: ResolvedProfileSpec, partition: string, account: string, region: string): RoleIdentity {
  return { arn: `arn:${partition}:iam::${account}:role${profile.role.path}${profile.role.name}`, account, partition, region };
}

/** An account that is not the role's: the one the trust check tries to assume the role from. */
export function otherAccount(account: string): string {
  return account === OTHER_ACCOUNT_ID ? SECOND_OTHER_ACCOUNT_ID : OTHER_ACCOUNT_ID;
}

/** The DNS suffix of service principals in a partition, as `data.aws_partition.dns_suffix` gives it (from the AWS SDK's partition data). */
export function dnsSuffix(partition: string): string {
  return dnsSuffixOf(partition);
}

/** The EC2 service principal of a partition: `ec2.amazonaws.com` in `aws`. */
export function ec2ServicePrincipal(partition: string): string {
  return `${EC2_SERVICE}.${dnsSuffix(partition)}`;
}

/**
 * The request context AWS sets when the instance calls with the role's credentials. iam-simulate
 * does not fill in these keys itself, so they are given here. The time keys are the time of the check.
 */
export function roleSessionContext(profile: ResolvedProfileSpec, role: RoleIdentity, now: Date): Record<string, string> {
  const instanceId = profile.instance?.existingId ?? PLACEHOLDER_INSTANCE_ID;
  const context: Record<string, string> = {
    'aws:PrincipalArn': role.arn,
    'aws:PrincipalAccount': role.account,
    'aws:PrincipalType': 'AssumedRole',
    'aws:userid': `AROAPLACEHOLDERROLEID:${instanceId}`,
    'aws:PrincipalIsAWSService': 'false',
    'aws:ViaAWSService': 'false',
    'aws:SecureTransport': 'true',
    'aws:RequestedRegion': role.region,
    'aws:CurrentTime': now.toISOString(),
    'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
    'ec2:SourceInstanceARN': `arn:${role.partition}:ec2:${role.region}:${role.account}:instance/${instanceId}`,
  };
  // Instances launched by this project require IMDSv2 (secure defaults), so credentials come through it.
  if (profile.instance && !profile.instance.existingId) context['ec2:RoleDelivery'] = '2.0';
  for (const [key, value] of Object.entries(profile.role.tags ?? {})) context[`aws:PrincipalTag/${key}`] = value;
  return context;
}
