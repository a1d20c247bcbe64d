/**
 * Ids of the checks that are not security rules: spec validity, policy grammar and meaning,
 * IAM quotas and suppressions. They report invalid input, so they cannot be suppressed; the
 * security rules' ids live with the rules (`rules/index.ts`).
 */
export const CHECK_IDS = {
  /** A problem found while reading the spec (schema, files, names): from `readSpec`. */
  specSchema: 'SPEC_SCHEMA',
  /** `Version` missing, unknown, or the legacy 2008-10-17. */
  policyVersion: 'IAM_POLICY_VERSION',
  /** `Statement` missing, or not a statement or list of statements. */
  policyStatement: 'IAM_POLICY_STATEMENT',
  /** A statement's `Effect` missing or other than Allow / Deny. */
  policyEffect: 'IAM_POLICY_EFFECT',
  /** An element unknown, misplaced, mistyped, missing or conflicting (Action with NotAction, duplicate Sid…). */
  policyElement: 'IAM_POLICY_ELEMENT',
  /** A principal value IAM refuses: a partial wildcard, or not an account id, ARN, service or provider name. */
  principalFormat: 'IAM_PRINCIPAL_FORMAT',
  /**
   * A condition operator IAM refuses (unknown, miscased, a bad set qualifier, `NullIfExists`), or
   * a combination it accepts but that cannot work as meant (a set qualifier on `Null`).
   */
  conditionOperator: 'IAM_CONDITION_OPERATOR',
  /**
   * A condition key that is malformed or repeated in another case (errors), or unknown to the
   * catalog, of a type the operator does not compare, or multivalued without a set qualifier (warnings).
   */
  conditionKey: 'IAM_CONDITION_KEY',
  /**
   * A condition value that is not a scalar or a list of scalars, mixes JSON types, or uses a policy
   * variable where IAM does not allow one or with a broken syntax (errors); or that is not of the
   * form its operator compares, is empty, or holds a wildcard an `Equals` operator reads literally (warnings).
   */
  conditionValue: 'IAM_CONDITION_VALUE',
  /** An action string that is not `service:Action`, `service:Pattern*` or `*`. */
  actionFormat: 'IAM_ACTION_FORMAT',
  /** An action, or a service prefix, that IAM does not know. */
  unknownAction: 'IAM_UNKNOWN_ACTION',
  /** A wildcard action that matches no action. */
  actionMatchesNothing: 'IAM_ACTION_MATCHES_NOTHING',
  /** A resource that is neither `*` nor a well-formed ARN. */
  resourceArnFormat: 'IAM_RESOURCE_ARN_FORMAT',
  /**
   * An ARN (a resource, a principal, a managed policy or permissions boundary) of another
   * partition than the stack's, or with a partition pattern that cannot match it.
   */
  arnPartition: 'IAM_ARN_PARTITION',
  /** An S3 bucket or object ARN in `Resource` or `NotResource` whose bucket name S3 does not allow (uppercase, underscores, length…). */
  resourceBucketName: 'IAM_RESOURCE_BUCKET_NAME',
  /** An action that applies to no resource of its statement, or an ARN no action applies to. */
  resourceMismatch: 'IAM_RESOURCE_MISMATCH',
  /** A trust policy that does not let EC2 assume the role of an instance profile. */
  trustEc2: 'IAM_TRUST_EC2',
  /** More roles or instance profiles in one account than IAM's quota (1,000 by default, 5,000 at most). */
  accountQuota: 'IAM_ACCOUNT_QUOTA',
  /** A region (the spec's, an environment's, an S3 backend's) that the AWS SDK's partition data does not list. */
  unknownRegion: 'AWS_UNKNOWN_REGION',
  /** An AMI id launched in stacks of more than one region (AMI ids are regional), across the spec's environments and stacks. */
  amiRegion: 'EC2_AMI_REGION',
  /** An instance type that the EC2 API model (`@aws-sdk/client-ec2`) does not have. */
  unknownInstanceType: 'EC2_UNKNOWN_INSTANCE_TYPE',
  /** An AWS-managed policy (by name or ARN) that the AWS-managed policy data does not have, or has at another path. */
  unknownManagedPolicy: 'IAM_UNKNOWN_MANAGED_POLICY',
  /** A managed policy document over 6,144 characters, or a role's inline policies over 10,240 together (whitespace not counted), or a document holding a string longer than its quota. */
  policySize: 'IAM_POLICY_SIZE',
  /** A trust policy over 2,048 characters (whitespace not counted), or holding a string longer than that. */
  trustPolicySize: 'IAM_TRUST_POLICY_SIZE',
  /** More managed policies attached to a role than IAM allows (10 by default, at most 20). */
  rolePolicyCount: 'IAM_ROLE_POLICY_COUNT',
  /** User data over EC2's 16 KB (16,384 bytes of UTF-8, before base64 encoding). */
  userDataSize: 'EC2_USER_DATA_SIZE',
  /** More than 50 tags on a role, an instance profile or an instance. */
  tagCount: 'TAG_COUNT',
  /** A tag key or value AWS refuses: empty or too long key, characters outside the allowed set, or the reserved `aws:` prefix. */
  tagFormat: 'TAG_FORMAT',
  /** Tag keys of one IAM role that differ only in case: IAM role tag keys ignore case, so only one survives. */
  tagCaseDuplicate: 'TAG_CASE_DUPLICATE',
  /** A value the checks need that Terraform knows only after apply (a policy document built from other resources' attributes). */
  unknownValue: 'TERRAFORM_UNKNOWN_VALUE',
  /** A suppression that names no known rule, or a check that cannot be suppressed. */
  suppressionUnknownRule: 'SUPPRESSION_UNKNOWN_RULE',
  /** A suppression that matches no finding (stale). */
  suppressionUnused: 'SUPPRESSION_UNUSED',
} as const;

/** One of the ids above. */
export type CheckId = (typeof CHECK_IDS)[keyof typeof CHECK_IDS];

/** Every non-security check id. */
export const ALL_CHECK_IDS: readonly string[] = Object.values(CHECK_IDS);
