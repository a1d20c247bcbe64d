/**
 * Splits a spec into Terraform stacks: one per environment, and within each, one per group
 * of `sharding.profilesPerStack` profiles. Each stack gets its own name, region, account,
 * tags and state location.
 */
import type { ResolvedProfileSpec, ResolvedSpec } from './model';
import type { SpecProblem } from './spec-error';
import { closest } from '../text/closest';
import { partitionOfRegion } from '../partition';
import { STACK_NAME_RULES, type BackendSpec } from './spec-schema';

/** Everything one stack is built from. */
export interface StackPlan {
  /** `<stack>`, `<stack>-<environment>`, `<stack>-<shard>` or `<stack>-<environment>-<shard>`. */
  readonly name: string;
  readonly environment?: string;
  readonly region: string;
  /** The spec field the region comes from: `["environments", "prod", "region"]` or `["region"]`. */
  readonly regionField: ReadonlyArray<string | number>;
  /** When set, the provider refuses credentials of any other account. */
  readonly accountId?: string;
  readonly defaultTags: Readonly<Record<string, string>>;
  /** The backend with the per-stack state location filled in. */
  readonly backend: BackendSpec;
  readonly profiles: readonly ResolvedProfileSpec[];
}

/** The placeholder for the stack name in backend paths, keys and workspace names. */
export const STACK_PLACEHOLDER = '{stack}';

/** Each spec's plans, computed once: the checks, the proofs, synthesis and the module all read them. */
const planned = new WeakMap<ResolvedSpec, readonly StackPlan[]>();

/**
 * The stacks a spec deploys to, in order: one per environment (or one), each split into shards
 * by `sharding.profilesPerStack`. Computed once per spec; the plans are shared, read-only.
 */
export function planStacks(spec: ResolvedSpec): readonly StackPlan[] {
  let plans = planned.get(spec);
  if (!plans) planned.set(spec, (plans = Object.freeze(computePlans(spec))));
  return plans;
}

function computePlans(spec: ResolvedSpec): StackPlan[] {
  const environments = Object.entries(spec.environments);
  const plans: StackPlan[] = [];
  for (const [environment, settings] of environments.length ? environments : [[undefined, undefined] as const]) {
    const shards = shardsOf(spec, profilesOf(spec, environment));
    const width = String(shards.length).length;
    shards.forEach((profiles, index) => {
      const name = [spec.stack, environment, shards.length > 1 ? String(index + 1).padStart(width, '0') : undefined]
        .filter((part) => part !== undefined)
        .join('-');
      const region = settings?.region ?? spec.region;
      plans.push({
        name,
        environment,
        region,
        regionField: settings?.region !== undefined ? ['environments', environment!, 'region'] : ['region'],
        accountId: settings?.accountId ?? spec.accountId,
        defaultTags: { ...spec.defaultTags, ...settings?.defaultTags },
        backend: placeState(settings?.backend ?? spec.backend, name, region),
        profiles,
      });
    });
  }
  return plans;
}

/** Fills in the per-stack state location: the stack name replaces `{stack}`, and is the default. */
function placeState(backend: BackendSpec, stack: string, region: string): BackendSpec {
  const fill = (text: string) => text.split(STACK_PLACEHOLDER).join(stack);
  switch (backend.type) {
    case 'local':
      return { ...backend, path: fill(backend.path ?? `terraform.${STACK_PLACEHOLDER}.tfstate`) };
    case 's3':
      return { ...backend, key: fill(backend.key ?? `${STACK_PLACEHOLDER}/terraform.tfstate`), region: backend.region ?? region };
    case 'cloud':
      return { ...backend, workspace: fill(backend.workspace ?? STACK_PLACEHOLDER) };
  }
}

/**
 * Several stacks must not share one state or one account's IAM names: an S3 key or a
 * workspace without `{stack}` is a problem then, and so are environments in one account.
 */
export function checkStackSeparation(spec: ResolvedSpec): SpecProblem[] {
  const environments = Object.entries(spec.environments);
  const stacks = Math.max(1, environments.length) * shardsOf(spec).length;
  if (stacks < 2) return [];
  const problems: SpecProblem[] = [];
  const check = (backend: BackendSpec, path: Array<string | number>) => {
    if (backend.type === 'local') return; // each stack runs in its own folder
    const [field, value] = backend.type === 's3' ? ['key', backend.key] : ['workspace', backend.workspace];
    if (value !== undefined && !value.includes(STACK_PLACEHOLDER)) {
      problems.push({
        path: [...path, field],
        message: `"${value}" would be shared by ${stacks} stacks; include ${STACK_PLACEHOLDER} so each stack keeps its own state`,
      });
    }
  };
  check(spec.backend, ['backend']);
  // An account is one of its partition: the same account id in two partitions is two accounts.
  const accounts = new Map<string, string>();
  for (const [name, environment] of environments) {
    if (environment.backend) check(environment.backend, ['environments', name, 'backend']);
    const account = environment.accountId ?? spec.accountId;
    const key = `${partitionOfRegion(environment.region ?? spec.region)}\u0000${account ?? ''}`;
    const other = accounts.get(key);
    if (other !== undefined) {
      problems.push({
        path: ['environments', name, 'accountId'],
        message: `environments "${other}" and "${name}" would create the same IAM names in ${account ? `account ${account}` : 'one account'}; give each environment its own accountId`,
      });
    }
    accounts.set(key, name);
  }
  return problems;
}

