import { NOT_APPLICABLE, RuleViolation, SecurityRule, violations } from './security-rule';

/** A whole account as principal (`123456789012` or `arn:aws:iam::123456789012:root`). */
const ACCOUNT_PRINCIPAL = /^(?:(\d{12})|arn:aws[a-z-]*:iam::(\d{12}):root)$/;

/** The trust policy names specific principals, not every identity of an account. */
export const iamTrustNoAccountPrincipal: SecurityRule = {
  id: 'IAM_TRUST_NO_ACCOUNT_PRINCIPAL',
  severity: 'medium',
  description: 'The role trust policy does not trust a whole AWS account (every user and role in it) to assume the role.',
  references: ['CKV_AWS_61'],
  check({ trustPolicy }) {
    if (!trustPolicy) return NOT_APPLICABLE;
    const found: RuleViolation[] = [];
    for (const statement of trustPolicy.statements) {
      if (statement.effect !== 'Allow' || statement.principal?.key !== 'Principal') continue;
      for (const entry of statement.principal.entries) {
        const match = entry.type === 'AWS' ? ACCOUNT_PRINCIPAL.exec(entry.value) : null;
        if (!match) continue;
        found.push({
          path: entry.path,
          message: `the trust policy lets every identity that account ${match[1] ?? match[2]} permits assume the role (principal ${JSON.stringify(entry.value)}); name the role or user ARNs that need it`,
        });
      }
    }
    return violations(found);
  },
};
