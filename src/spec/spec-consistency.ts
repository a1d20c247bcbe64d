/**
 * Cross-field checks the schema cannot express: IAM names are unique per account (and
 * partition), case-insensitively, and distinct names must not collapse to the same Terraform
 * address.
 */
import { attachmentAddress, instanceName, policyShortName, terraformName } from '../naming';
import { partitionOfRegion } from '../partition';
import type { ResolvedProfileSpec, ResolvedSpec } from './model';
import { planStacks, type StackPlan } from './plan-stacks';
import { formatFieldPath, SpecProblem } from './spec-error';

type FieldPath = ReadonlyArray<string | number>;

/** The key of a profile: its field path (`profiles.3`), the same for every environment's copy. */
const profileKey = (profile: ResolvedProfileSpec) => profile.fieldPath.join('.');

/**
 * The AWS account a stack creates its IAM names in: its partition (from its region) and its
 * account id. Stacks without an accountId (the environment's or the spec's) are taken to share
 * one unknown account per partition: nothing says they do not, so their names must not clash.
 */
function accountOf(plan: StackPlan): string {
  return `${partitionOfRegion(plan.region)}\u0000${plan.accountId ?? ''}`;
}

/** How an account is named in a message: `account 111111111111`, or the stacks without one. */
function describeAccount(plan: StackPlan): string {
  return plan.accountId ? `account ${plan.accountId}` : 'one account (no accountId, taken as the same account)';
}

/** The accounts each profile is deployed to, by {@link profileKey}. */
function accountsOfProfiles(plans: readonly StackPlan[]): Map<string, Set<string>> {
  const accounts = new Map<string, Set<string>>();
  for (const plan of plans) {
    for (const profile of plan.profiles) {
      const key = profileKey(profile);
      accounts.set(key, (accounts.get(key) ?? new Set()).add(accountOf(plan)));
    }
  }
  return accounts;
}

/** The IAM names a profile creates, with the field each is written at. */
function iamNamesOf(profile: ResolvedProfileSpec): Array<{ kind: string; name: string; path: FieldPath }> {
  const at = (...sub: Array<string | number>) => [...profile.fieldPath, ...sub];
  const sameName = profile.role.name === profile.instanceProfile.name;
  return [
    ...profile.policies.map((policy, i) => ({ kind: 'policy', name: policy.name, path: at('policies', i, 'name') })),
    { kind: 'role', name: profile.role.name, path: at('role', 'name') },
    { kind: 'instance profile', name: profile.instanceProfile.name, path: at(sameName ? 'role' : 'instanceProfile', 'name') },
  ];
}

/**
 * Two profiles must not create the same IAM name (of one kind, ignoring case) in one account:
 * each stack's profiles are read with its environment's values, and names are registered per
 * account (see {@link accountOf}). The same profile in two environments of one account is
 * checkStackSeparation's concern (`plan-stacks.ts`); this names the two profiles.
 */
function checkIamNamesPerAccount(spec: ResolvedSpec, plans: readonly StackPlan[]): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const registered = new Map<string, { profile: string; path: FieldPath; plan: StackPlan }>();
  const reported = new Set<string>();
  const environments = Object.keys(spec.environments).length > 0;
  for (const plan of plans) {
    for (const profile of plan.profiles) {
      for (const { kind, name, path } of iamNamesOf(profile)) {
        const key = [kind, accountOf(plan), name.toLowerCase()].join('\u0000');
        const first = registered.get(key);
        if (!first) {
          registered.set(key, { profile: profileKey(profile), path, plan });
          continue;
        }
        if (first.profile === profileKey(profile) || reported.has(`${key}\u0000${path.join('.')}`)) continue;
        reported.add(`${key}\u0000${path.join('.')}`);
        const stacks = [...new Set([first.plan.environment, plan.environment])].join(', ');
        const where = environments ? `, and both are in ${describeAccount(plan)} (environments ${stacks})` : '';
        problems.push({
          path: [...path],
          message: `${kind} "${name}" is already defined at ${formatFieldPath(first.path)}; IAM names are unique per account, ignoring case${where}`,
        });
      }
    }
  }
  return problems;
}

/**
 * Reports distinct IAM names that would have the same Terraform address. The same name (ignoring
 * case) in two profiles that never share an account is no clash: the profiles never share a
 * stack either (see {@link checkIamNamesPerAccount} for those that do).
 */
class AddressRegister {
  private readonly taken = new Map<string, { name: string; path: FieldPath; profile: string }>();

  constructor(
    private readonly kind: string,
    private readonly addressOf: (name: string) => string,
    private readonly shareAnAccount: (one: string, other: string) => boolean,
    private readonly problems: SpecProblem[],
  ) {}

