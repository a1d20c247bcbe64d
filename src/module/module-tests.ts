/**
 * The native Terraform tests written into every generated module (`terraform test`, offline):
 * - `tests/module.tftest.hcl` runs on a mock AWS provider: a plan and an apply (which Terraform
 *   then destroys) asserting what the walkthrough relies on, and plans that must fail, in which
 *   every validation block rejects a value (`expect_failures`);
 * - `tests/default_tags.tftest.hcl` plans with a real provider block and fake credentials,
 *   because mock providers drop `default_tags`: tags reach every resource's `tags_all`.
 * The expected values are the spec's own, with the inputs at their test values.
 */
import { managedPolicyArn } from '../constructs/managed-policy-arn';
import { type ProfileNames, profileNames } from '../constructs/profile-resources';
import type { BoundFleet, BoundFleetItem } from '../fleet/fleet-template';
import { terraformName } from '../naming';
import { FLEET_MODULE_SOURCE } from './module-stack';
import { attachmentKind, instanceKind, INSTANCE_LAUNCH_DEFAULTS, instanceProfileKind, partitionKind, policyKind, roleKind } from '../resource-kinds';
import { dnsSuffixOf } from '../facts/aws-regions';
import { partitionOfRegion } from '../partition';
import type { ResolvedProfileSpec, ResolvedSpec } from '../spec/model';
import { formatHcl } from '../render/format-hcl';
import { offlineProviderLines } from '../terraform/offline-provider';
import { hclKey, hclLiteral, hclString } from '../render/hcl-text';
import { isFleetModuleItem, type ModuleInterface } from './module-interface';
import { type ProfileSwitch, switchedAddress } from './profile-switches';

/** Account id of the mocked ARNs. */
const MOCK_ACCOUNT = '123456789012';

/** Tags the default-tags test gives the provider when the spec has none. */
const TEST_DEFAULT_TAGS = { ManagedBy: 'terraform-test' };

/** Tags the tests give the module's tags input. */
const TEST_TAGS = { TestedBy: 'terraform-test' };

/** The module's resources, as the tests aim at them. */
export interface ModuleResources {
  /** Every resource address (`aws_iam_role.s3_write_role`). */
  readonly addresses: readonly string[];
  /** Those with `prevent_destroy`, which the tests' teardown could not destroy: the apply run leaves them out. */
  readonly protectedAddresses: readonly string[];
}

/** The test files, by path inside the module. */
export function moduleTestFiles(spec: ResolvedSpec, moduleInterface: ModuleInterface, resources: ModuleResources): Map<string, string> {
  const id = partitionOfRegion(spec.region);
  const partition = { id, dnsSuffix: dnsSuffixOf(id) };
  const files = new Map<string, string>();
  files.set('tests/module.tftest.hcl', formatHcl(mockedTests(spec, moduleInterface, partition, resources)));
  files.set('tests/default_tags.tftest.hcl', formatHcl(defaultTagsTest(spec, moduleInterface)));
  return files;
}

/**
 * The profiles the tests assert on: every listed profile, and the first and the last item of
 * each fleet (its items share one template, and a test per item would grow with the fleet).
 */
function testedProfiles(profiles: readonly ResolvedProfileSpec[], moduleInterface: ModuleInterface): ResolvedProfileSpec[] {
  const fleets = new Map<string, ResolvedProfileSpec[]>();
  const tested: ResolvedProfileSpec[] = [];
  for (const profile of profiles) {
    // The items of a fleet module are tested on the template module (see fleetTemplateRuns).
    if (isFleetModuleItem(moduleInterface, profile)) continue;
    if (profile.fieldPath[0] !== 'fleets') tested.push(profile);
    else {
      const items = fleets.get(String(profile.fieldPath[1])) ?? [];
      items.push(profile);
      fleets.set(String(profile.fieldPath[1]), items);
    }
  }
  for (const items of fleets.values()) tested.push(...new Set([items[0], items[items.length - 1]]));
  return tested;
}

/** The first and the last item of a fleet module: what its tests give the module and assert on. */
function sampleItems(bound: BoundFleet): BoundFleetItem[] {
  return [...new Set([bound.items[0], bound.items[bound.items.length - 1]])];
}

