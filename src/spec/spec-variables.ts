/**
 * Module variables in a spec: `{{var.<name>}}` in any string of a profile (listed or a fleet's
 * template) is filled with the variable's value — its default, else its example — so that the
 * checks and access proofs read concrete values; each use is recorded with its template, so the
 * module generator can put the Terraform variable back in its place.
 */
import { describeValue, SchemaIssue } from './schema-kit';
import { closest } from '../text/closest';
import { isPlainObject } from '../text/plain-object';
import type { VariableSpec, VariableType } from './spec-schema';
import { conditionProblem } from './validation-condition';

/** `{{var.bucket}}`, spaces inside the braces allowed. */
const PLACEHOLDER = /\{\{\s*var\.([A-Za-z0-9_]+)\s*\}\}/g;
/** {@link PLACEHOLDER} without the global flag, for a test that keeps no state. */
const ONE_PLACEHOLDER = new RegExp(PLACEHOLDER.source);

/** One field filled from variables. */
export interface VariableUse {
  /** Where, from the spec root: `["profiles", 0, "role", "name"]`, or a fleet item's field. */
  readonly fieldPath: ReadonlyArray<string | number>;
  /** The field as written, e.g. `"{{var.team}}-writer"`. */
  readonly template: string;
  /** The variables it names, in order, without repeats. */
  readonly names: readonly string[];
  /** The field is one placeholder and nothing else: it takes the variable's value as it is (a list, a map, a number). */
  readonly whole: boolean;
}

/** The value the checks see for a variable: its default, else its example. */
export function valueOfVariable(variable: VariableSpec): unknown {
  return variable.default !== undefined ? variable.default : variable.example;
}

/** Whether `value` has the variable's Terraform type. */
export function hasVariableType(value: unknown, type: VariableType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'bool':
      return typeof value === 'boolean';
    case 'list(string)':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'map(string)':
      return isPlainObject(value) && Object.values(value).every((item) => typeof item === 'string');
  }
}

/** Problems with the declarations themselves: values of the wrong type, no value to check with. */
export function checkVariableDeclarations(variables: Readonly<Record<string, VariableSpec>>): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  for (const [name, variable] of Object.entries(variables)) {
    for (const field of ['default', 'example'] as const) {
      const value = variable[field];
      if (value !== undefined && value !== null && !hasVariableType(value, variable.type)) {
        issues.push({ path: ['variables', name, field], message: `${describeValue(value)} is not a ${variable.type}` });
      }
    }
    variable.validation.forEach((validation, i) => {
      const problem =
        conditionProblem(validation.condition, name) ??
        (new RegExp(`\\bvar\\.${name}\\b`).test(validation.condition) ? undefined : `must refer to var.${name}`);
      if (problem) issues.push({ path: ['variables', name, 'validation', i, 'condition'], message: problem });
    });
  }
  return issues;
}

/** The problems {@link fillVariables} found, told apart from the schema's (see isVariableProblem). */
const variableProblems = new WeakSet<SchemaIssue>();

/** Whether a problem is about a placeholder (rather than about the field it is in). */
export function isVariableProblem(issue: SchemaIssue): boolean {
  return variableProblems.has(issue);
}

/**
 * Whether `path` is a profile's `instance` mapping: `["profiles", 3, "instance"]` or a fleet
 * item's `["fleets", 0, "items", 17, "instance"]`.
 */
function isInstanceMapping(path: ReadonlyArray<string | number>): boolean {
  const profile = path.slice(0, -1);
  const isProfile = (profile.length === 2 && profile[0] === 'profiles') || (profile.length === 4 && profile[0] === 'fleets' && profile[2] === 'items');
  return isProfile && path[path.length - 1] === 'instance';
}

/**
 * Returns `value` with every placeholder filled, recording each use in `uses` and each problem
 * (an undeclared variable, one with no value, a list or map inside a longer string, a
 * placeholder in a mapping key) in `issues`.
 *
 * A field of a profile's `instance` whose placeholders fill it with the empty string is left
 * out, as if not written (a literal `""` stays, for the field's rule to refuse): `existingId: "{{var.log_shipper}}"` with `log_shipper: ""` in an
 * environment launches a new instance there, and an empty `ami`, `instanceType` or `subnetId`
 * means the field's default. The use is still recorded, so the module keeps the input.
 */
