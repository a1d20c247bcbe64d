import * as path from 'path';
import { loadSpec } from '../../src/spec/load-spec';
import { synthesize } from '../../src/pipeline/synthesize';
import { problemsOf } from '../helpers/spec-problems';
import { folderWith } from '../helpers/temp-dirs';

/** Writes files into a fresh temporary folder and returns its path. */
const tempFolder = (files: Record<string, string>): string => folderWith(files, 'load-spec-');

describe('loadSpec', () => {
  it('loads the built-in default when no file is given', () => {
    const { source, spec } = loadSpec();
    expect(source).toBe('<built-in default>');
    expect(spec.profiles[0].instanceProfile.name).toBe('S3WriteProfile');
  });

  it('accepts the same spec as YAML and as JSON', () => {
    const spec = { profiles: [{ role: { name: 'WebRole' } }] };
    const dir = tempFolder({ 'a.yaml': 'profiles:\n  - role:\n      name: WebRole\n', 'a.json': JSON.stringify(spec) });
    expect(loadSpec(path.join(dir, 'a.yaml')).spec).toEqual(loadSpec(path.join(dir, 'a.json')).spec);
  });

  it('fails if the file is missing, naming the file', () => {
    expect(problemsOf('no/such/spec.yaml')).toEqual(['no/such/spec.yaml: spec file not found']);
  });

  it('fails on bad YAML with the line and column', () => {
    const file = path.join(tempFolder({ 'bad.yaml': 'profiles:\n  - role: [unclosed\n' }), 'bad.yaml');
    const [line] = problemsOf(file);
    expect(line).toMatch(new RegExp(`^${escape(file)}:\\d+:\\d+: invalid YAML: `));
  });

  it('fails on bad JSON with the line and column', () => {
    const file = path.join(tempFolder({ 'bad.json': '{\n  "profiles": [,]\n}\n' }), 'bad.json');
    expect(problemsOf(file)[0]).toMatch(new RegExp(`^${escape(file)}:2:\\d+: invalid JSON: `));
  });

  it('fails on an unknown field, naming it with its place and a suggestion', () => {
    const file = path.join(tempFolder({ 's.yaml': 'profiles:\n  - role:\n      name: WebRole\n      maxSesionDuration: 7200\n' }), 's.yaml');
    expect(problemsOf(file)).toEqual([
      `${file}:4:7: profiles[0].role.maxSesionDuration: unknown field "maxSesionDuration" (did you mean "maxSessionDuration"?); ` +
        'allowed here: name, path, description, trustPolicy, permissionsBoundary, permissionsBoundaryDocument, maxSessionDuration, managedPolicies, inlinePolicies, tags',
    ]);
  });

  it('fails on a wrong type, naming the field and what was given', () => {
    const file = path.join(tempFolder({ 's.yaml': 'profiles:\n  - role:\n      name: WebRole\n      maxSessionDuration: "long"\n' }), 's.yaml');
    expect(problemsOf(file)).toEqual([`${file}:4:27: profiles[0].role.maxSessionDuration: expected a whole number, got "long"`]);
  });

  it('fails on a missing required field, pointing at its parent', () => {
    const file = path.join(tempFolder({ 's.yaml': 'profiles:\n  - role:\n      path: /x/\n' }), 's.yaml');
    expect(problemsOf(file)).toEqual([`${file}:2:5: profiles[0].role.name: is required`]);
  });

  it('reports every problem of a file together', () => {
    const file = path.join(
      tempFolder({ 's.yaml': 'region: Mars\nprofiles:\n  - role:\n      name: "bad name"\n    instance:\n      ami: ubuntu\n' }),
      's.yaml',
    );
    const lines = problemsOf(file);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('region: "Mars" is not an AWS region like "us-east-1"');
    expect(lines[1]).toContain('profiles[0].role.name: "bad name" is not made of letters, digits and +=,.@_- only');
    expect(lines[2]).toContain('profiles[0].instance.ami: "ubuntu" is not an AMI id');
  });

  it('fails if a policy document file is missing, naming the field and the file', () => {
    const file = path.join(
      tempFolder({ 's.yaml': 'profiles:\n  - role: { name: R }\n    policies:\n      - name: P\n        document: file://missing.json\n' }),
      's.yaml',
    );
    expect(problemsOf(file)).toEqual([
      expect.stringMatching(
        new RegExp(`^${escape(file)}:5:19: profiles\\[0\\]\\.policies\\[0\\]\\.document: policy document file "file://missing.json" not found`),
      ),
    ]);
  });

  it('fails if a policy document file is not a JSON object', () => {
    const file = path.join(
      tempFolder({ 's.yaml': 'profiles:\n  - role: { name: R }\n    policies:\n      - { name: P, document: p.json }\n', 'p.json': '["x"]' }),
      's.yaml',
    );
    expect(problemsOf(file)[0]).toContain('profiles[0].policies[0].document: policy document file "p.json" must hold a JSON object');
  });

  it('fails if two profiles use the same role name, ignoring case', () => {
    const file = path.join(tempFolder({ 's.yaml': 'profiles:\n  - role: { name: WebRole }\n  - role: { name: webrole }\n' }), 's.yaml');
    expect(problemsOf(file)[0]).toContain(
      'profiles[1].role.name: role "webrole" is already defined at profiles[0].role.name; IAM names are unique per account, ignoring case',
    );
  });

  it('fails if two names would become the same Terraform resource', () => {
    const file = path.join(tempFolder({ 's.yaml': 'profiles:\n  - role: { name: Web-Role }\n  - role: { name: Web.Role }\n' }), 's.yaml');
    expect(problemsOf(file)[0]).toContain('role "Web.Role" and "Web-Role" (profiles[0].role.name) would both be aws_iam_role.web_role; rename one');
  });

  it('rejects an absolute state path, which would tie the output to one machine', () => {
    const file = path.join(tempFolder({ 's.yaml': 'backend: { path: /var/state.tfstate }\nprofiles:\n  - role: { name: R }\n' }), 's.yaml');
    expect(problemsOf(file)[0]).toContain('backend.path: "/var/state.tfstate" is not a relative path');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('examples', () => {
  it('examples/seed/spec.yaml synthesizes what the built-in default does (which has module variables at the same values)', () => {
    const seed = loadSpec(path.join(__dirname, '..', '..', 'examples', 'seed', 'spec.yaml'));
    expect(seed.spec.variableUses).toEqual([]);
    expect(loadSpec().spec.variableUses.length).toBeGreaterThan(0);
    expect(synthesize(seed)).toEqual(synthesize(loadSpec()));
  });
});
