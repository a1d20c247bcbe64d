import { addressesIn, fleetAddressesIn, keptMoves } from '../../src/render/moved-blocks';

const config = (moved: Array<{ from: string; to: string }>) => ({
  '//': { metadata: { moved: { aws_instance: ['web'], aws_iam_role: ['writer'] }, stackName: 's' } },
  resource: {},
  moved,
});

describe('keptMoves', () => {
  it('drops every move of a configuration no earlier output declared, with cdktf’s record of them', () => {
    const { config: kept, dropped } = keptMoves(config([{ from: 'aws_instance.web_profile', to: 'aws_instance.web' }]), { prior: new Set() });
    expect(kept.moved).toBeUndefined();
    expect(kept['//']).toEqual({ metadata: { stackName: 's' } });
    expect(dropped).toEqual(new Map([['aws_instance.web_profile', 'aws_instance.web']]));
  });

  it('keeps a move from a declared address, and the moves chained on from its destination', () => {
    const moves = [
      { from: 'aws_instance.web', to: 'module.m.aws_instance.web_profile' },
      { from: 'aws_instance.web_profile', to: 'aws_instance.web' },
      { from: 'aws_iam_role.writer', to: 'module.m.aws_iam_role.writer' },
    ];
    const { config: kept, dropped } = keptMoves(config(moves), { prior: new Set(['aws_instance.web_profile']) });
    expect(kept.moved).toEqual(moves.slice(0, 2));
    expect(dropped).toEqual(new Map([['aws_iam_role.writer', 'module.m.aws_iam_role.writer']]));
    expect(kept['//']).toEqual({ metadata: { moved: { aws_instance: ['web'] }, stackName: 's' } });
  });

  it('keeps exempt moves, and aims a move into a called module past the move that module dropped (with a module key)', () => {
    const moves = [{ from: 'aws_instance.a', to: 'module.fleet["a"].aws_instance.writer_profile' }];
    const { config: kept } = keptMoves(config(moves), {
      prior: new Set(),
      exempt: (move) => move.from === 'aws_instance.a',
      calledModules: new Map([['fleet', new Map([['aws_instance.writer_profile', 'aws_instance.writer']])]]),
    });
    expect(kept.moved).toEqual([{ from: 'aws_instance.a', to: 'module.fleet["a"].aws_instance.writer' }]);
  });

  it('leaves a configuration without moves as it is', () => {
    const plain = { resource: { aws_iam_role: { r: {} } } };
    expect(keptMoves(plain, { prior: new Set(['aws_iam_role.r']) }).config).toBe(plain);
  });
});

describe('the addresses of an earlier output', () => {
  const prior = new Map([
    ['json/s', new Set(['aws_iam_role.r'])],
    ['hcl/s', new Set(['aws_instance.web_profile'])],
    ['json/s/fleets/writers', new Set(['aws_instance.writer_profile'])],
    ['module/m/modules/writers', new Set(['aws_iam_role.writer'])],
    ['json/t/fleets/writers-2', new Set(['aws_iam_role.other'])],
  ]);

  it("are a configuration's own folders'", () => {
    expect(addressesIn(prior, ['json/s', 'hcl/s'])).toEqual(new Set(['aws_iam_role.r', 'aws_instance.web_profile']));
    expect(addressesIn(prior, ['module/m'])).toEqual(new Set());
  });

  it("are, for a fleet's template module, those of every folder that held it, under a root or a module", () => {
    expect(fleetAddressesIn(prior, 'writers')).toEqual(new Set(['aws_instance.writer_profile', 'aws_iam_role.writer']));
  });
});
