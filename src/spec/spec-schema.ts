/**
 * The spec a user edits: one declaration gives the TypeScript types, the validator
 * and the published JSON Schema (`spec.schema.json`). The instance's fields are declared in
 * `instance-fields.ts`, each with its rule and the argument it sets; `instanceSchema` and
 * `rootVolumeSchema` are built from that table.
 */
import { SECURE_DEFAULTS } from '../secure-defaults';
import { INSTANCE_FIELDS, rootVolumeSchema, schemasOf } from './instance-fields';
import { Infer, IntegerSchema, s, type SchemaIssue } from './schema-kit';
import { tags } from './tags-schema';
import { isPlainObject } from '../text/plain-object';
import { S3_SHORTHAND_VERB_PATTERN } from '../iam/s3-shorthand';

/** IAM user-facing names: letters, digits and `+=,.@_-` (IAM's own rule). */
const IAM_NAME_PATTERN = /^[\w+=,.@-]+$/;
const IAM_NAME_TEXT = 'made of letters, digits and +=,.@_- only';

const iamName = (maxLength: number) => s.string({ pattern: IAM_NAME_PATTERN, patternText: IAM_NAME_TEXT, minLength: 1, maxLength });

const iamPath = () =>
  s
    .string({
      pattern: /^\/(?:[\x21-\x7e]*\/)?$/,
      patternText: 'a path that starts and ends with "/" and holds printable ASCII only',
      maxLength: 512,
    })
    .describe('IAM path; starts and ends with "/".')
    .default(SECURE_DEFAULTS.iamPath);

/** A policy given by reference: an AWS-managed policy's name (with its path, if any) or any policy's ARN. */
const policyReference = () =>
  s.string({
    pattern: /^(?:arn:[a-z][a-z0-9-]*:iam::(?:aws|\d{12}):policy\/(?:[\x21-\x7e]*\/)?[\w+=,.@-]+|(?:[\w+=,.@-]+\/)*[\w+=,.@-]+)$/,
    patternText: 'an AWS-managed policy name like "AmazonSSMManagedInstanceCore" or a policy ARN like "arn:aws:iam::123456789012:policy/Name"',
    minLength: 1,
  });

/** A policy document: a JSON/YAML mapping inline, or a path to a JSON file (`file://` accepted). */
const policyDocument = () => s.either(s.jsonObject(), s.string({ minLength: 1 }), isPlainObject);

export const customerManagedPolicySchema = s.object({
  name: iamName(128).describe('Policy name, unique in the account (e.g. "S3WritePolicy").'),
  description: s.string({ maxLength: 1000 }).describe('Policy description; cannot be changed after creation.').optional(),
  path: iamPath(),
  tags: tags().describe('Tags on the policy.').optional(),
  document: policyDocument().describe(
    'Policy document: a mapping, or a path to the JSON file the AWS CLI would take (`file://` prefix accepted, relative to the spec file).',
  ),
});

export const inlinePolicySchema = s.object({
  name: iamName(128).describe('Policy name, unique among the role\'s inline policies (e.g. "WebServerLogs").'),
  document: policyDocument().describe(
    'Policy document: a mapping, or a path to the JSON file `aws iam put-role-policy` would take (`file://` prefix accepted, relative to the spec file).',
  ),
});

export const roleSchema = s.object({
  name: iamName(64).describe('Role name (e.g. "S3WriteRole").'),
  path: iamPath(),
  description: s.string({ maxLength: 1000 }).describe('Role description.').optional(),
  trustPolicy: policyDocument().describe('Trust (assume-role) policy document, inline or as a file path.').optional(),
  permissionsBoundary: policyReference().describe('Permissions boundary: an AWS-managed policy name or a policy ARN.').optional(),
  permissionsBoundaryDocument: policyDocument()
    .describe(
      "The document of a customer-managed permissions boundary made elsewhere (inline or as a file path): the access proofs apply it. Terraform refers to the boundary by permissionsBoundary's ARN only.",
    )
    .optional(),
  maxSessionDuration: s.integer(3600, 43200).describe('Maximum session duration in seconds.').default(SECURE_DEFAULTS.maxSessionDuration),
  managedPolicies: s.array(policyReference()).describe('AWS-managed policies by name (e.g. "AmazonSSMManagedInstanceCore"), or any policy by ARN.').default([]),
  inlinePolicies: s
    .array(inlinePolicySchema)
    .describe('Inline policies embedded in the role (`aws iam put-role-policy`), each an `aws_iam_role_policy`: they live and die with the role.')
    .default([]),
  tags: tags().default({}),
});

