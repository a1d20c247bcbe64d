/**
 * Terraform names for resources. They are derived from IAM names, never from list positions,
 * so reordering a spec never makes Terraform destroy and recreate anything.
 */

/** `S3WritePolicy` → `s3_write_policy`; `service-role/AmazonEC2RoleforSSM` → `service_role_amazon_ec2_rolefor_ssm`. */
export function terraformName(name: string): string {
  const snake = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
  if (!snake) return 'unnamed';
  return /^[0-9]/.test(snake) ? `n${snake}` : snake;
}

/**
 * Terraform name of the instance that has the instance profile `instanceProfileName`: the
 * profile's name without a trailing "profile" word, so it reads as what it is
 * (`S3WriteProfile` → `aws_instance.s3_write`, `app-instance-profile` → `aws_instance.app`,
 * `web` → `aws_instance.web`); `instance` when nothing else is left.
 */
export function instanceName(instanceProfileName: string): string {
  const name = terraformName(instanceProfileName).replace(/(^|_)(instance_)?profile$/, '');
  return name === '' || name === 'unnamed' ? 'instance' : name;
}

/**
 * The Terraform name instances had before {@link instanceName}: the instance profile's own
 * (`aws_instance.s3_write_profile`). Roots carry a `moved` block from it.
 */
export function formerInstanceName(instanceProfileName: string): string {
  return terraformName(instanceProfileName);
}

/** The last path segment of a policy ARN or name: `arn:aws:iam::aws:policy/job-function/ViewOnlyAccess` → `ViewOnlyAccess`. */
export function policyShortName(nameOrArn: string): string {
  const segments = nameOrArn.split('/');
  return segments[segments.length - 1];
}

/** Terraform name of the attachment of `policyName` to `roleName`. */
export function attachmentName(roleName: string, policyName: string): string {
  return `${terraformName(roleName)}_${terraformName(policyShortName(policyName))}`;
}

/** Full Terraform address of an attachment, for messages. */
export function attachmentAddress(roleName: string, policyName: string): string {
  return `aws_iam_role_policy_attachment.${attachmentName(roleName, policyName)}`;
}
