/**
 * Deterministic, strict reading (issue 27): what a file holds is read as one thing or refused
 * with file, line, field and rule — invalid Unicode, YAML tags the core schema does not read,
 * YAML 1.1 readings, keys that collapse into one, and text or numbers that cdktf would take for
 * its own tokens. Each refusal reaches the user through `check` and `synth` with exit 1.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { packageRoot } from '../../src/package-root';
import { readExpectationsFile } from '../../src/spec/expectations-file';
import { loadSpec } from '../../src/spec/load-spec';
import { parseJsonText, parseYamlText } from '../../src/spec/parse-text';
import { SpecError } from '../../src/spec/spec-error';
import { runCli } from '../helpers/run-cli';
import { problemsOf } from '../helpers/spec-problems';
import { tempDir } from '../helpers/temp-dirs';

const LONE_SURROGATE =
  'holds a lone UTF-16 surrogate (the escape \\ud800 without the other half of its pair), which is no Unicode character and would be written as U+FFFD; write the character itself, or both halves of its surrogate pair';
const TOKEN_MARKER = "contains cdktf's token marker ${TfToken[, which the tool reserves (cdktf would read the text as a reference the program built)";
const NOT_CLOUDFORMATION = (tag: string) => `YAML tag ${tag} is not supported; this is not CloudFormation — write the value itself`;
const CORE_TAGS_ONLY = (tag: string) =>
  `YAML tag ${tag} is not supported; write the value itself (the tags read are !!str, !!int, !!float, !!bool, !!null, !!map and !!seq)`;

/** Writes `files` (name → text or bytes) into a fresh folder and returns the path of the first. */
function writeFiles(files: Record<string, string | Uint8Array>): string {
  const dir = tempDir('strict-reading-');
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return path.join(dir, Object.keys(files)[0]);
}

