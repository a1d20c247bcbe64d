# Runs offline: `terraform init && terraform test`. Generated with the module; do not edit.
mock_provider "aws" {
  mock_data "aws_partition" {
    defaults = {
      id                 = "aws"
      partition          = "aws"
      dns_suffix         = "amazonaws.com"
      reverse_dns_prefix = "com.amazonaws"
    }
  }
  mock_resource "aws_iam_policy" {
    defaults = {
      arn = "arn:aws:iam::123456789012:policy/mock"
    }
  }
  mock_resource "aws_iam_role" {
    defaults = {
      arn = "arn:aws:iam::123456789012:role/mock"
    }
  }
  mock_resource "aws_iam_instance_profile" {
    defaults = {
      arn = "arn:aws:iam::123456789012:instance-profile/mock"
    }
  }
  mock_resource "aws_instance" {
    defaults = {
      arn = "arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0"
    }
  }
}

run "plan" {
  command = plan
  assert {
    condition     = aws_iam_instance_profile.s3_write_profile.role == aws_iam_role.s3_write_role.name
    error_message = "Instance profile S3WriteProfile must carry role S3WriteRole."
  }
  assert {
    condition     = jsondecode(aws_iam_role.s3_write_role.assume_role_policy).Statement[0].Principal.Service == "ec2.amazonaws.com"
    error_message = "Role S3WriteRole must trust ec2.amazonaws.com only."
  }
  assert {
    condition     = [for statement in jsondecode(aws_iam_policy.s3_write_policy.policy).Statement : lookup(statement, "Resource", null)] == jsondecode("[[\"arn:aws:s3:::instance-profile-test1/*\",\"arn:aws:s3:::instance-profile-test1\"]]")
    error_message = "Policy S3WritePolicy must grant on the spec's resources only."
  }
  assert {
    condition     = jsondecode(aws_iam_policy.s3_write_policy.policy) == jsondecode("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:PutObject\",\"s3:ListBucket\"],\"Resource\":[\"arn:aws:s3:::instance-profile-test1/*\",\"arn:aws:s3:::instance-profile-test1\"]}]}")
    error_message = "Policy S3WritePolicy must be the spec's document."
  }
  assert {
    condition     = aws_iam_role_policy_attachment.s3_write_role_s3_write_policy.role == aws_iam_role.s3_write_role.name
    error_message = "Policy S3WritePolicy must be attached to role S3WriteRole."
  }
  assert {
    condition     = aws_instance.s3_write.iam_instance_profile == aws_iam_instance_profile.s3_write_profile.name
    error_message = "The instance must have instance profile S3WriteProfile."
  }
  assert {
    condition     = aws_instance.s3_write.metadata_options[0].http_tokens == "required"
    error_message = "The instance launched with S3WriteProfile must require IMDSv2 tokens."
  }
  assert {
    condition     = aws_instance.s3_write.metadata_options[0].http_put_response_hop_limit == 1
    error_message = "The instance launched with S3WriteProfile must answer IMDS one hop away only."
  }
  assert {
    condition     = aws_instance.s3_write.root_block_device[0].encrypted == true
    error_message = "The root volume of the instance launched with S3WriteProfile must be encrypted."
  }
}

run "apply" {
  command = apply
  assert {
    condition     = aws_iam_instance_profile.s3_write_profile.role == aws_iam_role.s3_write_role.name
    error_message = "Instance profile S3WriteProfile must carry role S3WriteRole."
  }
  assert {
    condition     = jsondecode(aws_iam_role.s3_write_role.assume_role_policy).Statement[0].Principal.Service == "ec2.amazonaws.com"
    error_message = "Role S3WriteRole must trust ec2.amazonaws.com only."
  }
  assert {
    condition     = [for statement in jsondecode(aws_iam_policy.s3_write_policy.policy).Statement : lookup(statement, "Resource", null)] == jsondecode("[[\"arn:aws:s3:::instance-profile-test1/*\",\"arn:aws:s3:::instance-profile-test1\"]]")
    error_message = "Policy S3WritePolicy must grant on the spec's resources only."
  }
  assert {
    condition     = jsondecode(aws_iam_policy.s3_write_policy.policy) == jsondecode("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:PutObject\",\"s3:ListBucket\"],\"Resource\":[\"arn:aws:s3:::instance-profile-test1/*\",\"arn:aws:s3:::instance-profile-test1\"]}]}")
    error_message = "Policy S3WritePolicy must be the spec's document."
  }
  assert {
    condition     = aws_iam_role_policy_attachment.s3_write_role_s3_write_policy.role == aws_iam_role.s3_write_role.name
    error_message = "Policy S3WritePolicy must be attached to role S3WriteRole."
  }
  assert {
    condition     = aws_instance.s3_write.iam_instance_profile == aws_iam_instance_profile.s3_write_profile.name
    error_message = "The instance must have instance profile S3WriteProfile."
  }
  assert {
    condition     = aws_instance.s3_write.metadata_options[0].http_tokens == "required"
    error_message = "The instance launched with S3WriteProfile must require IMDSv2 tokens."
  }
  assert {
    condition     = aws_instance.s3_write.metadata_options[0].http_put_response_hop_limit == 1
    error_message = "The instance launched with S3WriteProfile must answer IMDS one hop away only."
  }
  assert {
    condition     = aws_instance.s3_write.root_block_device[0].encrypted == true
    error_message = "The root volume of the instance launched with S3WriteProfile must be encrypted."
  }
  assert {
    condition     = output.instance_profile_name == "S3WriteProfile"
    error_message = "The module must output instance profile S3WriteProfile."
  }
}

run "invalid_inputs_1" {
  command = plan
  variables {
    bucket_name           = "Not_A_Bucket"
    policy_name           = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    role_name             = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    instance_profile_name = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    ami_id                = "!"
    instance_type         = "!"
    subnet_id             = "!"
    security_group_ids = [
      "!",
    ]
    key_name = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
  }
  expect_failures = [
    var.bucket_name,
    var.policy_name,
    var.role_name,
    var.instance_profile_name,
    var.ami_id,
    var.instance_type,
    var.subnet_id,
    var.security_group_ids,
    var.key_name,
  ]
}

run "invalid_inputs_2" {
  command = plan
  variables {
    bucket_name           = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    policy_name           = "!"
    role_name             = "!"
    instance_profile_name = "!"
  }
  expect_failures = [
    var.bucket_name,
    var.policy_name,
    var.role_name,
    var.instance_profile_name,
  ]
}

run "invalid_inputs_3" {
  command = plan
  variables {
    bucket_name = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
  }
  expect_failures = [
    var.bucket_name,
  ]
}
