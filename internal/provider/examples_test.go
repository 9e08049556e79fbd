package provider

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/iamv2/terraform-provider-iamv2/internal/servicereference/srfake"
)

// exampleChecks holds what must be true after applying an example, beyond
// applying cleanly. Every example directory runs, listed here or not.
var exampleChecks = map[string]resource.TestCheckFunc{
	"demo": resource.TestMatchOutput("table", regexp.MustCompile(
		`(?m)^cloudtrail:DescribeTrails\s+Read\s+ReadOnly, ReadWrite$`)),
	"permission-boundary": resource.ComposeAggregateTestCheckFunc(
		resource.TestCheckOutput("read_only_coverage", "0.9709"),
		resource.TestCheckOutput("team_fits_one_managed_policy", "true"),
		resource.TestMatchOutput("team_boundary", regexp.MustCompile(`\{"Action":\["lambda:UpdateFunctionCode","lambda:PublishVersion"\],"Effect":"Allow","Resource":"\*","Sid":"Deploy"\}`)),
		resource.TestMatchOutput("team_boundary", regexp.MustCompile(`"iam:PermissionsBoundary":"arn:aws:iam::123456789012:policy/team/team-boundary"`)),
		resource.TestCheckResourceAttr("data.iamv2_permission_boundary.team", "ungranted_actions.#", "0"),
	),
	"view-only-boundary": resource.ComposeAggregateTestCheckFunc(
		resource.TestCheckOutput("coverage", "0.9993"),
		resource.TestCheckOutput("is_read_only", "true"),
		resource.TestCheckOutput("grants_data_reads", "false"),
	),
	"policy-assertions": resource.ComposeAggregateTestCheckFunc(
		resource.TestCheckResourceAttr("data.iamv2_policy_expansion.auditor", "is_read_only", "true"),
		resource.TestCheckResourceAttr("data.iamv2_policy_validation.auditor", "findings.#", "0"),
		resource.TestMatchOutput("auditor_actions", regexp.MustCompile(`^[1-9][0-9]+$`)),
	),
	"data-sources/iamv2_policy_expansion": resource.ComposeAggregateTestCheckFunc(
		resource.TestCheckResourceAttr("data.iamv2_policy_expansion.ops", "non_read_only_actions.0", "ec2:RebootInstances"),
		resource.TestCheckResourceAttr("data.iamv2_policy_expansion.ops", "statements.0.actions.%", "0"),
		resource.TestCheckResourceAttr("data.iamv2_policy_expansion.restart_detail", "statements.0.actions.%", "2"),
		resource.TestCheckResourceAttr("data.iamv2_policy_expansion.restart_detail", "statements.0.actions.ec2:StartInstances", "Write"),
	),
	"functions/access_level":           resource.TestCheckOutput("get_object_level", "Read"),
	"functions/policy_allowed_actions": resource.TestCheckOutput("can_stop_logging", "true"),
	"functions/policy_actions_summary": resource.TestCheckOutput("reader_read_actions", "1"),
	"functions/no_public_access":       resource.TestCheckOutput("reports_are_private", "true"),
	"functions/access_not_granted":     resource.TestCheckOutput("deployer_creates_no_users", "true"),
	"functions/no_new_access":          resource.TestCheckOutput("proposed_grants_nothing_new", "true"),
	"functions/policy_size": resource.ComposeAggregateTestCheckFunc(
		resource.TestCheckOutput("deployer_policy_size", "137"),
		resource.TestCheckOutput("role_inline_total", "240"),
		resource.TestCheckOutput("trust_fits", "true"),
	),
	"data-sources/iamv2_permission_boundary": resource.TestCheckOutput("team_coverage", "0.9909"),
	"data-sources/iamv2_policy_fit": resource.ComposeAggregateTestCheckFunc(
		resource.TestCheckResourceAttr("data.iamv2_policy_fit.team", "documents.#", "1"),
		resource.TestCheckResourceAttr("data.iamv2_policy_fit.team", "char_counts.0", "215"),
	),
	"boundary-drift":   resource.TestCheckOutput("exposed_patterns", "182"),
	"snapshot-version": resource.TestMatchOutput("data_version", regexp.MustCompile(`^embedded 0\.21\.202609261: 456 services$`)),
	"console-source": resource.ComposeAggregateTestCheckFunc(
		resource.TestMatchOutput("answered_by", regexp.MustCompile(`^console live@`)),
		resource.TestCheckOutput("autoscaling_role", "AWSServiceRoleForAutoScaling"),
	),
	"data-sources/iamv2_service_linked_role_template": resource.TestCheckResourceAttr(
		"data.iamv2_service_linked_role_template.autoscaling", "permissions_policies.0.name", "AutoScalingServiceRolePolicy"),
	"data-sources/iamv2_policy_validation": resource.ComposeAggregateTestCheckFunc(
		resource.TestCheckResourceAttr("data.iamv2_policy_validation.deployer", "findings.0.code", "PRIVILEGE_ESCALATION"),
		resource.TestCheckOutput("website_is_public", "true"),
	),
	"data-sources/iamv2_policy_summary": resource.TestCheckResourceAttr("data.iamv2_policy_summary.ops",
		"services.1.summary", "Limited: List, Write"),
	"data-sources/iamv2_services":          resource.TestCheckTypeSetElemAttr("data.iamv2_services.cloud", "prefixes.*", "cloudtrail"),
	"data-sources/iamv2_service_actions":   resource.TestMatchOutput("ec2_read_actions", regexp.MustCompile(`^[1-9][0-9]{2}$`)),
	"service-reference-source":             resource.TestMatchOutput("answered_by", regexp.MustCompile(`^service_reference v1\.4@`)),
	"data-sources/iamv2_catalog_changes":   resource.TestCheckResourceAttr("data.iamv2_catalog_changes.boundary", "added_action_count", "2"),
	"data-sources/iamv2_operation_actions": resource.TestCheckResourceAttr("data.iamv2_operation_actions.deployer", "actions.0", "lambda:CreateFunction"),
}

