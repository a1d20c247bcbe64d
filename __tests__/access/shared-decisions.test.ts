/**
 * The differential test of shared decisions (`src/access/query-shape.ts`,
 * `src/access/shared-decisions.ts`): every query of adversarial and seeded random fleets is
 * decided one by one by iam-simulate and compared, word for word, with the decision it gets
 * shared with its shape. Each condition of the shape can be switched off here (and only here):
 * the fleets catch the conditions they need, so the test fails when one of them is dropped.
 * It is the gate for every upgrade of iam-simulate, iam-utils and iam-policy (see the last test).
 */
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { ARGUED_FOR, type ItemValues, type ShapeCondition, type ShapeConditions, SOUND_CONDITIONS } from '../../src/access/query-shape';
import { SharedDecisions } from '../../src/access/shared-decisions';
import { decideCheck, verifyProfiles } from '../../src/access/verify';
import { planVerification } from '../../src/access/plan';
import { stacksToVerify } from '../../src/access/expectations';
import { type AccessQuery, simulate, type SimulationOutcome } from '../../src/iam/simulator';
import { parseSpec } from '../../src/spec/load-spec';
import { synthesizeStackModels } from '../../src/pipeline/synthesize';
import { packageRoot } from '../../src/package-root';
import { adversarialFleets, fill, type QueryFleet, randomFleet, templateValues } from './shape-fleets';

/** What must be equal: the decision, the deciding statements and the ignored keys, or the error. */
function comparable(outcome: SimulationOutcome): string {
  if (outcome.error !== undefined) return JSON.stringify({ error: outcome.error, policyErrors: outcome.policyErrors });
  return JSON.stringify({ decision: outcome.decision, reasons: outcome.reasons, ignored: [...outcome.ignoredContextKeys].sort() });
}

const oneByOne = new Map<string, Promise<string>>();

/** The query decided alone (once per distinct query: the fleets are decided with several sets of conditions). */
function decidedAlone(query: AccessQuery): Promise<string> {
  const key = JSON.stringify(query);
  let decided = oneByOne.get(key);
  if (!decided) oneByOne.set(key, (decided = simulate(query).then(comparable)));
  return decided;
}

interface FleetRun {
  /** Items whose shared decision differs from their own. */
  readonly differing: number;
  readonly items: number;
  /** iam-simulate calls made for the shared decisions. */
  readonly calls: number;
}

/** Decides every item of a fleet, in order, with shared decisions (no guard) and compares each with its own decision. */
async function runFleet(fleet: QueryFleet, conditions: ShapeConditions): Promise<FleetRun> {
  const decisions = new SharedDecisions({ conditions, guard: false });
  let differing = 0;
  for (const item of fleet.items) {
    const query = fill(fleet.template, item);
    const shared = comparable(await decisions.forProfile(templateValues(fleet.template, item)).decide(query));
    if (shared !== (await decidedAlone(query))) differing++;
  }
  return { differing, items: fleet.items.length, calls: decisions.simulations };
}

const without = (condition: ShapeCondition): ShapeConditions => ({ ...SOUND_CONDITIONS, [condition]: false });

const adversarial = adversarialFleets();
const random = fc.sample(randomFleet, { seed: 32, numRuns: 100 });

