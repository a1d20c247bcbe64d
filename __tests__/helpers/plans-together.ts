/**
 * The offline plans of several Terraform roots from one `terraform plan`: each root is a child
 * module of one wrapper root, and roots whose provider configurations are the same share one
 * provider. Every Terraform command loads the AWS provider's schema (seconds of CPU) and every
 * provider configuration starts a provider process: planned together, a dozen roots cost about
 * what two or three cost alone.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { TerraformPlanJson, TerraformRunner } from '../../src/terraform';
import type { ConfiguredModule, PlannedModule, ResourceChange } from './terraform-plans';
import { OFFLINE_OVERRIDE } from './terraform-plans';
import { escapeLiteralText } from '../../src/constructs/literal-text';

/** What {@link plansTogether} plans from. */
export interface PlansTogetherOptions {
  /**
   * Each root's state by root name, as `appliedState` crafts it: the plan starts from these
   * states, without refreshing them (nothing is read from AWS). @default - no state: each root is planned from nothing
   */
  readonly states?: Readonly<Record<string, Record<string, unknown>>>;
}

/**
 * The offline plans of several roots (folders by name) from one `terraform plan`. Each root is
 * a child module of a wrapper root; its `provider "aws"` configuration (one per root, in HCL or
 * JSON) is taken out for the plan and put back after, and becomes a provider of the wrapper
 * (with the offline settings), shared by every root configured the same, passed to the module
 * call. Each result is shaped as that root's own plan (planned values, resource changes,
 * configuration, addresses without the wrapper's `module.<name>.`). Roots may hold no import
 * block (Terraform allows those only in the root module); their backends are ignored, and
 * `options.states` stands for their states; their `*.auto.tfvars.json` become the module call's
 * arguments.
 */
