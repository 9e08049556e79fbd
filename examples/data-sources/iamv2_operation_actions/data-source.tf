# Needs catalog_source = "service_reference". Many services do not publish
# operations yet; then `published` is false and the lists are empty.

# The actions the SDK calls of an application need. An operation may be
# authorized by actions of other services too, such as iam:PassRole for
# lambda:CreateFunction, with the condition context AWS documents.
data "iamv2_operation_actions" "deployer" {
  service    = "lambda"
  operations = ["CreateFunction", "UpdateFunctionCode"]
}

output "deployer_actions" {
  value = data.iamv2_operation_actions.deployer.actions
}

output "other_services" {
  value = {
    for a in flatten(data.iamv2_operation_actions.deployer.results[*].authorized_actions) :
    a.action => a.context if a.service != "lambda"
  }
}
