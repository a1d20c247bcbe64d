output "role_arn" {
  value       = aws_iam_role.s3_write_role.arn
  description = "ARN of the IAM role."
}

output "role_name" {
  value       = aws_iam_role.s3_write_role.name
  description = "Name of the IAM role."
}

output "instance_profile_name" {
  value       = aws_iam_instance_profile.s3_write_profile.name
  description = "Name of the instance profile."
}

output "instance_profile_arn" {
  value       = aws_iam_instance_profile.s3_write_profile.arn
  description = "ARN of the instance profile."
}

output "instance_id" {
  value       = aws_instance.s3_write.id
  description = "Id of the EC2 instance."
}
