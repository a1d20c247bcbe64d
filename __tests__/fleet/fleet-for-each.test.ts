import * as fs from 'fs';
import * as path from 'path';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { validateSpec } from '../../src/pipeline/validate-spec';
import { parseSpec } from '../../src/spec/load-spec';
import { SpecError } from '../../src/spec/spec-error';
import { synthesizeSpec } from '../../src/pipeline/synthesize';
import { runCli } from '../helpers/run-cli';
import { FIXTURES } from '../helpers/synth';
import { tempDir } from '../helpers/temp-dirs';
import { ACCESS_EXPECTATION_RULE } from '../../src/access/findings';
import type { Finding } from '../../src/checks/finding';
import type { AttachmentResource, InstanceProfileResource, PolicyResource } from '../../src/stack-model/stack-model';

type Fleet = { name?: string; template: Record<string, any>; items: Array<Record<string, string>> };

function fleetSpec(count: number, extra: Record<string, unknown> = {}): { stack: string; fleets: Fleet[] } & Record<string, unknown> {
  return {
    stack: 'fleet',
    fleets: [
      {
        name: 'writers',
        template: {
          policies: [
            {
              name: '{{team}}-write',
              document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::{{bucket}}/*' }] },
            },
          ],
          role: { name: '{{team}}-writer' },
          instance: { ami: 'ami-0123456789abcdef0' },
          expectations: [{ allow: 'put s3://{{bucket}}/probe' }],
        },
        items: Array.from({ length: count }, (_, i) => ({ team: `team${i}`, bucket: `team${i}-bucket` })),
      },
    ],
    ...extra,
  };
}

const synth = (input: unknown) => synthesizeSpec(parseSpec(input, 'fleet.yaml', FIXTURES));

describe('a fleet as for_each', () => {
  const { files, stacks, notes } = synth(fleetSpec(3));
  const root = files.get('json/fleet/main.tf.json')!;
  const module = files.get('json/fleet/fleets/writers/main.tf.json')!;

  it('calls the template module once, with for_each over the items as data', () => {
    expect(notes).toEqual([]);
    expect(JSON.parse(root).module).toEqual({
      writers: { source: './fleets/writers', for_each: '${var.writers_items}', bucket: '${each.value.bucket}', team: '${each.value.team}' },
    });
    expect(JSON.parse(root).variable.writers_items.type).toBe('map(object({bucket = string, team = string}))');
    expect(JSON.parse(root).resource).toBeUndefined();
    expect(JSON.parse(files.get('json/fleet/writers.auto.tfvars.json')!)).toEqual({
      writers_items: Object.fromEntries([0, 1, 2].map((i) => [`team${i}-writer`, { bucket: `team${i}-bucket`, team: `team${i}` }])),
    });
    expect(files.get('hcl/fleet/writers.auto.tfvars.json')).toBe(files.get('json/fleet/writers.auto.tfvars.json'));
  });

  it('builds the template once, with the item fields as the module variables (cdktf matchers)', () => {
    expect(Object.keys(JSON.parse(module).variable)).toEqual(['bucket', 'team']);
    expect(module).toHaveResourceWithProperties(IamRole, { name: '${var.team}-writer' });
    expect(module).toHaveResourceWithProperties(IamInstanceProfile, { name: '${var.team}-writer', role: '${aws_iam_role.writer.name}' });
    expect(module).toHaveResourceWithProperties(IamPolicy, { name: '${var.team}-write', policy: '${jsonencode(local.write_document)}' });
    expect(JSON.parse(module).locals.write_document.Statement[0].Resource).toBe('arn:aws:s3:::${var.bucket}/*');
    expect(JSON.parse(module).import).toBeUndefined();
  });

  it('gives the checks and proofs every item, derived from the synthesized module with its values', () => {
    const [stack] = stacks;
    const profiles = stack.resources.filter((resource): resource is InstanceProfileResource => resource.type === 'aws_iam_instance_profile');
    expect(profiles.map((resource) => [resource.address, resource.name])).toEqual(
      [0, 1, 2].map((i) => [`module.writers["team${i}-writer"].aws_iam_instance_profile.writer`, `team${i}-writer`]),
    );
    const policy = stack.resources.find((resource): resource is PolicyResource => resource.address === 'module.writers["team1-writer"].aws_iam_policy.write')!;
    expect(policy.document).toMatchObject({ Statement: [{ Resource: 'arn:aws:s3:::team1-bucket/*' }] });
    const attachment = stack.resources.find(
      (resource): resource is AttachmentResource => resource.address === 'module.writers["team1-writer"].aws_iam_role_policy_attachment.writer_write',
    )!;
    expect(attachment.policyArn).toMatchObject({
      unknown: true,
      reference: { address: 'module.writers["team1-writer"].aws_iam_policy.write', attribute: 'arn' },
    });
    expect(stack.origins.get('module.writers["team2-writer"].aws_iam_role.writer')).toMatchObject({
      profile: ['fleets', 0, 'items', 2],
      path: ['fleets', 0, 'items', 2, 'role'],
    });
  });

  it('fails an unmet expectation of one item at that item', async () => {
    const spec = fleetSpec(3);
    spec.fleets[0].template.expectations = [{ allow: 'put s3://{{expected}}/probe' }];
    spec.fleets[0].items.forEach((item, i) => (item.expected = i === 1 ? 'another-bucket' : item.bucket));
    const dir = tempDir('fleet-');
    fs.writeFileSync(path.join(dir, 'fleet.json'), JSON.stringify(spec));
    const error = await validateSpec(path.join(dir, 'fleet.json')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SpecError);
    const failing = (error as SpecError).problems.filter((problem) => (problem as Finding).rule === ACCESS_EXPECTATION_RULE);
    expect(failing.map((problem) => problem.path.join('.'))).toEqual(['fleets.0.items.1.expectations.0']);
    // A field only the expectations use is no module variable.
    expect(
      Object.keys(
        JSON.parse(
          synth({ ...spec, fleets: [{ ...spec.fleets[0], items: spec.fleets[0].items.map((item) => ({ ...item, expected: item.bucket })) }] }).files.get(
            'json/fleet/fleets/writers/main.tf.json',
          )!,
        ).variable,
      ),
    ).toEqual(['bucket', 'team']);
  });

  it('draws the template once with the number of items', () => {
    const diagram = files.get('diagrams/fleet.mmd')!;
    expect(diagram).toContain('for_each × 3 (fleets[0])');
    expect(diagram.match(/IAM role/g)).toHaveLength(1);
    expect(diagram).toContain('module__writers__aws_iam_policy__write --> module__writers__aws_iam_role_policy_attachment__writer_write');
  });

  it('keeps the same keys and module in every environment, each stack with its own items file', () => {
    const envs = synth(fleetSpec(2, { environments: { dev: { accountId: '111122223333' }, prod: { accountId: '444455556666' } } })).files;
    expect(envs.get('json/fleet-dev/writers.auto.tfvars.json')).toBe(envs.get('json/fleet-prod/writers.auto.tfvars.json'));
    expect(envs.get('json/fleet-dev/fleets/writers/main.tf.json')).toBe(envs.get('json/fleet-prod/fleets/writers/main.tf.json'));
  });
});

describe('a fleet the template cannot bind', () => {
  it('is expanded, one set of resources per item, and says why', () => {
    const spec = fleetSpec(2);
    spec.fleets[0].template.role.tags = { '{{team}}': 'owner' };
    const { files, notes } = synth(spec);
    expect(notes).toEqual([
      expect.stringMatching(
        /^fleets\[0\]: each item gets resources of its own in fleet \(no for_each\): the mapping key "\{\{team\}\}" holds an item placeholder/,
      ),
    ]);
    expect(Object.keys(JSON.parse(files.get('json/fleet/main.tf.json')!).resource.aws_iam_role)).toEqual(['team0_writer', 'team1_writer']);
    expect(files.has('json/fleet/fleets/writers/main.tf.json')).toBe(false);
  });
});

describe('--fleets', () => {
  it('writes the expanded form when asked, and refuses other values', async () => {
    const dir = tempDir('fleet-cli-');
    fs.writeFileSync(path.join(dir, 'fleet.json'), JSON.stringify(fleetSpec(2)));
    expect((await runCli(['synth', 'fleet.json', '-o', 'out', '--fleets', 'expanded', '-q'], dir)).code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'out/hcl/fleet/fleets'))).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'out/hcl/fleet/main.tf'), 'utf8')).toContain('resource "aws_iam_role" "team1_writer"');
    expect((await runCli(['drift', 'fleet.json', '-o', 'out', '--fleets', 'expanded'], dir)).code).toBe(0);
    expect((await runCli(['drift', 'fleet.json', '-o', 'out'], dir)).code).toBe(1);
    const bad = await runCli(['synth', 'fleet.json', '--fleets', 'each'], dir);
    expect({ code: bad.code, stderr: bad.stderr }).toEqual({
      code: 2,
      stderr: expect.stringContaining('--fleets takes for_each or expanded (got "each")') as unknown,
    });
  });
});
