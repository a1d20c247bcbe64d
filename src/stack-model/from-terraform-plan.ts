/**
 * Reads Terraform's own plan, the JSON of `terraform show -json <planfile>` (format 1.x), into a
 * {@link StackModel}: the resources of `planned_values` (root and child modules, instance keys
 * included), with {@link UnknownValue}s where `resource_changes[].change.after_unknown` says a
 * value is known only after apply. The reference an unknown value comes from is read from the
 * plan's `configuration` section when the argument is one plain resource attribute
 * (`aws_iam_policy.x.arn`; inside a module, prefixed with the module's instance address). An
 * argument the configuration does not set is left out even where the provider plans to compute
 * it (`iam_instance_profile`, `monitoring`): absent means not set, as in the other reader.
 *
 * Plans made with the AWS provider 5.x and 6.x are read alike (the plan does not say which made
 * it). A 6.x plan holds `user_data` as its text and gives each regional resource a `region`: the
 * text is read from the plan (see `plan-plain-text.ts`), each resource keeps its own region, and
 * the provider's region, when its configuration does not say it, is the one its resources are
 * planned in (see `plan-region.ts`).
 *
 * What the plan does not say is not made up: `lifecycle.ignore_changes` is not in the plan JSON
 * (Terraform 1.11's `configuration` has no lifecycle), so it is `[]` — the planned values already
 * keep what it ignores; `user_data` planned as a hash (5.x) is taken from the configuration when
 * it is a constant (or a root variable) and is otherwise left out.
 */
import { dnsSuffixOf } from '../facts/aws-regions';
import { partitionOfRegion } from '../partition';
import { RESOURCE_KINDS } from '../resource-kinds';
import { argumentEntries } from '../resource-kinds/resource-kind';
import {
  type ConfigModule,
  type ConfiguredResource,
  type Expression,
  type PlanJson,
  type PlannedModule,
  type PlannedResource,
  type ProviderConfig,
  requirePlanJson,
  type ResourceChange,
} from './plan-json';
import { plainTextOf } from './plan-plain-text';
import { plannedProviderRegion } from './plan-region';
import { block, buildResource, stringRecord } from './resource-values';
import {
  ASSUMED_REGION,
  MODELLED_TYPES,
  type ProviderSettings,
  type ResourceReference,
  type StackModel,
  type StackResource,
  type UnknownValue,
} from './stack-model';
import { isPlainObject } from '../text/plain-object';

/** The model of one plan. Throws a `PlanFormatError` (see `plan-json.ts`) when `plan` is not the JSON of a saved plan. */
export function stackModelOfPlan(plan: unknown, source: string): StackModel {
  const json = requirePlanJson(plan, source);
  const variables = variableValues(json.variables);
  const planned = plannedResources(json);
  const provider = providerOf(json.configuration?.provider_config, variables, planned);
  const changes = new Map((json.resource_changes ?? []).filter((change) => change.deposed === undefined).map((change) => [change.address, change]));
  const resources = planned.flatMap(({ resource, configured, moduleAddress, values: plannedValues }): StackResource[] => {
    const change = changes.get(resource.address)?.change;
    const expressions = configured ? (configured.expressions ?? {}) : undefined;
    const values = withUnknowns(plannedValues, change?.after_unknown, expressions, moduleAddress) as Record<string, unknown>;
    for (const argument of HASHED_ARGUMENTS.get(resource.type) ?? [])
      values[argument] = plainTextOf(values[argument], knownValueOf(expressions?.[argument], moduleAddress === '' ? variables : undefined));
    const built = buildResource(resource.type, resource.address, values, { provider, importId: importIdOf(change), ignoreChanges: [] });
    return built ? [built] : [];
  });
  return { source, provider, resources, origins: new Map() };
}

/** A managed resource of a modelled type in `planned_values`, with its resource in the configuration and the address of its module. */
interface PlannedEntry {
  readonly resource: PlannedResource;
  readonly configured?: ConfiguredResource;
  /** `module.writer["a"]`; empty for the root. */
  readonly moduleAddress: string;
  /** Its planned values (`{}` when the plan has none). */
  readonly values: Readonly<Record<string, unknown>>;
}

