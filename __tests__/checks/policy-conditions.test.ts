import { conditionOperators } from '../../src/iam/simulator';
import type { Finding } from '../../src/checks/finding';
import { formatFieldPath } from '../../src/spec/spec-error';
import { findingsOf, profileWithStatement } from './helpers';

const READ = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::app-bucket/*' };

/** Findings of a one-statement policy with this Condition, as `level rule @ field: message` (field from Condition on). */
async function conditionFindings(condition: unknown): Promise<string[]> {
  const findings: Finding[] = await findingsOf(profileWithStatement({ ...READ, Condition: condition }));
  return findings.map(
    (finding) =>
      `${finding.level} ${finding.rule} @ ${formatFieldPath(finding.path).replace('profiles[0].policies[0].document.Statement[0].', '')}: ${finding.message}`,
  );
}

describe('condition operators (catalog from iam-simulate)', () => {
  it('reads every base operator from the catalog, Null included', () => {
    const names = conditionOperators().map((operator) => operator.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'StringEquals',
        'StringNotLike',
        'NumericLessThanEquals',
        'DateGreaterThan',
        'Bool',
        'BinaryEquals',
        'IpAddress',
        'NotIpAddress',
        'ArnLike',
        'Null',
      ]),
    );
    expect(names).toHaveLength(27);
  });

  it('accepts operators with IfExists and set qualifiers', async () => {
    expect(
      await conditionFindings({
        StringLikeIfExists: { 'ec2:InstanceType': ['t3.*'] },
        'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] },
        'ForAllValues:StringLikeIfExists': { 'aws:TagKeys': ['team*'] },
        Null: { 'aws:TokenIssueTime': 'true' },
      }),
    ).toEqual([]);
  });

  it('fails on an unknown operator, suggesting the closest one', async () => {
    const [finding] = await conditionFindings({ StringEqual: { 'aws:SourceAccount': '123456789012' } });
    expect(finding).toMatch(
      /^error IAM_CONDITION_OPERATOR @ Condition\.StringEqual: unknown condition operator "StringEqual" \(did you mean "StringEquals"\?\); allowed: ArnEquals, .*, Null, each but Null optionally ending in IfExists$/,
    );
  });

  it('fails on an operator in the wrong case: IAM operator names are case-sensitive', async () => {
    expect(await conditionFindings({ stringEquals: { 'aws:SourceAccount': '123456789012' } })).toEqual([
      'error IAM_CONDITION_OPERATOR @ Condition.stringEquals: "stringEquals": IAM condition operator names are case-sensitive; write "StringEquals"',
    ]);
  });

  it('fails on an unknown set qualifier', async () => {
    expect(await conditionFindings({ 'ForAnyValues:StringEquals': { 'aws:TagKeys': ['team'] } })).toEqual([
      'error IAM_CONDITION_OPERATOR @ Condition["ForAnyValues:StringEquals"]: "ForAnyValues:" is not a set qualifier (did you mean "ForAnyValue:"?); allowed: ForAllValues:, ForAnyValue: (case-sensitive)',
    ]);
  });

  it('fails on NullIfExists and warns on a set qualifier on Null', async () => {
    expect(await conditionFindings({ NullIfExists: { 'aws:TokenIssueTime': 'true' }, 'ForAllValues:Null': { 'aws:TagKeys': 'false' } })).toEqual([
      'warning IAM_CONDITION_OPERATOR @ Condition["ForAllValues:Null"]: "ForAllValues:Null": a set qualifier on Null makes the condition always true; write "Null"',
      'error IAM_CONDITION_OPERATOR @ Condition.NullIfExists: "NullIfExists": Null takes no IfExists suffix (it already tests whether the key exists); write "Null"',
    ]);
  });
});

