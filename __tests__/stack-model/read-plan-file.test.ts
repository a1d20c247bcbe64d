import * as fs from 'fs';
import * as path from 'path';
import { readPlanFile } from '../../src/stack-model/read-plan-file';
import { SpecError } from '../../src/spec/spec-error';
import { PROVIDER_6_PLAN } from '../../scripts/plan-fixtures/provider-6-files';
import { tempDir } from '../helpers/temp-dirs';

describe('readPlanFile', () => {
  it('reads the plan of a 6.x root as its stack model', () => {
    const model = readPlanFile(PROVIDER_6_PLAN);
    expect(model.source).toBe(PROVIDER_6_PLAN);
    expect(model.resources.map((resource) => resource.address)).toContain('aws_instance.s3_write');
  });

  it('refuses a plan of the wrong shape as an input error naming the file and the field', () => {
    const file = path.join(tempDir('read-plan-file-'), 'plan.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        format_version: '1.2',
        planned_values: { root_module: { resources: [{ address: 'aws_instance.a', mode: 'managed', type: 'aws_instance', name: 'a', values: 'x' }] } },
      }),
    );
    expect(() => readPlanFile(file)).toThrow(SpecError);
    expect(() => readPlanFile(file)).toThrow(
      `${file}: is not the JSON of \`terraform show -json <planfile>\` (planned_values.root_module.resources[0].values is a JSON string, not an object)`,
    );
  });
});
