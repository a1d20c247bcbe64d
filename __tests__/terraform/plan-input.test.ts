/**
 * Terraform's own plan as input: `check --plan` and `verify --plan` read the JSON of
 * `terraform show -json <planfile>`, planned offline by real Terraform, of this tool's output,
 * of the all-options spec's, and of hand-written Terraform.
 */
import * as fs from 'fs';
import * as path from 'path';
import { packageRoot } from '../../src/package-root';
import { loadSpec } from '../../src/spec/load-spec';
import { synthesize } from '../../src/pipeline/synthesize';
import { FIXTURES } from '../helpers/synth';
import { TERRAFORM_TEST_TIMEOUT_MS } from '../helpers/offline-terraform';
import { planFixture, type PlannedFixture } from '../helpers/plan-fixture';
import { runCli } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp-dirs';

jest.setTimeout(TERRAFORM_TEST_TIMEOUT_MS);

const ROOT = packageRoot();

/** The HCL folder of a synthesized spec's first stack, written to a temporary folder for planning. */
function synthesizedRoot(specFile: string, stack: string): string {
  const dir = tempDir('plan-input-');
  for (const [file, content] of synthesize(loadSpec(specFile))) {
    if (file.startsWith(`hcl/${stack}/`)) fs.writeFileSync(path.join(dir, path.basename(file)), content);
  }
  return dir;
}

describe('check --plan and verify --plan', () => {
  let builtIn: PlannedFixture;
  let handWritten: PlannedFixture;
  let allOptions: PlannedFixture;
  let noProfile: PlannedFixture;

  beforeAll(async () => {
    builtIn = await planFixture('generated/hcl/s3-write');
    handWritten = await planFixture('handwritten-imdsv1');
    noProfile = await planFixture('no-profile');
    allOptions = await planFixture(synthesizedRoot(path.join(FIXTURES, 'all-options.yaml'), 'all-options'));
  });

  it('fails a hand-written root with an IMDSv1 instance, s3:* on * and no root volume encryption, at the Terraform addresses', async () => {
    const { code, stdout } = await runCli(['check', '--plan', handWritten.jsonFile], ROOT);
    expect(code).toBe(1);
    expect(stdout).toContain(`plan: ${handWritten.jsonFile}`);
    const rows = stdout.split('\n').filter((line) => line.startsWith('error'));
    expect(rows.map((line) => line.split(/\s{2,}/).slice(1, 4))).toEqual([
      ['IAM_RESOURCE_WILDCARD', 'medium', 'aws_iam_policy.x.policy.Statement[0].Resource'],
      ['EC2_IMDSV2_REQUIRED', 'high', 'aws_instance.app.metadata_options.http_tokens'],
      ['EC2_EBS_ENCRYPTED', 'high', 'aws_instance.app.root_block_device.encrypted'],
    ]);
  });

  it('fails a hand-written instance launched without an instance profile', async () => {
    const { code, stdout } = await runCli(['check', '--plan', noProfile.jsonFile], ROOT);
    expect(code).toBe(1);
    expect(stdout).toMatch(/error\s+EC2_INSTANCE_PROFILE_ATTACHED\s+medium\s+aws_instance\.\w+\s/);
  });

  it('passes the plan of the built-in example, with one low finding: a plan cannot tell detailed monitoring left at the tool default from one turned off', async () => {
    const { code, stdout } = await runCli(['check', '--plan', builtIn.jsonFile], ROOT);
    expect(code).toBe(0);
    expect(stdout).toMatch(/warning\s+EC2_DETAILED_MONITORING\s+low\s+aws_instance\.s3_write\.monitoring/);
    expect(stdout.trimEnd().split('\n').pop()).toBe('0 errors, 1 warning, 0 suppressed');
  });

  it("reports on the all-options spec's plan what the spec's check reports, findings the spec suppresses included", async () => {
    const { code, stdout } = await runCli(['check', '--plan', allOptions.jsonFile], ROOT);
    expect(code).toBe(1);
    const rules = stdout
      .split('\n')
      .filter((line) => /^(error|warning)/.test(line))
      .map((line) => line.split(/\s{2,}/)[1]);
    expect(rules.sort()).toEqual(['EC2_EBS_OPTIMIZED', 'EC2_NO_PUBLIC_IP']);
  });

  it("decides the walkthrough's three expectations on the built-in example's plan", async () => {
    const { code, stdout } = await runCli(['verify', '--plan', builtIn.jsonFile, 'examples/seed/spec.yaml'], ROOT);
    expect(code).toBe(0);
    expect(stdout).toMatch(/ok\s+put s3:\/\/instance-profile-test1\/writetest\s+allow\s+allowed/);
    expect(stdout).toMatch(/ok\s+put s3:\/\/instance-profile-test2\/writetest\s+deny\s+implicitly denied/);
    expect(stdout).toMatch(/ok\s+list s3:\/\/instance-profile-test1\s+allow\s+allowed/);
    expect(stdout).toContain('S3WriteProfile: role arn:aws:iam::123456789012:role/S3WriteRole');
  });

  it('decides the expectations of an --expect file on a hand-written plan, and fails an unmet one', async () => {
    const expect_ = path.join(tempDir('plan-input-'), 'expect.yaml');
    fs.writeFileSync(
      expect_,
      'AppProfile:\n  - allow: put s3://any-bucket/key\n  - deny: { action: iam:CreateUser, resource: "arn:aws:iam::123456789012:user/x" }\n',
    );
    expect((await runCli(['verify', '--plan', handWritten.jsonFile, '--expect', expect_], ROOT)).code).toBe(0);
    fs.writeFileSync(expect_, 'AppProfile:\n  - deny: delete s3://any-bucket/key\n');
    const failed = await runCli(['verify', '--plan', handWritten.jsonFile, '--expect', expect_], ROOT);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/delete s3:\/\/any-bucket\/key: expected deny, but allowed by AllS3 statement 0/);
  });

  it('refuses a file that is not a plan, naming it', async () => {
    const { code, stderr } = await runCli(['check', '--plan', 'examples/seed/iampolicy.json'], ROOT);
    expect(code).toBe(1);
    expect(stderr).toContain('examples/seed/iampolicy.json: is not the JSON of `terraform show -json <planfile>`');
  });

  it.each([
    [['synth', '--plan', 'p.json'], '--plan goes with the check and verify commands'],
    [['check', '--plan', 'p.json', 'spec.yaml'], 'check --plan takes no spec file'],
    [['verify', '--plan', 'p.json', '--expect', 'e.yaml', 'spec.yaml'], 'give the expectations either in a spec or with --expect, not both'],
  ])('refuses %j as a usage error', async (argv, message) => {
    const { code, stderr } = await runCli(argv, ROOT);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
