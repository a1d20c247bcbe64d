import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../src/cli/main';
import { renderSpecSchema } from '../src/cli/schema-command';
import { betweenMarkers, renderSpecReference, SPEC_REFERENCE_MARKERS } from '../src/docs/spec-reference';
import { MODULE_DOCS_MARKERS, renderModuleDocs } from '../src/module/module-docs';
import { packageRoot } from '../src/package-root';

const ROOT = packageRoot();

/** Runs the CLI in-process from `cwd`, capturing what it prints. */
function runCli(argv: string[], cwd: string): { code: number; stderr: string; stdout: string } {
  const stderr: string[] = [];
  const stdout: string[] = [];
  const error = jest.spyOn(console, 'error').mockImplementation((...args) => void stderr.push(args.join(' ')));
  const log = jest.spyOn(console, 'log').mockImplementation((...args) => void stdout.push(args.join(' ')));
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    return { code: main(argv), stderr: stderr.join('\n'), stdout: stdout.join('\n') };
  } finally {
    process.chdir(previous);
    error.mockRestore();
    log.mockRestore();
  }
}

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));

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
  it('writes Terraform JSON and HCL of the built-in default to the output folder', () => {
    const cwd = tempDir();
    const { code, stderr } = runCli(['synth', '--out', 'out'], cwd);
    expect(code).toBe(0);
    expect(stderr).toContain('wrote     out/json/s3-write/main.tf.json');
    const json = JSON.parse(fs.readFileSync(path.join(cwd, 'out/json/s3-write/main.tf.json'), 'utf8'));
    for (const type of ['aws_iam_policy', 'aws_iam_role', 'aws_iam_role_policy_attachment', 'aws_iam_instance_profile', 'aws_instance']) {
      expect(Object.keys(json.resource[type])).toHaveLength(1);
    }
    expect(fs.readFileSync(path.join(cwd, 'out/hcl/s3-write/main.tf'), 'utf8')).toContain(
      'policy      = jsonencode(local.s3_write_policy_document)',
    );
  });

  it('gives byte-identical output from different folders, with no absolute path in it', () => {
    const specText = fs.readFileSync(path.join(ROOT, '__tests__/fixtures/all-options.yaml'), 'utf8');
    const outputs = [tempDir(), tempDir()].map((cwd) => {
      fs.cpSync(path.join(ROOT, '__tests__/fixtures/policies'), path.join(cwd, 'specs/policies'), { recursive: true });
      fs.writeFileSync(path.join(cwd, 'specs/spec.yaml'), specText);
      expect(runCli(['synth', 'specs/spec.yaml', '-o', 'out', '-q'], cwd).code).toBe(0);
      return { cwd, tree: snapshotTree(path.join(cwd, 'out')) };
    });
    expect(outputs[0].tree).toEqual(outputs[1].tree);
    const everything = Object.values(outputs[0].tree).join('\n');
    for (const local of [outputs[0].cwd, os.tmpdir(), os.homedir(), ROOT]) expect(everything).not.toContain(local);
  });

  it('fails on an invalid spec with exit 1, naming file and field, and leaves the output folder as it was', () => {
    const cwd = tempDir();
    expect(runCli(['synth', '-o', 'out', '-q'], cwd).code).toBe(0);
    fs.writeFileSync(path.join(cwd, 'out/notes.txt'), 'mine');
    const before = snapshotTree(path.join(cwd, 'out'));
    fs.writeFileSync(path.join(cwd, 'bad.yaml'), 'profiles:\n  - role:\n      name: S3WriteRole\n      maxSessionDuration: 60\n');

    const { code, stderr } = runCli(['synth', 'bad.yaml', '-o', 'out'], cwd);

    expect(code).toBe(1);
    expect(stderr).toBe(
      'error: bad.yaml: 1 problem; nothing was written\n' +
        '  bad.yaml:4:27: profiles[0].role.maxSessionDuration: 60 is out of range; allowed 3600 to 43200',
    );
    expect(snapshotTree(path.join(cwd, 'out'))).toEqual(before);
  });

  it('removes the files of a stack that is gone and leaves other files alone', () => {
    const cwd = tempDir();
    expect(runCli(['synth', '-o', 'out', '-q'], cwd).code).toBe(0);
    fs.writeFileSync(path.join(cwd, 'out/hcl/s3-write/terraform.s3-write.tfstate'), '{}');
    fs.writeFileSync(path.join(cwd, 'other.yaml'), 'stack: other\nprofiles:\n  - role: { name: OtherRole }\n');

    expect(runCli(['synth', 'other.yaml', '-o', 'out', '-q'], cwd).code).toBe(0);

    expect(Object.keys(snapshotTree(path.join(cwd, 'out'))).sort()).toEqual([
      '.generated-files',
      'diagrams/other.mmd',
      'hcl/other/main.tf',
      'hcl/s3-write/terraform.s3-write.tfstate',
      'json/other/main.tf.json',
    ]);
  });

  it('fails on an unknown option with exit 2 and the usage', () => {
    const { code, stderr } = runCli(['synth', '--outdir', 'x'], tempDir());
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: Unknown option '--outdir'/);
    expect(stderr).toContain('Usage: instance-profile');
  });

  it('prints the usage for --help', () => {
    const { code, stdout } = runCli(['--help'], tempDir());
    expect(code).toBe(0);
    expect(stdout).toContain('synth [spec-file]');
  });
});

