/**
 * What a module generated from a spec takes: the spec's declared variables, and the inputs it
 * adds where the spec leaves a field open (instance profile name, instance type, subnet,
 * security groups, key pair, the id of an adopted instance, and tags for every resource). Each
 * input is validated by the rules of the fields it fills.
 */
import { terraformName } from '../naming';
import { instanceKind, INSTANCE_LAUNCH_DEFAULTS, instanceProfileKind, policyKind, roleKind } from '../resource-kinds';
import type { ModuleInputField } from '../resource-kinds/resource-kind';
import type { LoadedSpec, ResolvedProfileSpec, ResolvedSpec } from '../spec/model';
import { bindFleet, type BoundFleet, fleetOf } from '../fleet/fleet-template';
import { itemsVariable } from '../fleet/fleet-call';
import { formatFieldPath } from '../spec/spec-error';
import type { InstanceSpec, VariableType } from '../spec/spec-schema';
import { replacePlaceholders, valueOfVariable, type VariableUse } from '../spec/spec-variables';
import { argumentNameOf, fieldValidations, type ModuleValidation, profileFieldSchema, type RuleSubject, stringValidations } from './field-rules';
import { hclString } from '../render/hcl-text';
import { ArraySchema, BooleanSchema, IntegerSchema, RecordSchema, type Schema, StringSchema } from '../spec/schema-kit';
import { isWithin } from '../spec/field-path';
import { admittingEmpty, createInput, type ProfileSwitch, profileSwitchesOf } from './profile-switches';

/** One `variable` of the module. */
export interface ModuleInput {
  readonly name: string;
  readonly type: VariableType;
  readonly description: string;
  /** Required inputs have no default. */
  readonly required: boolean;
  /** The default (`null`: optional with no value); absent for a required input. */
  readonly default?: unknown;
  /** The value the example root and the tests give it: the default, else the spec's example. */
  readonly value: unknown;
  readonly validations: readonly ModuleValidation[];
}

/** A fleet the module instantiates with `for_each` over an input holding its items (`<fleet>_items`). */
export interface ModuleFleet {
  readonly bound: BoundFleet;
  /** The input's name. */
  readonly input: string;
}

/** The module's interface and where each input goes. */
export interface ModuleInterface {
  /** The module's name (folder and example module block). */
  readonly name: string;
  readonly inputs: readonly ModuleInput[];
  /** Every field an input fills, from the spec root (as the spec's own variable uses). */
  readonly bindings: readonly VariableUse[];
  /** The input merged into the tags of every resource, if any. */
  readonly tagsInput?: string;
  /** One profile: its outputs are the module's (`role_arn`, …); several: one object output per profile. */
  readonly flatOutputs: boolean;
  /** The fleets deployed as one module call each; the items of the others are profiles of the module. */
  readonly fleets: readonly ModuleFleet[];
  /** The switched profiles, by profile key (`profiles.1`); the others always exist as the spec has them. */
  readonly switches: ReadonlyMap<string, ProfileSwitch>;
}

/** Whether a profile is an item of a fleet the module instantiates with `for_each` (and so no profile of the module's own). */
export function isFleetModuleItem(moduleInterface: Pick<ModuleInterface, 'fleets'>, profile: ResolvedProfileSpec): boolean {
  const fleet = fleetOf(profile);
  return fleet !== undefined && moduleInterface.fleets.some(({ bound }) => bound.fleet === fleet);
}

/**
 * The fleets the module instantiates with `for_each`: those whose template binds (see
 * `bindFleet`) and which neither use module variables (the template module would need them as
 * inputs too) nor adopt anything (the import blocks would go through two module calls). The
 * others are expanded into profiles of the module.
 */
