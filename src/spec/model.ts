/**
 * The spec after loading: validated, defaults applied, and every policy document read
 * from its file, so the rest of the program never touches the file system for it.
 */
import type { VariableUse } from './spec-variables';
import type { AdoptSpec, CustomerManagedPolicySpec, InlinePolicySpec, ProfileSpec, RoleSpec, Spec } from './spec-schema';
import type { PolicyDocument } from '../iam/policy-document';

export type { PolicyDocument };

export type ResolvedPolicySpec = Omit<CustomerManagedPolicySpec, 'document'> & {
  readonly document: PolicyDocument;
};

export type ResolvedInlinePolicySpec = Omit<InlinePolicySpec, 'document'> & {
  readonly document: PolicyDocument;
};

export type ResolvedRoleSpec = Omit<RoleSpec, 'trustPolicy' | 'permissionsBoundaryDocument' | 'inlinePolicies'> & {
  /** The inline policies, their documents read from their files. */
  readonly inlinePolicies: readonly ResolvedInlinePolicySpec[];
  /** Absent: the EC2 service trust is used. */
  readonly trustPolicy?: PolicyDocument;
  /** The document of a permissions boundary made elsewhere, read from its file: what the proofs apply. @default - none given */
  readonly permissionsBoundaryDocument?: PolicyDocument;
};

export type ResolvedProfileSpec = Omit<ProfileSpec, 'policies' | 'role' | 'instanceProfile' | 'adopt'> & {
  /** Where the profile is declared, for messages: `["profiles", 3]` or `["fleets", 0, "items", 17]`. */
  readonly fieldPath: ReadonlyArray<string | number>;
  /** Which hand-made resources to import (`adopt: true` sets them all). */
  readonly adopt: AdoptSpec;
  readonly policies: readonly ResolvedPolicySpec[];
  readonly role: ResolvedRoleSpec;
  /** The instance profile, its name defaulted to the role's (as the console does). */
  readonly instanceProfile: ProfileSpec['instanceProfile'] & { readonly name: string };
  /**
   * The profile whose IAM names give this one's Terraform names: an environment's profile (read
   * with that environment's values) is named as the spec's, so every environment, and the
   * module, has the same addresses. @default - this profile
   */
  readonly namedAs?: ResolvedProfileSpec;
};

export type ResolvedSpec = Omit<Spec, 'profiles'> & {
  /** Every profile: those listed, then those of the fleets (expanded, one per item). */
  readonly profiles: readonly ResolvedProfileSpec[];
  /** Every field filled from a module variable, with the template it was written as. */
  readonly variableUses: readonly VariableUse[];
  /** The profiles of each environment that sets its own variable values (the others deploy `profiles`). */
  readonly environmentProfiles: Readonly<Record<string, readonly ResolvedProfileSpec[]>>;
};

/** A loaded spec and where it came from. */
export interface LoadedSpec {
  /** The spec file as the user named it, or `<built-in default>`. */
  readonly source: string;
  readonly spec: ResolvedSpec;
}
