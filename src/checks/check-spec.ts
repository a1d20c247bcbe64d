/**
 * The checks stage of a spec: the checks of every stack it synthesizes (`check-stack.ts`: the
 * policies, roles, attachments, instance profiles and instances as synthesized), the few that
 * concern only the spec's own values (tag formats, S3 backend regions, an AMI id launched in two
 * regions), and the spec's suppressions applied per profile. A rule's finding raised only by the
 * tool's own default (detailed monitoring off) is dropped when the spec leaves the field out.
 */
import { formatFieldPath } from '../spec/spec-error';
import type { LoadedSpec, ResolvedProfileSpec, ResolvedSpec } from '../spec/model';
import { planStacks } from '../spec/plan-stacks';
import { accountField, type AccountFieldOf, checkAccountQuotas } from './limits/account-quotas';
import type { StackModel } from '../stack-model/stack-model';
import { checkStacks, type StackFinding } from './check-stack';
import { checkAmiRegions } from './facts/check-ami-regions';
import { checkBackendRegions } from './facts/check-aws-facts';
import { compareFieldPaths } from '../spec/field-path';
import type { Finding } from './finding';
import { checkDefaultTagRules, checkProfileTagRules } from './limits/tag-rules';
import { SECURITY_RULES } from './rules';
import type { SecurityRule } from './rules/security-rule';
import { applySpecSuppressions, applySuppressions } from './suppressions';
import { withoutToolDefaultFindings } from './tool-defaults';

/** Options of {@link checkSpec}; the defaults are what the CLI uses. */
export interface CheckSpecOptions {
  /** The security rules to run. @default SECURITY_RULES */
  readonly rules?: readonly SecurityRule[];
  /** The spec's stacks as synthesized (the pipeline synthesizes them; the checks never do). */
  readonly stacks: readonly StackModel[];
}

/**
 * Runs every check on the stacks synthesized from a loaded spec (`options.stacks`) and returns all findings
 * (errors and warnings, suppressed ones marked), each with the name of its instance profile,
 * sorted by field and rule. A finding that several stacks share (one profile deployed to
 * several environments) is reported once.
 */
export async function checkSpec(loaded: LoadedSpec, options: CheckSpecOptions): Promise<Finding[]> {
  const rules = options.rules ?? SECURITY_RULES;
  const { spec } = loaded;
  const { stacks } = options;
  const stackFindings = unique(await checkStacks(stacks, rules));
  const byProfile = new Map<string, StackFinding[]>(spec.profiles.map((profile) => [formatFieldPath(profile.fieldPath), []]));
  const unowned: Finding[] = [];
  for (const finding of stackFindings) {
    const list = finding.profilePath && byProfile.get(formatFieldPath(finding.profilePath));
    if (list) list.push(finding);
    else unowned.push(withoutProfilePath(finding));
  }
  const ruleIds = rules.map((rule) => rule.id);
  const profileFindings = spec.profiles.flatMap((profile) => {
    const raised = withoutToolDefaultFindings(profile, byProfile.get(formatFieldPath(profile.fieldPath))!.map(withoutProfilePath), rules);
    const own = [...raised, ...checkProfileTagRules(spec, profile)];
    return named(profile, applySuppressions(profile, own, ruleIds));
  });
  const quotas = checkAccountQuotas(stacks, accountFieldOf(spec));
  const suppressed = applySpecSuppressions(spec.suppressions, [...unowned, ...profileFindings], ruleIds);
  return sortFindings([...checkBackendRegions(spec), ...checkAmiRegions(spec), ...checkDefaultTagRules(spec), ...quotas, ...suppressed]);
}

/** The spec field that names the account of each stack (the stack's environment's, else the spec's). */
function accountFieldOf(spec: ResolvedSpec): AccountFieldOf {
  const fields = new Map(planStacks(spec).map((plan) => [plan.name, accountField(spec, plan)]));
  return (stack) => fields.get(stack.source) ?? ['profiles'];
}

/** Orders findings by field path (so by profile first), then rule id; equal ones keep their order. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => compareFieldPaths(a.path, b.path) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}

function named(profile: ResolvedProfileSpec, findings: readonly Finding[]): Finding[] {
  return findings.map((finding) => ({ ...finding, profile: profile.instanceProfile.name }));
}

function withoutProfilePath(finding: StackFinding): Finding {
  const { profilePath: _profilePath, ...rest } = finding;
  return rest;
}

/** Findings with the same rule, place and message once. */
function unique<T extends Finding>(findings: readonly T[]): T[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.rule}\u0000${formatFieldPath(finding.path)}\u0000${finding.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
