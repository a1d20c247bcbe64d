import { App, Fn, TerraformOutput, Token } from 'cdktf';
import { escapeLiteralText, functionArgument, LiteralTextStack, terraformExpression } from '../../src/constructs/literal-text';
import { conditionProblem } from '../../src/spec/validation-condition';
import { SpecError } from '../../src/spec/spec-error';
import { interpolate } from '../../src/stack-model/interpolation';
import { synthesize } from '../../src/pipeline/synthesize';
import { defaultSpec, FIXTURES, synthSpec } from '../helpers/synth';
import { parseSpec } from '../../src/spec/load-spec';

describe('the escaping boundary', () => {
  it('escapes template sequences of text, keys included, and keeps the references the tool built', () => {
    const reference = terraformExpression('var.team');
    expect(escapeLiteralText({ 'k${x}': `a ${reference} \${path.cwd} %{if true}x%{endif}` })).toEqual({
      'k$${x}': `a ${reference} $\${path.cwd} %%{if true}x%%{endif}`,
    });
  });

  it('writes a $ or % just before a reference as an expression, so that the reference stays live', () => {
    const reference = terraformExpression('var.price');
    expect(escapeLiteralText(`cost $${reference}`)).toBe(`cost \${"$"}${reference}`);
    expect(escapeLiteralText(`100%${reference}`)).toBe(`100\${"%"}${reference}`);
  });

  it("escapes what cdktf's functions do not: quotes, backslashes, directives, and keys", () => {
    const stack = new LiteralTextStack(new App(), 'functions');
    const tags = terraformExpression('var.tags');
    const team = terraformExpression('var.team');
    new TerraformOutput(stack, 'merged', {
      value: Fn.merge([
        functionArgument({ 'a${b}': 'say "hi" \\ ${x} %{x}', mixed: `t-${team}-"q"`, joined: `t-${team}-\${x}`, price: `$${team}`, whole: team }),
        Token.asStringMap(tags),
      ]),
    });
    const output = (stack.toTerraform() as { output: Record<string, { value: string }> }).output.merged.value;
    expect(output).toBe(
      '${merge({"a$${b}" = "say \\"hi\\" \\\\ $${x} %%{x}", "mixed" = "t-${var.team}-\\"q\\"", "joined" = join("", ["t-", var.team, "-$${x}"]), "price" = join("", ["$", var.team]), "whole" = var.team}, var.tags)}',
    );
  });

  it('is the only way text becomes code: a plain string with ${ is written escaped in the stack', () => {
    const spec = defaultSpec();
    spec.profiles[0].role.description = 'cwd ${path.cwd} %{if true}x%{endif}';
    const { config } = synthSpec(spec);
    const role = Object.values(config.resource.aws_iam_role)[0];
    expect(role.description).toBe('cwd $${path.cwd} %%{if true}x%%{endif}');
    // The tool's own references stay live.
    expect(JSON.stringify(role.assume_role_policy)).toContain('${jsonencode(local.');
  });

  it('reads escaped text back as the literal text, keys included, for the checks', () => {
    expect(interpolate({ 'a$${b}': 'c$${d} %%{e}' }, { partition: {}, locals: {} })).toEqual({ 'a${b}': 'c${d} %{e}' });
  });
});

describe("a module variable's validation condition", () => {
  it.each([
    ['length(var.team) <= 20'],
    ['startswith(var.team, "team-")'],
    ['alltrue([for s in var.team : length(s.name) > 0])'],
    ['var.team != "$${literal}"'],
  ])('may read its own variable: %s', (condition) => {
    expect(conditionProblem(condition, 'team')).toBeUndefined();
  });

  it.each([
    ['file("/etc/hostname") != var.team', /calls file\(\), which reads the machine/],
    ['var.team != path.cwd', /refers to path\.…/],
    ['var.team != var.other', /refers to var\.other/],
    ['provider::aws::arn_parse(var.team) != null', /provider-defined function/],
    ['var.team != "${path.cwd}"', /template sequence/],
    ['var.team != "%{if true}x%{endif}"', /template sequence/],
    ['var.team != <<EOT\nx\nEOT', /heredoc/],
    ['var.team != "open', /no closing quote/],
  ])('may read nothing else: %s', (condition, reason) => {
    expect(conditionProblem(condition, 'team')).toMatch(reason);
  });

  it('is refused in a spec, located at the condition', () => {
    const spec = {
      ...defaultSpec(),
      variables: {
        team: {
          type: 'string',
          description: 'Team.',
          default: 'a',
          validation: [{ condition: 'var.team != file("/etc/passwd")', message: 'No.', rejects: 'b' }],
        },
      },
    };
    expect(() => parseSpec(spec, 'spec.yaml', FIXTURES)).toThrow(/variables\.team\.validation\[0\]\.condition: calls file\(\)/);
  });
});

describe('backend settings', () => {
  it.each([
    [{ type: 's3', bucket: 'state-b', key: 'x/${path.cwd}' }, 'backend.key'],
    [{ type: 'local', path: 'state/%{if true}x%{endif}.tfstate' }, 'backend.path'],
    [{ type: 'cloud', organization: 'acme-${x}' }, 'backend.organization'],
  ])('refuse template sequences, which Terraform refuses there: %j', (backend, field) => {
    const spec = { ...defaultSpec(), backend };
    let error: unknown;
    try {
      parseSpec(spec, 'spec.yaml', FIXTURES);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).message).toContain(`${field}: `);
    expect((error as SpecError).message).toContain('Terraform takes backend settings literally and refuses templates there');
  });
});

describe('tag order', () => {
  it('is the same in HCL and JSON, whatever order the spec gives', () => {
    const spec = defaultSpec();
    const hclOf = (tags: Record<string, string>) => {
      spec.profiles[0].role.tags = tags;
      const files = synthesize(parseSpec(spec, 'spec.yaml', FIXTURES));
      return [...files].filter(([file]) => /\.tf(\.json)?$/.test(file)).map(([, content]) => content);
    };
    expect(hclOf({ b: '1', a: '2', '10': 'x', '9': 'y' })).toEqual(hclOf({ '9': 'y', a: '2', '10': 'x', b: '1' }));
    expect(Token.isUnresolved(terraformExpression('var.x'))).toBe(true);
  });
});
