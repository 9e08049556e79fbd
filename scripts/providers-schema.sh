#!/usr/bin/env bash
# Writes the provider's schema, as `providers schema -json` reports it, to $2,
# using the OpenTofu CLI at $1. OpenTofu reports provider functions, which
# Terraform 1.5 does not, so the generated docs are the same on every machine.
set -euo pipefail
tofu=$1 out=$2
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -C "$root" -o "$work/bin/terraform-provider-iamv2" .
cat >"$work/dev.tfrc" <<TFRC
provider_installation {
  dev_overrides {
    "registry.terraform.io/hashicorp/iamv2" = "$work/bin"
  }
  direct {}
}
TFRC
# tfplugindocs looks the schema up under the address it would install.
cat >"$work/main.tf" <<'TF'
terraform {
  required_providers {
    iamv2 = { source = "registry.terraform.io/hashicorp/iamv2" }
  }
}
TF
(cd "$work" && TF_CLI_CONFIG_FILE="$work/dev.tfrc" "$tofu" providers schema -json) >"$out"
