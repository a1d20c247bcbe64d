/**
 * A policy reference as users write it: an ARN is kept as given; a bare name such as
 * `AmazonSSMManagedInstanceCore` (or `service-role/AmazonEC2RoleforSSM`) is an AWS-managed
 * policy, whose ARN is built for the partition (a name like `aws`, or a Terraform reference).
 */
export function managedPolicyArn(nameOrArn: string, partition: string): string {
  if (nameOrArn.startsWith('arn:')) return nameOrArn;
  return `arn:${partition}:iam::aws:policy/${nameOrArn}`;
}
