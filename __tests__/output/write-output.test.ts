import { type ChildProcess, spawn, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { fleetSpec } from '../../scripts/bench/fleet-spec';
import { packageRoot } from '../../src/package-root';
import { findDrift } from '../../src/output/drift';
import type { FaultPoint } from '../../src/output/fault-point';
import { OutputFolderError } from '../../src/output/output-folder-error';
import { withOutputFolder } from '../../src/output/output-folder';
import { writeOutput } from '../../src/output/write-output';
import { tempDir } from '../helpers/temp-dirs';

const RUN = path.join(packageRoot(), 'bin/run.js');

/** Every entry below `dir` (folders, files with mode and content hash, symbolic links), by relative path. */
function treeOf(dir: string): Record<string, string> {
  const tree: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const relative = path.join(sub, entry.name);
      const full = path.join(dir, relative);
      const mode = (fs.lstatSync(full).mode & 0o777).toString(8);
      if (entry.isSymbolicLink()) tree[relative] = `link -> ${fs.readlinkSync(full)}`;
      else if (entry.isDirectory()) {
        tree[relative] = `folder ${mode}`;
        walk(relative);
      } else tree[relative] = `file ${mode} ${createHash('sha256').update(fs.readFileSync(full)).digest('hex').slice(0, 16)}`;
    }
  };
  walk('');
  return tree;
}

/** Files the tool does not own, as Terraform and a user leave them in the folder of stack `stack`. */
function addUnownedFiles(out: string, stack: string): void {
  const put = (file: string, content: string, mode = 0o644) => {
    fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
    fs.writeFileSync(path.join(out, file), content, { mode });
  };
  put(`hcl/${stack}/terraform.${stack}.tfstate`, '{"version":4,"serial":7}\n');
  put(`hcl/${stack}/.terraform.lock.hcl`, '# provider locks\n');
  put(`hcl/${stack}/.terraform/providers/registry.terraform.io/hashicorp/aws/6.0.0/linux_amd64/terraform-provider-aws`, 'binary', 0o755);
  put('notes.txt', 'mine\n');
  fs.symlinkSync(`hcl/${stack}`, path.join(out, 'current'));
}

const files = (entries: Record<string, string>) => new Map(Object.entries(entries));
const quiet = { log: () => undefined };

