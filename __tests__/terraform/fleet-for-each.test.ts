import { parseSpec } from '../../src/spec/load-spec';
import { synthesizeSpec } from '../../src/pipeline/synthesize';
import { offlineWorkdir, useOfflineTerraform } from '../helpers/offline-terraform';
import { FIXTURES } from '../helpers/synth';
import { writersFleetSpec } from '../helpers/writers-fleet';

const terraform = useOfflineTerraform();

describe('a 5,000-item fleet as for_each', () => {
  it('keeps every .tf file under 2,000 lines, terraform fmt-clean, and passes terraform validate', () => {
    const { files } = synthesizeSpec(parseSpec(writersFleetSpec(5000), 'fleet.yaml', FIXTURES));
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

describe('a fleet of adopted instances', () => {
  it('imports each item with one import block with for_each, aimed at its module instance, and validates', () => {
    const spec = writersFleetSpec(3);
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
