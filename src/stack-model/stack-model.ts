/**
 * What one Terraform root deploys, as the checks and the access verification read it: the AWS
 * provider's settings and the IAM and EC2 resources with their values as Terraform will send
 * them. It is read from what is synthesized (the Terraform JSON of a stack) or from Terraform's
 * own plan (`terraform show -json`), so the checks describe what is deployed, whoever wrote the
 * Terraform. Values Terraform knows only after apply (the ARN of a policy to be created) are
 * {@link UnknownValue}s, with the reference they come from where there is one: never guessed.
 */
import type { PolicyDocument } from '../spec/model';
import {
  type attachmentKind,
  type instanceKind,
  type instanceProfileKind,
  type ManagedResourceKind,
  type policyKind,
  RESOURCE_KINDS,
  type roleKind,
  type rolePolicyKind,
} from '../resource-kinds';
import type { CamelCase, ValueReading } from '../resource-kinds/resource-kind';
import type { ResourceOrigin } from '../spec/resource-origin';

/** A Terraform reference to another resource's attribute: `aws_iam_policy.s3_write_policy.arn`. */
export interface ResourceReference {
  /** The resource address, module path included: `aws_iam_policy.s3_write_policy`, `module.writer.aws_iam_role.this`. */
  readonly address: string;
  /** The attribute: `arn`, `name`, `id`. */
  readonly attribute: string;
}

/** A value known only after apply. */
export interface UnknownValue {
  readonly unknown: true;
  /** The resource attribute it comes from, when it is a plain reference. */
  readonly reference?: ResourceReference;
}

/** A value as planned: known, or known only after apply. */
export type Planned<T> = T | UnknownValue;

/** The account a provider deploys to: its one allowed account id, when it names exactly one. */
export function soleAccountOf(provider: ProviderSettings): string | undefined {
  return provider.allowedAccountIds.length === 1 ? provider.allowedAccountIds[0] : undefined;
}

/** Whether a planned value is known only after apply. */
export function isUnknown(value: unknown): value is UnknownValue {
  return typeof value === 'object' && value !== null && (value as { unknown?: unknown }).unknown === true;
}

export type { ResourceOrigin, SpecPath } from '../spec/resource-origin';

/** The region a model takes when the Terraform does not say which (the checks report that they assumed it). */
export const ASSUMED_REGION = 'us-east-1';

/** The AWS provider of the root: where its resources are deployed. */
export interface ProviderSettings {
  /** The provider's region; {@link ASSUMED_REGION} when the Terraform does not say ({@link regionGiven} false). */
  readonly region: string;
  /**
   * Whether the configuration or plan gives the region: not when it comes from `AWS_REGION` at
   * plan time, unless the plan was made with the AWS provider 6.x, whose resources' planned
   * `region` says it.
   */
  readonly regionGiven: boolean;
  /** `aws`, `aws-cn`, `aws-us-gov`, … (from the region). */
  readonly partition: string;
  /** The DNS suffix of service principals: `amazonaws.com`, `amazonaws.com.cn`. */
  readonly dnsSuffix: string;
  /** `allowed_account_ids`: the account the root deploys to, when it names one. */
  readonly allowedAccountIds: readonly string[];
  /** `default_tags`, added to every resource that takes tags. */
  readonly defaultTags: Readonly<Record<string, string>>;
}

/** What every resource has. */
interface ResourceBase {
  /** Terraform address: `aws_iam_role.s3_write_role`. */
  readonly address: string;
  /** The id of the `import` block that adopts it, when there is one. */
  readonly importId?: string;
  /** `lifecycle.ignore_changes`: arguments Terraform leaves as they are on the real resource. */
  readonly ignoreChanges: readonly string[];
  /** The resource's own `tags`. */
  readonly tags: Readonly<Record<string, string>>;
  /** Its tags with the provider's default tags: what AWS stores (`tags_all`). */
  readonly tagsAll: Readonly<Record<string, string>>;
  /**
   * The region it is managed in, where its Terraform says so per resource: the planned `region`
   * of an AWS provider 6.x plan (the provider's, unless the resource sets its own) or a `region`
   * argument of the configuration. Absent: the provider's region (see {@link regionOf}); IAM's
   * resources are global and never have one.
   */
  readonly region?: string;
}

/** The value each {@link ValueReading} of a resource kind gives the model. */
export interface ReadValues {
  readonly plannedString: Planned<string>;
  readonly optionalString: Planned<string> | undefined;
  readonly knownString: string | undefined;
  readonly knownBoolean: boolean | undefined;
  readonly knownNumber: number | undefined;
  readonly document: Planned<PolicyDocument>;
  readonly iamPath: string;
  readonly plannedStrings: readonly Planned<string>[];
}

/** The model's name for an argument a descriptor entry reads (see `ArgumentField.modelKey`). */
type ModelKey<E> = E extends { readonly modelKey: infer K extends string } ? K : E extends { readonly argument: infer A extends string } ? CamelCase<A> : never;

