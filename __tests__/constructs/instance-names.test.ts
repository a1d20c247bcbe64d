import { loadSpec, parseSpec } from '../../src/spec/load-spec';
import { instanceName } from '../../src/naming';
import { synthesizeModuleLayout, synthesizeSpec } from '../../src/pipeline/synthesize';
import { moduleFilesOf } from '../helpers/module';
import { problemsOfValue } from '../helpers/spec-problems';
import { FIXTURES } from '../helpers/synth';

const profile = (name: string) => ({ role: { name: `${name}-role` }, instanceProfile: { name }, instance: { ami: 'ami-0123456789abcdef0' } });
const parse = (input: unknown) => parseSpec(input, 'spec.yaml', FIXTURES);
const MOVE_OF_BUILT_IN = 'moved {\n  from = aws_instance.s3_write_profile\n  to   = aws_instance.s3_write\n}';

describe('the Terraform name of an instance', () => {
  it.each([
    ['S3WriteProfile', 's3_write'],
    ['billing-writer-profile', 'billing_writer'],
    ['app-instance-profile', 'app'],
    ['web', 'web'],
    ['profiles', 'profiles'],
    ['InstanceProfile', 'instance'],
  ])('is %s without the word "profile": %s', (profileName, expected) => {
    expect(instanceName(profileName)).toBe(expected);
  });

  it("moves the state of the former name, the instance profile's, in the flat root (JSON and HCL)", () => {
    const { files } = synthesizeSpec(loadSpec());
    const json = JSON.parse(files.get('json/s3-write/main.tf.json')!);
    expect(Object.keys(json.resource.aws_instance)).toEqual(['s3_write']);
    expect(json.moved).toEqual([{ from: 'aws_instance.s3_write_profile', to: 'aws_instance.s3_write' }]);
    expect(files.get('hcl/s3-write/main.tf')).toContain(MOVE_OF_BUILT_IN);
    // The output keeps the instance profile's name.
    expect(Object.keys(json.output)).toEqual(['s3_write_profile']);
  });

  it('needs no move when the instance profile has no "profile" word', () => {
    const { files } = synthesizeSpec(parse({ stack: 's', profiles: [profile('web')] }));
    expect(files.get('hcl/s/main.tf')).toContain('resource "aws_instance" "web" {');
    expect(files.get('hcl/s/main.tf')).not.toContain('moved');
    expect(moduleFilesOf(parse({ stack: 's', profiles: [profile('web')] })).has('migrations.tf')).toBe(false);
  });

  it("puts the module's move in migrations.tf, as terraform-aws-modules do", () => {
    const files = moduleFilesOf(loadSpec());
    expect(files.get('migrations.tf')).toBe(`${MOVE_OF_BUILT_IN}\n`);
    expect(files.get('main.tf')).not.toContain('moved');
  });

  it("chains the moves in a root calling the module: to the new name, into the module's former name, which the module moves on", () => {
    const loaded = loadSpec();
    const root = JSON.parse(synthesizeModuleLayout(loaded, synthesizeSpec(loaded, undefined, { fleets: 'expanded' })).get('json/s3-write/main.tf.json')!);
    expect(root.moved.filter((block: { to: string }) => /aws_instance\.s3_write(_profile)?$/.test(block.to))).toEqual([
      { from: 'aws_instance.s3_write_profile', to: 'aws_instance.s3_write' },
      { from: 'aws_instance.s3_write', to: 'module.s3_write.aws_instance.s3_write_profile' },
    ]);
  });

  it("moves a fleet item's instance inside the template module, and chains the expanded form's moves in the root", () => {
    const fleet = { name: 'writers', template: profile('{{team}}-writer-profile'), items: [{ team: 'a' }, { team: 'b' }], moveExpandedState: true };
    const { files } = synthesizeSpec(parse({ stack: 'f', fleets: [fleet] }));
    expect(files.get('hcl/f/fleets/writers/main.tf')).toContain('moved {\n  from = aws_instance.writer_profile\n  to   = aws_instance.writer\n}');
    const moved = JSON.parse(files.get('json/f/main.tf.json')!).moved as Array<{ from: string; to: string }>;
    expect(moved.filter((block) => block.from.startsWith('aws_instance.a_'))).toEqual([
      { from: 'aws_instance.a_writer_profile', to: 'aws_instance.a_writer' },
      { from: 'aws_instance.a_writer', to: 'module.writers["a-writer-profile"].aws_instance.writer_profile' },
    ]);
  });

  it('refuses two instance profiles whose instances would get the same name, at the second', () => {
    expect(problemsOfValue({ profiles: [profile('web'), profile('web-profile')] })).toContainEqual(
      expect.stringContaining(
        'profiles.1.instanceProfile.name: instance profile "web-profile" and "web" (profiles[0].instanceProfile.name) would both be aws_instance.web; rename one',
      ),
    );
    // Without instances the names do not meet.
    expect(() => parse({ profiles: [{ ...profile('web'), instance: undefined }, profile('web-profile')] })).not.toThrow();
  });
});
