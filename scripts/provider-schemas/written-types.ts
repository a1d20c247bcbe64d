/**
 * The types whose schemas are snapshotted, taken from where the project declares them: the
 * resource kinds' `type`s, the partition data source's kind, and the provider the Terraform
 * requirements name. A new resource kind is snapshotted at the next `npm run provider-schemas`.
 */
import { partitionKind, RESOURCE_KINDS } from '../../src/resource-kinds';
import { MIRRORED_PROVIDER } from '../../src/terraform/cli-config';
import { terraformRequirements } from '../../src/terraform-requirements';
import type { WrittenTypes } from './bindings-schema';

/** The provider, resource types and data sources the project writes. */
export function writtenTypes(): WrittenTypes {
  const providers = Object.values(terraformRequirements('').required_providers);
  if (providers.length !== 1) throw new Error(`the Terraform requirements name ${providers.length} providers; this script reads one`);
  const registryName = providers[0].source;
  if (!MIRRORED_PROVIDER.endsWith(`/${registryName}`)) throw new Error(`the required provider ${registryName} is not ${MIRRORED_PROVIDER}`);
  return {
    provider: MIRRORED_PROVIDER,
    registryName,
    resources: [...new Set(RESOURCE_KINDS.map((kind) => kind.type))].sort(),
    dataSources: [partitionKind.type],
  };
}
