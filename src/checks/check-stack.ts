/**
 * The checks on what a Terraform root deploys (a synthesized stack, or a plan): every policy
 * document as synthesized is measured against its IAM size quota (one over it is read no
 * further), then parsed and checked against the grammar and the IAM catalog, every resource
 * against IAM's quotas and AWS's names (an instance's own region too), and each unit (a role
 * with what is attached to it, an instance, a policy attached to nothing) against the security
 * rules. Findings point at the spec field a value came from, else at the Terraform address.
 * Values known only after apply are reported as not checked, never guessed.
 */
import { ec2PrincipalUnder } from '../iam/ec2-principal';
import { identitiesOf, type IdentityChain } from '../stack-model/identity-chains';
import {
  type InstanceResource,
  isUnknown,
  type Planned,
  type PolicyResource,
  resourcesOfType,
  type RoleResource,
  soleAccountOf,
  type StackModel,
} from '../stack-model/stack-model';
import { CHECK_IDS } from './check-ids';
import { type EffectiveInstance, effectiveInstance } from './effective-instance';
import { checkInstanceTypeName, checkRegionName } from './facts/check-aws-facts';
import { checkAwsManagedPolicies, prefetchAwsManagedPolicies } from './facts/check-managed-policies';
import type { Finding } from './finding';
import { parseActionPattern } from '../iam/action-pattern';
import { IamCatalog } from '../iam/iam-catalog';
import { checkAttachedPolicyCount } from './limits/attached-policy-count';
import { checkInlinePoliciesTotal, checkPolicySize, type SizeQuota } from './limits/policy-size';
import { checkTagCount } from './limits/tag-count';
import { checkUserDataSize } from './limits/user-data-size';
import { locate } from './locate';
import { checkWarning } from './make-finding';
import { checkPolicyActions } from './policy/check-actions';
import { checkPolicyArnPartitions, checkPrincipalPartitions } from './policy/check-arn-partitions';
import { checkConditionKeys, conditionKeysOf } from './policy/check-condition-keys';
import { checkPolicyResources } from './policy/check-resources';
import { checkTrustAllowsEc2 } from './policy/check-trust-policy';
import type { ParsedPolicy } from './policy/parsed-policy';
import { parsePolicy } from './policy/parse-policy';
import type { ExternalPolicyArn, RuleContext } from './rule-context';
import { runRules } from './run-rules';
import type { SecurityRule } from './rules/security-rule';

/** A finding and the unit it came from, for suppressions and the profile name. */
export interface StackFinding extends Finding {
  /** The spec profile the unit's resources were built from, when there is one (its suppressions apply). */
  readonly profilePath?: ReadonlyArray<string | number>;
}

/** Every finding on the stacks, not yet suppressed. iam-data is loaded once for all of them. */
export async function checkStacks(stacks: readonly StackModel[], rules: readonly SecurityRule[]): Promise<StackFinding[]> {
  const { prepared, catalog } = await prepareStacks(stacks);
  return prepared.flatMap((stack) => checkPrepared(stack, catalog, rules));
}

/** Every stack's documents parsed, and iam-data loaded once for the services and condition keys they name. */
async function prepareStacks(stacks: readonly StackModel[]): Promise<{ prepared: PreparedStack[]; catalog: IamCatalog }> {
  const prepared = stacks.map(prepareStack);
  prefetchAwsManagedPolicies(prepared.flatMap(({ stack, chains }) => chains.flatMap((chain) => externalArns(stack, chain))));
  const documents = prepared.flatMap((stack) => stack.documents);
  return { prepared, catalog: await IamCatalog.load(servicePrefixes(documents), conditionKeysOf(documents)) };
}

interface PreparedStack {
  readonly stack: StackModel;
  readonly chains: readonly IdentityChain[];
  readonly unattached: readonly PolicyResource[];
  readonly instances: readonly InstanceResource[];
  /** Each of {@link instances} as the rules see it, read once for the instance checks and the rules. */
  readonly effectiveInstances: readonly EffectiveInstance[];
  /** Parsed documents by resource address (policies' `policy`, roles' `assume_role_policy`). */
  readonly parsed: ReadonlyMap<string, ParsedPolicy>;
  readonly documents: readonly ParsedPolicy[];
  /** Grammar findings and values that could not be checked. */
  readonly findings: readonly StackFinding[];
}

