/**
 * What a profile's resources give to the outside, shared by the module and the fleet template
 * module: the outputs' descriptions, and the tags input merged into every tag map.
 */
import { Fn, Token } from 'cdktf';
import type { ResolvedProfileSpec } from '../spec/model';
import { functionArgument } from './literal-text';

/** What each output of a profile holds. */
export const PROFILE_OUTPUT_DESCRIPTIONS: Readonly<Record<string, string>> = {
  role_arn: 'ARN of the IAM role.',
  role_name: 'Name of the IAM role.',
  instance_profile_name: 'Name of the instance profile.',
  instance_profile_arn: 'ARN of the instance profile.',
  instance_id: 'Id of the EC2 instance.',
};

/** The profile with `tags` (a map token) merged into the tags of each of its resources, an adopted instance's aside. */
export function withTags(profile: ResolvedProfileSpec, tags: Record<string, string>): ResolvedProfileSpec {
  const merged = (own: Record<string, string> | undefined) =>
    own && (Token.isUnresolved(own) || Object.keys(own).length) ? Token.asStringMap(Fn.merge([functionArgument(own), tags])) : tags;
  const instance = profile.instance;
  return {
    ...profile,
    policies: profile.policies.map((policy) => ({ ...policy, tags: merged(policy.tags) })),
    role: { ...profile.role, tags: merged(profile.role.tags) },
    instanceProfile: { ...profile.instanceProfile, tags: merged(profile.instanceProfile.tags) },
    // An adopted instance's tags stay unmanaged unless the spec sets them.
    instance: instance && (instance.existingId === undefined || instance.tags) ? { ...instance, tags: merged(instance.tags) } : instance,
  };
}