describe('writeOutput', () => {
  it('writes a new folder with its manifest and leaves nothing beside it', () => {
    const parent = tempDir('write-');
    const result = writeOutput(path.join(parent, 'out'), files({ 'hcl/a/main.tf': 'a\n', 'diagrams/a.mmd': 'flowchart\n' }), quiet);
    expect(result).toEqual({ written: ['hcl/a/main.tf', 'diagrams/a.mmd'], unchanged: [], removed: [] });
    expect(fs.readdirSync(parent)).toEqual(['out']);
    expect(fs.readFileSync(path.join(parent, 'out/.generated-files'), 'utf8')).toBe('diagrams/a.mmd\nhcl/a/main.tf\n');
  });

  it("keeps the files it does not own (same content, same inode) and drops a removed stack's files", () => {
    const parent = tempDir('write-');
    const out = path.join(parent, 'out');
    writeOutput(out, files({ 'hcl/old/main.tf': 'old\n', 'json/old/main.tf.json': '{}\n', 'hcl/kept/main.tf': 'kept\n' }), quiet);
    addUnownedFiles(out, 'old');
    const state = path.join(out, 'hcl/old/terraform.old.tfstate');
    const inode = fs.statSync(state).ino;
    const unowned = Object.fromEntries(Object.entries(treeOf(out)).filter(([file]) => !/main\.tf|generated-files|^json/.test(file)));

    const result = writeOutput(out, files({ 'hcl/kept/main.tf': 'kept\n', 'hcl/new/main.tf': 'new\n' }), quiet);

    expect(result).toEqual({ written: ['hcl/new/main.tf'], unchanged: ['hcl/kept/main.tf'], removed: ['hcl/old/main.tf', 'json/old/main.tf.json'] });
    expect(treeOf(out)).toEqual({
      ...unowned,
      '.generated-files': expect.any(String),
      'hcl/kept': 'folder 755',
      'hcl/kept/main.tf': expect.any(String),
      'hcl/new': 'folder 755',
      'hcl/new/main.tf': expect.any(String),
    });
    expect(fs.statSync(state).ino).toBe(inode);
    expect(fs.readdirSync(parent)).toEqual(['out']);
  });

  it('touches nothing when every generated file is already as it would be written', () => {
    const out = path.join(tempDir('write-'), 'out');
    const generated = files({ 'hcl/a/main.tf': 'a\n' });
    writeOutput(out, generated, quiet);
    const past = new Date('2020-01-01T00:00:00Z');
    fs.utimesSync(path.join(out, 'hcl/a/main.tf'), past, past);
    fs.utimesSync(out, past, past);
    const inode = fs.statSync(out).ino;

    expect(writeOutput(out, generated, quiet)).toEqual({ written: [], unchanged: ['hcl/a/main.tf'], removed: [] });
    expect(fs.statSync(path.join(out, 'hcl/a/main.tf')).mtime).toEqual(past);
    expect(fs.statSync(out)).toMatchObject({ ino: inode, mtime: past });
  });

  it.each(['../escape.tf', 'hcl/../../escape.tf', '/tmp/escape.tf', 'hcl/a\0b.tf', 'hcl//a.tf', './a.tf', '.generated-files'])(
    'rejects the generated path %j before writing anything',
    (file) => {
      const parent = tempDir('write-');
      expect(() => writeOutput(path.join(parent, 'out/inner'), files({ 'ok.tf': 'ok\n', [file]: 'bad\n' }), quiet)).toThrow(
        /^generated file path .*; nothing was written$/,
      );
      expect(fs.readdirSync(parent)).toEqual([]);
    },
  );

  it('refuses a symbolic link inside the folder where a generated folder goes, writing nothing anywhere', () => {
    const parent = tempDir('write-');
    const elsewhere = tempDir('elsewhere-');
    const out = path.join(parent, 'out');
    writeOutput(out, files({ 'notes/readme.md': 'x\n' }), quiet);
    fs.symlinkSync(elsewhere, path.join(out, 'hcl'));
    const before = treeOf(out);

    expect(() => writeOutput(out, files({ 'hcl/a/main.tf': 'a\n' }), quiet)).toThrow(
      new OutputFolderError(out, `${out}/hcl is a symbolic link, where a generated folder goes`),
    );
    expect(fs.readdirSync(elsewhere)).toEqual([]);
    expect(treeOf(out)).toEqual(before);
    expect(fs.readdirSync(parent)).toEqual(['out']);
  });

  it('refuses, writing nothing, while Terraform holds a local state lock in the folder', () => {
    const out = path.join(tempDir('write-'), 'out');
    writeOutput(out, files({ 'hcl/a/main.tf': 'a\n' }), quiet);
    fs.writeFileSync(path.join(out, 'hcl/a/.terraform.a.tfstate.lock.info'), '{}');
    const before = treeOf(out);

    expect(() => writeOutput(out, files({ 'hcl/a/main.tf': 'b\n' }), quiet)).toThrow(
      `${out}/hcl/a/.terraform.a.tfstate.lock.info exists: Terraform seems to be running in that folder (its state lock); try again when it has finished`,
    );
    expect(treeOf(out)).toEqual(before);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['out']);
  });

  it('refuses a file where the output folder or one of its parents should be', () => {
    const parent = tempDir('write-');
    fs.writeFileSync(path.join(parent, 'file'), 'x');
    expect(() => writeOutput(path.join(parent, 'file'), files({ 'a.tf': 'a\n' }), quiet)).toThrow('is a file, where the output folder should be');
    expect(() => writeOutput(path.join(parent, 'file/out'), files({ 'a.tf': 'a\n' }), quiet)).toThrow(
      `${path.join(parent, 'file')} is a file, where a folder should be`,
    );
  });

  it('refuses the current folder and its parents, which a run would move away', () => {
    const cwd = tempDir('write-');
    const previous = process.cwd();
    process.chdir(cwd);
    try {
      for (const dir of ['.', '..', '/']) expect(() => writeOutput(dir, files({ 'a.tf': 'a\n' }), quiet)).toThrow(OutputFolderError);
      expect(fs.readdirSync(cwd)).toEqual([]);
    } finally {
      process.chdir(previous);
    }
  });

  it('takes over the lock of a process that is gone, saying so', () => {
    const parent = tempDir('write-');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    fs.writeFileSync(path.join(parent, '.out.lock'), JSON.stringify({ pid: Number(dead), started: 'then', activity: 'writing', token: 'x' }));
    const lines: string[] = [];

    writeOutput(path.join(parent, 'out'), files({ 'a.tf': 'a\n' }), { log: (line) => lines.push(line) });

    expect(lines).toEqual([`taking over ${parent}/.out.lock: pid ${dead}, which held it, is no longer running`]);
    expect(fs.readdirSync(parent)).toEqual(['out']);
  });

  it('restores the previous output when a run died between its two renames, and removes the rest', () => {
    const parent = tempDir('write-');
    const out = path.join(parent, 'out');
    writeOutput(out, files({ 'a.tf': 'old\n' }), quiet);
    fs.renameSync(out, path.join(parent, '.out.prev-0a1b'));
    fs.mkdirSync(path.join(parent, '.out.next-0a1b'));
    fs.mkdirSync(path.join(parent, '.out.old-99'));
    const lines: string[] = [];

    expect(findDrift(out, files({ 'a.tf': 'old\n' }), (line) => lines.push(line))).toEqual([]);

    expect(lines).toEqual([
      `${out}: restored the previous output, which an interrupted run had moved aside`,
      `${out}: removed what an interrupted run had left beside it`,
    ]);
    expect(fs.readdirSync(parent)).toEqual(['out']);
  });
});