export function plansTogether(
  terraform: TerraformRunner,
  roots: Readonly<Record<string, string>>,
  options: PlansTogetherOptions = {},
): Record<string, TerraformPlanJson> {
  const dir = fs.mkdtempSync(path.join(path.dirname(Object.values(roots)[0]), 'together-'));
  const taken: Array<TakenProvider & { readonly name: string; readonly folder: string }> = [];
  try {
    for (const [name, folder] of Object.entries(roots)) taken.push({ name, folder, ...takeProviderOut(folder) });
    // One wrapper provider per distinct configuration: `aws.p0`, `aws.p1`, …
    const aliases = new Map<string, string>();
    const aliasOf = new Map(taken.map(({ name, key }) => [name, aliases.get(key) ?? (aliases.set(key, `p${aliases.size}`), aliases.get(key)!)]));
    const firstWith = (alias: string) => taken.find(({ name }) => aliasOf.get(name) === alias)!;
    const hclProviders = [...aliases.values()].filter((alias) => firstWith(alias).hcl !== undefined);
    const jsonProviders = [...aliases.values()].filter((alias) => firstWith(alias).json !== undefined);
    fs.writeFileSync(
      path.join(dir, 'providers.tf'),
      hclProviders.map((alias) => `provider "aws" {\n  alias = "${alias}"\n${firstWith(alias).hcl}}\n`).join('\n'),
    );
    fs.writeFileSync(
      path.join(dir, 'offline_override.tf'),
      [...aliases.values()].map((alias) => OFFLINE_OVERRIDE.replace(/^provider "aws" \{\n/, `provider "aws" {\n  alias = "${alias}"\n`)).join('\n'),
    );
    const source = (folder: string) => `./${path.relative(dir, folder).split(path.sep).join('/')}`.replace(/^\.\/\.\.\//, '../');
    fs.writeFileSync(
      path.join(dir, 'main.tf.json'),
      JSON.stringify({
        ...(jsonProviders.length ? { provider: { aws: jsonProviders.map((alias) => ({ alias, ...firstWith(alias).json })) } } : {}),
        module: Object.fromEntries(
          taken.map(({ name, folder }) => [name, { source: source(folder), providers: { aws: `aws.${aliasOf.get(name)}` }, ...variablesOf(folder) }]),
        ),
      }),
    );
    if (options.states) fs.writeFileSync(path.join(dir, 'terraform.tfstate'), JSON.stringify(wrappedState(options.states, aliasOf)));
    terraform.init(dir);
    terraform.plan(dir, 'plan.out', options.states ? { refresh: false } : {});
  } finally {
    for (const { restore } of taken) restore();
  }
  return unwrapPlans(terraform.showJson(dir, 'plan.out') as unknown as WrapperPlan, Object.keys(roots));
}

/** A root's provider configuration, taken out of its file: the HCL block's body or the JSON object, a key that is equal for equal ones, and how to put it back. */
interface TakenProvider {
  readonly hcl?: string;
  readonly json?: Record<string, unknown>;
  readonly key: string;
  readonly restore: () => void;
}

/** Takes the one `provider "aws"` configuration out of a root's `*.tf` or `*.tf.json` files (override files aside). */
function takeProviderOut(folder: string): TakenProvider {
  const found: TakenProvider[] = [];
  for (const file of fs.readdirSync(folder).filter((name) => /\.tf(\.json)?$/.test(name) && !/(^|_)override\.tf(\.json)?$/.test(name))) {
    const full = path.join(folder, file);
    const text = fs.readFileSync(full, 'utf8');
    const restore = () => fs.writeFileSync(full, text);
    if (file.endsWith('.json')) {
      const config = JSON.parse(text) as { provider?: { aws?: Record<string, unknown> | Array<Record<string, unknown>> } };
      const configured = config.provider?.aws;
      if (!configured) continue;
      const [json, ...more] = Array.isArray(configured) ? configured : [configured];
      if (more.length) throw new Error(`plansTogether: ${full} configures the AWS provider more than once`);
      const { aws: _aws, ...otherProviders } = config.provider!;
      fs.writeFileSync(full, JSON.stringify({ ...config, provider: Object.keys(otherProviders).length ? otherProviders : undefined }));
      found.push({ json, key: `json:${JSON.stringify(json)}`, restore });
    } else {
      const blocks = [...text.matchAll(/^provider "aws" \{\n([\s\S]*?)^\}\n/gm)];
      if (!blocks.length) continue;
      if (blocks.length > 1) throw new Error(`plansTogether: ${full} configures the AWS provider more than once`);
      fs.writeFileSync(full, text.replace(blocks[0][0], ''));
      found.push({ hcl: blocks[0][1], key: `hcl:${blocks[0][1]}`, restore });
    }
  }
  if (found.length !== 1) {
    for (const { restore } of found) restore();
    throw new Error(`plansTogether: ${folder} must configure the AWS provider once (found ${found.length})`);
  }
  return found[0];
}

/** A root's `*.auto.tfvars.json`, read only in a root module: here they become the module call's arguments. */
function variablesOf(folder: string): Record<string, unknown> {
  // A variables file holds values; a module call's arguments are templates, where they are kept literal.
  return escapeLiteralText(
    Object.assign(
      {},
      ...fs
        .readdirSync(folder)
        .filter((file) => file.endsWith('.auto.tfvars.json'))
        .map((file) => JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as Record<string, unknown>),
    ),
  );
}

/** One state holding each root's state inside its module call (`module.<name>.`), with the wrapper provider its root was given. */
function wrappedState(states: Readonly<Record<string, Record<string, unknown>>>, aliasOf: ReadonlyMap<string, string>): Record<string, unknown> {
  const entries = Object.entries(states);
  const resources = entries.flatMap(([name, state]) =>
    (state.resources as Array<Record<string, unknown>>).map((resource) => ({
      ...resource,
      module: resource.module ? `module.${name}.${String(resource.module)}` : `module.${name}`,
      provider: `${String(resource.provider)}.${aliasOf.get(name)}`,
    })),
  );
  return { ...entries[0][1], resources };
}

/** The parts of the wrapper's plan that are cut into each root's. */
interface WrapperPlan {
  readonly planned_values: { readonly root_module: PlannedModule };
  readonly resource_changes?: readonly ResourceChange[];
  readonly configuration: { readonly root_module: ConfiguredModule };
  readonly terraform_version: string;
}

interface PlannedChild extends PlannedModule {
  readonly address?: string;
}

/** Each root's plan, cut out of the wrapper's, with the wrapper's `module.<name>.` taken off every address. */
function unwrapPlans(plan: WrapperPlan, names: readonly string[]): Record<string, TerraformPlanJson> {
  return Object.fromEntries(
    names.map((name) => {
      const prefix = `module.${name}.`;
      const planned = (plan.planned_values.root_module.child_modules ?? []).find((child) => (child as PlannedChild).address === `module.${name}`) ?? {};
      const changes = (plan.resource_changes ?? [])
        .filter((change) => change.address.startsWith(prefix))
        .map((change) => {
          const moduleAddress = change.module_address === `module.${name}` ? undefined : change.module_address && withoutPrefix(change.module_address, prefix);
          return {
            ...change,
            address: withoutPrefix(change.address, prefix),
            module_address: moduleAddress,
            ...(change.previous_address ? { previous_address: withoutPrefix(change.previous_address, prefix) } : {}),
          };
        });
      const configured = plan.configuration.root_module.module_calls?.[name]?.module ?? {};
      return [
        name,
        {
          terraform_version: plan.terraform_version,
          planned_values: { root_module: unwrapPlanned(planned, prefix) },
          resource_changes: changes,
          configuration: { root_module: configured },
        } as unknown as TerraformPlanJson,
      ];
    }),
  );
}

/** `module.<name>.` taken off the front of an address (a resource's, a module's). */
function withoutPrefix(address: string, prefix: string): string {
  return address.startsWith(prefix) ? address.slice(prefix.length) : address;
}

/** A planned module with the wrapper's `module.<name>.` taken off every address in it. */
function unwrapPlanned(module: PlannedChild, prefix: string): PlannedModule {
  return {
    resources: (module.resources ?? []).map((resource) => ({ ...resource, address: withoutPrefix(resource.address, prefix) })),
    child_modules: (module.child_modules ?? []).map(
      (child) => ({ ...unwrapPlanned(child, prefix), address: withoutPrefix((child as PlannedChild).address ?? '', prefix) }) as PlannedModule,
    ),
  };
}