/** The inputs that need a value: the required ones, at their example values, and each fleet module's sample items. */
function requiredValues(moduleInterface: ModuleInterface, extra: Record<string, unknown> = {}): string {
  const entries = [
    ...moduleInterface.inputs.filter((input) => input.required).map((input) => [input.name, input.value] as const),
    ...moduleInterface.fleets.map(({ bound, input }) => [input, Object.fromEntries(sampleItems(bound).map((item) => [item.key, item.values]))] as const),
  ];
  const all = [...entries, ...Object.entries(extra)];
  return all.length ? `variables {\n${all.map(([name, value]) => `${hclKey(name)} = ${hclLiteral(value)}`).join('\n')}\n}\n` : '';
}

interface Partition {
  readonly id: string;
  readonly dnsSuffix: string;
}

function mockedTests(spec: ResolvedSpec, moduleInterface: ModuleInterface, partition: Partition, resources: ModuleResources): string {
  const arn = (service: string, resource: string) => `arn:${partition.id}:${service}::${MOCK_ACCOUNT}:${resource}`;
  const out: string[] = [
    '# Runs offline: `terraform init && terraform test`. Generated with the module; do not edit.',
    '',
    'mock_provider "aws" {',
    `mock_data "${partitionKind.type}" {`,
    `defaults = ${hclLiteral({ id: partition.id, partition: partition.id, dns_suffix: partition.dnsSuffix, reverse_dns_prefix: partition.dnsSuffix.split('.').reverse().join('.') })}`,
    '}',
    ...mockResource(policyKind.type, arn('iam', 'policy/mock')),
    ...mockResource(roleKind.type, arn('iam', 'role/mock')),
    ...mockResource(instanceProfileKind.type, arn('iam', 'instance-profile/mock')),
    ...mockResource(instanceKind.type, `arn:${partition.id}:ec2:${spec.region}:${MOCK_ACCOUNT}:instance/i-0123456789abcdef0`),
    '}',
    '',
  ];
  for (const profile of spec.profiles) {
    const adoptInput = switchOf(moduleInterface, profile)?.adoptInput;
    const existingId = profile.instance?.existingId ?? (adoptInput && adoptedTestId(spec, adoptInput));
    if (existingId === undefined) continue;
    out.push('override_resource {', `target = ${instanceKind.type}.${profileNames(profile).instance}`, `values = ${hclLiteral({ id: existingId })}`, '}', '');
  }
  out.push(requiredValues(moduleInterface));
  const tested = testedProfiles(spec.profiles, moduleInterface);
  const assertions = tested.flatMap((profile) => profileAssertions(profile, partition, profileNames(profile), addressIn(moduleInterface, profile)));
  out.push(run('plan', 'plan', assertions));
  const { protectedAddresses } = resources;
  const applied = (assertion: Assertion) => !protectedAddresses.some((address) => new RegExp(`\\b${address.replace('.', '\\.')}\\b`).test(assertion.condition));
  const targets = protectedAddresses.length ? resources.addresses.filter((address) => !protectedAddresses.includes(address)) : undefined;
  out.push(
    run(
      'apply',
      'apply',
      [...assertions.filter(applied), ...(targets ? [] : [...outputAssertions(tested, moduleInterface), ...fleetOutputAssertions(moduleInterface)])],
      targets,
    ),
  );
  out.push(...fleetTemplateRuns(moduleInterface, partition));
  out.push(...switchRuns(spec, tested, moduleInterface, partition));
  out.push(...validationRuns(moduleInterface));
  return out.join('\n');
}

/** The switches of a profile of the module, if it has any. */
function switchOf(moduleInterface: ModuleInterface, profile: ResolvedProfileSpec): ProfileSwitch | undefined {
  return moduleInterface.switches.get(profile.fieldPath.join('.'));
}

/** Where the tests find a profile's resources, and whether its instance is launched (else adopted). */
interface Placement {
  readonly at: (address: string) => string;
  readonly launches: boolean;
}

/** Where the tests find a profile's resources (see `switchedAddress`), its switches at their test values; `launches` overrides whether its instance is launched. */
function addressIn(moduleInterface: ModuleInterface, profile: ResolvedProfileSpec, launches?: boolean): Placement {
  const profileSwitch = switchOf(moduleInterface, profile);
  const adoptValue = profileSwitch?.adoptInput && moduleInterface.inputs.find((input) => input.name === profileSwitch.adoptInput)?.value;
  const launched = launches ?? (profileSwitch?.adoptInput ? adoptValue === '' : profile.instance?.existingId === undefined);
  return { at: (address) => switchedAddress(address, profileSwitch, launched), launches: launched };
}

/** The id a test adopts through a launch-or-adopt input: an environment's, else a well-formed one. */
function adoptedTestId(spec: ResolvedSpec, input: string): string {
  const given = Object.values(spec.environments)
    .map((environment) => environment.variables[input])
    .find((value): value is string => typeof value === 'string' && value !== '');
  return given ?? 'i-0123456789abcdef0';
}