export const instanceProfileSchema = s.object({
  name: iamName(128).describe('Instance profile name; may differ from the role name. Defaults to the role name, as the console does.').optional(),
  path: iamPath(),
  tags: tags().default({}),
});

/** The instance's rules, from its fields' table (each field with its rule and the argument it sets). */
export { rootVolumeSchema };
export const instanceSchema = s.object(schemasOf(INSTANCE_FIELDS));

/** A request an expectation names: S3 shorthand (`put s3://bucket/key`) or an action on a resource ARN. */
const accessRequest = () =>
  s.either(
    s.string({
      pattern: new RegExp(`^(${S3_SHORTHAND_VERB_PATTERN}) s3://[^/\\s]+(/\\S*)?$`),
      patternText: 'an S3 request like "put s3://bucket/key", "get s3://bucket/key", "list s3://bucket" or "delete s3://bucket/key"',
    }),
    s.object({
      action: s.string({ pattern: /^[a-z0-9-]+:[A-Za-z0-9*]+$/, patternText: 'an IAM action like "s3:PutObject"' }).describe('IAM action.'),
      resource: s.string({ pattern: /^(arn:|\*$)/, patternText: 'a resource ARN' }).describe('Resource ARN.'),
      context: s.record(s.string()).describe('Request context keys, e.g. aws:SourceIp.').default({}),
    }),
    (value) => typeof value === 'string',
  );

export const expectationSchema = s.object({
  allow: accessRequest().describe('A request the instance must be allowed to make.').optional(),
  deny: accessRequest().describe('A request the instance must be denied.').optional(),
  description: s.string().describe('Why this expectation exists.').optional(),
});

export const suppressionSchema = s.object({
  rule: s.string({ minLength: 1 }).describe('Id of the security rule to suppress.'),
  reason: s.string({ minLength: 10 }).describe('Why the finding is accepted; shown in the output.'),
});

/** Which hand-made resources of a profile to bring under management with `import` blocks. */
export const adoptSchema = s.object({
  policies: s.boolean().describe('Import the customer-managed policies (needs accountId).').default(false),
  role: s.boolean().describe('Import the role.').default(false),
  attachments: s.boolean().describe('Import the role-policy attachments (needs accountId for customer-managed policies).').default(false),
  instanceProfile: s.boolean().describe('Import the instance profile.').default(false),
  inlinePolicies: s.boolean().describe("Import the role's inline policies.").default(false),
});

/**
 * The rule for every spec value that becomes a file or folder name: the stack name, and the
 * environment names (stack `<stack>-<environment>`). Letters, digits and dashes only, so a
 * name can never hold a path separator, `..`, a space or a character some file system refuses.
 */
export const STACK_NAME_RULES = {
  pattern: /^[A-Za-z][A-Za-z0-9-]{0,62}$/,
  patternText: 'a name of letters, digits and dashes that starts with a letter (at most 63 characters)',
} as const;

const stackName = () => s.string(STACK_NAME_RULES);

