/**
 * Jest matchers on the same evaluator as the verifier:
 *
 *   setupAccessMatchers();   // once, e.g. in a setupFilesAfterEnv file
 *   await expect(loadSpec()).toAllow('S3WriteProfile', 'put s3://instance-profile-test1/writetest');
 *   await expect(loaded).toDeny('S3WriteProfile', { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' });
 *
 * The matchers are asynchronous (iam-simulate is): always `await` them. They take a
 * `LoadedSpec` (its stacks synthesized in memory), a `StackModel` or an `InstanceProfileStack`
 * (any cdktf stack), and a profile by instance profile name or role name. The request is decided
 * in every stack that has the profile (each environment of a spec): `toAllow` passes when every
 * one allows it, `.not.toAllow` when none does. A request that cannot be evaluated makes the
 * matcher throw, with or without `.not`.
 */
import { decisionPhrase } from './findings';
import { ExpectedOutcome, planRequest } from './plan';
import type { AccessRequestInput } from './request';
import { profilesOfStack, type StackProfile } from './stack-profiles';
import { subjectOf, type VerifySubject } from './target';
import { decideCheck, type VerifyRow } from './verify';

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
  const subject = subjectOf(received);
  if (!subject) {
    throw new TypeError(`${matcher}: expected a LoadedSpec (from loadSpec or parseSpec), a StackModel or an InstanceProfileStack, got ${describeValue(received)}`);
  }
  const decided: Array<{ readonly stack: string; readonly row: VerifyRow }> = [];
  for (const profile of findProfiles(subject, profileName, matcher)) {
    const row = await decideCheck(planRequest(profile, request, expected));
    if (row.problem !== undefined) throw new Error(`${matcher}: ${profileName}: ${row.request}: ${row.problem}`);
    decided.push({ stack: profile.stack.source, row });
  }
  // With .not, jest fails when pass is true: the request must be met in no stack.
  const pass = context.isNot ? decided.some(({ row }) => row.met) : decided.every(({ row }) => row.met);
  const shown = decided.find(({ row }) => row.met === context.isNot) ?? decided[0];
  const where = decided.length > 1 ? ` in ${shown.stack}` : '';
  const verb = `${context.isNot ? 'not ' : ''}to ${expected}`;
  return { pass, message: () => `expected ${profileName} ${verb} ${shown.row.request}, but it is ${decisionPhrase(shown.row)}${where}` };
}

/** The profile in each stack that has it, by instance profile name, else by role name. */
function findProfiles(subject: VerifySubject, name: string, matcher: string): StackProfile[] {
  const byStack = subject.stacks.map(profilesOfStack);
  const found = byStack.flatMap((profiles) => {
    const profile = profiles.find((candidate) => candidate.name === name) ?? profiles.find((candidate) => candidate.chain?.role.name === name);
    return profile ? [profile] : [];
  });
  if (found.length) return found;
  const names = [...new Set(byStack.flat().map((candidate) => candidate.name))];
  throw new Error(`${matcher}: ${subject.source} has no instance profile or role named "${name}"; its profiles: ${names.join(', ') || 'none'}`);
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return value.constructor?.name ?? 'object';
}