/**
 * Plans with each switch turned the other way: a profile limited to some environments switched
 * off has no resources and null outputs; a launch-or-adopt profile given an id adopts that
 * instance and launches none (and given `""`, the reverse, when its test value is an id).
 */
function switchRuns(spec: ResolvedSpec, tested: readonly ResolvedProfileSpec[], moduleInterface: ModuleInterface, partition: Partition): string[] {
  const runs: string[] = [];
  for (const profile of tested) {
    const profileSwitch = switchOf(moduleInterface, profile);
    if (!profileSwitch) continue;
    const names = profileNames(profile);
    const label = names.output;
    if (profileSwitch.create) {
      const unswitched = profileAddresses(profile, names);
      const output = moduleInterface.flatOutputs ? 'output.role_arn' : `output.${names.output}.role_arn`;
      const assertions = [
        ...unswitched.map((address) => ({
          condition: `length(${address}) == 0`,
          message: `With ${profileSwitch.create} = false, the module must not create ${address}.`,
        })),
        {
          condition: `${output} == null`,
          message: `With ${profileSwitch.create} = false, the module must output no role for ${profile.instanceProfile.name}.`,
        },
      ];
      runs.push(run(`without_${label}`, 'plan', assertions, undefined, undefined, { [profileSwitch.create]: false }));
    }
    if (profileSwitch.adoptInput) {
      const input = moduleInterface.inputs.find((candidate) => candidate.name === profileSwitch.adoptInput)!;
      const launchesByDefault = input.value === '';
      const value = launchesByDefault ? adoptedTestId(spec, input.name) : '';
      const where = addressIn(moduleInterface, profile, !launchesByDefault);
      const instance = `${instanceKind.type}.${names.instance}`;
      const other = switchedAddress(instance, profileSwitch, launchesByDefault).replace(/\[0\]$/, '');
      const assertions = [
        ...profileAssertions(profile, partition, names, where).filter((assertion) => assertion.condition.includes(where.at(instance))),
        { condition: `length(${other}) == 0`, message: `With ${input.name} = ${JSON.stringify(value)}, the module must not have ${other}.` },
      ];
      runs.push(run(`${launchesByDefault ? 'adopting' : 'launching'}_${label}`, 'plan', assertions, undefined, undefined, { [input.name]: value }));
    }
  }
  return runs;
}

/** The addresses of a profile's resources, without switches. */
function profileAddresses(profile: ResolvedProfileSpec, names: ProfileNames): string[] {
  return [
    `${roleKind.type}.${names.chain.role}`,
    `${instanceProfileKind.type}.${names.chain.instanceProfile}`,
    ...profile.policies.map((policy) => `${policyKind.type}.${names.chain.policy(policy.name)}`),
    ...[...profile.policies.map((policy) => policy.name), ...profile.role.managedPolicies].map(
      (policy) => `${attachmentKind.type}.${names.chain.attachment(policy)}`,
    ),
    ...(profile.instance ? [`${instanceKind.type}.${names.instance}`] : []),
  ];
}

/**
 * Plans that must fail: the n-th run gives every input its n-th rejected value, and expects each
 * of those inputs to fail its validation, so every validation block is exercised once.
 */
function validationRuns(moduleInterface: ModuleInterface): string[] {
  const rounds = Math.max(0, ...moduleInterface.inputs.map((input) => input.validations.length));
  return Array.from({ length: rounds }, (_, round) => {
    const inputs = moduleInterface.inputs.filter((input) => input.validations.length > round);
    return [
      `run ${hclString(`invalid_inputs_${round + 1}`)} {`,
      'command = plan',
      `variables {\n${inputs.map((input) => `${input.name} = ${hclLiteral(input.validations[round].rejects)}`).join('\n')}\n}`,
      `expect_failures = [\n${inputs.map((input) => `var.${input.name},`).join('\n')}\n]`,
      '}',
      '',
    ].join('\n');
  });
}

function mockResource(type: string, arn: string): string[] {
  return [`mock_resource ${hclString(type)} {`, `defaults = ${hclLiteral({ arn })}`, '}'];
}

interface Assertion {
  readonly condition: string;
  readonly message: string;
}

