/**
 * The forms IAM accepts for each principal type of a `Principal` element (AWS JSON policy
 * elements: Principal): `AWS` takes `"*"`, a 12-digit account id or an IAM/STS ARN (account
 * root, user, role, assumed-role or federated-user session); `Service` a service principal such
 * as `ec2.amazonaws.com`; `Federated` an identity provider's domain (`accounts.google.com`,
 * `token.actions.githubusercontent.com`) or a SAML/OIDC provider ARN; `CanonicalUser` a 64-hex
 * S3 canonical user id. A wildcard cannot match part of a principal ("You cannot use a wildcard
 * to match part of a principal name or ARN").
 */
import { splitArn } from '../../iam/arn';

/** What is wrong with one principal value, or `undefined` when IAM accepts its form. */
export function principalValueProblem(type: string, value: string): string | undefined {
  if (/[*?]/.test(value) && !(type === 'AWS' && value === '*')) {
    return `${type} principal "${value}" has a wildcard; a wildcard cannot match part of a principal (only {"AWS": "*"} or "Principal": "*" mean everyone): name the principals`;
  }
  switch (type) {
    case 'AWS':
      return value === '*' || /^\d{12}$/.test(value) || isAwsPrincipalArn(value)
        ? undefined
        : `AWS principal "${value}" is not "*", a 12-digit account id or an IAM/STS ARN such as arn:aws:iam::123456789012:role/Name`;
    case 'Service':
      return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(value)
        ? undefined
        : `Service principal "${value}" is not a service principal name; write it in lower case, e.g. "ec2.amazonaws.com"`;
    case 'Federated':
      return isProviderArn(value) || /^[a-z0-9-]+(\.[a-z0-9-]+)+(\/\S+)?$/i.test(value)
        ? undefined
        : `Federated principal "${value}" is neither an identity provider domain (e.g. "accounts.google.com") nor a SAML or OIDC provider ARN (arn:aws:iam::123456789012:saml-provider/Name)`;
    case 'CanonicalUser':
      return /^[0-9a-f]{64}$/i.test(value) ? undefined : `CanonicalUser principal "${value}" is not a canonical user id (64 hexadecimal digits)`;
    default:
      return undefined;
  }
}

function isAwsPrincipalArn(value: string): boolean {
  const arn = splitArn(value);
  if (!arn || !/^\d{12}$/.test(arn.account) || arn.region !== '') return false;
  if (arn.service === 'iam') return /^(root|(user|role)\/.+)$/.test(arn.resource);
  return arn.service === 'sts' && /^(assumed-role\/[^/]+\/.+|federated-user\/.+)$/.test(arn.resource);
}

function isProviderArn(value: string): boolean {
  const arn = splitArn(value);
  return arn !== undefined && arn.service === 'iam' && /^\d{12}$/.test(arn.account) && /^(saml-provider|oidc-provider)\/.+$/.test(arn.resource);
}