describe('condition blocks and values', () => {
  it('accepts JSON numbers and booleans as values (quotes are optional for them)', async () => {
    expect(await conditionFindings({ NumericLessThanEquals: { 's3:max-keys': 10 }, Bool: { 'aws:SecureTransport': true } })).toEqual([]);
  });

  it('fails on a value that is not a scalar or a list of scalars, and on mixed types', async () => {
    expect(await conditionFindings({ StringEquals: { 'aws:SourceAccount': { id: 1 }, 'aws:PrincipalAccount': ['123456789012', 123456789012, null] } })).toEqual(
      [
        'error IAM_CONDITION_VALUE @ Condition.StringEquals["aws:PrincipalAccount"]: the values mix JSON types (string, number); give them all as one type, e.g. all strings',
        'error IAM_CONDITION_VALUE @ Condition.StringEquals["aws:PrincipalAccount"][2]: the value is null; list entries must be strings, numbers or booleans',
        'error IAM_CONDITION_VALUE @ Condition.StringEquals["aws:SourceAccount"]: the value is a mapping; a condition value is a string, number or boolean, or a list of them',
      ],
    );
  });

  it('warns on empty blocks and empty value lists', async () => {
    expect(await conditionFindings({})).toEqual([
      'warning IAM_POLICY_ELEMENT @ Condition: "Condition" is empty, so it restricts nothing; remove it or add conditions',
    ]);
    expect(await conditionFindings({ StringEquals: { 'aws:SourceAccount': [] } })).toEqual([
      'warning IAM_CONDITION_VALUE @ Condition.StringEquals["aws:SourceAccount"]: the value is an empty list, so the key matches nothing (with ForAllValues or IfExists: only requests without the key); give values, or use Null to test for absence',
    ]);
  });

  it.each([
    ['NumericLessThan', 's3:max-keys', '10.5', 'ten', 'it takes an integer or decimal number, e.g. 10 or "10"'],
    [
      'DateGreaterThan',
      'aws:CurrentTime',
      '2026-01-31T12:00:00Z',
      '31/01/2026',
      'it takes a W3C ISO 8601 date such as "2026-01-31" or "2026-01-31T12:00:00Z", or epoch seconds',
    ],
    [
      'DateLessThan',
      'aws:EpochTime',
      1767225600,
      '2026-13-01',
      'it takes a W3C ISO 8601 date such as "2026-01-31" or "2026-01-31T12:00:00Z", or epoch seconds',
    ],
    ['Bool', 'aws:SecureTransport', 'false', 'no', 'it takes "true" or "false"'],
    ['Null', 'aws:TokenIssueTime', false, 'absent', 'it takes "true" (the key is absent) or "false" (it is present)'],
    [
      'IpAddress',
      'aws:SourceIp',
      '2001:db8::/32',
      '203.0.113.0/33',
      'it takes an IPv4 or IPv6 address or CIDR range, e.g. "203.0.113.0/24" or "2001:db8::/32"',
    ],
    ['NotIpAddress', 'aws:SourceIp', '203.0.113.7', '203.0.113', 'it takes an IPv4 or IPv6 address or CIDR range, e.g. "203.0.113.0/24" or "2001:db8::/32"'],
    [
      'ArnLike',
      'aws:SourceArn',
      'arn:aws:sns:*:123456789012:*',
      'sns-topic',
      'it takes an ARN (arn:partition:service:region:account:resource, wildcards allowed) or "*"',
    ],
  ])('%s on %s: accepts %p, warns on %p', async (operator, key, good, bad, allowed) => {
    expect(await conditionFindings({ [operator]: { [key]: good } })).toEqual([]);
    expect(await conditionFindings({ [operator]: { [key]: bad } })).toEqual([
      `warning IAM_CONDITION_VALUE @ Condition.${operator}["${key}"]: ${typeof bad === 'string' ? `"${bad}"` : bad} is not a value ${operator} can compare; ${allowed}`,
    ]);
  });

  it('BinaryEquals takes base64', async () => {
    expect(await conditionFindings({ BinaryEquals: { 'aws:UserAgent': 'QmluYXJ5VmFsdWU=' } })).toEqual([
      'warning IAM_CONDITION_KEY @ Condition.BinaryEquals["aws:UserAgent"]: BinaryEquals compares Binary values, but "aws:UserAgent" is of type String; use the String operators',
    ]);
    expect(await conditionFindings({ BinaryEquals: { 'aws:UserAgent': 'not base64!' } })).toContain(
      'warning IAM_CONDITION_VALUE @ Condition.BinaryEquals["aws:UserAgent"]: "not base64!" is not a value BinaryEquals can compare; it takes a base64-encoded value, e.g. "QmluYXJ5VmFsdWU="',
    );
  });

  it('warns on several values for Bool', async () => {
    expect(await conditionFindings({ Bool: { 'aws:SecureTransport': ['true', 'false'] } })).toEqual([
      'warning IAM_CONDITION_VALUE @ Condition.Bool["aws:SecureTransport"]: "aws:SecureTransport" has 2 values; Bool compares a single "true" or "false", so give one',
    ]);
  });

  it('warns on a wildcard under an Equals operator, not under Like or as an escape', async () => {
    expect(await conditionFindings({ StringLike: { 's3:prefix': 'home/*' }, StringEquals: { 's3:delimiter': '${*}' } })).toEqual([]);
    expect(await conditionFindings({ StringEquals: { 's3:prefix': 'home/*' } })).toEqual([
      'warning IAM_CONDITION_VALUE @ Condition.StringEquals["s3:prefix"]: "home/*" has "*" or "?", which StringEquals compares literally; use StringLike for a wildcard match, or ${*} / ${?} for a literal character',
    ]);
  });
});

