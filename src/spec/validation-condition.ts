/**
 * A module variable's validation condition is the one piece of Terraform a spec writes
 * (`startswith(var.bucket, "team-")`). It is evaluated wherever the module is planned, so it
 * may read its own variable and nothing of the machine: no filesystem function, no `path.*`,
 * `terraform.*` or other object, no provider-defined function, and no template sequence in its
 * strings (which would be one more expression). Anything else Terraform's own grammar decides.
 */

/**
 * Terraform's filesystem functions (https://developer.hashicorp.com/terraform/language/functions,
 * "Filesystem Functions" and the file hash functions), and `templatestring`, which evaluates a
 * template: each reads the machine that plans, or runs text as code.
 */
const MACHINE_READING_FUNCTIONS: ReadonlySet<string> = new Set([
  'abspath',
  'basename',
  'dirname',
  'pathexpand',
  'file',
  'fileexists',
  'fileset',
  'filebase64',
  'templatefile',
  'templatestring',
  'filemd5',
  'filesha1',
  'filesha256',
  'filesha512',
  'filebase64sha256',
  'filebase64sha512',
]);

/** Conditions longer than this are refused before they are scanned (Terraform's own are a line or two). */
export const MAX_CONDITION_LENGTH = 4096;

/** Why `condition` (over `var.<variable>`) may not be written into the module, or undefined when it may. */
export function conditionProblem(condition: string, variable: string): string | undefined {
  if (condition.length > MAX_CONDITION_LENGTH) return `is ${condition.length} characters; at most ${MAX_CONDITION_LENGTH} allowed`;
  const code = withoutStrings(condition);
  if (typeof code !== 'string') return code.problem;
  if (/<</.test(code)) return 'uses a heredoc; write the string in quotes';
  const bound = new Set(
    [...code.matchAll(/\bfor\s+([A-Za-z_][\w-]*)\s*(?:,\s*([A-Za-z_][\w-]*)\s*)?\bin\b/g)].flatMap((match) => match.slice(1).filter(Boolean)),
  );
  for (const match of code.matchAll(/(?<![\w.-])([A-Za-z_][\w-]*)\s*(::|\(|\.)/g)) {
    const [, name, after] = match;
    if (after === '::') return `calls the provider-defined function ${name}::…; only Terraform's built-in functions are allowed`;
    if (after === '(' && MACHINE_READING_FUNCTIONS.has(name))
      return `calls ${name}(), which reads the machine that plans the module; a condition may read only var.${variable}`;
    if (after === '.' && name !== 'var' && !bound.has(name)) return `refers to ${name}.…; a condition may read only var.${variable}`;
  }
  for (const match of code.matchAll(/\bvar\.([A-Za-z_][\w-]*)/g)) {
    if (match[1] !== variable) return `refers to var.${match[1]}; a condition may read only var.${variable}`;
  }
  return undefined;
}

/**
 * The condition with the text of its quoted strings blanked out (the quotes kept), or the
 * problem a string has: a template sequence in it, or no closing quote.
 */
function withoutStrings(condition: string): string | { readonly problem: string } {
  let code = '';
  let index = 0;
  while (index < condition.length) {
    const char = condition[index];
    if (char !== '"') {
      code += char;
      index++;
      continue;
    }
    let end = index + 1;
    while (end < condition.length && condition[end] !== '"') {
      if (condition[end] === '\\') end++;
      else if (/[$%]\{/.test(condition.slice(end, end + 2))) {
        return {
          problem: `has a template sequence (${condition.slice(end, end + 2)}) in a string; a condition's strings are literal text (write $\${ or %%{ for the characters)`,
        };
      } else if (/[$%][$%]\{/.test(condition.slice(end, end + 3))) end += 2;
      end++;
    }
    if (end >= condition.length) return { problem: 'has a string with no closing quote' };
    code += '""';
    index = end + 1;
  }
  return code;
}
