/**
 * Switches of the generated module, for profiles that environments deploy differently, so that
 * every environment's root calls the same module:
 * - a profile limited to some environments (`environments: [prod]`) gets a bool input,
 *   `create_<profile>` (`create` when it is the module's only profile), as terraform-aws-modules
 *   switch theirs: its resources have `count = var.create_<profile> ? 1 : 0`;
 * - a profile whose `instance.existingId` is one variable that some environment leaves empty
 *   (one instance adopted in prod, launched in dev) keeps both instances: the adopted one at the
 *   profile's instance address, with its `ignore_changes` and `prevent_destroy`, where the input
 *   holds an id, and the launched one at `<instance>_launched`, with the secure defaults, where it
 *   is `""`. Lifecycle settings cannot depend on an input, so one resource could not be both.
 *   The adopted one keeps the address a module without the switch had.
 */
import { instanceKind } from '../resource-kinds';
import { terraformName } from '../naming';
import type { ResolvedProfileSpec, ResolvedSpec } from '../spec/model';
import type { ModuleValidation } from './field-rules';

/** How a profile of the module is switched. */
export interface ProfileSwitch {
  /** The bool input that creates the profile's resources: the spec limits the profile to some environments. @default - always created */
  readonly create?: string;
  /** The input with the id of the instance to adopt, where `""` launches a new one instead. @default - the instance is what the spec has */
  readonly adoptInput?: string;
}

/** Terraform name suffix of the instance a launch-or-adopt profile launches where its input is `""`. */
const LAUNCHED_SUFFIX = '_launched';

/** The switches of the listed profiles that need one, by profile key (`profiles.1`). */
export function profileSwitchesOf(spec: ResolvedSpec, listed: readonly ResolvedProfileSpec[], prefixed: boolean): Map<string, ProfileSwitch> {
  const switches = new Map<string, ProfileSwitch>();
  for (const profile of listed) {
    const create = profile.environments ? (prefixed ? `create_${terraformName(profile.instanceProfile.name)}` : 'create') : undefined;
    const adoptInput = emptiedAdoptInput(spec, profile);
    if (create || adoptInput) switches.set(profile.fieldPath.join('.'), { create, adoptInput });
  }
  return switches;
}

/** The variable that fills the profile's `instance.existingId` as a whole, when its default or some environment's value is `""`. */
function emptiedAdoptInput(spec: ResolvedSpec, profile: ResolvedProfileSpec): string | undefined {
  if (!profile.instance) return undefined;
  const field = [...profile.fieldPath, 'instance', 'existingId'].join('.');
  const use = spec.variableUses.find((candidate) => candidate.whole && candidate.fieldPath.join('.') === field);
  if (!use) return undefined;
  const [name] = use.names;
  const emptied = spec.variables[name]?.default === '' || Object.values(spec.environments).some((environment) => environment.variables[name] === '');
  return emptied ? name : undefined;
}

/** The bool input that creates a profile limited to some environments. */
export function createInput(name: string, profile: ResolvedProfileSpec) {
  return {
    name,
    type: 'bool' as const,
    description: `Whether to create instance profile ${profile.instanceProfile.name} and its role, policies and instance (the spec has it in ${profile.environments!.join(', ')} only).`,
    required: false,
    default: true,
    value: true,
    validations: [] as ModuleValidation[],
  };
}

/** The validations of an adopted instance's id that also let `""` through (it launches a new instance), with the ones that reject `""` left out. */
export function admittingEmpty(validations: readonly ModuleValidation[], input: string): ModuleValidation[] {
  return validations
    .filter((validation) => validation.rejects !== '')
    .map((validation) => ({
      ...validation,
      condition: `var.${input} == "" || ${validation.condition}`,
      message: `${validation.message.replace(/\.$/, '')}, or "" to launch a new instance.`,
    }));
}

/** Terraform name of the instance a launch-or-adopt profile launches, beside the adopted one at `instance`. */
export function launchedInstanceName(instance: string): string {
  return `${instance}${LAUNCHED_SUFFIX}`;
}

/**
 * The address of a profile's resource in the module, from its address without the switches
 * (`aws_iam_role.reader`): its one instance (`[0]`) when the profile is switched, and, for the
 * instance of a launch-or-adopt profile, the launched one when `launches`.
 */
export function switchedAddress(address: string, profileSwitch: ProfileSwitch | undefined, launches: boolean): string {
  if (!profileSwitch) return address;
  const isInstance = address.startsWith(`${instanceKind.type}.`);
  if (!isInstance) return profileSwitch.create ? `${address}[0]` : address;
  if (!profileSwitch.adoptInput) return `${address}[0]`;
  return launches ? `${launchedInstanceName(address)}[0]` : `${address}[0]`;
}
