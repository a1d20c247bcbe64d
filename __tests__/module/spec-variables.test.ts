import * as fs from 'fs';
import * as path from 'path';
import { parseSpec } from '../../src/spec/load-spec';
import { runCli } from '../helpers/run-cli';
import { problemsOf, problemsOfValue } from '../helpers/spec-problems';
import { FIXTURES } from '../helpers/synth';
import { tempDir } from '../helpers/temp-dirs';

/** A spec with one profile whose role name is `roleName`, and the given variables. */
function specWith(variables: Record<string, unknown>, roleName: string, extra: Record<string, unknown> = {}) {
  return { stack: 'vars', variables, profiles: [{ role: { name: roleName } }], ...extra };
}

describe('module variables in a spec', () => {
  it('fill placeholders with their default, else their example, and record each use', () => {
    const loaded = parseSpec(
      specWith({ team: { example: 'reports' }, env: { default: 'dev' } }, '{{var.team}}-{{ var.env }}-writer', {
        fleets: [{ template: { role: { name: '{{name}}-{{var.env}}' } }, items: [{ name: 'a' }, { name: 'b' }] }],
      }),
      'vars.yaml',
      FIXTURES,
    );
    expect(loaded.spec.profiles.map((profile) => profile.role.name)).toEqual(['reports-dev-writer', 'a-dev', 'b-dev']);
    expect(loaded.spec.variableUses).toEqual([
      { fieldPath: ['profiles', 0, 'role', 'name'], template: '{{var.team}}-{{ var.env }}-writer', names: ['team', 'env'], whole: false },
      { fieldPath: ['fleets', 0, 'items', 0, 'role', 'name'], template: 'a-{{var.env}}', names: ['env'], whole: false },
      { fieldPath: ['fleets', 0, 'items', 1, 'role', 'name'], template: 'b-{{var.env}}', names: ['env'], whole: false },
      // The instance profile name defaults to the role name, and so to the same variables.
      { fieldPath: ['profiles', 0, 'instanceProfile', 'name'], template: '{{var.team}}-{{ var.env }}-writer', names: ['team', 'env'], whole: false },
      { fieldPath: ['fleets', 0, 'items', 0, 'instanceProfile', 'name'], template: 'a-{{var.env}}', names: ['env'], whole: false },
      { fieldPath: ['fleets', 0, 'items', 1, 'instanceProfile', 'name'], template: 'b-{{var.env}}', names: ['env'], whole: false },
    ]);
  });

  it('fill a whole field with a typed value: a list, a number', () => {
    const loaded = parseSpec(
      {
        variables: { groups: { type: 'list(string)', default: ['sg-0123456789abcdef0'] }, seconds: { type: 'number', default: 7200 } },
        profiles: [
          { role: { name: 'R', maxSessionDuration: '{{var.seconds}}' }, instance: { ami: 'ami-0123456789abcdef0', securityGroupIds: '{{var.groups}}' } },
        ],
      },
      'vars.yaml',
      FIXTURES,
    );
    expect(loaded.spec.profiles[0].instance?.securityGroupIds).toEqual(['sg-0123456789abcdef0']);
    expect(loaded.spec.profiles[0].role.maxSessionDuration).toBe(7200);
  });

  it('are checked by the rules of the fields they fill, at their value', () => {
    expect(problemsOfValue(specWith({ team: { default: 'has space' } }, '{{var.team}}'))).toContain(
      'profiles.0.role.name: "has space" is not made of letters, digits and +=,.@_- only',
    );
  });

  it.each([
    [specWith({}, '{{var.tema}}'), 'profiles.0.role.name: uses {{var.tema}}, which is not declared under variables'],
    [specWith({ team: {} }, '{{var.tem}}'), 'profiles.0.role.name: uses {{var.tem}}, which is not declared under variables (did you mean "team"?)'],
    [
      specWith({ team: { description: 'no value' } }, '{{var.team}}'),
      'profiles.0.role.name: uses {{var.team}}, which has neither a default nor an example: the checks and access proofs need a value',
    ],
    [
      specWith({ tags: { type: 'map(string)', default: {} } }, 'x-{{var.tags}}'),
      'profiles.0.role.name: uses the map(string) variable tags inside a longer string; a list or a map fills a whole field',
    ],
    [
      specWith({ team: { default: 'a' } }, 'R', { region: '{{var.team}}' }),
      'region: holds a {{var.…}} placeholder, which only profiles and fleet templates take',
    ],
    [specWith({ team: { type: 'number', default: 'seven' } }, 'R'), 'variables.team.default: "seven" is not a number'],
    [
      specWith({ team: { default: 'a', validation: [{ condition: 'length(var.other) < 3', message: 'Short.', rejects: 'abcd' }] } }, 'R'),
      'variables.team.validation.0.condition: refers to var.other; a condition may read only var.team',
    ],
    [
      specWith({ team: { default: 'a', validation: [{ condition: 'length("abc") < 3', message: 'Short.', rejects: 'abcd' }] } }, 'R'),
      'variables.team.validation.0.condition: must refer to var.team',
    ],
    [
      specWith({ 'Team-Name': { default: 'a' } }, 'R'),
      'variables.Team-Name: the name "Team-Name" is not a variable name of lowercase letters, digits and _ that starts with a letter (at most 64 characters)',
    ],
    [
      { variables: { team: { default: 'a' } }, profiles: [{ role: { name: 'R', tags: { '{{var.team}}': 'x' } } }] },
      'profiles.0.role.tags.{{var.team}}: a mapping key cannot hold a {{var.…}} placeholder; use one in the value',
    ],
  ])('reject a mistake with its field and rule (%#)', (input, message) => {
    expect(problemsOfValue(input)).toContain(message);
  });

  it('fill the placeholders of a policy document file, placing each use at the document field', () => {
    const dir = tempDir('vars-');
    fs.writeFileSync(
      path.join(dir, 'doc.json'),
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::{{var.bucket}}/*' }] }),
    );
    const loaded = parseSpec(
      { variables: { bucket: { default: 'my-bucket' } }, profiles: [{ role: { name: 'R' }, policies: [{ name: 'P', document: 'file://doc.json' }] }] },
      'spec.yaml',
      dir,
    );
    expect(loaded.spec.profiles[0].policies[0].document).toMatchObject({ Statement: [{ Resource: 'arn:aws:s3:::my-bucket/*' }] });
    expect(loaded.spec.variableUses).toEqual([
      {
        fieldPath: ['profiles', 0, 'policies', 0, 'document', 'Statement', 0, 'Resource'],
        template: 'arn:aws:s3:::{{var.bucket}}/*',
        names: ['bucket'],
        whole: false,
      },
    ]);
  });

  it('report the line of the placeholder in a spec file', () => {
    const dir = tempDir('vars-');
    const file = path.join(dir, 'spec.yaml');
    fs.writeFileSync(file, 'variables:\n  team: { default: reports }\nprofiles:\n  - role:\n      name: "{{var.tema}}-writer"\n');
    expect(problemsOf(file).join('\n')).toContain(
      `${file}:5:13: profiles[0].role.name: uses {{var.tema}}, which is not declared under variables (did you mean "team"?)`,
    );
  });

  it('need a default for synth, which says so at the variable, and not for module or check', async () => {
    const cwd = tempDir('vars-');
    fs.copyFileSync(path.join(FIXTURES, 'module-variables.yaml'), path.join(cwd, 'spec.yaml'));
    const synth = await runCli(['synth', 'spec.yaml', '-o', 'out'], cwd);
    expect(synth.code).toBe(1);
    expect(synth.stderr).toContain(
      'spec.yaml:8:3: variables.team: has no default, which the flat root needs: give it one, or generate a module (module command), whose input it is',
    );
    expect(fs.existsSync(path.join(cwd, 'out'))).toBe(false);
    expect((await runCli(['check', 'spec.yaml'], cwd)).code).toBe(0);
    expect((await runCli(['module', 'spec.yaml', '-o', 'mod', '-q'], cwd)).code).toBe(0);
    expect(fs.readFileSync(path.join(cwd, 'mod/variables.tf'), 'utf8')).toMatch(
      /variable "team" \{\n  description = "Team that owns the writer."\n  type        = string\n/,
    );
  });
});
