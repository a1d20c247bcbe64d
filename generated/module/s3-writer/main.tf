terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100.0, < 6.0.0"
    }
  }
}

variable "bucket_name" {
  description = "S3 bucket the instance may write objects to and list."
  type        = string
  validation {
    error_message = "bucket_name must be a valid S3 bucket name (3 to 63 lowercase letters, digits, dots and hyphens)."
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name))
  }
}

variable "ami_id" {
  description = "AMI id of the instance."
  type        = string
  validation {
    error_message = "ami_id must look like ami-0123456789abcdef0."
    condition     = can(regex("^ami-[0-9a-f]{8,17}$", var.ami_id))
  }
}

variable "policy_name" {
  default     = "S3WritePolicy"
  description = "Name of the customer-managed policy."
  type        = string
  validation {
    error_message = "policy_name must be 1 to 128 characters."
    condition     = length(var.policy_name) >= 1 && length(var.policy_name) <= 128
  }
  validation {
    error_message = "policy_name may hold letters, digits and +=,.@_- only."
    condition     = can(regex("^[\\w+=,.@-]+$", var.policy_name))
  }
}

variable "role_name" {
  default     = "S3WriteRole"
  description = "Name of the IAM role the instance assumes."
  type        = string
  validation {
    error_message = "role_name must be 1 to 64 characters."
    condition     = length(var.role_name) >= 1 && length(var.role_name) <= 64
  }
  validation {
    error_message = "role_name may hold letters, digits and +=,.@_- only."
    condition     = can(regex("^[\\w+=,.@-]+$", var.role_name))
  }
}

variable "instance_profile_name" {
  default     = "S3WriteProfile"
  description = "Name of the instance profile; may differ from the role name."
  type        = string
  validation {
    error_message = "instance_profile_name must be 1 to 128 characters."
    condition     = length(var.instance_profile_name) >= 1 && length(var.instance_profile_name) <= 128
  }
  validation {
    error_message = "instance_profile_name may hold letters, digits and +=,.@_- only."
    condition     = can(regex("^[\\w+=,.@-]+$", var.instance_profile_name))
  }
}

variable "instance_type" {
  default     = "t3.micro"
  description = "EC2 instance type."
  type        = string
  validation {
    error_message = "instance_type must look like t3.micro."
    condition     = can(regex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$", var.instance_type))
  }
}

variable "subnet_id" {
  default     = null
  description = "Subnet of the instance; null for the default VPC's."
  type        = string
  nullable    = true
  validation {
    error_message = "subnet_id must look like subnet-0123456789abcdef0."
    condition     = var.subnet_id == null || can(regex("^subnet-[0-9a-f]{8,17}$", var.subnet_id))
  }
}

variable "tags" {
  default     = {}
  description = "Tags on the role, the instance profile and the instance."
  type        = map(string)
  validation {
    error_message = "At most 50 tags."
    condition     = length(var.tags) <= 50
  }
}

locals {
  bucket_write_document = {
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = [
          "s3:PutObject",
          "s3:ListBucket",
        ]
        Resource = [
          "arn:${data.aws_partition.current.partition}:s3:::${var.bucket_name}/*",
          "arn:${data.aws_partition.current.partition}:s3:::${var.bucket_name}",
        ]
      },
    ]
  }
  this_trust_policy = {
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "ec2.${data.aws_partition.current.dns_suffix}"
        }
        Action = "sts:AssumeRole"
      },
    ]
  }
}

data "aws_partition" "current" {
}

resource "aws_iam_policy" "bucket_write" {
  description = "Write and list objects in one S3 bucket"
  name        = var.policy_name
  path        = "/"
  policy      = jsonencode(local.bucket_write_document)
}

resource "aws_iam_role" "this" {
  assume_role_policy   = jsonencode(local.this_trust_policy)
  max_session_duration = 3600
  name                 = var.role_name
  path                 = "/"
  tags                 = var.tags
}

resource "aws_iam_role_policy_attachment" "bucket_write" {
  policy_arn = aws_iam_policy.bucket_write.arn
  role       = aws_iam_role.this.name
}

resource "aws_iam_instance_profile" "this" {
  name = var.instance_profile_name
  path = "/"
  role = aws_iam_role.this.name
  tags = var.tags
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_instance" "this" {
  ami                         = var.ami_id
  associate_public_ip_address = false
  ebs_optimized               = true
  iam_instance_profile        = aws_iam_instance_profile.this.name
  instance_type               = var.instance_type
  monitoring                  = false
  subnet_id                   = var.subnet_id
  tags                        = var.tags
  metadata_options {
    http_endpoint               = "enabled"
    http_put_response_hop_limit = 1
    http_tokens                 = "required"
  }
  root_block_device {
    encrypted   = true
    volume_type = "gp3"
  }
}

output "role_arn" {
  value       = aws_iam_role.this.arn
  description = "ARN of the IAM role."
}

output "role_name" {
  value       = aws_iam_role.this.name
  description = "Name of the IAM role."
}

output "instance_profile_name" {
  value       = aws_iam_instance_profile.this.name
  description = "Name of the instance profile."
}

output "instance_profile_arn" {
  value       = aws_iam_instance_profile.this.arn
  description = "ARN of the instance profile."
}

output "instance_id" {
  value       = aws_instance.this.id
  description = "Id of the EC2 instance."
}
