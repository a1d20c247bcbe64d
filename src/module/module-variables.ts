/**
 * The inputs of the generated Terraform module, declared once: the module stack, the
 * module's README and the project README's inputs table are all built from this list.
 */

/** One `variable` block of the module. */
export interface ModuleVariable {
  readonly name: string;
  /** Terraform type expression, e.g. `string`, `map(string)`. */
  readonly type: 'string' | 'map(string)';
  readonly description: string;
  /** Absent: the variable is required. `null`: optional with no value. */
  readonly default?: string | null | Record<string, string>;
  /** Validation rules: a Terraform condition and the message shown when it is false. */
  readonly validations: ReadonlyArray<{ readonly condition: string; readonly message: string }>;
}

const iamName = (variable: string, maxLength: number) => [
  {
    condition: `length(var.${variable}) >= 1 && length(var.${variable}) <= ${maxLength}`,
    message: `${variable} must be 1 to ${maxLength} characters.`,
  },
  {
    condition: `can(regex("^[\\\\w+=,.@-]+$", var.${variable}))`,
    message: `${variable} may hold letters, digits and +=,.@_- only.`,
  },
];

export const MODULE_VARIABLES: readonly ModuleVariable[] = [
  {
    name: 'bucket_name',
    type: 'string',
    description: 'S3 bucket the instance may write objects to and list.',
    validations: [
      {
        condition: 'can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name))',
        message: 'bucket_name must be a valid S3 bucket name (3 to 63 lowercase letters, digits, dots and hyphens).',
      },
    ],
  },
  {
    name: 'ami_id',
    type: 'string',
    description: 'AMI id of the instance.',
    validations: [{ condition: 'can(regex("^ami-[0-9a-f]{8,17}$", var.ami_id))', message: 'ami_id must look like ami-0123456789abcdef0.' }],
  },
  {
    name: 'policy_name',
    type: 'string',
    description: 'Name of the customer-managed policy.',
    default: 'S3WritePolicy',
    validations: iamName('policy_name', 128),
  },
  {
    name: 'role_name',
    type: 'string',
    description: 'Name of the IAM role the instance assumes.',
    default: 'S3WriteRole',
    validations: iamName('role_name', 64),
  },
  {
    name: 'instance_profile_name',
    type: 'string',
    description: 'Name of the instance profile; may differ from the role name.',
    default: 'S3WriteProfile',
    validations: iamName('instance_profile_name', 128),
  },
  {
    name: 'instance_type',
    type: 'string',
    description: 'EC2 instance type.',
    default: 't3.micro',
    validations: [
      {
        condition: 'can(regex("^[a-z][a-z0-9-]*\\\\.[a-z0-9]+$", var.instance_type))',
        message: 'instance_type must look like t3.micro.',
      },
    ],
  },
  {
    name: 'subnet_id',
    type: 'string',
    description: "Subnet of the instance; null for the default VPC's.",
    default: null,
    validations: [
      {
        condition: 'var.subnet_id == null || can(regex("^subnet-[0-9a-f]{8,17}$", var.subnet_id))',
        message: 'subnet_id must look like subnet-0123456789abcdef0.',
      },
    ],
  },
  {
    name: 'tags',
    type: 'map(string)',
    description: 'Tags on the role, the instance profile and the instance.',
    default: {},
    validations: [{ condition: 'length(var.tags) <= 50', message: 'At most 50 tags.' }],
  },
];

/** The module's outputs: name, description, and which attribute of the stack it is. */
export const MODULE_OUTPUTS = [
  { name: 'role_arn', description: 'ARN of the IAM role.' },
  { name: 'role_name', description: 'Name of the IAM role.' },
  { name: 'instance_profile_name', description: 'Name of the instance profile.' },
  { name: 'instance_profile_arn', description: 'ARN of the instance profile.' },
  { name: 'instance_id', description: 'Id of the EC2 instance.' },
] as const;
