# The global condition keys (aws:...) every service supports.
data "iamv2_condition_keys" "global" {}

# S3's own condition keys, with their types.
data "iamv2_condition_keys" "s3" {
  service = "s3"
}

output "s3_numeric_keys" {
  value = [for k in data.iamv2_condition_keys.s3.condition_keys : k.name if k.type == "Numeric"]
}