describe("seeded files (a root's .terraform.lock.hcl)", () => {
  const LOCK = 'hcl/web/.terraform.lock.hcl';

  it('are written where none is, kept as their owner changed them, and not listed as generated', () => {
    const out = tempDir('seed-');
    writeOutput(out, files({ 'hcl/web/main.tf': 'a\n', [LOCK]: 'seed\n' }), quiet);
    expect(fs.readFileSync(path.join(out, LOCK), 'utf8')).toBe('seed\n');
    fs.writeFileSync(path.join(out, LOCK), 'more platforms\n');
    writeOutput(out, files({ 'hcl/web/main.tf': 'b\n', [LOCK]: 'seed\n' }), quiet);
    expect(fs.readFileSync(path.join(out, LOCK), 'utf8')).toBe('more platforms\n');
    expect(fs.readFileSync(path.join(out, '.generated-files'), 'utf8')).not.toContain('.terraform.lock.hcl');
  });

  it('count for drift only when missing', () => {
    const out = tempDir('seed-');
    writeOutput(out, files({ 'hcl/web/main.tf': 'a\n', [LOCK]: 'seed\n' }), quiet);
    fs.writeFileSync(path.join(out, LOCK), 'more platforms\n');
    expect(findDrift(out, files({ 'hcl/web/main.tf': 'a\n', [LOCK]: 'seed\n' }), () => undefined)).toEqual([]);
    fs.rmSync(path.join(out, LOCK));
    expect(findDrift(out, files({ 'hcl/web/main.tf': 'a\n', [LOCK]: 'seed\n' }), () => undefined)).toEqual([{ file: LOCK, kind: 'missing' }]);
  });
});

describe('findDrift', () => {
  const config = (version: string, bucket: string) => `${JSON.stringify({ '//': { metadata: { version } }, locals: { bucket } }, null, 2)}\n`;

  it('takes Terraform JSON that differs only in the recorded cdktf version (cdktf against CDK Terrain) as up to date', () => {
    const out = tempDir('drift-');
    writeOutput(out, files({ 'main.tf.json': config('0.21.0', 'test1') }), quiet);
    expect(findDrift(out, files({ 'main.tf.json': config('0.24.0', 'test1') }), () => undefined)).toEqual([]);
  });

  it('reports a change beside the version', () => {
    const out = tempDir('drift-');
    writeOutput(out, files({ 'main.tf.json': config('0.21.0', 'test1') }), quiet);
    expect(findDrift(out, files({ 'main.tf.json': config('0.24.0', 'test2') }), () => undefined)).toMatchObject([{ file: 'main.tf.json', kind: 'changed' }]);
  });
});

