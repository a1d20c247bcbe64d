/** The tests' stand-in for cdktf's `archiver` (`__tests__/deferred-archiver.js`) is the real module once used. */
import { PassThrough } from 'stream';
import { archiverOfCdktf } from './helpers/archiver-of-cdktf';

type Archiver = (format: string) => NodeJS.ReadableStream & { append(data: string, options: { name: string }): void; finalize(): Promise<void> };
// The name cdktf requires it by, which jest maps to the stand-in.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const archiver = require('archiver') as Archiver;

describe("cdktf's archiver in the tests", () => {
  it('zips what it is given, as the real module does (and with CDK Terrain, which has none, says so when used)', async () => {
    if (!archiverOfCdktf()) {
      expect(() => archiver('zip')).toThrow('the installed cdktf has no archiver (CDK Terrain ships none)');
      return;
    }
    const archive = archiver('zip');
    const chunks: Buffer[] = [];
    const sink = new PassThrough().on('data', (chunk: Buffer) => chunks.push(chunk));
    archive.pipe(sink);
    archive.append('hello', { name: 'hello.txt' });
    await archive.finalize();
    const zip = Buffer.concat(chunks);
    expect(zip.subarray(0, 4).toString('hex')).toBe('504b0304');
    expect(zip.includes(Buffer.from('hello.txt'))).toBe(true);
  });
});
