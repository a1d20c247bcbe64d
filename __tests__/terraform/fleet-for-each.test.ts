import * as fs from 'fs';
import * as path from 'path';
import { parseSpec } from '../../src/spec/load-spec';
import { synthesizeSpec } from '../../src/pipeline/synthesize';
import { profileNames } from '../../src/constructs/profile-resources';
import { writeFiles } from '../helpers/module';
import { offlineWorkdir, useOfflineTerraform } from '../helpers/offline-terraform';
import { plansTogether } from '../helpers/plans-together';
import { appliedState, managedChanges, OFFLINE_OVERRIDE, plannedValues, resourceSchemas } from '../helpers/terraform-plans';
import { FIXTURES } from '../helpers/synth';

const terraform = useOfflineTerraform();

/** A fleet like the walkthrough's, one bucket per team: a policy, a role, an attachment, a managed policy, a profile and an instance per item. */
function fleetSpec(count: number, fleet: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    stack: 'fleet',
    accountId: '123456789012',
    fleets: [
      {
        name: 'writers',
        template: {
          policies: [
            {
              name: '{{team}}-write',
              document: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Action: ['s3:PutObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::{{bucket}}/*', 'arn:aws:s3:::{{bucket}}'] }],
              },
            },
          ],
          role: { name: '{{team}}-writer', managedPolicies: ['AmazonSSMManagedInstanceCore'], tags: { Team: '{{team}}' } },
          instanceProfile: { name: '{{team}}-writer-profile' },
          instance: { ami: 'ami-0123456789abcdef0' },
          expectations: [{ allow: 'put s3://{{bucket}}/probe' }, { deny: 'put s3://other-{{bucket}}/probe' }],
        },
        items: Array.from({ length: count }, (_, i) => ({ team: `team${i}`, bucket: `team${i}-bucket` })),
        ...fleet,
      },
    ],
  };
}

describe('a 5,000-item fleet as for_each', () => {
  it('keeps every .tf file under 2,000 lines, terraform fmt-clean, and passes terraform validate', () => {
    const { files } = synthesizeSpec(parseSpec(fleetSpec(5000), 'fleet.yaml', FIXTURES));
    const terraformFiles = [...files].filter(([file]) => file.endsWith('.tf'));
    expect(terraformFiles.map(([file]) => file).sort()).toEqual(['hcl/fleet/fleets/writers/main.tf', 'hcl/fleet/main.tf']);
    for (const [, content] of terraformFiles) expect(content.split('\n').length).toBeLessThan(2000);
    expect(Object.keys(JSON.parse(files.get('hcl/fleet/writers.auto.tfvars.json')!).writers_items)).toHaveLength(5000);
    const dir = offlineWorkdir(files, 'hcl/fleet');
    expect(terraform().fmtCheck(dir, { recursive: true })).toEqual([]);
    terraform().init(dir);
    expect(terraform().validate(dir)).toMatchObject({ valid: true, error_count: 0 });
  });
});

/** Enough items for the moves of several module instances, few enough to plan in seconds (a plan's time grows with its resources). */
const ITEMS = 6;

