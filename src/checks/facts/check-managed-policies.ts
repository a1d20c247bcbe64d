/**
 * Checks each AWS-managed policy a role gets by ARN against the AWS-managed policy data (see
 * src/iam/aws-managed-policies.ts), so that a misspelt name fails here with a suggestion, not as "not evaluated" in the
 * access proof or as `NoSuchEntity` at apply: the name must be one AWS has, at the path AWS has
 * it under (`service-role/AmazonEC2RoleforSSM`).
 */
import { awsManagedPoliciesSource, closestAwsManagedPolicy, findAwsManagedPolicies } from '../../iam/aws-managed-policies';
import { CHECK_IDS } from '../check-ids';
import type { Finding } from '../finding';
import { checkError } from '../make-finding';
import type { ExternalPolicyArn } from '../rule-context';

/** `arn:<partition>:iam::aws:policy/<path/><name>` */
const AWS_MANAGED_ARN = /^arn:[a-z][a-z0-9-]*:iam::aws:policy\/((?:[^/]+\/)*)([^/]+)$/;

/** The AWS-managed policies among `references`: name and the path the ARN gives (`/`, `/service-role/`). */
function awsManaged(references: readonly ExternalPolicyArn[]) {
  return references.flatMap((reference) => {
    const match = AWS_MANAGED_ARN.exec(reference.arn);
    return match ? [{ reference, path: `/${match[1]}`, name: match[2] }] : [];
  });
}

/** Reads every name the AWS-managed policies of `references` need, at once (the data file is read once). */
export function prefetchAwsManagedPolicies(references: readonly ExternalPolicyArn[]): void {
  const names = awsManaged(references).map(({ name }) => name);
  if (names.length) findAwsManagedPolicies(names);
}

/** An error for each AWS-managed policy that AWS does not have, or has at another path. */
export function checkAwsManagedPolicies(references: readonly ExternalPolicyArn[]): Finding[] {
  const used = awsManaged(references);
  if (!used.length) return [];
  const known = findAwsManagedPolicies(used.map(({ name }) => name));
  return used.flatMap(({ reference, path, name }): Finding[] => {
    const policy = known.get(name);
    if (!policy) return [checkError(CHECK_IDS.unknownManagedPolicy, reference.path, unknownPolicyMessage(name))];
    if (policy.path === path) return [];
    const written = `${policy.path.slice(1)}${name}`;
    return [
      checkError(CHECK_IDS.unknownManagedPolicy, reference.path, `the AWS-managed policy ${name} is at path ${policy.path}, not ${path}: write "${written}"`),
    ];
  });
}

function unknownPolicyMessage(name: string): string {
  const hint = closestAwsManagedPolicy(name);
  const source = `policies of ${awsManagedPoliciesSource()}; one AWS added since needs a newer version`;
  return `"${name}" is not an AWS-managed policy${hint ? `; did you mean ${hint}?` : ''} (${source})`;
}
