/**
 * The committed plan of an AWS provider 6.x root (`fixtures/plans/provider-6/plan.json`, see its
 * README.md), as tests read and vary it: a fresh copy each time, and the parts of its instance a
 * test changes to stand for what Terraform cannot plan offline (a region from `AWS_REGION`,
 * user data from an expression).
 */
import * as fs from 'fs';
import { PROVIDER_6_PLAN } from '../../scripts/plan-fixtures/provider-6-files';

/** The plan's JSON, as far as the tests change it. */
export interface Provider6PlanJson {
  planned_values: { root_module: { resources: Array<{ address: string; type: string; values: Record<string, unknown> }> } };
  resource_changes: Array<{ address: string; change: { after: Record<string, unknown>; after_unknown: Record<string, unknown> } }>;
  configuration: {
    provider_config: { aws: { expressions: Record<string, unknown> } };
    root_module: { resources: Array<{ address: string; expressions: Record<string, unknown> }> };
  };
}

/** The instance's address in the plan. */
export const INSTANCE = 'aws_instance.s3_write';

/** A fresh copy of the committed 6.x plan. */
export function committedProvider6Plan(): Provider6PlanJson {
  return JSON.parse(fs.readFileSync(PROVIDER_6_PLAN, 'utf8')) as Provider6PlanJson;
}

/** The instance of a plan: its planned values, its change and its configuration's expressions. */
export function instanceOf(plan: Provider6PlanJson): {
  values: Record<string, unknown>;
  change: Provider6PlanJson['resource_changes'][number]['change'];
  expressions: Record<string, unknown>;
} {
  return {
    values: plan.planned_values.root_module.resources.find((resource) => resource.address === INSTANCE)!.values,
    change: plan.resource_changes.find((change) => change.address === INSTANCE)!.change,
    expressions: plan.configuration.root_module.resources.find((resource) => resource.address === INSTANCE)!.expressions,
  };
}

/** The plan as Terraform shows it when the provider's region comes from `AWS_REGION` at plan time: not in the configuration. */
export function withRegionFromEnvironment(plan: Provider6PlanJson): Provider6PlanJson {
  delete plan.configuration.provider_config.aws.expressions.region;
  return plan;
}
