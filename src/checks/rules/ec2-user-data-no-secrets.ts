import { COMPLIANT, NOT_APPLICABLE, RuleViolation, SecurityRule, violations } from './security-rule';

/** A kind of secret and how it shows in a script; the first capture group is the secret itself. */
interface SecretPattern {
  readonly kind: string;
  readonly pattern: RegExp;
}

/**
 * What secrets look like in a boot script. Values that are variable references or command
 * substitutions (`$VAR`, `$(aws secretsmanager …)`) are not secrets in the script.
 */
const SECRET_PATTERNS: readonly SecretPattern[] = [
  { kind: 'an AWS access key id', pattern: /\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})\b/ },
  { kind: 'an AWS secret access key', pattern: /\baws_?secret_?access_?key["']?\s*[=:]\s*["']?([^\s"'$][^\s"']*)/i },
  { kind: 'a private key', pattern: /(-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----)/ },
  { kind: 'a password or secret', pattern: /\b(?:[a-z0-9_]*_)?(?:password|passwd|secret|api_?key)["']?\s*[=:]\s*["']?([^\s"'$<][^\s"']*)/i },
];

/** No credentials in user data: anyone who can describe the instance, and any process on it, can read them. */
export const ec2UserDataNoSecrets: SecurityRule = {
  id: 'EC2_USER_DATA_NO_SECRETS',
  severity: 'high',
  description: 'The user data holds no credentials (AWS keys, private keys, passwords).',
  references: ['CKV_AWS_46', 'AWS-0029'],
  check({ instance }) {
    if (!instance) return NOT_APPLICABLE;
    if (!instance.userData) return COMPLIANT;
    const found: RuleViolation[] = [];
    instance.userData.split('\n').forEach((line, index) => {
      for (const { kind, pattern } of SECRET_PATTERNS) {
        const match = pattern.exec(line);
        if (!match) continue;
        found.push({
          path: instance.at('user_data'),
          message:
            `user data line ${index + 1} holds ${kind} (${redact(match[1])}); user data is readable by anyone who can describe the instance and by every process on it: ` +
            'give the instance AWS access through its role, and fetch other secrets at boot from Secrets Manager or SSM Parameter Store',
        });
        break;
      }
    });
    return violations(found);
  },
};

/** Enough of a secret to find it, not enough to use it. */
function redact(secret: string): string {
  if (secret.startsWith('-----')) return secret;
  return secret.length <= 4 ? '…' : `${secret.slice(0, 4)}…`;
}
