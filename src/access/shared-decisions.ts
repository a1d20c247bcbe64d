/**
 * Decisions shared by the queries of one shape (see `query-shape.ts` for when queries have one
 * and why they then have one decision). The first query of a shape is decided by iam-simulate
 * and its outcome is every later query's. The second is decided as well and compared with the
 * first: a difference means the argument does not hold for this iam-simulate, and stops the run
 * with both queries named. An outcome that is an error is never shared: each query that meets
 * one is decided alone. A query without a shape is decided alone.
 */
import { type AccessQuery, simulate, type SimulationOutcome } from '../iam/simulator';
import { type ItemValues, ProfileShapes, type ShapeConditions, SOUND_CONDITIONS } from './query-shape';
import { resourceTypePatternsOf } from './resource-type-patterns';
import { countDecisions, type DecisionCounts } from './simulation-count';

/** How decisions are shared. */
export interface SharingOptions {
  /** The conditions queries must meet to share; switching any off is for the differential test only. @default SOUND_CONDITIONS */
  readonly conditions?: ShapeConditions;
  /** Decide the second query of each shape too and throw when it differs from the first. @default true */
  readonly guard?: boolean;
}

interface Shared {
  readonly query: AccessQuery;
  readonly outcome: Promise<SimulationOutcome>;
  guarded: boolean;
}

/** The shared decisions of one run: every profile of every stack. */
export class SharedDecisions {
  private readonly byKey = new Map<string, Shared>();
  private decided = 0;
  private calls = 0;

  constructor(private readonly options: SharingOptions = {}) {}

  /** How many times this run called iam-simulate. */
  get simulations(): number {
    return this.calls;
  }

  /** How many checks this run decided, and its iam-simulate calls. */
  get counts(): DecisionCounts {
    return { decided: this.decided, simulated: this.calls };
  }

  /** The decisions of one profile's queries, `values` its fleet item's (none for a listed profile). */
  forProfile(values?: ItemValues): ProfileDecisions {
    return new ProfileDecisions(this, new ProfileShapes(values, this.options.conditions ?? SOUND_CONDITIONS));
  }

  /** Decides `query`, with the decision of an earlier query of the same `key`; alone without a key. */
  async decide(query: AccessQuery, key: string | undefined): Promise<SimulationOutcome> {
    this.decided++;
    countDecisions({ decided: 1, simulated: 0 });
    if (key === undefined) return this.alone(query);
    const shared = this.byKey.get(key);
    if (!shared) {
      const outcome = this.alone(query);
      this.byKey.set(key, { query, outcome, guarded: false });
      return outcome;
    }
    if (this.options.guard !== false && !shared.guarded) {
      shared.guarded = true;
      const [first, own] = await Promise.all([shared.outcome, this.alone(query)]);
      if (first.error === undefined) assertSame(shared.query, first, query, own);
      return own;
    }
    const outcome = await shared.outcome;
    return outcome.error === undefined ? outcome : this.alone(query);
  }

  private alone(query: AccessQuery): Promise<SimulationOutcome> {
    this.calls++;
    countDecisions({ decided: 0, simulated: 1 });
    return simulate(query);
  }
}

/** The decisions of one profile: its queries' shapes are read with its item's values. */
export class ProfileDecisions {
  constructor(
    private readonly decisions: SharedDecisions,
    private readonly shapes: ProfileShapes,
  ) {}

  /** Decides a query of the profile, shared with the queries of its shape. */
  async decide(query: AccessQuery): Promise<SimulationOutcome> {
    const shape = this.shapes.shapeOf(query, await resourceTypePatternsOf(query.action));
    return this.decisions.decide(query, shape.key);
  }

  /** Decides a query shared with every query of `key`, which the caller vouches for (see `simulateTrust` in verify.ts). */
  decideAs(query: AccessQuery, key: string): Promise<SimulationOutcome> {
    return this.decisions.decide(query, key);
  }
}

function assertSame(firstQuery: AccessQuery, first: SimulationOutcome, query: AccessQuery, own: SimulationOutcome): void {
  if (JSON.stringify(comparable(first)) === JSON.stringify(comparable(own))) return;
  const said = (outcome: SimulationOutcome) => (outcome.error !== undefined ? `an error (${outcome.error})` : `${outcome.decision}`);
  throw new Error(
    `shared access decisions disagree: ${query.action} on ${query.resource} as ${query.principal} is ${said(own)}, but ${firstQuery.resource} as ${firstQuery.principal}, of the same shape, is ${said(first)} (${JSON.stringify(comparable(first))} against ${JSON.stringify(comparable(own))}); the conditions of src/access/query-shape.ts do not hold for the installed iam-simulate: run __tests__/access/shared-decisions.test.ts`,
  );
}

function comparable(outcome: SimulationOutcome): unknown {
  if (outcome.error !== undefined) return { error: outcome.error, policyErrors: outcome.policyErrors };
  return { decision: outcome.decision, reasons: outcome.reasons, ignored: [...outcome.ignoredContextKeys].sort() };
}
