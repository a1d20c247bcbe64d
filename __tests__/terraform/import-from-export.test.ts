/**
 * The spec `import` writes for the walkthrough export adopts every resource: its synthesized root
 * has an import block for the policy, the role, each attachment, the instance profile and the
 * instance (and the role's inline policy), passes real `terraform validate` offline, and plans
 * offline with its import blocks.
 *
 * A plain `terraform plan` of the root cannot run offline: an import block makes the AWS provider
 * read the object (GetRole, GetPolicy, …), even with `-refresh=false`. Nor can a mock provider
 * import ("Cannot import resources from mock providers. Use an `override_resource` block …"),
 * so the plan is a `terraform test` run on a mock AWS provider in which every import target has
 * an `override_resource`: Terraform still plans each import block (its target, its id evaluated
 * with the partition data source, the references between the resources), but the imported
 * objects are made from the configuration and the overrides, not read from the account.
 *
 * What the plan proves is that the root with its import blocks plans, importing each resource
 * under the id of its import block and creating, changing and destroying nothing, and that the
 * references join up with the import ids (each attachment's role and policy ARN are its import
 * id, each inline policy's role and name are its; each profile carries an imported role; each
 * instance an imported profile). That the synthesized arguments equal the account's attributes,
 * so that the first apply changes nothing, is proved by the `import` command itself against the
 * export (src/cli/import-proof.ts, its no-change table), not by this plan.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadSpec } from '../../src/spec/load-spec';
import { synthesizeSpec } from '../../src/pipeline/synthesize';
import { partitionOfRegion } from '../../src/partition';
import { dnsSuffixOf } from '../../src/facts/aws-regions';
import {
  attachmentKind,
  instanceKind,
  instanceProfileKind,
  PARTITION_ADDRESS,
  partitionKind,
  policyKind,
  roleKind,
  rolePolicyKind,
} from '../../src/resource-kinds';
import { formatHcl } from '../../src/render/format-hcl';
import { hclLiteral } from '../../src/render/hcl-text';
import type { TerraformPlanJson } from '../../src/terraform';
import { offlineWorkdir, testRunPlans, useOfflineTerraform } from '../helpers/offline-terraform';
import { managedChanges, type ResourceChange } from '../helpers/terraform-plans';
import { runCli } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp-dirs';
import { ACCOUNT_EXPORT_ARGS } from '../helpers/account-export';

const terraform = useOfflineTerraform();

/** The stack of the walkthrough account. */
const STACK = 'account-111122223333';

/** The kinds the walkthrough makes, each of which the plan must import. */
const WALKTHROUGH_KINDS = [policyKind, roleKind, attachmentKind, instanceProfileKind, instanceKind].map(({ type }) => type);

/** How an import id names the partition: read from the partition data source. */
const PARTITION = `\${${PARTITION_ADDRESS}.partition}`;

interface ImportBlock {
  readonly to: string;
  readonly id: string;
}

/** A plan's resource change with the import Terraform plans for it (`terraform show -json`). */
type ImportingChange = ResourceChange & { readonly change: { readonly importing?: { readonly id: string } } };

/**
 * The `terraform test` file of the plan: a mock AWS provider whose partition data source answers
 * `partition`, an `override_resource` for every import target (a mock provider cannot import),
 * the policy's ARN being its import id (the attachments refer to it), and one plan run.
 */
function importPlanTest(imports: readonly ImportBlock[], partition: string): string {
  const dnsSuffix = dnsSuffixOf(partition);
  const lines = [
    '# Plans the import blocks offline: a mock provider, every import target overridden.',
    '',
    'mock_provider "aws" {',
    `mock_data "${partitionKind.type}" {`,
    `defaults = ${hclLiteral({ id: partition, partition, dns_suffix: dnsSuffix, reverse_dns_prefix: dnsSuffix.split('.').reverse().join('.') })}`,
    '}',
    '}',
    '',
  ];
  for (const { to, id } of imports) {
    const values = to.startsWith(`${policyKind.type}.`) ? [`values = ${hclLiteral({ arn: id.replaceAll(PARTITION, partition) })}`] : [];
    lines.push('override_resource {', `target = ${to}`, ...values, '}', '');
  }
  lines.push('run "import" {', 'command = plan', '}');
  return formatHcl(lines.join('\n'));
}

