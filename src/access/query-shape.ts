/**
 * The shape of an access query: the query with each of a fleet item's values replaced by a
 * placeholder. The items of a fleet share a template, so their queries mostly differ by the
 * item's values alone; queries of one shape share one decision (`shared-decisions.ts`) when
 * each of them, separately, satisfies the conditions below. A query outside them is decided
 * alone (its shape says why).
 *
 * ## The conditions
 *
 * The values replaced are the item's *atoms*: its values for the fields the template fills that
 * are not empty and contain no other of them (in any case; `team7-bucket` holds `team7`, so it
 * is the atom `team7` and the literal `-bucket`); equal values are one atom. A value occurs in a string where the string
 * holds it in any case. Every string of the query counts: principal, action, resource, account,
 * context keys and values, policy ids and every key and leaf of every policy document.
 *
 * 1. `charset`: each atom that occurs is ASCII of `[A-Za-z0-9._+=@-]` (no `:`, `/`, `*`, `?`,
 *    `$`, `{`, `}`, space), and every string it occurs in is printable ASCII.
 * 2. `collision`: every occurrence of an atom is exact (same case) and no two occurrences overlap,
 *    so the placeholders are exactly where the values are, and nothing else in the query equals
 *    a value in another case (`StringEqualsIgnoreCase` on a literal `ALPHA` and a value `alpha`).
 * 3. `positions`: atoms occur only in the request principal and resource after the ARN's fifth
 *    colon, in context values, in a policy's `Resource`/`NotResource` entries after the fifth
 *    colon, in `Arn…` condition values after the fifth colon and in `String…` condition values;
 *    never inside `${…}`, never in anything else (actions, keys, operators, `Principal`, `Sid`,
 *    `Effect`, the values of `Numeric…`, `Date…`, `Bool`, `IpAddress`, `Binary`, `Null`); and a
 *    context key whose value holds an atom is named by no condition of another operator family
 *    than `String…`/`Arn…` (`Null` only tests presence).
 * 4. `wildcardFreeRequest`: the request's principal and resource hold no `*` or `?`.
 * 5. `unresolvedVariables`: no policy variable of a `Resource`/`NotResource` entry or a
 *    `String…`/`Arn…` condition value resolves: each `${key}` names a key the context does not
 *    hold (any case) and has no default (`${*}`, `${?}` and `${$}` are literal characters).
 * 6. `patternOverlap`: every literal piece of every such pattern (the text between `*`, `?`,
 *    `${…}`, and for `Resource` entries and `Arn…` values also the first five colons) that occurs
 *    in what the pattern is matched with (the request's resource for a `Resource` entry, the
 *    context value of its key for a condition value), in any case, covering part of an atom
 *    there covers that atom whole.
 * 7. `constantOverlap`: the literal text iam-simulate compares the principal and resource with
 *    (`arn:`, `amazonaws.com`, `:role/`, `:user/`, `:assumed-role/`, `:federated-user/`,
 *    `policy/`, `role/aws-reserved/`, `key/`, `alias/aws/`, `assumed-role/`) and the literal runs
 *    of the resource part of iam-data's ARN formats for the action (`role/` in
 *    `role/${RoleNameWithPath}`) overlap no atom of the principal or resource.
 * 8. `lengths`: when a pattern holds `?`, or an ARN format of the action has two variables in a
 *    row, the atoms' lengths are part of the shape.
 * Errors are never shared (`shared-decisions.ts`).
 *
 * ## Why queries of one shape have one decision
 *
 * Take two queries Q1, Q2 of one shape that each satisfy the conditions, and σ the map from
 * Q1's atoms to Q2's (one per field: equal shapes have their placeholders in the same places,
 * and atoms are the values that contain no other, so σ is a bijection on atoms). Q2 is Q1 with
 * every atom a replaced by σ(a), and with σ⁻¹ the other way; it is enough that every observation
 * iam-simulate (pinned in package.json, with iam-utils and iam-policy; read for 0.1.173) makes of
 * a query has the same result on Q1 and on σ(Q1):
 *
 * - It splits strings at `:` and `/` (ARN parts, the product segment, principal types) and at
 *   `, ` in variables: atoms hold none of them (1), so every split is at the same place of the
 *   shape, and the parts before the fifth colon are the same text in both (3).
 * - It looks up actions, services, context keys, condition operators and set qualifiers, reads
 *   `Effect`, `Sid`, statement positions and policy ids, and parses numbers, dates, IP addresses
 *   and booleans: none of them holds an atom (3), so all are the same in both.
 * - It tests whether a context key exists (keys hold no atom, 3) and resolves policy variables,
 *   none of which resolves (5), so an unresolved variable never matches in both.
 * - It compares strings of the query with each other and with its own literals (a `Resource`
 *   entry with the request's resource, a condition's values with its key's value, `Principal`
 *   entries with the principal): equality, case-
 *   insensitive equality (regex `i`, `localeCompare` at accent sensitivity: for printable ASCII
 *   both are ASCII case folding, 1), prefixes and suffixes, and wildcard patterns (`*`, `?`,
 *   iam-data's `${Var}`, which matches one character or more, never `:` or `/` when it is a
 *   whole ARN part). Each is a set of literal pieces placed in the subject string, in order, with
 *   wildcards between them. A piece taken from the query that covers part of an atom covers it
 *   whole (6), and there it holds the atom in some case, which is the atom exactly and one of its
 *   own placeholders (2); a literal of iam-simulate or iam-data covers no part of an atom (7).
 *   So in any match every placeholder of a piece sits on a placeholder of the subject and every
 *   other character on the same character; replacing a by σ(a) on both sides keeps the match,
 *   the wildcards between pieces taking up any change of length: `*` takes any length, `${Var}`
 *   any length from one (an atom is never empty), and `?` exactly one, which is why its
 *   patterns have the lengths in the shape (8). The request has no wildcard (4), so it is never
 *   matched as a pattern itself. The same holds with σ⁻¹, so the match exists for both or
 *   neither.
 * - The outcome (decision, deciding policies by id, Sid and position, ignored context keys)
 *   holds no atom (3), so it is the outcome of both, word for word.
 *
 * The argument reads iam-simulate's code; `__tests__/access/shared-decisions.test.ts` compares
 * shared and one-by-one decisions on adversarial and random fleets and fails on an upgrade of
 * iam-simulate, iam-utils or iam-policy until {@link ARGUED_FOR} names the new versions: that
 * test is the gate for every upgrade. At run time the second query of each shape is decided as
 * well and compared (`shared-decisions.ts`).
 */
