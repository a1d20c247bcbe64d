/**
 * The checks a spec gets before it is synthesized: those that need only the spec and refuse it
 * whatever else is wrong with it, each in time proportional to the spec's size. IAM's quotas
 * per account, counted on the spec's stack plans, and the size quota of every policy document
 * as the spec gives it (after its file is read and its fleet item and variables are filled in,
 * so as it will be synthesized). Synthesis and the other checks take time with the number of
 * profiles and with the length of each policy string: a 10,000-profile fleet in one account or
 * a policy of megabytes is refused at once rather than after them.
 *
 * A spec that fails them gets only these findings (and its reading problems): the others would
 * come after the work these checks avoid. One that passes is checked again on what it
 * synthesizes (`check-stack.ts` measures each document, `checkSpec` counts the stacks), which is
 * also how a plan or a stack built elsewhere is checked.
 */
import type { PolicyDocument, ResolvedProfileSpec, ResolvedSpec } from '../spec/model';
import { isPlainObject } from '../text/plain-object';
import type { FieldPath } from '../spec/field-path';
import type { Finding } from './finding';
import { checkSpecAccountQuotas } from './limits/account-quotas';
import { checkPolicySize, type SizeQuota } from './limits/policy-size';

/** The findings of the checks that need no synthesis: account quotas and policy document sizes. */
export function checkBeforeSynthesis(spec: ResolvedSpec): Finding[] {
  const seen = new Set<PolicyDocument>();
  const reported = new Set<string>();
  const sizes: Finding[] = [];
  const measure = (document: PolicyDocument, path: FieldPath, kind: SizeQuota) => {
    // A document the reader could not take (reported as a reading problem) is not measured.
    if (!isPlainObject(document) || seen.has(document)) return;
    seen.add(document);
    for (const finding of checkPolicySize(document, path, kind)) {
      // An environment's profiles have the paths of the spec's, so one document can be met more than once.
      const key = JSON.stringify([finding.path, finding.message]);
      if (!reported.has(key)) sizes.push(finding);
      reported.add(key);
    }
  };
  for (const profile of profilesOf(spec)) {
    profile.policies.forEach((policy, index) => measure(policy.document, [...profile.fieldPath, 'policies', index, 'document'], 'identity'));
    profile.role.inlinePolicies.forEach((policy, index) =>
      measure(policy.document, [...profile.fieldPath, 'role', 'inlinePolicies', index, 'document'], 'inline'),
    );
    if (profile.role.trustPolicy) measure(profile.role.trustPolicy, [...profile.fieldPath, 'role', 'trustPolicy'], 'trust');
  }
  return [...checkSpecAccountQuotas(spec), ...sizes];
}

/** Every profile any stack deploys: the spec's, and those of environments with their own values. */
function profilesOf(spec: ResolvedSpec): ResolvedProfileSpec[] {
  return [...spec.profiles, ...Object.values(spec.environmentProfiles).flat()];
}
