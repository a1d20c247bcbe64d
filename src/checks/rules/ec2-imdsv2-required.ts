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
    const given =
      httpTokens === undefined ? 'http_tokens is not set, so the AMI and account defaults decide and usually allow them' : `http_tokens = "${httpTokens}"`;
    return violations([
      {
        path: instance.at('metadata_options', 'http_tokens'),
        message: `the metadata service accepts IMDSv1 requests (${given}), so a request forgery on the instance can read the role's credentials; require session tokens (http_tokens = "required")`,
      },
    ]);
  },
};
