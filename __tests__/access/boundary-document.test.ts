/**
 * A customer-managed permissions boundary made elsewhere, as most organisations have them: given
 * by its ARN and its document, the proofs apply it and the access table shows its deciding
 * statement; given by its ARN alone, the run says how to give the document.
 */
import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';
import { runCli } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp-dirs';

const BOUNDARY_ARN = 'arn:aws:iam::111111111111:policy/PlatformBoundary';

/** A log-writer spec in account 111111111111 whose role has the boundary; `document` is its permissionsBoundaryDocument. */
function writeSpec(document?: unknown): string {
  const cwd = tempDir('boundary-');
  const spec = {
    stack: 'logs',
    region: 'eu-west-1',
    accountId: '111111111111',
    profiles: [
      {
        policies: [
          {
            name: 'AppLogWrite',
            document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:PutObject'], Resource: ['arn:aws:s3:::acme-logs-prod/*'] }] },
          },
        ],
        role: { name: 'AppLogWriterRole', permissionsBoundary: BOUNDARY_ARN, ...(document === undefined ? {} : { permissionsBoundaryDocument: document }) },
        instance: { ami: 'ami-0123456789abcdef0', monitoring: true },
        expectations: [{ allow: 'put s3://acme-logs-prod/app/x' }, { deny: 'put s3://acme-logs-prod/other/x' }],
      },
    ],
  };
  fs.writeFileSync(path.join(cwd, 'spec.yaml'), stringify(spec));
  // The boundary lets the role write under app/ only.
  fs.writeFileSync(
    path.join(cwd, 'boundary.json'),
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'AppPrefixOnly', Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::acme-logs-prod/app/*' }],
    }),
  );
  return cwd;
}

describe('a customer-managed permissions boundary made elsewhere', () => {
  it('given by its document (file://), is applied by the proofs, which show its deciding statement; Terraform refers to it by ARN only', async () => {
    const cwd = writeSpec('file://boundary.json');
    const { code, stdout } = await runCli(['synth', 'spec.yaml', '-o', 'out'], cwd);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /ok +put s3:\/\/acme-logs-prod\/app\/x +allow +allowed +AppLogWrite statement 0, permissions boundary PlatformBoundary Sid AppPrefixOnly/,
    );
    // The policy allows the whole bucket; the boundary denies what is outside app/.
    expect(stdout).toMatch(/ok +put s3:\/\/acme-logs-prod\/other\/x +deny +implicitly denied +not allowed by permissions boundary PlatformBoundary/);
    const hcl = fs.readFileSync(path.join(cwd, 'out', 'hcl', 'logs', 'main.tf'), 'utf8');
    expect(hcl).toContain(`permissions_boundary = "${BOUNDARY_ARN}"`);
    expect(hcl).not.toContain('AppPrefixOnly');
  });

  it('given by its ARN alone, cannot be evaluated, and the message says how to give its document', async () => {
    const cwd = writeSpec();
    const { code, stderr } = await runCli(['synth', 'spec.yaml', '-o', 'out'], cwd);
    expect(code).toBe(1);
    expect(stderr).toContain(
      `cannot evaluate: policy ${BOUNDARY_ARN} is not in this stack; give its document beside its ARN (role.permissionsBoundaryDocument: file://boundary.json, or the document inline) so that the proofs apply it`,
    );
    expect(fs.existsSync(path.join(cwd, 'out'))).toBe(false);
  });
});
