import { COMPLIANT, NOT_APPLICABLE, SecurityRule, violations } from './security-rule';

/** The instance gets its AWS access from an instance profile rather than from stored keys. */
export const ec2InstanceProfileAttached: SecurityRule = {
  id: 'EC2_INSTANCE_PROFILE_ATTACHED',
  severity: 'medium',
  description: 'The instance has an IAM instance profile attached.',
  references: ['CKV2_AWS_41'],
  check({ instance }) {
    if (!instance) return NOT_APPLICABLE;
    if (instance.hasInstanceProfile) return COMPLIANT;
    return violations([
      {
        path: instance.path,
        message: 'the instance has no instance profile, so software on it needs stored access keys to call AWS; attach the profile',
      },
    ]);
  },
};
