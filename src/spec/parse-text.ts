/**
 * Parses decoded spec and policy-document text (JSON, or YAML for specs) into a value, or
 * into located problems: every syntax error and every parser limit (nesting, YAML alias
 * expansion) is an input problem with line and column, never an exception.
 *
 * Reading is strict, so that a file means one thing whoever reads it:
 * - YAML is read as YAML 1.2 with its core schema whatever the file declares (`yes`, `no`,
 *   `1:20` and `2012-10-17` are text; `true`, `false`, `12`, `0x1F` are what they look like),
 *   and a `%YAML` directive for another version is refused rather than half-obeyed.
 * - YAML tags: the core schema's (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!map`,
 *   `!!seq`, also written `!<tag:yaml.org,2002:str>`) and the non-specific `!` are read, as they
 *   only say what the value is. Every other tag is refused: CloudFormation's `!Ref`, `!GetAtt`,
 *   `!Sub` (a YAML reader would keep only their argument), YAML 1.1's `!!timestamp`, `!!binary`,
 *   `!!set`, `!!omap`, and tags made with `%TAG`.
 * - Mapping keys are text as written (`1`, `"1"` and `true` are keys, never numbers or booleans),
 *   so a key given twice is refused even when written differently; keys that are mappings,
 *   lists or aliases are refused.
 * - Every other warning of the YAML parser (an unknown directive, an ambiguous anchor) is an
 *   error, except that a flow collection's closing bracket is not indented past its parent
 *   (a matter of layout: the value read is the same).
 * - Values, in JSON and YAML alike (see {@link valueProblems}): no lone UTF-16 surrogate, no
 *   cdktf token marker, no number that is not finite or that cdktf reads as a token.
 */
import { INPUT_LIMITS } from './input-limits';
import { findJsonSyntaxProblem } from './json-syntax';
import { locateProblems } from './source-locations';
import { lineAndColumn } from './line-positions';
import type { SpecProblem } from './spec-error';

/** The parsed value, or the problems that stop parsing (each with line and column where the file has one). */
export type ParseResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problems: readonly SpecProblem[] };

/**
 * The markers with which cdktf writes its tokens into strings (string, list and map tokens; see
 * cdktf's `tokens/private/encoding`): cdktf reads any text holding one as a reference the program
 * built, so a spec must not be able to write one.
 */
export const CDKTF_TOKEN_MARKERS = ['${TfToken[', '#{TfToken[', '&{TfToken['] as const;

/**
 * The top 16 bits (sign and exponent) of the doubles with which cdktf writes number and
 * number-list tokens (`DOUBLE_TOKEN_MARKER_BITS`, `DOUBLE_LIST_TOKEN_MARKER_BITS` in cdktf's
 * `tokens/private/encoding`): numbers near -1.9e289 and -1e298 that no spec needs.
 */
const CDKTF_NUMBER_TOKEN_BITS: readonly number[] = [0xfdff, 0xfbff];

/** The YAML 1.2 core schema's tags: read, as they only say what the value is. */
const CORE_SCHEMA_TAGS = ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((name) => `tag:yaml.org,2002:${name}`);
const CORE_SCHEMA_TAGS_TEXT = '!!str, !!int, !!float, !!bool, !!null, !!map and !!seq';

/** A tag as written: `!Ref`, `!!timestamp`, `!e!thing`, `!<tag:example.com,2000:x>`. */
const TAG_SOURCE = /!<[^>]*>|![^\s,[\]{}]*/y;

/** Parses JSON text, reporting syntax errors, repeated keys and refused values with their place. */
export function parseJsonText(text: string): ParseResult {
  const problem = findJsonSyntaxProblem(text);
  if (problem) return failed({ path: [], message: `invalid JSON: ${problem.message}`, ...lineAndColumn(text, problem.offset) });
  return checkedValue(text, JSON.parse(text));
}

/** Parses YAML text (a JSON superset), reporting syntax errors, refused tags, repeated keys, parser limits and refused values with their place. */
export function parseYamlText(text: string): ParseResult {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  const lineCounter = new YAML.LineCounter();
  const document = YAML.parseDocument(text, {
    lineCounter,
    // prettyErrors would quote the source around each error; on pathological input that alone exhausts memory.
    prettyErrors: false,
    uniqueKeys: true,
    stringKeys: true,
    // The core schema even under a `%YAML 1.1` directive (which is refused below), and no YAML 1.1 types by tag.
    schema: 'core',
    resolveKnownTags: false,
  });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const syntax = [
    ...document.errors.map((error) => ({ offset: error.pos[0], path: [], message: yamlErrorMessage(YAML, document, error) })),
    ...document.warnings.filter((warning) => !isLayoutWarning(warning)).map((warning) => yamlWarningProblem(YAML, text, document, warning)),
    ...versionDirectiveProblems(text, document),
  ].sort((a, b) => a.offset - b.offset);
  if (syntax.length) return failed(...syntax.map(({ offset, ...problem }) => ({ ...problem, ...at(offset) })));
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: INPUT_LIMITS.yamlAliases });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const alias = firstAliasOffset(YAML, document);
    return failed({
      path: [],
      message: `YAML aliases expand to more than ${INPUT_LIMITS.yamlAliases} copies (${firstLine(error.message)}); write the repeated part out or use fewer aliases`,
      ...(alias === undefined ? {} : at(alias)),
    });
  }
  const tooDeep = pathDeeperThan(value, INPUT_LIMITS.nestingDepth);
  if (tooDeep)
    return located(text, [{ path: tooDeep, message: `nested more than ${INPUT_LIMITS.nestingDepth} levels deep; that is the most this tool reads` }]);
  return checkedValue(text, value === null || value === undefined ? {} : value);
}

