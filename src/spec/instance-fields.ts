/**
 * The instance's fields: each with its rule and the argument it sets. Every field of the spec's
 * `instance` (and of its `rootVolume`) is declared here once: its `schema` (rule, description,
 * default: `spec-schema.ts` builds `instanceSchema` and `rootVolumeSchema` from them) and its
 * Terraform side (the `aws_instance` argument, how the stack model reads it back, the module
 * input it becomes), which `resource-kinds/instance.ts` checks against the descriptor's types
 * and from which the construct's props and arguments, the origins of findings, the stack
 * model's reader, the checks' view of an instance and the module's inputs are derived. Each
 * entry's doc comment, with its `@default`, is the construct prop's documentation.
 *
 * A new instance field: one entry here, plus its test value in `EVERY_FIELD` of
 * `__tests__/resource-kinds/resource-kinds.test.ts` (see docs/resource-kinds.md).
 */
import { SECURE_DEFAULTS } from '../secure-defaults';
import { s, type Schema } from './schema-kit';
import { tags } from './tags-schema';

/** A field's table entry: its schema, and its Terraform side (checked by `resource-kinds/`). */
interface WithSchema {
  readonly schema: Schema<unknown>;
}

/** The schemas of a table's fields, by field, in the table's order: the shape of its `s.object`. */
export type SchemasOf<Table extends Readonly<Record<string, WithSchema>>> = { -readonly [F in keyof Table]: Table[F]['schema'] };

/** See {@link SchemasOf}. */
export function schemasOf<Table extends Readonly<Record<string, WithSchema>>>(table: Table): SchemasOf<Table> {
  return Object.fromEntries(Object.entries(table).map(([field, entry]) => [field, entry.schema])) as SchemasOf<Table>;
}

/**
 * An EC2 resource id: the prefix, a dash and 8 lower-case hexadecimal digits (the short ids of
 * older resources) or 17 (the long ids EC2 gives now); no other length is an id EC2 makes.
 * `whenEmpty` explains an empty value.
 */
const ec2Id = (prefix: string, patternText: string, whenEmpty?: string) =>
  s.string({
    pattern: new RegExp(`^${prefix}-(?:[0-9a-f]{8}|[0-9a-f]{17})$`),
    patternText,
    explain: (value) => {
      if (value === '') return whenEmpty;
      const digits = new RegExp(`^${prefix}-([0-9a-fA-F]+)$`).exec(value)?.[1];
      if (digits === undefined) return undefined;
      if (digits !== digits.toLowerCase()) return 'EC2 writes ids in lower case';
      return `it has ${digits.length} hexadecimal digits; EC2 ids have 8 or 17`;
    },
  });

/** The fields of `instance.rootVolume`: the `root_block_device` block. */
export const ROOT_VOLUME_FIELDS = {
  /** Size in GiB, 1 to 65536. @default - the AMI's snapshot size */
  sizeGb: {
    schema: s.integer(1, 65536).describe('Root volume size in GiB.').optional(),
    argument: 'volume_size',
  },
  /** EBS volume type. @default "gp3" */
  type: {
    schema: s.enum('gp3', 'gp2', 'io1', 'io2', 'st1', 'sc1', 'standard').describe('EBS volume type.').optional().appliedDefault(SECURE_DEFAULTS.rootVolumeType),
    argument: 'volume_type',
    read: 'knownString',
  },
  /** Encrypt the volume. @default true */
  encrypted: {
    schema: s.boolean().describe('Encrypt the root volume.').optional().appliedDefault(SECURE_DEFAULTS.rootVolumeEncrypted),
    argument: 'encrypted',
    read: 'knownBoolean',
  },
  /** KMS key ARN for the encryption. @default - the account's default EBS key */
  kmsKeyId: {
    schema: s.string({ minLength: 1 }).describe("KMS key ARN for the root volume; the account's default EBS key when absent.").optional(),
    argument: 'kms_key_id',
    read: 'optionalString',
  },
} as const;

/** The schema of `instance.rootVolume`, from {@link ROOT_VOLUME_FIELDS}. */
export const rootVolumeSchema = s.object(schemasOf(ROOT_VOLUME_FIELDS));

