/**
 * Renders synthesized Terraform JSON as HCL. Which attributes are nested blocks comes from the
 * provider bindings (`blockShapesOf`); everything else follows the Terraform language: a
 * string that is one `${…}` interpolation becomes a bare expression, `ignore_changes`,
 * `depends_on` and `import.to` hold bare references, and variable types are type expressions.
 * The result is laid out by `formatHcl`, so it is `terraform fmt`-clean.
 */
import type { BlockShape, BlockShapes } from '../constructs/block-shapes';
import { formatHcl, skipTemplate } from './format-hcl';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const NO_BLOCKS: BlockShape = {};
const LIFECYCLE: BlockShape = { precondition: {}, postcondition: {} };

export function renderHcl(config: JsonObject, shapes: BlockShapes, options: RenderOptions = {}): string {
  const out: string[] = [];
  const section = (key: string) => (config[key] ?? {}) as JsonObject;

  if (config.terraform) renderTerraformBlock(out, config.terraform as JsonObject);
  for (const [name, value] of Object.entries(section('variable'))) block(out, `variable "${name}"`, value as JsonObject, VARIABLE_SHAPE, 'variable');
  if (config.locals) block(out, 'locals', config.locals as JsonObject, NO_BLOCKS, 'locals');
  for (const [name, configs] of Object.entries(section('provider'))) {
    for (const value of configs as JsonObject[]) block(out, `provider "${name}"`, value, shapes.get(`provider.${name}`) ?? NO_BLOCKS);
  }
  for (const kind of ['data', 'resource'] as const) {
    for (const [type, byName] of Object.entries(section(kind))) {
      const shape = { ...shapes.get(`${kind}.${type}`), lifecycle: LIFECYCLE };
      for (const [name, value] of Object.entries(byName as JsonObject)) block(out, `${kind} "${type}" "${name}"`, value as JsonObject, shape, 'resource');
    }
  }
  for (const [name, value] of Object.entries(section('module'))) block(out, `module "${name}"`, value as JsonObject, NO_BLOCKS);
  for (const [name, value] of Object.entries(section('output'))) block(out, `output "${name}"`, value as JsonObject, NO_BLOCKS);
  for (const value of (config.import ?? []) as JsonObject[]) block(out, 'import', value, NO_BLOCKS, 'import');
  // A move reads from where to where, whatever order the JSON has.
  for (const { from, to } of (config.moved ?? []) as JsonObject[]) block(out, 'moved', { from, to }, NO_BLOCKS, 'moved');
  const formatted = formatHcl(out.join('\n'));
  return options.header ? `${options.header.map((line) => `# ${line}`.trimEnd()).join('\n')}\n\n${formatted}` : formatted;
}

/** How {@link renderHcl} renders. */
export interface RenderOptions {
  /** Comment lines above the configuration (without `#`). @default - none */
  readonly header?: readonly string[];
}

/** Attributes whose JSON strings are references or type expressions in HCL. */
type Context = 'resource' | 'variable' | 'locals' | 'import' | 'moved' | undefined;

const VARIABLE_SHAPE: BlockShape = { validation: {} };

function renderTerraformBlock(lines: string[], terraform: JsonObject): void {
  lines.push('terraform {');
  if (typeof terraform.required_version === 'string') lines.push(`required_version = ${value(terraform.required_version)}`);
  const providers = terraform.required_providers as JsonObject | undefined;
  if (providers) {
    lines.push('required_providers {');
    // The source first, as the registry's modules write it.
    for (const [name, { source, ...rest }] of Object.entries(providers as Record<string, JsonObject>))
      lines.push(`${key(name)} = ${value({ source, ...rest })}`);
    lines.push('}');
  }
  for (const [type, settings] of Object.entries((terraform.backend ?? {}) as JsonObject)) {
    block(lines, `backend "${type}"`, settings as JsonObject, NO_BLOCKS);
  }
  if (terraform.cloud) block(lines, 'cloud', terraform.cloud as JsonObject, { workspaces: {} });
  lines.push('}', '');
}

/** Appends a block and its nested blocks to `lines`. */
function block(lines: string[], header: string, body: JsonObject, shape: BlockShape, context?: Context): void {
  if (Object.entries(body).every(([name, item]) => name === '//' || item === undefined)) {
    lines.push(`${header} {}`, '');
    return;
  }
  lines.push(`${header} {`);
  for (const [name, item] of Object.entries(body)) {
    if (name === '//' || item === undefined) continue;
    if (name in shape && item !== null && typeof item === 'object') {
      for (const entry of Array.isArray(item) ? item : [item]) block(lines, name, entry as JsonObject, shape[name], nestedContext(name, context));
    } else {
      lines.push(`${key(name)} = ${attributeValue(name, item, context)}`);
    }
  }
  lines.push('}', '');
}

function nestedContext(name: string, context: Context): Context {
  return name === 'lifecycle' ? 'resource' : context === 'variable' ? 'variable' : undefined;
}

/** Characters up to which a list of references stays on one line. */
const MAX_INLINE_LIST = 80;

function attributeValue(name: string, item: Json, context: Context): string {
  const bare = (text: Json) => String(text);
  if (context === 'resource' && (name === 'ignore_changes' || name === 'depends_on') && Array.isArray(item)) {
    const inline = `[${item.map(bare).join(', ')}]`;
    // A long list reads one entry per line, as terraform fmt keeps it.
    return inline.length <= MAX_INLINE_LIST ? inline : `[\n${item.map((entry) => `${bare(entry)},`).join('\n')}\n]`;
  }
  if (context === 'resource' && name === 'provider' && typeof item === 'string') return item;
  if (context === 'import' && name === 'to' && typeof item === 'string') return item;
  if (context === 'moved' && (name === 'from' || name === 'to') && typeof item === 'string') return item;
  if (context === 'variable' && name === 'type' && typeof item === 'string') return item;
  // A tag map's keys are data: in the order the JSON has them (sorted), whatever order the spec gave.
  if (name === 'tags' && item !== null && typeof item === 'object' && !Array.isArray(item)) {
    return value(item, true);
  }
  return value(item);
}

/** An HCL expression for a JSON value; with `sorted`, an object's keys in sorted order (as the JSON has them). */
function value(item: Json, sorted = false): string {
  if (item === null) return 'null';
  if (typeof item === 'string') return stringExpression(item);
  if (typeof item !== 'object') return String(item);
  if (Array.isArray(item)) return item.length ? `[\n${item.map((entry) => `${value(entry)},`).join('\n')}\n]` : '[]';
  const entries = sorted
    ? Object.keys(item)
        .sort()
        .map((name) => [name, item[name]] as const)
    : Object.entries(item);
  return entries.length ? `{\n${entries.map(([name, entry]) => `${key(name)} = ${value(entry)}`).join('\n')}\n}` : '{}';
}

/**
 * A Terraform JSON string is a template with the same meaning as a quoted HCL template: the
 * literal parts get HCL's escapes, the `${…}` and `%{…}` sequences are expressions and are
 * copied as they are. (`formatHcl` then unwraps strings that are one interpolation.)
 */
function stringExpression(text: string): string {
  let out = '"';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') {
      out += text.slice(i, i + 3);
      i += 3;
    } else if ((c === '$' || c === '%') && text[i + 1] === '{') {
      const close = skipTemplate(text, i + 2);
      out += text.slice(i, close + 1);
      i = close + 1;
    } else {
      out += ESCAPES[c] ?? (c < ' ' ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c);
      i++;
    }
  }
  return out + '"';
}

const ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function key(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) ? name : JSON.stringify(name);
}
