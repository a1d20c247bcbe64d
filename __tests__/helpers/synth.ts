import * as path from 'path';
import { Testing } from 'cdktf';
import { buildStacks } from '../../src/app';
import { InstanceProfileStack } from '../../src/constructs/instance-profile-stack';
import { defaultSpecInput } from '../../src/spec/default-spec';
import { loadSpec, parseSpec } from '../../src/spec/load-spec';
import type { LoadedSpec } from '../../src/spec/model';

export const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** The synthesized Terraform JSON of a stack, parsed. */
export interface Synthesized {
  readonly stack: InstanceProfileStack;
  /** The JSON string, for cdktf's matchers. */
  readonly json: string;
  /** The same, parsed. */
  readonly config: TerraformConfig;
}

export interface TerraformConfig {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  locals: Record<string, Record<string, unknown>>;
  output: Record<string, { value: Record<string, string>; description?: string }>;
  provider: { aws: Array<Record<string, unknown>> };
  terraform: { backend: Record<string, Record<string, unknown>> };
}

/** Builds and synthesizes (with validations) the single stack of a loaded spec. */
export function synthLoaded(loaded: LoadedSpec): Synthesized {
  const [stack] = buildStacks(Testing.app(), loaded);
  const json = Testing.synth(stack, true);
  return { stack, json, config: JSON.parse(json) as TerraformConfig };
}

/** Synthesizes a spec given as a value (relative document paths resolve against the fixtures). */
export function synthSpec(input: unknown): Synthesized {
  return synthLoaded(parseSpec(input, 'test-spec.yaml', FIXTURES));
}

/** Synthesizes a fixture spec file. */
export function synthFixture(name: string): Synthesized {
  return synthLoaded(loadSpec(path.join(FIXTURES, name)));
}

/** The built-in default spec as a mutable value, to vary one field in a test. */
export function defaultSpec(): any {
  return defaultSpecInput();
}

/** A Terraform reference as it appears in the JSON: `${aws_iam_role.x.name}`. */
export const ref = (address: string) => `\${${address}}`;
