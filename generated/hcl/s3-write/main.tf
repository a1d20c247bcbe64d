terraform {
  required_providers {
    aws = {
      version = "5.100.0"
      source  = "aws"
    }
  }
  backend "local" {
    path = "terraform.s3-write.tfstate"
  }
}

locals {
  s3_write_policy_document = {
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = [
          "s3:PutObject",
          "s3:ListBucket",
        ]
        Resource = [
          "arn:aws:s3:::instance-profile-test1/*",
          "arn:aws:s3:::instance-profile-test1",
        ]
      },
    ]
  }
  s3_write_role_trust_policy = {
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

provider "aws" {
  region = "us-east-1"
  default_tags {
    tags = {
      ManagedBy = "instance-profile-cdktf"
    }
  }
}

data "aws_partition" "current" {
}

resource "aws_iam_policy" "s3_write_policy" {
  description = "Write and list objects in instance-profile-test1"
  name        = "S3WritePolicy"
  path        = "/"
  policy      = jsonencode(local.s3_write_policy_document)
}

resource "aws_iam_role" "s3_write_role" {
  assume_role_policy   = jsonencode(local.s3_write_role_trust_policy)
  description          = "Lets an EC2 instance write to instance-profile-test1"
  max_session_duration = 3600
  name                 = "S3WriteRole"
  path                 = "/"
}

resource "aws_iam_role_policy_attachment" "s3_write_role_s3_write_policy" {
  policy_arn = aws_iam_policy.s3_write_policy.arn
  role       = aws_iam_role.s3_write_role.name
}

resource "aws_iam_instance_profile" "s3_write_profile" {
  name = "S3WriteProfile"
  path = "/"
  role = aws_iam_role.s3_write_role.name
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_instance" "s3_write_profile" {
  ami                         = "ami-0c02fb55956c7d316"
  associate_public_ip_address = false
  ebs_optimized               = true
  iam_instance_profile        = aws_iam_instance_profile.s3_write_profile.name
  instance_type               = "t3.micro"
  monitoring                  = false
  tags = {
    Name = "s3-writer"
  }
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

output "s3_write_profile" {
  value = {
    role_arn              = aws_iam_role.s3_write_role.arn
    role_name             = aws_iam_role.s3_write_role.name
    instance_profile_name = aws_iam_instance_profile.s3_write_profile.name
    instance_profile_arn  = aws_iam_instance_profile.s3_write_profile.arn
    instance_id           = aws_instance.s3_write_profile.id
  }
  description = "Role and instance profile S3WriteProfile, and the instance launched with it"
}
