import { COMPLIANT, NOT_APPLICABLE, SecurityRule, violations } from './security-rule';

/** Detailed (1-minute) CloudWatch monitoring. Low severity: it is a paid extra, off by default. */
export const ec2DetailedMonitoring: SecurityRule = {
  id: 'EC2_DETAILED_MONITORING',
  severity: 'low',
  description: 'The instance has detailed (1-minute) CloudWatch monitoring; off by default because it costs extra.',
  references: ['CKV_AWS_126', 'AwsSolutions-EC28'],
  check({ instance }) {
    if (instance?.monitoring === undefined) return NOT_APPLICABLE;
    if (instance.monitoring) return COMPLIANT;
    return violations([
      {
        path: instance.at('monitoring'),
        message:
          'detailed monitoring is off (metrics every 5 minutes); set instance.monitoring: true for 1-minute metrics (a paid extra), or suppress this rule with the reason',
      },
    ]);
  },
};
