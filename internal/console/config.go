package console

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/httpx"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// Config configures a console Catalog. The zero value signs in to the
// commercial AWS partition with the default credential chain.
type Config struct {
	// Region is passed to the console home page and to the actions method,
	// and is the region of the STS client. Default us-east-1.
	Region string
	// Profile, SharedConfigFiles and SharedCredentialsFiles steer the AWS
	// SDK's default credential chain.
	Profile                string
	SharedConfigFiles      []string
	SharedCredentialsFiles []string

	// SigninEndpoint is the federation endpoint's base URL.
	// Default https://signin.aws.amazon.com.
	SigninEndpoint string
	// ConsoleEndpoint is the console's base URL, which serves the IAM
	// console page and its API. Default https://us-east-1.console.aws.amazon.com.
	ConsoleEndpoint string
	// STSEndpoint overrides the STS endpoint used for GetFederationToken.
	STSEndpoint string
	// SessionDuration, when set, is sent to getSigninToken to ask for a
	// console session of that length (15 minutes to 12 hours). It is never
	// sent for credentials from GetFederationToken, which the endpoint refuses.
	SessionDuration time.Duration

	// Limits bound each request: timeouts, retries, backoff and the body
	// size cap (default MaxResponseBytes), with httpx's defaults.
	Limits httpx.Limits

	// CacheDir, when set, keeps catalog responses on disk so that later
	// runs need not sign in. DefaultCacheDir suggests a location.
	CacheDir string
	// CacheTTL is how long a cached response is used. Default 24h.
	CacheTTL time.Duration
	// RecordDir, when set, receives every raw API response, with secrets
	// redacted, named as the fake's fixtures are. Empty means the value of
	// the environment variable IAMV2_CONSOLE_RECORD_DIR.
	RecordDir string

	// Fallback fills what the console does not say (resource rows, required
	// flags, dependent actions, missing descriptions) and is the yardstick
	// of the plausibility checks. Default: the embedded snapshot.
	Fallback iam.Catalog

	// HTTPClient supplies the transport for every request (its Jar,
	// CheckRedirect and Timeout are not used). A transport that skips TLS
	// verification is refused. Default: a transport with the timeouts above.
	HTTPClient *http.Client
	// Credentials replaces the default credential chain.
	Credentials aws.CredentialsProvider
	// UserAgent is sent with every request to the console and sign-in
	// endpoints. Default httpx.UserAgent("dev").
	UserAgent string
}

// Environment variables. The package reads only EnvRecordDir; the others
// are the names suggested for the provider's configuration.
const (
	EnvRecordDir       = "IAMV2_CONSOLE_RECORD_DIR"
	EnvRegion          = "IAMV2_CONSOLE_REGION"
	EnvSigninEndpoint  = "IAMV2_CONSOLE_SIGNIN_ENDPOINT"
	EnvConsoleEndpoint = "IAMV2_CONSOLE_ENDPOINT"
	EnvSTSEndpoint     = "IAMV2_CONSOLE_STS_ENDPOINT"
	EnvCacheDir        = "IAMV2_CONSOLE_CACHE_DIR"
	EnvCacheTTL        = "IAMV2_CONSOLE_CACHE_TTL"
)

// Defaults.
const (
	DefaultRegion          = "us-east-1"
	DefaultSigninEndpoint  = "https://signin.aws.amazon.com"
	DefaultConsoleEndpoint = "https://us-east-1.console.aws.amazon.com"
	DefaultCacheTTL        = 24 * time.Hour
	DefaultMaxRetries      = httpx.DefaultMaxRetries
)

// MaxResponseBytes caps every response body.
const MaxResponseBytes = httpx.DefaultMaxResponseBytes

// DefaultCacheDir is a per-user cache directory for the console source,
// or "" when the system has none.
func DefaultCacheDir() string { return httpx.DefaultCacheDir(SourceName) }

// settings is a Config with defaults applied and endpoints parsed.
type settings struct {
	Config
	signin, console *url.URL
}

func (cfg Config) resolve() (*settings, error) {
	s := &settings{Config: cfg}
	c := &s.Config
	c.Region = or(c.Region, DefaultRegion)
	c.Limits = c.Limits.WithDefaults()
	if c.CacheTTL <= 0 {
		c.CacheTTL = DefaultCacheTTL
	}
	c.UserAgent = or(c.UserAgent, httpx.UserAgent(""))
	if c.RecordDir == "" {
		c.RecordDir = os.Getenv(EnvRecordDir)
	}
	if c.Fallback == nil {
		c.Fallback = embedded.Default()
	}
	if c.SessionDuration != 0 && (c.SessionDuration < 15*time.Minute || c.SessionDuration > 12*time.Hour) {
		return nil, fmt.Errorf("console: session duration %s is outside 15m to 12h", c.SessionDuration)
	}
	var err error
	signin, console := partitionEndpoints(c.Region)
	if s.signin, err = parseEndpoint("sign-in", or(c.SigninEndpoint, signin)); err != nil {
		return nil, err
	}
	if s.console, err = parseEndpoint("console", or(c.ConsoleEndpoint, console)); err != nil {
		return nil, err
	}
	if c.STSEndpoint != "" {
		if _, err := parseEndpoint("STS", c.STSEndpoint); err != nil {
			return nil, err
		}
	}
	if c.HTTPClient != nil && httpx.SkipsVerification(c.HTTPClient.Transport) {
		return nil, fmt.Errorf("console: the HTTP client skips TLS certificate verification, which would expose AWS credentials; trust the certificate authority instead (SSL_CERT_FILE)")
	}
	return s, nil
}

// partitionEndpoints gives the sign-in and console hosts of the partition
// a region belongs to: AWS China and GovCloud have their own.
func partitionEndpoints(region string) (signin, console string) {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "https://signin.amazonaws.cn", "https://console.amazonaws.cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "https://signin.amazonaws-us-gov.com", "https://console.amazonaws-us-gov.com"
	case region == DefaultRegion:
		return DefaultSigninEndpoint, DefaultConsoleEndpoint
	}
	return DefaultSigninEndpoint, "https://" + region + ".console.aws.amazon.com"
}

// parseEndpoint accepts an https URL, or plain http on a loopback host
// (a local fake): tokens must never cross a network in clear text.
func parseEndpoint(what, raw string) (*url.URL, error) {
	u, err := httpx.ParseEndpoint(what, raw)
	if err != nil {
		return nil, fmt.Errorf("console: %w", err)
	}
	return u, nil
}

func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
