/**
 * The front door under fuzzing: generated specs and policy documents, valid and broken (a node
 * of the built-in example replaced by any JSON value, a generated policy document, the YAML
 * text cut or spliced), go through `synth` as a user runs it. Whatever the input: the exit code
 * is 0 or 1 (never 3, an internal error), nothing prints a stack trace, and a failed run writes
 * nothing. The seed is fixed and the count bounded; `npm run fuzz` runs it longer
 * (FUZZ_RUNS, default there 2,000; FUZZ_SEED to try other inputs).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { stringify } from 'yaml';
import { defaultSpecInput } from '../../src/spec/default-spec';
import { runCli } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp-dirs';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const SEED = Number(process.env.FUZZ_SEED ?? 27);
jest.setTimeout(Math.max(60_000, RUNS * 2_000));

/** Every path to a node of `value`. */
function nodePaths(value: unknown, at: ReadonlyArray<string | number> = []): Array<ReadonlyArray<string | number>> {
  const below = Array.isArray(value)
    ? value.flatMap((item, i) => nodePaths(item, [...at, i]))
    : value && typeof value === 'object'
      ? Object.entries(value).flatMap(([key, item]) => nodePaths(item, [...at, key]))
      : [];
  return [at, ...below];
}

function replaced(spec: unknown, at: ReadonlyArray<string | number>, value: unknown): unknown {
  if (!at.length) return value;
  const copy = structuredClone(spec) as Record<string | number, unknown>;
  const parent = at.slice(0, -1).reduce((node: any, step) => node[step], copy);
  parent[at[at.length - 1]] = value;
  return copy;
}

const base = defaultSpecInput();
const paths = nodePaths(base);

/** Strings people and attackers write: template sequences, odd Unicode, ARNs, huge and empty text. */
const oddString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(
    '',
    '*',
    '${path.cwd}',
    '%{if true}x%{endif}',
    'arn:aws:s3:::b/*',
    'arn:aws-cn:s3:::b',
    'ami-12345678',
    'i-0123456789ab',
    '\u0000',
    '\ud83d\ude00',
    '../../etc/passwd',
    '/abs',
    'C:\\x',
  ),
  fc.nat({ max: 20_000 }).map((n) => 'x'.repeat(n)),
);

const statement = fc.record(
  {
    Sid: oddString,
    Effect: fc.oneof(fc.constantFrom('Allow', 'Deny', 'allow'), oddString),
    Action: fc.oneof(fc.constantFrom('s3:PutObject', 's3:*', '*', 'iam:PassRole'), fc.array(oddString, { maxLength: 4 }), oddString),
    Resource: fc.oneof(fc.constantFrom('*', 'arn:aws:s3:::instance-profile-test1/*'), fc.array(oddString, { maxLength: 4 }), oddString),
    Condition: fc.dictionary(
      fc.constantFrom('StringEquals', 'StringLike', 'Bogus', 'ForAnyValue:StringEquals'),
      fc.dictionary(oddString, fc.oneof(oddString, fc.array(oddString, { maxLength: 3 }), fc.integer())),
      { maxKeys: 2 },
    ),
  },
  { requiredKeys: [] },
);

const policyDocument = fc.oneof(
  fc.record(
    { Version: fc.oneof(fc.constant('2012-10-17'), oddString), Statement: fc.oneof(statement, fc.array(statement, { maxLength: 3 })) },
    { requiredKeys: [] },
  ),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A spec as the text of a YAML file. */
const specText = fc.oneof(
  // One node replaced by any value.
  fc.tuple(fc.constantFrom(...paths), fc.oneof(fc.jsonValue({ maxDepth: 3 }), oddString)).map(([at, value]) => stringify(replaced(base, at, value))),
  // The policy document replaced by a generated one.
  policyDocument.map((document) => stringify(replaced(base, ['profiles', 0, 'policies', 0, 'document'], document))),
  // The text cut short, or spliced with other text.
  fc.tuple(fc.nat(), fc.nat({ max: 40 }), oddString).map(([at, cut, insert]) => {
    const text = stringify(base);
    const start = at % text.length;
    return text.slice(0, start) + insert + text.slice(start + cut);
  }),
);

describe('the front door, fuzzed', () => {
  it(`synth exits 0 or 1 with no stack trace, and a failed run writes nothing (${RUNS} generated specs, seed ${SEED})`, async () => {
    const cwd = tempDir('fuzz-');
    let failed = 0;
    let written = 0;
    await fc.assert(
      fc.asyncProperty(specText, async (text) => {
        fs.writeFileSync(path.join(cwd, 'spec.yaml'), text);
        fs.rmSync(path.join(cwd, 'out'), { recursive: true, force: true });
        const { code, stderr } = await runCli(['synth', 'spec.yaml', '--out', 'out', '-q'], cwd);
        expect({ code: code === 0 || code === 1 ? '0 or 1' : code, stderr: code === 0 || code === 1 ? '' : stderr }).toEqual({ code: '0 or 1', stderr: '' });
        expect(stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
        if (code === 0) {
          written++;
          expect(fs.existsSync(path.join(cwd, 'out', 'hcl'))).toBe(true);
        } else {
          failed++;
          expect(fs.existsSync(path.join(cwd, 'out'))).toBe(false);
          expect(stderr).toMatch(/\S/);
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // Most generated specs are broken; some are not, so both paths are taken.
    expect(failed).toBeGreaterThan(0);
    expect(written).toBeGreaterThan(0);
  });
});
