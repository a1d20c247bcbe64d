import * as path from 'path';
import { argumentNameOf, ruleMessage, type RuleSubject } from '../../src/module/field-rules';
import { moduleInterfaceOf } from '../../src/module/module-interface';
import { loadSpec, parseSpec } from '../../src/spec/load-spec';
import { moduleFilesOf } from '../helpers/module';
import { FIXTURES } from '../helpers/synth';

/** The specs of the generated modules that `terraform test` runs (see __tests__/terraform/generated-modules.test.ts). */
const MODULE_SPECS = [
  undefined,
  path.join(__dirname, '..', '..', 'examples', 'two-profiles.yaml'),
  path.join(FIXTURES, 'module-variables.yaml'),
  path.join(FIXTURES, 'all-options.yaml'),
  path.join(FIXTURES, 'fleet-module.yaml'),
];

/** A subject of the rules, whole unless `part` is given. */
function subject(overrides: Partial<RuleSubject> = {}): RuleSubject {
  return { variable: 'role_name', expression: 'var.role_name', valueFor: (candidate) => candidate, part: false, nullable: false, ...overrides };
}

describe('the argument a field of a profile sets, as a module user knows it', () => {
  it.each([
    [['role', 'name'], "the IAM role's name"],
    [['policies', 1, 'description'], "the IAM policy's description"],
    [['instanceProfile', 'name'], "the instance profile's name"],
    [['role', 'maxSessionDuration'], "the IAM role's max_session_duration"],
    [['instance', 'instanceType'], "the EC2 instance's instance_type"],
    [['instance', 'rootVolume', 'type'], "the EC2 instance's root_block_device.volume_type"],
    [['instance', 'securityGroupIds', 0], "an entry of the EC2 instance's vpc_security_group_ids"],
    [['role', 'tags', 'Team'], 'the IAM role\'s tags["Team"]'],
    // Fields that set no argument of their own are named in words.
    [['instance', 'existingId'], "the EC2 instance's existing id"],
    [['role', 'managedPolicies', 2], "an entry of the IAM role's managed policies"],
  ])('%j is %s', (fieldPath, expected) => {
    expect(argumentNameOf(fieldPath)).toBe(expected);
  });

  it('is unknown outside the resources of the profile', () => {
    expect(argumentNameOf(['expectations', 0, 'allow'])).toBeUndefined();
    expect(argumentNameOf(['role', 'noSuchField'])).toBeUndefined();
  });
});

describe('the wording of a validation message', () => {
  it('says what the variable must be when it is the whole value', () => {
    expect(ruleMessage(subject({ argument: "the IAM role's name" }), 'be 1 to 64 characters')).toBe('role_name must be 1 to 64 characters.');
  });

  it('names the argument when the variable fills others too', () => {
    expect(ruleMessage(subject({ argument: "the instance profile's name", fillsOthers: true }), 'be 1 to 128 characters')).toBe(
      "role_name, the instance profile's name, must be 1 to 128 characters.",
    );
  });

  it('says which argument, and which string, a variable is part of', () => {
    const part = subject({ variable: 'team', expression: '"${var.team}-writer"', part: true, argument: "the IAM role's name" });
    expect(ruleMessage(part, 'be 1 to 64 characters')).toBe('team is part of the IAM role\'s name ("${var.team}-writer"), which must be 1 to 64 characters.');
    expect(ruleMessage({ ...part, argument: undefined }, 'not be empty')).toBe('team is part of "${var.team}-writer", which must not be empty.');
  });

  it('speaks of every entry of a list and every value of a map', () => {
    expect(ruleMessage(subject({ variable: 'groups' }), 'be a security group id', 'entry')).toBe('Every entry of groups must be a security group id.');
    expect(ruleMessage(subject({ variable: 'labels' }), 'be at most 256 characters', 'value')).toBe('Every value of labels must be at most 256 characters.');
  });
});

describe('the validation messages of the generated modules', () => {
  it.each(MODULE_SPECS.map((spec) => [spec ? path.basename(spec) : 'the built-in example', spec]))(
    'of %s speak of the inputs, never of the spec, each a sentence',
    (_name, spec) => {
      const inputs = moduleInterfaceOf(loadSpec(spec)).inputs;
      const messages = inputs.flatMap((input) => input.validations.map(({ message }) => ({ input: input.name, message })));
      expect(messages.length).toBeGreaterThan(0);
      for (const { input, message } of messages) {
        expect(message).not.toMatch(/profiles\[|fleets\[|\{\{|The value for/);
        expect(message).toMatch(new RegExp(`^(${input}\\b|Every (entry|value) of ${input}\\b|[A-Z])`));
        expect(message).toMatch(/\.$/);
      }
    },
  );

  it('go with descriptions that name the arguments an undescribed input fills, with their instance profile, never the spec path', () => {
    const inputs = moduleInterfaceOf(loadSpec(path.join(FIXTURES, 'module-variables.yaml'))).inputs;
    expect(inputs.filter((input) => input.description.startsWith('Fills ')).map(({ description }) => description)).toEqual([
      "Fills the IAM policy's policy document of reports-writer-profile.",
      "Fills the IAM role's permissions_boundary of reports-writer-profile.",
      "Fills the EC2 instance's vpc_security_group_ids of reports-writer-profile.",
      "Fills the IAM role's max_session_duration of reports-writer-profile.",
    ]);
  });

  it('name the argument where one input fills two (a role name that is also the instance profile name)', () => {
    const inputs = moduleInterfaceOf(loadSpec(MODULE_SPECS[1])).inputs;
    expect(inputs.find((input) => input.name === 'reports_reader_role_role_name')!.validations.map(({ message }) => message)).toEqual([
      "reports_reader_role_role_name, the IAM role's name, must be 1 to 64 characters.",
      "reports_reader_role_role_name, the IAM role's name, must be made of letters, digits and +=,.@_- only.",
      "reports_reader_role_role_name, the instance profile's name, must be 1 to 128 characters.",
    ]);
  });

  it('show spec text as main.tf has it, and keep it literal: no template of the spec becomes Terraform code', () => {
    const loaded = parseSpec(
      {
        stack: 'literal',
        variables: { team: { default: 'reports' } },
        profiles: [
          {
            role: { name: 'Writer' },
            policies: [
              {
                name: 'Write',
                description: 'Costs ${file("/etc/passwd")} for {{var.team}} %{ if x }',
                document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::team-bucket/*' }] },
              },
            ],
          },
        ],
      },
      'literal.yaml',
      FIXTURES,
    );
    const team = moduleInterfaceOf(loaded).inputs.find((input) => input.name === 'team')!;
    expect(team.validations.map(({ message }) => message)).toEqual([
      'team is part of the IAM policy\'s description ("Costs $${file(\\"/etc/passwd\\")} for ${var.team} %%{ if x }"), which must be at most 1000 characters.',
    ]);
    const files = moduleFilesOf(loaded);
    expect(files.get('main.tf')).toContain('description = "Costs $${file(\\"/etc/passwd\\")} for ${var.team} %%{ if x }"');
    // Terraform reads `$$${` as `$` and a literal `${`, and `$${` as a literal `${`: it prints the string above, and evaluates nothing.
    expect(files.get('variables.tf')).toContain(
      'error_message = "team is part of the IAM policy\'s description (\\"Costs $$${file(\\\\\\"/etc/passwd\\\\\\")} for $${var.team} %%%{ if x }\\"), which must be at most 1000 characters."',
    );
  });
});
