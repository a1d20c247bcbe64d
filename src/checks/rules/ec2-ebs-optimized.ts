import { COMPLIANT, NOT_APPLICABLE, SecurityRule, violations } from './security-rule';

/** The instance is EBS-optimized, so EBS traffic does not compete with network traffic. */
export const ec2EbsOptimized: SecurityRule = {
  id: 'EC2_EBS_OPTIMIZED',
  severity: 'low',
  description: 'The instance is EBS-optimized (free and always on for current instance types).',
  references: ['CKV_AWS_135'],
  check({ instance }) {
    if (instance?.ebsOptimized === undefined) return NOT_APPLICABLE;
    if (instance.ebsOptimized) return COMPLIANT;
    return violations([
      {
        path: instance.at('ebs_optimized'),
        message: 'the instance is not EBS-optimized (ebsOptimized: false); set it to true (the default)',
      },
    ]);
  },
};
