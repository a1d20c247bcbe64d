import { PlanFormatError, requirePlanJson } from '../../src/stack-model/plan-json';
import { committedProvider6Plan } from '../helpers/provider-6-plan';

const plan = (changes: Record<string, unknown>) => ({ format_version: '1.2', planned_values: { root_module: {} }, ...changes });
const resource = { address: 'aws_instance.a', mode: 'managed', type: 'aws_instance', name: 'a' };

describe('requirePlanJson: the shape of what the plan reader walks', () => {
  it('takes a real plan, with every attribute a provider adds', () => {
    const json = committedProvider6Plan();
    expect(requirePlanJson(json, 'plan.json')).toBe(json);
  });

  it.each([
    [
      'a resource that is no object',
      plan({ planned_values: { root_module: { resources: [null] } } }),
      'planned_values.root_module.resources[0] is a JSON null, not an object',
    ],
    [
      'resources that are no list',
      plan({ planned_values: { root_module: { resources: {} } } }),
      'planned_values.root_module.resources is a JSON object, not a list',
    ],
    [
      'values that are no object',
      plan({ planned_values: { root_module: { resources: [{ ...resource, values: 'x' }] } } }),
      'planned_values.root_module.resources[0].values is a JSON string, not an object',
    ],
    [
      'a resource without a type',
      plan({ planned_values: { root_module: { resources: [{ ...resource, type: undefined }] } } }),
      'planned_values.root_module.resources[0].type is missing, not a string',
    ],
    [
      'a child module that is no object',
      plan({ planned_values: { root_module: { child_modules: [{ address: 'module.m', resources: [] }, 3] } } }),
      'planned_values.root_module.child_modules[1] is a JSON number, not an object',
    ],
    ['a change without its change', plan({ resource_changes: [{ address: 'aws_instance.a' }] }), 'resource_changes[0].change is missing, not an object'],
    [
      'a configured resource whose provider key is no string',
      plan({ configuration: { root_module: { resources: [{ address: 'aws_instance.a', mode: 'managed', provider_config_key: 1 }] } } }),
      'configuration.root_module.resources[0].provider_config_key is a JSON number, not a string',
    ],
    [
      'a module call whose module is no object',
      plan({ configuration: { root_module: { module_calls: { writer: { module: [] } } } } }),
      'configuration.root_module.module_calls.writer.module is a JSON array, not an object',
    ],
    [
      'provider expressions that are no object',
      plan({ configuration: { provider_config: { aws: { name: 'aws', expressions: 'x' } } } }),
      'configuration.provider_config.aws.expressions is a JSON string, not an object',
    ],
  ])('refuses %s, naming the field', (_case, input, reason) => {
    expect(() => requirePlanJson(input, 'plan.json')).toThrow(PlanFormatError);
    expect(() => requirePlanJson(input, 'plan.json')).toThrow(`plan.json is not the JSON of \`terraform show -json <planfile>\` (${reason})`);
  });
});
