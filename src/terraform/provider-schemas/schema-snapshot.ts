/**
 * The shape of a committed provider schema snapshot: what one AWS provider release accepts for
 * the resource types, data sources and provider configuration the project writes. The snapshots
 * beside this file are written by `npm run provider-schemas` (scripts/provider-schemas/); the
 * checker is `../provider-schema.ts`.
 */

/** One block of a schema: a resource's or data source's body, the provider configuration, or a nested block. */
export interface BlockSchema {
  /** Every argument (an attribute that can be set: required or optional), sorted. */
  readonly arguments: readonly string[];
  /** The arguments and nested blocks that must be given, sorted. */
  readonly required: readonly string[];
  /** The nested blocks by name, each with its own schema, in name order. */
  readonly blocks: Readonly<Record<string, BlockSchema>>;
}

/** One provider release's schema for the types the project writes. */
export interface ProviderSchemaSnapshot {
  /** The provider's source address, `registry.terraform.io/hashicorp/aws`. */
  readonly provider: string;
  /** The provider release, e.g. `6.66.0`. */
  readonly version: string;
  /** The binding package the schema was read from, e.g. `@cdktn/provider-aws@25.7.0`. */
  readonly package: string;
  /** The `provider "aws"` block's schema (without the `alias` and `version` meta-arguments). */
  readonly providerConfig: BlockSchema;
  /** The resource types, by type name. */
  readonly resources: Readonly<Record<string, BlockSchema>>;
  /** The data sources, by type name. */
  readonly dataSources: Readonly<Record<string, BlockSchema>>;
}
