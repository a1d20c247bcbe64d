/**
 * Who makes the simulated requests: the stack's role, in the account the stack's provider is
 * limited to (`allowed_account_ids`) or, when it names none, a placeholder account; in the
 * provider's region and partition. Every resource without an account in its ARN (S3 buckets
 * and objects) is taken to be in the role's account.
 */
import { type InstanceResource, isUnknown, type ProviderSettings, type RoleResource, soleAccountOf } from '../stack-model/stack-model';

/** The account the role is simulated in when the stack names no single account (AWS's documentation example account). */
export const PLACEHOLDER_ACCOUNT_ID = '123456789012';

/** An unrelated account whose root principal must not be able to assume the role. */
export const OTHER_ACCOUNT_ID = '999999999999';

/** Used instead of {@link OTHER_ACCOUNT_ID} when the role's own account happens to be that one. */
const SECOND_OTHER_ACCOUNT_ID = '111111111111';

/** The instance id requests are made from when the stack launches the instance itself. */
export const PLACEHOLDER_INSTANCE_ID = 'i-0123456789abcdef0';

/** Where the simulated role lives. */
export interface RoleIdentity {
  /** `arn:<partition>:iam::<account>:role<path><name>`. */
  readonly arn: string;
  readonly account: string;
  readonly partition: string;
  readonly region: string;
  /** The DNS suffix of the partition's service principals: `amazonaws.com.cn` in `aws-cn`. */
  readonly dnsSuffix: string;
}

/** The account of a stack's roles: the provider's single allowed account, else the placeholder (with a note saying so). */
export function accountOf(provider: ProviderSettings): { readonly account: string; readonly note?: string } {
  const sole = soleAccountOf(provider);
  if (sole !== undefined) return { account: sole };
  const allowed = provider.allowedAccountIds;
  const given = allowed.length ? `allows ${allowed.length} accounts (${allowed.join(', ')})` : 'names no account';
  return {
    account: PLACEHOLDER_ACCOUNT_ID,
    note: `the stack's provider ${given} in allowed_account_ids: the role is simulated in the placeholder account ${PLACEHOLDER_ACCOUNT_ID}`,
  };
}

/** The role as an IAM principal in the stack's account, region and partition; a problem when its name is known only after apply. */
export function roleIdentity(role: RoleResource, provider: ProviderSettings): RoleIdentity | { readonly problem: string } {
  if (isUnknown(role.name)) return { problem: `cannot evaluate: the name of ${role.address} is known only after apply` };
  const { account } = accountOf(provider);
  const { partition, region, dnsSuffix } = provider;
  return { arn: `arn:${partition}:iam::${account}:role${role.path}${role.name}`, account, partition, region, dnsSuffix };
}

/** An account that is not the role's: the one the trust check tries to assume the role from. */
export function otherAccount(account: string): string {
  return account === OTHER_ACCOUNT_ID ? SECOND_OTHER_ACCOUNT_ID : OTHER_ACCOUNT_ID;
}

/**
 * The request context AWS sets when the instance calls with the role's credentials. iam-simulate
 * does not fill in these keys itself, so they are given here. The instance is the one launched
 * with the profile (its import id when it is adopted, else a placeholder id), in its own region
 * where the Terraform gives it one (an AWS provider 6.x `region`), else in the role's (the
 * provider's): the instance's SDKs call its region's endpoints by default. The role's tags are
 * its `tags_all`, default tags included. The time keys are the time of the check.
 */
export function roleSessionContext(
  role: RoleIdentity,
  tags: Readonly<Record<string, string>>,
  instance: InstanceResource | undefined,
  now: Date,
): Record<string, string> {
  const instanceId = instance?.importId ?? PLACEHOLDER_INSTANCE_ID;
  const region = instance?.region ?? role.region;
  const context: Record<string, string> = {
    'aws:PrincipalArn': role.arn,
    'aws:PrincipalAccount': role.account,
    'aws:PrincipalType': 'AssumedRole',
    'aws:userid': `AROAPLACEHOLDERROLEID:${instanceId}`,
    'aws:PrincipalIsAWSService': 'false',
    'aws:ViaAWSService': 'false',
    'aws:SecureTransport': 'true',
    'aws:RequestedRegion': region,
    'aws:CurrentTime': now.toISOString(),
    'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
    'ec2:SourceInstanceARN': `arn:${role.partition}:ec2:${region}:${role.account}:instance/${instanceId}`,
  };
  // An instance that requires IMDSv2 gets its credentials through it.
  if (instance?.metadataOptions?.httpTokens === 'required') context['ec2:RoleDelivery'] = '2.0';
  for (const [key, value] of Object.entries(tags)) context[`aws:PrincipalTag/${key}`] = value;
  return context;
}
