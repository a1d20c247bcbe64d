import { renderHcl } from '../../src/render/render-hcl';

describe('renderHcl', () => {
  it('renders nested blocks from the block shapes and attributes as expressions', () => {
    const hcl = renderHcl(
      {
        resource: {
          aws_instance: {
            web: {
              '//': { metadata: { path: 'x' } },
              ami: 'ami-1',
              iam_instance_profile: '${aws_iam_instance_profile.p.name}',
              tags: { Name: 'web', 'cost:center': '1' },
              metadata_options: { http_tokens: 'required' },
              lifecycle: { prevent_destroy: true, ignore_changes: ['ami', 'user_data'] },
            },
          },
        },
      },
      new Map([['resource.aws_instance', { metadata_options: {} }]]),
    );
    expect(hcl).toBe(
      [
        'resource "aws_instance" "web" {',
        '  ami                  = "ami-1"',
        '  iam_instance_profile = aws_iam_instance_profile.p.name',
        '  tags = {',
        '    Name          = "web"',
        '    "cost:center" = "1"',
        '  }',
        '  metadata_options {',
        '    http_tokens = "required"',
        '  }',
        '  lifecycle {',
        '    prevent_destroy = true',
        '    ignore_changes  = [ami, user_data]',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('escapes literal text but keeps interpolations and escaped template sequences as they are', () => {
    const hcl = renderHcl(
      {
        locals: {
          doc: { Resource: 'arn:aws:s3:::b/$${aws:username}/*', Note: 'say "hi"\\n', Check: '${regex("^a\\\\w", var.x)}' },
        },
      },
      new Map(),
    );
    expect(hcl).toContain('Resource = "arn:aws:s3:::b/$${aws:username}/*"');
    expect(hcl).toContain('Note     = "say \\"hi\\"\\\\n"');
    expect(hcl).toContain('Check    = regex("^a\\\\w", var.x)');
  });

  it('writes import targets and variable types as bare expressions', () => {
    const hcl = renderHcl(
      {
        variable: { tags: { type: 'map(string)', default: {} } },
        import: [{ to: 'aws_instance.web', id: 'i-0123456789abcdef0' }],
      },
      new Map(),
    );
    expect(hcl).toContain('  type    = map(string)');
    expect(hcl).toContain('  to = aws_instance.web\n  id = "i-0123456789abcdef0"');
  });
});
