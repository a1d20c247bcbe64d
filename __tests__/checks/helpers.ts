/** Small spec fixtures for the checks tests, built as values and loaded through the real loader. */
import * as path from 'path';
import { checkSpec } from '../../src/checks/check-spec';
import { ruleContexts } from '../../src/checks/check-stack';
import type { Finding } from '../../src/checks/finding';
import type { RuleContext } from '../../src/checks/rule-context';
import { parseSpec } from '../../src/spec/load-spec';
import type { LoadedSpec } from '../../src/spec/model';
import { stackModelOfTerraformJson, type TerraformJsonConfig } from '../../src/stack-model/from-terraform-json';
import { synthesizeStackModels } from '../../src/pipeline/synthesize';

/** Folder of the fixture files; relative document paths in fixtures resolve against it. */
export const FIXTURES = path.join(__dirname, 'fixtures');

/** A policy document that passes every check: read objects of one bucket. */
export function readObjectsPolicy(): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::app-bucket/*' }],
  };
}

/** A profile that passes every check and every rule (detailed monitoring on). */
export function compliantProfile(): Record<string, unknown> {
  return {
    policies: [{ name: 'AppPolicy', document: readObjectsPolicy() }],
    role: { name: 'AppRole' },
    instanceProfile: { name: 'AppProfile' },
    instance: { ami: 'ami-0123456789abcdef0', monitoring: true },
  };
}

/** Loads a one-profile spec (plus top-level fields) as the loader would from `fixture.yaml`. */
export function specOf(profile: Record<string, unknown>, top: Record<string, unknown> = {}): LoadedSpec {
  return parseSpec({ region: 'us-east-1', ...top, profiles: [profile] }, 'fixture.yaml', FIXTURES);
}

/** A one-statement policy document. */
export function policyWith(statement: Record<string, unknown>): Record<string, unknown> {
  return { Version: '2012-10-17', Statement: [statement] };
}

/** The compliant profile with a single customer-managed policy of one statement. */
export function profileWithStatement(statement: Record<string, unknown>): Record<string, unknown> {
  return { ...compliantProfile(), policies: [{ name: 'AppPolicy', document: policyWith(statement) }] };
}

/** The findings of checking a loaded spec, on its stacks synthesized in memory (as the pipeline does). */
export async function checkSpecOf(loaded: LoadedSpec): Promise<Finding[]> {
  return checkSpec(loaded, { stacks: synthesizeStackModels(loaded) });
}

/** The findings of checking a one-profile spec. */
export async function findingsOf(profile: Record<string, unknown>, top: Record<string, unknown> = {}): Promise<Finding[]> {
  return checkSpecOf(specOf(profile, top));
}

/** What the rules see of a one-profile spec as synthesized: its role, its instance. */
export async function contextsOf(profile: Record<string, unknown>, top: Record<string, unknown> = {}): Promise<RuleContext[]> {
  return ruleContexts(synthesizeStackModels(specOf(profile, top)));
}

/** What the rules see of a hand-written Terraform JSON configuration. */
export async function contextsOfTerraform(config: TerraformJsonConfig): Promise<RuleContext[]> {
  return ruleContexts([stackModelOfTerraformJson(config, { source: 'main.tf.json' })]);
}

/** Findings of one rule. */
export function ofRule(findings: readonly Finding[], rule: string): Finding[] {
  return findings.filter((finding) => finding.rule === rule);
}

/** Errors that fail the run (not suppressed). */
export function errorsOf(findings: readonly Finding[]): Finding[] {
  return findings.filter((finding) => finding.level === 'error' && !finding.suppressedBecause);
}