import type { AccessQuery, SimulatedPolicy } from '../iam/simulator';
import { isPlainObject } from '../text/plain-object';

/** The versions of the cloud-copilot packages whose code the argument above was read from, by package name without its scope (the differential test checks them). */
export const ARGUED_FOR: Readonly<Record<string, string>> = {
  'iam-simulate': '0.1.173',
  'iam-utils': '0.1.82',
  'iam-policy': '0.1.109',
};

/** A fleet item's values by field, as the spec gives them. */
export type ItemValues = Readonly<Record<string, string>>;

/** The conditions of the module comment, by name. */
export interface ShapeConditions {
  readonly charset: boolean;
  readonly collision: boolean;
  readonly positions: boolean;
  readonly wildcardFreeRequest: boolean;
  readonly unresolvedVariables: boolean;
  readonly patternOverlap: boolean;
  readonly constantOverlap: boolean;
  readonly lengths: boolean;
}

/** One of the conditions. */
export type ShapeCondition = keyof ShapeConditions;

/** Every condition on: what sharing is sound under. Switching one off is for the differential test only. */
export const SOUND_CONDITIONS: ShapeConditions = {
  charset: true,
  collision: true,
  positions: true,
  wildcardFreeRequest: true,
  unresolvedVariables: true,
  patternOverlap: true,
  constantOverlap: true,
  lengths: true,
};

