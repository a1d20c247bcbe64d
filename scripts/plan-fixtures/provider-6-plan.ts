/**
 * Turns the JSON of a plan the AWS provider 5.x made (`terraform show -json plan.out`) into the
 * JSON the same plan has when 6.x makes it: what the plan readers' tests read as a 6.x plan, no
 * 6.x provider being at hand to make one. Deterministic: the same plan gives the same JSON.
 *
 * Only `aws_instance` differs for the resources the readers model (the IAM resources and the
 * `aws_partition` data source have the same schema in both; IAM is global and gets no
 * `region`). Per instance, in `planned_values` and in its change (`after`, `after_unknown`,
 * `after_sensitive`), as the 6.x schema has it (`@cdktf/provider-aws` 21.22.1, the bindings of
 * 6.25.0, `lib/instance/index.d.ts`):
 * - `user_data`: its text, which 5.x plans as the SHA-1 of it in hexadecimal. The text is the
 *   configuration's constant, and the 5.x hash is checked to be its hash.
 * - `cpu_core_count`, `cpu_threads_per_core`: removed in 6.0 (5.x plans them as unknown).
 * - `region`: new on every regional resource, planned as the provider's region (the root
 *   provider's constant `region`; a 5.x configuration cannot set the instance's own).
 * - `force_destroy`: new, planned as its default, `false`.
 * - `placement_group_id`, `primary_network_interface`: new, optional and computed, so known
 *   only after apply (`after_unknown`), as 5.x plans `placement_group` and `network_interface`.
 * The configuration (which sets none of these), the provider's version constraint (the
 * generated roots' `>= 5.100.0, < 7.0.0` admits 6.x) and `terraform_version` (Terraform's, not
 * the provider's) stay as they are; the plan's `timestamp` is set to {@link FIXED_TIMESTAMP},
 * and its `relevant_attributes`, which Terraform lists in no fixed order, are sorted.
 * A plan this cannot turn faithfully (an instance that is not created, user data that is no
 * constant, another provider configuration) is refused with the reason.
 */
import { createHash } from 'crypto';

/** The `timestamp` of every plan this writes, so that the output depends on the plan's content only. */
export const FIXED_TIMESTAMP = '2025-06-18T00:00:00Z';

/** Arguments of `aws_instance` that 6.0 removed. */
const REMOVED = ['cpu_core_count', 'cpu_threads_per_core'] as const;

/** Arguments of `aws_instance` that 6.x adds and plans as known only after apply (optional and computed). */
const COMPUTED_NEW = ['placement_group_id', 'primary_network_interface'] as const;

/** Arguments of `aws_instance` that 6.x adds and that are blocks (`sensitive_values` lists their structure). */
const NEW_BLOCKS = ['primary_network_interface'] as const;

type Json = Record<string, unknown>;

/** The 6.x form of `plan5`, a plan made with the AWS provider 5.x; `plan5` itself is not changed. */
export function provider6Plan(plan5: unknown): Json {
  const plan = copy(plan5);
  const region = providerRegion(plan);
  const configured = configuredInstances(plan);
  const changes = new Map(
    list(plan.resource_changes, 'resource_changes').map((change) => [String(object(change, 'a resource change').address), object(change, 'a change')]),
  );
  forEachPlannedInstance(plan, (resource) => {
    const address = String(resource.address);
    const expressions = configured.get(configurationAddress(resource)) ?? fail(`${address} is not in the plan's configuration`);
    for (const argument of [...REMOVED, 'region'])
      if (argument in expressions) fail(`${address} sets ${argument}, which a 6.x plan of it would not have as 5.x planned it`);
    const values = object(resource.values, `${address}'s planned values`);
    const text = userDataText(address, values.user_data, expressions.user_data);
    resource.values = sorted(instanceValues(values, region, text));
    resource.sensitive_values = sorted({ ...object(resource.sensitive_values, `${address}'s sensitive values`), ...emptyBlocks() });
    const change = object(changes.get(address)?.change, `the change of ${address}`);
    if (JSON.stringify(change.actions) !== '["create"]')
      fail(`${address} is not created by the plan (${JSON.stringify(change.actions)}); only creations are turned`);
    change.after = sorted(instanceValues(object(change.after, `${address}'s planned change`), region, text));
    const unknown = object(change.after_unknown, `${address}'s after_unknown`);
    for (const argument of REMOVED) delete unknown[argument];
    change.after_unknown = sorted({ ...unknown, ...Object.fromEntries(COMPUTED_NEW.map((argument) => [argument, true])) });
    change.after_sensitive = sorted({ ...object(change.after_sensitive, `${address}'s after_sensitive`), ...emptyBlocks() });
  });
  plan.timestamp = FIXED_TIMESTAMP;
  // Terraform lists them in no fixed order from one run to the next.
  plan.relevant_attributes = list(plan.relevant_attributes, 'relevant_attributes')
    .map((entry) => JSON.stringify(entry))
    .sort()
    .map((entry) => JSON.parse(entry) as unknown);
  return plan;
}