/** What the model holds for a descriptor entry: a block's own model, a read argument's value, or nothing (`never`) for an entry it does not read. */
type ModelValue<E> = E extends { readonly fields: infer Nested }
  ? ModelOf<Nested> | undefined
  : E extends { readonly read: infer R extends ValueReading }
    ? ReadValues[R]
    : never;

type ReadKey<E, Optional extends boolean> = [ModelValue<E>] extends [never]
  ? never
  : (undefined extends ModelValue<E> ? true : false) extends Optional
    ? ModelKey<E>
    : never;

/** The model of a descriptor table: each entry it reads, by its model name; those that may be absent optional. */
export type ModelOf<Table> = { readonly [K in keyof Table as ReadKey<Table[K], false>]: ModelValue<Table[K]> } & {
  readonly [K in keyof Table as ReadKey<Table[K], true>]?: Exclude<ModelValue<Table[K]>, undefined>;
};

/** The model of the entries of a table that are single arguments, blocks left out (an instance's `instanceType`, `monitoring`, …). */
export type ArgumentModel<Table> = ModelOf<{ [K in keyof Table as Table[K] extends { readonly fields: unknown } ? never : K]: Table[K] }>;

/** The model a resource kind's descriptor reads: its fields' arguments and its other reads. */
type KindModel<Kind extends ManagedResourceKind> = ModelOf<Kind['fields']> & ModelOf<Kind['reads']>;

/** `aws_iam_policy`: a customer-managed policy (see `resource-kinds/policy.ts`). */
export interface PolicyResource extends ResourceBase, KindModel<typeof policyKind> {
  readonly type: typeof policyKind.type;
}

/** `aws_iam_role` (see `resource-kinds/role.ts`). */
export interface RoleResource extends ResourceBase, KindModel<typeof roleKind> {
  readonly type: typeof roleKind.type;
}

/** `aws_iam_role_policy_attachment` (see `resource-kinds/attachment.ts`). */
export interface AttachmentResource extends ResourceBase, KindModel<typeof attachmentKind> {
  readonly type: typeof attachmentKind.type;
}

/** `aws_iam_instance_profile` (see `resource-kinds/instance-profile.ts`). */
export interface InstanceProfileResource extends ResourceBase, KindModel<typeof instanceProfileKind> {
  readonly type: typeof instanceProfileKind.type;
}

/**
 * `aws_instance`: the arguments `resource-kinds/instance.ts` says the model reads. Absent means
 * not set (the provider's or AWS's default applies).
 */
export interface InstanceResource extends ResourceBase, KindModel<typeof instanceKind> {
  readonly type: typeof instanceKind.type;
}

/** Every resource type the checks read. */
/** `aws_iam_role_policy`: an inline policy of a role (see `resource-kinds/role-policy.ts`). */
export interface RolePolicyResource extends ResourceBase, KindModel<typeof rolePolicyKind> {
  readonly type: typeof rolePolicyKind.type;
}

export type StackResource = PolicyResource | RoleResource | AttachmentResource | RolePolicyResource | InstanceProfileResource | InstanceResource;

/** One Terraform root: its provider and its resources. */
export interface StackModel {
  /** For messages: the stack name, or the plan file. */
  readonly source: string;
  readonly provider: ProviderSettings;
  readonly resources: readonly StackResource[];
  /** Spec locations of the resources built from a spec, by address; empty for hand-written Terraform. */
  readonly origins: ReadonlyMap<string, ResourceOrigin>;
  /**
   * Documents of customer-managed policies the stack refers to but does not create, by ARN, as
   * the spec gives them (a permissions boundary made elsewhere): the proofs apply them. @default - none
   */
  readonly knownPolicies?: ReadonlyMap<string, PolicyDocument>;
}

/** The resources of one type. */
export function resourcesOfType<T extends StackResource['type']>(stack: StackModel, type: T): Array<Extract<StackResource, { type: T }>> {
  return stack.resources.filter((resource): resource is Extract<StackResource, { type: T }> => resource.type === type);
}

/** The region a resource is deployed in: its own (an AWS provider 6.x `region`), else its stack's provider's. */
export function regionOf(stack: StackModel, resource: StackResource): string {
  return resource.region ?? stack.provider.region;
}

/**
 * Every region the stack's Terraform names, each once: the provider's when the Terraform gives it
 * ({@link ProviderSettings.regionGiven}), then the resources' own (AWS provider 6.x). Empty when
 * it names none: the stack may be in any region.
 */
export function regionsOf(stack: StackModel): string[] {
  const regions = new Set<string>(stack.provider.regionGiven ? [stack.provider.region] : []);
  for (const resource of stack.resources) if (resource.region !== undefined) regions.add(resource.region);
  return [...regions];
}

/** The Terraform resource types the model reads. */
export const MODELLED_TYPES: readonly StackResource['type'][] = RESOURCE_KINDS.map((kind) => kind.type);
