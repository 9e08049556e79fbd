package provider

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// testCommandSince is the first CLI version whose `test` command runs
// `command = plan` run blocks with a `module` block: Terraform 1.6 (every
// OpenTofu release numbered so has it too).
var testCommandSince = [2]int{1, 6}

// TestAccModuleWithTests runs examples/module-with-tests the way a module
// author does: `terraform test` (or `tofu test`, whichever CLI
// TF_ACC_TERRAFORM_PATH names) with the provider built from this tree
// under dev_overrides. Its plan-time assertions must pass, and a
// deliberately broken variable must make the run fail.
func TestAccModuleWithTests(t *testing.T) {
	cli := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if cli == "" {
		t.Skip("TF_ACC_TERRAFORM_PATH is not set: `terraform test` needs a CLI (the Makefile sets it)")
	}
	name, v, minor := cliVersion(t, cli)
	if minor[0] < testCommandSince[0] || minor[0] == testCommandSince[0] && minor[1] < testCommandSince[1] {
		t.Skipf("%s %s has no `test` command for plan-time run blocks with a module block; it needs %d.%d or later",
			name, v, testCommandSince[0], testCommandSince[1])
	}
	dir := t.TempDir()
	providerDir := filepath.Join(dir, "provider")
	build := exec.Command("go", "build", "-o", filepath.Join(providerDir, "terraform-provider-iamv2"), ".")
	build.Dir = "../.."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	rc := filepath.Join(dir, "dev.tfrc")
	writeFile(t, rc, "provider_installation {\n  dev_overrides {\n    \"iamv2/iamv2\" = \""+providerDir+"\"\n  }\n  direct {}\n}\n")
	module := filepath.Join(dir, "module")
	if err := os.CopyFS(module, os.DirFS("../../examples/module-with-tests")); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (string, error) {
		cmd := exec.Command(cli, args...)
		cmd.Dir = module
		cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+rc, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := run("get", "-no-color"); err != nil { // installs tests/audit's module call; providers come from dev_overrides
		t.Fatalf("%s get: %v\n%s", name, err, out)
	}
	t.Run("the assertions pass", func(t *testing.T) {
		out, err := run("test", "-no-color")
		if err != nil || !strings.Contains(out, "Success! 3 passed, 0 failed.") {
			t.Fatalf("%s test: %v\n%s", name, err, out)
		}
	})
	t.Run("a Permissions management action in write_actions fails the run", func(t *testing.T) {
		out, err := run("test", "-no-color", `-var=write_actions=["iam:PutRolePolicy","lambda:UpdateFunctionCode"]`)
		if err == nil || !strings.Contains(out, "The role policy allows 1 Permissions management actions.") ||
			!strings.Contains(out, "2 passed, 1 failed") {
			t.Fatalf("%s test with a broken variable: %v, want a failed run naming the assertion\n%s", name, err, out)
		}
	})
}

// cliVersion asks the CLI for its name, version and major and minor
// version numbers.
func cliVersion(t *testing.T, cli string) (string, string, [2]int) {
	t.Helper()
	out, err := exec.Command(cli, "version", "-json").Output()
	if err != nil {
		t.Fatalf("%s version -json: %v", cli, err)
	}
	var info struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &info); err != nil {
		t.Fatalf("%s version -json: %v\n%s", cli, err, out)
	}
	var minor [2]int
	if _, err := fmt.Sscanf(info.Version, "%d.%d", &minor[0], &minor[1]); err != nil {
		t.Fatalf("%s version %q: %v", cli, info.Version, err)
	}
	name := "Terraform"
	if text, _ := exec.Command(cli, "version").Output(); strings.Contains(string(text), "OpenTofu") {
		name = "OpenTofu"
	}
	return name, info.Version, minor
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}
