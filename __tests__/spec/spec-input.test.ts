/**
 * Hostile and unusual input files: names that would become paths, the encodings and line
 * endings editors write, JSON and YAML syntax errors, and every parser limit. Each is an
 * input error with file, line and column (or read as its editor meant it), never a crash.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { INPUT_LIMITS } from '../../src/spec/input-limits';
import { loadSpec } from '../../src/spec/load-spec';
import { packageRoot } from '../../src/package-root';
import { problemsOf } from '../helpers/spec-problems';
import { tempDir } from '../helpers/temp-dirs';

const PROFILE_YAML = 'profiles:\n  - role:\n      name: WebRole\n';

/** Writes `content` (text as UTF-8, or raw bytes) to a file in a fresh folder and returns its path. */
function specFile(name: string, content: string | Uint8Array): string {
  const file = path.join(tempDir('spec-input-'), name);
  fs.writeFileSync(file, content);
  return file;
}

function utf16(text: string, order: 'le' | 'be'): Buffer {
  const le = Buffer.from('\ufeff' + text, 'utf16le');
  return order === 'le' ? le : Buffer.from(le).swap16();
}

describe('names that become paths', () => {
  it.each([
    ['../../../../escaped2', '"../../../../escaped2"'],
    ['Dev Env', 'Dev Env'],
    ['dev/x', 'dev/x'],
    ['.', '"."'],
  ])('refuses the environment name %j with file, line and field', (name, written) => {
    const file = specFile('s.yaml', `${PROFILE_YAML}environments:\n  ${written}: { accountId: "111111111111" }\n`);
    expect(problemsOf(file)).toEqual([
      `${file}:5:3: environments[${JSON.stringify(name)}]: the name ${JSON.stringify(name)} is not a name of letters, digits and dashes that starts with a letter (at most 63 characters)`,
    ]);
  });

  it('refuses a stack name that is a path', () => {
    const file = specFile('s.yaml', `stack: ../out\n${PROFILE_YAML}`);
    expect(problemsOf(file)[0]).toMatch(/:1:8: stack: "\.\.\/out" is not a name of letters, digits and dashes/);
  });

  it('refuses environment names that make a stack name longer than the stack-name rule allows', () => {
    const file = specFile('s.yaml', `stack: ${'a'.repeat(60)}\n${PROFILE_YAML}environments:\n  prod: { accountId: "111111111111" }\n`);
    expect(problemsOf(file)).toEqual([
      `${file}:6:3: environments.prod: makes the stack name "${'a'.repeat(60)}-prod" (65 characters), which is not a name of letters, digits and dashes that starts with a letter (at most 63 characters); shorten the stack or environment name`,
    ]);
  });

  it('refuses environments whose stacks differ only in case', () => {
    const file = specFile('s.yaml', `${PROFILE_YAML}environments:\n  dev: { accountId: "111111111111" }\n  Dev: { accountId: "222222222222" }\n`);
    expect(problemsOf(file)).toEqual([
      `${file}:6:3: environments.Dev: makes the stack name "instance-profiles-Dev", which differs from "instance-profiles-dev" only in case; stacks share folders on case-insensitive file systems, so rename one`,
    ]);
  });

  it('accepts environment names made of letters, digits and dashes', () => {
    const file = specFile('s.yaml', `${PROFILE_YAML}environments:\n  dev-2: { accountId: "111111111111" }\n  Prod: { accountId: "222222222222" }\n`);
    expect(Object.keys(loadSpec(file).spec.environments)).toEqual(['dev-2', 'Prod']);
  });

  it('writes nothing anywhere when the CLI gets an environment name that escapes the output folder', () => {
    const root = tempDir('spec-input-cli-');
    const work = path.join(root, 'a', 'b', 'c');
    fs.mkdirSync(work, { recursive: true });
    fs.writeFileSync(
      path.join(work, 'spec.yaml'),
      `${PROFILE_YAML.replace('role:', 'instance: { ami: ami-0c02fb55956c7d316 }\n    role:')}environments:\n  "../../../../escaped2": { accountId: "111111111111" }\n`,
    );
    const result = spawnSync(process.execPath, [path.join(packageRoot(), 'bin', 'run.js'), 'cli', 'synth', 'spec.yaml', '-o', 'out'], {
      cwd: work,
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('spec.yaml:6:3: environments["../../../../escaped2"]: the name "../../../../escaped2" is not a name');
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    const everything = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((entry) => (entry.isDirectory() ? everything(path.join(dir, entry.name)) : [path.relative(root, path.join(dir, entry.name))]));
    expect(everything(root)).toEqual([path.join('a', 'b', 'c', 'spec.yaml')]);
  });
});

describe('encodings and line endings editors write', () => {
  const expected = () => loadSpec(specFile('plain.yaml', PROFILE_YAML)).spec;

  it.each([
    ['UTF-8 with a byte-order mark (Windows Notepad)', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PROFILE_YAML)])],
    ['UTF-16 LE with a byte-order mark (PowerShell)', utf16(PROFILE_YAML, 'le')],
    ['UTF-16 BE with a byte-order mark', utf16(PROFILE_YAML, 'be')],
    ['Windows line endings (CRLF)', Buffer.from(PROFILE_YAML.replace(/\n/g, '\r\n'))],
    ['classic Mac line endings (CR)', Buffer.from(PROFILE_YAML.replace(/\n/g, '\r'))],
  ])('reads a YAML spec in %s', (_name, bytes) => {
    expect(loadSpec(specFile('s.yaml', bytes)).spec).toEqual(expected());
  });

  it('reads a JSON spec and its policy document in UTF-16 with CRLF, as PowerShell writes them', () => {
    const dir = tempDir('spec-input-');
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b' }] };
    const crlf = (value: unknown) => JSON.stringify(value, null, 2).replace(/\n/g, '\r\n');
    fs.writeFileSync(path.join(dir, 'p.json'), utf16(crlf(policy), 'le'));
    fs.writeFileSync(
      path.join(dir, 's.json'),
      utf16(crlf({ profiles: [{ role: { name: 'WebRole' }, policies: [{ name: 'P', document: 'file://p.json' }] }] }), 'le'),
    );
    expect(loadSpec(path.join(dir, 's.json')).spec.profiles[0].policies[0].document).toEqual(policy);
  });

  it('keeps line numbers right with Windows line endings', () => {
    const file = specFile('s.yaml', 'profiles:\r\n  - role:\r\n      name: WebRole\r\n      maxSesionDuration: 7200\r\n');
    expect(problemsOf(file)[0]).toMatch(new RegExp(`^${escape(file)}:4:7: profiles\\[0\\]\\.role\\.maxSesionDuration: unknown field`));
  });

  it('refuses a file in a legacy code page, naming the line and column of the first byte that is not UTF-8', () => {
    const file = specFile('s.yaml', Buffer.concat([Buffer.from(PROFILE_YAML + '      description: caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    expect(problemsOf(file)).toEqual([
      `${file}:4:23: is not UTF-8 (byte 0xe9 starts no UTF-8 character; a legacy code page such as Windows-1252 or Latin-1 writes such bytes); save it as UTF-8`,
    ]);
  });

  it('refuses UTF-16 without a byte-order mark, and UTF-32', () => {
    expect(problemsOf(specFile('s.yaml', Buffer.from(PROFILE_YAML, 'utf16le')))[0]).toMatch(
      /:1:2: holds a NUL character, as UTF-16 without a byte-order mark does; save it as UTF-8$/,
    );
    expect(problemsOf(specFile('s.yaml', Buffer.from([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0])))[0]).toMatch(
      /: is UTF-32, which this tool does not read; save it as UTF-8$/,
    );
  });
});

describe('JSON syntax errors keep their line and column', () => {
  it.each([
    ['a trailing comma in an object', '{\n  "stack": "x",\n}\n', "3:1: invalid JSON: a trailing comma before '}'; JSON allows none: remove the comma"],
    [
      'a trailing comma in a list',
      '{\n  "profiles": [\n    {},\n  ]\n}\n',
      "4:3: invalid JSON: a trailing comma before ']'; JSON allows none: remove the comma",
    ],
    ['a missing colon', '{\n  "stack" "x"\n}\n', "2:11: invalid JSON: expected ':' after the property name, found '\"'"],
    [
      'a misspelt literal',
      '{\n  "sharding": {},\n  "x": tru\n}\n',
      "3:8: invalid JSON: expected a value (a string in double quotes, a number, true, false, null, an object or a list), found 't'",
    ],
    ['a single-quoted key', "{\n  'stack': 'x'\n}\n", "2:3: invalid JSON: expected a double-quoted property name, found '''"],
    ['a line break in a string', '{\n  "stack": "a\nb"\n}\n', '2:14: invalid JSON: a line break inside a string; write it as \\n'],
    ['an unclosed object', '{\n  "stack": "x"\n', '3:1: invalid JSON: the file ends inside an unclosed {'],
    [
      'a key given twice',
      '{\n  "stack": "a",\n  "stack": "b"\n}\n',
      '3:3: invalid JSON: the key "stack" is given twice in one object; JSON readers keep only one of them',
    ],
    ['text after the value', '{}\n{}\n', "2:1: invalid JSON: unexpected '{' after the end of the JSON value"],
    ['an empty file', '', '1:1: invalid JSON: the file is empty; a JSON value is expected'],
  ])('reports %s', (_name, text, where) => {
    const file = specFile('s.json', text);
    expect(problemsOf(file)).toEqual([`${file}:${where}`]);
  });

  it('reports a policy document file with a syntax error at its own line and column, from the spec field that names it', () => {
    const dir = tempDir('spec-input-');
    fs.writeFileSync(path.join(dir, 'p.json'), '{\n  "Version": "2012-10-17",\n  "Statement": [],\n}\n');
    fs.writeFileSync(path.join(dir, 's.yaml'), 'profiles:\n  - role: { name: WebRole }\n    policies:\n      - name: P\n        document: file://p.json\n');
    const [line] = problemsOf(path.join(dir, 's.yaml'));
    expect(line).toBe(
      `${path.join(dir, 's.yaml')}:5:19: profiles[0].policies[0].document: policy document file "file://p.json": ${path.relative(process.cwd(), path.join(dir, 'p.json'))}:4:1: invalid JSON: a trailing comma before '}'; JSON allows none: remove the comma`,
    );
  });
});

describe('parser limits are input errors', () => {
  it('refuses YAML aliases that expand past the limit (a "billion laughs" file), at the first alias', () => {
    const lines = ['a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]'];
    for (const [name, previous] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
    ])
      lines.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
    const file = specFile('s.yaml', lines.join('\n') + '\n');
    expect(problemsOf(file)).toEqual([
      `${file}:2:8: YAML aliases expand to more than ${INPUT_LIMITS.yamlAliases} copies (Excessive alias count indicates a resource exhaustion attack); write the repeated part out or use fewer aliases`,
    ]);
  });

  it('accepts a few aliases', () => {
    const file = specFile('s.yaml', 'x-tags: &tags { Team: web }\nprofiles:\n  - role: { name: WebRole, tags: *tags }\n');
    expect(() => loadSpec(file)).toThrow(/unknown field "x-tags"/);
  });

  it.each([
    [
      'JSON',
      's.json',
      `{"profiles": ${'['.repeat(INPUT_LIMITS.nestingDepth)}${']'.repeat(INPUT_LIMITS.nestingDepth)}}`,
      `1:${13 + INPUT_LIMITS.nestingDepth}: invalid JSON: nested more than ${INPUT_LIMITS.nestingDepth} levels deep; that is the most this tool reads`,
    ],
    [
      'YAML',
      's.yaml',
      `profiles: ${'['.repeat(INPUT_LIMITS.nestingDepth)}${']'.repeat(INPUT_LIMITS.nestingDepth)}\n`,
      `1:${10 + INPUT_LIMITS.nestingDepth}: profiles${'[0]'.repeat(INPUT_LIMITS.nestingDepth - 1)}: nested more than ${INPUT_LIMITS.nestingDepth} levels deep; that is the most this tool reads`,
    ],
  ])('refuses %s nested deeper than the limit', (_name, name, text, where) => {
    const file = specFile(name, text);
    expect(problemsOf(file)).toEqual([`${file}:${where}`]);
  });

  it('refuses YAML nested so deeply that the parser itself gives up, without exhausting memory', () => {
    const file = specFile('s.yaml', `${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
    expect(problemsOf(file)[0]).toMatch(/:1:\d+: nested too deeply for the YAML parser/);
  });

  it('refuses a device as a policy document instead of reading it forever', () => {
    const file = specFile('s.yaml', `${PROFILE_YAML}    policies:\n      - name: P\n        document: file:///dev/zero\n`);
    expect(problemsOf(file)).toEqual([
      `${file}:6:19: profiles[0].policies[0].document: policy document file "file:///dev/zero" is not a regular file (a device, pipe or socket) (looked at ${path.relative(process.cwd(), '/dev/zero')})`,
    ]);
  });

  it('refuses a file larger than the limit before reading it', () => {
    const file = specFile('s.yaml', '');
    fs.truncateSync(file, INPUT_LIMITS.fileBytes + 1);
    expect(problemsOf(file)).toEqual([`${file}: is 16.0 MiB; at most 16 MiB is read`]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