describe('drift command', () => {
  it('passes when the output folder is what synth writes, module included', () => {
    const cwd = tempDir();
    expect(runCli(['synth', '--module', '-o', 'out', '-q'], cwd).code).toBe(0);
    expect(runCli(['drift', '--module', '-o', 'out'], cwd)).toMatchObject({ code: 0, stderr: 'out: up to date with <built-in default>' });
  });

  it('fails naming each changed, missing and stale file, and writes nothing', () => {
    const cwd = tempDir();
    expect(runCli(['synth', '--module', '-o', 'out', '-q'], cwd).code).toBe(0);
    const hcl = path.join(cwd, 'out/hcl/s3-write/main.tf');
    fs.writeFileSync(hcl, fs.readFileSync(hcl, 'utf8').replace('"S3WriteRole"', '"S3WriteRoleOld"'));
    fs.rmSync(path.join(cwd, 'out/json/s3-write/main.tf.json'));
    const before = snapshotTree(path.join(cwd, 'out'));

    const { code, stderr } = runCli(['drift', '-o', 'out'], cwd);

    expect(code).toBe(1);
    expect(stderr).toContain('error: out differs from what <built-in default> generates now (4 files):');
    expect(stderr).toContain('changed  out/hcl/s3-write/main.tf (+1 -1 lines; first difference at line');
    expect(stderr).toContain('committed: name                 = "S3WriteRoleOld"');
    expect(stderr).toContain('missing  out/json/s3-write/main.tf.json (would be generated)');
    expect(stderr).toContain('stale    out/module/s3-writer/main.tf (no longer generated)');
    expect(snapshotTree(path.join(cwd, 'out'))).toEqual(before);
  });

  it('passes on the committed generated/ folder', () => {
    expect(runCli(['drift', '--module', '-o', 'generated'], ROOT).code).toBe(0);
  });
});

describe('the launcher (bin/run.js)', () => {
  it('exits 1 with the problem and no stack trace for a missing spec file', () => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/run.js'), 'cli', 'synth', 'missing.yaml'], {
      cwd: tempDir(),
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('missing.yaml: spec file not found');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('spec.schema.json', () => {
  it('is committed as the schema command writes it', () => {
    expect(fs.readFileSync(path.join(ROOT, 'spec.schema.json'), 'utf8')).toBe(renderSpecSchema());
  });
});

describe('README.md', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

  it('holds the spec reference as generated from the schema', () => {
    expect(betweenMarkers(readme, SPEC_REFERENCE_MARKERS)).toBe(renderSpecReference());
  });

  it("holds the module's inputs and outputs as generated from its declarations", () => {
    expect(betweenMarkers(readme, MODULE_DOCS_MARKERS)).toBe(renderModuleDocs());
  });
});
