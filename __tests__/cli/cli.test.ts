import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { renderSpecSchema } from '../../src/cli/schema-command';
import { packageRoot } from '../../src/package-root';
import { WORKER_THRESHOLD_PROFILES } from '../../src/access/verify-in-background';
import { fleetSpec } from '../../scripts/bench/fleet-spec';
import { runCli } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp-dirs';
import { archiverOfCdktf } from '../helpers/archiver-of-cdktf';

const ROOT = packageRoot();

/** Every file below `dir` with its content, by relative path. */
function snapshotTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const relative = path.join(sub, entry.name);
      if (entry.isDirectory()) walk(relative);
      else files[relative] = fs.readFileSync(path.join(dir, relative), 'utf8');
    }
  };
  walk('');
  return files;
}

describe('synth command', () => {
  it('writes Terraform JSON and HCL of the built-in default to the output folder', async () => {
    const cwd = tempDir('cli-');
    const { code, stdout } = await runCli(['synth', '--out', 'out'], cwd);
    expect(code).toBe(0);
    expect(stdout).toContain('wrote     out/json/s3-write/main.tf.json');
    const json = JSON.parse(fs.readFileSync(path.join(cwd, 'out/json/s3-write/main.tf.json'), 'utf8'));
    for (const type of ['aws_iam_policy', 'aws_iam_role', 'aws_iam_role_policy_attachment', 'aws_iam_instance_profile', 'aws_instance']) {
      expect(Object.keys(json.resource[type])).toHaveLength(1);
    }
    expect(fs.readFileSync(path.join(cwd, 'out/hcl/s3-write/main.tf'), 'utf8')).toContain('policy      = jsonencode(local.s3_write_policy_document)');
  });

  it('gives byte-identical output from different folders, with no absolute path in it', async () => {
    const specText = fs.readFileSync(path.join(ROOT, '__tests__/fixtures/all-options.yaml'), 'utf8');
    const outputs = [];
    for (const cwd of [tempDir('cli-'), tempDir('cli-')]) {
      fs.cpSync(path.join(ROOT, '__tests__/fixtures/policies'), path.join(cwd, 'specs/policies'), { recursive: true });
      fs.writeFileSync(path.join(cwd, 'specs/spec.yaml'), specText);
      expect((await runCli(['synth', 'specs/spec.yaml', '-o', 'out', '-q'], cwd)).code).toBe(0);
      outputs.push({ cwd, tree: snapshotTree(path.join(cwd, 'out')) });
    }
    expect(outputs[0].tree).toEqual(outputs[1].tree);
    const everything = Object.values(outputs[0].tree).join('\n');
    for (const local of [outputs[0].cwd, os.tmpdir(), os.homedir(), ROOT]) expect(everything).not.toContain(local);
  });

  it('fails on an invalid spec with exit 1, naming file and field, and leaves the output folder as it was', async () => {
    const cwd = tempDir('cli-');
    expect((await runCli(['synth', '-o', 'out', '-q'], cwd)).code).toBe(0);
    fs.writeFileSync(path.join(cwd, 'out/notes.txt'), 'mine');
    const before = snapshotTree(path.join(cwd, 'out'));
    fs.writeFileSync(path.join(cwd, 'bad.yaml'), 'profiles:\n  - role:\n      name: S3WriteRole\n      maxSessionDuration: 60\n');

    const { code, stderr } = await runCli(['synth', 'bad.yaml', '-o', 'out'], cwd);

    expect(code).toBe(1);
    expect(stderr).toBe(
      'error: bad.yaml: 1 error; nothing was written\n' +
        '  errors:\n' +
        '    bad.yaml:4:27: profiles[0].role.maxSessionDuration: 60 is out of range; allowed 3600 to 43200 [SPEC_SCHEMA]',
    );
    expect(snapshotTree(path.join(cwd, 'out'))).toEqual(before);
  });

  it('removes the files of a stack that is gone and leaves other files alone', async () => {
    const cwd = tempDir('cli-');
    expect((await runCli(['synth', '-o', 'out', '-q'], cwd)).code).toBe(0);
    fs.writeFileSync(path.join(cwd, 'out/hcl/s3-write/terraform.s3-write.tfstate'), '{}');
    fs.writeFileSync(path.join(cwd, 'other.yaml'), 'stack: other\nprofiles:\n  - role: { name: OtherRole }\n');

    expect((await runCli(['synth', 'other.yaml', '-o', 'out', '-q'], cwd)).code).toBe(0);

    // The removed root's lock file stays where its state does, and goes where nothing else is left.
    expect(Object.keys(snapshotTree(path.join(cwd, 'out'))).sort()).toEqual([
      '.generated-files',
      'diagrams/other.mmd',
      'hcl/other/.terraform.lock.hcl',
      'hcl/other/main.tf',
      'hcl/s3-write/.terraform.lock.hcl',
      'hcl/s3-write/terraform.s3-write.tfstate',
      'json/other/.terraform.lock.hcl',
      'json/other/main.tf.json',
    ]);
  });

  it("fails on an unknown option with exit 2, pointing at the command's help", async () => {
    const { code, stderr } = await runCli(['synth', '--outdir', 'x'], tempDir('cli-'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: Unknown option '--outdir'/);
    expect(stderr).toContain("run 'instance-profile synth --help' (npm run synth -- --help) for its options");
  });

  it('points a misplaced option at the help of the command it was given to', async () => {
    const { code, stderr } = await runCli(['verify', '--layout', 'module'], tempDir('cli-'));
    expect(code).toBe(2);
    expect(stderr).toBe(
      "error: --layout goes with the synth and drift commands\nrun 'instance-profile verify --help' (npm run verify -- --help) for its options",
    );
  });

  it('prints the overview for --help, one line per command', async () => {
    const { code, stdout } = await runCli(['--help'], tempDir('cli-'));
    expect(code).toBe(0);
    for (const command of ['synth', 'check', 'verify', 'drift', 'module', 'doctor', 'schema']) expect(stdout).toMatch(new RegExp(`^  ${command} +\\S`, 'm'));
    expect(stdout).toContain("Run 'instance-profile <command> --help'");
  });

  it.each(['synth', 'check', 'verify', 'drift', 'module', 'doctor', 'schema'])(
    'gives %s its own help page: usage, options, exit codes, an example',
    async (command) => {
      const { code, stdout } = await runCli([command, '--help'], tempDir('cli-'));
      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`^Usage: instance-profile ${command}\\b`));
      expect(stdout).toMatch(/\nOptions:\n/);
      expect(stdout).toMatch(/\nExit codes: 0 /);
      expect(stdout).toMatch(new RegExp(`\nExample:\n  .*${command}`));
      expect((await runCli(['help', command], tempDir('cli-'))).stdout).toBe(stdout);
    },
  );
});

