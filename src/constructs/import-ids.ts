/**
 * The ids Terraform's `import` blocks take for each resource type, as the AWS provider
 * (5.x) documents them. Adopting hand-made resources uses exactly these.
 */
export const importIds = {
  /** `aws_iam_policy`: the policy ARN, `arn:aws:iam::123456789012:policy/S3WritePolicy` (path included). */
  policy: (partition: string, accountId: string, path: string, name: string) =>
    `arn:${partition}:iam::${accountId}:policy${path}${name}`,
  /** `aws_iam_role`: the role name, `S3WriteRole`. */
  role: (roleName: string) => roleName,
  /** `aws_iam_role_policy_attachment`: `<role name>/<policy ARN>`, `S3WriteRole/arn:aws:iam::123456789012:policy/S3WritePolicy`. */
  attachment: (roleName: string, policyArn: string) => `${roleName}/${policyArn}`,
  /** `aws_iam_instance_profile`: the instance profile name, `S3WriteProfile`. */
  instanceProfile: (name: string) => name,
  /** `aws_instance`: the instance id, `i-0123456789abcdef0`. */
  instance: (instanceId: string) => instanceId,
};
