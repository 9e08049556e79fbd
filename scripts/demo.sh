#!/usr/bin/env bash
# Applies examples/demo with the provider built in $1, through a throwaway
# dev_overrides CLI configuration, and prints the resulting table.
set -euo pipefail
bin=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat >"$work/dev.tfrc" <<TFRC
provider_installation {
  dev_overrides {
    "iamv2/iamv2" = "$bin"
  }
  direct {}
}
TFRC
cp "$root"/examples/demo/*.tf "$work/"
export TF_CLI_CONFIG_FILE="$work/dev.tfrc" TF_IN_AUTOMATION=1
cd "$work"
"$TERRAFORM" apply -auto-approve -input=false -no-color >"$work/apply.log" 2>&1 || { cat "$work/apply.log"; exit 1; }
"$TERRAFORM" output -raw table
echo