describe('shared access decisions', () => {
  let sound: { adversarial: FleetRun[]; random: FleetRun[] };
  beforeAll(async () => {
    sound = { adversarial: [], random: [] };
    for (const fleet of adversarial) sound.adversarial.push(await runFleet(fleet, SOUND_CONDITIONS));
    for (const fleet of random) sound.random.push(await runFleet(fleet, SOUND_CONDITIONS));
  });

  it('are the one-by-one decisions on the adversarial fleets, with fewer calls', () => {
    expect(adversarial.map((fleet, i) => [fleet.name, sound.adversarial[i].differing])).toEqual(adversarial.map((fleet) => [fleet.name, 0]));
    const items = sound.adversarial.reduce((sum, run) => sum + run.items, 0);
    const calls = sound.adversarial.reduce((sum, run) => sum + run.calls, 0);
    expect(items).toBeGreaterThan(800);
    // The items are made to break the conditions, so most are decided alone; the rest share.
    expect(items - calls).toBeGreaterThan(100);
  });

  it('are the one-by-one decisions on random fleets (fixed seed), with fewer calls', () => {
    expect(sound.random.filter((run) => run.differing > 0)).toEqual([]);
    const items = sound.random.reduce((sum, run) => sum + run.items, 0);
    const calls = sound.random.reduce((sum, run) => sum + run.calls, 0);
    expect(items).toBeGreaterThan(900);
    expect(items - calls).toBeGreaterThan(200);
  });

  /**
   * Each of these conditions, switched off, lets some item of the fleets share a decision that is
   * not its own. With the seed above: pattern overlap in 7 of the 14 adversarial fleets and 21 of
   * the 100 random ones, collision in 2 and 1, positions in 1 and 3, lengths in 1 and 3, and
   * unresolved variables, the simulator's literals and the character set in 1 adversarial fleet
   * each. `wildcardFreeRequest` is not among them: no fleet shows a difference without it (a
   * request with a wildcard is matched as a pattern itself, which the argument does not cover,
   * so it stays a condition).
   */
  describe('with a condition switched off', () => {
    async function someFleetDiffers(fleets: readonly QueryFleet[], condition: ShapeCondition): Promise<boolean> {
      for (const fleet of fleets) if ((await runFleet(fleet, without(condition))).differing > 0) return true;
      return false;
    }

    it.each<ShapeCondition>(['patternOverlap', 'collision'])(
      'without %s, some random fleet and some adversarial fleet get a decision that is not their own',
      async (condition) => {
        expect(await someFleetDiffers(random, condition)).toBe(true);
        expect(await someFleetDiffers(adversarial, condition)).toBe(true);
      },
    );

    it.each<ShapeCondition>(['positions', 'unresolvedVariables', 'constantOverlap', 'lengths', 'charset'])(
      'without %s, some fleet gets a decision that is not its own',
      async (condition) => {
        expect(await someFleetDiffers([...adversarial, ...random], condition)).toBe(true);
      },
    );

    it('the guard stops the run: the second query of a shape is decided and compared', async () => {
      const [fleet] = adversarial.filter((candidate) => candidate.name === 'values colliding in case');
      const decisions = new SharedDecisions({ conditions: without('collision') });
      const decideAll = async () => {
        for (const item of fleet.items) await decisions.forProfile(templateValues(fleet.template, item)).decide(fill(fleet.template, item));
      };
      await expect(decideAll()).rejects.toThrow(
        /^shared access decisions disagree: s3:GetObject on arn:aws:s3:::.* the conditions of src\/access\/query-shape\.ts/,
      );
    });
  });

  it('never shares an error: every query of a shape that fails is decided alone', async () => {
    const template: AccessQuery = { ...adversarial[0].template, action: 's3:GetObjekt' };
    const items: ItemValues[] = ['team1', 'team2', 'team3', 'team4'].map((team) => ({ team, bucket: `${team}-bucket` }));
    const decisions = new SharedDecisions();
    const outcomes = [];
    for (const item of items) outcomes.push(await decisions.forProfile(item).decide(fill(template, item)));
    expect(outcomes.map((outcome) => outcome.error)).toEqual(items.map(() => '"s3:GetObjekt" is not an IAM action'));
    expect(decisions.simulations).toBe(items.length);
  });

  it('decide a fleet spec as one by one, with a handful of calls', async () => {
    const items = Array.from({ length: 24 }, (_, i) => ({ team: `team${i}`, bucket: i % 5 === 4 ? `other${i}` : `team${i}-data` }));
    const loaded = parseSpec(
      {
        stack: 'fleet',
        accountId: '111122223333',
        fleets: [
          {
            template: {
              policies: [
                {
                  name: '{{team}}-read',
                  document: {
                    Version: '2012-10-17',
                    Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::*-data', 'arn:aws:s3:::*-data/*'] }],
                  },
                },
              ],
              role: { name: '{{team}}-reader', tags: { team: '{{team}}' } },
              expectations: [{ allow: 'get s3://{{bucket}}/x' }, { deny: 'put s3://{{bucket}}/x' }, { allow: 'list s3://{{bucket}}' }],
            },
            items,
          },
        ],
      },
      'fleet.yaml',
      __dirname,
    );
    const stacks = synthesizeStackModels(loaded);
    const decisions = new SharedDecisions();
    const shared = await verifyProfiles(loaded, stacks, { decisions });
    const planned = planVerification(stacksToVerify(loaded, stacks));
    const alone = await Promise.all(planned.map((profile) => Promise.all(profile.checks.map((check) => decideCheck(check)))));
    expect(shared.map((result) => result.rows)).toEqual(alone);
    expect(shared.flatMap((result) => result.rows).filter((row) => !row.met)).toHaveLength(items.filter((item) => item.bucket.startsWith('other')).length * 2);
    // Each shape is decided twice (the guard): the three expectations have two shapes each (buckets
    // named after the team, and others), and the two trust checks one each, shared across roles.
    expect(decisions.simulations).toBe(3 * 2 * 2 + 2 * 2);
  });

  it('were argued for the installed iam-simulate, iam-utils and iam-policy: an upgrade passes through this test', () => {
    const installed = Object.fromEntries(
      Object.keys(ARGUED_FOR).map((name) => [
        name,
        JSON.parse(fs.readFileSync(path.join(packageRoot(), 'node_modules', '@cloud-copilot', name, 'package.json'), 'utf8')).version,
      ]),
    );
    expect(installed).toEqual(ARGUED_FOR);
    const declared = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')).dependencies['@cloud-copilot/iam-simulate'];
    expect(declared).toBe(ARGUED_FOR['iam-simulate']);
  });
});
