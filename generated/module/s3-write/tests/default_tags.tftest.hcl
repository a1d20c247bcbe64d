# Plans with a real provider block and fake credentials (nothing reaches AWS): mock providers drop
# default_tags. Generated with the module; do not edit.
provider "aws" {
  region                      = "us-east-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  default_tags {
    tags = {
      ManagedBy = "instance-profile-cdktf"
    }
  }
}

variables {
  tags = {
    TestedBy = "terraform-test"
  }
}

run "default_tags" {
  command = plan
  assert {
    condition     = aws_iam_policy.s3_write_policy.tags_all["ManagedBy"] == "instance-profile-cdktf" && aws_iam_policy.s3_write_policy.tags_all["TestedBy"] == "terraform-test"
    error_message = "aws_iam_policy.s3_write_policy must carry the provider's default tags and the tags input."
  }
  assert {
    condition     = aws_iam_role.s3_write_role.tags_all["ManagedBy"] == "instance-profile-cdktf" && aws_iam_role.s3_write_role.tags_all["TestedBy"] == "terraform-test"
    error_message = "aws_iam_role.s3_write_role must carry the provider's default tags and the tags input."
  }
  assert {
    condition     = aws_iam_instance_profile.s3_write_profile.tags_all["ManagedBy"] == "instance-profile-cdktf" && aws_iam_instance_profile.s3_write_profile.tags_all["TestedBy"] == "terraform-test"
    error_message = "aws_iam_instance_profile.s3_write_profile must carry the provider's default tags and the tags input."
  }
  assert {
    condition     = aws_instance.s3_write.tags_all["ManagedBy"] == "instance-profile-cdktf" && aws_instance.s3_write.tags_all["TestedBy"] == "terraform-test"
    error_message = "aws_instance.s3_write must carry the provider's default tags and the tags input."
  }
}