/** The managed resources of the modelled types of `planned_values` (root and child modules, in order), each with its configuration. */
function plannedResources(json: PlanJson): PlannedEntry[] {
  const entries: PlannedEntry[] = [];
  const visit = (planned: PlannedModule | undefined, config: ConfigModule | undefined, moduleAddress: string): void => {
    for (const resource of planned?.resources ?? []) {
      if (resource.mode !== 'managed' || !(MODELLED_TYPES as readonly string[]).includes(resource.type)) continue;
      const configured = config?.resources?.find((candidate) => candidate.mode === 'managed' && candidate.address === `${resource.type}.${resource.name}`);
      entries.push({ resource, configured, moduleAddress, values: resource.values ?? {} });
    }
    for (const child of planned?.child_modules ?? []) {
      const name = child.address === undefined ? undefined : moduleCallName(child.address, moduleAddress);
      const childConfig = name === undefined ? undefined : config?.module_calls?.[name]?.module;
      visit(child, childConfig, child.address ?? moduleAddress);
    }
  };
  visit(json.planned_values.root_module, json.configuration?.root_module, '');
  return entries;
}

// ---- unknown values

/** Where the configuration does not set an argument (the provider computes it); `undefined` where it cannot say. */
const NOT_SET = Symbol('not set');

/**
 * `value` with an {@link UnknownValue} wherever `unknown` (an `after_unknown` tree: `true`, or
 * lists and objects of such) says so, its reference taken from `expression`, the configuration
 * expression at the same path. An argument the configuration does not set ({@link NOT_SET}) is
 * left out instead, as the model has arguments that are not set: what the provider computes
 * for it is no value the configuration gives.
 */
function withUnknowns(value: unknown, unknown: unknown, expression: unknown, moduleAddress: string): unknown {
  if (unknown === true) {
    if (expression === NOT_SET) return undefined;
    return unknownValue(isExpression(expression) ? referenceOf(expression, moduleAddress) : undefined);
  }
  if (!containsTrue(unknown)) return value;
  const nested = (key: string | number): unknown => {
    // An expression for the whole attribute says nothing about which element it is.
    if (expression === undefined || isExpression(expression)) return undefined;
    if (expression === NOT_SET) return NOT_SET;
    return (expression as Record<string | number, unknown>)[key] ?? NOT_SET;
  };
  if (Array.isArray(unknown)) {
    const list = Array.isArray(value) ? value : [];
    return Array.from({ length: Math.max(list.length, unknown.length) }, (_, index) => withUnknowns(list[index], unknown[index], nested(index), moduleAddress));
  }
  const record = isPlainObject(value) ? value : {};
  const keys = new Set([...Object.keys(record), ...Object.keys(unknown as object)]);
  return Object.fromEntries([...keys].map((key) => [key, withUnknowns(record[key], (unknown as Record<string, unknown>)[key], nested(key), moduleAddress)]));
}

function containsTrue(unknown: unknown): boolean {
  if (unknown === true) return true;
  return typeof unknown === 'object' && unknown !== null && Object.values(unknown).some(containsTrue);
}

