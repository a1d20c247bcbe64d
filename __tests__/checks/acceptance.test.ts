import * as path from 'path';
import { collectProblems } from '../../src/pipeline/collect-problems';
import { formatFindingsTable } from '../../src/checks/report';
import { formatFieldPath } from '../../src/spec/spec-error';
import { readSpec } from '../../src/spec/load-spec';
import { errorsOf, FIXTURES } from './helpers';

describe('acceptance: four mistakes in one spec', () => {
  // GIVEN a policy with a misspelt action, s3:ListBucket on an object ARN, no Version, and a 65-character role name
  const file = path.join(FIXTURES, 'acceptance.yaml');

  it('reports all four as distinct errors in one run', async () => {
    // WHEN the spec is read and checked, as a pipeline does
    const findings = await collectProblems(readSpec(file));

    // THEN exactly four errors, one per mistake, each at its field
    const errors = errorsOf(findings).map((finding) => ({ rule: finding.rule, field: formatFieldPath(finding.path) }));
    expect(errors).toEqual([
      { rule: 'SPEC_SCHEMA', field: 'profiles[0].role.name' },
      { rule: 'IAM_POLICY_VERSION', field: 'profiles[0].policies[0].document' },
      { rule: 'IAM_UNKNOWN_ACTION', field: 'profiles[0].policies[0].document.Statement[0].Action' },
      { rule: 'IAM_RESOURCE_MISMATCH', field: 'profiles[0].policies[0].document.Statement[1].Action' },
    ]);
  });

  it('says what is wrong, what was given and what is allowed', async () => {
    const findings = errorsOf(await collectProblems(readSpec(file)));
    const message = (rule: string) => findings.find((finding) => finding.rule === rule)?.message;
    expect(message('SPEC_SCHEMA')).toMatch(/64/);
    expect(message('IAM_POLICY_VERSION')).toMatch(/"Version" is missing; add "Version": "2012-10-17"/);
    expect(message('IAM_UNKNOWN_ACTION')).toMatch(/"s3:PutObjet".*did you mean s3:PutObject\?/);
    expect(message('IAM_RESOURCE_MISMATCH')).toMatch(
      /^s3:ListBucket applies to no resource of this statement; it needs a bucket ARN like arn:aws:s3:::instance-profile-test1 \(given "arn:aws:s3:::instance-profile-test1\/\*"\)$/,
    );
  });

  it('locates each finding at its line in the spec file and names the instance profile', async () => {
    const findings = errorsOf(await collectProblems(readSpec(file)));
    const lineOf = (rule: string) => findings.find((finding) => finding.rule === rule)?.line;
    expect(lineOf('SPEC_SCHEMA')).toBe(17);
    expect(lineOf('IAM_UNKNOWN_ACTION')).toBe(11);
    expect(lineOf('IAM_RESOURCE_MISMATCH')).toBe(14);
    expect(new Set(findings.map((finding) => finding.profile))).toEqual(new Set(['AcceptanceProfile']));
  });

  it('renders them in the terminal table with the summary line', async () => {
    const table = formatFindingsTable(await collectProblems(readSpec(file)));
    expect(table).toMatch(/^level\s+rule\s+severity\s+field\s+message\n/);
    expect(table.trimEnd().split('\n').pop()).toMatch(/^4 errors, \d+ warnings?, 0 suppressed$/);
  });
});

describe('collectProblems', () => {
  it('reports a document that cannot be read once, not again as an empty policy', async () => {
    const findings = await collectProblems(readSpec(path.join(FIXTURES, 'missing-document.yaml')));
    expect(findings.map((finding) => [finding.rule, formatFieldPath(finding.path), finding.line])).toEqual([
      ['SPEC_SCHEMA', 'profiles[0].policies[0].document', 5],
    ]);
    expect(findings[0]).toMatchObject({ level: 'error', profile: 'AppRole', message: expect.stringMatching(/not found/) });
  });
});
