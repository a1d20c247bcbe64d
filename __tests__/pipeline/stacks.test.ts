import { Testing } from 'cdktf';
import { buildStacks } from '../../src/app';
import { parseSpec } from '../../src/spec/load-spec';
import { planStacks } from '../../src/spec/plan-stacks';
import { SpecError } from '../../src/spec/spec-error';
import { fleetSpec } from '../../scripts/bench/fleet-spec';
import { FIXTURES } from '../helpers/synth';

const load = (value: unknown) => parseSpec(value, 'spec.yaml', FIXTURES);
const synthAll = (value: unknown) =>
  buildStacks(Testing.app(), load(value)).map((stack) => ({ name: stack.node.id, config: JSON.parse(Testing.synth(stack, true)) }));
const problemsOf = (value: unknown): string[] => {
  try {
    load(value);
  } catch (error) {
    return (error as SpecError).message.split('\n');
  }
  throw new Error('expected the spec to be rejected');
};

const oneProfile = [{ role: { name: 'WebRole' } }];

describe('state backends', () => {
  it('selects S3 with native locking and a per-stack key by default', () => {
    const [stack] = synthAll({ stack: 'web', backend: { type: 's3', bucket: 'acme-tf-state' }, profiles: oneProfile });
    expect(stack.config.terraform.backend).toEqual({
      s3: { bucket: 'acme-tf-state', key: 'web/terraform.tfstate', region: 'us-east-1', encrypt: true, use_lockfile: true },
    });
  });

  // HCP Terraform (a cloud block) is tested in __tests__/terraform/generated-configurations.test.ts: cdktf runs `terraform version` to validate it.

  it('rejects an unknown backend type, listing the known ones', () => {
    expect(problemsOf({ backend: { type: 'gcs' }, profiles: oneProfile })).toEqual(['spec.yaml: backend.type: "gcs" is not one of "local", "s3", "cloud"']);
  });
});

describe('environments', () => {
  const spec = {
    stack: 'web',
    backend: { type: 's3', bucket: 'acme-tf-state' },
    defaultTags: { Team: 'web' },
    environments: {
      dev: { accountId: '111111111111', defaultTags: { Environment: 'dev' } },
      prod: { accountId: '222222222222', region: 'eu-west-1', defaultTags: { Environment: 'prod' } },
    },
    profiles: oneProfile,
  };

  it('makes one stack per environment, each with its own state key, account, region and tags', () => {
    const stacks = synthAll(spec);
    expect(stacks.map((stack) => stack.name)).toEqual(['web-dev', 'web-prod']);
    const [dev, prod] = stacks.map((stack) => stack.config);
    expect(dev.terraform.backend.s3.key).toBe('web-dev/terraform.tfstate');
    expect(prod.terraform.backend.s3).toMatchObject({ key: 'web-prod/terraform.tfstate', region: 'eu-west-1' });
    expect(prod.provider.aws[0]).toMatchObject({
      region: 'eu-west-1',
      allowed_account_ids: ['222222222222'],
      default_tags: [{ tags: { Team: 'web', Environment: 'prod' } }],
    });
  });

  it('rejects two environments in one account, whose IAM names would collide', () => {
    expect(problemsOf({ ...spec, environments: { dev: {}, prod: {} } })).toEqual([
      'spec.yaml: environments.prod.accountId: environments "dev" and "prod" would create the same IAM names in one account; give each environment its own accountId',
    ]);
  });

  it('rejects an S3 key that several stacks would share', () => {
    const shared = { ...spec, backend: { type: 's3', bucket: 'acme-tf-state', key: 'web.tfstate' } };
    expect(problemsOf(shared)).toEqual([
      'spec.yaml: backend.key: "web.tfstate" would be shared by 2 stacks; include {stack} so each stack keeps its own state',
    ]);
  });
});

describe('fleets and sharding', () => {
  /** The benchmark's fleet: one writer profile per team bucket; sharding removed unless a test adds it. */
  const fleet = (count: number) => {
    const { sharding: _sharding, ...spec } = fleetSpec(count) as { sharding: unknown; fleets: Array<{ items: Array<Record<string, string>> }> };
    return spec;
  };

  it('fills the template for every item', () => {
    const { spec } = load(fleet(3));
    expect(spec.profiles.map((profile) => profile.role.name)).toEqual(['team0-writer', 'team1-writer', 'team2-writer']);
    expect(spec.profiles[2].policies[0].document.Statement).toEqual([
      { Effect: 'Allow', Action: ['s3:PutObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::team2-bucket/*', 'arn:aws:s3:::team2-bucket'] },
    ]);
    expect(spec.profiles[1].fieldPath).toEqual(['fleets', 0, 'items', 1]);
  });

  it('names the item and field of a problem in a fleet', () => {
    const broken = fleet(2);
    broken.fleets[0].items[1] = { team: 'bad name', bucket: 'b' };
    expect(problemsOf(broken)).toEqual([
      'spec.yaml: fleets[0].items[1].policies[0].name: "bad name-write" is not made of letters, digits and +=,.@_- only',
      'spec.yaml: fleets[0].items[1].role.name: "bad name-writer" is not made of letters, digits and +=,.@_- only',
      'spec.yaml: fleets[0].items[1].instanceProfile.name: "bad name-writer-profile" is not made of letters, digits and +=,.@_- only',
    ]);
  });

  it('reports a placeholder an item does not fill', () => {
    const missing = fleet(1);
    missing.fleets[0].items[0] = { team: 'a' };
    expect(problemsOf(missing)[0]).toBe('spec.yaml: fleets[0].items[0]: has no "bucket", which the template uses as {{bucket}}');
  });

  it('splits 10,000 profiles 500 per stack into 20 stacks', () => {
    const plans = planStacks(load({ ...fleet(10_000), sharding: { profilesPerStack: 500 } }).spec);
    expect(plans).toHaveLength(20);
    expect(plans.map((plan) => plan.name)).toEqual(Array.from({ length: 20 }, (_, i) => `fleet-${String(i + 1).padStart(2, '0')}`));
    expect(plans.every((plan) => plan.profiles.length === 500)).toBe(true);
    expect(plans[19].profiles[499].role.name).toBe('team9999-writer');
    expect(plans.map((plan) => (plan.backend.type === 'local' ? plan.backend.path : ''))).toContain('terraform.fleet-07.tfstate');
  });
});