/** A managed resource address (type, name, optional constant instance key) and one attribute. */
const RESOURCE_ATTRIBUTE = /^([a-z][a-z0-9]*_[a-z0-9_]*\.[A-Za-z_][\w-]*(?:\[(?:\d+|"(?:[^"\\]|\\.)*")\])?)\.([a-z_][a-z0-9_]*)$/;

/**
 * The resource attribute an expression is, when it reads exactly one (its `references` are that
 * attribute and its prefixes: `["aws_iam_policy.p.arn", "aws_iam_policy.p"]`). Terraform lists
 * references, not the expression, so a function of one attribute (`lower(aws_iam_role.r.name)`)
 * reads the same; anything that also reads a variable, `count.index`, a data source or a module
 * output has none.
 */
function referenceOf(expression: Expression, moduleAddress: string): ResourceReference | undefined {
  const references = referencesOf(expression);
  const longest = references.reduce<string | undefined>(
    (found, reference) => (found === undefined || reference.length > found.length ? reference : found),
    undefined,
  );
  const match = longest === undefined ? null : RESOURCE_ATTRIBUTE.exec(longest);
  if (!match || !references.every((reference) => reference === longest || isTraversalPrefix(reference, longest!))) return undefined;
  return { address: moduleAddress === '' ? match[1] : `${moduleAddress}.${match[1]}`, attribute: match[2] };
}

/** The references an expression lists (its string entries; none when it lists none). */
function referencesOf(expression: Expression): string[] {
  return Array.isArray(expression.references) ? expression.references.filter((reference): reference is string => typeof reference === 'string') : [];
}

function isTraversalPrefix(prefix: string, of: string): boolean {
  return of.startsWith(prefix) && (of[prefix.length] === '.' || of[prefix.length] === '[');
}

function isExpression(value: unknown): value is Expression {
  return isPlainObject(value) && ('references' in value || 'constant_value' in value);
}

function unknownValue(reference: ResourceReference | undefined): UnknownValue {
  return reference ? { unknown: true, reference } : { unknown: true };
}

// ---- what the planned values do not say

/** The value of an expression when the plan says it: a constant, or (in the root module) one root variable. */
function knownValueOf(expression: unknown, variables: ReadonlyMap<string, unknown> | undefined): unknown {
  if (!isExpression(expression)) return undefined;
  if ('constant_value' in expression) return expression.constant_value;
  const references = referencesOf(expression);
  const variable = references.length === 1 ? /^var\.([\w-]+)$/.exec(references[0]) : null;
  return variable && variables ? variables.get(variable[1]) : undefined;
}

/** The plan's root variable values, by name. */
function variableValues(variables: PlanJson['variables']): ReadonlyMap<string, unknown> {
  return new Map(Object.entries(variables ?? {}).map(([name, variable]) => [name, variable?.value]));
}

/** Arguments a 5.x plan holds as a hash (`user_data`), by resource type: read with {@link plainTextOf}. */
const HASHED_ARGUMENTS: ReadonlyMap<string, readonly string[]> = new Map(
  RESOURCE_KINDS.map((kind) => [
    kind.type,
    argumentEntries(kind)
      .filter((entry) => 'hashedInPlan' in entry && entry.hashedInPlan)
      .map((entry) => entry.argument),
  ]),
);

/** The id of the `import` block that adopts the resource (Terraform ≥ 1.5). */
function importIdOf(change: ResourceChange['change'] | undefined): string | undefined {
  const id = change?.importing?.id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** The name of the module call `childAddress` (`module.a.module.b["k"]`) is an instance of, inside `parentAddress` (`module.a`). */
function moduleCallName(childAddress: string, parentAddress: string): string | undefined {
  const own = parentAddress === '' ? childAddress : childAddress.startsWith(`${parentAddress}.`) ? childAddress.slice(parentAddress.length + 1) : '';
  return /^module\.([A-Za-z_][\w-]*)/.exec(own)?.[1];
}

/**
 * The root's default AWS provider (key `aws`, else the first without an alias), with the values
 * the plan says: constants and root variables. A region its configuration does not say (from a
 * local, or from `AWS_REGION` at plan time) is the one a 6.x plan plans its resources in, else
 * {@link ASSUMED_REGION}, marked as not given.
 */
function providerOf(
  configs: Readonly<Record<string, ProviderConfig>> | undefined,
  variables: ReadonlyMap<string, unknown>,
  planned: readonly PlannedEntry[],
): ProviderSettings {
  const candidates = Object.entries(configs ?? {}).filter(([, config]) => config.name === 'aws' && config.module_address === undefined);
  const [key, config] = configs?.aws ? ['aws', configs.aws] : (candidates.find(([, candidate]) => candidate.alias === undefined) ?? ['aws', undefined]);
  const expressions = config?.expressions ?? {};
  const configured = knownValueOf(expressions.region, variables);
  const region = typeof configured === 'string' && configured !== '' ? configured : plannedProviderRegion(planned, key);
  const known = region ?? ASSUMED_REGION;
  const partition = partitionOfRegion(known);
  const accounts = knownValueOf(expressions.allowed_account_ids, variables);
  return {
    region: known,
    regionGiven: region !== undefined,
    partition,
    dnsSuffix: dnsSuffixOf(partition),
    allowedAccountIds: Array.isArray(accounts) ? accounts.filter((account): account is string => typeof account === 'string') : [],
    defaultTags: stringRecord(knownValueOf(block(expressions.default_tags)?.tags, variables)),
  };
}
