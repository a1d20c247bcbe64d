/**
 * One profile of an imported spec, from an instance profile of the export and its role: the
 * role (name, path, trust policy, boundary, session duration where known, AWS-managed
 * attachments, inline policies, tags), the customer-managed policies the profile owns, the instance profile, and
 * the instance when exactly one uses it. Everything is adopted (`adopt: true`).
 */
import { splitArn } from '../iam/arn';
import type { ExportAttachedPolicy, ExportInstanceProfile, ExportPolicy, ExportRole } from './authorization-model';
import { type ProfilePolicy, type ProposalInput, type ProposedExpectations, proposedExpectations } from './proposed-expectations';
import type { ExportTag } from './export-fields';
import { compareText } from '../text/compare-text';
import type { ProfileUser } from './join-export';
import { type ImportSummaryItem, listed } from './import-summary';

/** What a profile is built from. */
export interface ProfileSource {
  readonly profile: ExportInstanceProfile;
  readonly role: ExportRole;
  readonly instances: readonly ProfileUser[];
  /** The customer-managed policies this profile declares (it is the first chosen profile whose role attaches them), by ARN. */
  readonly owned: ReadonlySet<string>;
  /** Every managed policy of the export, by ARN. */
  readonly policies: ReadonlyMap<string, ExportPolicy>;
}

/** A profile of the spec, and the summary items it adds. */
export interface BuiltProfile {
  readonly profile: Record<string, unknown>;
  readonly summary: readonly ImportSummaryItem[];
  /** The expectations proposed from what its policies allow (in the profile's `expectations`), and what gave none. */
  readonly proposals: ProposedExpectations;
}

/** Tags as the spec writes them: a mapping, keys sorted. */
export function tagRecord(tags: readonly ExportTag[]): Record<string, string> {
  return Object.fromEntries([...tags].sort((a, b) => compareText(a.key, b.key)).map((tag) => [tag.key, tag.value]));
}

/** An AWS-managed policy's name as `managedPolicies` takes it, its path included (`service-role/AmazonEC2RoleforSSM`). */
function awsManagedName(arn: string): string {
  return (splitArn(arn)?.resource ?? arn).replace(/^policy\//, '');
}

const isAwsManaged = (arn: string) => splitArn(arn)?.account === 'aws';

/** Builds the spec profile of `source`, its documents inline (see documents-to-files.ts for the files). */
export function profileFromExport(source: ProfileSource): BuiltProfile {
  const { profile, role, instances, owned, policies } = source;
  const summary: ImportSummaryItem[] = [];
  const attached = [...role.attachedPolicies].sort((a, b) => compareText(a.name, b.name) || compareText(a.arn, b.arn));
  const declared = attached.filter((policy) => owned.has(policy.arn)).map((policy) => policySpec(policies.get(policy.arn)!));
  const byReference = attached.filter((policy) => !owned.has(policy.arn));
  for (const policy of byReference.filter((candidate) => !isAwsManaged(candidate.arn))) {
    summary.push({
      subject: `policy ${policy.name}`,
      finding: policies.has(policy.arn)
        ? `is attached to role ${role.name} and declared by another profile`
        : `is attached to role ${role.name} but not in the export`,
      action: policies.has(policy.arn)
        ? `attached by ARN in role.managedPolicies of ${profile.name} (adopted); the policy itself is adopted by the profile that declares it`
        : `attached by ARN in role.managedPolicies of ${profile.name} (adopted); its document is not managed`,
    });
  }
  const managedPolicies = byReference.map((policy) => (isAwsManaged(policy.arn) ? awsManagedName(policy.arn) : policy.arn)).sort(compareText);
  const boundary = boundaryFields(role, policies, summary);
  const instance = instances.length === 1 ? { instance: { existingId: instances[0].instanceId } } : {};
  if (instances.length > 1) {
    summary.push({
      subject: `instance profile ${profile.name}`,
      finding: `is used by ${instances.length} instances (${listed(instances.map((use) => use.instanceId))})`,
      action: 'no instance was adopted (instance.existingId takes one); they keep the profile, unmanaged',
    });
  }
  const proposals = proposedExpectations(proposalInput(role, attached, policies));
  return {
    proposals,
    profile: {
      adopt: true,
      ...(declared.length ? { policies: declared } : {}),
      role: {
        name: role.name,
        path: role.path,
        trustPolicy: role.trustPolicy,
        ...boundary,
        ...(role.maxSessionDuration === undefined ? {} : { maxSessionDuration: role.maxSessionDuration }),
        ...(managedPolicies.length ? { managedPolicies } : {}),
        ...(role.inlinePolicies.length
          ? { inlinePolicies: [...role.inlinePolicies].sort((a, b) => compareText(a.name, b.name)).map(({ name, document }) => ({ name, document })) }
          : {}),
        ...(role.tags.length ? { tags: tagRecord(role.tags) } : {}),
      },
      instanceProfile: { name: profile.name, path: profile.path, ...(profile.tags?.length ? { tags: tagRecord(profile.tags) } : {}) },
      ...instance,
      ...(proposals.expectations.length ? { expectations: proposals.expectations } : {}),
    },
    summary,
  };
}

/** Every policy the role's requests are decided by, as the proposals read them: documents from the export, AWS-managed ones by ARN. */
function proposalInput(role: ExportRole, attached: readonly ExportAttachedPolicy[], policies: ReadonlyMap<string, ExportPolicy>): ProposalInput {
  const policyOf = (name: string, arn: string): ProfilePolicy => {
    const document = isAwsManaged(arn) ? undefined : policies.get(arn)?.document;
    return { name, arn, ...(document ? { document } : {}) };
  };
  const boundary = role.permissionsBoundaryArn;
  return {
    policies: [
      ...attached.map((policy) => policyOf(policy.name, policy.arn)),
      ...role.inlinePolicies.map(({ name, document }) => ({ name: `inline policy ${name}`, document })),
    ],
    ...(boundary === undefined ? {} : { permissionsBoundary: policyOf(`permissions boundary ${boundary.split('/').pop()}`, boundary) }),
    partition: splitArn(role.arn)?.partition ?? 'aws',
  };
}

function policySpec(policy: ExportPolicy): Record<string, unknown> {
  return {
    name: policy.name,
    path: policy.path,
    ...(policy.description ? { description: policy.description } : {}),
    ...(policy.tags?.length ? { tags: tagRecord(policy.tags) } : {}),
    document: policy.document,
  };
}

/** `permissionsBoundary` (and the document of a customer-managed one the export holds, for the proofs). */
function boundaryFields(role: ExportRole, policies: ReadonlyMap<string, ExportPolicy>, summary: ImportSummaryItem[]): Record<string, unknown> {
  const arn = role.permissionsBoundaryArn;
  if (arn === undefined) return {};
  if (isAwsManaged(arn)) {
    summary.push({
      subject: `role ${role.name}`,
      finding: `has the AWS-managed permissions boundary ${awsManagedName(arn)}`,
      action:
        "given by name in role.permissionsBoundary (its ARN is built for the stack's partition); the access proofs apply the packaged version of its document, which may differ from the account's",
    });
    return { permissionsBoundary: awsManagedName(arn) };
  }
  const policy = policies.get(arn);
  if (policy) return { permissionsBoundary: arn, permissionsBoundaryDocument: policy.document };
  summary.push({
    subject: `role ${role.name}`,
    finding: `has the permissions boundary ${arn}, which is not in the export`,
    action: 'given by ARN in role.permissionsBoundary; the access proofs cannot apply it (set role.permissionsBoundaryDocument)',
  });
  return { permissionsBoundary: arn };
}