/** A query's shape: the key queries that share a decision have in common, or why it is decided alone. */
export type QueryShape = { readonly key: string; readonly alone?: undefined } | { readonly alone: string; readonly key?: undefined };

/** The literal text iam-simulate (0.1.173, with iam-utils 0.1.82) compares a request's principal or resource with. */
const SIMULATOR_LITERALS = [
  'arn:',
  'amazonaws.com',
  ':role/',
  ':user/',
  ':assumed-role/',
  ':federated-user/',
  'policy/',
  'role/aws-reserved/',
  'key/',
  'alias/aws/',
  'assumed-role/',
];

const ATOM_CHARACTERS = /^[A-Za-z0-9._+=@-]+$/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** The operators whose values are compared as text, by family (lower case, without qualifier and `IfExists`). */
const TEXT_OPERATORS: ReadonlyMap<string, 'string' | 'arn'> = new Map([
  ...['stringequals', 'stringnotequals', 'stringequalsignorecase', 'stringnotequalsignorecase', 'stringlike', 'stringnotlike'].map(
    (name) => [name, 'string'] as const,
  ),
  ...['arnequals', 'arnnotequals', 'arnlike', 'arnnotlike'].map((name) => [name, 'arn'] as const),
]);

/** What the simulator does with a string of the query. */
type Role =
  /** Looked up or compared whole: no atom may occur. */
  | 'fixed'
  /** The request's principal or resource: atoms after the fifth colon. */
  | 'request'
  /** A context value: atoms anywhere. */
  | 'context'
  /** A policy's `Resource`/`NotResource` entry, or an `Arn…` condition value: a pattern, atoms after the fifth colon. */
  | 'arn-pattern'
  /** A `String…` condition value: a pattern, atoms anywhere. */
  | 'string-pattern';

interface Atom {
  readonly field: string;
  readonly value: string;
  readonly lower: string;
  readonly marker: string;
}

interface Occurrence {
  readonly start: number;
  readonly end: number;
  readonly atom: Atom;
}

/** A string of the query as read: where atoms occur in it, and its text with placeholders. */
interface ReadText {
  readonly lower: string;
  readonly occurrences: readonly Occurrence[];
  readonly shaped: string;
}

/** A pattern of a policy: what it is matched with, its literal pieces (lower case) and variables. */
interface Pattern {
  /** The request's resource, for a `Resource`/`NotResource` entry; else the condition's key, in lower case. */
  readonly against: { readonly resource: true; readonly key?: undefined } | { readonly key: string; readonly resource?: undefined };
  /** The literal pieces in lower case; an ARN pattern's with the part (0 to 5, 5 the resource part) they are matched in. */
  readonly pieces: ReadonlyArray<{ readonly text: string; readonly part?: number }>;
  readonly variables: ReadonlyArray<{ readonly key: string; readonly hasDefault: boolean }>;
  readonly hasQuestionMark: boolean;
}

/** What a policy document gives every query it is in, read once per profile. */
interface ReadPolicies {
  readonly shaped: string;
  readonly violations: readonly Violation[];
  readonly patterns: readonly Pattern[];
  /** Condition keys (lower case) of operators that do not compare text (`Null` aside). */
  readonly nonTextKeys: ReadonlySet<string>;
  readonly atoms: ReadonlySet<Atom>;
}

interface Violation {
  readonly condition: ShapeCondition;
  readonly reason: string;
}

/**
 * The shapes of the queries of one profile: its item's values are read once, and so are its
 * policies (the queries of a profile share their documents).
 */
export class ProfileShapes {
  private readonly atoms: readonly Atom[];
  private readonly policies = new Map<readonly SimulatedPolicy[], Array<{ readonly query: AccessQuery; readonly read: ReadPolicies }>>();

