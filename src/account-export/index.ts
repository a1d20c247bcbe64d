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
export { formatImportSummary } from './import-summary';
export type { ImportSummaryItem } from './import-summary';
export { matchesGlob, parseTagCriterion } from './import-selection';
export type { ImportSelection } from './import-selection';
export { documentText } from './import-documents';