export const profileSchema = s.object({
  adopt: s
    .either(s.boolean(), adoptSchema, (value) => typeof value === 'boolean')
    .describe(
      'Bring resources made by hand under management with import blocks: true for all of them, or a mapping per resource. The instance is adopted through instance.existingId.',
    )
    .default(false),
  policies: s.array(customerManagedPolicySchema).describe('Customer-managed policies created and attached to the role.').default([]),
  role: roleSchema.describe('The IAM role the instance assumes.'),
  instanceProfile: instanceProfileSchema.describe('The instance profile that carries the role to EC2.').default({ path: SECURE_DEFAULTS.iamPath, tags: {} }),
  instance: instanceSchema.describe('An EC2 instance launched with the profile.').optional(),
  expectations: s.array(expectationSchema).describe('What the instance must and must not be able to do; checked offline before writing output.').default([]),
  suppressions: s.array(suppressionSchema).describe('Security findings accepted for this profile, each with a written reason.').default([]),
  environments: s.array(stackName(), 1).describe('The environments this profile exists in (names under environments). Defaults to all of them.').optional(),
});

const regionSchema = () => s.string({ pattern: /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*-\d+$/, patternText: 'an AWS region like "us-east-1"' });

const accountIdSchema = () =>
  s
    .string({ pattern: /^\d{12}$/, patternText: 'a 12-digit AWS account id' })
    .describe('AWS account id; needed to import customer-managed policies, whose ids are ARNs.');

/** Terraform reads a backend's settings before anything else, literally: it refuses templates there. */
const BACKEND_TEXT = 'Terraform takes backend settings literally and refuses templates there; write the value itself';

export const localBackendSchema = s.object({
  type: s.enum('local').describe('Local state file.'),
  path: s
    .string({
      pattern: /^(?![\\/]|[A-Za-z]:)/,
      patternText: 'a relative path (absolute paths would tie the output to one machine)',
      minLength: 1,
      noTemplates: BACKEND_TEXT,
    })
    .describe('State file path, relative to the directory Terraform runs in; `{stack}` is replaced by the stack name. Defaults to `terraform.{stack}.tfstate`.')
    .optional(),
});

/** S3's rule for bucket names (general purpose buckets): 3 to 63 lowercase letters, digits, dots and hyphens, a letter or digit at each end. */
const S3_BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Why a name breaks {@link S3_BUCKET_NAME}, with the name it was probably meant to be. */
export function bucketNameProblem(name: string): string | undefined {
  const reasons = [
    ...(name.length < 3 || name.length > 63 ? [`it is ${name.length} characters, and bucket names have 3 to 63`] : []),
    ...(/[A-Z]/.test(name) ? ['uppercase letters are not allowed'] : []),
    ...(/_/.test(name) ? ['underscores are not allowed'] : []),
    ...(/[^A-Za-z0-9._-]/.test(name) ? ['only lowercase letters, digits, dots and hyphens are allowed'] : []),
    ...(/^[^A-Za-z0-9]|[^A-Za-z0-9]$/.test(name) ? ['it must start and end with a letter or a digit'] : []),
  ];
  const suggestion = name.toLowerCase().replace(/_/g, '-');
  const meant = suggestion !== name && S3_BUCKET_NAME.test(suggestion) ? `; did you mean "${suggestion}"?` : '';
  return reasons.length ? `${reasons.join('; ')}${meant}` : undefined;
}

export const s3BackendSchema = s.object({
  type: s.enum('s3').describe('State in S3, locked with an S3 lock file (Terraform >= 1.10; no DynamoDB table).'),
  bucket: s
    .string({ pattern: S3_BUCKET_NAME, patternText: 'an S3 bucket name', explain: bucketNameProblem, noTemplates: BACKEND_TEXT })
    .describe('State bucket.'),
  key: s
    .string({ minLength: 1, maxLength: 1024, noTemplates: BACKEND_TEXT })
    .describe(
      'State object key; `{stack}` is replaced by the stack name (e.g. `state/{stack}.tfstate`). Defaults to `{stack}/terraform.tfstate`, so each stack has its own.',
    )
    .optional(),
  region: regionSchema().describe("Region of the state bucket. Defaults to the spec's region.").optional(),
  useLockfile: s.boolean().describe('Lock with an S3 lock file (use_lockfile).').default(true),
  encrypt: s.boolean().describe('Encrypt the state object.').default(true),
  kmsKeyId: s.string({ minLength: 1, noTemplates: BACKEND_TEXT }).describe('KMS key for the state object.').optional(),
});