  /** `values` are the profile's fleet item values; none for a profile of no fleet (its queries share only with identical ones). */
  constructor(
    values: ItemValues = {},
    private readonly conditions: ShapeConditions = SOUND_CONDITIONS,
  ) {
    this.atoms = atomsOf(values);
  }

  /**
   * The shape of a query of this profile. `resourceTypePatterns` are the ARN formats of the
   * resource types of its action (`resourceTypePatternsOf`).
   */
  shapeOf(query: AccessQuery, resourceTypePatterns: readonly string[]): QueryShape {
    const policies = this.readPolicies(query);
    const violations: Violation[] = [...policies.violations];
    const principal = this.read(query.principal, 'request', violations);
    const resource = this.read(query.resource, 'request', violations);
    const fixed = [query.action, query.resourceAccount].map((text) => this.read(text, 'fixed', violations));
    const contextKeys = Object.keys(query.context);
    const keys = contextKeys.map((key) => this.read(key, 'fixed', violations));
    const values = contextKeys.map((key) => this.read(query.context[key], 'context', violations));
    const texts = [principal, resource, ...fixed, ...keys, ...values];
    const occurring = new Set(policies.atoms);
    for (const text of texts) for (const occurrence of text.occurrences) occurring.add(occurrence.atom);
    const key = JSON.stringify([principal.shaped, fixed[0].shaped, resource.shaped, fixed[1].shaped, keys.map((k) => k.shaped), values.map((v) => v.shaped)]);
    // A query with no value in it shares only with queries equal to it.
    if (!occurring.size) return { key: `${key}${policies.shaped}` };

    for (const atom of occurring) {
      if (!ATOM_CHARACTERS.test(atom.value))
        violations.push({ condition: 'charset', reason: `the value ${JSON.stringify(atom.value)} of ${atom.field} is not plain text` });
    }
    contextKeys.forEach((name, i) => {
      if (values[i].occurrences.length && policies.nonTextKeys.has(name.toLowerCase())) {
        violations.push({ condition: 'positions', reason: `context key ${name} holds an item value and a condition compares it as other than text` });
      }
    });
    for (const text of [principal, resource]) {
      if (/[*?]/.test(text.lower)) violations.push({ condition: 'wildcardFreeRequest', reason: 'the request holds a wildcard' });
    }
    const contextKeySet = new Set(contextKeys.map((name) => name.toLowerCase()));
    for (const pattern of policies.patterns) {
      for (const variable of pattern.variables) {
        if (variable.hasDefault || contextKeySet.has(variable.key)) {
          violations.push({ condition: 'unresolvedVariables', reason: `the policy variable \${${variable.key}} resolves` });
        }
      }
    }
    const lowerKeys = contextKeys.map((name) => name.toLowerCase());
    for (const pattern of policies.patterns) {
      const { key: against } = pattern.against;
      const subjects = (against === undefined ? [resource] : values.filter((_, i) => lowerKeys[i] === against)).filter((subject) => subject.occurrences.length);
      for (const piece of pattern.pieces) {
        const cut = subjects.find((subject) => {
          const part = piece.part === undefined ? { from: 0, to: subject.lower.length } : partOf(subject.lower, piece.part);
          return part !== undefined && cutsAnAtom(piece.text, subject, part, true);
        });
        if (cut)
          violations.push({
            condition: 'patternOverlap',
            reason: `the pattern piece ${JSON.stringify(piece.text)} covers part of an item value in ${cut.shaped}`,
          });
      }
    }
    const typeRuns = resourceTypePatterns.flatMap((format) => literalRuns(resourcePart(format)));
    const constants: ReadonlyArray<readonly [string, readonly ReadText[]]> = [
      ...SIMULATOR_LITERALS.map((literal) => [literal, [principal, resource]] as const),
      ...typeRuns.map((run) => [run.toLowerCase(), [resource]] as const),
    ];
    for (const [literal, against] of constants) {
      if (against.some((subject) => subject.occurrences.length && cutsAnAtom(literal, subject, { from: 0, to: subject.lower.length }, false))) {
        violations.push({ condition: 'constantOverlap', reason: `the simulator's literal ${JSON.stringify(literal)} meets an item value` });
      }
    }
    const binding = violations.find((violation) => this.conditions[violation.condition]);
    if (binding) return { alone: binding.reason };

    const needsLengths =
      policies.patterns.some((pattern) => pattern.hasQuestionMark) || resourceTypePatterns.some((format) => /\}\$\{/.test(resourcePart(format)));
    const lengths =
      needsLengths && this.conditions.lengths
        ? `|${[...occurring]
            .map((atom) => `${atom.field}=${atom.value.length}`)
            .sort()
            .join(',')}`
        : '';
    return { key: `${key}${policies.shaped}${lengths}` };
  }

