import * as fs from 'fs';
import * as path from 'path';
import { parsePolicy } from '../../src/checks/policy/parse-policy';
import { loadSpec, parseSpec } from '../../src/spec/load-spec';
import type { ResolvedSpec } from '../../src/spec/model';
import { planStacks } from '../../src/spec/plan-stacks';
import { describeValue } from '../../src/spec/schema-kit';
import { SpecError } from '../../src/spec/spec-error';
import { runCli } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp-dirs';

/** Every entry below `dir` (symbolic links with their targets), by relative path: what a run must leave as it was. */
function listing(dir: string): string[] {
  const entries: string[] = [];
  const walk = (sub: string) => {
    for (const name of fs.readdirSync(path.join(dir, sub)).sort()) {
      const relative = path.join(sub, name);
      const stats = fs.lstatSync(path.join(dir, relative));
      if (stats.isSymbolicLink()) entries.push(`${relative} -> ${fs.readlinkSync(path.join(dir, relative))}`);
      else if (stats.isDirectory()) {
        entries.push(`${relative}/`);
        walk(relative);
      } else entries.push(relative);
    }
  };
  walk('');
  return entries;
}

/** A spec of `count` profiles, each with its own policy and role, split by `profilesPerStack`. */
function shardedSpec(profilesPerStack: string, count = 2): string {
  const profiles = Array.from(
    { length: count },
    (_, i) => `  - policies:
      - name: Read${i}
        document: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket-${i}/*"}]}
    role: {name: Reader${i}}
    instanceProfile: {name: ReaderProfile${i}}
`,
  );
  return `sharding:\n  profilesPerStack: ${profilesPerStack}\nprofiles:\n${profiles.join('')}`;
}

describe('sharding.profilesPerStack out of range', () => {
  it.each([
    ['0', '0 is out of range; allowed 1 to ∞'],
    ['-1', '-1 is out of range; allowed 1 to ∞'],
    ['2.5', 'expected a whole number, got number 2.5'],
  ])('profilesPerStack %s: synth exits 1 at once with the located problem, and writes nothing', async (value, problem) => {
    const cwd = tempDir('shard-');
    fs.writeFileSync(path.join(cwd, 'spec.yaml'), shardedSpec(value));

    const { code, stderr } = await runCli(['synth', 'spec.yaml', '-o', 'out'], cwd);

    expect(code).toBe(1);
    expect(stderr).toBe(`error: spec.yaml: 1 error; nothing was written\n  errors:\n    spec.yaml:2:21: sharding.profilesPerStack: ${problem}`);
    expect(listing(cwd)).toEqual(['spec.yaml']);
  });

  it('the check command stops on it too, before planning any stack', async () => {
    const cwd = tempDir('shard-');
    fs.writeFileSync(path.join(cwd, 'spec.yaml'), shardedSpec('0'));

    const { code, stderr } = await runCli(['check', 'spec.yaml'], cwd);

    expect(code).toBe(1);
    expect(stderr).toContain('spec.yaml:2:21: sharding.profilesPerStack: 0 is out of range; allowed 1 to ∞');
  });

  it('at the boundary, profilesPerStack 1 puts each profile in a stack of its own', () => {
    const cwd = tempDir('shard-');
    fs.writeFileSync(path.join(cwd, 'spec.yaml'), shardedSpec('1', 3));

    const plans = planStacks(loadSpec(path.join(cwd, 'spec.yaml')).spec);

    expect(plans.map((plan) => [plan.name, plan.profiles.map((profile) => profile.instanceProfile.name)])).toEqual([
      ['instance-profiles-1', ['ReaderProfile0']],
      ['instance-profiles-2', ['ReaderProfile1']],
      ['instance-profiles-3', ['ReaderProfile2']],
    ]);
  });

  it.each([0, -1, 0.5, Number.NaN])('planStacks refuses a spec built by hand with profilesPerStack %s instead of looping', (size) => {
    const cwd = tempDir('shard-');
    fs.writeFileSync(path.join(cwd, 'spec.yaml'), shardedSpec('1'));
    const { spec } = loadSpec(path.join(cwd, 'spec.yaml'));
    const handMade: ResolvedSpec = { ...spec, sharding: { profilesPerStack: size } };

    expect(() => planStacks(handMade)).toThrow(`sharding.profilesPerStack is ${size}; it must be a whole number of at least 1`);
  });
});