export function moduleFleetsOf(spec: ResolvedSpec): ModuleFleet[] {
  const fleets: ModuleFleet[] = [];
  spec.fleets.forEach((fleet, index) => {
    const items = spec.profiles.filter((profile) => fleetOf(profile) === index);
    const adopts = items.some((item) => item.instance?.existingId !== undefined || Object.values(item.adopt).some(Boolean));
    if (!items.length || adopts || JSON.stringify(fleet.template).includes('{{var.')) return;
    const bound = bindFleet(spec, index, items);
    if ('items' in bound) fleets.push({ bound, input: itemsVariable(bound) });
  });
  return fleets;
}

/** The input added for tags, unless the spec declares a variable of that name. */
export const TAGS_INPUT = 'tags';

interface OpenField {
  readonly field: ReadonlyArray<string | number>;
  readonly input: string;
  /** The field takes another field's input (the instance profile name that is the role name). */
  readonly follows?: boolean;
  readonly type: VariableType;
  readonly default: unknown;
  readonly description: string;
}

/**
 * The fields of a listed profile that become inputs unless a variable already fills them: those
 * whose resource kind names a module input (the names, the AMI, instance type, subnet, security
 * groups and key pair of a new instance, the id of an adopted one). Each defaults to the spec's
 * value, else the default a new instance gets, else null; its type is the field's.
 */
function openFields(profile: ResolvedProfileSpec, taken: (field: ReadonlyArray<string | number>) => boolean, launchesOrAdopts: boolean): OpenField[] {
  const name = profile.instanceProfile.name;
  const fields: OpenField[] = [];
  const open = (field: Array<string | number>, input: string, value: unknown, description: string) => {
    if (!taken(field)) fields.push({ field, input, type: variableTypeOf(profileFieldSchema(field, profile)), default: value ?? null, description });
  };
  const policyName = policyKind.fields.name.moduleInput;
  profile.policies.forEach((policy, i) => {
    const input = profile.policies.length === 1 ? policyName.name : `${terraformName(policy.name)}_${policyName.name}`;
    open(['policies', i, 'name'], input, policy.name, policyName.describe(policy.name));
  });
  const roleName = roleKind.fields.name.moduleInput;
  open(['role', 'name'], roleName.name, profile.role.name, roleName.describe(profile.role.name));
  if (name === profile.role.name && !taken(['role', 'name'])) {
    fields.push({ field: ['instanceProfile', 'name'], input: roleName.name, follows: true, type: 'string', default: name, description: '' });
  } else {
    const profileName = instanceProfileKind.fields.name.moduleInput;
    open(['instanceProfile', 'name'], profileName.name, name, profileName.describe(name));
  }
  const instance = profile.instance;
  if (!instance) return fields;
  // An instance launched in some environments and adopted in others takes the inputs of both.
  const kinds = launchesOrAdopts ? ['launched', 'adopted'] : [instance.existingId === undefined ? 'launched' : 'adopted'];
  for (const [field, entry] of Object.entries(instanceKind.fields)) {
    const input: ModuleInputField | undefined = 'moduleInput' in entry ? entry.moduleInput : undefined;
    if (!input || !kinds.includes(input.instance ?? 'launched')) continue;
    const key = field as keyof InstanceSpec;
    open(['instance', field], input.name, instance[key] ?? INSTANCE_LAUNCH_DEFAULTS[key], input.describe(name));
  }
  return fields;
}

/** The Terraform type of an input that fills a field of `schema`. */
function variableTypeOf(schema: Schema<unknown> | undefined): VariableType {
  if (schema instanceof ArraySchema) return 'list(string)';
  if (schema instanceof RecordSchema) return 'map(string)';
  if (schema instanceof BooleanSchema) return 'bool';
  if (schema instanceof IntegerSchema) return 'number';
  return 'string';
}

/** An input while the interface is built: its validations are added field by field. */
type InputUnderway = Omit<ModuleInput, 'validations'> & { validations: ModuleValidation[] };