  /** The policies of a query, read once per profile: its queries share the lists and documents of its role. */
  private readPolicies(query: AccessQuery): ReadPolicies {
    let seen = this.policies.get(query.identityPolicies);
    if (!seen) this.policies.set(query.identityPolicies, (seen = []));
    const same = seen.find((entry) => entry.query.boundary === query.boundary && entry.query.resourcePolicy === query.resourcePolicy);
    if (same) return same.read;
    const read = this.readDocuments(query);
    seen.push({ query, read });
    return read;
  }

  private readDocuments(query: AccessQuery): ReadPolicies {
    const violations: Violation[] = [];
    const patterns: Pattern[] = [];
    const nonTextKeys = new Set<string>();
    const atoms = new Set<Atom>();
    const visit = (node: unknown, role: Role, against: Pattern['against'] = { resource: true }): unknown => {
      if (typeof node === 'string') {
        const text = this.read(node, role, violations);
        for (const occurrence of text.occurrences) atoms.add(occurrence.atom);
        if (role === 'arn-pattern' || role === 'string-pattern') patterns.push(patternOf(node, role, against, text, violations));
        return text.shaped;
      }
      if (Array.isArray(node)) return node.map((item) => visit(item, role, against));
      if (isPlainObject(node))
        return Object.fromEntries(Object.entries(node).map(([key, child]) => [this.read(key, 'fixed', violations).shaped, visit(child, role, against)]));
      if (node !== null && node !== undefined) this.read(String(node), 'fixed', violations);
      return node;
    };
    const statement = (node: unknown): unknown => {
      if (!isPlainObject(node)) return visit(node, 'fixed');
      return Object.fromEntries(
        Object.entries(node).map(([key, child]) => {
          const shapedKey = this.read(key, 'fixed', violations).shaped;
          if (key === 'Resource' || key === 'NotResource') return [shapedKey, visit(child, 'arn-pattern')];
          if (key === 'Condition' && isPlainObject(child)) return [shapedKey, condition(child)];
          return [shapedKey, visit(child, 'fixed')];
        }),
      );
    };
    const condition = (operators: Record<string, unknown>): unknown =>
      Object.fromEntries(
        Object.entries(operators).map(([operator, byKey]) => {
          const family = TEXT_OPERATORS.get(baseOperator(operator));
          if (family === undefined && isPlainObject(byKey) && baseOperator(operator) !== 'null') {
            for (const key of Object.keys(byKey)) nonTextKeys.add(key.toLowerCase());
          }
          const valueRole: Role = family === 'string' ? 'string-pattern' : family === 'arn' ? 'arn-pattern' : 'fixed';
          const shapedOperator = this.read(operator, 'fixed', violations).shaped;
          if (!isPlainObject(byKey)) return [shapedOperator, visit(byKey, 'fixed')];
          return [
            shapedOperator,
            Object.fromEntries(
              Object.entries(byKey).map(([key, values]) => [this.read(key, 'fixed', violations).shaped, visit(values, valueRole, { key: key.toLowerCase() })]),
            ),
          ];
        }),
      );
    const document = (node: unknown): unknown => {
      if (!isPlainObject(node)) return visit(node, 'fixed');
      return Object.fromEntries(
        Object.entries(node).map(([key, child]) => [
          this.read(key, 'fixed', violations).shaped,
          key === 'Statement' ? (Array.isArray(child) ? child.map(statement) : statement(child)) : visit(child, 'fixed'),
        ]),
      );
    };
    const policy = (given: SimulatedPolicy | undefined) => given && [this.read(given.id, 'fixed', violations).shaped, document(given.document)];
    const shaped = JSON.stringify([query.identityPolicies.map(policy), policy(query.boundary) ?? null, policy(query.resourcePolicy) ?? null]);
    return { shaped, violations, patterns, nonTextKeys, atoms };
  }