/**
 * What no input file may hold, whatever the field, found without recursion and in the order of
 * the file. Each would otherwise be changed or misread silently further on:
 * - a lone UTF-16 surrogate (`"\ud800"` written as an escape) is no character: writing it as
 *   UTF-8 turns it into U+FFFD;
 * - a cdktf token marker ({@link CDKTF_TOKEN_MARKERS}) would make cdktf read the text as a
 *   reference the program built, and a number with cdktf's token bits a number reference;
 * - a number that is not finite (YAML's `.inf`, `.nan`; JSON's `1e999`) has no JSON or
 *   Terraform form: it would be written as null.
 * Keys are checked as well as values (a problem in a key is placed at the key).
 */
export function valueProblems(value: unknown): SpecProblem[] {
  const problems: SpecProblem[] = [];
  // A key's problem is queued just before its value, so that problems come in file order.
  type Pending = { readonly path: Array<string | number> } & ({ readonly value: unknown } | { readonly keyProblem: string });
  const pending: Pending[] = [{ value, path: [] }];
  while (pending.length) {
    const next = pending.pop()!;
    if ('keyProblem' in next) {
      problems.push({ path: next.path, message: next.keyProblem, at: 'key' });
      continue;
    }
    const { value: current, path } = next;
    if (typeof current === 'string' || typeof current === 'number') {
      const message = scalarProblem(current);
      if (message) problems.push({ path, message });
      continue;
    }
    const entries = entriesOf(current);
    for (let index = entries.length - 1; index >= 0; index--) {
      const [key, item] = entries[index];
      pending.push({ value: item, path: [...path, key] });
      const keyProblem = typeof key === 'string' ? scalarProblem(key) : undefined;
      if (keyProblem) pending.push({ keyProblem, path: [...path, key] });
    }
  }
  return problems;
}

/** Why a string or number is refused, or `undefined`. */
function scalarProblem(value: string | number): string | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return `${value} is not a number this tool writes (JSON and Terraform have no infinity or NaN)`;
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, value);
    if (CDKTF_NUMBER_TOKEN_BITS.includes(view.getUint16(0)))
      return `${value} is a number cdktf reads as one of its tokens (a reference the program built), which the tool reserves`;
    return undefined;
  }
  const surrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.exec(value);
  if (surrogate) {
    const unit = `\\u${surrogate[0].charCodeAt(0).toString(16)}`;
    return `holds a lone UTF-16 surrogate (the escape ${unit} without the other half of its pair), which is no Unicode character and would be written as U+FFFD; write the character itself, or both halves of its surrogate pair`;
  }
  const marker = CDKTF_TOKEN_MARKERS.find((candidate) => value.includes(candidate));
  if (marker) return `contains cdktf's token marker ${marker}, which the tool reserves (cdktf would read the text as a reference the program built)`;
  return undefined;
}

/** The value, or the located problems {@link valueProblems} finds in it. */
function checkedValue(text: string, value: unknown): ParseResult {
  const problems = valueProblems(value);
  return problems.length ? located(text, problems) : { ok: true, value };
}

/** Problems placed at their fields in `text`; one about the whole value, at its first character. */
function located(text: string, problems: SpecProblem[]): ParseResult {
  const start = lineAndColumn(text, Math.max(0, text.search(/\S/)));
  return failed(...locateProblems(text, problems).map((problem) => (problem.line === undefined ? { ...problem, ...start } : problem)));
}

type YamlError = import('yaml').YAMLError;
type LocatedProblem = SpecProblem & { readonly offset: number };

function yamlErrorMessage(YAML: typeof import('yaml'), document: import('yaml').Document.Parsed, error: YamlError): string {
  if (error.code === 'RESOURCE_EXHAUSTION') return `nested too deeply for the YAML parser; at most ${INPUT_LIMITS.nestingDepth} levels are read`;
  if (error.code === 'DUPLICATE_KEY') {
    const key = keyAt(YAML, document, error.pos[0]);
    return `invalid YAML: the key ${key === undefined ? '' : `${JSON.stringify(key)} `}is given twice in one mapping; YAML readers keep only one of them (keys are read as text, so 1 and "1" are one key)`;
  }
  if (error.code === 'NON_STRING_KEY') return 'invalid YAML: a key that is a mapping, a list or an alias; keys are text: write the key itself';
  return `invalid YAML: ${firstLine(error.message)}`;
}

