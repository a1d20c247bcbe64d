import { loadSpec } from '../../src/spec/load-spec';
import { SpecError } from '../../src/spec/spec-error';

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
