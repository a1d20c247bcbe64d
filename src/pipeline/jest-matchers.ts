/**
 * Jest matchers on the same evaluator and checks as the command line:
 *
 *   setupAccessMatchers();   // once, e.g. in a setupFilesAfterEnv file
 *   await expect(stack).toAllow('S3WriteProfile', 'put s3://instance-profile-test1/writetest');
 *   await expect(loaded).toDeny('S3WriteProfile', { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' });
 *   await expect(stack).toHaveNoFindings();           // nothing of medium severity or above
 *
 * The matchers are asynchronous (iam-simulate is): always `await` them. They take a
 * `LoadedSpec` (its stacks synthesized in memory), a `StackModel` or a cdktf stack (an
 * `InstanceProfileStack` or any `TerraformStack`). The access matchers take a profile by instance
 * profile name or role name; the request is decided in every stack that has the profile (each
 * environment of a spec): `toAllow` passes when every one allows it, `.not.toAllow` when none
 * does. A request that cannot be evaluated makes the matcher throw, with or without `.not`.
 */
import { checkStacks } from '../checks/check-stack';
import { findingsAtOrAbove } from '../checks/check-any-stack';
import type { Severity } from '../checks/finding';
import { SECURITY_RULES } from '../checks/rules';
import { decideAccess } from './decide-access';
import { decisionPhrase } from '../access/findings';
import type { ExpectedOutcome } from '../access/plan';
import type { AccessRequestInput } from '../access/request';
import { subjectOf } from './subject';

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
      /** No finding of `severity` or above, nor any other error (`await` it). @default "medium" */
      toHaveNoFindings(severity?: Severity): Promise<R>;
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

type Matcher = (this: MatcherContextLike, received: unknown, ...args: never[]) => Promise<MatcherResultLike>;

interface ExpectLike {
  extend(matchers: Record<string, Matcher>): void;
}

/** Registers `toAllow`, `toDeny` and `toHaveNoFindings` with jest's `expect`. Call it inside jest (a setup file or a test file). */
export function setupAccessMatchers(): void {
  const { expect } = globalThis as unknown as { expect?: ExpectLike };
  if (typeof expect?.extend !== 'function') throw new Error('setupAccessMatchers() must run inside jest, where expect is global');
  expect.extend({
    toAllow(received, profile: string, request: AccessRequestInput) {
      return matchAccess(this, received, profile, request, 'allow');
    },
    toDeny(received, profile: string, request: AccessRequestInput) {
      return matchAccess(this, received, profile, request, 'deny');
    },
    toHaveNoFindings(received, severity: Severity = 'medium') {
      return matchFindings(received, severity);
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
  const decided = await decideAccess(received, profileName, request, expected).catch((error: Error) => {
    throw Object.assign(error, { message: `${matcher}: ${error.message}` });
  });
  // With .not, jest fails when pass is true: the request must be met in no stack.
  const pass = context.isNot ? decided.some(({ row }) => row.met) : decided.every(({ row }) => row.met);
  const shown = decided.find(({ row }) => row.met === context.isNot) ?? decided[0];
  const where = decided.length > 1 ? ` in ${shown.stack}` : '';
  const verb = `${context.isNot ? 'not ' : ''}to ${expected}`;
  return { pass, message: () => `expected ${profileName} ${verb} ${shown.row.request}, but it is ${decisionPhrase(shown.row)}${where}` };
}

async function matchFindings(received: unknown, severity: Severity): Promise<MatcherResultLike> {
  const subject = subjectOf(received);
  if (!subject) throw new TypeError('toHaveNoFindings: expected a LoadedSpec, a StackModel or a cdktf TerraformStack');
  const found = findingsAtOrAbove(await checkStacks(subject.stacks, SECURITY_RULES), severity);
  const listed = found.map((finding) => `  ${finding.rule}${finding.severity ? ` [${finding.severity}]` : ''}: ${finding.message}`).join('\n');
  return {
    pass: found.length === 0,
    message: () =>
      found.length
        ? `expected no finding of ${severity} severity or above in ${subject.source}, found ${found.length}:\n${listed}`
        : `expected a finding of ${severity} severity or above in ${subject.source}, found none`,
  };
}
