/**
 * What a spec expects to exist in the account, and — given the account's instance profiles —
 * which exist already (adopt them), which are orphaned (the console pitfall: a profile left
 * behind when its role was deleted) and which carry one of the spec's roles under another name.
 */
import { partitionOfRegion } from '../partition';
import type { LoadedSpec, ResolvedProfileSpec } from '../spec/model';
import { planStacks, type StackPlan } from '../spec/plan-stacks';
import type { InventoryProfile } from '../account-export/instance-profile-list';

/** One line of the report: what, its state, and the command that checks or fixes it. */
export interface DoctorItem {
  readonly kind: 'policy' | 'role' | 'attachment' | 'instance profile' | 'instance';
  readonly name: string;
  readonly state: 'expected' | 'exists' | 'missing' | 'orphaned' | 'unlisted';
  /** What to run or change. */
  readonly advice: string;
}

/** The items of one environment (or of a spec without environments, or of the inventory). */
export interface DoctorGroup {
  /** The environment. @default - none: the spec has no environments, or these are the inventory's */
  readonly environment?: string;
  /** Its account id. @default - none: the spec names none (ARNs say `<account-id>`) */
  readonly accountId?: string;
  /** Its region. @default - none, for the inventory's group */
  readonly region?: string;
  readonly items: readonly DoctorItem[];
}

export interface DoctorReport {
  /** Every item, the groups' in order. */
  readonly items: readonly DoctorItem[];
  /** The items by environment, then those found only in the inventory. */
  readonly groups: readonly DoctorGroup[];
  /** Orphaned or unlisted profiles found in the inventory. */
  readonly problems: number;
  /** Whether the account's instance profiles were given. */
  readonly inventoryChecked: boolean;
}

/**
 * What the stacks of `plans` (by default every stack of the spec) expect in their accounts,
 * grouped by environment, with each environment's account and partition in the ARNs; given the
 * account's instance profiles, what to adopt and what to clean up.
 */
export function diagnose(loaded: LoadedSpec, inventory?: readonly InventoryProfile[], plans: readonly StackPlan[] = planStacks(loaded.spec)): DoctorReport {
  const byName = new Map((inventory ?? []).map((profile) => [profile.InstanceProfileName.toLowerCase(), profile]));
  const profiles = plans.flatMap((plan) => plan.profiles);
  const specRoles = new Set(profiles.map((profile) => profile.role.name.toLowerCase()));
  const specProfiles = new Set(profiles.map((profile) => profile.instanceProfile.name.toLowerCase()));
  const groups: DoctorGroup[] = [];
  for (const plan of plans) {
    const items = plan.profiles.flatMap((profile) => expectedItems(profile, plan, inventory && byName));
    const last = groups[groups.length - 1];
    // The shards of one environment make one group.
    if (last && last.environment === plan.environment) groups[groups.length - 1] = { ...last, items: [...last.items, ...items] };
    else groups.push({ environment: plan.environment, accountId: plan.accountId, region: plan.region, items });
  }
  const found = inventoryItems(inventory ?? [], specProfiles, specRoles);
  if (found.length) groups.push({ items: found });
  return {
    items: groups.flatMap((group) => group.items),
    groups,
    problems: found.length,
    inventoryChecked: inventory !== undefined,
  };
}

/** The items one profile of one stack expects; with the inventory's profiles by lower-case name, whether its instance profile exists. */
function expectedItems(profile: ResolvedProfileSpec, plan: StackPlan, byName: ReadonlyMap<string, InventoryProfile> | undefined): DoctorItem[] {
  const account = plan.accountId ?? '<account-id>';
  const partition = partitionOfRegion(plan.region);
  const items: DoctorItem[] = [];
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
  const found = byName?.get(instanceProfile.name.toLowerCase());
  items.push({
    kind: 'instance profile',
    name: instanceProfile.name,
    state: byName ? (found ? 'exists' : 'missing') : 'expected',
    advice: !byName
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
  return items;
}

/** The inventory's profiles that are orphaned, or carry one of the spec's roles but are not in it: each is a problem. */
function inventoryItems(inventory: readonly InventoryProfile[], specProfiles: ReadonlySet<string>, specRoles: ReadonlySet<string>): DoctorItem[] {
  const items: DoctorItem[] = [];
  for (const found of inventory) {
    const name = found.InstanceProfileName;
    if (specProfiles.has(name.toLowerCase())) continue;
    const roles = found.Roles.map((role) => role.RoleName);
    const remove = [
      ...roles.map((role) => `aws iam remove-role-from-instance-profile --instance-profile-name ${name} --role-name ${role}`),
      `aws iam delete-instance-profile --instance-profile-name ${name}`,
    ].join(' && ');
    if (roles.length === 0) {
      items.push({ kind: 'instance profile', name, state: 'orphaned', advice: `holds no role; remove it: ${remove}` });
    } else if (roles.some((role) => specRoles.has(role.toLowerCase()))) {
      items.push({
        kind: 'instance profile',
        name,
        state: 'unlisted',
        advice: `carries ${roles.join(', ')} of this spec but is not in it (console-created?); add it to the spec, or remove it: ${remove}`,
      });
    }
  }
  return items;
}

/**
 * The report as aligned text lines; with environments, each environment's items under a line
 * naming it, its account and its region (`environment prod: account 222222222222, us-east-1`),
 * and the inventory's findings under `in the inventory, not in the spec:`.
 */
export function formatDoctorReport(report: DoctorReport): string[] {
  const kindWidth = Math.max(...report.items.map((item) => item.kind.length));
  const nameWidth = Math.max(...report.items.map((item) => item.name.length));
  const grouped = report.groups.some((group) => group.environment !== undefined);
  const line = (item: DoctorItem) =>
    `${grouped ? '  ' : ''}${item.kind.padEnd(kindWidth)}  ${item.name.padEnd(nameWidth)}  ${item.state.padEnd(8)}  ${item.advice}`;
  const heading = (group: DoctorGroup) =>
    group.environment === undefined
      ? ['in the inventory, not in the spec:']
      : [`environment ${group.environment}: ${group.accountId ? `account ${group.accountId}` : 'no accountId (ARNs say <account-id>)'}, ${group.region}`];
  return [
    ...report.groups.flatMap((group) => [...(grouped ? heading(group) : []), ...group.items.map(line)]),
    ...(!report.inventoryChecked
      ? []
      : report.problems
        ? [`${report.problems} instance profile${report.problems === 1 ? '' : 's'} to clean up or adopt`]
        : ['no orphaned instance profile found']),
  ];
}
