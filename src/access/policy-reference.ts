/**
 * What a policy reference points at (a `policy_arn`, `managed_policy_arns` entry or
 * `permissions_boundary` as synthesized, or a spec's `role.managedPolicies[]`): an AWS-managed
 * policy (by name, `service-role/Name`, or an `arn:<partition>:iam::aws:policy/…` ARN), a
 * customer-managed policy of some account (by ARN), or nothing usable.
 */

/** A parsed policy reference. `partition` is the ARN's; absent for a bare name. */
export type PolicyReference =
  | { readonly kind: 'aws-managed'; readonly given: string; readonly name: string; readonly path: string; readonly partition?: string }
  | { readonly kind: 'customer'; readonly given: string; readonly partition: string; readonly account: string; readonly name: string; readonly path: string }
  | { readonly kind: 'invalid'; readonly given: string };

/** Parses a policy reference. */
export function parsePolicyReference(given: string): PolicyReference {
  if (!given.startsWith('arn:')) {
    const { name, path } = splitPath(given);
    return name ? { kind: 'aws-managed', given, name, path } : { kind: 'invalid', given };
  }
  // arn:<partition>:iam::<account>:policy/<path><name>
  const parts = given.split(':');
  if (parts.length !== 6 || parts[2] !== 'iam' || parts[3] !== '' || !parts[5].startsWith('policy/')) return { kind: 'invalid', given };
  const [, partition, , , account] = parts;
  const { name, path } = splitPath(parts[5].slice('policy/'.length));
  if (!name) return { kind: 'invalid', given };
  if (account === 'aws') return { kind: 'aws-managed', given, name, path, partition };
  if (!/^\d{12}$/.test(account)) return { kind: 'invalid', given };
  return { kind: 'customer', given, partition, account, name, path };
}

function splitPath(pathAndName: string): { name: string; path: string } {
  const segments = pathAndName.split('/').filter((segment) => segment !== '');
  const name = segments.pop() ?? '';
  return { name, path: segments.length ? `/${segments.join('/')}/` : '/' };
}
