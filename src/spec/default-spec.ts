/**
 * The built-in example: the manual walkthrough's setup exactly. `S3WritePolicy` (PutObject and
 * ListBucket on `instance-profile-test1`), `S3WriteRole` trusted by EC2, the attachment,
 * `S3WriteProfile` (named differently from the role, as in the walkthrough) and one instance.
 */
export const DEFAULT_SPEC_SOURCE = '<built-in default>';

/** The walkthrough's policy shape: write objects to one bucket and list it. */
export function bucketWritePolicy(bucketArn: string) {
  return {
    Version: '2012-10-17',
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

/** The raw (unvalidated) default spec; it goes through the same loader as a user's file. */
export function defaultSpecInput(): Record<string, unknown> {
  return {
    version: 1,
    stack: 's3-write',
    region: 'us-east-1',
    defaultTags: { ManagedBy: 'instance-profile-cdktf' },
    profiles: [
      {
        policies: [
          {
            name: 'S3WritePolicy',
            description: 'Write and list objects in instance-profile-test1',
            document: structuredClone(SEED_POLICY_DOCUMENT),
          },
        ],
        role: { name: 'S3WriteRole', description: 'Lets an EC2 instance write to instance-profile-test1' },
        instanceProfile: { name: 'S3WriteProfile' },
        instance: { name: 's3-writer', ami: 'ami-0c02fb55956c7d316', instanceType: 't3.micro' },
        expectations: [
          { allow: 'put s3://instance-profile-test1/writetest', description: 'upload: ./writetest to s3://instance-profile-test1/writetest' },
          { deny: 'put s3://instance-profile-test2/writetest', description: 'upload failed: AccessDenied when calling the PutObject operation' },
          { allow: 'list s3://instance-profile-test1', description: 'aws s3 ls s3://instance-profile-test1 lists writetest' },
        ],
      },
    ],
  };
}