/** An instance's planned values as 6.x plans them (`userData` undefined: known only after apply, left out as 5.x left it out). */
function instanceValues(values: Json, region: string, userData: string | null | undefined): Json {
  const turned: Json = { ...values, force_destroy: false, region };
  for (const argument of REMOVED) delete turned[argument];
  if (userData !== undefined) turned.user_data = userData;
  return turned;
}

/**
 * The text of the instance's user data: the configuration's constant, checked against the hash
 * 5.x planned (of the base64-decoded bytes when the text is base64, as the provider hashes it).
 */
function userDataText(address: string, planned: unknown, expression: unknown): string | null | undefined {
  if (planned === undefined) return undefined;
  if (planned === null) return null;
  const text = (expression as { constant_value?: unknown } | undefined)?.constant_value;
  if (typeof text !== 'string') fail(`${address}'s user_data is not a constant in the configuration, so its text is not in the plan`);
  const base64 = text.replace(/[\r\n]/g, '');
  const bytes = /^[A-Za-z0-9+/]*={0,2}$/.test(base64) && base64.length % 4 === 0 ? Buffer.from(base64, 'base64') : Buffer.from(text);
  const hash = createHash('sha1').update(bytes).digest('hex');
  if (planned !== hash) fail(`${address}'s planned user_data ${JSON.stringify(planned)} is not the hash of its configuration's text (${hash})`);
  return text;
}

/** The root provider's region: a constant of its configuration. */
function providerRegion(plan: Json): string {
  const providers = object(object(plan.configuration, 'the configuration').provider_config, 'the provider configurations');
  const aws = object(providers.aws, 'the provider configuration "aws"');
  const region = (object(aws.expressions, "the aws provider's expressions").region as { constant_value?: unknown } | undefined)?.constant_value;
  if (typeof region !== 'string' || region === '')
    fail("the aws provider's region is not a constant of the configuration, so the instances' planned region is not known");
  return region;
}

/** The expressions of each `aws_instance` of the configuration that uses the root's `aws` provider, by module-relative address with its module calls (`writer.aws_instance.this`). */
function configuredInstances(plan: Json): Map<string, Json> {
  const found = new Map<string, Json>();
  const visit = (module: Json, prefix: string) => {
    for (const resource of list(module.resources, 'configured resources').map((entry) => object(entry, 'a configured resource'))) {
      if (resource.mode !== 'managed' || !String(resource.address).startsWith('aws_instance.')) continue;
      if (resource.provider_config_key !== 'aws')
        fail(`${prefix}${String(resource.address)} uses the provider ${String(resource.provider_config_key)}; only the root's aws provider is turned`);
      found.set(`${prefix}${String(resource.address)}`, object(resource.expressions ?? {}, 'expressions'));
    }
    for (const [name, call] of Object.entries(object(module.module_calls ?? {}, 'module calls')))
      visit(object(object(call, 'a module call').module, 'a called module'), `${prefix}${name}.`);
  };
  visit(object(object(plan.configuration, 'the configuration').root_module, 'the configuration root module'), '');
  return found;
}

/** Calls `turn` with every `aws_instance` of `planned_values`, in child modules too. */
function forEachPlannedInstance(plan: Json, turn: (resource: Json) => void): void {
  const visit = (module: Json) => {
    for (const resource of list(module.resources, 'planned resources').map((entry) => object(entry, 'a planned resource')))
      if (resource.mode === 'managed' && resource.type === 'aws_instance') turn(resource);
    for (const child of list(module.child_modules, 'child modules')) visit(object(child, 'a child module'));
  };
  visit(object(object(plan.planned_values, 'planned_values').root_module, 'the planned root module'));
}

/** A planned resource's address in the configuration: its module calls and its type and name, instance keys left out (`writer.aws_instance.this`). */
function configurationAddress(resource: Json): string {
  const calls = String(resource.address)
    .replace(/\[[^\]]*\]/g, '')
    .split('.')
    .slice(0, -2)
    .filter((_, i) => i % 2 === 1);
  return [...calls, resource.type, resource.name].join('.');
}

/** What `sensitive_values` and `after_sensitive` hold for the new blocks: their (empty) structure. */
function emptyBlocks(): Json {
  return Object.fromEntries(NEW_BLOCKS.map((argument) => [argument, []]));
}

/** The object with its keys in order, as Terraform writes JSON objects. */
function sorted(value: Json): Json {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function copy(value: unknown): Json {
  return object(JSON.parse(JSON.stringify(value)) as unknown, 'the plan');
}

function object(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${what} is not an object`);
  return value as Json;
}

function list(value: unknown, what: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(`${what} is not a list`);
  return value;
}

function fail(message: string): never {
  throw new Error(`cannot turn the plan into a 6.x plan: ${message}`);
}
