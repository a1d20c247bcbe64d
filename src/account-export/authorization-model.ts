/**
 * The model of an account's IAM export (`aws iam get-account-authorization-details`), merged
 * from all its pages: what a future `import` needs to turn the account into a spec.
 */
import type { PolicyDocument } from '../iam/policy-document';
import type { ExportTag } from './export-fields';

/** A role named inside an instance profile. */
export interface ExportProfileRole {
  readonly name: string;
  readonly arn: string;
}

/** An instance profile, as listed in the `InstanceProfileList` of the roles it holds. */
export interface ExportInstanceProfile {
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  /** Its tags, where the export lists them. @default - not in the export */
  readonly tags?: readonly ExportTag[];
  /** The roles the export lists in the profile (IAM allows one). */
  readonly roles: readonly ExportProfileRole[];
}

/** An inline policy of a role (`RolePolicyList`). */
export interface ExportInlinePolicy {
  readonly name: string;
  readonly document: PolicyDocument;
}

/** A managed policy attached to a role, user or group (`AttachedManagedPolicies`). */
export interface ExportAttachedPolicy {
  readonly arn: string;
  readonly name: string;
}

/** A role of the export (`RoleDetailList`). */
export interface ExportRole {
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly roleId: string;
  /** The trust policy (`AssumeRolePolicyDocument`). */
  readonly trustPolicy: PolicyDocument;
  /** `PermissionsBoundary.PermissionsBoundaryArn`. @default - none */
  readonly permissionsBoundaryArn?: string;
  /** `MaxSessionDuration` in seconds, where the export has it (RoleDetail does not document it). @default - not in the export */
  readonly maxSessionDuration?: number;
  readonly tags: readonly ExportTag[];
  readonly inlinePolicies: readonly ExportInlinePolicy[];
  readonly attachedPolicies: readonly ExportAttachedPolicy[];
  /** The instance profiles holding this role (its `InstanceProfileList`). */
  readonly instanceProfiles: readonly ExportInstanceProfile[];
  /** Whether the role is service-linked: its path is under `/aws-service-role/`. */
  readonly serviceLinked: boolean;
}

/** A managed policy of the export (`Policies`), with its default version's document. */
export interface ExportPolicy {
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly defaultVersionId: string;
  /** `Description`. @default - none, or not in the export */
  readonly description?: string;
  /** Its tags, where the export lists them (`get-account-authorization-details` does not). @default - not in the export */
  readonly tags?: readonly ExportTag[];
  /** The document of the version with `IsDefaultVersion: true`. */
  readonly document: PolicyDocument;
  /** Whether AWS manages it (its ARN's account is `aws`); customer-managed otherwise. */
  readonly awsManaged: boolean;
  /** `AttachmentCount`: users, groups and roles it is attached to. @default - not in the export */
  readonly attachmentCount?: number;
  /** `PermissionsBoundaryUsageCount`: users and roles it bounds. @default - not in the export */
  readonly permissionsBoundaryUsageCount?: number;
  /** Users that attach it (from `UserDetailList`), in export order. */
  readonly attachedToUsers: readonly string[];
  /** Groups that attach it (from `GroupDetailList`), in export order. */
  readonly attachedToGroups: readonly string[];
}

/** Every page of one export, merged. */
export interface AuthorizationDetails {
  /** The page files, in the order given. */
  readonly files: readonly string[];
  /** Every role, in export order. */
  readonly roles: readonly ExportRole[];
  /** Every managed policy, in export order. */
  readonly policies: readonly ExportPolicy[];
  /** Every instance profile listed under a role, once each (by ARN), roles merged. */
  readonly instanceProfiles: readonly ExportInstanceProfile[];
  /** The names of the service-linked roles. */
  readonly serviceLinkedRoles: readonly string[];
}
