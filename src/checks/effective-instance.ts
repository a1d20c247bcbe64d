/**
 * The instance settings Terraform will actually manage, with the secure defaults applied the way
 * the `Ec2Instance` construct applies them: a launched instance gets every default; an existing
 * (adopted) instance only has the fields the spec sets, the rest stays unmanaged (`undefined`).
 */
import { SECURE_DEFAULTS } from '../constructs/secure-defaults';
import type { ResolvedProfileSpec, ResolvedSpec } from '../spec/model';
import type { FieldPath } from './field-path';

/** Instance metadata service options. */
export interface MetadataOptions {
  /** `required` (IMDSv2 only) or `optional` (IMDSv1 allowed). */
  readonly httpTokens: string;
  readonly httpPutResponseHopLimit: number;
}

/** An instance as Terraform manages it; `undefined` fields are not managed. */
export interface EffectiveInstance {
  /** Where the instance is in the spec, e.g. `profiles[0].instance`. */
  readonly path: FieldPath;
  /** Adopted with `existingId` rather than launched. */
  readonly existing: boolean;
  /** The instance profile attached to it. */
  readonly instanceProfileName?: string;
  /** Metadata service options (always the secure defaults for a launched instance). */
  readonly metadataOptions?: MetadataOptions;
  /** Whether the root EBS volume is encrypted. */
  readonly rootVolumeEncrypted?: boolean;
  /** Whether the instance gets a public IPv4 address. */
  readonly associatePublicIpAddress?: boolean;
  /** Detailed (1-minute) CloudWatch monitoring. */
  readonly monitoring?: boolean;
  /** EBS-optimized. */
  readonly ebsOptimized?: boolean;
  /** The user data script, as given. */
  readonly userData?: string;
  /** Every tag the instance ends up with (provider default tags, Name, instance tags). */
  readonly tags?: Readonly<Record<string, string>>;
}

/** The effective instance of profile `index`, or `undefined` when it has none. */
export function effectiveInstance(spec: ResolvedSpec, profile: ResolvedProfileSpec): EffectiveInstance | undefined {
  const instance = profile.instance;
  if (!instance) return undefined;
  const existing = instance.existingId !== undefined;
  const name = instance.name ?? (existing ? undefined : profile.instanceProfile.name);
  const ownTags = { ...(name ? { Name: name } : {}), ...instance.tags };
  const managedTags = !existing || Object.keys(ownTags).length > 0;
  const launched = <T>(value: T | undefined, fallback: T): T | undefined => value ?? (existing ? undefined : fallback);
  return {
    path: [...profile.fieldPath, 'instance'],
    existing,
    instanceProfileName: profile.instanceProfile.name,
    metadataOptions: existing ? undefined : { ...SECURE_DEFAULTS.metadataOptions },
    rootVolumeEncrypted: launched(instance.rootVolume?.encrypted, SECURE_DEFAULTS.rootVolumeEncrypted),
    associatePublicIpAddress: launched(instance.associatePublicIpAddress, SECURE_DEFAULTS.associatePublicIpAddress),
    monitoring: launched(instance.monitoring, SECURE_DEFAULTS.detailedMonitoring),
    ebsOptimized: launched(instance.ebsOptimized, SECURE_DEFAULTS.ebsOptimized),
    userData: instance.userData,
    tags: managedTags ? { ...spec.defaultTags, ...ownTags } : undefined,
  };
}
