import { expectationsOf, plansMatching, stacksToVerifyWith } from '../access/expectations';
import type { ProfileExpectations } from '../spec/expectations-file';
import { verifyFindings } from '../access/findings';
import { renderVerifyReport } from '../access/report';
import { verifyProfiles, verifyStack, verifyStacks, type ProfileVerification } from '../access/verify';
import { readExpectationsFile } from '../spec/expectations-file';
import { loadSpec } from '../spec/load-spec';
import type { LoadedSpec } from '../spec/model';
import type { AccessRequestSpec } from '../spec/spec-schema';
import type { StackPlan } from '../spec/plan-stacks';
import { SpecError } from '../spec/spec-error';
import { readPlanFile } from '../stack-model/read-plan-file';
import { regionsOf, soleAccountOf, type StackModel } from '../stack-model/stack-model';
import { boundaryDocuments, synthesizeStackModels } from '../pipeline/synthesize';
import { closest } from '../text/closest';
import { UsageError } from './cli-error';
import { selectedPlans, type StackSelection } from './stack-selection';

/** What `verify` decides on: a spec's stacks, or a Terraform plan with the expectations of a spec or an expectations file. */
export interface VerifyOptions extends StackSelection {
  readonly specFile?: string;
  /** `terraform show -json` of a plan: decide on its planned values instead of the spec's stacks. */
  readonly planFile?: string;
  /** Expectations per instance profile (the spec's syntax): for a plan without a spec, or instead of the spec's own. */
  readonly expectFile?: string;
}

/** One request to decide (`verify --ask … --profile …`). */
export interface AskOptions extends StackSelection {
  readonly specFile?: string;
  /** The request, written as an expectation is: `s3:PutObject arn:aws:s3:::bucket/key`, `put s3://bucket/key`. */
  readonly request: string;
  /** The instance profile that makes it. */
  readonly profile: string;
}

/** `verify`: decide every expectation and the trust of each role; false when any is not met. */
export async function runVerify(options: VerifyOptions): Promise<boolean> {
  const { source, results } = options.planFile ? await verifyPlan(options.planFile, options) : await verifySpec(options);
  console.log(source);
  process.stdout.write(renderVerifyReport(results));
  const failures = verifyFindings(results);
  for (const failure of failures) console.error(`error: ${failure.message}`);
  return failures.length === 0;
}

/**
 * `verify --ask`: decides one request of one instance profile in each selected stack that holds
 * it, and prints `allowed` or `denied` with the deciding statements. True when it is allowed in
 * every one of them; false when denied (or it cannot be decided) in any.
 */
export async function runAsk(options: AskOptions): Promise<boolean> {
  const loaded = loadSpec(options.specFile);
  const plans = selectedPlans(loaded, options).filter((plan) => plan.profiles.some((profile) => profile.instanceProfile.name === options.profile));
  if (!plans.length) throw new UsageError(`--profile: ${noProfileText(loaded, options)}`);
  const names = new Set(plans.map((plan) => plan.name));
  const expectations: ProfileExpectations[] = [{ instanceProfile: options.profile, path: ['--ask'], expectations: [{ allow: askedRequest(options.request) }] }];
  const stacks = synthesizeStackModels(loaded).filter((stack) => names.has(stack.source));
  const results = (await verifyStacks(stacks.map((stack) => ({ stack, expectations })))).filter((result) => result.profile === options.profile);
  console.log(`spec: ${loaded.source}`);
  let allowed = true;
  for (const result of results) {
    const row = result.rows.find((candidate) => candidate.kind === 'expectation');
    const answer = !row || row.problem ? `cannot decide (${row?.problem ?? 'no decision'})` : row.decision === 'allowed' ? 'allowed' : 'denied';
    if (answer !== 'allowed') allowed = false;
    const deciding = row?.deciding ? `: ${row.deciding}` : '';
    console.log(`${result.stack}: ${answer}: ${options.request} by ${options.profile} (${result.roleArn || 'no role'})${deciding}`);
  }
  return allowed;
}

/** `s3:PutObject arn:aws:s3:::bucket/key` as `{ action, resource }`; S3 shorthand (`put s3://bucket/key`) as it is. */
function askedRequest(text: string): AccessRequestSpec {
  const [action, resource, ...rest] = text.trim().split(/\s+/);
  return resource !== undefined && rest.length === 0 && /^[a-z0-9-]+:[A-Za-z0-9*]+$/.test(action) ? { action, resource, context: {} } : text;
}

