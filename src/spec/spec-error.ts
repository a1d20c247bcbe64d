/** A located problem in a spec: which file, which field, what is wrong. */
export interface SpecProblem {
  /** Field path segments, e.g. `["profiles", 0, "role", "name"]`; empty for the whole file. */
  readonly path: ReadonlyArray<string | number>;
  /** What is wrong, what was given and what is allowed. */
  readonly message: string;
  /** 1-based line in the spec file, where known. */
  readonly line?: number;
  /** 1-based column in the spec file, where known. */
  readonly column?: number;
  /** Locate the problem at the field's key rather than its value (an unknown or misplaced field). @default - at the value */
  readonly at?: 'key';
}

/**
 * A Terraform address as the first segment of a path (`aws_instance.web`,
 * `module.writer.aws_iam_role.this["a"]`, `provider.aws`): the path then points into Terraform
 * rather than into a spec. No spec field is named like that.
 */
export const TERRAFORM_ADDRESS = /^(?:module\.[\w-]+(?:\[[^\]]+\])?\.)*(?:aws_[a-z0-9_]+\.[\w-]+(?:\[[^\]]+\])?|provider\.aws)$/;

/** Renders a field path the way users write it: `profiles[0].role.name`, or `aws_instance.web.metadata_options.http_tokens` in Terraform. */
export function formatFieldPath(path: ReadonlyArray<string | number>): string {
  const terraform = typeof path[0] === 'string' && TERRAFORM_ADDRESS.test(path[0]);
  let text = terraform ? String(path[0]) : '';
  for (const segment of terraform ? path.slice(1) : path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (segment === '*')
      text += '[*]'; // every element
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) text += text ? `.${segment}` : segment;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** Invalid input: a spec (or a file it names) that cannot be synthesized. Carries every problem found. */
export class SpecError extends Error {
  constructor(
    /** The spec file as the user named it, or `<built-in default>`. */
    readonly file: string,
    readonly problems: readonly SpecProblem[],
  ) {
    super(problems.map((problem) => formatProblem(file, problem)).join('\n'));
    this.name = 'SpecError';
  }
}

/** One line per problem: `file:line:col: field.path: message`. */
export function formatProblem(file: string, problem: SpecProblem): string {
  const location = problem.line ? `${file}:${problem.line}:${problem.column ?? 1}` : file;
  const field = formatFieldPath(problem.path);
  return `${location}: ${field ? `${field}: ` : ''}${problem.message}`;
}
