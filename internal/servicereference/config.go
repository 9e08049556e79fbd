package servicereference

import (
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/httpx"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// Config configures a Catalog. The zero value reads AWS's endpoint with
// the default limits, no disk cache and the embedded snapshot as fallback.
type Config struct {
	// Endpoint is the reference's base URL, whose root serves the index.
	// https, or http on a loopback host only. Default DefaultEndpoint.
	Endpoint string
	// Limits bound each request; MaxResponseBytes defaults to
	// DefaultMaxResponseBytes rather than the shared default.
	Limits httpx.Limits
	// CacheDir, when set, keeps the index and documents on disk, with
	// their validators, so later runs revalidate rather than download, and
	// can answer (with a warning) when the endpoint is unreachable.
	CacheDir string
	// CacheTTL is how long a cached answer is used without asking the
	// endpoint. Default 24h: AWS says changes take up to a day to appear.
	CacheTTL time.Duration
	// Fallback fills what the reference does not carry and is the
	// yardstick of the plausibility checks. Default: the embedded snapshot.
	Fallback iam.Catalog
	// HTTPClient supplies the transport (its Timeout, Jar and
	// CheckRedirect are not used). Default: a transport with the limits'
	// timeouts that trusts the system roots plus AWS_CA_BUNDLE.
	HTTPClient *http.Client
	// UserAgent is sent with every request. Default httpx.UserAgent("dev").
	UserAgent string
}

// EnvEndpoint is the environment variable the provider reads for
// service_reference_endpoint, named in errors about the endpoint.
const EnvEndpoint = "IAMV2_SERVICE_REFERENCE_ENDPOINT"

// Defaults.
const (
	DefaultEndpoint         = "https://servicereference.us-east-1.amazonaws.com"
	DefaultCacheTTL         = 24 * time.Hour
	DefaultMaxResponseBytes = 8 << 20 // the largest documents are a few MiB
)

// DefaultCacheDir is a per-user cache directory for this source, or ""
// when the system has none.
func DefaultCacheDir() string { return httpx.DefaultCacheDir("service_reference") }

// minServiceShare is the smallest share of the fallback's services an
// index may list: a much shorter one is more likely broken than AWS
// retiring services, and would silently shrink every boundary built on it.
const minServiceShare = 0.8

type settings struct {
	Config
	endpoint *url.URL
}

func (cfg Config) resolve() (*settings, error) {
	s := &settings{Config: cfg}
	c := &s.Config
	if c.Endpoint == "" {
		c.Endpoint = DefaultEndpoint
	}
	u, err := httpx.ParseEndpoint("service reference", c.Endpoint)
	if err != nil {
		return nil, err
	}
	s.endpoint = u
	if c.Limits.MaxResponseBytes <= 0 {
		c.Limits.MaxResponseBytes = DefaultMaxResponseBytes
	}
	c.Limits = c.Limits.WithDefaults()
	if c.CacheTTL <= 0 {
		c.CacheTTL = DefaultCacheTTL
	}
	if c.Fallback == nil {
		c.Fallback = embedded.Default()
	}
	if c.UserAgent == "" {
		c.UserAgent = httpx.UserAgent("")
	}
	if c.HTTPClient != nil && httpx.SkipsVerification(c.HTTPClient.Transport) {
		return nil, fmt.Errorf("the HTTP client skips TLS certificate verification; trust the certificate authority instead (SSL_CERT_FILE)")
	}
	return s, nil
}
