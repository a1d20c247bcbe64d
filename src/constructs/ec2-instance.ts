import { Instance, InstanceConfig } from '@cdktf/provider-aws/lib/instance';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ADOPTED_INSTANCE_PLACEHOLDERS, instanceKind, INSTANCE_LAUNCH_DEFAULTS, UNMANAGED_INSTANCE_ARGUMENTS } from '../resource-kinds';
import { type FieldProps, fieldArguments } from '../resource-kinds/resource-kind';
import { type InstanceSpec, instanceSchema, rootVolumeSchema, type RootVolumeSpec } from '../spec/spec-schema';
import { terraformName } from '../naming';
import { escapeLiteralText, functionArgument, keepsTextLiteral } from './literal-text';
import { validateProps } from './prop-validation';
import { SECURE_DEFAULTS } from '../secure-defaults';
import { resourceClass } from './resource-class';
import { importExisting } from './import-blocks';

const InstanceResource = resourceClass(Instance);

/** An instance profile to launch an instance with: an {@link InstanceProfileChain}, or one that exists ({@link instanceProfileNamed}). */
export interface InstanceProfileReference {
  /** The instance profile's name (a literal or a Terraform reference). */
  readonly instanceProfileName: string;
}

/** An instance profile that exists already (made by hand or by another stack), by name. */
export function instanceProfileNamed(instanceProfileName: string): InstanceProfileReference {
  return { instanceProfileName };
}

/** EBS volume types of a root volume. */
export type EbsVolumeType = NonNullable<RootVolumeSpec['type']>;

/** The props of the spec's instance fields, each typed as its field (`resource-kinds/instance.ts` documents them and their arguments). */
export type InstanceFieldProps = FieldProps<Omit<typeof instanceKind.fields, 'existingId'>, InstanceSpec>;

/** The instance's root EBS volume. */
export type RootVolumeProps = NonNullable<InstanceFieldProps['rootVolume']>;

export interface Ec2InstanceProps extends InstanceFieldProps {
  /** The instance profile to launch with: what `associate-iam-instance-profile` set by hand. */
  readonly instanceProfile: InstanceProfileReference;
  /** Terraform name of the `aws_instance` resource. @default - from the construct id: `Instance` → `instance` */
  readonly terraformName?: string;
  /**
   * Id of an instance that already exists. It is imported; only the profile and the fields set
   * here are managed, every other argument is in `lifecycle.ignore_changes`.
   * @default - a new instance is launched
   */
  readonly existingInstanceId?: string;
  /**
   * Import the existing instance with an `import` block. Off inside a reusable module, where
   * Terraform allows no import blocks: the calling root module imports it.
   * @default true
   */
  readonly importExisting?: boolean;
}

/**
 * An EC2 instance launched with an instance profile, with safe defaults: IMDSv2 required
 * with a hop limit of 1, an encrypted root volume, and no public IP unless asked for. Or an
 * existing instance, imported so that Terraform associates the profile with it (the provider
 * calls Associate/ReplaceIamInstanceProfileAssociation) and touches nothing else.
 */
export class Ec2Instance extends Construct {
  readonly instance: Instance;

  constructor(scope: Construct, id: string, props: Ec2InstanceProps) {
    super(scope, id);
    const existing = props.existingInstanceId !== undefined;
    // User data is a script, never Terraform code: a stack that keeps its text literal escapes it with the rest.
    if (props.userData && !keepsTextLiteral(this)) props = { ...props, userData: escapeLiteralText(props.userData) };
    const managed = existing ? instanceArguments(props) : launchArguments(props);
    const ignored = existing ? UNMANAGED_INSTANCE_ARGUMENTS.filter((argument) => argument === 'ami' || !(argument in snakeKeys(managed))) : [];
    const config = existing ? { ami: ADOPTED_INSTANCE_PLACEHOLDERS.ami, instanceType: ADOPTED_INSTANCE_PLACEHOLDERS.instanceType, ...managed } : managed;
    const preventDestroy = props.preventDestroy ?? existing;
    validateProps(this, () => [
      { prop: 'existingInstanceId', value: props.existingInstanceId, schema: instanceSchema.shape.existingId },
      { prop: 'name', value: props.name, schema: instanceSchema.shape.name },
      { prop: 'rootVolume.sizeGb', value: props.rootVolume?.sizeGb, schema: rootVolumeSchema.shape.sizeGb },
      { prop: 'rootVolume.type', value: props.rootVolume?.type, schema: rootVolumeSchema.shape.type },
    ]);
    this.instance = new InstanceResource(this, 'Instance', {
      ...config,
      iamInstanceProfile: props.instanceProfile.instanceProfileName,
      lifecycle:
        preventDestroy || ignored.length
          ? { preventDestroy: preventDestroy || undefined, ignoreChanges: ignored.length ? [...ignored] : undefined }
          : undefined,
    });
    this.instance.overrideLogicalId(props.terraformName ?? terraformName(id));
    if (props.existingInstanceId && props.importExisting !== false) importExisting(this.instance, instanceKind.importId(props.existingInstanceId));
  }

  /** The instance id (a Terraform reference). */
  get instanceId(): string {
    return this.instance.id;
  }
}

/** A new instance: everything set, secure defaults where the props are silent. */
function launchArguments(props: Ec2InstanceProps): Partial<InstanceConfig> {
  return { ...instanceArguments(props, INSTANCE_LAUNCH_DEFAULTS), metadataOptions: { ...SECURE_DEFAULTS.metadataOptions } };
}

/**
 * The arguments of the fields the props set, with `defaults` for those they leave out (only
 * what the props set is what an adopted instance lets Terraform manage), and the Name tag among
 * the tags.
 */
function instanceArguments(props: Ec2InstanceProps, defaults?: Readonly<Record<string, unknown>>): Partial<InstanceConfig> {
  const named: Record<string, string> = props.name ? { Name: props.name } : {};
  const tags: Record<string, string> =
    props.tags && Token.isUnresolved(props.tags) ? Token.asStringMap(Fn.merge([functionArgument(named), props.tags])) : { ...named, ...props.tags };
  const config: Partial<InstanceConfig> = {
    ...fieldArguments(instanceKind.fields, props, defaults),
    tags: Token.isUnresolved(tags) || Object.keys(tags).length ? tags : undefined,
  };
  return Object.fromEntries(Object.entries(config).filter(([, value]) => value !== undefined));
}

/** The Terraform (snake_case) names of the arguments set in `config`. */
function snakeKeys(config: Partial<InstanceConfig>): Record<string, true> {
  return Object.fromEntries(Object.keys(config).map((key) => [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), true]));
}
