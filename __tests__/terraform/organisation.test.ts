/**
 * An organisation's spec, end to end with real Terraform (`fixtures/organisation.yaml`): a
 * customer-managed boundary given by its document, one profile new in dev and adopted in prod
 * under the same IAM names with a different instance type in each, and a profile in prod only.
 * The module layout writes two thin roots calling one module; both validate and plan, the state
 * of each flat root moves into the module with nothing created or destroyed, and a plan of dev
 * is verified against the spec, matched to its environment.
 */
import * as fs from 'fs';
import * as path from 'path';
import { type CliRun, runCli } from '../helpers/run-cli';
import { once, oncePerKey } from '../helpers/once';
import { plansTogether } from '../helpers/plans-together';
import { testsTogether } from '../helpers/tests-together';
import { tempDir } from '../helpers/temp-dirs';
import { FIXTURES } from '../helpers/synth';
import { useOfflineTerraform } from '../helpers/offline-terraform';
import { appliedState, managedChanges, OFFLINE_OVERRIDE, plannedValues, resourceSchemas } from '../helpers/terraform-plans';
import type { TerraformPlanJson } from '../../src/terraform';

const terraform = useOfflineTerraform();
const STACKS = ['logs-dev', 'logs-prod'] as const;
const ADOPTED = 'i-0bbbbbbbbbbbbbbbb';

/** A folder with the fixture spec and its boundary document, as a user has them. */
function specFolder(): string {
  const cwd = tempDir('organisation-');
  fs.copyFileSync(path.join(FIXTURES, 'organisation.yaml'), path.join(cwd, 'spec.yaml'));
  fs.mkdirSync(path.join(cwd, 'policies'));
  fs.copyFileSync(path.join(FIXTURES, 'policies', 'platform-boundary.json'), path.join(cwd, 'policies', 'platform-boundary.json'));
  return cwd;
}

/** Initializes a root for offline plans (fake credentials, allowed_account_ids lifted: nothing can learn the account). */
function offlineRoot(dir: string): string {
  fs.writeFileSync(path.join(dir, 'offline_override.tf'), OFFLINE_OVERRIDE);
  terraform().init(dir);
  return dir;
}

/** The saved plan of an initialized root, from its state as it is when `fromState`, and what Terraform printed (its warnings). */
function planOf(dir: string, fromState = false): { readonly plan: TerraformPlanJson; readonly output: string } {
  const output = terraform().plan(dir, 'plan.out', fromState ? { refresh: false } : {});
  return { plan: terraform().showJson(dir, 'plan.out'), output };
}

/** The warnings a plan printed (a plan validates first: its errors fail it). */
function warningsOf(output: string): string[] {
  return output.split('\n').filter((line) => /^(│ )?Warning: /.test(line));
}

/** Planned values by address with the module's switches taken off (`[0]`, the launched instance's `_launched`), to compare with a flat root's. */
function unswitched(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([address, value]) => [address.replace(/\[0\]$/, '').replace(/_launched$/, ''), value]));
}

/** A root's `main.tf` without its `import` blocks while `use` runs: an import reads AWS, which an offline plan cannot. */
function withoutImports<T>(dir: string, use: () => T): T {
  const file = path.join(dir, 'main.tf');
  const main = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, main.replace(/^import \{[^}]*\}\n/gm, ''));
  try {
    return use();
  } finally {
    fs.writeFileSync(file, main);
  }
}

