/**
 * The readers of an account's own export (the JSON the AWS CLI prints): the IAM authorization
 * details, the instances and their profile associations, and their join; and the spec of what
 * they describe, which the `import` command writes.
 */
export { readAuthorizationDetails, AUTHORIZATION_DETAILS_COMMAND, MAX_EXPORT_PAGES } from './authorization-details';
export type * from './authorization-model';
export type { ExportTag } from './export-fields';
export { readInstances, readAssociations, DESCRIBE_INSTANCES_COMMAND, DESCRIBE_ASSOCIATIONS_COMMAND } from './ec2-outputs';
export type * from './ec2-model';
export { joinAccountExport } from './join-export';
export type * from './join-export';
export { specFromExport } from './spec-from-export';
export type { ImportedSpec, SpecFromExportInput } from './spec-from-export';
export { importedSpecText, importHeader } from './spec-yaml';
export type { ImportSources } from './spec-yaml';
export { formatImportSummary, listed } from './import-summary';
export { FLEET_MIN_ITEMS } from './look-alike-fleets';
export type { ImportSummaryItem } from './import-summary';
export { matchesGlob, parseTagCriterion } from './import-selection';
export type { ImportSelection } from './import-selection';
export { documentText } from './import-documents';
export { readInventory, withProfilesWithoutRole } from './instance-profile-list';
export type { InventoryProfile } from './instance-profile-list';
export { accountProfiles } from './spec-from-export';
export type { AccountProfiles } from './spec-from-export';
export { mergeEnvironments } from './merge-environments';
export type { EnvironmentProfiles, MergedEnvironments } from './merge-environments';
export { documentsToFiles } from './documents-to-files';
export { accountOfExport } from './export-place';
export { specFromEnvironments, ENVIRONMENTS_STACK } from './spec-from-environments';
export type { EnvironmentExport } from './spec-from-environments';
