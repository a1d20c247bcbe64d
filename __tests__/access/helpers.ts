import { defaultSpecInput } from '../../src/spec/default-spec';
import { parseSpec } from '../../src/spec/load-spec';
import type { LoadedSpec } from '../../src/spec/model';

/** The built-in default spec, changed by `change`, loaded as `test.yaml`. */
export function specWith(change: (spec: any) => void): LoadedSpec {
  const input: any = defaultSpecInput();
  change(input);
  return parseSpec(input, 'test.yaml', __dirname);
}

/** The first (default) profile of a spec input. */
export function firstProfile(spec: any): any {
  return spec.profiles[0];
}
