/**
 * Tag keys and values as IAM and EC2 take them ("Rules for tagging in IAM and AWS STS"; the EC2
 * tag restrictions): a key of 1 to 128 characters (values of at most 256 are enforced by the
 * spec schema), neither key nor value starting with the reserved `aws:` in any case, and for
 * IAM resources only Unicode letters, digits, spaces and `_ . : / = + - @` (EC2 allows any
 * character, so there it is a warning: other services refuse the others). IAM role tag keys
 * ignore case, so keys of one role that differ only in case collide (instance profile and EC2
 * tag keys are case-sensitive). The provider's default tags go to the roles too, so they follow
 * the IAM rules.
 */
import type { ResolvedProfileSpec, ResolvedSpec } from '../../spec/model';
import { CHECK_IDS } from '../check-ids';
import { isWithin, type FieldPath } from '../../spec/field-path';
import type { Finding } from '../finding';
import { checkError, checkFinding } from '../make-finding';

/** Characters in a tag key. */
export const MAX_TAG_KEY_LENGTH = 128;

const IAM_TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const ALLOWED_TEXT = 'letters, digits, spaces and _ . : / = + - @';
const RESERVED_PREFIX = 'aws:';

/** Whose rules a tag map follows: IAM's (role, instance profile, default tags) or EC2's (instance). */
type TagService = 'IAM' | 'EC2';

/** A tag and where its key is written. */
interface LocatedTag {
  readonly key: string;
  readonly path: FieldPath;
}

/** Findings for the tags a profile writes: its role, instance profile and instance tags. */
export function checkProfileTagRules(spec: ResolvedSpec, profile: ResolvedProfileSpec): Finding[] {
  const at = (...segments: string[]) => [...profile.fieldPath, ...segments];
  const roleTags = located(profile.role.tags, at('role', 'tags'));
  return [
    ...checkTags(profile.role.tags, at('role', 'tags'), 'IAM'),
    ...checkTags(profile.instanceProfile.tags ?? {}, at('instanceProfile', 'tags'), 'IAM'),
    ...checkTags(profile.instance?.tags ?? {}, at('instance', 'tags'), 'EC2'),
    // Collisions among the default tags alone are reported once, by checkDefaultTagRules.
    ...defaultTagSets(spec).flatMap((defaults) => caseDuplicates([...defaults, ...roleTags]).filter((finding) => isWithin(finding.path, at('role', 'tags')))),
  ];
}

/** Findings for the provider's default tags, top-level and per environment (they reach every role). */
export function checkDefaultTagRules(spec: ResolvedSpec): Finding[] {
  return [
    ...checkTags(spec.defaultTags, ['defaultTags'], 'IAM'),
    ...Object.entries(spec.environments).flatMap(([name, environment]) => checkTags(environment.defaultTags, ['environments', name, 'defaultTags'], 'IAM')),
    ...unique(defaultTagSets(spec).flatMap(caseDuplicates)),
  ];
}

/** The default tags each stack applies: the top-level ones, overridden per environment. */
function defaultTagSets(spec: ResolvedSpec): LocatedTag[][] {
  const top = located(spec.defaultTags, ['defaultTags']);
  const environments = Object.entries(spec.environments);
  if (environments.length === 0) return [top];
  return environments.map(([name, environment]) => {
    const own = located(environment.defaultTags, ['environments', name, 'defaultTags']);
    return [...top.filter((tag) => !(tag.key in environment.defaultTags)), ...own];
  });
}

function located(tags: Readonly<Record<string, string>>, path: FieldPath): LocatedTag[] {
  return Object.keys(tags).map((key) => ({ key, path: [...path, key] }));
}

function checkTags(tags: Readonly<Record<string, string>>, path: FieldPath, service: TagService): Finding[] {
  return Object.entries(tags).flatMap(([key, value]) => [...checkKey(key, [...path, key], service), ...checkValue(key, value, [...path, key], service)]);
}

function checkKey(key: string, path: FieldPath, service: TagService): Finding[] {
  const length = [...key].length;
  if (length === 0) return [checkError(CHECK_IDS.tagFormat, path, `a tag key is empty; keys are 1 to ${MAX_TAG_KEY_LENGTH} characters`)];
  const findings: Finding[] = [];
  if (length > MAX_TAG_KEY_LENGTH)
    findings.push(checkError(CHECK_IDS.tagFormat, path, `tag key "${key.slice(0, 20)}…" is ${length} characters; at most ${MAX_TAG_KEY_LENGTH} allowed`));
  findings.push(...reservedPrefix('key', key, path), ...characters('key', key, path, service));
  return findings;
}

function checkValue(key: string, value: string, path: FieldPath, service: TagService): Finding[] {
  return [...reservedPrefix(`value of "${key}"`, value, path), ...characters(`value of "${key}"`, value, path, service)];
}

function reservedPrefix(what: string, text: string, path: FieldPath): Finding[] {
  if (!text.toLowerCase().startsWith(RESERVED_PREFIX)) return [];
  return [
    checkError(
      CHECK_IDS.tagFormat,
      path,
      `tag ${what} "${text}" starts with "${text.slice(0, RESERVED_PREFIX.length)}"; AWS reserves the prefix "aws:" (in any case) for its own tags`,
    ),
  ];
}

function characters(what: string, text: string, path: FieldPath, service: TagService): Finding[] {
  if (IAM_TAG_CHARACTERS.test(text)) return [];
  const bad = [...new Set([...text].filter((character) => !IAM_TAG_CHARACTERS.test(character)))].map((character) => JSON.stringify(character)).join(' ');
  const message =
    service === 'IAM'
      ? `tag ${what} "${text}" has ${bad}; IAM tags allow ${ALLOWED_TEXT} only`
      : `tag ${what} "${text}" has ${bad}; EC2 accepts it, but other services (IAM, cost allocation, tag policies) allow ${ALLOWED_TEXT} only`;
  return [checkFinding(CHECK_IDS.tagFormat, service === 'IAM' ? 'error' : 'warning', path, message)];
}

/** Keys of one role that differ only in case: every one after the first. */
function caseDuplicates(tags: readonly LocatedTag[]): Finding[] {
  const first = new Map<string, LocatedTag>();
  const findings: Finding[] = [];
  for (const tag of tags) {
    const earlier = first.get(tag.key.toLowerCase());
    if (!earlier) first.set(tag.key.toLowerCase(), tag);
    else if (earlier.key !== tag.key) {
      findings.push(
        checkError(
          CHECK_IDS.tagCaseDuplicate,
          tag.path,
          `tag key "${tag.key}" differs from "${earlier.key}" only in case; IAM role tag keys ignore case, so the role can have only one of them: use one spelling`,
        ),
      );
    }
  }
  return findings;
}

/** Findings without repeats (the same collision can appear in several environments). */
function unique(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = JSON.stringify([finding.path, finding.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
