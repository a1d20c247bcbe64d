import type { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { Fn, TerraformOutput, TerraformVariable, Token, VariableType } from 'cdktf';
import { Construct } from 'constructs';
import { profileOutputValue } from '../constructs/instance-profile-stack';
import type { Ec2Instance } from '../constructs/ec2-instance';
import { addProfileInstance, addProfileResources, profileNames, type ProfileNames, type ProfileResources } from '../constructs/profile-resources';
import { CreatedIf } from '../constructs/resource-class';
import { launchedInstanceName, type ProfileSwitch } from './profile-switches';
import { declareRequirements, MODULE_TERRAFORM_VERSION } from '../terraform-requirements';
import { stackPartition } from '../constructs/stack-partition';
import type { LoadedSpec, ResolvedProfileSpec } from '../spec/model';
import type { InstanceSpec, VariableType as SpecVariableType } from '../spec/spec-schema';
import { replacePlaceholders, type VariableUse } from '../spec/spec-variables';
import { isFleetModuleItem, type ModuleInput, type ModuleInterface, profileKeyOf } from './module-interface';
import { addFleetCall } from '../fleet/fleet-call';
import { escapeLiteralText, LiteralTextStack, terraformExpression } from '../constructs/literal-text';
import { PROFILE_OUTPUT_DESCRIPTIONS, withTags } from '../constructs/profile-outputs';

/** Where the module keeps a fleet's template module, as its module block's `source`. */
export const FLEET_MODULE_SOURCE = (name: string) => `./modules/${name}`;

export interface InstanceProfileModuleProps {
  /** The spec, with concrete values (the checks and proofs read the same). */
  readonly loaded: LoadedSpec;
  /** The inputs, and the fields they fill. */
  readonly moduleInterface: ModuleInterface;
}

/**
 * The spec's profiles as a reusable module, built by the same constructs as the flat root
 * (`addProfileResources`): the fields the inputs fill hold the variables, everything else the
 * spec's values; resources keep the flat root's addresses. It has no provider and no backend
 * block, and no import blocks (Terraform allows them only in the root module that calls it).
 */
export class InstanceProfileModule extends LiteralTextStack {
  /** Resources by profile field path (`profiles.0`). */
  readonly profiles: ReadonlyMap<string, ProfileResources>;

  constructor(scope: Construct, id: string, props: InstanceProfileModuleProps) {
    super(scope, id);
    const { loaded, moduleInterface } = props;
    declareRequirements(this, MODULE_TERRAFORM_VERSION);
    const variables = new Map(moduleInterface.inputs.map((input) => [input.name, { variable: declareVariable(this, input), type: input.type }]));
    const partition = stackPartition(this);

    const bindings = groupBy(moduleInterface.bindings, (binding) => profileKeyOf(binding.fieldPath));
    const tags = moduleInterface.tagsInput ? Token.asStringMap(variables.get(moduleInterface.tagsInput)!.variable.value) : undefined;
    const profiles = new Map<string, ProfileResources>();
    for (const concrete of loaded.spec.profiles) {
      if (isFleetModuleItem(moduleInterface, concrete)) continue;
      const key = concrete.fieldPath.join('.');
      const profileBindings = bindings.get(key) ?? [];
      const values = withInputs(concrete, profileBindings, variables, tags);
      const names = profileNames(values, concrete);
      const profileSwitch = moduleInterface.switches.get(key);
      const scope = profileSwitch?.create ? new CreatedIf(this, `Create-${names.id}`, `var.${profileSwitch.create}`) : this;
      const resources = profileSwitch?.adoptInput
        ? addLaunchOrAdopt(scope, values, launchedInstanceOf(concrete, profileBindings, variables, tags), names, profileSwitch.adoptInput, partition)
        : addProfileResources(scope, values, names, { partition, importExisting: false });
      if (values.instance?.existingId !== undefined) requireAdoptedInstance(resources.instance!, existingIdExpression(concrete, profileBindings));
      profiles.set(key, resources);
      this.addOutputs(resources, concrete, moduleInterface.flatOutputs, profileSwitch);
    }
    this.profiles = profiles;
    for (const { bound } of moduleInterface.fleets) {
      const inputs: Record<string, string> = moduleInterface.tagsInput ? { tags: terraformExpression(`var.${moduleInterface.tagsInput}`) } : {};
      addFleetCall(this, bound, { source: FLEET_MODULE_SOURCE(bound.name), itemsFrom: 'the calling root module sets them', inputs });
    }
  }

  private addOutputs(resources: ProfileResources, concrete: ResolvedProfileSpec, flat: boolean, profileSwitch: ProfileSwitch | undefined): void {
    const value = profileSwitch ? switchedOutputValue(resources, profileSwitch) : profileOutputValue(resources);
    if (!flat) {
      const name = profileNames(concrete).output;
      new TerraformOutput(this, `Output-${name}`, {
        description: `Role and instance profile ${concrete.instanceProfile.name}${resources.instance ? ', and the instance that has it' : ''}: ${Object.keys(
          value,
        )
          .filter((key) => value[key] !== undefined)
          .join(', ')}.`,
        value,
      }).overrideLogicalId(name);
      return;
    }
    for (const [name, item] of Object.entries(value)) {
      if (item === undefined) continue;
      new TerraformOutput(this, `Output-${name}`, { value: item, description: PROFILE_OUTPUT_DESCRIPTIONS[name] }).overrideLogicalId(name);
    }
  }
}

/** The profile with each bound field holding its variable, and the tags input merged into every tag map. */
function withInputs(
  concrete: ResolvedProfileSpec,
  bindings: readonly VariableUse[],
  variables: ReadonlyMap<string, DeclaredVariable>,
  tags: Record<string, string> | undefined,
): ResolvedProfileSpec {
  const values = structuredClone(concrete) as Record<string, unknown>;
  for (const binding of bindings) {
    const relative = binding.fieldPath.slice(concrete.fieldPath.length);
    const variable = (name: string) => variables.get(name)!;
    const value = binding.whole ? typedValue(variable(binding.names[0])) : replacePlaceholders(binding.template, (name) => variable(name).variable.stringValue);
    setAt(values, relative, value);
  }
  const profile = values as unknown as ResolvedProfileSpec;
  return tags ? withTags(profile, tags) : profile;
}

/** Whether a binding of the profile fills its `instance.existingId`. */
function fillsExistingId(concrete: ResolvedProfileSpec, binding: VariableUse): boolean {
  return binding.fieldPath.slice(concrete.fieldPath.length).join('.') === 'instance.existingId';
}

/** The Terraform expression of an adopted instance's id: its input, a template of inputs, or the spec's literal id. */
function existingIdExpression(concrete: ResolvedProfileSpec, bindings: readonly VariableUse[]): string {
  const binding = bindings.find((candidate) => fillsExistingId(concrete, candidate));
  if (!binding) return JSON.stringify(concrete.instance!.existingId);
  return binding.whole
    ? `var.${binding.names[0]}`
    : `"${replacePlaceholders(escapeLiteralText(JSON.stringify(binding.template).slice(1, -1)), (name) => `\${var.${name}}`)}"`;
}

/**
 * The chain of a profile whose instance is adopted where `adoptInput` holds an id and launched
 * where it is `""` (see `profile-switches.ts`): the adopted instance at the profile's instance
 * address, the launched one beside it. `instance` is the adopted one; `launched` the other.
 */
function addLaunchOrAdopt(
  scope: Construct,
  values: ResolvedProfileSpec,
  launch: InstanceSpec,
  names: ProfileNames,
  adoptInput: string,
  partition: DataAwsPartition,
): ProfileResources & { readonly launched: Ec2Instance } {
  const { instance: spec, ...rest } = values;
  const { chain } = addProfileResources(scope, rest, names, { partition, importExisting: false });
  const options = { partition, importExisting: false };
  const adopting = new CreatedIf(scope, `Adopt-${names.id}`, `var.${adoptInput} != ""`);
  const instance = addProfileInstance(adopting, spec!, values.instanceProfile.name, chain, names, options);
  const launching = new CreatedIf(scope, `Launch-${names.id}`, `var.${adoptInput} == ""`);
  const launched = addProfileInstance(launching, launch, values.instanceProfile.name, chain, names, {
    ...options,
    id: `${names.id}-LaunchedInstance`,
    terraformName: launchedInstanceName(names.instance),
  });
  return { chain, instance, launched };
}

/**
 * The outputs of a switched profile: each value is `null` where its resource does not exist (a
 * profile switched off, the instance form not taken), which `try` gives for the missing `[0]`.
 */
function switchedOutputValue(
  resources: ProfileResources & { readonly launched?: Ec2Instance },
  profileSwitch: ProfileSwitch,
): Record<string, string | undefined> {
  const value = profileOutputValue(resources);
  const orNull = (...expressions: string[]) => Token.asString(Fn.try([...expressions, terraformExpression('null')]));
  const launched = resources.launched?.instanceId;
  return Object.fromEntries(
    Object.entries(value).map(([name, item]) => {
      if (item === undefined) return [name, undefined];
      if (name === 'instance_id' && launched) return [name, orNull(item, launched)];
      return [name, profileSwitch.create ? orNull(item) : item];
    }),
  );
}

/** The instance of a launch-or-adopt profile as launched: the spec's fields with the inputs, no existingId, and the tags input merged in as a new instance has it. */
function launchedInstanceOf(
  concrete: ResolvedProfileSpec,
  bindings: readonly VariableUse[],
  variables: ReadonlyMap<string, DeclaredVariable>,
  tags: Record<string, string> | undefined,
): InstanceSpec {
  const { existingId: _adopted, ...instance } = concrete.instance!;
  const launchBindings = bindings.filter((binding) => !fillsExistingId(concrete, binding));
  return withInputs({ ...concrete, instance }, launchBindings, variables, tags).instance!;
}

/** An adopted instance must be the one the spec names: the root module imports it into this address. */
function requireAdoptedInstance(instance: Ec2Instance, existingId: string): void {
  instance.instance.addOverride('lifecycle.postcondition', [
    {
      condition: terraformExpression(`self.id == ${existingId}`),
      error_message: 'This is not the existing instance the module is for: import that instance into this address (see the example root module).',
    },
  ]);
}

/** A module variable and its declared type. */
interface DeclaredVariable {
  readonly variable: TerraformVariable;
  readonly type: SpecVariableType;
}

/** The variable's value as the field takes it: a string, a number, a list or a map token. */
function typedValue({ variable, type }: DeclaredVariable): unknown {
  switch (type) {
    case 'number':
      return variable.numberValue;
    case 'bool':
      return variable.booleanValue;
    case 'list(string)':
      return variable.listValue;
    case 'map(string)':
      return Token.asStringMap(variable.value);
    default:
      return variable.stringValue;
  }
}

const TERRAFORM_TYPES: Readonly<Record<SpecVariableType, string>> = {
  string: VariableType.STRING,
  number: VariableType.NUMBER,
  bool: VariableType.BOOL,
  'list(string)': VariableType.list(VariableType.STRING),
  'map(string)': VariableType.map(VariableType.STRING),
};

function declareVariable(scope: Construct, input: ModuleInput): TerraformVariable {
  const variable = new TerraformVariable(scope, input.name, {
    type: TERRAFORM_TYPES[input.type],
    description: input.description,
    default: input.default ?? undefined,
    nullable: input.default === null ? true : undefined,
    validation: input.validations.map(({ condition, message }) => ({ condition: terraformExpression(condition), errorMessage: message })),
  });
  if (input.default === null) variable.addOverride('default', null);
  return variable;
}

function setAt(target: Record<string, unknown>, path: ReadonlyArray<string | number>, value: unknown): void {
  let node: Record<string | number, unknown> = target;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item)) ?? [];
    group.push(item);
    groups.set(key(item), group);
  }
  return groups;
}
