import { formatHcl, unwrapInterpolationOnly } from '../../src/render/format-hcl';

describe('unwrapInterpolationOnly', () => {
  it.each([
    ['role = "${aws_iam_role.x.name}"', 'role = aws_iam_role.x.name'],
    ['policy = "${jsonencode(local.doc)}"', 'policy = jsonencode(local.doc)'],
    ['v = "${lookup(var.m, "key", "${var.d}")}"', 'v = lookup(var.m, "key", var.d)'],
    ['v = "${{ a = 1 }}"', 'v = { a = 1 }'],
  ])('turns %s into a bare expression', (input, expected) => {
    expect(unwrapInterpolationOnly(input)).toBe(expected);
  });

  it.each([
    ['Service = "ec2.${data.aws_partition.current.dns_suffix}"'],
    ['r = "arn:aws:s3:::b/$${aws:username}"'],
    ['r = "$${aws:username}"'],
    ['x = "${a}${b}"'],
    ['x = "${a} "'],
    ['x = "%{if true}y%{endif}"'],
    ['name = "plain"'],
  ])('leaves %s as it is', (input) => {
    expect(unwrapInterpolationOnly(input)).toBe(input);
  });
});

describe('formatHcl', () => {
  it('indents by nesting and aligns consecutive attributes as terraform fmt does', () => {
    const input = [
      'resource "aws_instance" "x" {',
      'ami = "ami-1"',
      'iam_instance_profile = "${aws_iam_instance_profile.p.name}"',
      'tags = {',
      'Name = "x"',
      '}',
      'metadata_options {',
      'http_tokens = "required"',
      'http_put_response_hop_limit = 1',
      '}',
      '}',
    ].join('\n');
    expect(formatHcl(input)).toBe(
      [
        'resource "aws_instance" "x" {',
        '  ami                  = "ami-1"',
        '  iam_instance_profile = aws_iam_instance_profile.p.name',
        '  tags = {',
        '    Name = "x"',
        '  }',
        '  metadata_options {',
        '    http_tokens                 = "required"',
        '    http_put_response_hop_limit = 1',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('puts exactly one blank line between top-level blocks and none inside them', () => {
    expect(formatHcl('terraform {\n\n\na = 1\n\n}\nprovider "aws" {\n}\n\n\n\noutput "o" {\nvalue = 1\n}')).toBe(
      'terraform {\n  a = 1\n}\n\nprovider "aws" {\n}\n\noutput "o" {\n  value = 1\n}\n',
    );
  });

  it('does not count brackets inside strings', () => {
    expect(formatHcl('locals {\nx = "{["\ny = 2\n}')).toBe('locals {\n  x = "{["\n  y = 2\n}\n');
  });
});
