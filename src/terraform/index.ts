/** Running Terraform offline against a local provider mirror, for tests and checks; checking configuration against the provider schema snapshots. */
export { TerraformUnavailableError } from './terraform-unavailable-error';
export { findTerraform, requireSupportedTerraform, type FindTerraformOptions } from './find-terraform';
export { MIN_TERRAFORM_VERSION } from '../terraform-requirements';
export {
  AWS_PROVIDER_VERSION,
  defaultSearchRoots,
  findProviderMirror,
  implicitMirrorDirs,
  mirrorLayout,
  terraformPlatform,
  type FindProviderMirrorOptions,
  type MirrorLayout,
  type ProviderMirror,
} from './find-provider-mirror';
export { CLI_CONFIG_FILE_NAME, MIRRORED_PROVIDER, writeCliConfig, type CliConfigOptions } from './cli-config';
export {
  applyTerraformEnvironment,
  TerraformCommandError,
  TerraformRunner,
  TERRAFORM_TIMEOUT_MS,
  type InitOptions,
  type TerraformDiagnostic,
  type TerraformPlanJson,
  type TerraformProvidersSchema,
  type TerraformResourceChange,
  type TerraformValidation,
  type TestOptions,
} from './terraform-runner';
export {
  AWS_PROVIDER_SCHEMAS,
  blockSchemaOfTerraform,
  checkProviderSchema,
  type BlockSchema,
  type KnownProviderSchema,
  type ProviderSchemaProblem,
  type ProviderSchemaProblemKind,
  type ProviderSchemaSnapshot,
  type TerraformSchemaBlock,
} from './provider-schema';
