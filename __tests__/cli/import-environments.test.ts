import * as fs from 'fs';
import * as path from 'path';
import { loadSpec } from '../../src/spec/load-spec';
import { synthesizeSpec } from '../../src/pipeline/synthesize';
import { runCli } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp-dirs';
import { ACCOUNT, ACCOUNT_EXPORT_ARGS, ENVIRONMENT_EXPORT_ARGS } from '../helpers/account-export';

describe('import of one export per environment', () => {
  it('writes one spec: the shared profile once with variables where the accounts differ, the other limited to its environment', async () => {
    const cwd = tempDir('import-env-');
    const { code, stdout, stderr } = await runCli(['import', ...ENVIRONMENT_EXPORT_ARGS], cwd);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain('imported 2 instance profiles of accounts 111122223333 (dev), 444455556666 (prod): S3WriteProfile and WebServerRole');
    expect(stdout).toContain('no change on import');
    expect(stdout).toContain('  - prod: role AWSServiceRoleForSupport is service-linked; left out');
    const loaded = loadSpec(path.join(cwd, 'imported/spec.yaml'));
    expect(loaded.spec.environments).toMatchObject({
      dev: { accountId: '111122223333', variables: { s3_write_profile_instance: 'i-0abcd1234ef567890' } },
      prod: { accountId: '444455556666', variables: { s3_write_profile_instance: 'i-0bbbbccccddddeeee' } },
    });
    const text = fs.readFileSync(path.join(cwd, 'imported/spec.yaml'), 'utf8');
    expect(text).toContain('existingId: "{{var.s3_write_profile_instance}}"');
    expect(text).toContain('Resource: "{{var.s3_write_profile_statement_resource}}"');
    expect(text).toMatch(/- environments:\n {6}- dev\n {4}adopt: true\n {4}role:\n {6}name: WebServerRole/);
    const synthesized = synthesizeSpec(loaded);
    const importsOf = (stack: string) =>
      (synthesized.roots.get(stack) as { import: Array<{ to: string; id: string }> }).import.map(({ to, id }) => `${to} ${id}`).sort();
    expect(importsOf('accounts-prod')).toEqual([
      'aws_iam_instance_profile.s3_write_profile S3WriteProfile',
      'aws_iam_policy.s3_write_policy arn:${data.aws_partition.current.partition}:iam::444455556666:policy/S3WritePolicy',
      'aws_iam_role.s3_write_role S3WriteRole',
      'aws_iam_role_policy_attachment.s3_write_role_s3_write_policy S3WriteRole/arn:${data.aws_partition.current.partition}:iam::444455556666:policy/S3WritePolicy',
      'aws_instance.s3_write i-0bbbbccccddddeeee',
    ]);
    expect(importsOf('accounts-dev')).toHaveLength(10);
    expect(importsOf('accounts-dev')).toContain('aws_iam_role_policy.web_server_role_web_server_logs WebServerRole:WebServerLogs');
  });

  it('refuses two environments of one account, one environment alone, and both ways of naming the export', async () => {
    const cwd = tempDir('import-env-');
    const auth = path.join(ACCOUNT, 'authorization-details.json');
    const twice = await runCli(['import', '--environment', `dev=${auth}`, '--environment', `prod=${auth}`], cwd);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain("is the export of account 111122223333, as environment dev's is: give each environment its own account's export");
    const alone = await runCli(['import', '--environment', `dev=${auth}`], cwd);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--environment is for several accounts');
    const both = await runCli(['import', ...ACCOUNT_EXPORT_ARGS, '--environment', `dev=${auth}`], cwd);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give --authorization-details (one account) or --environment name=file per account, not both');
    expect(fs.existsSync(path.join(cwd, 'imported'))).toBe(false);
  });
});

describe('import with the list of instance profiles', () => {
  it('lists the profile that holds no role, which the authorization details cannot show', async () => {
    const cwd = tempDir('import-orphan-');
    const { code, stdout } = await runCli(['import', ...ACCOUNT_EXPORT_ARGS, '--inventory', path.join(ACCOUNT, 'list-instance-profiles.json')], cwd);
    expect(code).toBe(0);
    expect(stdout).toContain('  - instance profile OrphanedProfile holds no role; left out');
    expect(fs.readFileSync(path.join(cwd, 'imported/spec.yaml'), 'utf8')).toContain('#   aws iam list-instance-profiles: ');
  });
});
