import { COMPLIANT, NOT_APPLICABLE, SecurityRule, violations } from './security-rule';

/** The instance metadata service requires session tokens (IMDSv2), so SSRF cannot read the role's credentials. */
export const ec2Imdsv2Required: SecurityRule = {
  id: 'EC2_IMDSV2_REQUIRED',
  severity: 'high',
  description: 'The instance requires IMDSv2 session tokens for its metadata service (http_tokens = "required").',
  references: ['CKV_AWS_79', 'AWS-0028'],
  check({ instance }) {
    // An adopted instance's metadata options are not managed here.
    if (!instance?.metadataOptions) return NOT_APPLICABLE;
    const { httpTokens } = instance.metadataOptions;
    if (httpTokens === 'required') return COMPLIANT;
    return violations([
      {
        path: instance.path,
        message: `the metadata service accepts IMDSv1 requests (http_tokens = "${httpTokens}"), so a request forgery on the instance can read the role's credentials; require session tokens (http_tokens = "required")`,
      },
    ]);
  },
};