describe('synth gates on checks and access expectations', () => {
  it('reports the four mistakes of the acceptance spec together, exits 1 and leaves the output as it was', async () => {
    const cwd = tempDir('cli-');
    expect((await runCli(['synth', '-o', 'out', '-q'], cwd)).code).toBe(0);
    const before = snapshotTree(path.join(cwd, 'out'));
    fs.copyFileSync(path.join(ROOT, '__tests__/checks/fixtures/acceptance.yaml'), path.join(cwd, 'acceptance.yaml'));

    const { code, stderr } = await runCli(['synth', 'acceptance.yaml', '-o', 'out'], cwd);

    expect(code).toBe(1);
    const errorSection = stderr.slice(stderr.indexOf('  errors:'), stderr.indexOf('  warnings:'));
    expect(errorSection.split('\n').filter((line) => line.startsWith('    acceptance.yaml'))).toHaveLength(4);
    expect(stderr).toMatch(/^error: acceptance\.yaml: 4 errors(, \d+ warnings?)?; nothing was written$/m);
    expect(stderr).toContain(
      'profiles[0].role.name: "RoleNameThatIsSixtyFiveCharactersLongWhichIsOneMoreThanIAMAllowsX" is 65 characters; at most 64 allowed [SPEC_SCHEMA]',
    );
    expect(stderr).toContain('did you mean s3:PutObject?');
    expect(stderr).toContain('s3:ListBucket applies to no resource of this statement');
    expect(stderr).toContain('[IAM_POLICY_VERSION]');
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(snapshotTree(path.join(cwd, 'out'))).toEqual(before);
  });

  it('fails, naming the expectation and the statement, when a wildcard lets test2 in; nothing is written', async () => {
    const cwd = tempDir('cli-');
    const spec = fs
      .readFileSync(path.join(ROOT, 'examples/seed/spec.yaml'), 'utf8')
      .replace('document: file://iampolicy.json', 'document: file://wildcard.json');
    fs.writeFileSync(path.join(cwd, 'spec.yaml'), spec);
    const wildcard = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/seed/iampolicy.json'), 'utf8'));
    wildcard.Statement[0].Resource[0] = 'arn:aws:s3:::instance-profile-test*/*';
    fs.writeFileSync(path.join(cwd, 'wildcard.json'), JSON.stringify(wildcard));

    const { code, stderr } = await runCli(['synth', 'spec.yaml', '-o', 'out'], cwd);

    expect(code).toBe(1);
    expect(stderr).toContain(
      'profiles[0].expectations[1]: put s3://instance-profile-test2/writetest: expected deny, but allowed by S3WritePolicy statement 0 [ACCESS_EXPECTATION]',
    );
    expect(fs.existsSync(path.join(cwd, 'out'))).toBe(false);
  });

  it("prints the walkthrough's three expectations as met for the built-in example", async () => {
    const { code, stdout, stderr } = await runCli(['synth', '-o', 'out'], tempDir('cli-'));
    expect(code).toBe(0);
    expect(stdout).toMatch(/ok {2}put s3:\/\/instance-profile-test1\/writetest +allow +allowed +S3WritePolicy statement 0/);
    expect(stdout).toMatch(/ok {2}put s3:\/\/instance-profile-test2\/writetest +deny +implicitly denied/);
    expect(stdout).toMatch(/ok {2}list s3:\/\/instance-profile-test1 +allow +allowed +S3WritePolicy statement 0/);
    // Progress goes to stderr; the built-in example's defaults trip no rule, so there is no finding to accept.
    expect(stderr.split('\n')).toEqual(['spec: <built-in default> (1 profile)', expect.stringMatching(/^done in \d+ ms$/)]);
  });
});

