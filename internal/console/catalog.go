package console

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/iamv2/terraform-provider-iamv2/internal/httpx"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// SourceName is what Source reports.
const SourceName = "console"

// Catalog serves IAM metadata from the live AWS console. It is safe for
// concurrent use and does nothing on the network until first asked: then
// it signs in once, shared by all callers, and keeps every answer in
// memory (and, with a CacheDir, on disk).
type Catalog struct {
	cfg   *settings
	rt    http.RoundTripper
	plain *http.Client // no cookies, no redirects: getSigninToken
	hosts *hosts
	sec   httpx.Secrets
	disk  *httpx.DiskCache
	http  httpx.Client

	style   atomic.Int32 // index into paramlessStyles known to work, or -1
	signIns atomic.Int64

	sessions      httpx.Memo[struct{}, *session]
	indexes       httpx.Memo[struct{}, *serviceIndex]
	actionLists   httpx.Memo[string, []wireAction]
	resourceLists httpx.Memo[struct{}, map[string][]wireResource]
	keyLists      httpx.Memo[struct{}, map[string][]wireKey]
	globals       httpx.Memo[struct{}, []iam.ConditionKey]
	built         httpx.Memo[string, *iam.Service]
	raw           httpx.Memo[string, []byte]
}

var _ iam.Catalog = (*Catalog)(nil)

// New checks cfg and returns a catalog; it makes no request.
func New(ctx context.Context, cfg Config) (*Catalog, error) {
	s, err := cfg.resolve()
	if err != nil {
		return nil, err
	}
	c := &Catalog{cfg: s, hosts: newHosts(s.signin, s.console)}
	c.http = httpx.Client{Limits: s.Limits, UserAgent: s.UserAgent, Secrets: &c.sec, Debug: c.debug}
	var injected http.RoundTripper
	if s.HTTPClient != nil {
		injected = s.HTTPClient.Transport
	}
	if c.rt, err = httpx.NewTransport(injected, c.http.Limits); err != nil {
		return nil, fmt.Errorf("console: %w", err)
	}
	c.plain = &http.Client{Transport: c.rt, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	if s.CacheDir != "" {
		c.disk = &httpx.DiskCache{Dir: s.CacheDir, TTL: s.CacheTTL}
	}
	c.style.Store(-1)
	c.debug(ctx, "catalog configured", map[string]any{
		"signin_host": s.signin.Host, "console_host": s.console.Host, "region": s.Region,
		"cache_dir": s.CacheDir, "record_dir": s.RecordDir,
	})
	return c, nil
}

// Source implements iam.Catalog.
func (c *Catalog) Source() string { return SourceName }

// DataVersion implements iam.Catalog: "live@" and the UTC time the service
// list was fetched, from the console or into the disk cache. Before the
// list has been read it is "live", unless a fresh cached list exists.
func (c *Catalog) DataVersion() string {
	if idx, ok := c.indexes.Peek(struct{}{}); ok {
		return versionAt(idx.fetched)
	}
	if c.disk != nil {
		if _, at, err := c.disk.Load(c.cacheKey(apiRequest{method: "services"})); err == nil {
			return versionAt(at)
		}
	}
	return "live"
}

func versionAt(t time.Time) string { return "live@" + t.UTC().Format(time.RFC3339) }

// Services implements iam.Catalog. ActionCount is the console's own count
// when its entries carry one, else the fallback's for the same prefix (0 if
// it has none): counting exactly would cost one request per service.
func (c *Catalog) Services(ctx context.Context) ([]iam.ServiceSummary, error) {
	idx, err := c.index(ctx)
	if err != nil {
		return nil, err
	}
	return append([]iam.ServiceSummary(nil), idx.summaries...), nil
}

// Service implements iam.Catalog. The returned service is shared and must
// not be modified.
func (c *Catalog) Service(ctx context.Context, prefix string) (*iam.Service, error) {
	return c.service(ctx, prefix)
}

// GlobalConditionKeys implements iam.Catalog.
func (c *Catalog) GlobalConditionKeys(ctx context.Context) ([]iam.ConditionKey, error) {
	keys, err := c.globalKeys(ctx)
	if err != nil {
		return nil, err
	}
	return append([]iam.ConditionKey(nil), keys...), nil
}

// SignIns reports how many console sessions the catalog has opened.
func (c *Catalog) SignIns() int { return int(c.signIns.Load()) }