/** The module interface of a loaded spec. */
export function moduleInterfaceOf(loaded: LoadedSpec): ModuleInterface {
  const { spec } = loaded;
  const declared = spec.variables;
  const inputs = new Map<string, InputUnderway>();
  for (const [name, variable] of Object.entries(declared)) {
    const uses = spec.variableUses.filter((use) => use.names.includes(name));
    const fields = [...new Set(uses.map((use) => fieldInWords(spec, use.fieldPath)))];
    inputs.set(name, {
      name,
      type: variable.type,
      description:
        variable.description ??
        (fields.length ? `Fills ${fields.slice(0, 3).join(', ')}${fields.length > 3 ? ` and ${fields.length - 3} more` : ''}.` : 'Not used by any field.'),
      required: variable.default === undefined,
      ...(variable.default !== undefined ? { default: variable.default } : {}),
      value: valueOfVariable(variable),
      validations: variable.validation.map(({ condition, message, rejects }) => ({ condition, message, rejects })),
    });
  }

  const bindings: VariableUse[] = [...spec.variableUses];
  const listed = spec.profiles.filter((profile) => profile.fieldPath[0] === 'profiles');
  const prefixed = spec.profiles.length > 1;
  const switches = profileSwitchesOf(spec, listed, prefixed);
  for (const profile of listed) {
    const usedAt = new Set(
      spec.variableUses.filter((use) => isWithin(use.fieldPath, profile.fieldPath)).map((use) => use.fieldPath.slice(profile.fieldPath.length).join('.')),
    );
    const profileSwitch = switches.get(profile.fieldPath.join('.'));
    if (profileSwitch?.create && !inputs.has(profileSwitch.create)) inputs.set(profileSwitch.create, createInput(profileSwitch.create, profile));
    for (const open of openFields(profile, (field) => usedAt.has(field.join('.')), profileSwitch?.adoptInput !== undefined)) {
      const name = prefixed ? `${terraformName(profile.instanceProfile.name)}_${open.input}` : open.input;
      if (open.follows) {
        bindings.push({ fieldPath: [...profile.fieldPath, ...open.field], template: `{{var.${name}}}`, names: [name], whole: true });
        continue;
      }
      if (inputs.has(name)) continue;
      inputs.set(name, { name, type: open.type, description: open.description, required: false, default: open.default, value: open.default, validations: [] });
      bindings.push({ fieldPath: [...profile.fieldPath, ...open.field], template: `{{var.${name}}}`, names: [name], whole: true });
    }
  }
  const tagsInput = declared[TAGS_INPUT] ? undefined : TAGS_INPUT;
  if (tagsInput) {
    inputs.set(tagsInput, {
      name: tagsInput,
      type: 'map(string)',
      description: 'Tags added to every resource of the module (policies, roles, instance profiles, new instances).',
      required: false,
      default: {},
      value: {},
      validations: [],
    });
  }

  addFieldValidations(profileBindings(spec, bindings), inputs, switches);
  const fleets = moduleFleetsOf(spec);
  const profileCount = spec.profiles.filter((profile) => !isFleetModuleItem({ fleets }, profile)).length;
  return {
    name: spec.module.name ?? spec.stack,
    inputs: [...inputs.values()],
    bindings,
    tagsInput,
    flatOutputs: profileCount === 1 && !fleets.length,
    fleets,
    switches,
  };
}

/** A field the module's inputs fill in one of its profiles: the variable use, the profile, and the field's path inside the profile. */
interface ProfileBinding {
  readonly binding: VariableUse;
  readonly profile: ResolvedProfileSpec;
  readonly relative: ReadonlyArray<string | number>;
}

/** The bindings that fill a field of a profile in the module: expectations and suppressions are the checks' own, not the module's. */
function profileBindings(spec: ResolvedSpec, bindings: readonly VariableUse[]): ProfileBinding[] {
  const profiles = new Map(spec.profiles.map((profile) => [profile.fieldPath.join('.'), profile]));
  return bindings.flatMap((binding) => {
    const profile = profiles.get(profileKeyOf(binding.fieldPath));
    const relative = profile ? binding.fieldPath.slice(profile.fieldPath.length) : [];
    return profile && relative[0] !== 'expectations' && relative[0] !== 'suppressions' ? [{ binding, profile, relative }] : [];
  });
}

