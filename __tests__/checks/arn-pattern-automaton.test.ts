/**
 * `arnMatchesFormat` runs a product automaton over the state range it can reach, with buffers
 * kept between calls. It is compared here with a plain recursive reading of the same rules on
 * generated policy ARNs (wildcards, `?`, policy variables, colons and slashes where they break
 * a whole-part placeholder, letter case) against ARN formats of iam-data's shapes (fixed seed).
 */
import fc from 'fast-check';
import { arnMatchesFormat } from '../../src/iam/arn-pattern';

type PolicyToken = { kind: 'char'; char: string } | { kind: 'star' } | { kind: 'one' };
type FormatToken = { kind: 'char'; char: string } | { kind: 'placeholder'; wholePart: boolean };

function policyTokens(arn: string): PolicyToken[] {
  const tokens: PolicyToken[] = [];
  for (let i = 0; i < arn.length; i++) {
    const end = arn.startsWith('${', i) ? arn.indexOf('}', i + 2) : -1;
    if (end >= 0) {
      const inner = arn.slice(i + 2, end);
      tokens.push(['*', '?', '$'].includes(inner) ? { kind: 'char', char: inner } : { kind: 'star' });
      i = end;
    } else tokens.push(arn[i] === '*' ? { kind: 'star' } : arn[i] === '?' ? { kind: 'one' } : { kind: 'char', char: arn[i] });
  }
  return tokens;
}

/** A format's parts are cut at its first five colons; `${Name}` stands for one character or more, none of them `:` or `/` when it is a whole part. */
function formatTokens(format: string): FormatToken[] {
  const colons = [...format].flatMap((char, i) => (char === ':' ? [i] : [])).slice(0, 5);
  const parts =
    colons.length < 5 ? [format] : [0, ...colons.map((at) => at + 1)].map((start, k, starts) => format.slice(start, k < 5 ? starts[k + 1] - 1 : undefined));
  return parts.flatMap((part, k): FormatToken[] => [
    ...(k > 0 ? [{ kind: 'char' as const, char: ':' }] : []),
    ...part
      .split(/(\$\{[A-Za-z0-9]+\})/)
      .flatMap((piece): FormatToken[] =>
        /^\$\{[A-Za-z0-9]+\}$/.test(piece) ? [{ kind: 'placeholder', wholePart: piece === part }] : [...piece].map((char) => ({ kind: 'char', char })),
      ),
  ]);
}

/** Whether some string matches both, read as a recursion over (policy position, format position, placeholder begun). */
function reference(policyArn: string, format: string): boolean {
  const p = policyTokens(policyArn);
  const f = formatTokens(format);
  const memo = new Map<string, boolean>();
  const accepts = (token: FormatToken, char: string | undefined) =>
    token.kind === 'placeholder'
      ? !token.wholePart || char === undefined || (char !== ':' && char !== '/')
      : char === undefined || char.toLowerCase() === token.char.toLowerCase();
  const match = (i: number, j: number, begun: boolean): boolean => {
    const key = `${i},${j},${begun}`;
    if (memo.has(key)) return memo.get(key)!;
    memo.set(key, false);
    const token = f[j];
    let result = false;
    // A placeholder that has taken a character may end here.
    if (token?.kind === 'placeholder' && begun && match(i, j + 1, false)) result = true;
    else if (i === p.length) result = j === f.length;
    else if (p[i].kind === 'star') {
      // The star ends, or takes the format's next character (a literal, or one of a placeholder's).
      result = match(i + 1, j, begun) || (token !== undefined && (token.kind === 'char' ? match(i, j + 1, false) : match(i, j, true)));
    } else if (token !== undefined) {
      const char = p[i].kind === 'char' ? (p[i] as { char: string }).char : undefined;
      if (accepts(token, char)) result = token.kind === 'char' ? match(i + 1, j + 1, false) : match(i + 1, j, true);
    }
    memo.set(key, result);
    return result;
  };
  return match(0, 0, false);
}

const FORMATS = [
  'arn:${Partition}:s3:::${BucketName}',
  'arn:${Partition}:s3:::${BucketName}/${ObjectName}',
  'arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}',
  'arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}',
  'arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}',
  'arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}',
  'arn:${Partition}:sqs:${Region}:${Account}:${QueueName}',
];
const piece = fc.constantFrom(
  'arn',
  ':',
  'aws',
  's3',
  'iam',
  '*',
  '?',
  '/',
  'a',
  'B',
  'bucket',
  'Role',
  '${aws:username}',
  '${*}',
  '${?}',
  '123456789012',
  'us-east-1',
  '-',
  'object',
  'accesspoint',
  'log-group',
);

describe('ARN formats matched by the automaton', () => {
  it('decide as the recursive reading does, on generated policy ARNs', () => {
    let compared = 0;
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 14 }),
        fc.constantFrom('', 'arn:aws:', 'arn:aws:s3:::', 'ARN:AWS:IAM::123456789012:'),
        fc.constantFrom(...FORMATS),
        (pieces, prefix, format) => {
          const arn = prefix + pieces.join('');
          compared++;
          expect([arn, format, arnMatchesFormat(arn, format)]).toEqual([arn, format, reference(arn, format)]);
        },
      ),
      { numRuns: 5_000, seed: 32 },
    );
    expect(compared).toBe(5_000);
  });

  it('are told apart on the cases the checks meet most', () => {
    const cases: Array<[string, string, boolean]> = [
      ['arn:aws:s3:::team0-bucket/*', FORMATS[1], true],
      ['arn:aws:s3:::team0-bucket/*', FORMATS[0], false],
      ['arn:aws:s3:::team0-bucket', FORMATS[0], true],
      ['arn:aws:s3:::team0-bucket', FORMATS[2], false],
      ['arn:aws:s3:::*', FORMATS[2], false],
      ['arn:aws:s3:*:*:accesspoint/*', FORMATS[2], true],
      ['*', FORMATS[5], true],
    ];
    for (const [arn, format, expected] of cases) {
      expect([arn, format, reference(arn, format)]).toEqual([arn, format, expected]);
      expect([arn, format, arnMatchesFormat(arn, format)]).toEqual([arn, format, expected]);
    }
  });
});