/** Where a planned import's references do not join up with the import ids of the plan. */
function referenceProblems(changes: readonly ImportingChange[]): string[] {
  const idsOf = (type: string) => changes.filter((change) => change.type === type).map((change) => change.change.importing?.id);
  const problems: string[] = [];
  for (const { address, type, change } of changes) {
    const after = change.after ?? {};
    const id = change.importing?.id;
    const wrong = (what: string) => problems.push(`${address} (import id ${id}): ${what}`);
    if (type === roleKind.type && after.name !== id) wrong(`name is ${after.name}`);
    if (type === attachmentKind.type && `${after.role}/${after.policy_arn}` !== id) wrong(`attaches ${after.policy_arn} to ${after.role}`);
    if (type === rolePolicyKind.type && `${after.role}:${after.name}` !== id) wrong(`is inline policy ${after.name} of ${after.role}`);
    if (type === instanceProfileKind.type && after.name !== id) wrong(`name is ${after.name}`);
    if (
      ([attachmentKind.type, rolePolicyKind.type, instanceProfileKind.type] as string[]).includes(type) &&
      !idsOf(roleKind.type).includes(after.role as string)
    ) {
      wrong(`role ${after.role} is not imported`);
    }
    if (type === instanceKind.type && !idsOf(instanceProfileKind.type).includes(after.iam_instance_profile as string)) {
      wrong(`instance profile ${after.iam_instance_profile} is not imported`);
    }
  }
  return problems;
}

describe('the spec imported from the walkthrough export', () => {
  let imports: ImportBlock[];
  let partition: string;
  let workdir: string;
  let initialized = false;
  /** The synthesized root with the offline provider settings, initialized (once, when a test first needs Terraform). */
  const initializedRoot = () => {
    if (!initialized) terraform().init(workdir);
    initialized = true;
    return workdir;
  };
  beforeAll(async () => {
    const cwd = tempDir('import-tf-');
    const imported = await runCli(['import', ...ACCOUNT_EXPORT_ARGS], cwd);
    if (imported.code !== 0) throw new Error(`import exited with ${imported.code}:\n${imported.stderr}`);
    const loaded = loadSpec(path.join(cwd, 'imported/spec.yaml'));
    const synthesized = synthesizeSpec(loaded);
    imports = (synthesized.roots.get(STACK) as { import: ImportBlock[] }).import;
    partition = partitionOfRegion(loaded.spec.region);
    workdir = offlineWorkdir(synthesized.files, `hcl/${STACK}`);
  });

  it('synthesizes import blocks for everything it describes, and validates offline', () => {
    expect(imports.map(({ to, id }) => `${to} ${id}`).sort()).toEqual(
      [
        `aws_iam_policy.s3_write_policy arn:${PARTITION}:iam::111122223333:policy/S3WritePolicy`,
        'aws_iam_role.s3_write_role S3WriteRole',
        `aws_iam_role_policy_attachment.s3_write_role_s3_write_policy S3WriteRole/arn:${PARTITION}:iam::111122223333:policy/S3WritePolicy`,
        'aws_iam_instance_profile.s3_write_profile S3WriteProfile',
        'aws_instance.s3_write i-0abcd1234ef567890',
        'aws_iam_role.web_server_role WebServerRole',
        'aws_iam_role_policy.web_server_role_web_server_logs WebServerRole:WebServerLogs',
        `aws_iam_role_policy_attachment.web_server_role_amazon_ssm_managed_instance_core WebServerRole/arn:${PARTITION}:iam::aws:policy/AmazonSSMManagedInstanceCore`,
        'aws_iam_instance_profile.web_server_role WebServerRole',
        'aws_instance.web_server_role i-0123456789abcdef0',
      ].sort(),
    );
    expect(terraform().validate(initializedRoot())).toMatchObject({ valid: true, error_count: 0, warning_count: 0 });
  });

  it('plans offline with its import blocks: each resource imported under its id, nothing created, changed or destroyed', () => {
    const dir = initializedRoot();
    fs.mkdirSync(path.join(dir, 'tests'));
    fs.writeFileSync(path.join(dir, 'tests/import.tftest.hcl'), importPlanTest(imports, partition));
    const plans = testRunPlans(terraform(), dir);
    expect([...plans.keys()]).toEqual(['import']);
    const plan = plans.get('import') as TerraformPlanJson;
    const changes = managedChanges(plan) as ImportingChange[];
    // Every import block, and nothing else, with its id as Terraform evaluated it.
    expect(changes.map(({ address, change }) => `${address} ${change.importing?.id}`).sort()).toEqual(
      imports.map(({ to, id }) => `${to} ${id.replaceAll(PARTITION, partition)}`).sort(),
    );
    expect([...new Set(changes.map(({ type }) => type))]).toEqual(expect.arrayContaining(WALKTHROUGH_KINDS));
    expect(changes.filter(({ change }) => change.actions.join() !== 'no-op').map(({ address, change }) => `${address} ${change.actions.join()}`)).toEqual([]);
    expect(referenceProblems(changes)).toEqual([]);
  });
});
