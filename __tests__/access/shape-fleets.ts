/**
 * Fleets of access queries for the differential test of shared decisions: a query template
 * with `{{field}}` placeholders (in any string, keys included) and items that fill it. One
 * adversarial fleet set, written to break each condition of `src/access/query-shape.ts`, and an
 * arbitrary for random fleets over a small alphabet, so that values collide with each other and
 * with the patterns' literal text often.
 */
import fc from 'fast-check';
import type { AccessQuery } from '../../src/iam/simulator';
import type { ItemValues } from '../../src/access/query-shape';

/** A query template and the items that fill it. */
export interface QueryFleet {
  readonly name: string;
  readonly template: AccessQuery;
  readonly items: readonly ItemValues[];
}

const ACCOUNT = '111122223333';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/{{team}}-role`;

/** The item's values for the fields `template` fills, as `stacksToVerify` gives a fleet profile's. */
export function templateValues(template: unknown, item: ItemValues): ItemValues {
  const fields = new Set([...JSON.stringify(template).matchAll(/\{\{([A-Za-z0-9_-]+)\}\}/g)].map((match) => match[1]));
  return Object.fromEntries(Object.entries(item).filter(([field]) => fields.has(field)));
}

/** Fills every `{{field}}` of every string (and key) of `template` with the item's value. */
export function fill<T>(template: T, item: ItemValues): T {
  const text = (value: string) => value.replace(/\{\{([A-Za-z0-9_-]+)\}\}/g, (whole, field: string) => item[field] ?? whole);
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') return text(node);
    if (Array.isArray(node)) return node.map(visit);
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([key, child]) => [text(key), visit(child)]));
    return node;
  };
  return visit(template) as T;
}

/** The request context of the role (as `roleSessionContext` builds it), tagged `team`. */
function context(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'aws:PrincipalArn': ROLE,
    'aws:PrincipalAccount': ACCOUNT,
    'aws:PrincipalType': 'AssumedRole',
    'aws:userid': 'AROAPLACEHOLDERROLEID:i-0123456789abcdef0',
    'aws:SecureTransport': 'true',
    'aws:RequestedRegion': 'us-east-1',
    'aws:CurrentTime': '2026-01-01T00:00:00.000Z',
    'aws:EpochTime': '1767225600',
    'aws:ResourceAccount': ACCOUNT,
    'aws:PrincipalTag/team': '{{team}}',
    ...extra,
  };
}

function query(action: string, resource: string, statements: readonly object[], extra: Record<string, string> = {}): AccessQuery {
  return {
    principal: ROLE,
    action,
    resource,
    resourceAccount: ACCOUNT,
    context: context(extra),
    identityPolicies: [{ id: 'policy0', document: { Version: '2012-10-17', Statement: statements } }],
  };
}

/** Team names that meet the patterns and the simulator's literals in every way a value can. */
const TEAMS = [
  'alpha',
  'ALPHA',
  'Alpha',
  'beta',
  'data',
  'data-x',
  'x-data',
  'datax',
  'team7',
  'team77',
  'teamA',
  'a',
  'ab',
  'abc',
  'role',
  'key',
  'aws',
  'aws-reserved',
  'policy',
  'arn',
  's3',
  'read',
  'prod',
  'prod.1',
  'a+b',
  'a=b',
  'u@x',
  'under_score',
  'secret',
  'private',
  '12',
  '5',
];

/** Items of the adversarial fleets: each team with a derived bucket, and a few whose fields collide or break the character set. */
const ITEMS: readonly ItemValues[] = [
  ...TEAMS.map((team, i) => ({ team, bucket: i % 3 === 0 ? `${team}-bucket` : i % 3 === 1 ? `data-${team}` : `b${i}`, level: String(40 + ((i * 7) % 60)) })),
  { team: 'same', bucket: 'same', level: '3' },
  { team: 'Same', bucket: 'same', level: '3' },
  { team: 'with space', bucket: 'with space', level: '1' },
  { team: 'star*', bucket: 'star*x', level: '1' },
  { team: 'q?', bucket: 'q?x', level: '1' },
  { team: 'col:on', bucket: 'colon', level: '1' },
  { team: 'sl/ash', bucket: 'slash', level: '1' },
  { team: '${aws:userid}', bucket: 'var', level: '1' },
  { team: '', bucket: 'empty', level: '1' },
  { team: 'amazonaws.com', bucket: 'svc', level: '1' },
  { team: 'team7', bucket: 'team7', level: '7' },
  { team: 'teamB', bucket: 'TEAMB-bucket', level: '10' },
  { team: 'tag', bucket: 'tag-bucket', level: '200' },
  { team: 'PROD', bucket: 'prod', level: '0' },
  { team: 'b', bucket: 'bb', level: '11' },
  { team: 'bucket', bucket: 'bucket-bucket', level: '9' },
  { team: 'x', bucket: 'data', level: '4' },
  { team: 'y', bucket: 'y-data', level: '5' },
  { team: 'z', bucket: 'datazz', level: '6' },
  { team: 'alias', bucket: 'alias-bucket', level: '2' },
  { team: 'abc', bucket: 'abcabc', level: '2' },
  { team: 'zz', bucket: 'zzz', level: '2' },
  { team: 'beta', bucket: 'BETA', level: '8' },
  { team: 'ROLE', bucket: 'role-bucket', level: '8' },
  { team: 'c9', bucket: 'col:on', level: '4' },
  { team: 's9', bucket: 'sl/ash', level: '9' },
];

/** The adversarial fleets: wildcards, `?`, policy variables, colliding values, NotResource/NotAction, ABAC tags, Numeric and case-insensitive conditions. */
export function adversarialFleets(): QueryFleet[] {
  const s3 = (key = 'obj') => `arn:aws:s3:::{{bucket}}/${key}`;
  const templates: ReadonlyArray<readonly [string, AccessQuery]> = [
    [
      'prefix and suffix wildcards',
      query('s3:GetObject', s3(), [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::data-*', 'arn:aws:s3:::*-data/*', 'arn:aws:s3:::*a*/obj'] },
        { Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::{{team}}-secret/*' },
      ]),
    ],
    [
      'question marks',
      query('s3:GetObject', s3(), [
        { Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::????/*', 'arn:aws:s3:::{{team}}?/*', 'arn:aws:s3:::team??-bucket/*'] },
      ]),
    ],
    [
      'policy variables',
      query(
        's3:PutObject',
        `arn:aws:s3:::home/{{team}}/x`,
        [
          { Effect: 'Allow', Action: 's3:PutObject', Resource: ['arn:aws:s3:::home/${aws:username}/*', 'arn:aws:s3:::home/${aws:PrincipalTag/owner}*/*'] },
          { Effect: 'Deny', Action: 's3:PutObject', Resource: "arn:aws:s3:::home/${aws:username, 'be'}*" },
        ],
        { 'aws:PrincipalTag/owner': 'al' },
      ),
    ],
    [
      'values colliding in case',
      query('s3:GetObject', s3(), [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': ['ALPHA', 'prod'] } } },
        { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::{{bucket}}/*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'Beta' } } },
        { Effect: 'Deny', Action: 's3:GetObject', Resource: '*', Condition: { StringLike: { 'aws:PrincipalTag/team': 'team?' } } },
      ]),
    ],
    [
      'NotResource and NotAction',
      query('s3:GetObject', s3('report'), [
        { Effect: 'Allow', NotAction: 'iam:*', NotResource: ['arn:aws:s3:::{{team}}-private/*', 'arn:aws:s3:::private*'] },
        { Effect: 'Deny', Action: 's3:*', NotResource: ['arn:aws:s3:::data*', 'arn:aws:s3:::{{bucket}}*', 'arn:aws:s3:::*-bucket/*'] },
      ]),
    ],
    [
      'ABAC tags',
      query(
        's3:GetObject',
        s3(),
        [
          {
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: '*',
            Condition: { StringEquals: { 'aws:PrincipalTag/team': '{{team}}', 'aws:PrincipalTag/owner': 'al*' } },
          },
          {
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: '*',
            Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalTag/owner': ['al*', '*ta', 'a?b'] } },
          },
          { Effect: 'Deny', Action: 's3:GetObject', Resource: '*', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/a*' } } },
          {
            Effect: 'Deny',
            Action: 's3:GetObject',
            Resource: '*',
            Condition: { StringNotLikeIfExists: { 'aws:PrincipalTag/owner': ['*a*', '*e*', '*o*', '*-*'] } },
          },
        ],
        { 'aws:PrincipalTag/owner': '{{team}}' },
      ),
    ],
    [
      'Numeric conditions',
      query(
        's3:ListBucket',
        'arn:aws:s3:::numbers',
        [
          { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::*', Condition: { NumericLessThan: { 's3:max-keys': '70' } } },
          { Effect: 'Deny', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::*', Condition: { NumericEquals: { 'aws:PrincipalTag/level': '{{level}}' } } },
          { Effect: 'Deny', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::*', Condition: { StringLike: { 's3:prefix': '1*' } } },
        ],
        { 's3:max-keys': '{{level}}', 's3:prefix': '{{level}}/', 'aws:PrincipalTag/level': '7' },
      ),
    ],
    [
      'case-insensitive prefix',
      query(
        's3:ListBucket',
        'arn:aws:s3:::shared',
        [
          {
            Effect: 'Allow',
            Action: 's3:ListBucket',
            Resource: 'arn:aws:s3:::shared',
            Condition: { StringEqualsIgnoreCase: { 's3:prefix': ['{{team}}/', 'ROLE/'] } },
          },
          {
            Effect: 'Deny',
            Action: 's3:ListBucket',
            Resource: 'arn:aws:s3:::shared',
            Condition: { StringNotEqualsIgnoreCase: { 's3:prefix': ['{{bucket}}/', 'DATA/', 'alpha/'] } },
          },
        ],
        { 's3:prefix': '{{team}}/' },
      ),
    ],
    [
      'roles as resources',
      query('iam:UpdateRole', `arn:aws:iam::${ACCOUNT}:role/{{team}}/{{bucket}}`, [
        { Effect: 'Allow', Action: 'iam:*Role', Resource: [`arn:aws:iam::${ACCOUNT}:role/*`] },
        { Effect: 'Deny', Action: 'iam:UpdateRole', Resource: [`arn:aws:iam::${ACCOUNT}:role/*/x*`] },
      ]),
    ],
    [
      'KMS aliases',
      query('kms:CreateAlias', `arn:aws:kms:us-east-1:${ACCOUNT}:alias/{{team}}/{{bucket}}`, [
        { Effect: 'Allow', Action: 'kms:*', Resource: [`arn:aws:kms:*:${ACCOUNT}:alias/*`, `arn:aws:kms:*:${ACCOUNT}:key/*`] },
      ]),
    ],
    ['bucket listing', query('s3:ListBucket', 'arn:aws:s3:::{{bucket}}', [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::*' }])],
    [
      'a wildcard request',
      query('s3:GetObject', 'arn:aws:s3:::{{bucket}}/*', [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::*/public*', 'arn:aws:s3:::*-bucket/*'] },
        { Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::*/secret' },
      ]),
    ],
    [
      'wildcards around values',
      query('s3:GetObject', s3(), [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::{{team}}*', 'arn:aws:s3:::*{{team}}/*'] },
        { Effect: 'Deny', Action: 's3:GetObject', Resource: ['arn:aws:s3:::*-{{team}}-*', 'arn:aws:s3:::*a-*'] },
      ]),
    ],
    [
      'trust of the role',
      {
        principal: 'ec2.amazonaws.com',
        action: 'sts:AssumeRole',
        resource: ROLE,
        resourceAccount: ACCOUNT,
        context: {
          'aws:PrincipalServiceName': 'ec2.amazonaws.com',
          'aws:SourceAccount': ACCOUNT,
          'aws:SourceArn': `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/{{team}}`,
        },
        identityPolicies: [],
        resourcePolicy: {
          id: 'trust',
          document: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: 'ec2.amazonaws.com' },
                Action: 'sts:AssumeRole',
                Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:ec2:*:*:instance/a*' } },
              },
              { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/team*' },
            ],
          },
        },
      },
    ],
  ];
  return templates.map(([name, template]) => ({ name, template, items: ITEMS }));
}

/**
 * The random fleets' text: the patterns' literal pieces are of letters the rest of the queries do
 * not hold (in any case), sometimes with a digit; the values hold a digit and letters around it,
 * so that most of them hold no literal piece (and share) while pieces cover parts of them often,
 * and a few meet a literal in another case.
 */
const LETTERS = ['z', 'x', 'xz', 'Z', '-', '.'];
const LITERALS = [...LETTERS, ...LETTERS, 'z9', 'Z9', 'x8', '.8'];

/** A value: letters, a part of `digit`, letters (the two fields' digits differ, so that neither value holds the other). */
const value = (digit: string) =>
  fc
    .tuple(
      fc.constantFrom('', '', 'z', 'z', 'x', 'xz', 'Z', '.'),
      fc.constantFrom(digit, digit, digit + digit, `${digit}.${digit}`),
      fc.constantFrom('', '', '', 'z', 'x', 'Z'),
    )
    .map((parts) => parts.join(''));

/** Tokens of text: a placeholder (`{{v}}` or `{{w}}`) with literal pieces around it, or literal pieces alone now and then. */
const tokens = fc
  .tuple(fc.constantFrom('', '', ...LITERALS), fc.constantFrom('{{v}}', '{{w}}', '{{v}}', '{{w}}', ...LITERALS), fc.constantFrom('', '', ...LITERALS))
  .map((parts) => parts.filter((part) => part !== ''));

/**
 * What a pattern has where its text has a placeholder: the placeholder, a probe of the value's
 * first or last characters or length, or a value in another case.
 */
const PROBES = ['keep', 'z*', 'x*', 'Z*', 'xz*', '*9', '*z', '*x', '*9z', '*.*', '?', '??', '???*', '?9*', '*', 'Z9', 'X9', 'Z99'];

/** A pattern near the text of `given`: each placeholder kept or probed, each literal kept or made a wildcard, and a tail. */
function near(given: readonly string[], tails: readonly string[]): fc.Arbitrary<string> {
  const edits = given.map((token) => (token.startsWith('{{') ? fc.constantFrom(...PROBES) : fc.constantFrom('keep', 'keep', 'keep', '*', '?')));
  return fc
    .tuple(fc.tuple(...edits), fc.constantFrom(...tails))
    .map(([chosen, tail]) => given.map((token, i) => (chosen[i] === 'keep' ? token : chosen[i])).join('') + tail);
}

/** A statement on the request's bucket and the tag `t`, with its pattern near theirs. */
function statement(bucket: readonly string[], tag: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const condition = fc.oneof(
    fc
      .record({
        op: fc.constantFrom(
          'StringLike',
          'StringEquals',
          'StringEqualsIgnoreCase',
          'StringEqualsIgnoreCase',
          'StringNotLike',
          'StringNotEqualsIgnoreCase',
          'ForAnyValue:StringLike',
        ),
        text: near(tag, ['', '', '*', '?']),
      })
      .map(({ op, text }) => ({ [op]: { 'aws:PrincipalTag/t': text } })),
    near(['{{v}}'], ['', '*']).map((text) => ({ ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::*:role/r-${text}` } })),
    // The tag's text with a value in another case where it has `{{v}}`.
    fc.constantFrom('Z9', 'Z99', 'XZ9', 'Z9.9').map((upper) => ({
      StringEqualsIgnoreCase: { 'aws:PrincipalTag/t': tag.map((token) => (token === '{{v}}' ? upper : token)).join('') },
    })),
    fc.constantFrom('50', '90').map((limit) => ({ NumericLessThan: { 'aws:PrincipalTag/n': limit } })),
  );
  return fc
    .record(
      {
        Effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
        notResource: fc.constantFrom(false, false, true),
        notAction: fc.constantFrom(false, false, false, true),
        resources: fc.array(near(bucket, ['/o', '/*', '*', '/?']), { minLength: 1, maxLength: 2 }),
        Condition: condition,
      },
      { requiredKeys: ['Effect', 'notResource', 'notAction', 'resources'] },
    )
    .map(({ Effect, notResource, notAction, resources, Condition }) => ({
      Effect,
      [notAction ? 'NotAction' : 'Action']: notAction ? 'iam:*' : 's3:GetObject',
      [notResource ? 'NotResource' : 'Resource']: resources.map((text) => `arn:aws:s3:::${text}`),
      ...(Condition ? { Condition } : {}),
    }));
}

/** Random fleets: one template of one to three statements near its request, and eight to twelve items of two fields. */
export const randomFleet: fc.Arbitrary<QueryFleet> = fc
  .record({ bucket: tokens, tag: tokens })
  .chain(({ bucket, tag }) =>
    fc.record({
      bucket: fc.constant(bucket.join('')),
      tag: fc.constant(tag.join('')),
      statements: fc.array(statement(bucket, tag), { minLength: 1, maxLength: 3 }),
      numberTag: fc.constantFrom('3', '7', '7', '{{w}}'),
      items: fc.array(fc.record({ v: value('9'), w: value('8') }), { minLength: 8, maxLength: 12 }),
    }),
  )
  .map(({ statements, bucket, tag, numberTag, items }) => ({
    name: 'random',
    template: {
      principal: `arn:aws:iam::${ACCOUNT}:role/r-{{v}}`,
      action: 's3:GetObject',
      resource: `arn:aws:s3:::${bucket}/o`,
      resourceAccount: ACCOUNT,
      context: {
        'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/r-{{v}}`,
        'aws:PrincipalTag/t': tag,
        'aws:PrincipalTag/n': numberTag,
        'aws:SecureTransport': 'true',
      },
      identityPolicies: [{ id: 'policy0', document: { Version: '2012-10-17', Statement: statements } }],
    },
    items,
  }));
