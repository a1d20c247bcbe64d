/**
 * Splits a spec into Terraform stacks: one per environment, and within each, one per group
 * of `sharding.profilesPerStack` profiles. Each stack gets its own name, region, account,
 * tags and state location.
 */
import type { ResolvedProfileSpec, ResolvedSpec } from './model';
import type { SpecProblem } from './spec-error';
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

export function planStacks(spec: ResolvedSpec): StackPlan[] {
  const environments = Object.entries(spec.environments);
  const shards = shardsOf(spec);
  const width = String(shards.length).length;
  const plans: StackPlan[] = [];
  for (const [environment, settings] of environments.length ? environments : [[undefined, undefined] as const]) {
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
  const accounts = new Map<string | undefined, string>();
  for (const [name, environment] of environments) {
    if (environment.backend) check(environment.backend, ['environments', name, 'backend']);
    const account = environment.accountId ?? spec.accountId;
    const other = accounts.get(account);
    if (other !== undefined) {
      problems.push({
        path: ['environments', name, 'accountId'],
        message: `environments "${other}" and "${name}" would create the same IAM names in ${account ? `account ${account}` : 'one account'}; give each environment its own accountId`,
      });
    }
    accounts.set(account, name);
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
      problems.push({ path, message: `makes the stack name "${plan.name}" (${plan.name.length} characters), which is not ${STACK_NAME_RULES.patternText}; shorten the stack or environment name` });
    }
    const other = seen.get(plan.name.toLowerCase());
    if (other) {
      problems.push({ path, message: `makes the stack name "${plan.name}", which differs from "${other.name}" only in case; stacks share folders on case-insensitive file systems, so rename one` });
    } else seen.set(plan.name.toLowerCase(), plan);
  }
  return problems;
}

/** The profiles of each shard: groups of `sharding.profilesPerStack`, or all in one. */
function shardsOf(spec: ResolvedSpec): ResolvedProfileSpec[][] {
  return chunk(spec.profiles, spec.sharding.profilesPerStack ?? spec.profiles.length);
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  if (items.length === 0) return [[]];
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