/** The text of the mapping key that starts at `offset`. */
function keyAt(YAML: typeof import('yaml'), document: import('yaml').Document.Parsed, offset: number): string | undefined {
  let key: string | undefined;
  YAML.visit(document, {
    Pair(_key, pair) {
      if (!YAML.isScalar(pair.key) || pair.key.range?.[0] !== offset) return undefined;
      key = String(pair.key.value);
      return YAML.visit.BREAK;
    },
  });
  return key;
}

/** The one warning that is about layout only: a flow collection's closing bracket not indented past its parent. */
function isLayoutWarning(warning: YamlError): boolean {
  return warning.code === 'BAD_INDENT';
}

/** A YAML parser warning as a problem: a tag the core schema does not read, or another ambiguity. */
function yamlWarningProblem(YAML: typeof import('yaml'), text: string, document: import('yaml').Document.Parsed, warning: YamlError): LocatedProblem {
  const offset = warning.pos[0];
  if (warning.code !== 'TAG_RESOLVE_FAILED' && warning.code !== 'BAD_COLLECTION_TYPE')
    return { offset, path: [], message: `invalid YAML: ${firstLine(warning.message)}` };
  TAG_SOURCE.lastIndex = offset;
  const tag = TAG_SOURCE.exec(text)?.[0] ?? firstLine(warning.message);
  const resolved = document.directives.tagName(tag, () => undefined);
  const path = fieldPathAt(YAML, document.contents, offset);
  if (resolved && CORE_SCHEMA_TAGS.includes(resolved))
    return { offset, path, message: `the value is tagged ${tag} but is not one; remove the tag or correct the value` };
  const renamed = resolved && resolved !== tag && !tag.startsWith('!<') && !resolved.startsWith('tag:yaml.org,2002:');
  const why = resolved?.startsWith('!')
    ? 'this is not CloudFormation — write the value itself'
    : `write the value itself (the tags read are ${CORE_SCHEMA_TAGS_TEXT})`;
  return { offset, path, message: `YAML tag ${tag}${renamed ? ` (${resolved}, by a %TAG directive)` : ''} is not supported; ${why}` };
}

/** A `%YAML` directive for a version other than 1.2 (the parser warns of versions it does not know, but would read a 1.1 file with 1.1's types). */
function versionDirectiveProblems(text: string, document: import('yaml').Document.Parsed): LocatedProblem[] {
  const { explicit, version } = document.directives.yaml;
  if (!explicit || version === '1.2') return [];
  return [
    {
      offset: Math.max(0, text.search(/^%YAML/m)),
      path: [],
      message: `the file asks for YAML ${version} (%YAML ${version}); this tool reads YAML 1.2, where yes, no, on, off, dates and 1:20 are text: remove the directive`,
    },
  ];
}

/** The field path of the node a tag at `offset` belongs to (a node's range starts after its tag). */
function fieldPathAt(YAML: typeof import('yaml'), root: unknown, offset: number): Array<string | number> {
  const path: Array<string | number> = [];
  const end = (node: unknown) => (YAML.isNode(node) && node.range ? node.range[1] : -1);
  for (let node = root; YAML.isCollection(node) && node.range && offset >= node.range[0];) {
    if (YAML.isMap(node)) {
      const pair = node.items.find((item) => Math.max(end(item.key), end(item.value)) > offset);
      if (!pair || !YAML.isScalar(pair.key)) break;
      path.push(String(pair.key.value));
      if (end(pair.key) > offset) break; // the tag is the key's
      node = pair.value;
    } else {
      const index = node.items.findIndex((item) => end(item) > offset);
      if (index === -1) break;
      path.push(index);
      node = node.items[index];
    }
  }
  return path;
}

/**
 * The path of the first mapping or list nested deeper than `limit`, found without recursion.
 * Aliases can build deep values from a shallow text, so the parsed value is what is measured.
 */
function pathDeeperThan(value: unknown, limit: number): Array<string | number> | undefined {
  const pending: Array<{ value: unknown; path: Array<string | number> }> = [{ value, path: [] }];
  while (pending.length) {
    const { value: current, path } = pending.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (path.length >= limit) return path;
    for (const [key, item] of entriesOf(current)) pending.push({ value: item, path: [...path, key] });
  }
  return undefined;
}

/** The entries of a list (by index) or a mapping (by key); none for anything else. */
function entriesOf(value: unknown): Array<[string | number, unknown]> {
  if (Array.isArray(value)) return value.map((item, index) => [index, item]);
  return value !== null && typeof value === 'object' ? Object.entries(value) : [];
}

function firstAliasOffset(YAML: typeof import('yaml'), document: import('yaml').Document): number | undefined {
  let offset: number | undefined;
  YAML.visit(document, {
    Alias(_key, node) {
      offset = node.range?.[0];
      return YAML.visit.BREAK;
    },
  });
  return offset;
}

function failed(...problems: SpecProblem[]): ParseResult {
  return { ok: false, problems };
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
