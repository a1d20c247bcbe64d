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
          "arn:aws:s3:::${var.bucket_name}/*",
          "arn:aws:s3:::${var.bucket_name}",
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

data "aws_partition" "current" {}
resource "aws_iam_policy" "s3_write_policy" {
  description = "Write and list objects in ${var.bucket_name}"
  name        = var.policy_name
  path        = "/"
  policy      = jsonencode(local.s3_write_policy_document)
  tags        = var.tags
}

resource "aws_iam_role" "s3_write_role" {
  assume_role_policy   = jsonencode(local.s3_write_role_trust_policy)
  description          = "Lets an EC2 instance write to ${var.bucket_name}"
  max_session_duration = 3600
  name                 = var.role_name
  path                 = "/"
  tags                 = var.tags
}

resource "aws_iam_role_policy_attachment" "s3_write_role_s3_write_policy" {
  policy_arn = aws_iam_policy.s3_write_policy.arn
  role       = aws_iam_role.s3_write_role.name
}

resource "aws_iam_instance_profile" "s3_write_profile" {
  name = var.instance_profile_name
  path = "/"
  role = aws_iam_role.s3_write_role.name
  tags = var.tags
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_instance" "s3_write" {
  ami                         = var.ami_id
  associate_public_ip_address = false
  ebs_optimized               = true
  iam_instance_profile        = aws_iam_instance_profile.s3_write_profile.name
  instance_type               = var.instance_type
  key_name                    = var.key_name
  monitoring                  = false
  subnet_id                   = var.subnet_id
  tags                        = merge({ "Name" = "s3-writer" }, var.tags)
  vpc_security_group_ids      = var.security_group_ids
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
