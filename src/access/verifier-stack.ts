/**
 * The part of a stack model the verifier reads, to hand a stack to the verification worker
 * without copying the rest: the spec origins of the resources it locates problems at (not the
 * instances'), with the arguments it locates (`locate` in effective-policies.ts, plan.ts and
 * stack-profiles.ts) and no others, and of each instance what the role session takes from it.
 * It travels as JSON text: a string is copied to the worker whole, and `JSON.stringify` and
 * `JSON.parse` of a stack model take less time than the structured clone of its objects.
 */
import type { StackToVerify } from './expectations';
import type { PolicyDocument } from '../iam/policy-document';
import type { InstanceResource, ResourceOrigin, StackModel } from '../stack-model/stack-model';

/** The arguments the verifier locates, by resource type (an argument's nested paths too: `managed_policy_arns.1`). */
const LOCATED: Readonly<Record<string, readonly string[]>> = {
  aws_iam_instance_profile: [],
  aws_iam_role: ['assume_role_policy', 'name', 'managed_policy_arns', 'permissions_boundary'],
  aws_iam_policy: ['policy'],
  aws_iam_role_policy: ['policy'],
  aws_iam_role_policy_attachment: ['policy_arn'],
};

/**
 * An instance as the verifier reads it: the profile it launches with (`identity-chains.ts`) and
 * what the role session's context takes from it (`roleSessionContext` in principal.ts: its
 * import id, its own region, whether it requires IMDSv2). Its other arguments are left out.
 */
function instanceAsRead(instance: InstanceResource): InstanceResource {
  const { address, type, importId, region, iamInstanceProfile, metadataOptions, ignoreChanges } = instance;
  const read = {
    address,
    type,
    importId,
    region,
    iamInstanceProfile,
    metadataOptions: metadataOptions && { httpTokens: metadataOptions.httpTokens },
    ignoreChanges,
  };
  return { ...read, tags: {}, tagsAll: {} } as unknown as InstanceResource;
}

/** `stack` with only the origins and instance arguments the verifier reads; verifying it gives what verifying `stack` does. */
export function verifierStack(stack: StackModel): StackModel {
  const origins = new Map<string, ResourceOrigin>();
  for (const resource of stack.resources) {
    const located = LOCATED[resource.type];
    const origin = located && stack.origins.get(resource.address);
    if (!origin) continue;
    const argumentsRead: Record<string, ResourceOrigin['path']> = {};
    for (const [argument, path] of Object.entries(origin.arguments)) {
      if (located.some((name) => argument === name || argument.startsWith(`${name}.`))) argumentsRead[argument] = path;
    }
    origins.set(resource.address, { profile: origin.profile, path: origin.path, arguments: argumentsRead });
  }
  return { ...stack, resources: stack.resources.map((resource) => (resource.type === 'aws_instance' ? instanceAsRead(resource) : resource)), origins };
}

/** A stack and its expectations as the worker is sent them (see {@link decodeStackToVerify}). */
export function encodeStackToVerify({ stack, expectations }: StackToVerify): string {
  const sent = verifierStack(stack);
  return JSON.stringify({
    stack: { ...sent, origins: [...sent.origins], knownPolicies: sent.knownPolicies && [...sent.knownPolicies] },
    expectations,
  });
}

/** What {@link encodeStackToVerify} made, read back in the worker. */
export function decodeStackToVerify(text: string): StackToVerify {
  const { stack, expectations } = JSON.parse(text) as {
    stack: Omit<StackModel, 'origins' | 'knownPolicies'> & { origins: Array<[string, ResourceOrigin]>; knownPolicies?: Array<[string, PolicyDocument]> };
    expectations: StackToVerify['expectations'];
  };
  const { knownPolicies, origins, ...rest } = stack;
  return { stack: { ...rest, origins: new Map(origins), ...(knownPolicies ? { knownPolicies: new Map(knownPolicies) } : {}) }, expectations };
}