/** A CLI run as a child process, with its stderr collected as it comes. */
interface Run {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  /** Resolves once stderr contains `text`; rejects if the run ends first. */
  waitFor(text: string): Promise<void>;
}

function start(args: string[], cwd: string, env: Record<string, string> = {}): Run {
  const { INSTANCE_PROFILE_FAULT: _fault, INSTANCE_PROFILE_LOCK_TIMEOUT: _timeout, ...inherited } = process.env;
  const child = spawn(process.execPath, [RUN, 'cli', ...args], { cwd, env: { ...inherited, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const listeners: Array<() => void> = [];
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
    listeners.forEach((listener) => listener());
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  const waitFor = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => stderr.includes(text) && resolve();
      listeners.push(check);
      check();
      void exited.then(() => (stderr.includes(text) ? resolve() : reject(new Error(`the run ended without printing ${JSON.stringify(text)}:\n${stderr}`))));
    });
  return { child, exited, waitFor };
}

const run = (args: string[], cwd: string, env: Record<string, string> = {}) => start(args, cwd, env).exited;

describe('the synth command on one output folder (a 20-profile fleet, through the launcher)', () => {
  const specs = tempDir('specs-');
  const spec = { a: path.join(specs, 'a.json'), b: path.join(specs, 'b.json') };
  /** The output of each spec, with the unowned files of stack `fleet` added, as a tree. */
  const expected: Record<'a' | 'b', Record<string, string>> = { a: {}, b: {} };
  const reference = path.join(specs, 'reference-a');

  beforeAll(async () => {
    fs.writeFileSync(spec.a, JSON.stringify({ ...fleetSpec(20), stack: 'fleet' }));
    fs.writeFileSync(spec.b, JSON.stringify({ ...fleetSpec(20), stack: 'fleet-b' }));
    for (const which of ['a', 'b'] as const) {
      const out = path.join(specs, `reference-${which}`);
      expect((await run(['synth', spec[which], '-o', out, '-q'], specs)).code).toBe(0);
      addUnownedFiles(out, 'fleet');
      expected[which] = treeOf(out);
    }
  }, 120_000);

  /** A folder holding `out`: the output of spec a with files the tool does not own. */
  const folderWithOutputA = () => {
    const cwd = tempDir('fleet-');
    fs.cpSync(reference, path.join(cwd, 'out'), { recursive: true, verbatimSymlinks: true });
    return cwd;
  };

  it.each<[FaultPoint, 'a' | 'b']>([
    ['locked', 'a'],
    ['staged-some', 'a'],
    ['carried-over', 'a'],
    ['between-renames', 'a'],
    ['before-remove-prev', 'b'],
  ])('killed at %s, leaves (after the next run recovers) exactly the output of spec %s', async (point, outcome) => {
    const cwd = folderWithOutputA();
    const killed = await run(['synth', spec.b, '-o', 'out', '-q'], cwd, { INSTANCE_PROFILE_FAULT: point });
    expect(killed).toMatchObject({ signal: 'SIGKILL' });

    const lines: string[] = [];
    withOutputFolder(
      path.join(cwd, 'out'),
      'read',
      () => undefined,
      (line) => lines.push(line),
    );

    expect(lines[0]).toMatch(/^taking over .*\.out\.lock: pid \d+, which held it, is no longer running$/);
    expect(treeOf(path.join(cwd, 'out'))).toEqual(expected[outcome]);
    expect(fs.readdirSync(cwd)).toEqual(['out']);
  });

  it('after a kill between the renames, the next synth restores the old output and then writes the new one', async () => {
    const cwd = folderWithOutputA();
    expect(await run(['synth', spec.b, '-o', 'out', '-q'], cwd, { INSTANCE_PROFILE_FAULT: 'between-renames' })).toMatchObject({ signal: 'SIGKILL' });
    expect(fs.existsSync(path.join(cwd, 'out'))).toBe(false);

    const next = await run(['synth', spec.b, '-o', 'out', '-q'], cwd);

    expect(next.code).toBe(0);
    expect(next.stderr).toContain('out: restored the previous output, which an interrupted run had moved aside');
    expect(treeOf(path.join(cwd, 'out'))).toEqual(expected.b);
    expect(fs.readdirSync(cwd)).toEqual(['out']);
  });

  it('a second run waits for the first, which holds the lock, and then writes its own output whole', async () => {
    const cwd = folderWithOutputA();
    const go = path.join(cwd, 'go');
    const first = start(['synth', spec.a, '-o', 'out', '-q'], cwd, { INSTANCE_PROFILE_FAULT: `locked:${go}` });
    await first.waitFor('fault point locked: paused');
    const second = start(['synth', spec.b, '-o', 'out', '-q'], cwd);
    await second.waitFor(`waiting for pid ${first.child.pid}, which is writing out`);
    fs.writeFileSync(go, '');

    expect((await first.exited).code).toBe(0);
    expect((await second.exited).code).toBe(0);
    fs.rmSync(go);
    expect(treeOf(path.join(cwd, 'out'))).toEqual(expected.b);
    expect(fs.readdirSync(cwd)).toEqual(['out']);
  });

  it('a second run that may not wait refuses with exit 1, naming the lock file, and the first completes', async () => {
    const cwd = folderWithOutputA();
    const go = path.join(cwd, 'go');
    const first = start(['synth', spec.b, '-o', 'out', '-q'], cwd, { INSTANCE_PROFILE_FAULT: `locked:${go}` });
    await first.waitFor('fault point locked: paused');

    const second = await run(['synth', spec.a, '-o', 'out', '-q'], cwd, { INSTANCE_PROFILE_LOCK_TIMEOUT: '0' });
    fs.writeFileSync(go, '');

    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(
      new RegExp(
        `^error: out: another run holds its lock: pid ${first.child.pid} has been writing it since \\S+; gave up waiting \\(lock file ${cwd}/\\.out\\.lock; remove it only if no such run is active\\); nothing was written$`,
        'm',
      ),
    );
    expect((await first.exited).code).toBe(0);
    fs.rmSync(go);
    expect(treeOf(path.join(cwd, 'out'))).toEqual(expected.b);
  });

  it('two runs started together end with one complete output, never a mix', async () => {
    const cwd = folderWithOutputA();
    const results = await Promise.all([run(['synth', spec.a, '-o', 'out', '-q'], cwd), run(['synth', spec.b, '-o', 'out', '-q'], cwd)]);
    expect(results.map((result) => result.code)).toEqual([0, 0]);
    expect([expected.a, expected.b]).toContainEqual(treeOf(path.join(cwd, 'out')));
    expect(fs.readdirSync(cwd)).toEqual(['out']);
  });
});

describe('output-folder problems (through the launcher)', () => {
  it.each([
    ['a file where the output folder should be', 'file', 'error: file: is a file, where the output folder should be; nothing was written'],
    ['a file where a parent folder should be', 'file/out', 'error: file/out: file is a file, where a folder should be; nothing was written'],
    ['a parent that accepts no new files', '/proc/out', 'error: /proc/out: /proc does not accept new files; nothing was written'],
  ])('exit 1 with a plain message for %s', async (_case, outDir, message) => {
    const cwd = tempDir('cli-');
    fs.writeFileSync(path.join(cwd, 'file'), 'not a folder');
    const result = await run(['synth', '-o', outDir, '-q'], cwd);
    expect(result).toMatchObject({ code: 1 });
    expect(result.stderr.trim().split('\n').pop()).toBe(message);
    expect(fs.readdirSync(cwd)).toEqual(['file']);
  });
});
