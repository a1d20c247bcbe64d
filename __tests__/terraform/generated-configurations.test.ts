import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { buildStacks } from '../../src/app';
import { MODULE_USAGE_EXAMPLE } from '../../src/module/module-docs';
import { loadSpec, parseSpec } from '../../src/spec/load-spec';
import { synthesize, synthesizeModule } from '../../src/synth/synthesize';
import { FIXTURES, defaultSpec } from '../helpers/synth';
import { OFFLINE_PROVIDER, OFFLINE_PROVIDER_OVERRIDE, offlineWorkdir, useOfflineTerraform } from '../helpers/offline-terraform';
import { tempDir } from '../helpers/temp-dirs';

const terraform = useOfflineTerraform();

describe('a spec using every option', () => {
  it('is valid Terraform and plans offline (cdktf matchers)', () => {
    const [stack] = buildStacks(Testing.app(), loadSpec(path.join(FIXTURES, 'all-options.yaml')), OFFLINE_PROVIDER);
    const synthesized = Testing.fullSynth(stack);
    expect(synthesized).toBeValidTerraform();
    expect(synthesized).toPlanSuccessfully();
  });

  it('passes terraform fmt -check, with the module and an adopted existing instance', () => {
    const adopted = defaultSpec();
    adopted.stack = 'adopted';
    adopted.accountId = '123456789012';
    adopted.profiles[0].adopt = true;
    adopted.profiles[0].instance = { existingId: 'i-0123456789abcdef0' };
    const dir = tempDir('fmt-');
    const files = [
      ...synthesize(loadSpec(path.join(FIXTURES, 'all-options.yaml'))),
      ...[...synthesizeModule()].map(([file, content]): [string, string] => [`module/${file}`, content]),
      ...synthesize(parseSpec(adopted, 'adopted.yaml', FIXTURES)),
    ].filter(([file]) => file.endsWith('.tf'));
    for (const [file, content] of files) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content);
    }
    expect(files.length).toBeGreaterThanOrEqual(3);
    expect(terraform().fmtCheck(dir, { recursive: true })).toEqual([]);
  });
});

describe('an existing instance and adopted resources', () => {
  it('validate with their import blocks', () => {
    const spec = defaultSpec();
    spec.accountId = '123456789012';
    spec.profiles[0].adopt = true;
    spec.profiles[0].instance = { existingId: 'i-0123456789abcdef0' };
    const dir = offlineWorkdir(synthesize(parseSpec(spec, 'spec.yaml', FIXTURES)), 'hcl/s3-write');
    expect(fs.readFileSync(path.join(dir, 'main.tf'), 'utf8')).toContain('import {');
    terraform().init(dir);
    expect(terraform().validate(dir)).toMatchObject({ valid: true, error_count: 0, warning_count: 0 });
  });
});

describe('the reusable module', () => {
  const files = synthesizeModule();

  /** A root module that calls the generated module as the README shows. */
  function consumer(moduleCall: string): string {
    const dir = tempDir('consumer-');
    const moduleDir = path.join(dir, 'generated', 'module', 's3-writer');
    fs.mkdirSync(moduleDir, { recursive: true });
    fs.writeFileSync(path.join(moduleDir, 'main.tf'), files.get('main.tf')!);
    fs.writeFileSync(path.join(dir, 'main.tf'), `provider "aws" {\n  region = "us-east-1"\n}\n\n${moduleCall}\n`);
    fs.writeFileSync(path.join(dir, 'offline_override.tf'), OFFLINE_PROVIDER_OVERRIDE);
    terraform().init(dir);
    return dir;
  }

  it('has no provider or backend block', () => {
    const main = files.get('main.tf')!;
    expect(main).not.toMatch(/^provider |backend "|^\s+cloud \{/m);
  });

  it('is consumed by a root module: init, validate and plan', () => {
    const dir = consumer(MODULE_USAGE_EXAMPLE);
    expect(terraform().validate(dir)).toMatchObject({ valid: true, error_count: 0 });
    terraform().plan(dir, 'plan.out');
    const changes = terraform().showJson(dir, 'plan.out').resource_changes ?? [];
    expect(changes.map((change) => change.address).sort()).toEqual([
      'module.s3_writer.aws_iam_instance_profile.this',
      'module.s3_writer.aws_iam_policy.bucket_write',
      'module.s3_writer.aws_iam_role.this',
      'module.s3_writer.aws_iam_role_policy_attachment.bucket_write',
      'module.s3_writer.aws_instance.this',
    ]);
    const policy = changes.find((change) => change.address === 'module.s3_writer.aws_iam_policy.bucket_write')!;
    expect(JSON.parse((policy.change.after as { policy: string }).policy).Statement[0].Resource).toEqual([
      'arn:aws:s3:::instance-profile-test1/*',
      'arn:aws:s3:::instance-profile-test1',
    ]);
  });

  it("rejects an invalid bucket name with the variable's own message", () => {
    const dir = consumer(MODULE_USAGE_EXAMPLE.replace('instance-profile-test1', 'Not_A_Bucket'));
    expect(() => terraform().plan(dir, 'plan.out')).toThrow(/bucket_name must be a valid S3 bucket name/);
  });
});

describe('a 10,000-profile fleet split 500 per stack', () => {
  it('makes 20 stacks; a sample of three (first, middle, last) passes terraform validate', () => {
    const items = Array.from({ length: 10_000 }, (_, i) => ({ team: `team${i}` }));
    const loaded = parseSpec(
      {
        stack: 'fleet',
        sharding: { profilesPerStack: 500 },
        fleets: [{ template: { role: { name: '{{team}}-writer', managedPolicies: ['AmazonSSMManagedInstanceCore'] } }, items }],
      },
      'fleet.yaml',
      FIXTURES,
    );
    const stacks = buildStacks(Testing.app(), loaded);
    expect(stacks.map((stack) => stack.node.id)).toHaveLength(20);
    for (const index of [0, 9, 19]) {
      const stack = stacks[index];
      const dir = tempDir(`shard-${index}-`);
      fs.writeFileSync(path.join(dir, 'main.tf.json'), Testing.synth(stack));
      fs.writeFileSync(path.join(dir, 'offline_override.tf'), OFFLINE_PROVIDER_OVERRIDE);
      terraform().init(dir);
      expect(terraform().validate(dir)).toMatchObject({ valid: true, error_count: 0 });
      expect(Object.keys(JSON.parse(Testing.synth(stack)).resource.aws_iam_role)).toHaveLength(500);
    }
  });
});