export function fillVariables(
  value: unknown,
  fieldPath: ReadonlyArray<string | number>,
  variables: Readonly<Record<string, VariableSpec>>,
  uses: VariableUse[],
  issues: SchemaIssue[],
): unknown {
  const declared = Object.keys(variables);
  const problem = (path: ReadonlyArray<string | number>, message: string) => {
    const issue = { path, message };
    variableProblems.add(issue);
    issues.push(issue);
  };
  // The path of the node being visited; copied only where a use or a problem records it. A
  // mapping or list whose entries all stay as they are is returned as it is.
  const at: Array<string | number> = [...fieldPath];
  const fillString = (text: string): unknown => {
    if (!text.includes('{{')) return text;
    const path = [...at];
    const names = [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]))];
    if (!names.length) return text;
    const whole = new RegExp(`^${PLACEHOLDER.source}$`).test(text);
    let usable = true;
    for (const name of names) {
      const variable = variables[name];
      if (!variable) {
        const hint = closest(name, declared);
        problem(path, `uses {{var.${name}}}, which is not declared under variables${hint ? ` (did you mean "${hint}"?)` : ''}`);
        usable = false;
      } else if (valueOfVariable(variable) === undefined) {
        problem(path, `uses {{var.${name}}}, which has neither a default nor an example: the checks and access proofs need a value`);
        usable = false;
      } else if (!whole && (variable.type === 'list(string)' || variable.type === 'map(string)')) {
        problem(path, `uses the ${variable.type} variable ${name} inside a longer string; a list or a map fills a whole field`);
        usable = false;
      }
    }
    if (!usable) return text;
    uses.push({ fieldPath: path, template: text, names, whole });
    if (whole) return structuredClone(valueOfVariable(variables[names[0]]));
    return text.replace(PLACEHOLDER, (_, name: string) => String(valueOfVariable(variables[name])));
  };
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') return fillString(node);
    if (Array.isArray(node)) {
      let changed = false;
      const filled = node.map((item, i) => {
        at.push(i);
        const value = visit(item);
        at.pop();
        changed ||= value !== item;
        return value;
      });
      return changed ? filled : node;
    }
    if (!isPlainObject(node)) return node;
    const unsetWhenEmpty = isInstanceMapping(at);
    let changed = false;
    const entries: Array<[string, unknown]> = [];
    for (const [key, child] of Object.entries(node)) {
      at.push(key);
      if (hasPlaceholder(key)) problem([...at], 'a mapping key cannot hold a {{var.…}} placeholder; use one in the value');
      const filled = visit(child);
      at.pop();
      if (unsetWhenEmpty && filled === '' && typeof child === 'string' && hasPlaceholder(child)) changed = true;
      else {
        changed ||= filled !== child;
        entries.push([key, filled]);
      }
    }
    return changed ? Object.fromEntries(entries) : node;
  };
  return visit(value);
}

/** Whether a string holds a `{{var.…}}` placeholder. */
export function hasPlaceholder(text: string): boolean {
  return text.includes('{{') && ONE_PLACEHOLDER.test(text);
}

/** Replaces each placeholder of `template` by what `replacement` gives for the variable's name. */
export function replacePlaceholders(template: string, replacement: (name: string) => string): string {
  return template.replace(PLACEHOLDER, (_, name: string) => replacement(name));
}

/** Places outside profiles and fleet templates that hold a placeholder (where it would stay literal). */
export function misplacedPlaceholders(input: Record<string, unknown>): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const visit = (node: unknown, path: Array<string | number>): void => {
    if (typeof node === 'string' && hasPlaceholder(node)) {
      issues.push({ path, message: 'holds a {{var.…}} placeholder, which only profiles and fleet templates take' });
    } else if (Array.isArray(node)) node.forEach((item, i) => visit(item, [...path, i]));
    else if (isPlainObject(node)) for (const [key, child] of Object.entries(node)) visit(child, [...path, key]);
  };
  for (const [key, value] of Object.entries(input)) {
    if (key === 'profiles' || key === 'variables') continue;
    if (key === 'fleets' && Array.isArray(value)) {
      value.forEach(
        (fleet, f) => isPlainObject(fleet) && Object.entries(fleet).forEach(([field, child]) => field !== 'template' && visit(child, [key, f, field])),
      );
      continue;
    }
    visit(value, [key]);
  }
  return issues;
}
