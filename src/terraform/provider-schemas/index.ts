/**
 * The committed provider schema snapshots, oldest release first.
 * Written by `npm run provider-schemas` (scripts/provider-schemas/extract-provider-schemas.ts): do not edit.
 */
import type { ProviderSchemaSnapshot } from './schema-snapshot';
import { AWS_PROVIDER_5_100_0 } from './aws-5.100.0';
import { AWS_PROVIDER_6_25_0 } from './aws-6.25.0';
import { AWS_PROVIDER_6_66_0 } from './aws-6.66.0';

export type { BlockSchema, ProviderSchemaSnapshot } from './schema-snapshot';

/** Every committed snapshot (AWS provider 5.100.0, 6.25.0, 6.66.0), oldest release first. */
export const PROVIDER_SCHEMA_SNAPSHOTS: readonly ProviderSchemaSnapshot[] = [AWS_PROVIDER_5_100_0, AWS_PROVIDER_6_25_0, AWS_PROVIDER_6_66_0];
