/**
 * The pipeline every command shares: read the spec, synthesize its stacks once (in memory),
 * run the checks on what is synthesized, and decide the access expectations on the same
 * stacks. Nothing is written here; a failure is a {@link SpecError} carrying every problem.
 */
import { verifyFindings } from '../access/findings';
import { type ProfileVerification, verifyProfiles } from '../access/verify';
import { startVerification } from '../access/verify-in-background';
import { collectProblems, problemsBeforeSynthesis } from './collect-problems';
import { failing, Finding } from '../checks/finding';
import { readSpec, ReadSpecResult } from '../spec/load-spec';
import type { LoadedSpec } from '../spec/model';
import { SpecError } from '../spec/spec-error';
import { resourcesOfType, type StackModel } from '../stack-model/stack-model';
import { planStacks } from '../spec/plan-stacks';
import type { Progress } from './progress';
import type { PriorAddresses } from '../render/moved-blocks';
import { synthesizeSpec, type SynthesizedSpec, type SynthesizeOptions } from './synthesize';
import type { FleetForm } from '../fleet/fleet-template';

/** A spec whose checks passed, and what it synthesizes. */
export interface CheckedSpec {
  readonly read: ReadSpecResult;
  readonly loaded: LoadedSpec;
  readonly synthesized: SynthesizedSpec;
  /** Warnings and suppressed findings. */
  readonly findings: readonly Finding[];
}

/** A spec that passed every check and whose access expectations are all met. */
export interface ValidatedSpec extends Pick<CheckedSpec, 'read' | 'loaded' | 'findings' | 'synthesized'> {
  /** The expectations and trust decisions of every profile of every stack. */
  readonly access: readonly ProfileVerification[];
}

/** What `make` returns; a {@link SpecError} it throws (the module's, say) gets the spec's lines. */
export function withSpecLines<T>(validated: Pick<CheckedSpec, 'read'>, make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof SpecError && error.problems.some((problem) => problem.line === undefined)) {
      throw new SpecError(error.file, validated.read.locate(error.problems));
    }
    throw error;
  }
}

/**
 * Synthesizes a spec that was read, and runs every check on the stacks (schema, names, IAM
 * grammar and quotas, security rules). Throws a {@link SpecError} carrying every finding, errors
 * and warnings, when any error is not suppressed. A spec whose reading problems keep it from
 * synthesizing at all reports those problems. `onStack` gets each stack as it is synthesized.
 */
async function checkRead(read: ReadSpecResult, options: SynthesizeOptions, onStack?: (stack: StackModel) => void): Promise<CheckedSpec> {
  // What the spec alone breaks (a quota, a document over its size) is reported before anything is synthesized.
  const early = problemsBeforeSynthesis(read);
  if (early) throw new SpecError(read.loaded.source, early);
  const synthesized = synthesizeReadSpec(read, options, onStack);
  const findings = await collectProblems(read, { stacks: synthesized?.stacks ?? [] });
  if (failing(findings).length || !synthesized) throw new SpecError(read.loaded.source, findings);
  return { read, loaded: read.loaded, synthesized, findings };
}

/**
 * Throws a {@link SpecError} naming each expectation that is not met (with the check findings,
 * so every problem of the run is reported together).
 */
export function assertAccess(checked: CheckedSpec, access: readonly ProfileVerification[]): ValidatedSpec {
  const accessFindings = verifyFindings(access);
  if (accessFindings.length) {
    const located = checked.read.locate(accessFindings);
    const withLines = accessFindings.map((finding, i) => ({ ...finding, line: located[i].line, column: located[i].column }));
    throw new SpecError(checked.loaded.source, [...checked.findings, ...withLines]);
  }
  return { read: checked.read, loaded: checked.loaded, synthesized: checked.synthesized, findings: checked.findings, access };
}

/**
 * Checks a spec, and decides its access expectations offline on the stacks it synthesizes, each
 * as soon as it is synthesized (on a worker thread for large specs). The decisions count only
 * when the checks pass: on broken policies they would only repeat the errors.
 */
export async function validateSpec(specFile: string | undefined, options: ValidateOptions = {}): Promise<ValidatedSpec> {
  const read = withDefaultsRequired(readSpec(specFile), options.requireDefaults ?? false);
  const verification = read.problems.length ? undefined : startVerification(read.loaded);
  const profiles = planStacks(read.loaded.spec).reduce((sum, plan) => sum + plan.profiles.length, 0);
  const progress = (options.progress ?? (() => undefined))('synthesizing', profiles);
  let synthesized = 0;
  const onStack = (stack: StackModel) => {
    verification?.add(stack);
    synthesized += resourcesOfType(stack, 'aws_iam_instance_profile').length;
    progress?.update(synthesized);
  };
  let checked: CheckedSpec;
  try {
    checked = await checkRead(read, { fleets: options.fleets, priorAddresses: options.priorAddresses }, onStack);
  } catch (error) {
    verification?.cancel();
    throw error;
  } finally {
    progress?.stop();
  }
  return assertAccess(checked, verification ? await verification.finish() : await verifyProfiles(checked.loaded, checked.synthesized.stacks));
}

/** How {@link validateSpec} reads the spec. */
export interface ValidateOptions {
  /**
   * Every variable a field uses needs a default: the flat root (synth) holds concrete values,
   * where a module (module) takes required inputs.
   * @default false
   */
  readonly requireDefaults?: boolean;
  /** Shows the progress of a phase counted in profiles. @default - none shown */
  readonly progress?: (phase: string, total: number) => Progress;
  /** How fleets are synthesized (see `SynthesizeOptions.fleets`). @default "for_each" */
  readonly fleets?: FleetForm;
  /** The addresses the output being replaced declared (see `SynthesizeOptions.priorAddresses`). @default - none: no moved blocks */
  readonly priorAddresses?: PriorAddresses;
}

function withDefaultsRequired(read: ReadSpecResult, required: boolean): ReadSpecResult {
  if (!required) return read;
  const { variables, variableUses, environments } = read.loaded.spec;
  const used = new Set(variableUses.flatMap((use) => use.names));
  const settings = Object.values(environments);
  // Each stack needs a value: the variable's default, or its environment's.
  const everyEnvironmentSets = (name: string) => settings.length > 0 && settings.every((environment) => name in environment.variables);
  const problems = Object.entries(variables)
    .filter(([name, variable]) => used.has(name) && variable.default === undefined && !everyEnvironmentSets(name))
    .map(([name]) => ({
      path: ['variables', name],
      message: `has no default, which the flat root needs: give it one${settings.length ? ' or a value in every environment' : ''}, or generate a module (module command), whose input it is`,
    }));
  return problems.length ? { ...read, problems: [...read.problems, ...read.locate(problems)] } : read;
}

function synthesizeReadSpec(read: ReadSpecResult, options: SynthesizeOptions, onStack?: (stack: StackModel) => void): SynthesizedSpec | undefined {
  try {
    return synthesizeSpec(read.loaded, onStack, { ...options, validate: read.problems.length === 0 });
  } catch (error) {
    if (read.problems.length) return undefined;
    throw error;
  }
}
