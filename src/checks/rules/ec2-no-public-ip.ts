import { COMPLIANT, NOT_APPLICABLE, SecurityRule, violations } from './security-rule';

/** The instance gets no public IPv4 address. */
export const ec2NoPublicIp: SecurityRule = {
  id: 'EC2_NO_PUBLIC_IP',
  severity: 'medium',
  description: 'The instance has no public IPv4 address (associatePublicIpAddress: false).',
  references: ['CKV_AWS_88'],
  check({ instance }) {
    if (instance?.associatePublicIpAddress === undefined) return NOT_APPLICABLE;
    if (!instance.associatePublicIpAddress) return COMPLIANT;
    return violations([
      {
        path: instance.at('associate_public_ip_address'),
        message:
          'the instance gets a public IPv4 address (associatePublicIpAddress: true), reachable from the internet wherever its security groups allow; reach it through SSM Session Manager or a load balancer instead',
      },
    ]);
  },
};
