/**
 * What a spec expects to exist in the account, and — given the account's instance profiles —
 * which exist already (adopt them), which are orphaned (the console pitfall: a profile left
 * behind when its role was deleted) and which carry one of the spec's roles under another name.
 */
import { partitionOfRegion } from '../partition';
import type { LoadedSpec } from '../spec/model';
import type { InventoryProfile } from './inventory';

/** One line of the report: what, its state, and the command that checks or fixes it. */
export interface DoctorItem {
  readonly kind: 'policy' | 'role' | 'attachment' | 'instance profile' | 'instance';
  readonly name: string;
  readonly state: 'expected' | 'exists' | 'missing' | 'orphaned' | 'unlisted';
  /** What to run or change. */
  readonly advice: string;
}

export interface DoctorReport {
  readonly items: readonly DoctorItem[];
  /** Orphaned or unlisted profiles found in the inventory. */
  readonly problems: number;
  /** Whether the account's instance profiles were given. */
  readonly inventoryChecked: boolean;
}

export function diagnose(loaded: LoadedSpec, inventory?: readonly InventoryProfile[]): DoctorReport {
  const { spec } = loaded;
  const account = spec.accountId ?? '<account-id>';
  const partition = partitionOfRegion(spec.region);
  const items: DoctorItem[] = [];
  const byName = new Map((inventory ?? []).map((profile) => [profile.InstanceProfileName.toLowerCase(), profile]));
  const specRoles = new Set(spec.profiles.map((profile) => profile.role.name.toLowerCase()));
  const specProfiles = new Set(spec.profiles.map((profile) => profile.instanceProfile.name.toLowerCase()));

  for (const profile of spec.profiles) {
    const { role, instanceProfile } = profile;
    for (const policy of profile.policies) {
      items.push({
        kind: 'policy',
        name: policy.name,
        state: 'expected',
        advice: `aws iam get-policy --policy-arn arn:${partition}:iam::${account}:policy${policy.path}${policy.name}`,
      });
    }
    items.push({ kind: 'role', name: role.name, state: 'expected', advice: `aws iam get-role --role-name ${role.name}` });
    items.push({
      kind: 'attachment',
      name: `${role.name} ← ${[...profile.policies.map((policy) => policy.name), ...role.managedPolicies].join(', ') || 'none'}`,
      state: 'expected',
      advice: `aws iam list-attached-role-policies --role-name ${role.name}`,
    });
    const found = byName.get(instanceProfile.name.toLowerCase());
    items.push({
      kind: 'instance profile',
      name: instanceProfile.name,
      state: inventory ? (found ? 'exists' : 'missing') : 'expected',
      advice: !inventory
        ? `aws iam get-instance-profile --instance-profile-name ${instanceProfile.name}`
        : found
          ? profile.adopt.instanceProfile
            ? 'adopted by this spec (import block)'
            : 'made by hand: set adopt.instanceProfile (or adopt: true) in the spec, or Terraform fails with EntityAlreadyExists'
          : 'will be created',
    });
    if (profile.instance?.existingId) {
      items.push({
        kind: 'instance',
        name: profile.instance.existingId,
        state: 'expected',
        advice: `aws ec2 describe-iam-instance-profile-associations --filters Name=instance-id,Values=${profile.instance.existingId}`,
      });
    }
  }

  let problems = 0;
  for (const found of inventory ?? []) {
    const name = found.InstanceProfileName;
    if (specProfiles.has(name.toLowerCase())) continue;
    const roles = found.Roles.map((role) => role.RoleName);
    const remove = [
      ...roles.map((role) => `aws iam remove-role-from-instance-profile --instance-profile-name ${name} --role-name ${role}`),
      `aws iam delete-instance-profile --instance-profile-name ${name}`,
    ].join(' && ');
    if (roles.length === 0) {
      problems++;
      items.push({ kind: 'instance profile', name, state: 'orphaned', advice: `holds no role; remove it: ${remove}` });
    } else if (roles.some((role) => specRoles.has(role.toLowerCase()))) {
      problems++;
      items.push({
        kind: 'instance profile',
        name,
        state: 'unlisted',
        advice: `carries ${roles.join(', ')} of this spec but is not in it (console-created?); add it to the spec, or remove it: ${remove}`,
      });
    }
  }
  return { items, problems, inventoryChecked: inventory !== undefined };
}

/** The report as aligned text lines. */
export function formatDoctorReport(report: DoctorReport): string[] {
  const kindWidth = Math.max(...report.items.map((item) => item.kind.length));
  const nameWidth = Math.max(...report.items.map((item) => item.name.length));
  return [
    ...report.items.map((item) => `${item.kind.padEnd(kindWidth)}  ${item.name.padEnd(nameWidth)}  ${item.state.padEnd(8)}  ${item.advice}`),
    ...(!report.inventoryChecked
      ? []
      : report.problems
        ? [`${report.problems} instance profile${report.problems === 1 ? '' : 's'} to clean up or adopt`]
        : ['no orphaned instance profile found']),
  ];
}
