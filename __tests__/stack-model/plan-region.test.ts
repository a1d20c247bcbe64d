import { plannedProviderRegion, type PlannedRegionSource } from '../../src/stack-model/plan-region';

/** A planned resource using `key`, with `region` planned and, when `own`, set by its configuration. */
const planned = (region: unknown, key = 'aws', own = false): PlannedRegionSource => ({
  values: region === undefined ? {} : { region },
  configured: { address: 'aws_instance.x', mode: 'managed', provider_config_key: key, expressions: own ? { region: { constant_value: region } } : {} },
});

describe("plannedProviderRegion: a provider's region, from its resources' planned region (AWS provider 6.x)", () => {
  it('is the planned region of the first resource of the provider that does not set its own', () => {
    expect(plannedProviderRegion([planned('us-west-2', 'aws', true), planned('eu-west-1'), planned('eu-central-1')], 'aws')).toBe('eu-west-1');
  });

  it("is none from another provider's resources, from resources that set their own, or from resources without one (5.x, IAM)", () => {
    expect(plannedProviderRegion([planned('eu-west-1', 'aws.west'), planned('us-west-2', 'aws', true), planned(undefined)], 'aws')).toBeUndefined();
  });

  it('is none from a region known only after apply, an empty one, or a resource the configuration does not have', () => {
    expect(plannedProviderRegion([planned({ unknown: true }), planned(''), { values: { region: 'eu-west-1' } }], 'aws')).toBeUndefined();
  });
});