  /**
   * Where the atoms occur in `text`, and the text with placeholders (NUL characters of the text
   * doubled, so that no text reads as a placeholder); records what breaks the conditions of its role.
   */
  private read(text: string, role: Role, violations: Violation[]): ReadText {
    const lower = text.toLowerCase();
    const found: Occurrence[] = [];
    for (const atom of this.atoms) {
      for (let at = lower.indexOf(atom.lower); at >= 0; at = lower.indexOf(atom.lower, at + 1)) found.push({ start: at, end: at + atom.lower.length, atom });
    }
    if (!found.length) return { lower, occurrences: [], shaped: literal(text) };
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    const occurrences: Occurrence[] = [];
    let end = 0;
    for (const occurrence of found) {
      const exact = text.startsWith(occurrence.atom.value, occurrence.start);
      if (!exact || occurrence.start < end) {
        violations.push({
          condition: 'collision',
          reason: `${JSON.stringify(text)} holds ${JSON.stringify(occurrence.atom.value)} in another case or overlapping another value`,
        });
        continue;
      }
      occurrences.push(occurrence);
      end = occurrence.end;
    }
    if (!PRINTABLE_ASCII.test(text))
      violations.push({ condition: 'charset', reason: `${JSON.stringify(text)} holds an item value and is not printable ASCII` });
    if (role === 'fixed') {
      violations.push({ condition: 'positions', reason: `${JSON.stringify(text)} holds an item value where the simulator looks up or compares whole` });
    } else if (role === 'request' || role === 'arn-pattern') {
      const after = afterFifthColon(text);
      if (occurrences.some((occurrence) => occurrence.start < after)) {
        violations.push({ condition: 'positions', reason: `${JSON.stringify(text)} holds an item value before its ARN's resource part` });
      }
    }
    let shaped = '';
    let from = 0;
    for (const occurrence of occurrences) {
      shaped += literal(text.slice(from, occurrence.start)) + occurrence.atom.marker;
      from = occurrence.end;
    }
    return { lower, occurrences, shaped: shaped + literal(text.slice(from)) };
  }
}

/** Text as it stands in a shape: its NUL characters doubled (a placeholder is a NUL, the field as JSON, a NUL). */
function literal(text: string): string {
  return text.includes('\u0000') ? text.replace(/\u0000/g, '\u0000\u0000') : text;
}

/** The atoms of an item: its non-empty values that hold no other of them (in any case), one per value, named by its first field. */
function atomsOf(values: ItemValues): Atom[] {
  const byValue = new Map<string, string>();
  for (const field of Object.keys(values).sort()) {
    const value = values[field];
    if (typeof value === 'string' && value !== '' && !byValue.has(value)) byValue.set(value, field);
  }
  const distinct = [...byValue.keys()];
  return distinct
    .filter((value) => !distinct.some((other) => other !== value && value.toLowerCase().includes(other.toLowerCase()) && other.length < value.length))
    .map((value) => ({ field: byValue.get(value)!, value, lower: value.toLowerCase(), marker: `\u0000${JSON.stringify(byValue.get(value))}\u0000` }));
}

/** `ForAnyValue:StringLikeIfExists` → `stringlike`. */
function baseOperator(operator: string): string {
  const lower = operator.toLowerCase();
  const unqualified = lower.slice(lower.indexOf(':') + 1);
  return unqualified.endsWith('ifexists') ? unqualified.slice(0, -'ifexists'.length) : unqualified;
}

