import { loadSpec, parseSpec } from '../../src/spec/load-spec';
import { SpecError } from '../../src/spec/spec-error';
import { FIXTURES } from './synth';

/** The problem lines of loading the spec `file`; fails the test when it loads. */
export function problemsOf(file: string): string[] {
  try {
    loadSpec(file);
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return (error as SpecError).message.split('\n');
  }
  throw new Error(`expected ${file} to be rejected`);
}

/** The problems of a spec given as a value, as `<field.path>: <message>`; fails the test when it loads. */
export function problemsOfValue(input: unknown): string[] {
  try {
    parseSpec(input, 'spec.yaml', FIXTURES);
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return (error as SpecError).problems.map((problem) => `${problem.path.join('.')}: ${problem.message}`);
  }
  throw new Error('expected the spec to be rejected');
}
