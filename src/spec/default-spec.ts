/**
 * The built-in example: the manual walkthrough's setup exactly. `S3WritePolicy` (PutObject and
 * ListBucket on `instance-profile-test1`), `S3WriteRole` trusted by EC2, the attachment,
 * `S3WriteProfile` (named differently from the role, as in the walkthrough) and one instance.
 */
import { IAM_POLICY_VERSION } from '../iam-policy-version';

export const DEFAULT_SPEC_SOURCE = '<built-in default>';

/** The walkthrough's policy shape: write objects to one bucket and list it. */
export function bucketWritePolicy(bucketArn: string) {
  return {
    Version: IAM_POLICY_VERSION,
    Statement: [
      {
        Effect: 'Allow',
        Action: ['s3:PutObject', 's3:ListBucket'],
        Resource: [`${bucketArn}/*`, bucketArn],
      },
    ],
  };
}

/** The walkthrough's policy document, as the AWS CLI took it from `iampolicy.json`. */
export const SEED_POLICY_DOCUMENT = bucketWritePolicy('arn:aws:s3:::instance-profile-test1');

/**
 * The raw (unvalidated) default spec; it goes through the same loader as a user's file. The
 * bucket is a variable at the walkthrough's value: the flat root (synth) is the walkthrough
 * exactly, and the module (`module`) takes it as an input, as it takes the names and the AMI.
 */
export function defaultSpecInput(): Record<string, unknown> {
  return {
    version: 1,
    stack: 's3-write',
    region: 'us-east-1',
    defaultTags: { ManagedBy: 'instance-profile-cdktf' },
    variables: {
      bucket_name: {
        description: 'S3 bucket the instance may write objects to and list.',
        default: 'instance-profile-test1',
        validation: [
          {
            condition: 'can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name))',
            message: 'bucket_name must be a valid S3 bucket name (3 to 63 lowercase letters, digits, dots and hyphens).',
            rejects: 'Not_A_Bucket',
          },
        ],
      },
    },
    profiles: [
      {
        policies: [
          {
            name: 'S3WritePolicy',
            description: 'Write and list objects in {{var.bucket_name}}',
            document: bucketWritePolicy('arn:aws:s3:::{{var.bucket_name}}'),
          },
        ],
        role: { name: 'S3WriteRole', description: 'Lets an EC2 instance write to {{var.bucket_name}}' },
        instanceProfile: { name: 'S3WriteProfile' },
        instance: { name: 's3-writer', ami: 'ami-0c02fb55956c7d316' },
        expectations: [
          { allow: 'put s3://instance-profile-test1/writetest', description: 'upload: ./writetest to s3://instance-profile-test1/writetest' },
          { deny: 'put s3://instance-profile-test2/writetest', description: 'upload failed: AccessDenied when calling the PutObject operation' },
          { allow: 'list s3://instance-profile-test1', description: 'aws s3 ls s3://instance-profile-test1 lists writetest' },
        ],
      },
    ],
  };
}
