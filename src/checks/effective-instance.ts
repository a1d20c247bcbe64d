/**
 * An instance as the rules see it: the arguments of its `aws_instance` as synthesized or
 * planned. An argument in `lifecycle.ignore_changes` (an adopted instance's, say) is not
 * managed by the Terraform and is `undefined` here; an argument that is managed but not set
 * is what AWS defaults it to where that is fixed (no detailed monitoring, no root volume
 * encryption unless the account turns it on), else left unset for the rule to say so.
 */
import { instanceKind } from '../resource-kinds';
import { argumentFields, type ArgumentField, isBlockField, modelKeyOf } from '../resource-kinds/resource-kind';
import type { ArgumentModel, InstanceResource, StackModel } from '../stack-model/stack-model';
import type { FieldPath } from '../spec/field-path';
import { locate } from './locate';

/** Instance metadata service options as set; `httpTokens` absent when the Terraform leaves it to AWS. */
export interface MetadataOptions {
  /** `required` (IMDSv2 only) or `optional` (IMDSv1 allowed). */
  readonly httpTokens?: string;
  readonly httpPutResponseHopLimit?: number;
}

/** The instance arguments its spec fields set that the model reads, not blocks (`instanceType`, `monitoring`, …; see `resource-kinds/instance.ts`). */
const ARGUMENTS = argumentFields(instanceKind.fields).flatMap(([, entry]) => (isBlockField(entry) || !entry.read ? [] : [entry as ArgumentField]));

/** Their values, by their names in the model; absent when not managed. */
type ArgumentValues = Partial<ArgumentModel<typeof instanceKind.fields>>;

/**
 * An instance as Terraform manages it; `undefined` fields are not managed. The arguments its
 * spec fields set ({@link ArgumentValues}) are as the model reads them, or what AWS does when
 * they are not set where that is fixed (`unsetMeans`: no detailed monitoring).
 */
export interface EffectiveInstance extends ArgumentValues {
  /** Its Terraform address. */
  readonly address: string;
  /** Where findings about the instance point: its spec field, or its address. */
  readonly path: FieldPath;
  /** Where findings about one of its arguments (Terraform names: `root_block_device`, `encrypted`) point. */
  at(...argument: string[]): FieldPath;
  /** Adopted with an import block rather than launched. */
  readonly existing: boolean;
  /** Whether it launches with an instance profile. */
  readonly hasInstanceProfile: boolean;
  /** Metadata service options. */
  readonly metadataOptions?: MetadataOptions;
  /** Whether the root EBS volume is encrypted (false when the Terraform does not say: AWS's default without account-level encryption). */
  readonly rootVolumeEncrypted?: boolean;
  /** Every tag the instance ends up with (the provider's default tags included); `undefined` when unmanaged. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** The instance of an `aws_instance` resource of `stack`. */
export function effectiveInstance(stack: StackModel, resource: InstanceResource): EffectiveInstance {
  const managed = (argument: string) => !resource.ignoreChanges.includes(argument) && !resource.ignoreChanges.includes('all');
  const when = <T>(argument: string, value: T): T | undefined => (managed(argument) ? value : undefined);
  const values = resource as unknown as Readonly<Record<string, unknown>>;
  const argumentValues = Object.fromEntries(
    ARGUMENTS.map((entry) => [modelKeyOf(entry), when(entry.argument, values[modelKeyOf(entry)] ?? entry.unsetMeans)]),
  ) as ArgumentValues;
  return {
    ...argumentValues,
    address: resource.address,
    path: locate(stack, resource.address),
    at: (...argument) => locate(stack, resource.address, ...argument),
    existing: resource.importId !== undefined,
    hasInstanceProfile: resource.iamInstanceProfile !== undefined,
    metadataOptions: when('metadata_options', { ...resource.metadataOptions }),
    rootVolumeEncrypted: when('root_block_device', resource.rootBlockDevice?.encrypted ?? false),
    tags: when('tags', resource.tagsAll),
  };
}
