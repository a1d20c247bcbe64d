import { NOT_APPLICABLE, RuleViolation, SecurityRule, violations } from './security-rule';

/** The trust policy does not let anyone (`"Principal": "*"` or `{"AWS": "*"}`) assume the role. */
export const iamTrustNoPublicPrincipal: SecurityRule = {
  id: 'IAM_TRUST_NO_PUBLIC_PRINCIPAL',
  severity: 'high',
  description: 'The role trust policy does not allow "*" (any AWS identity) to assume the role.',
  references: ['CKV_AWS_60'],
  check({ trustPolicy }) {
    // No trust policy: the built-in one trusts EC2 only.
    if (!trustPolicy) return NOT_APPLICABLE;
    const found: RuleViolation[] = [];
    for (const statement of trustPolicy.statements) {
      const principal = statement.principal;
      if (statement.effect !== 'Allow' || principal?.key !== 'Principal') continue;
      const anyone = principal.anyone ? [{ path: principal.path, shown: '"Principal": "*"' }] : [];
      const anyAws = principal.entries
        .filter((entry) => entry.type === 'AWS' && entry.value === '*')
        .map((entry) => ({ path: entry.path, shown: '{"AWS": "*"}' }));
      for (const { path, shown } of [...anyone, ...anyAws]) {
        found.push({
          path,
          message: `the trust policy allows ${shown}: any AWS identity in any account can assume the role; trust the EC2 service principal (the default) or named role ARNs`,
        });
      }
    }
    return violations(found);
  },
};
