/**
 * The readers of an account's own export (the JSON the AWS CLI prints), groundwork for an
 * `import` command: the IAM authorization details, the instances and their profile
 * associations, and their join.
 */
export { readAuthorizationDetails, AUTHORIZATION_DETAILS_COMMAND, MAX_EXPORT_PAGES } from './authorization-details';
export type * from './authorization-model';
export type { ExportTag } from './export-fields';
export { readInstances, readAssociations, DESCRIBE_INSTANCES_COMMAND, DESCRIBE_ASSOCIATIONS_COMMAND } from './ec2-outputs';
export type * from './ec2-model';
export { joinAccountExport } from './join-export';
export type * from './join-export';
