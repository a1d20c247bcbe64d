import { loadSpec, parseSpec } from '../../src/spec/load-spec';
import { instanceName } from '../../src/naming';
import { synthesizeModuleLayout, synthesizeSpec } from '../../src/pipeline/synthesize';
import { moduleFilesOf } from '../helpers/module';
import { problemsOfValue } from '../helpers/spec-problems';
import { FIXTURES } from '../helpers/synth';

const profile = (name: string) => ({ role: { name: `${name}-role` }, instanceProfile: { name }, instance: { ami: 'ami-0123456789abcdef0' } });
const parse = (input: unknown) => parseSpec(input, 'spec.yaml', FIXTURES);
const MOVE_OF_BUILT_IN = 'moved {\n  from = aws_instance.s3_write_profile\n  to   = aws_instance.s3_write\n}';
/** What an earlier output declared, by folder. */
const earlier = (byFolder: Record<string, string[]>) => new Map(Object.entries(byFolder).map(([folder, addresses]) => [folder, new Set(addresses)]));
/** A flat output of the built-in example from before instances were renamed. */
const PRE_RENAME = earlier({ 'json/s3-write': ['aws_instance.s3_write_profile', 'aws_iam_role.s3_write_role', 'data.aws_partition.current'] });

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

  it("moves the state of the former name, the instance profile's, in a flat root regenerated over an output that had it (JSON and HCL)", () => {
    const { files } = synthesizeSpec(loadSpec(), undefined, { priorAddresses: PRE_RENAME });
    const json = JSON.parse(files.get('json/s3-write/main.tf.json')!);
    expect(Object.keys(json.resource.aws_instance)).toEqual(['s3_write']);
    expect(json.moved).toEqual([{ from: 'aws_instance.s3_write_profile', to: 'aws_instance.s3_write' }]);
    expect(json['//'].metadata.moved).toEqual({ aws_instance: ['s3_write'] });
    expect(files.get('hcl/s3-write/main.tf')).toContain(MOVE_OF_BUILT_IN);
    // The output keeps the instance profile's name.
    expect(Object.keys(json.output)).toEqual(['s3_write_profile']);
  });

  it('writes no move in a brand-new flat root, module or module layout, nor in a flat root or module over an output from after the rename', () => {
    const loaded = loadSpec();
    for (const prior of [undefined, earlier({ 'json/s3-write': ['aws_instance.s3_write'], '.': ['aws_instance.s3_write'] })]) {
      const { files } = synthesizeSpec(loaded, undefined, { priorAddresses: prior });
      const json = JSON.parse(files.get('json/s3-write/main.tf.json')!);
      expect(json.moved).toBeUndefined();
      expect(json['//'].metadata.moved).toBeUndefined();
      expect(files.get('hcl/s3-write/main.tf')).not.toContain('moved');
      expect(moduleFilesOf(loaded, prior).has('migrations.tf')).toBe(false);
    }
    const layout = synthesizeModuleLayout(loaded, synthesizeSpec(loaded, undefined, { fleets: 'expanded' }));
    expect([...layout].filter(([, content]) => content.includes('moved')).map(([file]) => file)).toEqual([]);
  });

  it('needs no move when the instance profile has no "profile" word', () => {
    const { files } = synthesizeSpec(parse({ stack: 's', profiles: [profile('web')] }));
    expect(files.get('hcl/s/main.tf')).toContain('resource "aws_instance" "web" {');
    expect(files.get('hcl/s/main.tf')).not.toContain('moved');
    expect(moduleFilesOf(parse({ stack: 's', profiles: [profile('web')] })).has('migrations.tf')).toBe(false);
  });

  it("puts the module's move in migrations.tf, as terraform-aws-modules do, over a module that had the former name", () => {
    const files = moduleFilesOf(loadSpec(), earlier({ '.': ['aws_instance.s3_write_profile'] }));
    expect(files.get('migrations.tf')).toBe(`${MOVE_OF_BUILT_IN}\n`);
    expect(files.get('main.tf')).not.toContain('moved');
  });

  it("chains the moves in a root calling the module over a pre-rename flat output and module: to the new name, into the module's former name, which the module moves on", () => {
    const loaded = loadSpec();
    const prior = new Map([...PRE_RENAME, ['module/s3-write', new Set(['aws_instance.s3_write_profile'])]]);
    const layout = synthesizeModuleLayout(loaded, synthesizeSpec(loaded, undefined, { fleets: 'expanded', priorAddresses: prior }), prior);
    const root = JSON.parse(layout.get('json/s3-write/main.tf.json')!);
    expect(root.moved.filter((block: { to: string }) => /aws_instance\.s3_write(_profile)?$/.test(block.to))).toEqual([
      { from: 'aws_instance.s3_write_profile', to: 'aws_instance.s3_write' },
      { from: 'aws_instance.s3_write', to: 'module.s3_write.aws_instance.s3_write_profile' },
    ]);
    expect(layout.get('module/s3-write/migrations.tf')).toBe(`${MOVE_OF_BUILT_IN}\n`);
    expect(root.moved).toContainEqual({ from: 'aws_iam_role.s3_write_role', to: 'module.s3_write.aws_iam_role.s3_write_role' });
  });

  it('moves a flat output into a new module straight to the instance, the module having no move of its own', () => {
    const loaded = loadSpec();
    const layout = synthesizeModuleLayout(loaded, synthesizeSpec(loaded, undefined, { fleets: 'expanded', priorAddresses: PRE_RENAME }), PRE_RENAME);
    const root = JSON.parse(layout.get('json/s3-write/main.tf.json')!);
    expect(root.moved).toEqual([
      { from: 'aws_instance.s3_write_profile', to: 'aws_instance.s3_write' },
      { from: 'aws_iam_role.s3_write_role', to: 'module.s3_write.aws_iam_role.s3_write_role' },
      { from: 'aws_instance.s3_write', to: 'module.s3_write.aws_instance.s3_write' },
    ]);
    expect(layout.has('module/s3-write/migrations.tf')).toBe(false);
  });

  it("moves a fleet item's instance inside a template module that had the former name, and chains the expanded form's moves in the root", () => {
    const fleet = { name: 'writers', template: profile('{{team}}-writer-profile'), items: [{ team: 'a' }, { team: 'b' }], moveExpandedState: true };
    const { files } = synthesizeSpec(parse({ stack: 'f', fleets: [fleet] }), undefined, {
      priorAddresses: earlier({ 'json/f/fleets/writers': ['aws_instance.writer_profile'] }),
    });
    expect(files.get('hcl/f/fleets/writers/main.tf')).toContain('moved {\n  from = aws_instance.writer_profile\n  to   = aws_instance.writer\n}');
    const moved = JSON.parse(files.get('json/f/main.tf.json')!).moved as Array<{ from: string; to: string }>;
    expect(moved.filter((block) => block.from.startsWith('aws_instance.a_'))).toEqual([
      { from: 'aws_instance.a_writer_profile', to: 'aws_instance.a_writer' },
      { from: 'aws_instance.a_writer', to: 'module.writers["a-writer-profile"].aws_instance.writer_profile' },
    ]);
  });

  it("writes the moves a fleet asks for (moveExpandedState) in a brand-new root, straight to a new template module's instance", () => {
    const fleet = { name: 'writers', template: profile('{{team}}-writer-profile'), items: [{ team: 'a' }], moveExpandedState: true };
    const { files } = synthesizeSpec(parse({ stack: 'f', fleets: [fleet] }));
    expect(files.get('hcl/f/fleets/writers/main.tf')).not.toContain('moved');
    const moved = JSON.parse(files.get('json/f/main.tf.json')!).moved as Array<{ from: string; to: string }>;
    expect(moved).toContainEqual({ from: 'aws_instance.a_writer_profile', to: 'aws_instance.a_writer' });
    expect(moved).toContainEqual({ from: 'aws_instance.a_writer', to: 'module.writers["a-writer-profile"].aws_instance.writer' });
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
