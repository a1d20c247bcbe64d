/**
 * Problems in a JSON spec are placed by a scan of the text (`json-locations.ts`), not by parsing
 * it into YAML nodes: the places must be the ones the YAML reading gives, for every field of
 * generated JSON values (fixed seed) written compact and indented, with keys that need escapes,
 * for fields the text does not hold (placed at their nearest parent), and for key problems.
 */
import fc from 'fast-check';
import { locateInYaml, locateProblems } from '../../src/spec/source-locations';
import type { SpecProblem } from '../../src/spec/spec-error';

type Path = Array<string | number>;

/** Every path of `value`, each with a child it does not have. */
function pathsOf(value: unknown): Path[] {
  const paths: Path[] = [];
  const pending: Array<{ value: unknown; path: Path }> = [{ value, path: [] }];
  while (pending.length) {
    const { value: current, path } = pending.pop()!;
    if (path.length) paths.push(path);
    if (Array.isArray(current)) {
      current.forEach((item, i) => pending.push({ value: item, path: [...path, i] }));
      paths.push([...path, current.length]);
    } else if (current && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) pending.push({ value: item, path: [...path, key] });
      paths.push([...path, 'absent']);
    }
  }
  return paths;
}

function problemsAt(paths: readonly Path[]): SpecProblem[] {
  return paths.flatMap((path) => [
    { path, message: 'a value problem' },
    { path, message: 'a key problem', at: 'key' as const },
  ]);
}

const keys = fc.oneof(fc.string(), fc.constantFrom('é', 'a"b', 'back\\slash', 'line\nbreak', '\u2028', '1', 'true', ''));
const values = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(keys, tie('value'), { maxKeys: 4 }),
  ),
}));
const documents = fc.sample(fc.oneof(fc.array(values.value, { maxLength: 4 }), fc.dictionary(keys, values.value, { minKeys: 1, maxKeys: 5 })), {
  seed: 7,
  numRuns: 150,
});

describe('problems located in a JSON spec', () => {
  it.each([
    ['compact', (value: unknown) => JSON.stringify(value)],
    ['indented', (value: unknown) => JSON.stringify(value, null, 2)],
    ['indented with CRLF', (value: unknown) => JSON.stringify(value, null, 4).replace(/\n/g, '\r\n')],
  ])('are where the YAML reading places them (%s)', (_, write) => {
    let compared = 0;
    for (const value of documents) {
      const text = write(value);
      const problems = problemsAt(pathsOf(value));
      expect(locateProblems(text, problems)).toEqual(locateInYaml(text, problems));
      compared += problems.length;
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('places a field of the walkthrough-sized spec at its line and column', () => {
    const text = '{\n  "stack": "s3-write",\n  "profiles": [\n    { "role": { "name": "S3WriteRole" }, "instance": { "ami": 7 } }\n  ]\n}\n';
    const located = locateProblems(text, [
      { path: ['profiles', 0, 'instance', 'ami'], message: 'not an AMI id' },
      { path: ['profiles', 0, 'role'], message: 'a block, at its key' },
      { path: ['profiles', 0, 'role', 'trustPolicy'], message: 'absent, at its parent' },
      { path: ['nowhere', 'at', 'all'], message: 'not in the file' },
    ]);
    expect(located.map(({ line, column }) => [line, column])).toEqual([
      [4, 63],
      [4, 7],
      [4, 7],
      [undefined, undefined],
    ]);
  });

  it('falls back to the YAML reading for text that only looks like JSON', () => {
    const text = '{stack: s3-write, profiles: [{role: {name: S3WriteRole}}]}';
    const problems = [{ path: ['profiles', 0, 'role', 'name'], message: 'x' }];
    expect(locateProblems(text, problems)).toEqual(locateInYaml(text, problems));
    expect(locateProblems(text, problems)[0]).toMatchObject({ line: 1, column: 44 });
  });
});
