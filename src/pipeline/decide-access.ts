/**
 * Access decided for one request on any stack: the stacks of a loaded spec, a stack model, or
 * a cdktf stack built in any app (an `InstanceProfileStack` or any `TerraformStack`).
 */
import { ExpectedOutcome, planRequest } from '../access/plan';
import type { AccessRequestInput } from '../access/request';
import { profilesOfStack, type StackProfile } from '../access/stack-profiles';
import { subjectOf, type VerifySubject } from './subject';
import { decideCheck, type VerifyRow } from '../access/verify';

/** The decision in one stack that has the profile. */
export interface StackAccessDecision {
  /** The stack's name (or the spec's stack source). */
  readonly stack: string;
  /** The request, the decision, whether it is the expected one, and the deciding statements. */
  readonly row: VerifyRow;
}

/**
 * Decides the request for the profile (by instance profile name, else role name) in every
 * stack of `subject` that has it, with iam-simulate on the stack as it deploys. `expected`
 * says which outcome each row's `met` compares with. Throws when `subject` holds no stack, the
 * profile is in none, or the request cannot be evaluated.
 *
 *   const [{ row }] = await decideAccess(stack, 'S3WriteProfile', 'put s3://instance-profile-test1/k');
 *   row.decision; // 'allowed'
 */
export async function decideAccess(
  subject: unknown,
  profile: string,
  request: AccessRequestInput,
  expected: ExpectedOutcome = 'allow',
): Promise<StackAccessDecision[]> {
  const stacks = subjectOf(subject);
  if (!stacks) throw new TypeError(`expected a LoadedSpec (from loadSpec or parseSpec), a StackModel or a cdktf TerraformStack, got ${describeValue(subject)}`);
  const decided: StackAccessDecision[] = [];
  for (const found of findProfiles(stacks, profile)) {
    const row = await decideCheck(planRequest(found, request, expected));
    if (row.problem !== undefined) throw new Error(`${profile}: ${row.request}: ${row.problem}`);
    decided.push({ stack: found.stack.source, row });
  }
  return decided;
}

/** The profile in each stack that has it, by instance profile name, else by role name. */
function findProfiles(subject: VerifySubject, name: string): StackProfile[] {
  const byStack = subject.stacks.map(profilesOfStack);
  const found = byStack.flatMap((profiles) => {
    const profile = profiles.find((candidate) => candidate.name === name) ?? profiles.find((candidate) => candidate.chain?.role.name === name);
    return profile ? [profile] : [];
  });
  if (found.length) return found;
  const names = [...new Set(byStack.flat().map((candidate) => candidate.name))];
  throw new Error(`${subject.source} has no instance profile or role named "${name}"; its profiles: ${names.join(', ') || 'none'}`);
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return value.constructor?.name ?? 'object';
}
