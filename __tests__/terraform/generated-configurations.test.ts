import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { buildStacks } from '../../src/app';
import { InstanceProfileStack } from '../../src/constructs/instance-profile-stack';
import { planStacks } from '../../src/spec/plan-stacks';
import { loadSpec, parseSpec } from '../../src/spec/load-spec';
import { GENERATED_HEADER } from '../../src/render/generated-notice';
import { synthesize } from '../../src/pipeline/synthesize';
import { FIXTURES, defaultSpec } from '../helpers/synth';
import { attachedWhile, OFFLINE_PROVIDER, offlineWorkdir, useOfflineTerraform, validateTogether } from '../helpers/offline-terraform';
import { tempDir } from '../helpers/temp-dirs';

const terraform = useOfflineTerraform();

describe('a spec using every option', () => {
  it("plans offline (cdktf's toPlanSuccessfully matcher, attached: a plan validates first)", () => {
    const [stack] = buildStacks(Testing.app(), loadSpec(path.join(FIXTURES, 'all-options.yaml')), OFFLINE_PROVIDER);
    const outdir = Testing.fullSynth(stack);
    attachedWhile(terraform(), () => expect(outdir).toPlanSuccessfully());
  });

  it('every generated file passes terraform fmt -check, carries the header and declares its Terraform and provider: every option, an adopted instance, a fleet', () => {
    const adopted = defaultSpec();
    adopted.stack = 'adopted';
    adopted.accountId = '123456789012';
    adopted.profiles[0].adopt = true;
    adopted.profiles[0].instance = { existingId: 'i-0123456789abcdef0' };
    const dir = tempDir('fmt-');
    const files = [
      ...synthesize(loadSpec(path.join(FIXTURES, 'all-options.yaml'))),
      ...synthesize(parseSpec(adopted, 'adopted.yaml', FIXTURES)),
      ...synthesize(loadSpec(path.join(FIXTURES, 'fleet-module.yaml'))),
    ].filter(([file]) => file.endsWith('.tf'));
    expect(files.map(([file]) => file).filter((file) => file.includes('/fleets/'))).not.toEqual([]);
    for (const [file, content] of files) {
      expect({ file, header: content.split('\n')[0] }).toEqual({ file, header: `# ${GENERATED_HEADER[0]}` });
      expect({ file, version: /^  required_version = "(.*)"$/m.exec(content)?.[1] }).toEqual({ file, version: expect.stringMatching(/^>= 1\.\d+\.0$/) });
      expect({ file, source: /^      source  = "(.*)"$/m.exec(content)?.[1], constraint: /^      version = "(.*)"$/m.exec(content)?.[1] }).toEqual({
        file,
        source: 'hashicorp/aws',
        constraint: '>= 5.100.0, < 7.0.0',
      });
    }
    for (const [file, content] of files) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content);
    }
    expect(files.length).toBeGreaterThanOrEqual(2);
    expect(terraform().fmtCheck(dir, { recursive: true })).toEqual([]);
  });
});

describe('an HCP Terraform backend', () => {
  // cdktf validates a cloud block by running `terraform version` (1.1 or later): it needs Terraform, unlike the other backends.
  it('selects HCP Terraform with a workspace named after the stack', () => {
    const [stack] = buildStacks(
      Testing.app(),
      parseSpec({ stack: 'web', backend: { type: 'cloud', organization: 'acme' }, profiles: [{ role: { name: 'WebRole' } }] }, 'spec.yaml', FIXTURES),
    );
    const config = JSON.parse(Testing.synth(stack, true));
    expect(config.terraform.cloud).toEqual({ organization: 'acme', hostname: 'app.terraform.io', workspaces: { name: 'web' } });
    expect(config.terraform.backend).toBeUndefined();
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
    const plans = planStacks(loaded.spec);
    expect(plans).toHaveLength(20);
    // Only the sampled stacks are built, each synthesized once, and validated in one Terraform run.
    const sampled = Object.fromEntries(
      [0, 9, 19].map((index) => [`shard_${index}`, Testing.synth(new InstanceProfileStack(Testing.app(), plans[index].name, { plan: plans[index] }))]),
    );
    for (const json of Object.values(sampled)) expect(Object.keys(JSON.parse(json).resource.aws_iam_role)).toHaveLength(500);
    expect(validateTogether(terraform(), sampled)).toMatchObject({ valid: true, error_count: 0 });
  });
});
