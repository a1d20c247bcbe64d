/**
 * What a policy reference in a spec (`role.managedPolicies[]`, `role.permissionsBoundary`)
 * points at: an AWS-managed policy (by name, `service-role/Name`, or an `arn:<partition>:iam::aws:policy/…`
 * ARN), a customer-managed policy of some account (by ARN), or nothing usable.
 */

/** A parsed policy reference. */
export type PolicyReference =
  | { readonly kind: 'aws-managed'; readonly given: string; readonly name: string; readonly path: string }
  | { readonly kind: 'customer'; readonly given: string; readonly account: string; readonly name: string; readonly path: string }
  | { readonly kind: 'invalid'; readonly given: string };

/** Parses a policy reference as the spec gives it. */
export function parsePolicyReference(given: string): PolicyReference {
  if (!given.startsWith('arn:')) {
    const { name, path } = splitPath(given);
    return name ? { kind: 'aws-managed', given, name, path } : { kind: 'invalid', given };
  }
  // arn:<partition>:iam::<account>:policy/<path><name>
  const parts = given.split(':');
  if (parts.length !== 6 || parts[2] !== 'iam' || parts[3] !== '' || !parts[5].startsWith('policy/')) return { kind: 'invalid', given };
  const account = parts[4];
  const { name, path } = splitPath(parts[5].slice('policy/'.length));
  if (!name) return { kind: 'invalid', given };
  if (account === 'aws') return { kind: 'aws-managed', given, name, path };
  if (!/^\d{12}$/.test(account)) return { kind: 'invalid', given };
  return { kind: 'customer', given, account, name, path };
}

function splitPath(pathAndName: string): { name: string; path: string } {
  const segments = pathAndName.split('/').filter((segment) => segment !== '');
  const name = segments.pop() ?? '';
  return { name, path: segments.length ? `/${segments.join('/')}/` : '/' };
}