describe('check and verify commands', () => {
  it('check prints the findings table and exits 0 on the built-in example', async () => {
    const { code, stdout } = await runCli(['check'], tempDir('cli-'));
    expect(code).toBe(0);
    expect(stdout).toContain('no findings');
    expect(stdout).toContain('0 errors, 0 warnings, 0 suppressed');
  });

  it('verify prints a table per profile and exits 0 when every expectation is met', async () => {
    const { code, stdout } = await runCli(['verify', path.join(ROOT, 'examples/seed/spec.yaml')], tempDir('cli-'));
    expect(code).toBe(0);
    expect(stdout).toContain('access: 5 checks in 1 profile: 5 met, 0 failed, 0 not evaluated');
  });
});

describe('drift command', () => {
  it('passes right after module with the same arguments and --module', async () => {
    const cwd = tempDir('cli-');
    expect((await runCli(['module', '-o', 'mod', '-q'], cwd)).code).toBe(0);
    expect(await runCli(['drift', '--module', '-o', 'mod'], cwd)).toMatchObject({ code: 0, stdout: 'mod: up to date with <built-in default>' });
  });

  it('fails naming each changed and missing file, with the first difference, and writes nothing', async () => {
    const cwd = tempDir('cli-');
    expect((await runCli(['synth', '-o', 'out', '-q'], cwd)).code).toBe(0);
    const hcl = path.join(cwd, 'out/hcl/s3-write/main.tf');
    fs.writeFileSync(hcl, fs.readFileSync(hcl, 'utf8').replace('"S3WriteRole"', '"S3WriteRoleOld"'));
    fs.rmSync(path.join(cwd, 'out/json/s3-write/main.tf.json'));
    const before = snapshotTree(path.join(cwd, 'out'));

    const { code, stderr } = await runCli(['drift', '-o', 'out'], cwd);

    expect(code).toBe(1);
    expect(stderr).toContain('error: out differs from what <built-in default> generates now (2 files):');
    expect(stderr).toContain('changed  out/hcl/s3-write/main.tf (+1 -1 lines; first difference at line');
    expect(stderr).toContain('committed: name                 = "S3WriteRoleOld"');
    expect(stderr).toContain('missing  out/json/s3-write/main.tf.json (would be generated)');
    expect(stderr).toContain('run the same synth command to update it');
    expect(snapshotTree(path.join(cwd, 'out'))).toEqual(before);
  });

  it('names the files of a stack that would no longer be generated', async () => {
    const cwd = tempDir('cli-');
    fs.writeFileSync(path.join(cwd, 'old.yaml'), 'stack: old\nprofiles:\n  - role: { name: OldRole }\n');
    expect((await runCli(['synth', 'old.yaml', '-o', 'out', '-q'], cwd)).code).toBe(0);

    const { code, stderr } = await runCli(['drift', '-o', 'out'], cwd);

    expect(code).toBe(1);
    expect(stderr).toContain('stale    out/hcl/old/main.tf (no longer generated)');
    expect(stderr).toContain('missing  out/hcl/s3-write/main.tf (would be generated)');
  });

  it('passes on the committed generated/ folder and on the committed built-in module', async () => {
    expect((await runCli(['drift', '-o', 'generated'], ROOT)).code).toBe(0);
    expect(await runCli(['drift', '--module'], ROOT)).toMatchObject({ code: 0, stdout: 'generated/module/s3-write: up to date with <built-in default>' });
  });

  it('passes right after a synth of a spec with the same arguments, and after a module of it', async () => {
    const cwd = tempDir('cli-');
    fs.writeFileSync(path.join(cwd, 'teams.yaml'), 'stack: teams\nprofiles:\n  - role: { name: TeamRole }\n');
    expect((await runCli(['synth', 'teams.yaml', '-o', 'out1', '-q'], cwd)).code).toBe(0);
    expect(await runCli(['drift', 'teams.yaml', '-o', 'out1'], cwd)).toMatchObject({ code: 0, stdout: 'out1: up to date with teams.yaml' });
    expect((await runCli(['module', 'teams.yaml', '-q'], cwd)).code).toBe(0);
    expect(await runCli(['drift', '--module', 'teams.yaml'], cwd)).toMatchObject({ code: 0, stdout: 'generated/module/teams: up to date with teams.yaml' });
  });

  it('fails on an edited module file, and says so when a module folder is compared as synth output', async () => {
    const cwd = tempDir('cli-');
    expect((await runCli(['module', '-o', 'mod', '-q'], cwd)).code).toBe(0);
    fs.appendFileSync(path.join(cwd, 'mod/main.tf'), '# edited\n');
    const edited = await runCli(['drift', '--module', '-o', 'mod'], cwd);
    expect(edited.code).toBe(1);
    expect(edited.stderr).toContain('changed  mod/main.tf');
    expect(edited.stderr).toContain('run the same module command to update it');
    const asSynth = await runCli(['drift', '-o', 'mod'], cwd);
    expect(asSynth.code).toBe(1);
    expect(asSynth.stderr).toContain("mod holds a module (versions.tf): compare it with drift --module and the module command's arguments");
  });
});

