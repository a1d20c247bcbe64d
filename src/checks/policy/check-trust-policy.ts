/**
 * The trust policy of a role carried by an instance profile must let EC2 assume it: an
 * `Allow` statement giving `sts:AssumeRole` to the service principal `ec2.amazonaws.com`
 * (`ec2.amazonaws.com.cn` in the China partition). Without it the instance gets no credentials.
 */
import { CHECK_IDS } from '../check-ids';
import type { Finding } from '../finding';
import { actionPatternCovers, parseActionPattern } from '../iam/action-pattern';
import { checkError } from '../make-finding';
import type { ParsedPolicy, ParsedStatement } from './parsed-policy';

/** The service principals EC2 instances assume roles as. */
export const EC2_SERVICE_PRINCIPALS = ['ec2.amazonaws.com', 'ec2.amazonaws.com.cn'] as const;

/** Findings when the trust policy does not let EC2 assume the role. */
export function checkTrustAllowsEc2(policy: ParsedPolicy): Finding[] {
  if (policy.statements.some(allowsEc2)) return [];
  return [
    checkError(
      CHECK_IDS.trustEc2,
      policy.path,
      'the trust policy does not let EC2 assume the role: no "Allow" statement gives "sts:AssumeRole" to the service principal ' +
        `"${EC2_SERVICE_PRINCIPALS[0]}" ("${EC2_SERVICE_PRINCIPALS[1]}" in China), so the instance profile cannot give the instance the role's credentials; ` +
        'add {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}, or leave trustPolicy out for that default',
    ),
  ];
}

function allowsEc2(statement: ParsedStatement): boolean {
  const { effect, principal, actions } = statement;
  if (effect !== 'Allow' || principal?.key !== 'Principal' || !actions || actions.negated) return false;
  const ec2 =
    principal.anyone ||
    principal.entries.some((entry) => entry.type === 'Service' && (EC2_SERVICE_PRINCIPALS as readonly string[]).includes(entry.value));
  return (
    ec2 &&
    actions.entries.some((entry) => {
      const pattern = parseActionPattern(entry.value);
      return pattern !== undefined && actionPatternCovers(pattern, 'sts:AssumeRole');
    })
  );
}
