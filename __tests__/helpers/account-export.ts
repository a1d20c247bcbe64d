import * as path from 'path';

/** The account-export fixtures (`__tests__/fixtures/account-export`). */
export const ACCOUNT_EXPORT_FIXTURES = path.join(__dirname, '../fixtures/account-export');

/** The walkthrough account's export (`account/`). */
export const ACCOUNT = path.join(ACCOUNT_EXPORT_FIXTURES, 'account');

/** The import command's arguments for the walkthrough account's whole export: its IAM details, instances and associations. */
export const ACCOUNT_EXPORT_ARGS: readonly string[] = [
  '--authorization-details',
  path.join(ACCOUNT, 'authorization-details.json'),
  '--instances',
  path.join(ACCOUNT, 'describe-instances.json'),
  '--associations',
  path.join(ACCOUNT, 'describe-iam-instance-profile-associations.json'),
];

/** A second account of the walkthrough (`prod-account/`): the same profile, another bucket and instance, no WebServerRole. */
export const PROD_ACCOUNT = path.join(ACCOUNT_EXPORT_FIXTURES, 'prod-account');

/** The import command's arguments for the two accounts as environments dev and prod. */
export const ENVIRONMENT_EXPORT_ARGS: readonly string[] = [
  '--environment',
  `dev=${path.join(ACCOUNT, 'authorization-details.json')}`,
  '--environment',
  `prod=${path.join(PROD_ACCOUNT, 'authorization-details.json')}`,
  '--instances',
  `${path.join(ACCOUNT, 'describe-instances.json')},${path.join(PROD_ACCOUNT, 'describe-instances.json')}`,
  '--associations',
  path.join(ACCOUNT, 'describe-iam-instance-profile-associations.json'),
];
