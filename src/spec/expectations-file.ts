/**
 * Reads an expectations file for `verify --plan`: what each instance profile must and must not
 * be able to do, in the spec's expectation syntax, for Terraform that no spec describes:
 *
 * ```yaml
 * S3WriteProfile:
 *   - allow: put s3://instance-profile-test1/writetest
 *   - deny: put s3://instance-profile-test2/writetest
 * ```
 */
import type { ExpectationSpec } from './spec-schema';
import { readStructuredFile } from './read-structured-file';
import type { SchemaIssue } from './schema-kit';
import { s } from './schema-kit';
import { locateProblems } from './source-locations';
import { SpecError } from './spec-error';
import { expectationSchema } from './spec-schema';

/** The file's shape: instance profile names, each with a list of expectations. */
export const expectationsFileSchema = s.record(s.array(expectationSchema, 1), s.string({ minLength: 1, maxLength: 128 }));

/** The expectations of `file`, per instance profile; throws a {@link SpecError} with file, line and field for any problem. */
export function readExpectationsFile(file: string): ProfileExpectations[] {
  const { text, value: input } = readStructuredFile(file, 'expectations file');
  const issues: SchemaIssue[] = [];
  const value = expectationsFileSchema.parse(input, [], issues);
  if (!value || issues.length) throw new SpecError(file, locateProblems(text, issues));
  return Object.entries(value).map(([instanceProfile, expectations]) => ({ instanceProfile, path: [instanceProfile], expectations }));
}

/** The expectations of one instance profile. */
export interface ProfileExpectations {
  /** The instance profile's name, as the stack creates it. */
  readonly instanceProfile: string;
  /** Where the profile is written, e.g. `["profiles", 0]`: rows and findings point below it. */
  readonly path: ReadonlyArray<string | number>;
  readonly expectations: readonly ExpectationSpec[];
}
