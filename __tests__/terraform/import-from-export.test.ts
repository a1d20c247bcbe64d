/**
 * The spec `import` writes for the walkthrough export adopts every resource: its synthesized root
 * has an import block for the policy, the role, each attachment, the instance profile and the
 * instance, and passes real `terraform validate` offline. Planning the imports needs AWS
 * (Terraform reads the real objects), so the proof offline is validate (docs/adoption.md).
 */
import * as path from 'path';
import { loadSpec } from '../../src/spec/load-spec';
import { synthesizeSpec } from '../../src/pipeline/synthesize';
import { offlineWorkdir, useOfflineTerraform } from '../helpers/offline-terraform';
import { runCli } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp-dirs';
import { ACCOUNT_EXPORT_ARGS } from '../helpers/account-export';

const terraform = useOfflineTerraform();

describe('the spec imported from the walkthrough export', () => {
  it('synthesizes import blocks for everything it describes, and validates offline', async () => {
    const cwd = tempDir('import-tf-');
    const imported = await runCli(['import', ...ACCOUNT_EXPORT_ARGS], cwd);
    expect(imported.code).toBe(0);
    const synthesized = synthesizeSpec(loadSpec(path.join(cwd, 'imported/spec.yaml')));
    const root = synthesized.roots.get('account-111122223333') as { import: Array<{ to: string; id: string }> };
    const partition = '${data.aws_partition.current.partition}';
    expect(root.import.map(({ to, id }) => `${to} ${id}`).sort()).toEqual(
      [
        `aws_iam_policy.s3_write_policy arn:${partition}:iam::111122223333:policy/S3WritePolicy`,
        'aws_iam_role.s3_write_role S3WriteRole',
        `aws_iam_role_policy_attachment.s3_write_role_s3_write_policy S3WriteRole/arn:${partition}:iam::111122223333:policy/S3WritePolicy`,
        'aws_iam_instance_profile.s3_write_profile S3WriteProfile',
        'aws_instance.s3_write i-0abcd1234ef567890',
        'aws_iam_role.web_server_role WebServerRole',
        `aws_iam_role_policy_attachment.web_server_role_amazon_ssm_managed_instance_core WebServerRole/arn:${partition}:iam::aws:policy/AmazonSSMManagedInstanceCore`,
        'aws_iam_instance_profile.web_server_role WebServerRole',
        'aws_instance.web_server_role i-0123456789abcdef0',
      ].sort(),
    );
    const dir = offlineWorkdir(synthesized.files, 'hcl/account-111122223333');
    terraform().init(dir);
    expect(terraform().validate(dir)).toMatchObject({ valid: true, error_count: 0, warning_count: 0 });
  });
});