export const cloudBackendSchema = s.object({
  type: s.enum('cloud').describe('HCP Terraform or Terraform Enterprise (cloud block).'),
  organization: s.string({ minLength: 1, noTemplates: BACKEND_TEXT }).describe('Organization.'),
  workspace: s
    .string({ pattern: /^(?:[A-Za-z0-9_-]|\{stack\}){1,90}$/, patternText: 'a workspace name of letters, digits, - and _ (and `{stack}`)' })
    .describe('Workspace name; `{stack}` is replaced by the stack name (e.g. `web-{stack}`). Defaults to the stack name.')
    .optional(),
  hostname: s.string({ minLength: 1, noTemplates: BACKEND_TEXT }).describe('Hostname of Terraform Enterprise.').default('app.terraform.io'),
});

export const backendSchema = s.tagged('type', { local: localBackendSchema, s3: s3BackendSchema, cloud: cloudBackendSchema }, 'local');

/** Names of module variables, as Terraform takes them and `{{var.<name>}}` refers to them. */
export const VARIABLE_NAME_RULES = {
  pattern: /^[a-z][a-z0-9_]{0,63}$/,
  patternText: 'a variable name of lowercase letters, digits and _ that starts with a letter (at most 64 characters)',
} as const;

export const FLEET_NAME_RULES = {
  pattern: /^[a-z][a-z0-9_]{0,63}$/,
  patternText: 'a Terraform name of lowercase letters, digits and _ that starts with a letter (at most 64 characters)',
} as const;

export const environmentSchema = s.object({
  region: regionSchema().describe("Region of this environment. Defaults to the spec's region.").optional(),
  accountId: accountIdSchema().optional(),
  defaultTags: tags().describe("Tags added to the spec's default tags in this environment.").default({}),
  backend: backendSchema.describe("State backend of this environment. Defaults to the spec's, with its own state key.").optional(),
  variables: s
    .record(s.json(), s.string(VARIABLE_NAME_RULES))
    .describe("Values of the spec's variables in this environment (an AMI of its region, an instance of its account, …), instead of their defaults.")
    .default({}),
});

export const fleetSchema = s.object({
  template: s.jsonObject().describe('A profile in which {{field}} placeholders are filled from each item (e.g. role name "{{team}}-writer").'),
  items: s.array(s.record(s.string()), 1).describe('One entry per profile: the values of the placeholders.'),
  name: s
    .string(FLEET_NAME_RULES)
    .describe(
      'Terraform name of the module call that instantiates the template once per item (`module.<name>[<instance profile name>]`). Defaults to `fleet_<position, from 1>`.',
    )
    .optional(),
  moveExpandedState: s
    .boolean()
    .describe(
      'Add `moved` blocks from the addresses each item has in the expanded form (`--fleets expanded`, and versions before for_each fleets) to its module instance, so Terraform moves existing state instead of destroying and creating. Keep them until every state of the spec has been applied once.',
    )
    .default(false),
});

/** The Terraform types a module variable may have. */
export const VARIABLE_TYPES = ['string', 'number', 'bool', 'list(string)', 'map(string)'] as const;

export const variableValidationSchema = s.object({
  condition: s
    .string({ minLength: 1 })
    .describe(
      'Terraform condition over the variable, e.g. `startswith(var.bucket, "team-")`. It may read only its own variable: no filesystem function, no `path.*` or other object, no template sequence in its strings.',
    ),
  message: s.string({ minLength: 1 }).describe('Error message shown by `terraform plan` when the condition is false (a sentence ending in "." or "?").'),
  rejects: s.json().describe("A value the condition rejects; the module's tests assert that `terraform plan` fails for it."),
});