// exampleSetups prepare the environment an example needs: the console
// example signs in to a local fake, found through the environment variables
// a user would set to reach a proxy.
var exampleSetups = map[string]func(t *testing.T){
	"console-source": useFakeConsole,
	"data-sources/iamv2_service_linked_role_template": func(t *testing.T) {
		useFakeConsole(t)
		t.Setenv(EnvSource, "console")
	},
	"service-reference-source":             useFakeServiceReference,
	"boundary-drift":                       useFakeServiceReference,
	"data-sources/iamv2_catalog_changes":   useFakeServiceReference,
	"data-sources/iamv2_operation_actions": useFakeServiceReference,
}

// useFakeServiceReference points the service reference source at a local
// fake, through the environment variables a user would set for a mirror.
func useFakeServiceReference(t *testing.T) {
	fake := srfake.New(t)
	t.Setenv(EnvSource, "service_reference")
	t.Setenv("IAMV2_SERVICE_REFERENCE_ENDPOINT", fake.URL())
	t.Setenv("IAMV2_CONSOLE_CACHE_DIR", t.TempDir())
}

func useFakeConsole(t *testing.T) {
	_, fake := consoleSource(t)
	t.Setenv("IAMV2_CONSOLE_SIGNIN_ENDPOINT", fake.SigninURL())
	t.Setenv("IAMV2_CONSOLE_ENDPOINT", fake.ConsoleURL())
	t.Setenv("IAMV2_CONSOLE_STS_ENDPOINT", fake.STSURL())
	t.Setenv("IAMV2_CONSOLE_CACHE_DIR", t.TempDir())
}

// TestAccExamples applies every example under examples/ with the real
// Terraform CLI, so the documentation cannot drift from what works.
func TestAccExamples(t *testing.T) {
	dirs := exampleDirs(t, "../../examples")
	if len(dirs) < 6 {
		t.Fatalf("found %d example directories, want at least 6: %v", len(dirs), dirs)
	}
	for _, dir := range dirs {
		name := filepath.ToSlash(strings.TrimPrefix(dir, "../../examples/"))
		t.Run(name, func(t *testing.T) {
			if setup := exampleSetups[name]; setup != nil {
				setup(t)
			}
			check := exampleChecks[name]
			if check == nil {
				check = func(*terraform.State) error { return nil }
			}
			var versions []tfversion.TerraformVersionCheck
			if strings.HasPrefix(name, "functions/") {
				versions = functionCLIs
			}
			resource.UnitTest(t, resource.TestCase{
				TerraformVersionChecks:   versions,
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config: readExample(t, dir),
					Check:  check,
				}},
			})
		})
	}
}

// exampleDirs lists the directories under root that hold .tf files.
func exampleDirs(t *testing.T, root string) []string {
	seen := map[string]bool{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() && d.Name() == "tests" {
			return filepath.SkipDir // a module's `terraform test` helpers, run by TestAccModuleWithTests
		}
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".tf") {
			seen[filepath.Dir(p)] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	dirs := make([]string, 0, len(seen))
	for d := range seen {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	return dirs
}

func readExample(t *testing.T, dir string) string {
	files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil {
		t.Fatal(err)
	}
	var config strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		config.Write(b)
		config.WriteString("\n")
	}
	return config.String()
}
