/**
 * Terraform JSON in the layout `cdktf synth` writes: object keys sorted by UTF-16 code units,
 * two spaces of indentation, one member or item per line, the brackets of an empty object or
 * list on two lines, members whose value is `undefined` left out and `undefined` list items
 * written as `null`. For plain data (resolved Terraform JSON): no `toJSON`, no cycles.
 */
type Json = undefined | null | boolean | number | string | Json[] | { [key: string]: Json };

export function canonicalJson(value: unknown): string {
  return write(value as Json, '\n') ?? 'null';
}

/** `newline` is a line break and the indentation of the line the value starts on. */
function write(value: Json, newline: string): string | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = newline + '  ';
  let body = '';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) body += (i ? ',' : '') + inner + (write(value[i], inner) ?? 'null');
    return '[' + body + newline + ']';
  }
  for (const key of Object.keys(value).sort()) {
    const member = write(value[key], inner);
    if (member !== undefined) body += (body ? ',' : '') + inner + JSON.stringify(key) + ': ' + member;
  }
  return '{' + body + newline + '}';
}

/**
 * The value {@link canonicalJson} writes, as data: object keys sorted, members whose value is
 * `undefined` left out, `undefined` list items as `null`. Reading the written JSON back gives an
 * equal value, so what synthesis wrote can be passed along instead of parsed again.
 */
export function canonicalValue<T = unknown>(value: unknown): T {
  return sorted(value as Json) as T;
}

function sorted(value: Json): Json {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : sorted(item)));
  const result: { [key: string]: Json } = {};
  for (const key of Object.keys(value).sort()) if (value[key] !== undefined) result[key] = sorted(value[key]);
  return result;
}
