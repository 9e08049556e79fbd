terraform {
  required_providers {
    iamv2 = {
      source = "iamv2/iamv2"
    }
  }
}

output "describe_instances_groups" {
  value = provider::iamv2::action_groups("ec2:DescribeInstances") # ["ListOnly", "ReadOnly", "ReadWrite"]
}
