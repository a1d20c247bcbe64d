import { COMPLIANT, NOT_APPLICABLE, SecurityRule, violations } from './security-rule';

/**
 * Detailed (1-minute) CloudWatch monitoring. Low severity: it is a paid extra, off by default
 * (`SECURE_DEFAULTS.detailedMonitoring`) on purpose, so the tool's own default is not reported:
 * only a spec that sets `monitoring: false` itself gets the finding.
 */
export const ec2DetailedMonitoring: SecurityRule = {
  id: 'EC2_DETAILED_MONITORING',
  severity: 'low',
  description:
    'The instance has detailed (1-minute) CloudWatch monitoring; off by default because it costs extra, and reported only when the spec sets monitoring: false itself.',
  references: ['CKV_AWS_126', 'AwsSolutions-EC28'],
  quietOnToolDefault: ['instance', 'monitoring'],
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
