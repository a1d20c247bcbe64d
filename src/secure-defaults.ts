/**
 * Every default that matters for security or cost, in one place. The spec schema, the
 * constructs and the README all take their defaults from here.
 */
export const SECURE_DEFAULTS = {
  /** IAM path of roles, policies and instance profiles. */
  iamPath: '/',
  /** Role maximum session duration, seconds (IAM's own default). */
  maxSessionDuration: 3600,
  /** Small, burstable and EBS-optimized by default. */
  instanceType: 't3.micro',
  /** IMDSv2 only: session tokens required, and a hop limit of 1 so containers cannot reach the credentials. */
  metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1 },
  /** No public IPv4 address unless asked for. */
  associatePublicIpAddress: false,
  /** Root volume type. */
  rootVolumeType: 'gp3',
  /** Root volume encrypted (with the account's default EBS key unless a KMS key is given). */
  rootVolumeEncrypted: true,
  /** EBS-optimized (free on current instance types). */
  ebsOptimized: true,
  /** Detailed monitoring is a paid extra: off unless asked for. */
  detailedMonitoring: false,
} as const;

/** The AWS service principal that EC2 instances assume roles as. */
export const EC2_SERVICE = 'ec2';