describe('the launcher (bin/run.js)', () => {
  it('exits 1 with the problem and no stack trace for a missing spec file', async () => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/run.js'), 'cli', 'synth', 'missing.yaml'], {
      cwd: tempDir('cli-'),
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('missing.yaml: spec file not found');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('defers archiver, which cdktf loads for assets, until it is used, and it still works then', () => {
    const cwd = tempDir('cli-');
    if (!archiverOfCdktf()) {
      // CDK Terrain ships no archiver: the launcher has nothing to defer and runs as it is.
      const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/run.js'), 'cli', '--version'], { cwd, encoding: 'utf8' });
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
      return;
    }
    // Runs the launcher (which loads cdktf through the CLI), then zips a file with the archiver cdktf holds.
    const script = `
      const fs = require('fs'), path = require('path');
      process.argv = [process.execPath, ${JSON.stringify(path.join(ROOT, 'bin/run.js'))}, 'cli', '--version'];
      require(process.argv[1]);
      const cdktfDir = path.dirname(require.resolve('cdktf', { paths: [${JSON.stringify(ROOT)}] }));
      const core = require.resolve('archiver/lib/core.js', { paths: [cdktfDir] });
      const loadedAtStart = core in require.cache;
      const archive = require(require.resolve('archiver', { paths: [cdktfDir] }))('zip');
      const output = fs.createWriteStream('a.zip');
      output.on('close', () => {
        const zip = fs.readFileSync('a.zip').subarray(0, 2).toString();
        console.log(JSON.stringify({ loadedAtStart, loadedWhenUsed: core in require.cache, zip }));
      });
      archive.pipe(output);
      archive.append('hello', { name: 'a.txt' });
      archive.finalize();
    `;
    const result = spawnSync(process.execPath, ['-e', script], { cwd, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout.trim().split('\n').pop()!);
    expect(report).toEqual({ loadedAtStart: false, loadedWhenUsed: true, zip: 'PK' });
  });
});

describe('a large fleet through the launcher (access verified on a worker thread)', () => {
  const fleetFile = (cwd: string, bucketOfTeam7: string) => {
    const spec = fleetSpec(WORKER_THRESHOLD_PROFILES + 10) as { fleets: Array<{ items: Array<Record<string, string>> }> };
    spec.fleets[0].items[7].bucket = bucketOfTeam7;
    fs.writeFileSync(path.join(cwd, 'fleet.json'), JSON.stringify(spec));
    return 'fleet.json';
  };
  const run = (cwd: string, file: string) =>
    spawnSync(process.execPath, [path.join(ROOT, 'bin/run.js'), 'cli', 'synth', file, '-o', 'out', '-q'], { cwd, encoding: 'utf8' });

  it('synthesizes when every expectation is met', () => {
    const cwd = tempDir('cli-');
    const result = run(cwd, fleetFile(cwd, 'team7-bucket'));
    expect(result.status).toBe(0);
    expect(fs.existsSync(path.join(cwd, 'out/hcl/fleet/main.tf'))).toBe(true);
  });

  it('fails naming the item whose expectation is not met, and writes nothing', () => {
    const cwd = tempDir('cli-');
    // team7's policy now covers other-team7-bucket, which its expectations say it must not write to.
    const file = fleetFile(cwd, 'team7-bucket');
    const spec = JSON.parse(fs.readFileSync(path.join(cwd, file), 'utf8'));
    spec.fleets[0].items[7].bucket = '*team7-bucket';
    fs.writeFileSync(path.join(cwd, file), JSON.stringify(spec));
    const result = run(cwd, file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('fleets[0].items[7].expectations[1]: put s3://other-*team7-bucket/probe: expected deny, but allowed');
    expect(fs.existsSync(path.join(cwd, 'out'))).toBe(false);
  });
});

describe('spec.schema.json', () => {
  it('is committed as the schema command writes it', async () => {
    expect(fs.readFileSync(path.join(ROOT, 'spec.schema.json'), 'utf8')).toBe(renderSpecSchema());
  });
});
