/**
 * The trust policy of a role carried by an instance profile must let EC2 assume it: an
 * `Allow` statement giving `sts:AssumeRole` to EC2's service principal in the stack's partition
 * (`ec2.amazonaws.com`; `ec2.amazonaws.com.cn` in China). Without it the instance gets no credentials.
 */
import { CHECK_IDS } from '../check-ids';
import type { Finding } from '../finding';
import { actionPatternCovers, parseActionPattern } from '../../iam/action-pattern';
import { checkError } from '../make-finding';
import type { ParsedPolicy, ParsedStatement } from './parsed-policy';

/** Findings when the trust policy does not let `ec2Principal` (EC2's service principal in the stack's partition) assume the role. */
export function checkTrustAllowsEc2(policy: ParsedPolicy, ec2Principal: string): Finding[] {
  if (policy.statements.some((statement) => allowsEc2(statement, ec2Principal))) return [];
  return [
    checkError(
      CHECK_IDS.trustEc2,
      policy.path,
      'the trust policy does not let EC2 assume the role: no "Allow" statement gives "sts:AssumeRole" to the service principal ' +
        `"${ec2Principal}", so the instance profile cannot give the instance the role's credentials; ` +
        `add {"Effect": "Allow", "Principal": {"Service": "${ec2Principal}"}, "Action": "sts:AssumeRole"}, or leave trustPolicy out for that default`,
    ),
  ];
}

function allowsEc2(statement: ParsedStatement, ec2Principal: string): boolean {
  const { effect, principal, actions } = statement;
  if (effect !== 'Allow' || principal?.key !== 'Principal' || !actions || actions.negated) return false;
  const ec2 = principal.anyone || principal.entries.some((entry) => entry.type === 'Service' && entry.value === ec2Principal);
  return (
    ec2 &&
    actions.entries.some((entry) => {
      const pattern = parseActionPattern(entry.value);
      return pattern !== undefined && actionPatternCovers(pattern, 'sts:AssumeRole');
    })
  );
}