/** A run block; `targets` limits an apply to those resources (and what they depend on); `module` runs another module than the one under test. */
function run(
  name: string,
  command: 'plan' | 'apply',
  assertions: readonly Assertion[],
  targets?: readonly string[],
  module?: { readonly source: string; readonly variables: Readonly<Record<string, string>> },
  variables?: Readonly<Record<string, unknown>>,
): string {
  const body = assertions.map((assertion) => `assert {\ncondition = ${assertion.condition}\nerror_message = ${hclString(assertion.message)}\n}`);
  const options = targets
    ? [
        '# Resources with prevent_destroy are left out: the teardown after the run could not destroy them.',
        'plan_options {',
        `target = [\n${targets.map((target) => `${target},`).join('\n')}\n]`,
        '}',
        '',
      ]
    : [];
  const target = module
    ? [
        'module {',
        `source = ${hclString(module.source)}`,
        '}',
        `variables {\n${Object.entries(module.variables)
          .map(([key, value]) => `${hclKey(key)} = ${hclString(value)}`)
          .join('\n')}\n}`,
        '',
      ]
    : [];
  const values = variables
    ? [
        `variables {\n${Object.entries(variables)
          .map(([key, value]) => `${hclKey(key)} = ${hclLiteral(value)}`)
          .join('\n')}\n}`,
        '',
      ]
    : [];
  return [`run ${hclString(name)} {`, `command = ${command}`, '', ...target, ...values, ...options, ...body, '}', ''].join('\n');
}

/** The walkthrough's guarantees for one profile, in Terraform's own terms. */
function profileAssertions(
  profile: ResolvedProfileSpec,
  partition: Partition,
  names: ProfileNames = profileNames(profile),
  where: Placement = { at: (address) => address, launches: profile.instance?.existingId === undefined },
): Assertion[] {
  const { at } = where;
  const role = at(`${roleKind.type}.${names.chain.role}`);
  const instanceProfile = at(`${instanceProfileKind.type}.${names.chain.instanceProfile}`);
  const profileName = profile.instanceProfile.name;
  const json = (value: unknown) => `jsondecode(${hclString(JSON.stringify(value))})`;
  const assertions: Assertion[] = [
    { condition: `${instanceProfile}.role == ${role}.name`, message: `Instance profile ${profileName} must carry role ${profile.role.name}.` },
    profile.role.trustPolicy
      ? {
          condition: `jsondecode(${role}.assume_role_policy) == ${json(profile.role.trustPolicy)}`,
          message: `Role ${profile.role.name} must have the spec's trust policy.`,
        }
      : {
          condition: `jsondecode(${role}.assume_role_policy).Statement[0].Principal.Service == ${hclString(`ec2.${partition.dnsSuffix}`)}`,
          message: `Role ${profile.role.name} must trust ec2.${partition.dnsSuffix} only.`,
        },
  ];
  if (profile.role.permissionsBoundary) {
    const boundary = managedPolicyArn(profile.role.permissionsBoundary, partition.id);
    assertions.push({
      condition: `${role}.permissions_boundary == ${hclString(boundary)}`,
      message: `Role ${profile.role.name} must have permissions boundary ${boundary}.`,
    });
  }
  for (const policy of profile.policies) {
    const address = at(`${policyKind.type}.${names.chain.policy(policy.name)}`);
    const statements = ([] as Array<Record<string, unknown>>).concat((policy.document.Statement ?? []) as Array<Record<string, unknown>>);
    assertions.push(
      {
        condition: `[for statement in jsondecode(${address}.policy).Statement : lookup(statement, "Resource", null)] == ${json(statements.map((statement) => statement.Resource ?? null))}`,
        message: `Policy ${policy.name} must grant on the spec's resources only.`,
      },
      { condition: `jsondecode(${address}.policy) == ${json(policy.document)}`, message: `Policy ${policy.name} must be the spec's document.` },
      {
        condition: `${at(`${attachmentKind.type}.${names.chain.attachment(policy.name)}`)}.role == ${role}.name`,
        message: `Policy ${policy.name} must be attached to role ${profile.role.name}.`,
      },
    );
  }
  for (const managed of profile.role.managedPolicies) {
    const arn = managedPolicyArn(managed, partition.id);
    assertions.push({
      condition: `${at(`${attachmentKind.type}.${names.chain.attachment(managed)}`)}.policy_arn == ${hclString(arn)}`,
      message: `Role ${profile.role.name} must have ${arn} attached.`,
    });
  }
  const instance = profile.instance;
  if (!instance) return assertions;
  const unswitched = `${instanceKind.type}.${names.instance}`;
  const address = at(unswitched);
  assertions.push({
    condition: `${address}.iam_instance_profile == ${instanceProfile}.name`,
    message: `The instance must have instance profile ${profileName}.`,
  });
  if (!where.launches) return assertions;
  const encrypted = instance.rootVolume?.encrypted ?? INSTANCE_LAUNCH_DEFAULTS.rootVolume?.encrypted;
  assertions.push(
    { condition: `${address}.metadata_options[0].http_tokens == "required"`, message: `The instance launched with ${profileName} must require IMDSv2 tokens.` },
    {
      condition: `${address}.metadata_options[0].http_put_response_hop_limit == 1`,
      message: `The instance launched with ${profileName} must answer IMDS one hop away only.`,
    },
    {
      condition: `${address}.root_block_device[0].encrypted == ${encrypted}`,
      message: `The root volume of the instance launched with ${profileName} must be ${encrypted ? 'encrypted' : 'as the spec sets it'}.`,
    },
  );
  return assertions;
}

