/**
 * Jest matchers on the same evaluator as the verifier:
 *
 *   setupAccessMatchers();   // once, e.g. in a setupFilesAfterEnv file
 *   await expect(loadSpec()).toAllow('S3WriteProfile', 'put s3://instance-profile-test1/writetest');
 *   await expect(loaded).toDeny('S3WriteProfile', { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' });
 *
 * The matchers are asynchronous (iam-simulate is): always `await` them. They take a
 * `LoadedSpec`, or an `InstanceProfileStack` (whose stack plan holds the profiles), and a
 * profile by instance profile name or role name. A request that cannot be evaluated makes
 * the matcher throw, with or without `.not`.
 */
import { decisionPhrase } from './findings';
import { ExpectedOutcome, planRequest } from './plan';
import type { AccessRequestInput } from './request';
import { targetOf, VerifyTarget } from './target';
import { decideCheck } from './verify';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // The type parameters must be those of @types/jest's declaration to merge with it.
    // eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-empty-object-type
    interface Matchers<R, T = {}> {
      /** The profile's role may make the request (`await` it). */
      toAllow(profile: string, request: AccessRequestInput): Promise<R>;
      /** The profile's role may not make the request, implicitly or explicitly (`await` it). */
      toDeny(profile: string, request: AccessRequestInput): Promise<R>;
    }
  }
}

interface MatcherContextLike {
  readonly isNot: boolean;
}

interface MatcherResultLike {
  readonly pass: boolean;
  readonly message: () => string;
}

type AccessMatcher = (this: MatcherContextLike, received: unknown, profile: string, request: AccessRequestInput) => Promise<MatcherResultLike>;

interface ExpectLike {
  extend(matchers: Record<string, AccessMatcher>): void;
}

/** Registers `toAllow` and `toDeny` with jest's `expect`. Call it inside jest (a setup file or a test file). */
export function setupAccessMatchers(): void {
  const { expect } = globalThis as unknown as { expect?: ExpectLike };
  if (typeof expect?.extend !== 'function') throw new Error('setupAccessMatchers() must run inside jest, where expect is global');
  expect.extend({
    toAllow(received, profile, request) {
      return matchAccess(this, received, profile, request, 'allow');
    },
    toDeny(received, profile, request) {
      return matchAccess(this, received, profile, request, 'deny');
    },
  });
}

async function matchAccess(
  context: MatcherContextLike,
  received: unknown,
  profileName: string,
  request: AccessRequestInput,
  expected: ExpectedOutcome,
): Promise<MatcherResultLike> {
  const matcher = expected === 'allow' ? 'toAllow' : 'toDeny';
  const target = targetOf(received);
  if (!target) throw new TypeError(`${matcher}: expected a LoadedSpec (from loadSpec or parseSpec) or an InstanceProfileStack, got ${describeValue(received)}`);
  const row = await decideCheck(planRequest(target, findProfile(target, profileName, matcher), request, expected));
  if (row.problem !== undefined) throw new Error(`${matcher}: ${profileName}: ${row.request}: ${row.problem}`);
  const verb = `${context.isNot ? 'not ' : ''}to ${expected}`;
  return { pass: row.met, message: () => `expected ${profileName} ${verb} ${row.request}, but it is ${decisionPhrase(row)}` };
}

function findProfile(target: VerifyTarget, name: string, matcher: string) {
  const profile =
    target.profiles.find((candidate) => candidate.instanceProfile.name === name) ??
    target.profiles.find((candidate) => candidate.role.name === name);
  if (profile) return profile;
  const names = target.profiles.map((candidate) => candidate.instanceProfile.name);
  throw new Error(`${matcher}: ${target.source} has no instance profile or role named "${name}"; its profiles: ${names.join(', ') || 'none'}`);
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return value.constructor?.name ?? 'object';
}