describe(`a ${ITEMS}-item fleet`, () => {
  const loaded = parseSpec(fleetSpec(ITEMS, { moveExpandedState: true }), 'fleet.yaml', FIXTURES);
  const forEach = synthesizeSpec(loaded);
  const expandedDir = writeFiles(synthesizeSpec(loaded, undefined, { fleets: 'expanded' }).files, 'expanded-');
  /** Both forms planned in one Terraform run, once for the two tests. */
  let plans: ReturnType<typeof plansTogether> | undefined;
  const planned = () =>
    (plans ??= plansTogether(terraform(), {
      expanded: path.join(expandedDir, 'hcl/fleet'),
      for_each: path.join(writeFiles(forEach.files, 'for-each-'), 'hcl/fleet'),
    }));

  it('plans, as for_each, the resources and values of the expanded form: each moved to its module instance (real Terraform, offline)', () => {
    const moves = (file: string) =>
      new Map(((JSON.parse(forEach.files.get(file)!).moved ?? []) as Array<{ from: string; to: string }>).map(({ from, to }) => [from, to]));
    // The root moves each item into its module instance (a brand-new template module has no move of its own).
    const moved = moves('json/fleet/main.tf.json');
    const inTemplate = moves('json/fleet/fleets/writers/main.tf.json');
    const movedTo = (address: string) => {
      const [, instance, inside] = /^(module\.writers\["[^"]+"\])\.(.*)$/.exec(moved.get(address) ?? address) ?? [];
      return instance ? `${instance}.${inTemplate.get(inside) ?? inside}` : address;
    };
    const expanded = plannedValues(planned().expanded, true);
    const expected = Object.fromEntries(Object.entries(expanded).map(([address, values]) => [movedTo(address), values]));
    expect(Object.keys(expected)).toHaveLength(ITEMS * 6);
    expect(Object.keys(expected).filter((address) => address.startsWith('module.writers["'))).toHaveLength(ITEMS * 6);
    expect(plannedValues(planned().for_each, true)).toEqual(expected);
  });

  it('moves the state of the expanded form into the module instances: a plan after the move creates and destroys nothing', () => {
    const expandedPlan = planned().expanded;
    const root = path.join(writeFiles(forEach.files, 'moved-'), 'hcl/fleet');
    fs.writeFileSync(path.join(root, 'offline_override.tf'), OFFLINE_OVERRIDE);
    terraform().init(root);
    // Half the items' instances are in the state under the name versions before gave them, after their instance profile.
    const formerNames = new Map(
      loaded.spec.profiles
        .filter((_, i) => i % 2 === 0)
        .map((profile) => [`aws_instance.${profileNames(profile).instance}`, profileNames(profile).formerInstance]),
    );
    expect(formerNames.size).toBe(ITEMS / 2);
    fs.writeFileSync(path.join(root, 'terraform.fleet.tfstate'), JSON.stringify(appliedState(expandedPlan, resourceSchemas(terraform()), formerNames)));
    terraform().plan(root, 'moved.out', { refresh: false });
    const changes = managedChanges(terraform().showJson(root, 'moved.out'));
    const fromFormerNames = changes.filter((change) => change.type === 'aws_instance' && /_profile$/.test(change.previous_address ?? ''));
    expect(fromFormerNames.map((change) => change.previous_address).sort()).toEqual([...formerNames.values()].map((name) => `aws_instance.${name}`).sort());
    expect(changes).toHaveLength(managedChanges(expandedPlan).length);
    for (const change of changes) {
      expect({ address: change.address, actions: change.change.actions }).toEqual({
        address: change.address,
        actions: expect.not.arrayContaining(['create']) as unknown,
      });
      expect(change.change.actions).not.toContain('delete');
      expect(change.address).toMatch(/^module\.writers\["team\d+-writer-profile"\]\./);
      expect(change.previous_address).toMatch(/^aws_/);
    }
  });
});

describe('a fleet of adopted instances', () => {
  it('imports each item with one import block with for_each, aimed at its module instance, and validates', () => {
    const spec = fleetSpec(3);
    const template = (spec.fleets as Array<{ template: Record<string, unknown>; items: Array<Record<string, string>> }>)[0];
    template.template.instance = { existingId: '{{instance}}' };
    template.template.adopt = { role: true };
    template.items.forEach((item, i) => (item.instance = `i-0${String(i).padStart(16, '0')}`));
    const { files, stacks } = synthesizeSpec(parseSpec(spec, 'fleet.yaml', FIXTURES));
    const config = JSON.parse(files.get('json/fleet/main.tf.json')!);
    expect(config.import).toEqual([
      { for_each: '${var.writers_items}', to: 'module.writers[each.key].aws_iam_role.writer', id: '${each.value.team}-writer' },
      { for_each: '${var.writers_items}', to: 'module.writers[each.key].aws_instance.writer', id: '${each.value.instance}' },
    ]);
    const instances = stacks[0].resources.filter((resource) => resource.type === 'aws_instance');
    expect(instances.map((resource) => [resource.address, resource.importId])).toEqual(
      [0, 1, 2].map((i) => [`module.writers["team${i}-writer-profile"].aws_instance.writer`, `i-0${String(i).padStart(16, '0')}`]),
    );
    const dir = offlineWorkdir(files, 'hcl/fleet');
    terraform().init(dir);
    expect(terraform().validate(dir)).toMatchObject({ valid: true, error_count: 0 });
  });
});
