/**
 * Cross-field checks the schema cannot express: IAM names are unique per account
 * (case-insensitively), and distinct names must not collapse to the same Terraform address.
 */
import { attachmentAddress, instanceName, policyShortName, terraformName } from '../naming';
import type { ResolvedSpec } from './model';
import { formatFieldPath, SpecProblem } from './spec-error';

type FieldPath = Array<string | number>;

/** Tracks names of one kind and reports the second use of an IAM name or of a Terraform name. */
class NameRegister {
  private readonly iamNames = new Map<string, FieldPath>();
  private readonly terraformNames = new Map<string, { name: string; path: FieldPath }>();

  constructor(
    private readonly kind: string,
    private readonly addressOf: (name: string) => string,
    private readonly problems: SpecProblem[],
  ) {}

  /** Registers `name`; false (with the problem reported) when it or its Terraform address is taken. */
  add(name: string, path: FieldPath): boolean {
    const first = this.iamNames.get(name.toLowerCase());
    if (first) {
      this.problems.push({
        path,
        message: `${this.kind} "${name}" is already defined at ${formatFieldPath(first)}; IAM names are unique per account, ignoring case`,
      });
      return false;
    }
    this.iamNames.set(name.toLowerCase(), path);
    const address = this.addressOf(name);
    const clash = this.terraformNames.get(address);
    if (clash) {
      this.problems.push({
        path,
        message: `${this.kind} "${name}" and "${clash.name}" (${formatFieldPath(clash.path)}) would both be ${address}; rename one`,
      });
      return false;
    }
    this.terraformNames.set(address, { name, path });
    return true;
  }
}

export function checkSpecConsistency(spec: ResolvedSpec): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const address = (type: string) => (name: string) => `${type}.${terraformName(name)}`;
  const policies = new NameRegister('policy', address('aws_iam_policy'), problems);
  const roles = new NameRegister('role', address('aws_iam_role'), problems);
  const profiles = new NameRegister('instance profile', address('aws_iam_instance_profile'), problems);
  // An instance is named after its instance profile without the "profile" word (`web-profile` and `web` would both be `aws_instance.web`).
  const instances = new NameRegister('instance profile', (name) => `aws_instance.${instanceName(name)}`, problems);

  if (spec.profiles.length === 0) problems.push({ path: ['profiles'], message: 'no profile: list at least one in profiles or fleets' });
  for (const profile of spec.profiles) {
    const at = (...sub: Array<string | number>) => [...profile.fieldPath, ...sub];
    profile.policies.forEach((policy, i) => policies.add(policy.name, at('policies', i, 'name')));
    roles.add(profile.role.name, at('role', 'name'));
    const profileNameAt = at(profile.role.name === profile.instanceProfile.name ? 'role' : 'instanceProfile', 'name');
    if (profiles.add(profile.instanceProfile.name, profileNameAt) && profile.instance) instances.add(profile.instanceProfile.name, profileNameAt);

    const attached = new NameRegister('attached policy', (name) => attachmentAddress(profile.role.name, name), problems);
    profile.policies.forEach((policy, i) => attached.add(policy.name, at('policies', i, 'name')));
    profile.role.managedPolicies.forEach((policy, i) => attached.add(policyShortName(policy), at('role', 'managedPolicies', i)));
    if (profile.instance && !profile.instance.ami && !profile.instance.existingId) {
      problems.push({ path: at('instance', 'ami'), message: 'is required to launch an instance (or set existingId to attach to one that exists)' });
    }
    const importsPolicyArns = profile.adopt.policies || (profile.adopt.attachments && profile.policies.length > 0);
    if (importsPolicyArns && !spec.accountId) {
      problems.push({
        path: at('adopt'),
        message: 'adopting customer-managed policies or their attachments needs the top-level accountId: their import ids are ARNs',
      });
    }
    profile.expectations.forEach((expectation, i) => {
      if ((expectation.allow === undefined) === (expectation.deny === undefined)) {
        problems.push({ path: at('expectations', i), message: 'give exactly one of "allow" or "deny"' });
      }
    });
  }
  return problems;
}
