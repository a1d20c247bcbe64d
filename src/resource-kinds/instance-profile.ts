/** `aws_iam_instance_profile`: what carries the role to an instance, what `aws iam create-instance-profile` makes. */
import type { ProfileSpec } from '../spec/spec-schema';
import type { FieldTable, ResourceKind } from './resource-kind';

export const instanceProfileKind = {
  type: 'aws_iam_instance_profile',
  label: 'instance profile',
  fields: {
    name: {
      argument: 'name',
      read: 'plannedString',
      moduleInput: { name: 'instance_profile_name', describe: (profile) => `Name of the instance profile ${profile}; may differ from the role name.` },
    },
    path: { argument: 'path', read: 'iamPath' },
    tags: { argument: 'tags' },
  } as const satisfies FieldTable<ProfileSpec['instanceProfile']>,
  reads: {
    /** The role's name, when the profile carries one. */
    role: { argument: 'role', read: 'optionalString' },
  },
  /** The instance profile name, `S3WriteProfile`. */
  importId: (name: string) => name,
} as const satisfies ResourceKind;