function prepareStack(stack: StackModel): PreparedStack {
  const identities = identitiesOf(stack);
  const parsed = new Map<string, ParsedPolicy>();
  const findings: StackFinding[] = [];
  const parse = (address: string, argument: string, document: Planned<Record<string, unknown>>, kind: 'identity' | 'trust', quota: SizeQuota = kind) => {
    const path = locate(stack, address, argument);
    if (isUnknown(document)) {
      const what = kind === 'trust' ? 'trust policy' : 'policy document';
      findings.push(
        ...withProfile(stack, address, [checkWarning(CHECK_IDS.unknownValue, path, `the ${what} is known only after apply, so it is not checked`)]),
      );
      return;
    }
    // The size quota first: a document over it is refused as it is, before anything reads its strings.
    const oversize = checkPolicySize(document, path, quota);
    if (oversize.length) {
      findings.push(...withProfile(stack, address, oversize));
      return;
    }
    const result = parsePolicy(document, path, kind);
    parsed.set(address, result.policy);
    findings.push(...withProfile(stack, address, result.findings));
  };
  for (const policy of resourcesOfType(stack, 'aws_iam_policy')) parse(policy.address, 'policy', policy.document, 'identity');
  for (const inline of resourcesOfType(stack, 'aws_iam_role_policy')) parse(inline.address, 'policy', inline.document, 'identity', 'inline');
  for (const role of resourcesOfType(stack, 'aws_iam_role')) parse(role.address, 'assume_role_policy', role.assumeRolePolicy, 'trust');
  const instances = resourcesOfType(stack, 'aws_instance');
  return {
    stack,
    chains: identities.chains,
    unattached: identities.unattachedPolicies,
    instances,
    effectiveInstances: instances.map((resource) => effectiveInstance(stack, resource)),
    parsed,
    documents: [...parsed.values()],
    findings,
  };
}

/** What the rules see of the stacks: one context per role, per policy attached to no role, and per instance. */
export async function ruleContexts(stacks: readonly StackModel[]): Promise<RuleContext[]> {
  const { prepared, catalog } = await prepareStacks(stacks);
  return prepared.flatMap((stack) => unitsOf(stack, catalog).map((unit) => unit.context));
}

/** A unit the rules check, and the resource that owns it (whose spec profile its suppressions come from). */
interface Unit {
  readonly address: string;
  readonly context: RuleContext;
}

function unitsOf(prepared: PreparedStack, catalog: IamCatalog): Unit[] {
  const { stack, parsed } = prepared;
  return [
    ...prepared.chains.map((chain): Unit => ({
      address: chain.role.address,
      context: {
        stack,
        policies: [...chain.policies.map(({ policy }) => policy), ...chain.inlinePolicies].flatMap((policy) => parsed.get(policy.address) ?? []),
        trustPolicy: parsed.get(chain.role.address),
        externalPolicies: externalArns(stack, chain),
        catalog,
      },
    })),
    ...prepared.unattached.flatMap((policy): Unit[] => {
      const document = parsed.get(policy.address);
      return document ? [{ address: policy.address, context: { stack, policies: [document], externalPolicies: [], catalog } }] : [];
    }),
    ...prepared.instances.map((resource, i): Unit => ({
      address: resource.address,
      context: { stack, policies: [], externalPolicies: [], instance: prepared.effectiveInstances[i], catalog },
    })),
  ];
}