/**
 * Adds to each input the validations of the rules of the fields it fills (see `field-rules.ts`),
 * once per condition; the id of an instance that an environment launches instead also takes "".
 */
function addFieldValidations(
  bindings: readonly ProfileBinding[],
  inputs: ReadonlyMap<string, InputUnderway>,
  switches: ReadonlyMap<string, ProfileSwitch>,
): void {
  const fieldCount = new Map<string, number>();
  for (const { binding } of bindings) for (const name of binding.names) fieldCount.set(name, (fieldCount.get(name) ?? 0) + 1);
  for (const filled of bindings) {
    const { binding, profile, relative } = filled;
    const schema = profileFieldSchema(relative, profile);
    for (const name of binding.names) {
      const input = inputs.get(name)!;
      const subject = ruleSubject(name, filled, inputs, fieldCount.get(name)! > 1);
      const found = binding.whole ? fieldValidations(schema, subject) : schema instanceof StringSchema ? stringValidations(schema.rules, subject) : [];
      const launches = switches.get(profile.fieldPath.join('.'))?.adoptInput === name && relative.join('.') === 'instance.existingId';
      for (const validation of launches ? admittingEmpty(found, name) : found) {
        if (!input.validations.some((known) => known.condition === validation.condition)) input.validations.push(validation);
      }
    }
  }
}

/**
 * A field a variable fills, as the module's user knows it: the argument of the resource
 * (`the IAM role's name`), with the instance profile it belongs to when the spec has several;
 * the spec's field path where no argument names it.
 */
function fieldInWords(spec: ResolvedSpec, fieldPath: ReadonlyArray<string | number>): string {
  const profile = spec.profiles.find((candidate) => isWithin(fieldPath, candidate.fieldPath));
  const relative = profile ? fieldPath.slice(profile.fieldPath.length) : [];
  // Inside a policy document the path is the document's, not an argument's.
  const document = relative.indexOf('document');
  const argument = profile && argumentNameOf(document >= 0 ? relative.slice(0, document + 1) : relative);
  const named = argument && document >= 0 ? `${argument} document` : argument;
  if (!profile || !named) return formatFieldPath(fieldPath);
  const owner = profile.instanceProfile.name;
  return spec.profiles.length > 1 && !owner.includes('{{') ? `${named} of ${owner}` : named;
}

/** How the rules of a field are written on input `name`, which fills it (with the other inputs at their values); `fillsOthers` when it fills other fields too. */
function ruleSubject(name: string, { binding, relative }: ProfileBinding, inputs: ReadonlyMap<string, InputUnderway>, fillsOthers: boolean): RuleSubject {
  return {
    variable: name,
    expression: binding.whole ? `var.${name}` : templateExpression(binding.template),
    valueFor: (candidate) => replacePlaceholders(binding.template, (other) => (other === name ? candidate : String(inputs.get(other)?.value))),
    argument: argumentNameOf(relative),
    part: !binding.whole,
    fillsOthers,
    nullable: inputs.get(name)!.default === null,
  };
}

/** The profile a field path lies in: `profiles.3` or `fleets.0.items.17`. */
export function profileKeyOf(fieldPath: ReadonlyArray<string | number>): string {
  return fieldPath.slice(0, fieldPath[0] === 'profiles' ? 2 : 4).join('.');
}

/** A template as a Terraform string expression: `"{{var.team}}-writer"` → `"${var.team}-writer"`. */
function templateExpression(template: string): string {
  const marker = '\u0000';
  const names: string[] = [];
  const literal = hclString(replacePlaceholders(template, (name) => (names.push(name), marker)));
  let i = 0;
  return literal.replace(new RegExp(marker, 'g'), () => `\${var.${names[i++]}}`);
}