describe('output-folder messages (through the CLI)', () => {
  const long = 'a'.repeat(300);

  it('a --out that is a symbolic link to nothing is named as one, with where it points', async () => {
    const cwd = tempDir('out-');
    fs.symlinkSync('nowhere', path.join(cwd, 'dangling'));

    const { code, stderr } = await runCli(['synth', '-o', 'dangling', '-q'], cwd);

    expect(code).toBe(1);
    expect(stderr).toBe(
      `error: dangling: is a symbolic link to nothing: it points to nowhere (${fs.realpathSync(cwd)}/nowhere), which does not exist; create the folder it should point to, or remove the link; nothing was written`,
    );
    expect(listing(cwd)).toEqual(['dangling -> nowhere']);
  });

  it('a parent of --out that is a symbolic link to nothing is named', async () => {
    const cwd = tempDir('out-');
    fs.symlinkSync('/nonexistent-folder-of-this-test', path.join(cwd, 'parent'));

    const { code, stderr } = await runCli(['synth', '-o', 'parent/out', '-q'], cwd);

    expect(code).toBe(1);
    expect(stderr).toBe(
      'error: parent/out: parent is a symbolic link to nothing: it points to /nonexistent-folder-of-this-test, which does not exist; create the folder it should point to, or remove the link; nothing was written',
    );
    expect(listing(cwd)).toEqual(['parent -> /nonexistent-folder-of-this-test']);
  });

  it('a --out through a loop of symbolic links says so', async () => {
    const cwd = tempDir('out-');
    fs.symlinkSync('b', path.join(cwd, 'a'));
    fs.symlinkSync('a', path.join(cwd, 'b'));

    const { code, stderr } = await runCli(['synth', '-o', 'a', '-q'], cwd);

    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^error: a: is a symbolic link that never reaches a file or folder: it points to b \(\S+\/b\), and following the links goes round in a loop; .*; nothing was written$/,
    );
    expect(listing(cwd)).toEqual(['a -> b', 'b -> a']);
  });

  it('an output folder name of 300 characters is named, with the limit', async () => {
    const cwd = tempDir('out-');

    const { code, stderr } = await runCli(['synth', '-o', `out/${long}`, '-q'], cwd);

    expect(code).toBe(1);
    expect(stderr).toBe(
      `error: out/${long}: the folder name is too long: "${long}" is 300 characters, and a file system allows at most 255 bytes for one name; nothing was written`,
    );
    expect(listing(cwd)).toEqual([]);
  });

  it('a parent folder name of 300 characters is named, with the limit', async () => {
    const cwd = tempDir('out-');

    const { code, stderr } = await runCli(['synth', '-o', `${long}/out`, '-q'], cwd);

    expect(code).toBe(1);
    expect(stderr).toBe(
      `error: ${long}/out: a name in its path is too long: "${long}" is 300 characters, and a file system allows at most 255 bytes for one name; nothing was written`,
    );
    expect(listing(cwd)).toEqual([]);
  });

  it('the length of a name counts in bytes: 100 three-byte characters are 300 bytes', async () => {
    const cwd = tempDir('out-');
    const wide = '語'.repeat(100);

    const { code, stderr } = await runCli(['synth', '-o', wide, '-q'], cwd);

    expect(code).toBe(1);
    expect(stderr).toBe(
      `error: ${wide}: the folder name is too long: "${wide}" is 100 characters (300 bytes), and a file system allows at most 255 bytes for one name; nothing was written`,
    );
    expect(listing(cwd)).toEqual([]);
  });

  it('a folder name that leaves no room for the files a run keeps beside it says how long it may be', async () => {
    const cwd = tempDir('out-');
    const name = 'b'.repeat(230);

    const { code, stderr } = await runCli(['synth', '-o', name, '-q'], cwd);

    expect(code).toBe(1);
    expect(stderr).toMatch(
      new RegExp(
        `^error: ${name}: the folder name is too long: "${name}" is 230 characters; a run keeps files named after it beside it \\(up to 49 more bytes, as in \\.<name>\\.lock\\.takeover-[0-9a-f]{8}\\.8\\.draft-4194304-[0-9a-f]{8}\\), and a file system allows at most 255 bytes for one name, so it may be at most 206 bytes; nothing was written$`,
      ),
    );
    expect(listing(cwd)).toEqual([]);
  });

  it('at the boundary, a folder name of 206 bytes is written', async () => {
    const cwd = tempDir('out-');
    const name = 'c'.repeat(206);

    const { code } = await runCli(['synth', '-o', name, '-q'], cwd);

    expect(code).toBe(0);
    expect(fs.readdirSync(path.join(cwd, name))).toContain('hcl');
    expect(fs.readdirSync(cwd)).toEqual([name]);
  });

  it('a whole path longer than the file system takes is named, with its length and the limit', async () => {
    const cwd = tempDir('out-');
    const outDir = [...Array.from({ length: 21 }, () => 'd'.repeat(200)), 'out'].join('/');
    // The first call that fails is the one creating the output folder's parent.
    const parent = path.dirname(path.join(fs.realpathSync(cwd), outDir));

    const { code, stderr } = await runCli(['synth', '-o', outDir, '-q'], cwd);

    expect(code).toBe(1);
    expect(stderr).toContain(`error: ${outDir}: a path is too long: `);
    expect(stderr).toMatch(
      new RegExp(`is ${parent.length} characters as a full path, and the file system allows at most 4095 bytes \\(.*\\); nothing was written$`),
    );
    expect(listing(cwd)).toEqual([]);
  });
});

