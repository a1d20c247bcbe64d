/**
 * The checks stage: everything that can be known about a loaded spec without AWS. For each
 * profile, its policy documents are parsed and checked against the policy grammar and the IAM
 * catalog (actions, resource ARNs, the EC2 trust), against IAM's quotas, and against the
 * security rules; then its suppressions are applied. iam-data is read once, for the services
 * the policies name.
 */
import { partitionOfRegion } from '../partition';
import type { LoadedSpec, ResolvedSpec } from '../spec/model';
import { effectiveInstance } from './effective-instance';
import { checkAwsFacts } from './facts/check-aws-facts';
import { compareFieldPaths } from './field-path';
import type { Finding } from './finding';
import { parseActionPattern } from './iam/action-pattern';
import { IamCatalog } from './iam/iam-catalog';
import { checkAttachedPolicyCount } from './limits/attached-policy-count';
import { checkManagedPolicySize, checkTrustPolicySize } from './limits/policy-size';
import { checkTagCounts } from './limits/tag-count';
import { checkDefaultTagRules, checkProfileTagRules } from './limits/tag-rules';
import { checkPolicyActions } from './policy/check-actions';
import { checkConditionKeys, conditionKeysOf } from './policy/check-condition-keys';
import { ArnExampleHints, checkPolicyResources } from './policy/check-resources';
import { checkTrustAllowsEc2 } from './policy/check-trust-policy';
import type { ParsedPolicy } from './policy/parsed-policy';
import { parsePolicy } from './policy/parse-policy';
import type { RuleContext } from './rule-context';
import { runRules } from './run-rules';
import { SECURITY_RULES } from './rules';
import type { SecurityRule } from './rules/security-rule';
import { applySuppressions } from './suppressions';

/** Options of {@link checkSpec}; the defaults are what the CLI uses. */
export interface CheckSpecOptions {
  /** The security rules to run. @default SECURITY_RULES */
  readonly rules?: readonly SecurityRule[];
}

/**
 * Runs every check on a loaded spec and returns all findings (errors and warnings, suppressed
 * ones marked), each with the name of its instance profile, sorted by profile, field and rule.
 */
export async function checkSpec(loaded: LoadedSpec, options: CheckSpecOptions = {}): Promise<Finding[]> {
  const rules = options.rules ?? SECURITY_RULES;
  const { spec } = loaded;
  const hints: ArnExampleHints = { partition: partitionOfRegion(spec.region), region: spec.region, accountId: spec.accountId };
  const prepared = await prepareProfiles(spec);
  return sortFindings([...checkAwsFacts(spec), ...checkDefaultTagRules(spec), ...prepared.flatMap((profile) => checkProfile(profile, hints, rules))]);
}

/** Every finding of one profile, suppressions applied, each naming the instance profile. */
function checkProfile({ context, grammar }: PreparedProfile, hints: ArnExampleHints, rules: readonly SecurityRule[]): Finding[] {
  const { spec, profile, policies, trustPolicy, catalog } = context;
  const documents = [...policies, ...(trustPolicy ? [trustPolicy] : [])];
  const findings = [
    ...grammar,
    ...documents.flatMap((policy) => checkPolicyActions(policy, catalog)),
    ...documents.flatMap((policy) => checkConditionKeys(policy, catalog)),
    ...policies.flatMap((policy) => checkPolicyResources(policy, catalog, hints)),
    ...(trustPolicy ? checkTrustAllowsEc2(trustPolicy) : []),
    ...profile.policies.flatMap((policy, i) => checkManagedPolicySize(policy.document, [...profile.fieldPath, 'policies', i, 'document'])),
    ...(profile.role.trustPolicy ? checkTrustPolicySize(profile.role.trustPolicy, [...profile.fieldPath, 'role', 'trustPolicy']) : []),
    ...checkAttachedPolicyCount(profile),
    ...checkTagCounts(spec, profile, context.instance),
    ...checkProfileTagRules(spec, profile),
    ...runRules(context, rules),
  ];
  const ruleIds = rules.map((rule) => rule.id);
  return applySuppressions(profile, findings, ruleIds).map((finding) => ({ ...finding, profile: profile.instanceProfile.name }));
}

/** What the rules see of each profile of a loaded spec (parsed policies, effective instance, iam-data). */
export async function ruleContexts(loaded: LoadedSpec): Promise<RuleContext[]> {
  return (await prepareProfiles(loaded.spec)).map(({ context }) => context);
}

/** Orders findings by field path (so by profile first), then rule id; equal ones keep their order. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => compareFieldPaths(a.path, b.path) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}

interface PreparedProfile {
  readonly context: RuleContext;
  /** Grammar problems of the profile's policy documents. */
  readonly grammar: readonly Finding[];
}

/** Parses every profile's documents, then loads iam-data once for the services they name. */
async function prepareProfiles(spec: ResolvedSpec): Promise<PreparedProfile[]> {
  const parsed = spec.profiles.map((profile) => {
    const identity = profile.policies.map((policy, i) => parsePolicy(policy.document, [...profile.fieldPath, 'policies', i, 'document'], 'identity'));
    const trust = profile.role.trustPolicy && parsePolicy(profile.role.trustPolicy, [...profile.fieldPath, 'role', 'trustPolicy'], 'trust');
    return { identity, trust };
  });
  const documents = parsed.flatMap(({ identity, trust }) => [...identity, ...(trust ? [trust] : [])].map((result) => result.policy));
  const catalog = await IamCatalog.load(servicePrefixes(documents), conditionKeysOf(documents));
  return spec.profiles.map((profile, index) => {
    const { identity, trust } = parsed[index];
    return {
      context: {
        spec,
        profile,
        profileIndex: index,
        policies: identity.map((result) => result.policy),
        trustPolicy: trust?.policy,
        instance: effectiveInstance(spec, profile),
        catalog,
      },
      grammar: [...identity, ...(trust ? [trust] : [])].flatMap((result) => result.findings),
    };
  });
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