/** `no stack of the spec has an instance profile named "X" (A, B); did you mean "A"?` */
function noProfileText(loaded: LoadedSpec, options: AskOptions): string {
  const known = [...new Set(selectedPlans(loaded, options).flatMap((plan) => plan.profiles.map((profile) => profile.instanceProfile.name)))];
  const hint = closest(options.profile, known);
  const where = options.environment !== undefined || options.stack !== undefined ? 'no stack selected' : 'no stack of the spec';
  return `${where} has an instance profile named "${options.profile}" (${known.join(', ')})${hint ? `; did you mean "${hint}"?` : ''}`;
}

async function verifySpec(options: VerifyOptions): Promise<{ source: string; results: ProfileVerification[] }> {
  const loaded = loadSpec(options.specFile);
  const plans = selectedPlans(loaded, options);
  const names = new Set(plans.map((plan) => plan.name));
  const stacks = synthesizeStackModels(loaded).filter((stack) => names.has(stack.source));
  const source = `spec: ${loaded.source}${plans.length < planCount(loaded) ? `; stacks: ${[...names].join(', ')}` : ''}`;
  if (!options.expectFile) return { source, results: await verifyProfiles(loaded, stacks) };
  const { stacks: toVerify, unheld } = stacksToVerifyWith(plans, stacks, readExpectationsFile(options.expectFile));
  if (unheld.length) {
    const known = [...new Set(plans.flatMap((plan) => plan.profiles.map((profile) => profile.instanceProfile.name)))].join(', ');
    throw new SpecError(
      options.expectFile,
      unheld.map((entry) => ({
        path: entry.path,
        message: `no stack verified has an instance profile named "${entry.instanceProfile}" (its profiles: ${known})`,
      })),
    );
  }
  return { source: `${source}, expectations: ${options.expectFile}`, results: await verifyStacks(toVerify) };
}

/** How many stacks the spec has, to say whether a selection left some out. */
function planCount(loaded: LoadedSpec): number {
  return selectedPlans(loaded, {}).length;
}

async function verifyPlan(planFile: string, options: VerifyOptions): Promise<{ source: string; results: ProfileVerification[] }> {
  let stack = readPlanFile(planFile);
  let expectations: ProfileExpectations[] = [];
  let from = '';
  if (options.expectFile) {
    expectations = readExpectationsFile(options.expectFile);
    from = `, expectations: ${options.expectFile}`;
  } else if (options.specFile) {
    const loaded = loadSpec(options.specFile);
    const plan = planOf(loaded, stack, options);
    stack = withSpecFacts(stack, plan);
    expectations = expectationsOf(loaded, plan.name);
    from = `, expectations: ${options.specFile} (stack ${plan.name})`;
  }
  return { source: `plan: ${planFile}${from}`, results: await verifyStack(stack, expectations) };
}

/**
 * A plan's stack with what the spec knows of it and the plan cannot hold: the documents of the
 * permissions boundaries made elsewhere, and the stack's account where the plan's provider names
 * none (a plan made with `allowed_account_ids` lifted).
 */
function withSpecFacts(stack: StackModel, plan: StackPlan): StackModel {
  const knownPolicies = new Map([...(stack.knownPolicies ?? []), ...boundaryDocuments(plan.profiles)]);
  const provider = plan.accountId && !stack.provider.allowedAccountIds.length ? { ...stack.provider, allowedAccountIds: [plan.accountId] } : stack.provider;
  return { ...stack, provider, ...(knownPolicies.size ? { knownPolicies } : {}) };
}

/**
 * The stack of the spec a plan is: among the selected stacks, the one in the plan's account and
 * region (where the plan names them; one selected stack is taken whatever region the plan names).
 * A usage error when none is, or when several are and `--environment` or `--stack` must say which.
 */
function planOf(loaded: LoadedSpec, stack: StackModel, selection: StackSelection): StackPlan {
  const selected = selectedPlans(loaded, selection);
  const matching = plansMatching(selected, stack);
  if (matching.length === 1) return matching[0];
  const account = soleAccountOf(stack.provider);
  if (selected.length === 1 && (account === undefined || selected[0].accountId === undefined || selected[0].accountId === account)) return selected[0];
  const describe = (plans: readonly StackPlan[]) =>
    plans.map((plan) => `${plan.name} (${plan.accountId ? `account ${plan.accountId}, ` : ''}${plan.region})`).join(', ');
  if (matching.length > 1) throw new UsageError(`the plan could be any of ${describe(matching)}; say which with --environment or --stack`);
  const where = [account && `account ${account}`, ...regionsOf(stack)].filter(Boolean).join(', ');
  const which = selected.length < planCount(loaded) ? 'selected' : 'of the spec';
  throw new UsageError(`the plan deploys to ${where}, which no stack ${which} does: ${describe(selected)}`);
}
