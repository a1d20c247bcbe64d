terraform {
  required_version = ">= 1.10.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100.0, < 7.0.0"
    }
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

module "s3_write" {
  source = "../.."
}

output "s3_write" {
  value       = module.s3_write
  description = "What module s3-write made."
}
