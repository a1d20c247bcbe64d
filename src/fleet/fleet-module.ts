/**
 * A fleet's template as a local child module: one variable per item field the template uses,
 * and the profile's resources built by the same constructs as every other profile
 * (`addProfileResources`), the fields that use item values holding the variables. The root
 * instantiates it once per item with `for_each` (see `fleet-call.ts`).
 */
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { App, TerraformOutput, TerraformVariable, Token, VariableType } from 'cdktf';
import type { Construct } from 'constructs';
import { adoptResources } from '../constructs/adopt-resources';
import { LiteralTextStack } from '../constructs/literal-text';
import { profileOrigins, profileOutputValue } from '../constructs/instance-profile-stack';
import { addProfileResources, type ProfileResources, profileNames } from '../constructs/profile-resources';
import { declareRequirements, MODULE_TERRAFORM_VERSION } from '../terraform-requirements';
import type { ResolvedProfileSpec } from '../spec/model';
import type { StackPlan } from '../spec/plan-stacks';
import { PROFILE_OUTPUT_DESCRIPTIONS, withTags } from '../constructs/profile-outputs';
import { blockShapesOf, type BlockShapes } from '../constructs/block-shapes';
import type { ResourceOrigin } from '../spec/resource-origin';
import { type BoundFleet, fillSlots } from './fleet-template';

/** An `import` block of the module's resources: `to` is an address inside the module, `id` may use its variables. */
export interface ModuleImport {
  readonly to: string;
  readonly id: string;
}

/** A fleet template synthesized as a module. */
export interface SynthesizedFleetModule {
  /** The module's Terraform JSON (without import blocks: Terraform allows them only in the root). */
  readonly config: Record<string, unknown>;
  readonly shapes: BlockShapes;
  /** What the root imports into each instance, once per item. */
  readonly imports: readonly ModuleImport[];
  /** Spec fields by address inside the module, for a profile declared at `[]`. */
  readonly origins: ReadonlyMap<string, ResourceOrigin>;
  /** The module's outputs, by name. */
  readonly outputs: readonly string[];
}

/** How the template module is built. */
export interface FleetModuleOptions {
  /**
   * Take a `tags` input (map of strings, default empty) merged into the tags of every resource:
   * inside the generated module, which passes its own tags input on.
   * @default false
   */
  readonly tagsInput?: boolean;
}

/** The input a template module takes tags in, with {@link FleetModuleOptions.tagsInput}. */
export const FLEET_TAGS_INPUT = 'tags';

class FleetModule extends LiteralTextStack {
  readonly resources: ProfileResources;
  readonly template: ResolvedProfileSpec;

  constructor(scope: Construct, bound: BoundFleet, plan: StackPlan, options: FleetModuleOptions) {
    super(scope, bound.name);
    declareRequirements(this, MODULE_TERRAFORM_VERSION);
    const variables = new Map(
      bound.fields.map((field) => [
        field,
        new TerraformVariable(this, field, { type: VariableType.STRING, description: `The item's ${field} (fleets[${bound.fleet}].items[*].${field}).` }),
      ]),
    );
    // What the checks and proofs alone read (expectations, suppressions) is not deployed.
    const template = withSlotsFilled({ ...bound.template, expectations: [], suppressions: [] }, (field) => variables.get(field)!.stringValue);
    const tags = options.tagsInput
      ? new TerraformVariable(this, FLEET_TAGS_INPUT, {
          type: VariableType.map(VariableType.STRING),
          default: {},
          description: 'Tags added to every resource of the item.',
        })
      : undefined;
    this.template = tags ? withTags(template, Token.asStringMap(tags.value)) : template;
    const partition = new DataAwsPartition(this, 'Partition');
    partition.overrideLogicalId('current');
    const names = profileNames(this.template, bound.naming);
    this.resources = addProfileResources(this, this.template, names, { partition, importExisting: true });
    adoptResources(this.resources.chain, this.template, { partition: partition.partition, accountId: plan.accountId });
    for (const [name, value] of Object.entries(profileOutputValue(this.resources))) {
      if (value !== undefined) new TerraformOutput(this, `Output-${name}`, { value, description: PROFILE_OUTPUT_DESCRIPTIONS[name] }).overrideLogicalId(name);
    }
  }
}

/** Synthesizes a bound fleet's module for one stack (its region and account decide the import ids). */
export function synthesizeFleetModule(bound: BoundFleet, plan: StackPlan, scratch: string, options: FleetModuleOptions = {}): SynthesizedFleetModule {
  const stack = new FleetModule(new App({ outdir: scratch }), bound, plan, options);
  const { import: imports = [], ...config } = stack.toTerraform() as Record<string, unknown> & { import?: ModuleImport[] };
  return {
    config,
    shapes: blockShapesOf(stack),
    imports: imports.map(({ to, id }) => ({ to, id })),
    origins: profileOrigins({ ...stack.template, fieldPath: [] }, stack.resources),
    outputs: Object.keys((config.output ?? {}) as Record<string, unknown>),
  };
}

/** The template with every slot holding what `value` gives for its field (a variable's token). */
function withSlotsFilled(template: ResolvedProfileSpec, value: (field: string) => string): ResolvedProfileSpec {
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') return fillSlots(node, value);
    if (Array.isArray(node)) return node.map(visit);
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, visit(child)]));
    return node;
  };
  return { ...(visit(template) as ResolvedProfileSpec), fieldPath: template.fieldPath };
}