/** A one-profile YAML spec whose role has `roleLines` (indented under `role:`). */
function roleSpec(...roleLines: string[]): string {
  return ['profiles:', '  - role:', '      name: WebRole', ...roleLines.map((line) => `      ${line}`), ''].join('\n');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function utf16le(units: readonly number[]): Buffer {
  const bytes = Buffer.alloc(2 + units.length * 2);
  bytes.writeUInt16LE(0xfeff, 0);
  units.forEach((unit, index) => bytes.writeUInt16LE(unit, 2 + index * 2));
  return bytes;
}

describe('strict reading', () => {
  describe('invalid Unicode', () => {
    it.each([
      ['a JSON \\u escape', 's.json', '{\n  "profiles": [{ "role": { "name": "WebRole", "description": "a\\ud800b" } }]\n}\n', '2:62'],
      ['a YAML double-quoted \\u escape', 's.yaml', roleSpec('description: "a\\ud800b"'), '4:20'],
      ['a YAML double-quoted \\U escape', 's.yaml', roleSpec('description: "\\U0000D800"'), '4:20'],
    ])('refuses a lone surrogate from %s, with line and field', (_name, name, text, where) => {
      const file = writeFiles({ [name]: text });
      expect(problemsOf(file)).toEqual([`${file}:${where}: profiles[0].role.description: ${LONE_SURROGATE}`]);
    });

    it('refuses a low surrogate on its own, and one in a key', () => {
      const file = writeFiles({ 's.yaml': roleSpec('tags:', '  "\\udc00": x') });
      expect(problemsOf(file)).toEqual([`${file}:5:9: profiles[0].role.tags["\\udc00"]: ${LONE_SURROGATE.replace('\\ud800', '\\udc00')}`]);
    });

    it('reads a surrogate pair written as two escapes as the one character it encodes', () => {
      const file = writeFiles({ 's.yaml': roleSpec('description: "\\ud83d\\ude00"') });
      expect(loadSpec(file).spec.profiles[0].role.description).toBe('😀');
    });

    it('refuses a lone surrogate in a policy document file, at its own line', () => {
      const spec = writeFiles({
        's.yaml': roleSpec().replace('  - role:', '  - policies: [{ name: P, document: file://p.json }]\n    role:'),
        'p.json': '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::\\ud800" }]\n}\n',
      });
      const [line] = problemsOf(spec);
      expect(line).toContain(
        `policy document file "file://p.json": ${path.relative(process.cwd(), path.join(path.dirname(spec), 'p.json'))}:3:77: ${LONE_SURROGATE}`,
      );
    });

    it('refuses a lone surrogate in a UTF-16 file instead of reading it as U+FFFD', () => {
      const text = 'stack: a\nregion: b';
      const units = [...text].map((char) => char.charCodeAt(0));
      units.splice(text.indexOf('b'), 0, 0xd800);
      const file = writeFiles({ 's.yaml': utf16le(units) });
      expect(problemsOf(file)).toEqual([
        `${file}:2:9: is not valid UTF-16 (the 16-bit unit 0xd800 is half of a surrogate pair without its other half, so it encodes no character); save it as UTF-8`,
      ]);
    });

    it('refuses a UTF-16 file that ends in the middle of a character', () => {
      const file = writeFiles({ 's.yaml': Buffer.concat([utf16le([0x61, 0x3a, 0x20, 0x62]), Buffer.from([0x63])]) });
      expect(problemsOf(file)).toEqual([`${file}:1:5: is not valid UTF-16 (it ends in the middle of a character: an odd number of bytes); save it as UTF-8`]);
    });

    it('refuses a surrogate encoded in UTF-8 bytes (as CESU-8 writes it), at its byte', () => {
      const file = writeFiles({ 's.yaml': Buffer.concat([Buffer.from(roleSpec('description: x')), Buffer.from([0xed, 0xa0, 0x80, 0x0a])]) });
      expect(problemsOf(file)).toEqual([
        `${file}:5:1: is not UTF-8 (byte 0xed starts no UTF-8 character; a legacy code page such as Windows-1252 or Latin-1 writes such bytes); save it as UTF-8`,
      ]);
    });
  });

  describe('YAML tags', () => {
    it.each([
      ['!Ref', 'name: !Ref WebRole', '3:13', 'profiles[0].role.name'],
      ['!GetAtt', 'description: !GetAtt [Role, Arn]', '4:20', 'profiles[0].role.description'],
      ['!Sub', 'description: !Sub "${AWS::Region}"', '4:20', 'profiles[0].role.description'],
      ['!Ref', 'tags: !Ref Tags', '4:13', 'profiles[0].role.tags'],
    ])("refuses CloudFormation's %s with line and field, instead of reading its argument", (tag, line, where, field) => {
      const text = line.startsWith('name:') ? roleSpec().replace('name: WebRole', line) : roleSpec(line);
      const file = writeFiles({ 's.yaml': text });
      expect(problemsOf(file)).toEqual([`${file}:${where}: ${field}: ${NOT_CLOUDFORMATION(tag)}`]);
    });

    it.each([
      ['!!timestamp', 'description: !!timestamp 2001-12-14'],
      ['!!binary', 'description: !!binary aGVsbG8='],
      ['!!set', 'managedPolicies: !!set { AmazonSSMManagedInstanceCore }'],
      ['!!omap', 'tags: !!omap [Team: web]'],
    ])('refuses the YAML 1.1 type %s, which the core schema does not read', (tag, line) => {
      const file = writeFiles({ 's.yaml': roleSpec(line) });
      expect(problemsOf(file)).toEqual([`${file}:4:${line.indexOf('!') + 7}: profiles[0].role.${line.split(':')[0]}: ${CORE_TAGS_ONLY(tag)}`]);
    });

    it('refuses a tag that a %TAG directive makes out of a core schema tag', () => {
      const file = writeFiles({ 's.yaml': `%TAG !! tag:example.com,2000:\n---\n${roleSpec('description: !!str x')}` });
      expect(problemsOf(file)).toEqual([
        `${file}:6:20: profiles[0].role.description: YAML tag !!str (tag:example.com,2000:str, by a %TAG directive) is not supported; write the value itself (the tags read are !!str, !!int, !!float, !!bool, !!null, !!map and !!seq)`,
      ]);
    });

    it('reads the core schema tags and the non-specific tag as what they say', () => {
      const file = writeFiles({
        's.yaml': roleSpec(
          'description: !!str 2012',
          'maxSessionDuration: !!int "7200"',
          'path: ! /a/',
          'tags: !!map { Team: web }',
          'managedPolicies: !!seq [AmazonSSMManagedInstanceCore]',
        ),
      });
      const { role } = loadSpec(file).spec.profiles[0];
      expect(role).toMatchObject({ description: '2012', maxSessionDuration: 7200, path: '/a/', tags: { Team: 'web' } });
    });

    it('refuses a core schema tag that does not fit its value', () => {
      const file = writeFiles({ 's.yaml': roleSpec('maxSessionDuration: !!int an-hour') });
      expect(problemsOf(file)).toEqual([
        `${file}:4:27: profiles[0].role.maxSessionDuration: the value is tagged !!int but is not one; remove the tag or correct the value`,
      ]);
    });
  });

  describe('YAML is read as YAML 1.2 only', () => {
    it('reads YAML 1.1 booleans, dates and sexagesimal numbers as text, and 1.2 numbers as numbers', () => {
      expect(
        parseYamlText('a: yes\nb: off\nc: 2012-10-17\nd: 2001-12-14t21:59:43.10-05:00\ne: 1:20\nf: 012\ng: 0x1F\nh: 0o17\ni: true\n<<: { j: 1 }\n'),
      ).toEqual({
        ok: true,
        value: { a: 'yes', b: 'off', c: '2012-10-17', d: '2001-12-14t21:59:43.10-05:00', e: '1:20', f: 12, g: 31, h: 15, i: true, '<<': { j: 1 } },
      });
    });

    it('refuses a %YAML 1.1 directive rather than reading the file with other types than it asks for', () => {
      const file = writeFiles({ 's.yaml': `%YAML 1.1\n---\n${roleSpec()}` });
      expect(problemsOf(file)).toEqual([
        `${file}:1:1: the file asks for YAML 1.1 (%YAML 1.1); this tool reads YAML 1.2, where yes, no, on, off, dates and 1:20 are text: remove the directive`,
      ]);
    });

    it('accepts a %YAML 1.2 directive', () => {
      expect(parseYamlText('%YAML 1.2\n---\na: yes\n')).toEqual({ ok: true, value: { a: 'yes' } });
    });

    it('refuses an unknown directive, which the parser would only warn of', () => {
      expect(parseYamlText('%FOO bar\n---\na: 1\n')).toEqual({
        ok: false,
        problems: [{ path: [], message: 'invalid YAML: Unknown directive %FOO', line: 1, column: 1 }],
      });
    });
  });

  describe('keys', () => {
    it('refuses a key given twice, naming it (existing behaviour)', () => {
      const file = writeFiles({ 's.yaml': 'stack: a\nstack: b\nprofiles: []\n' });
      expect(problemsOf(file)).toEqual([
        `${file}:2:1: invalid YAML: the key "stack" is given twice in one mapping; YAML readers keep only one of them (keys are read as text, so 1 and "1" are one key)`,
      ]);
    });

    it.each([
      ['1', '"1"'],
      ['true', '"true"'],
    ])('refuses the keys %s and %s in one mapping, which would collapse into one', (first, second) => {
      const file = writeFiles({ 's.yaml': roleSpec('tags:', `  ${first}: a`, `  ${second}: b`) });
      expect(problemsOf(file)).toEqual([
        `${file}:6:9: invalid YAML: the key ${JSON.stringify(JSON.parse(second))} is given twice in one mapping; YAML readers keep only one of them (keys are read as text, so 1 and "1" are one key)`,
      ]);
    });

    it('reads keys as text as written, and finds fields under them', () => {
      expect(parseYamlText('0x10: a\n1.0: b\ntrue: c\n~: d\n')).toEqual({ ok: true, value: { '0x10': 'a', '1.0': 'b', true: 'c', '~': 'd' } });
      const file = writeFiles({ 's.yaml': roleSpec('tags:', '  0x10: a', '  1.0: 7') });
      expect(problemsOf(file)).toEqual([
        expect.stringMatching(new RegExp(`^${escapeRegExp(file)}:6:14: profiles\\[0\\]\\.role\\.tags\\["1\\.0"\\]: expected a string, got number 7`)),
      ]);
    });

    it('refuses a key that is a list, instead of reading its text', () => {
      expect(parseYamlText('? [a, b]\n: c\n')).toEqual({
        ok: false,
        problems: [{ path: [], message: 'invalid YAML: a key that is a mapping, a list or an alias; keys are text: write the key itself', line: 1, column: 3 }],
      });
    });
  });

  describe("cdktf's tokens", () => {
    it.each([
      ['a YAML value', 's.yaml', roleSpec('description: "x ${TfToken[TOKEN.1]} y"'), '4:20: profiles[0].role.description'],
      [
        'a JSON value written with an escape',
        's.json',
        '{"profiles": [{"role": {"name": "WebRole", "description": "\\u0024{TfToken[TOKEN.1]}"}}]}',
        '1:59: profiles[0].role.description',
      ],
      ['a key', 's.yaml', roleSpec('tags:', '  "${TfToken[TOKEN.1]}": x'), '5:9: profiles[0].role.tags["${TfToken[TOKEN.1]}"]'],
      [
        'a fleet item',
        's.yaml',
        'fleets:\n  - template: { role: { name: "{{team}}-writer" } }\n    items:\n      - team: "${TfToken[TOKEN.9]}"\n',
        '4:15: fleets[0].items[0].team',
      ],
    ])("refuses cdktf's string token marker in %s", (_name, name, text, where) => {
      const file = writeFiles({ [name]: text });
      expect(problemsOf(file)).toEqual([`${file}:${where}: ${TOKEN_MARKER}`]);
    });

    it("refuses cdktf's list and map token markers too", () => {
      const parsed = parseJsonText('{\n  "a": ["#{TfToken[TOKEN.2]}"],\n  "b": "&{TfToken[TOKEN.3]}"\n}');
      expect(parsed).toEqual({
        ok: false,
        problems: [
          { path: ['a', 0], message: TOKEN_MARKER.replace('${', '#{'), line: 2, column: 9 },
          { path: ['b'], message: TOKEN_MARKER.replace('${', '&{'), line: 3, column: 8 },
        ],
      });
    });

    it('accepts ${ in text, which the output escapes', () => {
      const file = writeFiles({ 's.yaml': roleSpec('description: "${aws:username} and $${TfToken}"') });
      expect(loadSpec(file).spec.profiles[0].role.description).toBe('${aws:username} and $${TfToken}');
    });

    it('refuses a number that cdktf reads as a number token, and numbers that are not finite', () => {
      const file = writeFiles({
        's.yaml': 'variables:\n  size: { type: number, default: -1.8881545897087626e+289 }\n  big: { type: number, default: .inf }\nprofiles: []\n',
      });
      expect(problemsOf(file)).toEqual([
        `${file}:2:34: variables.size.default: -1.8881545897087626e+289 is a number cdktf reads as one of its tokens (a reference the program built), which the tool reserves`,
        `${file}:3:33: variables.big.default: Infinity is not a number this tool writes (JSON and Terraform have no infinity or NaN)`,
      ]);
    });

    it('refuses them in every file read as YAML or JSON, an expectations file too', () => {
      const file = writeFiles({ 'expect.yaml': 'WebProfile:\n  - allow: !Ref Put\n' });
      expect(() => readExpectationsFile(file)).toThrow(
        new SpecError(file, [{ path: ['WebProfile', 0, 'allow'], message: NOT_CLOUDFORMATION('!Ref'), line: 2, column: 12 }]),
      );
    });
  });

  describe('through the command line', () => {
    const cases: Array<[string, string, string]> = [
      ['a lone surrogate', roleSpec('description: "\\ud800"'), `spec.yaml:4:20: profiles[0].role.description: ${LONE_SURROGATE}`],
      [
        'an unknown YAML tag',
        roleSpec().replace('name: WebRole', 'name: !Ref WebRole'),
        `spec.yaml:3:13: profiles[0].role.name: ${NOT_CLOUDFORMATION('!Ref')}`,
      ],
      ["cdktf's token marker", roleSpec('description: "${TfToken[TOKEN.1]}"'), `spec.yaml:4:20: profiles[0].role.description: ${TOKEN_MARKER}`],
    ];

    it.each(cases)('check refuses %s with exit 1, file, line, field and message', async (_name, text, problem) => {
      const cwd = path.dirname(writeFiles({ 'spec.yaml': text }));
      const { code, stderr } = await runCli(['check', 'spec.yaml'], cwd);
      expect(code).toBe(1);
      expect(stderr).toBe(`error: spec.yaml: 1 error\n  errors:\n    ${problem}`);
    });

    it.each(cases)('synth refuses %s with exit 1 and writes nothing to --out', async (_name, text, problem) => {
      const cwd = path.dirname(writeFiles({ 'spec.yaml': text }));
      const { code, stderr } = await runCli(['synth', 'spec.yaml', '--out', 'out'], cwd);
      expect(code).toBe(1);
      expect(stderr).toBe(`error: spec.yaml: 1 error; nothing was written\n  errors:\n    ${problem}`);
      expect(fs.readdirSync(cwd)).toEqual(['spec.yaml']);
    });

    it.each([
      ['check', 'check spec.yaml', cases[1]],
      ['synth', 'synth spec.yaml -o out', cases[0]],
    ])('node bin/run.js cli %s refuses the spec with exit 1 and no stack trace', (_command, args, [, text, problem]) => {
      const cwd = path.dirname(writeFiles({ 'spec.yaml': text }));
      const result = spawnSync(process.execPath, [path.join(packageRoot(), 'bin', 'run.js'), 'cli', ...args.split(' ')], { cwd, encoding: 'utf8' });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`\n    ${problem}\n`);
      expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(fs.readdirSync(cwd)).toEqual(['spec.yaml']);
    });
  });
});