/** Each fleet module's output holds its sample items' instance profiles. */
function fleetOutputAssertions(moduleInterface: ModuleInterface): Assertion[] {
  return moduleInterface.fleets.flatMap(({ bound }) =>
    sampleItems(bound).map((item) => ({
      condition: `output.${bound.name}[${hclString(item.key)}].instance_profile_name == ${hclString(item.profile.instanceProfile.name)}`,
      message: `The module must output instance profile ${item.profile.instanceProfile.name} of fleets[${bound.fleet}].`,
    })),
  );
}

/**
 * The walkthrough's guarantees for each fleet module's template, run on the template module
 * itself (`module { source = … }`) with the values of the fleet's first and last items: a test
 * cannot read the resources inside a module call.
 */
function fleetTemplateRuns(moduleInterface: ModuleInterface, partition: Partition): string[] {
  return moduleInterface.fleets.flatMap(({ bound }) =>
    sampleItems(bound).map((item) =>
      run(`${bound.name}_${terraformName(item.key)}`, 'plan', profileAssertions(item.profile, partition, profileNames(item.profile, bound.naming)), undefined, {
        source: FLEET_MODULE_SOURCE(bound.name),
        variables: item.values,
      }),
    ),
  );
}

function outputAssertions(profiles: readonly ResolvedProfileSpec[], moduleInterface: ModuleInterface): Assertion[] {
  return profiles.map((profile) => {
    const output = moduleInterface.flatOutputs ? 'output.instance_profile_name' : `output.${profileNames(profile).output}.instance_profile_name`;
    return {
      condition: `${output} == ${hclString(profile.instanceProfile.name)}`,
      message: `The module must output instance profile ${profile.instanceProfile.name}.`,
    };
  });
}

/** A plan with a real provider block (fake credentials, nothing called): default tags and the tags input reach every resource. */
function defaultTagsTest(spec: ResolvedSpec, moduleInterface: ModuleInterface): string {
  const defaultTags = Object.keys(spec.defaultTags).length ? spec.defaultTags : TEST_DEFAULT_TAGS;
  const tags = moduleInterface.tagsInput ? TEST_TAGS : {};
  const expected = { ...defaultTags, ...tags };
  const assertions: Assertion[] = [];
  for (const profile of testedProfiles(spec.profiles, moduleInterface)) {
    const names = profileNames(profile);
    const where = addressIn(moduleInterface, profile);
    const addresses = [
      ...profile.policies.map((policy) => `${policyKind.type}.${names.chain.policy(policy.name)}`),
      `${roleKind.type}.${names.chain.role}`,
      `${instanceProfileKind.type}.${names.chain.instanceProfile}`,
      ...(profile.instance && where.launches ? [`${instanceKind.type}.${names.instance}`] : []),
    ].map(where.at);
    for (const address of addresses) {
      const condition = Object.entries(expected)
        .map(([key, value]) => `${address}.tags_all[${hclString(key)}] == ${hclString(String(value))}`)
        .join(' && ');
      assertions.push({ condition, message: `${address} must carry the provider's default tags${moduleInterface.tagsInput ? ' and the tags input' : ''}.` });
    }
  }
  return [
    '# Plans with a real provider block and fake credentials (nothing reaches AWS): mock providers drop',
    '# default_tags. Generated with the module; do not edit.',
    '',
    'provider "aws" {',
    `region = ${hclString(spec.region)}`,
    ...offlineProviderLines(),
    'default_tags {',
    `tags = ${hclLiteral(defaultTags)}`,
    '}',
    '}',
    '',
    requiredValues(moduleInterface, moduleInterface.tagsInput ? { [moduleInterface.tagsInput]: tags } : {}),
    run('default_tags', 'plan', assertions),
  ].join('\n');
}