export const variableSchema = s.object({
  type: s
    .enum(...VARIABLE_TYPES)
    .describe('Terraform type of the variable.')
    .default('string'),
  description: s.string({ minLength: 1 }).describe('What the variable is for; shown in the module README.').optional(),
  default: s.json().describe('Default value. The flat root (synth) uses it; without one, the module input is required.').optional(),
  example: s.json().describe('Value used by the checks, the access proofs, the module example and its tests when the variable has no default.').optional(),
  validation: s.array(variableValidationSchema).describe('Extra validation blocks, besides those derived from the fields the variable fills.').default([]),
});

export const moduleSchema = s.object({
  name: stackName().describe("Module name: the module folder's default name and the example's module block. Defaults to the stack name.").optional(),
});

/**
 * A whole number that sizes the steps of a loop. Unlike other limits, a value out of range is
 * not kept for the later checks: a step of 0 or less never ends the loop, so the value makes the
 * spec unusable and it is reported before anything uses it.
 */
class StepSizeSchema extends IntegerSchema {
  parse(value: unknown, path: ReadonlyArray<string | number>, issues: SchemaIssue[]): number | undefined {
    const before = issues.length;
    const parsed = super.parse(value, path, issues);
    return issues.length === before ? parsed : undefined;
  }
}

export const shardingSchema = s.object({
  profilesPerStack: new StepSizeSchema(1).describe('Split the profiles into stacks of at most this many (in order).').optional(),
});

export const specSchema = s.object({
  version: s.integer(1, 1).describe('Spec format version.').default(1),
  stack: stackName().describe('Stack name: the output folder and the default state file are named after it.').default('instance-profiles'),
  region: regionSchema().describe('AWS region of the provider.').default('us-east-1'),
  accountId: accountIdSchema().optional(),
  defaultTags: tags().describe('Tags the provider adds to every resource that supports them.').default({}),
  backend: backendSchema.describe('Terraform state backend.').default({ type: 'local' }),
  environments: s
    .record(environmentSchema, stackName())
    .describe('Environments (e.g. dev, prod): each becomes its own stack <stack>-<environment> with its own state.')
    .default({}),
  sharding: shardingSchema.describe('How to split many profiles into several stacks.').default({}),
  profiles: s.array(profileSchema).describe('The instance profiles to generate, each with its role, policies and instance.').default([]),
  fleets: s.array(fleetSchema).describe('Many similar profiles from a template and a table of items.').default([]),
  variables: s
    .record(variableSchema, s.string(VARIABLE_NAME_RULES))
    .describe(
      'Module variables: `{{var.<name>}}` in any string of profiles and fleet templates. The module (`module` command) takes them as inputs, validated by the rules of the fields they fill; the flat root (synth) uses their defaults.',
    )
    .default({}),
  module: moduleSchema.describe('How the `module` command names the module it generates.').default({}),
  suppressions: s
    .array(suppressionSchema)
    .describe("Security rules accepted for every profile, each with the reason (a profile's own suppressions take precedence).")
    .default([]),
});

export type Spec = Infer<typeof specSchema>;
export type ProfileSpec = Spec['profiles'][number];
export type CustomerManagedPolicySpec = ProfileSpec['policies'][number];
export type RoleSpec = ProfileSpec['role'];
export type InlinePolicySpec = RoleSpec['inlinePolicies'][number];
export type InstanceSpec = NonNullable<ProfileSpec['instance']>;
export type RootVolumeSpec = NonNullable<InstanceSpec['rootVolume']>;
export type ExpectationSpec = ProfileSpec['expectations'][number];
export type AccessRequestSpec = NonNullable<ExpectationSpec['allow']>;
export type SuppressionSpec = ProfileSpec['suppressions'][number];
export type AdoptSpec = Infer<typeof adoptSchema>;
export type BackendSpec = Infer<typeof backendSchema>;
export type EnvironmentSpec = Infer<typeof environmentSchema>;
export type VariableSpec = Infer<typeof variableSchema>;
export type VariableType = VariableSpec['type'];

/** The published JSON Schema of the spec file. */
export function specJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'instance-profile-cdktf spec',
    ...specSchema.jsonSchema(),
  };
}
export type FleetSpec = Spec['fleets'][number];
