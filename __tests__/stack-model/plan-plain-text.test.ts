import { createHash } from 'crypto';
import { plainTextOf } from '../../src/stack-model/plan-plain-text';

const TEXT = '#!/bin/sh\necho hello\n';
const HASH = createHash('sha1').update(TEXT).digest('hex');

describe('plainTextOf: the text of an argument a 5.x plan holds as a hash', () => {
  it.each([
    ['the text a 6.x plan holds, whatever the configuration says', TEXT, undefined, TEXT],
    ['the text a 6.x plan holds over a configuration it differs from (ignore_changes keeps what AWS has)', TEXT, 'other', TEXT],
    ["the configuration's text where a 5.x plan holds the hash", HASH, TEXT, TEXT],
    ['no text where a 5.x plan holds the hash and the configuration gives none', HASH, undefined, undefined],
    ["the configuration's text where the value is known only after apply", { unknown: true }, TEXT, TEXT],
    ['no text where none is planned', null, undefined, undefined],
    ['an empty text as it is', '', undefined, ''],
  ])('%s', (_case, planned, configured, text) => {
    expect(plainTextOf(planned, configured)).toBe(text);
  });

  it('takes only the form of the hash for one: 40 lowercase hexadecimal digits', () => {
    expect(plainTextOf(HASH.toUpperCase(), TEXT)).toBe(HASH.toUpperCase());
    expect(plainTextOf(HASH.slice(1), TEXT)).toBe(HASH.slice(1));
    expect(plainTextOf(`${HASH}\n`, TEXT)).toBe(`${HASH}\n`);
  });
});
