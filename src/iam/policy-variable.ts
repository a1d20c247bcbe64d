/**
 * Policy variables in policy strings (Version 2012-10-17): `${aws:username}`, with an optional
 * default (`${aws:PrincipalTag/team, 'company-wide'}`), and the escapes `${*}`, `${?}`, `${$}`
 * for literal `*`, `?` and `$`. The syntax rules are those IAM Access Analyzer reports as errors
 * ("Missing brace in variable", "Empty variable", "Unsupported space in variable", "Missing
 * quote in variable").
 */

/** The escapes IAM defines for characters that are otherwise special. */
const ESCAPES = ['*', '?', '$'];

/** Whether the text holds a policy variable (`${` starts one). */
export function hasPolicyVariable(text: string): boolean {
  return text.includes('${');
}

/** The text without its policy variables (for looking at what is literal). */
export function withoutPolicyVariables(text: string): string {
  return text.replace(/\$\{[^}]*\}/g, '');
}

/** What is wrong with the policy variables of `text`, or `undefined` when they are well formed. */
export function policyVariableProblem(text: string): string | undefined {
  let from = 0;
  for (;;) {
    const start = text.indexOf('${', from);
    if (start === -1) return undefined;
    const end = text.indexOf('}', start);
    if (end === -1) return `the policy variable at "${text.slice(start)}" has no closing "}"`;
    const problem = variableProblem(text.slice(start + 2, end));
    if (problem) return `"\${${text.slice(start + 2, end)}}": ${problem}`;
    from = end + 1;
  }
}

function variableProblem(inner: string): string | undefined {
  if (inner.trim() === '') return 'the variable is empty; name a key inside ${…}, e.g. ${aws:username}';
  if (ESCAPES.includes(inner)) return undefined;
  const comma = inner.indexOf(',');
  const name = comma === -1 ? inner : inner.slice(0, comma);
  if (/\s/.test(name)) return 'a variable name has no spaces';
  if (comma === -1) return undefined;
  const fallback = inner.slice(comma + 1).trim();
  if (!/^'[^']*'$/.test(fallback)) return `the default value must be in single quotes after ", ", e.g. \${${name}, 'default'}`;
  return undefined;
}
