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