describe('policy variables in conditions', () => {
  it('accepts variables with String and ARN operators, defaults included', async () => {
    expect(
      await conditionFindings({
        StringLike: { 's3:prefix': ['home/${aws:username}/*', "team/${aws:PrincipalTag/team, 'shared'}/*"] },
        ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:${aws:username}' },
      }),
    ).toEqual([]);
  });

  it('fails on a variable with an operator that takes none', async () => {
    expect(await conditionFindings({ NumericEquals: { 's3:max-keys': '${aws:username}' } })).toEqual([
      'error IAM_CONDITION_VALUE @ Condition.NumericEquals["s3:max-keys"]: "${aws:username}" holds a policy variable, but NumericEquals takes none; policy variables work with the String and ARN operators',
    ]);
  });

  it.each([
    ['home/${aws:username', '"home/${aws:username": the policy variable at "${aws:username" has no closing "}"'],
    ['${}', '"${}": "${}": the variable is empty; name a key inside ${…}, e.g. ${aws:username}'],
    ['${aws: username}', '"${aws: username}": "${aws: username}": a variable name has no spaces'],
    [
      '${aws:PrincipalTag/team, shared}',
      '"${aws:PrincipalTag/team, shared}": "${aws:PrincipalTag/team, shared}": the default value must be in single quotes after ", ", e.g. ${aws:PrincipalTag/team, \'default\'}',
    ],
  ])('fails on the malformed variable %p', async (value, message) => {
    expect(await conditionFindings({ StringLike: { 's3:prefix': value } })).toEqual([
      `error IAM_CONDITION_VALUE @ Condition.StringLike["s3:prefix"]: ${message}`,
    ]);
  });
});

describe('condition keys (catalog from iam-data)', () => {
  it('accepts global, service and pattern keys in any case', async () => {
    expect(
      await conditionFindings({
        StringEquals: { 'AWS:SourceAccount': '123456789012', 'aws:ResourceTag/team': 'web', 'ec2:ResourceTag/Name': 'app', 'sts:ExternalId': 'x' },
      }),
    ).toEqual([]);
  });

  it('fails on a key that is not prefix:name and on a key repeated in another case', async () => {
    expect(await conditionFindings({ StringEquals: { SourceAccount: '123456789012', 'aws:sourceaccount': '1', 'aws:SourceAccount': '2' } })).toEqual([
      'error IAM_CONDITION_KEY @ Condition.StringEquals.SourceAccount: condition key "SourceAccount" is not prefix:name; write a service prefix (or "aws"), ":" and the key, e.g. "aws:SourceAccount" or "s3:prefix"',
      'error IAM_CONDITION_KEY @ Condition.StringEquals["aws:SourceAccount"]: condition key "aws:SourceAccount" repeats "aws:sourceaccount" of "StringEquals" in another case; IAM reads key names ignoring case, so give the key once',
    ]);
  });

  it('warns on an unknown key with the closest known one', async () => {
    expect(await conditionFindings({ StringEquals: { 'aws:SourceAcount': '123456789012', 'aws:ResorceTag/team': 'web', 'zz:Key': 'x' } })).toEqual([
      'warning IAM_CONDITION_KEY @ Condition.StringEquals["aws:ResorceTag/team"]: unknown condition key "aws:ResorceTag/team" (did you mean "aws:ResourceTag/team"?); IAM accepts it, but no request carries it, so the condition never matches as meant',
      'warning IAM_CONDITION_KEY @ Condition.StringEquals["aws:SourceAcount"]: unknown condition key "aws:SourceAcount" (did you mean "aws:SourceAccount"?); IAM accepts it, but no request carries it, so the condition never matches as meant',
      'warning IAM_CONDITION_KEY @ Condition.StringEquals["zz:Key"]: unknown condition key "zz:Key"; the catalog has no condition keys with the prefix "zz"; IAM accepts it, but no request carries it, so the condition never matches as meant',
    ]);
  });

  it('warns when the operator does not compare the key type', async () => {
    expect(await conditionFindings({ NumericEquals: { 'aws:SecureTransport': 1 }, StringLike: { 'aws:SourceArn': 'arn:aws:sns:*' } })).toEqual([
      'warning IAM_CONDITION_KEY @ Condition.NumericEquals["aws:SecureTransport"]: NumericEquals compares Numeric values, but "aws:SecureTransport" is of type Bool; use the Bool operators',
    ]);
  });

  it('warns on a multivalued key without a set qualifier, and on ForAllValues with a single-valued key', async () => {
    expect(await conditionFindings({ StringEquals: { 'aws:TagKeys': 'team' }, 'ForAllValues:StringEquals': { 'aws:SourceAccount': '123456789012' } })).toEqual([
      'warning IAM_CONDITION_KEY @ Condition["ForAllValues:StringEquals"]["aws:SourceAccount"]: "aws:SourceAccount" is single-valued; ForAllValues: also matches requests without the key, which is rarely meant: drop the qualifier',
      'warning IAM_CONDITION_KEY @ Condition.StringEquals["aws:TagKeys"]: "aws:TagKeys" is multivalued (ArrayOfString); write ForAnyValue:StringEquals (any value matches) or ForAllValues:StringEquals (every value matches)',
    ]);
  });
});
