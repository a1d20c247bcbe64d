moved {
  from = aws_instance.s3_write_profile
  to   = aws_instance.s3_write
}