describe('dates where text is expected (YAML readers make them of unquoted timestamps)', () => {
  const date = new Date('2012-10-17T00:00:00Z');

  it('describeValue names a date as a date/timestamp and says how to quote it', () => {
    expect(describeValue(date)).toBe('the date/timestamp 2012-10-17, not text (YAML reads an unquoted timestamp as a date; quote it: "2012-10-17")');
    expect(describeValue(new Date('2012-10-17T10:11:12Z'))).toBe(
      'the date/timestamp 2012-10-17T10:11:12Z, not text (YAML reads an unquoted timestamp as a date; quote it: "2012-10-17T10:11:12Z")',
    );
    expect(describeValue(new Date(Number.NaN))).toMatch(/^an invalid date\/timestamp/);
    expect(describeValue({ Version: '2012-10-17' })).toBe('a mapping');
  });

  it('a policy Version read as a date is reported as a date/timestamp to quote, not as a mapping', () => {
    const { findings } = parsePolicy({ Version: date, Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' } }, ['document'], 'identity');

    expect(findings.map((finding) => [finding.rule, finding.path, finding.message])).toEqual([
      [
        'IAM_POLICY_VERSION',
        ['document', 'Version'],
        '"Version" was read as a date/timestamp, not text: YAML reads an unquoted date such as 2012-10-17 as a timestamp; quote it, as in Version: "2012-10-17" (allowed: "2012-10-17" (current) or "2008-10-17" (legacy))',
      ],
    ]);
  });

  it('a spec value parsed elsewhere (a YAML 1.1 reader) with a date where text belongs is refused with the date named', () => {
    const input = { defaultTags: { Reviewed: date } };

    let error: unknown;
    try {
      parseSpec(input, 'input', tempDir('dates-'));
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).problems).toEqual([
      {
        path: ['defaultTags', 'Reviewed'],
        message: 'expected a string, got the date/timestamp 2012-10-17, not text (YAML reads an unquoted timestamp as a date; quote it: "2012-10-17")',
      },
    ]);
  });
});