/** The fields of the spec's `instance`, in the order the schema lists them and the module takes their inputs. */
export const INSTANCE_FIELDS = {
  /**
   * Id of an instance that already exists: the import id. It is imported; only the profile and
   * the fields set are managed, every other argument is in `lifecycle.ignore_changes`.
   * @default - a new instance is launched
   */
  existingId: {
    schema: ec2Id(
      'i',
      'an instance id like "i-0123456789abcdef0"',
      'leave existingId out to launch a new instance (an environment launches one where its variable for existingId is "")',
    )
      .describe(
        'Attach the profile to an instance that already exists: it is imported, only the fields set here are managed, and it is protected from destruction.',
      )
      .optional(),
    moduleInput: {
      name: 'existing_instance_id',
      instance: 'adopted',
      describe: (profile: string) => `Id of the existing instance that gets ${profile}; the calling root module imports it (see the example).`,
    },
  },
  /** Refuse to destroy the instance (`lifecycle.prevent_destroy`). @default - true for an existing instance, else false */
  preventDestroy: {
    schema: s
      .boolean()
      .describe('Refuse to destroy the instance (lifecycle.prevent_destroy). Defaults to true for an existing instance, else false.')
      .optional(),
  },
  /** The Name tag. @default - none */
  name: {
    schema: s.string({ minLength: 1, maxLength: 256 }).describe('Name tag of the instance. Defaults to the instance profile name.').optional(),
  },
  /** AMI id. @default - required for a new instance; unmanaged for an existing one */
  ami: {
    schema: ec2Id('ami', 'an AMI id like "ami-0123456789abcdef0"')
      .describe("AMI id; required unless existingId is set. The built-in example's is an us-east-1 example: use one of your region.")
      .optional(),
    argument: 'ami',
    moduleInput: { name: 'ami_id', describe: (profile: string) => `AMI of the instance launched with ${profile} (AMI ids belong to one region).` },
  },
  /** Instance type. @default "t3.micro" (unmanaged for an existing instance) */
  instanceType: {
    schema: s
      .string({ pattern: /^[a-z][a-z0-9-]*\.[a-z0-9]+$/, patternText: `an instance type like "${SECURE_DEFAULTS.instanceType}"` })
      .describe('Instance type; for an existing instance, unmanaged unless set.')
      .optional()
      .appliedDefault(SECURE_DEFAULTS.instanceType),
    argument: 'instance_type',
    read: 'knownString',
    moduleInput: { name: 'instance_type', describe: (profile: string) => `Instance type of the instance launched with ${profile}.` },
  },
  /** Subnet id. @default - the default VPC's subnet that EC2 picks */
  subnetId: {
    schema: ec2Id('subnet', 'a subnet id like "subnet-0123456789abcdef0"').describe('Subnet id.').optional(),
    argument: 'subnet_id',
    moduleInput: { name: 'subnet_id', describe: (profile: string) => `Subnet of the instance launched with ${profile}; null for the default VPC's.` },
  },
  /** VPC security group ids. @default - the VPC's default security group */
  securityGroupIds: {
    schema: s.array(ec2Id('sg', 'a security group id like "sg-0123456789abcdef0"')).describe('VPC security group ids.').optional(),
    argument: 'vpc_security_group_ids',
    moduleInput: {
      name: 'security_group_ids',
      describe: (profile: string) => `VPC security groups of the instance launched with ${profile}; null for the VPC's default group.`,
    },
  },
  /** EC2 key pair name. @default - none (use SSM Session Manager) */
  keyName: {
    schema: s.string({ minLength: 1, maxLength: 255 }).describe('EC2 key pair name.').optional(),
    argument: 'key_name',
    moduleInput: {
      name: 'key_name',
      describe: (profile: string) => `EC2 key pair of the instance launched with ${profile}; null for none (use SSM Session Manager).`,
    },
  },
  /** Give the instance a public IPv4 address. @default false */
  associatePublicIpAddress: {
    schema: s.boolean().describe('Give the instance a public IPv4 address.').optional().appliedDefault(SECURE_DEFAULTS.associatePublicIpAddress),
    argument: 'associate_public_ip_address',
    read: 'knownBoolean',
  },
  /** Detailed (1-minute) CloudWatch monitoring; off when not set, as in AWS. @default false */
  monitoring: {
    schema: s.boolean().describe('Detailed (1-minute) CloudWatch monitoring; a paid extra.').optional().appliedDefault(SECURE_DEFAULTS.detailedMonitoring),
    argument: 'monitoring',
    read: 'knownBoolean',
    unsetMeans: false,
  },
  /** EBS-optimized. @default true */
  ebsOptimized: {
    schema: s.boolean().describe('EBS-optimized instance.').optional().appliedDefault(SECURE_DEFAULTS.ebsOptimized),
    argument: 'ebs_optimized',
    read: 'knownBoolean',
  },
  /** User data script, plain text (kept literal: `${` is never a Terraform template here). @default - none */
  userData: {
    schema: s
      .string()
      .describe(
        'User data script (plain text); checked for secrets. At most 16 KB: 16,384 bytes of UTF-8, counted before the base64 encoding the provider applies.',
      )
      .optional(),
    argument: 'user_data',
    read: 'knownString',
    hashedInPlan: true,
  },
  /** Root volume. @default - gp3, encrypted with the account's default key */
  rootVolume: {
    schema: rootVolumeSchema
      .describe('Root EBS volume; for an existing instance, unmanaged unless set.')
      .optional()
      .appliedDefault({ type: SECURE_DEFAULTS.rootVolumeType, encrypted: SECURE_DEFAULTS.rootVolumeEncrypted }),
    argument: 'root_block_device',
    fields: ROOT_VOLUME_FIELDS,
  },
  /** Further tags on the instance (the construct adds the Name tag). @default - none */
  tags: {
    schema: tags().describe('Tags on the instance; for an existing instance, unmanaged unless set.').optional(),
    argument: 'tags',
  },
} as const;
