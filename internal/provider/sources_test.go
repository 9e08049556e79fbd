package provider

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/iamv2/terraform-provider-iamv2/internal/console/consolefake"
	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/servicereference/srfake"
)

// catalogSource is one way to configure the provider; every foundation data
// source must answer the same on each.
type catalogSource struct {
	name     string
	provider string // the provider block
	version  *regexp.Regexp
	services string // how many services the source knows
}

// eachSource runs test once per catalog source: the embedded snapshot, the
// service reference against a local fake of its endpoint, and the console
// source against a local fake of AWS's sign-in, console and STS endpoints,
// each fake started for this test on loopback.
func eachSource(t *testing.T, test func(t *testing.T, src catalogSource)) {
	t.Run("embedded", func(t *testing.T) {
		test(t, catalogSource{name: "embedded", version: regexp.MustCompile(`^0\.21\.202609261$`), services: "456"})
	})
	t.Run("service_reference", func(t *testing.T) {
		src, _ := serviceReferenceSource(t)
		test(t, src)
	})
	t.Run("console", func(t *testing.T) {
		src, _ := consoleSource(t)
		test(t, src)
	})
}

// consoleSource starts a fake console and points the provider at it, with
// temporary credentials in the environment as the AWS SDK reads them.
func consoleSource(t *testing.T) (catalogSource, *consolefake.Server) {
	fake := consolefake.New(t)
	creds := fake.RoleCredentials()
	home := t.TempDir()
	for k, v := range map[string]string{
		"AWS_ACCESS_KEY_ID":           creds.AccessKeyID,
		"AWS_SECRET_ACCESS_KEY":       creds.SecretAccessKey,
		"AWS_SESSION_TOKEN":           creds.SessionToken,
		"AWS_CONFIG_FILE":             filepath.Join(home, "config"),
		"AWS_SHARED_CREDENTIALS_FILE": filepath.Join(home, "credentials"),
		"AWS_EC2_METADATA_DISABLED":   "true",
		"AWS_PROFILE":                 "",
	} {
		t.Setenv(k, v)
	}
	return catalogSource{
		name: "console",
		provider: fmt.Sprintf(`
provider "iamv2" {
  catalog_source   = "console"
  signin_endpoint  = %q
  console_endpoint = %q
  sts_endpoint     = %q
  cache_dir        = %q
}
`, fake.SigninURL(), fake.ConsoleURL(), fake.STSURL(), filepath.Join(home, "cache")),
		version: regexp.MustCompile(`^live`),
		// The fake serves every service of the snapshot, plus one that only
		// the console knows (its fixture "widgetpreview").
		services: "457",
	}, fake
}

// serviceReferenceSource starts a fake service reference endpoint and
// points the provider at it, with a disk cache of the test's own.
func serviceReferenceSource(t *testing.T, opts ...srfake.Option) (catalogSource, *srfake.Server) {
	fake := srfake.New(t, opts...)
	return catalogSource{
		name: "service_reference",
		provider: fmt.Sprintf(`
provider "iamv2" {
  catalog_source             = "service_reference"
  service_reference_endpoint = %q
  cache_dir                  = %q
}
`, fake.URL(), filepath.Join(t.TempDir(), "cache")),
		version: regexp.MustCompile(`^(live|v1\.\d+(\+v1\.\d+)*)@\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`),
		// The fake's index leaves out one service of the snapshot and adds
		// one only it knows (its fixture "widgetpreview").
		services: "456",
	}, fake
}

// checkSource checks a data source's source and data_version.
func (s catalogSource) checkSource(name string) resource.TestCheckFunc {
	return resource.ComposeAggregateTestCheckFunc(
		resource.TestCheckResourceAttr(name, "source", s.name),
		resource.TestMatchResourceAttr(name, "data_version", s.version),
	)
}

// testCatalogPrefixes returns the first n service prefixes of the snapshot.
func testCatalogPrefixes(n int) ([]string, error) {
	all, err := embedded.Default().Services(context.Background())
	if err != nil {
		return nil, err
	}
	prefixes := make([]string, 0, n)
	for _, s := range all[:n] {
		prefixes = append(prefixes, s.Prefix)
	}
	return prefixes, nil
}
