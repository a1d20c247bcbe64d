import { COMPLIANT, NOT_APPLICABLE, SecurityRule, violations } from './security-rule';

/** The root EBS volume is encrypted. */
export const ec2EbsEncrypted: SecurityRule = {
  id: 'EC2_EBS_ENCRYPTED',
  severity: 'high',
  description: 'The root EBS volume is encrypted (with the account default EBS key or rootVolume.kmsKeyId).',
  references: ['CKV_AWS_8', 'AWS-0131', 'AwsSolutions-EC26'],
  check({ instance }) {
    if (instance?.rootVolumeEncrypted === undefined) return NOT_APPLICABLE;
    if (instance.rootVolumeEncrypted) return COMPLIANT;
    return violations([
      {
        path: instance.at('root_block_device', 'encrypted'),
        message: 'the root volume is not encrypted (rootVolume.encrypted: false); set it to true (the default), with rootVolume.kmsKeyId for a key of your own',
      },
    ]);
  },
};