  /** Registers `name` of `profile`; false (with the problem reported) when its Terraform address is taken. */
  add(name: string, path: FieldPath, profile: string): boolean {
    const address = this.addressOf(name);
    const clash = this.taken.get(address);
    if (!clash) {
      this.taken.set(address, { name, path, profile });
      return true;
    }
    if (clash.name.toLowerCase() === name.toLowerCase()) {
      // The IAM name check reports the profiles that share an account.
      return !this.shareAnAccount(clash.profile, profile);
    }
    this.problems.push({
      path: [...path],
      message: `${this.kind} "${name}" and "${clash.name}" (${formatFieldPath(clash.path)}) would both be ${address}; rename one`,
    });
    return false;
  }
}

/** The instance fields a new instance needs, in each environment's values. */
function checkInstanceLaunch(profile: ResolvedProfileSpec): SpecProblem[] {
  if (!profile.instance || profile.instance.ami || profile.instance.existingId) return [];
  return [{ path: [...profile.fieldPath, 'instance', 'ami'], message: 'is required to launch an instance (or set existingId to attach to one that exists)' }];
}

export function checkSpecConsistency(spec: ResolvedSpec): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const plans = planStacks(spec);
  const accounts = accountsOfProfiles(plans);
  const shareAnAccount = (one: string, other: string) => [...(accounts.get(one) ?? [])].some((account) => accounts.get(other)?.has(account));
  const register = (kind: string, addressOf: (name: string) => string) => new AddressRegister(kind, addressOf, shareAnAccount, problems);
  const address = (type: string) => (name: string) => `${type}.${terraformName(name)}`;
  const policies = register('policy', address('aws_iam_policy'));
  const roles = register('role', address('aws_iam_role'));
  const profiles = register('instance profile', address('aws_iam_instance_profile'));
  // An instance is named after its instance profile without the "profile" word (`web-profile` and `web` would both be `aws_instance.web`).
  const instances = register('instance profile', (name) => `aws_instance.${instanceName(name)}`);

  if (spec.profiles.length === 0) problems.push({ path: ['profiles'], message: 'no profile: list at least one in profiles or fleets' });
  const iamProblems = checkIamNamesPerAccount(spec, plans);
  const iamClashAt = new Set(iamProblems.map((problem) => problem.path.join('.')));
  problems.push(...iamProblems);
  // The first stack without an account that deploys each profile, by profileKey.
  const stackWithoutAccount = new Map<string, string>();
  for (const plan of plans.filter((candidate) => !candidate.accountId)) {
    for (const planned of plan.profiles) if (!stackWithoutAccount.has(profileKey(planned))) stackWithoutAccount.set(profileKey(planned), plan.name);
  }
  for (const profile of spec.profiles) {
    const key = profileKey(profile);
    const at = (...sub: Array<string | number>) => [...profile.fieldPath, ...sub];
    // A name that clashes in an account is reported once, by the IAM name check.
    const add = (names: AddressRegister, name: string, path: FieldPath) => iamClashAt.has(path.join('.')) || names.add(name, path, key);
    profile.policies.forEach((policy, i) => add(policies, policy.name, at('policies', i, 'name')));
    add(roles, profile.role.name, at('role', 'name'));
    const profileNameAt = at(profile.role.name === profile.instanceProfile.name ? 'role' : 'instanceProfile', 'name');
    if (!iamClashAt.has(profileNameAt.join('.')) && profiles.add(profile.instanceProfile.name, profileNameAt, key) && profile.instance) {
      instances.add(profile.instanceProfile.name, profileNameAt, key);
    }

    const attached = new AddressRegister(
      'attached policy',
      (name) => attachmentAddress(profile.role.name, name),
      () => true,
      problems,
    );
    profile.policies.forEach((policy, i) => attached.add(policy.name, at('policies', i, 'name'), key));
    profile.role.managedPolicies.forEach((policy, i) => attached.add(policyShortName(policy), at('role', 'managedPolicies', i), key));
    problems.push(...checkInstanceLaunch(profile));
    const importsPolicyArns = profile.adopt.policies || (profile.adopt.attachments && profile.policies.length > 0);
    const withoutAccount = importsPolicyArns ? stackWithoutAccount.get(key) : undefined;
    if (withoutAccount !== undefined) {
      problems.push({
        path: at('adopt'),
        message: `adopting customer-managed policies or their attachments needs an accountId (the top-level one, or each environment's): their import ids are ARNs, and stack ${withoutAccount} has none`,
      });
    }
    profile.expectations.forEach((expectation, i) => {
      if ((expectation.allow === undefined) === (expectation.deny === undefined)) {
        problems.push({ path: at('expectations', i), message: 'give exactly one of "allow" or "deny"' });
      }
    });
  }
  // An environment's own values may leave an instance without an AMI and an existingId.
  for (const [environment, own] of Object.entries(spec.environmentProfiles)) {
    for (const problem of own.filter((profile) => !profile.environments || profile.environments.includes(environment)).flatMap(checkInstanceLaunch)) {
      if (!problems.some((known) => known.path.join('.') === problem.path.join('.') && known.message === problem.message)) {
        problems.push({ ...problem, message: `in environment ${environment}: ${problem.message}` });
      }
    }
  }
  return problems;
}
