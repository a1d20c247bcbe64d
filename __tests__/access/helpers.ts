import { defaultSpecInput } from '../../src/spec/default-spec';
import { parseSpec } from '../../src/spec/load-spec';
import type { LoadedSpec } from '../../src/spec/model';
import { type ProfileVerification, verifyProfiles } from '../../src/access/verify';
import { synthesizeStackModels } from '../../src/pipeline/synthesize';

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

/** Verifies a loaded spec on the stacks it synthesizes, as `verify` does. */
export function verifySpec(loaded: LoadedSpec): Promise<ProfileVerification[]> {
  return verifyProfiles(loaded, synthesizeStackModels(loaded));
}
