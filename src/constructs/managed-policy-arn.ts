import { Fn, Token } from 'cdktf';

/**
 * A policy reference as users write it: an ARN is kept as given; a bare name such as
 * `AmazonSSMManagedInstanceCore` (or `service-role/AmazonEC2RoleforSSM`) is an AWS-managed
 * policy, whose ARN is built for the partition (a name like `aws`, or a Terraform reference).
 * A reference that is itself a Terraform expression (a module input) is told apart in Terraform.
 */
export function managedPolicyArn(nameOrArn: string, partition: string): string {
  if (nameOrArn.startsWith('arn:')) return nameOrArn;
  const built = `arn:${partition}:iam::aws:policy/${nameOrArn}`;
  if (!Token.isUnresolved(nameOrArn)) return built;
  return Token.asString(Fn.conditional(Fn.startswith(nameOrArn, 'arn:'), nameOrArn, built));
}
