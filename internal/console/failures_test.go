package console

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/iamv2/terraform-provider-iamv2/internal/console/consolefake"
)

// failureCase is one way the flow can fail, and the error it must give.
type failureCase struct {
	name     string
	setup    func(fake *consolefake.Server, cfg *Config)
	call     func(ctx context.Context, c *Catalog) error // default: Services
	kind     error
	contains string
}

func failWith(target string, f consolefake.Fault) func(*consolefake.Server, *Config) {
	return func(fake *consolefake.Server, _ *Config) { fake.Fail(target, -1, f) }
}

func readS3(ctx context.Context, c *Catalog) error {
	_, err := c.Service(ctx, "s3")
	return err
}

func failureCases() []failureCase {
	kind := consolefake.Kind
	return []failureCase{
		{name: "sign-in token refused", kind: ErrTemporaryCredentialsRequired, contains: "accepts only temporary credentials",
			setup: func(fake *consolefake.Server, cfg *Config) {
				role := fake.RoleCredentials()
				cfg.Credentials = static(aws.Credentials{AccessKeyID: role.AccessKeyID, SecretAccessKey: role.SecretAccessKey, SessionToken: "forged-session-token-value"})
			}},
		{name: "STS refuses the keys", kind: ErrCredentials, contains: "SignatureDoesNotMatch",
			setup: func(fake *consolefake.Server, cfg *Config) {
				user := fake.UserCredentials()
				cfg.Credentials = static(aws.Credentials{AccessKeyID: user.AccessKeyID, SecretAccessKey: "wrong-secret-access-key"})
			}},
		{name: "no CSRF meta tag", kind: ErrNoCSRFToken, contains: "awsc-csrf-token", setup: failWith(consolefake.TargetHome, kind(consolefake.FaultNoCSRF))},
		{name: "login lands on a login page", kind: ErrLoginRedirect, contains: "sign-in page", setup: failWith(consolefake.TargetLogin, kind(consolefake.FaultLoginRedirect))},
		{name: "console page redirects to login", kind: ErrLoginRedirect, contains: "login page", setup: failWith(consolefake.TargetHome, kind(consolefake.FaultLoginRedirect))},
		{name: "HTML instead of JSON", kind: ErrBadResponse, contains: "HTML page", setup: failWith("services", kind(consolefake.FaultHTML))},
		{name: "empty body", kind: ErrBadResponse, contains: "empty", setup: failWith("services", kind(consolefake.FaultEmpty))},
		{name: "truncated JSON", kind: ErrBadResponse, contains: "truncated JSON", setup: failWith("services", kind(consolefake.FaultTruncated))},
		{name: "error envelope with 200", kind: ErrErrorResponse, contains: "InternalFailure: Simulated failure", call: readS3, setup: failWith("actions", kind(consolefake.FaultErrorEnvelope))},
		{name: "error envelope, parameterless", kind: ErrErrorResponse, contains: "Simulated failure", setup: failWith("services", kind(consolefake.FaultErrorEnvelope))},
		{name: "body over 32 MiB", kind: ErrResponseTooLarge, contains: "32 MiB", setup: failWith("services", kind(consolefake.FaultOversize))},
		{name: "null services", kind: ErrBadResponse, contains: "null instead of a list", setup: failWith("services", kind(consolefake.FaultNull))},
		{name: "null actions", kind: ErrBadResponse, contains: "null instead of a list", call: readS3, setup: failWith("actions", kind(consolefake.FaultNull))},
		{name: "services without keys", kind: ErrBadResponse, contains: "no serviceKeyName", setup: failWith("services", kind(consolefake.FaultMissingFields))},
		{name: "actions without names", kind: ErrBadResponse, contains: "no actionName", call: readS3, setup: failWith("actions", kind(consolefake.FaultMissingFields))},
		{name: "resources without names", kind: ErrBadResponse, contains: "no resourceName", call: readS3, setup: failWith("resources", kind(consolefake.FaultMissingFields))},
		{name: "unknown action group", kind: ErrBadResponse, contains: `unknown action group "SuperUser"`, call: readS3, setup: failWith("actions", kind(consolefake.FaultUnknownGroup))},
		{name: "implausibly few services", kind: ErrImplausibleCatalog, contains: "listed 10 services", setup: failWith("services", kind(consolefake.FaultFewServices))},
		{name: "no global keys", kind: ErrImplausibleCatalog, contains: "no global condition keys",
			call:  func(ctx context.Context, c *Catalog) error { _, err := c.GlobalConditionKeys(ctx); return err },
			setup: failWith("globalConditionKeys", kind(consolefake.FaultEmptyList))},
		{name: "no actions", kind: ErrImplausibleCatalog, contains: "listed no actions", call: readS3, setup: failWith("actions", kind(consolefake.FaultEmptyList))},
		{name: "no services", kind: ErrImplausibleCatalog, contains: "listed 0 services", setup: failWith("services", kind(consolefake.FaultEmptyList))},
		{name: "client error", kind: ErrErrorResponse, contains: "HTTP 404", setup: failWith("services", consolefake.Status(404))},
	}
}

func TestFailuresGiveClearErrors(t *testing.T) {
	for _, tc := range failureCases() {
		t.Run(tc.name, func(t *testing.T) {
			fake := consolefake.New(t)
			cfg := fakeConfig(fake)
			cfg.Limits.MaxRetries = 1
			tc.setup(fake, &cfg)
			call := tc.call
			if call == nil {
				call = func(ctx context.Context, c *Catalog) error { _, err := c.Services(ctx); return err }
			}
			err := call(t.Context(), newCatalog(t, cfg))
			t.Log(err)
			if !errors.Is(err, tc.kind) {
				t.Fatalf("error %v, want kind %v", err, tc.kind)
			}
			if !strings.Contains(err.Error(), tc.contains) {
				t.Errorf("error %q does not say %q", err, tc.contains)
			}
			if len(err.Error()) > 700 {
				t.Errorf("error of %d characters: bodies must not be dumped", len(err.Error()))
			}
			var e *Error
			if !errors.As(err, &e) || e.Op == "" {
				t.Errorf("not an *Error naming its step: %#v", err)
			}
		})
	}
}
