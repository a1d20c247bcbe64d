variable "bucket_name" {
  default     = "instance-profile-test1"
  description = "S3 bucket the instance may write objects to and list."
  type        = string
  validation {
    error_message = "bucket_name must be a valid S3 bucket name (3 to 63 lowercase letters, digits, dots and hyphens)."
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name))
  }
  validation {
    error_message = "bucket_name is part of the IAM policy's description (\"Write and list objects in $${var.bucket_name}\"), which must be at most 1000 characters."
    condition     = length("Write and list objects in ${var.bucket_name}") <= 1000
  }
  validation {
    error_message = "bucket_name is part of the IAM role's description (\"Lets an EC2 instance write to $${var.bucket_name}\"), which must be at most 1000 characters."
    condition     = length("Lets an EC2 instance write to ${var.bucket_name}") <= 1000
  }
}

variable "policy_name" {
  default     = "S3WritePolicy"
  description = "Name of the customer-managed policy S3WritePolicy."
  type        = string
  validation {
    error_message = "policy_name must be 1 to 128 characters."
    condition     = length(var.policy_name) >= 1 && length(var.policy_name) <= 128
  }
  validation {
    error_message = "policy_name must be made of letters, digits and +=,.@_- only."
    condition     = can(regex("^[\\w+=,.@-]+$", var.policy_name))
  }
}

variable "role_name" {
  default     = "S3WriteRole"
  description = "Name of the IAM role S3WriteRole, which the instance assumes."
  type        = string
  validation {
    error_message = "role_name must be 1 to 64 characters."
    condition     = length(var.role_name) >= 1 && length(var.role_name) <= 64
  }
  validation {
    error_message = "role_name must be made of letters, digits and +=,.@_- only."
    condition     = can(regex("^[\\w+=,.@-]+$", var.role_name))
  }
}

variable "instance_profile_name" {
  default     = "S3WriteProfile"
  description = "Name of the instance profile S3WriteProfile; may differ from the role name."
  type        = string
  validation {
    error_message = "instance_profile_name must be 1 to 128 characters."
    condition     = length(var.instance_profile_name) >= 1 && length(var.instance_profile_name) <= 128
  }
  validation {
    error_message = "instance_profile_name must be made of letters, digits and +=,.@_- only."
    condition     = can(regex("^[\\w+=,.@-]+$", var.instance_profile_name))
  }
}

variable "ami_id" {
  default     = "ami-0c02fb55956c7d316"
  description = "AMI of the instance launched with S3WriteProfile (AMI ids belong to one region)."
  type        = string
  validation {
    error_message = "ami_id must be an AMI id like \"ami-0123456789abcdef0\"."
    condition     = can(regex("^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$", var.ami_id))
  }
}

variable "instance_type" {
  default     = "t3.micro"
  description = "Instance type of the instance launched with S3WriteProfile."
  type        = string
  validation {
    error_message = "instance_type must be an instance type like \"t3.micro\"."
    condition     = can(regex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$", var.instance_type))
  }
}

variable "subnet_id" {
  default     = null
  description = "Subnet of the instance launched with S3WriteProfile; null for the default VPC's."
  type        = string
  nullable    = true
  validation {
    error_message = "subnet_id must be a subnet id like \"subnet-0123456789abcdef0\"."
    condition     = var.subnet_id == null ? true : can(regex("^subnet-(?:[0-9a-f]{8}|[0-9a-f]{17})$", var.subnet_id))
  }
}

variable "security_group_ids" {
  default     = null
  description = "VPC security groups of the instance launched with S3WriteProfile; null for the VPC's default group."
  type        = list(string)
  nullable    = true
  validation {
    error_message = "Every entry of security_group_ids must be a security group id like \"sg-0123456789abcdef0\"."
    condition     = var.security_group_ids == null ? true : alltrue([for item in var.security_group_ids : can(regex("^sg-(?:[0-9a-f]{8}|[0-9a-f]{17})$", item))])
  }
}

variable "key_name" {
  default     = null
  description = "EC2 key pair of the instance launched with S3WriteProfile; null for none (use SSM Session Manager)."
  type        = string
  nullable    = true
  validation {
    error_message = "key_name must be 1 to 255 characters."
    condition     = var.key_name == null ? true : length(var.key_name) >= 1 && length(var.key_name) <= 255
  }
}

variable "tags" {
  default     = {}
  description = "Tags added to every resource of the module (policies, roles, instance profiles, new instances)."
  type        = map(string)
}