/** The index after the fifth colon of `text` (its ARN's resource part), or its length when it has fewer. */
function afterFifthColon(text: string): number {
  let at = -1;
  for (let colon = 0; colon < 5; colon++) {
    at = text.indexOf(':', at + 1);
    if (at < 0) return text.length + 1;
  }
  return at + 1;
}

/** The resource part of an ARN format (after its fifth colon). */
function resourcePart(format: string): string {
  const after = afterFifthColon(format);
  return after > format.length ? '' : format.slice(after);
}

/** The literal runs of an ARN format between its `${Variable}`s. */
function literalRuns(format: string): string[] {
  return format.split(/\$\{[^}]*\}/).filter((run) => run !== '');
}

/**
 * A pattern's literal pieces, variables and `?`, tokenized as iam-simulate does (`*`, `?` and
 * `${…}` up to the next `}`); ARN patterns are cut at their first five colons too. An atom inside
 * a variable breaks `positions`.
 */
function patternOf(text: string, role: Role, against: Pattern['against'], read: ReadText, violations: Violation[]): Pattern {
  const pieces: Array<{ text: string; part?: number }> = [];
  const variables: Array<{ key: string; hasDefault: boolean }> = [];
  let hasQuestionMark = false;
  let colons = 0;
  let start = 0;
  const cut = (end: number) => {
    if (end > start) pieces.push({ text: read.lower.slice(start, end), part: role === 'arn-pattern' ? colons : undefined });
  };
  for (let i = 0; i < text.length;) {
    const character = text[i];
    if (character === '*' || character === '?' || (character === ':' && role === 'arn-pattern' && colons < 5)) {
      if (character === '?') hasQuestionMark = true;
      cut(i);
      if (character === ':') colons++;
      start = ++i;
    } else if (character === '$' && text[i + 1] === '{' && text.indexOf('}', i + 2) >= 0) {
      const end = text.indexOf('}', i + 2);
      const inside = text.slice(i + 2, end);
      if (!['*', '?', '$'].includes(inside)) {
        const [key, ...rest] = inside.split(',');
        variables.push({ key: key.trim().toLowerCase(), hasDefault: rest.length > 0 });
      }
      if (read.occurrences.some((occurrence) => occurrence.start < end + 1 && occurrence.end > i)) {
        violations.push({ condition: 'positions', reason: `${JSON.stringify(text)} holds an item value inside a policy variable` });
      }
      cut(i);
      start = i = end + 1;
    } else i++;
  }
  cut(text.length);
  return { against, pieces, variables, hasQuestionMark };
}

/**
 * Whether `piece` occurs in `subject` (in any case) within `part` of it over part of an atom's
 * occurrence there: over some of it but not all of it, or, when `wholeIsFine` is false, over any of it.
 */
function cutsAnAtom(piece: string, subject: ReadText, part: { readonly from: number; readonly to: number }, wholeIsFine: boolean): boolean {
  for (let at = subject.lower.indexOf(piece, part.from); at >= 0 && at + piece.length <= part.to; at = subject.lower.indexOf(piece, at + 1)) {
    const end = at + piece.length;
    for (const occurrence of subject.occurrences) {
      if (occurrence.start >= end || occurrence.end <= at) continue;
      if (!wholeIsFine || occurrence.start < at || occurrence.end > end) return true;
    }
  }
  return false;
}

/** Where part `index` of an ARN is in `text` (0 to 4 between its first five colons, 5 the rest); undefined when it has fewer parts. */
function partOf(text: string, index: number): { from: number; to: number } | undefined {
  let from = 0;
  for (let colon = 0; colon < index; colon++) {
    const at = text.indexOf(':', from);
    if (at < 0) return undefined;
    from = at + 1;
  }
  if (index === 5) return { from, to: text.length };
  const to = text.indexOf(':', from);
  return to < 0 ? undefined : { from, to };
}