/**
 * Each stack's name becomes folder and file names in the output: the composed name
 * (`<stack>-<environment>-<shard>`) must follow the stack-name rule too, and no two stacks may
 * differ only in case (they would share one folder on case-insensitive file systems).
 */
export function checkStackNames(spec: ResolvedSpec): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const seen = new Map<string, StackPlan>();
  for (const plan of planStacks(spec)) {
    const path = plan.environment === undefined ? ['stack'] : ['environments', plan.environment];
    if (!STACK_NAME_RULES.pattern.test(plan.name)) {
      problems.push({
        path,
        message: `makes the stack name "${plan.name}" (${plan.name.length} characters), which is not ${STACK_NAME_RULES.patternText}; shorten the stack or environment name`,
      });
    }
    const other = seen.get(plan.name.toLowerCase());
    if (other) {
      problems.push({
        path,
        message: `makes the stack name "${plan.name}", which differs from "${other.name}" only in case; stacks share folders on case-insensitive file systems, so rename one`,
      });
    } else seen.set(plan.name.toLowerCase(), plan);
  }
  return problems;
}

/** The profiles an environment deploys: with its own variable values, and only those that exist in it. */
export function profilesOf(spec: ResolvedSpec, environment: string | undefined): readonly ResolvedProfileSpec[] {
  if (environment === undefined) return spec.profiles;
  const profiles = spec.environmentProfiles[environment] ?? spec.profiles;
  return profiles.some((profile) => profile.environments)
    ? profiles.filter((profile) => !profile.environments || profile.environments.includes(environment))
    : profiles;
}

/** The profiles of each shard: groups of `sharding.profilesPerStack`, or all in one. */
function shardsOf(spec: ResolvedSpec, profiles: readonly ResolvedProfileSpec[] = spec.profiles): ResolvedProfileSpec[][] {
  return chunk(profiles, spec.sharding.profilesPerStack ?? profiles.length);
}

/** A profile's `environments` must name environments of the spec. */
export function checkProfileEnvironments(spec: ResolvedSpec): SpecProblem[] {
  const known = Object.keys(spec.environments);
  const problems: SpecProblem[] = [];
  for (const profile of spec.profiles) {
    profile.environments?.forEach((name, i) => {
      if (known.includes(name)) return;
      const hint = closest(name, known);
      problems.push({
        path: [...profile.fieldPath, 'environments', i],
        message: known.length
          ? `"${name}" is not an environment of the spec (${known.join(', ')})${hint ? `; did you mean "${hint}"?` : ''}`
          : `"${name}" names an environment, but the spec has none (see environments)`,
      });
    });
  }
  return problems;
}

/** Ids that belong to one AWS account, by the instance field that holds them. */
const ACCOUNT_BOUND_FIELDS = [
  ['existingId', 'instance'],
  ['subnetId', 'subnet'],
  ['securityGroupIds', 'security group'],
] as const;

/**
 * An existing instance, a subnet or a security group belongs to one account: the same id in
 * stacks of two accounts is an error (set it per environment with a variable instead).
 */
export function checkAccountBoundIds(spec: ResolvedSpec): SpecProblem[] {
  const seen = new Map<string, { account: string; environment?: string }>();
  const problems: SpecProblem[] = [];
  for (const plan of planStacks(spec)) {
    const account = plan.accountId ?? '';
    for (const profile of plan.profiles) {
      const instance = profile.instance;
      if (!instance) continue;
      for (const [field, kind] of ACCOUNT_BOUND_FIELDS) {
        const value = instance[field];
        for (const id of value === undefined ? [] : Array.isArray(value) ? value : [value]) {
          if (id === '') continue; // not an id: the field's own rule reports it
          const first = seen.get(id);
          if (!first) seen.set(id, { account, environment: plan.environment });
          else if (first.account !== account) {
            problems.push({
              path: [...profile.fieldPath, 'instance', field],
              message: `${kind} ${id} would be used in environment ${first.environment} (${first.account ? `account ${first.account}` : 'no accountId'}) and in ${plan.environment} (${account ? `account ${account}` : 'no accountId'}); it belongs to one account: give each environment its own value (a variable set under environments.<name>.variables)`,
            });
          }
        }
      }
    }
  }
  return unique(problems);
}

function unique(problems: readonly SpecProblem[]): SpecProblem[] {
  const keys = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.path.join('.')}\u0000${problem.message}`;
    return !keys.has(key) && !!keys.add(key);
  });
}

/**
 * `items` in groups of `size`. The spec schema refuses a size that is not a whole number of at
 * least 1 (the loader reports it and stops); this refuses one given some other way, rather
 * than loop forever.
 */
function chunk<T>(items: readonly T[], size: number): T[][] {
  if (items.length === 0) return [[]];
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`sharding.profilesPerStack is ${String(size)}; it must be a whole number of at least 1 (the number of profiles a stack takes)`);
  }
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