function checkPrepared(prepared: PreparedStack, catalog: IamCatalog, rules: readonly SecurityRule[]): StackFinding[] {
  const { stack, parsed } = prepared;
  const hints = { partition: stack.provider.partition, region: stack.provider.region, accountId: soleAccountOf(stack.provider) };
  const ec2Principal = ec2PrincipalUnder(stack.provider.dnsSuffix);
  const findings: StackFinding[] = [...prepared.findings, ...checkProviderRegion(stack)];

  for (const policy of [...resourcesOfType(stack, 'aws_iam_policy'), ...resourcesOfType(stack, 'aws_iam_role_policy')]) {
    const document = parsed.get(policy.address);
    if (!document) continue;
    findings.push(
      ...withProfile(stack, policy.address, [
        ...checkPolicyActions(document, catalog),
        ...checkConditionKeys(document, catalog),
        ...checkPolicyResources(document, catalog, hints),
      ]),
    );
  }
  for (const chain of prepared.chains) {
    const { role } = chain;
    const trust = parsed.get(role.address);
    findings.push(
      ...withProfile(stack, role.address, [
        ...(trust ? checkPolicyActions(trust, catalog) : []),
        ...(trust ? checkConditionKeys(trust, catalog) : []),
        ...(trust && chain.instanceProfiles.length ? checkTrustAllowsEc2(trust, ec2Principal) : []),
        ...(trust ? checkPrincipalPartitions(trust, hints) : []),
        ...checkPolicyArnPartitions([...externalArns(stack, chain), ...boundaryArn(stack, role)], hints),
        ...checkAttachedPolicyCount(nameOf(role), chain.policies.length, chain.externalPolicies.length, locate(stack, role.address)),
        ...checkInlinePoliciesTotal(
          chain.inlinePolicies.flatMap((inline) => (isUnknown(inline.document) ? [] : [inline.document])),
          locate(stack, role.address),
        ),
        ...checkAwsManagedPolicies(externalArns(stack, chain)),
        ...checkTagCount('role', role.tagsAll, locate(stack, role.address, 'tags')),
        ...chain.instanceProfiles.flatMap((profile) => checkTagCount('instance profile', profile.tagsAll, locate(stack, profile.address, 'tags'))),
      ]),
    );
  }
  for (const [i, resource] of prepared.instances.entries()) {
    const instance = prepared.effectiveInstances[i];
    findings.push(
      ...withProfile(stack, resource.address, [
        ...(instance.instanceType !== undefined ? checkInstanceTypeName(instance.instanceType, instance.at('instance_type')) : []),
        // Its own region (AWS provider 6.x), where it is not the provider's: that one is checkProviderRegion's.
        ...(resource.region !== undefined && resource.region !== stack.provider.region ? checkRegionName(resource.region, instance.at('region')) : []),
        ...(instance.tags ? checkTagCount('instance', instance.tags, instance.at('tags')) : []),
        ...checkUserDataSize(instance),
      ]),
    );
  }
  for (const unit of unitsOf(prepared, catalog)) findings.push(...withProfile(stack, unit.address, runRules(unit.context, rules)));
  return findings;
}

/** The region must be one AWS has; a region the Terraform does not give is reported as assumed. */
function checkProviderRegion(stack: StackModel): Finding[] {
  const path = locate(stack, 'provider.aws', 'region');
  const { region, regionGiven, partition } = stack.provider;
  if (regionGiven) return checkRegionName(region, path);
  return [
    checkWarning(
      CHECK_IDS.unknownValue,
      path,
      `the provider's region is not in the Terraform (it comes from the environment at plan time, or from an expression); the checks assume ${region} (partition ${partition}): give region in the provider block or a variable`,
    ),
  ];
}

/** Marks findings with the spec profile of the resource they are about. */
function withProfile(stack: StackModel, address: string, findings: readonly Finding[]): StackFinding[] {
  const profilePath = stack.origins.get(address)?.profile;
  return profilePath ? findings.map((finding) => ({ ...finding, profilePath })) : [...findings];
}

/** The ARNs of the policies the role gets that the stack does not create, with where each is given. */
function externalArns(stack: StackModel, chain: IdentityChain): ExternalPolicyArn[] {
  return chain.externalPolicies.flatMap(({ arn, from, index }) => {
    if (isUnknown(arn)) return [];
    const path = from.type === 'aws_iam_role' ? locate(stack, from.address, 'managed_policy_arns', index ?? 0) : locate(stack, from.address, 'policy_arn');
    return [{ arn, path }];
  });
}

/** The role's permissions boundary, when known, with where it is given. */
function boundaryArn(stack: StackModel, role: RoleResource): ExternalPolicyArn[] {
  const arn = role.permissionsBoundary;
  return arn === undefined || isUnknown(arn) ? [] : [{ arn, path: locate(stack, role.address, 'permissions_boundary') }];
}

function nameOf(role: RoleResource): string {
  return isUnknown(role.name) ? role.address : role.name;
}

/** The service prefixes the policies' actions name (what iam-data has to load). */
function servicePrefixes(policies: readonly ParsedPolicy[]): Set<string> {
  const prefixes = new Set<string>();
  for (const policy of policies) {
    for (const statement of policy.statements) {
      for (const entry of statement.actions?.entries ?? []) {
        const pattern = parseActionPattern(entry.value);
        if (pattern && !/[*?]/.test(pattern.service)) prefixes.add(pattern.service);
      }
    }
  }
  return prefixes;
}
