package console

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/iamv2/terraform-provider-iamv2/internal/console/consolefake"
	"github.com/iamv2/terraform-provider-iamv2/internal/httpx"
)

// TestMain keeps the SDK's credential chain away from the machine's own
// configuration and from instance metadata: tests never reach AWS.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "console-test-home")
	must(err)
	for k, v := range map[string]string{
		"AWS_CONFIG_FILE":             filepath.Join(dir, "config"),
		"AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "credentials"),
		"AWS_EC2_METADATA_DISABLED":   "true",
		EnvRecordDir:                  "",
	} {
		must(os.Setenv(k, v))
	}
	for _, k := range []string{"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CA_BUNDLE"} {
		must(os.Unsetenv(k))
	}
	code := m.Run()
	must(os.RemoveAll(dir))
	os.Exit(code)
}

// fakeConfig points a Config at fake, with the user's long-term keys and
// retries quick enough for tests.
func fakeConfig(fake *consolefake.Server) Config {
	return Config{
		SigninEndpoint:  fake.SigninURL(),
		ConsoleEndpoint: fake.ConsoleURL(),
		STSEndpoint:     fake.STSURL(),
		Credentials:     static(fake.UserCredentials()),
		Limits: httpx.Limits{
			RetryBaseDelay: 5 * time.Millisecond,
			RetryMaxDelay:  50 * time.Millisecond,
			RequestTimeout: 5 * time.Second,
			TotalTimeout:   20 * time.Second,
		},
	}
}

func static(c aws.Credentials) aws.CredentialsProvider {
	return credentials.StaticCredentialsProvider{Value: c}
}

func newCatalog(t testing.TB, cfg Config) *Catalog {
	t.Helper()
	c, err := New(t.Context(), cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

// must stops TestMain, which has no testing.T to fail.
func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}