describe('an organisation: a boundary made elsewhere, one profile new in dev and adopted in prod', () => {
  let cwd: string;
  let synth: CliRun;
  let moduleRun: CliRun;
  beforeAll(async () => {
    cwd = specFolder();
    await runCli(['synth', 'spec.yaml', '-o', 'flat'], cwd);
    // The module layout replaces a copy of that flat output, as a team switching layouts does: its moves come from there.
    fs.cpSync(path.join(cwd, 'flat'), path.join(cwd, 'layout'), { recursive: true });
    synth = await runCli(['synth', 'spec.yaml', '--layout', 'module', '-o', 'layout'], cwd);
    moduleRun = await runCli(['module', 'spec.yaml', '-o', 'mod'], cwd);
  });

  /** A stack's thin root, initialized for offline plans once for every test. */
  const thinRoot = oncePerKey((stack: (typeof STACKS)[number]) => offlineRoot(path.join(cwd, 'layout', 'hcl', stack)));
  /** The plan of dev's thin root from nothing, for the comparison with its flat root and for verify --plan. */
  const thinDevPlan = once(() => planOf(thinRoot('logs-dev')));
  /**
   * The plan of a stack's thin root from its flat root's state (as if applied), the adopted
   * instance's id in prod's: the managed changes, and the number of resources in that state.
   */
  const movedPlan = oncePerKey((stack: (typeof STACKS)[number]) => {
    const state = appliedState(planned()[stack], resourceSchemas(terraform())) as {
      resources: Array<{ type: string; instances: Array<{ attributes: Record<string, unknown> }> }>;
    };
    if (stack === 'logs-prod')
      for (const resource of state.resources.filter(({ type }) => type === 'aws_instance')) resource.instances[0].attributes.id = ADOPTED;
    const thinDir = thinRoot(stack);
    const stateFile = path.join(thinDir, `terraform.${stack}.tfstate`);
    fs.writeFileSync(stateFile, JSON.stringify(state));
    try {
      const { plan, output } = planOf(thinDir, true);
      return { managed: managedChanges(plan), resources: state.resources.length, output };
    } finally {
      // The other tests plan the thin roots from nothing.
      fs.rmSync(stateFile, { force: true });
    }
  });
  /**
   * The roots that plan offline as child modules, from one Terraform plan: each flat root (prod's
   * without its import, which the state of the move test stands for) and the module's example
   * of dev.
   */
  const planned = once(() =>
    withoutImports(path.join(cwd, 'flat', 'hcl', 'logs-prod'), () =>
      plansTogether(terraform(), {
        'logs-dev': path.join(cwd, 'flat', 'hcl', 'logs-dev'),
        'logs-prod': path.join(cwd, 'flat', 'hcl', 'logs-prod'),
        example_dev: path.join(cwd, 'mod', 'examples', 'dev'),
      }),
    ),
  );

  it("is accepted as written: two thin roots calling one module, each access table in its environment's account with the boundary's deciding statement", () => {
    expect(synth.code).toBe(0);
    for (const stack of STACKS)
      expect(fs.readFileSync(path.join(cwd, 'layout', 'hcl', stack, 'main.tf'), 'utf8')).toMatch(/^  source += "..\/..\/module\/logs"$/m);
    const [dev, prod] = synth.stdout.split(/^stack logs-prod:$/m);
    expect(dev).toContain('role arn:aws:iam::111111111111:role/AppLogWriterRole');
    expect(prod).toContain('role arn:aws:iam::222222222222:role/AppLogWriterRole');
    for (const table of [dev, prod]) {
      expect(table).toMatch(
        /ok +put s3:\/\/acme-logs-prod\/app\/x +allow +allowed +AppLogWrite statement 0, permissions boundary PlatformBoundary Sid AppPrefixOnly/,
      );
      expect(table).toMatch(/ok +put s3:\/\/acme-logs-prod\/other\/x +deny +implicitly denied +.*not allowed by permissions boundary PlatformBoundary/);
    }
    expect(dev).not.toContain('AppLogReaderRole');
    expect(prod).toContain('AppLogReaderRole');
  });

  it('validates both thin roots, and plans in dev what the flat root of dev plans (the reader switched off, the instance launched)', () => {
    // Each thin root is planned (dev from nothing, prod, which imports, from its flat state): a plan validates first, and prints its warnings.
    for (const [stack, output] of [
      ['logs-dev', thinDevPlan().output],
      ['logs-prod', movedPlan('logs-prod').output],
    ])
      expect({ stack, warnings: warningsOf(output) }).toEqual({ stack, warnings: [] });
    const values = plannedValues(thinDevPlan().plan);
    expect(Object.keys(values)).toContain('aws_instance.app_log_shipper_launched[0]');
    expect(Object.keys(values).some((address) => address.includes('app_log_reader'))).toBe(false);
    expect(unswitched(values)).toEqual(plannedValues(planned()['logs-dev']));
    expect(values['aws_instance.app_log_shipper_launched[0]']).toMatchObject({ instance_type: 't3.small' });
  });

  it("moves each flat root's state into the module, the adopted instance included, creating and destroying nothing", () => {
    for (const stack of STACKS) {
      const { managed, resources } = movedPlan(stack);
      expect(managed.length).toBe(resources);
      for (const change of managed) {
        expect({ address: change.address, actions: change.change.actions }).toEqual({
          address: change.address,
          actions: expect.not.arrayContaining(['create', 'delete']),
        });
        expect(change.previous_address).toMatch(/^aws_/);
      }
      const instance = managed.find((change) => change.type === 'aws_instance')!;
      expect(instance.address).toBe(
        stack === 'logs-dev' ? 'module.logs.aws_instance.app_log_shipper_launched[0]' : 'module.logs.aws_instance.app_log_shipper[0]',
      );
    }
  });

  it("verifies a plan of dev against the spec, matched to its environment by the plan's region or by --environment", async () => {
    fs.writeFileSync(path.join(cwd, 'plan-dev.json'), JSON.stringify(thinDevPlan().plan));
    for (const selection of [['--environment', 'dev'], []]) {
      const { code, stdout, stderr } = await runCli(['verify', '--plan', 'plan-dev.json', 'spec.yaml', ...selection], cwd);
      expect({ selection, code, stderr }).toEqual({ selection, code: 0, stderr: '' });
      expect(stdout).toContain('(stack logs-dev)');
      expect(stdout).toContain('role arn:aws:iam::111111111111:role/AppLogWriterRole');
      expect(stdout).toMatch(/ok +put s3:\/\/acme-logs-prod\/other\/x +deny +implicitly denied +not allowed by permissions boundary PlatformBoundary/);
    }
  });

  it('generates a module with a switch for the prod-only profile, whose own terraform test passes with it switched off and with the instance adopted', () => {
    expect(moduleRun.code).toBe(0);
    const dir = path.join(cwd, 'mod');
    const variables = fs.readFileSync(path.join(dir, 'variables.tf'), 'utf8');
    expect(variables).toMatch(/variable "create_app_log_reader_role" \{\n +default += true\n/);
    expect(terraform().fmtCheck(dir, { recursive: true })).toEqual([]);
    const { runs, errors } = testsTogether(terraform(), { logs: dir }).get('logs')!;
    expect({ errors, notPassed: [...runs].filter(([, status]) => status !== 'pass') }).toEqual({ errors: [], notPassed: [] });
    const passed = [...runs.keys()].map((run) => run.split('/')[1]);
    expect(passed).toEqual(expect.arrayContaining(['plan', 'apply', 'default_tags', 'without_app_log_reader_role', 'adopting_app_log_shipper_profile']));
    // One example per environment: dev launches and plans offline; prod imports, so it is validated.
    expect(fs.readdirSync(path.join(dir, 'examples')).sort()).toEqual(['dev', 'prod']);
    expect(managedChanges(planned().example_dev).map((change) => change.address)).toContain('module.logs.aws_instance.app_log_shipper_launched[0]');
    const prod = path.join(dir, 'examples', 'prod');
    expect(fs.readFileSync(path.join(prod, 'main.tf'), 'utf8')).toContain(`to = module.logs.aws_instance.app_log_shipper[0]\n  id = "${ADOPTED}"`);
    expect(terraform().validate(offlineRoot(prod))).toMatchObject({ valid: true, error_count: 0 });
  });
});
