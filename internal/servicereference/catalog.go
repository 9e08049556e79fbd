package servicereference

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/iamv2/terraform-provider-iamv2/internal/httpx"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// SourceName is what Source reports.
const SourceName = "service_reference"

// Catalog serves IAM metadata from the Service Authorization Reference.
// It is safe for concurrent use and does nothing on the network until
// first asked; then it reads the index and each service's document at
// most once per process, one request shared by concurrent callers.
type Catalog struct {
	cfg    *settings
	client *http.Client
	http   httpx.Client
	disk   *httpx.DiskCache

	indexes httpx.Memo[struct{}, *serviceIndex]
	built   httpx.Memo[string, *built]

	mu        sync.Mutex
	versions  map[string]bool // the documents' Version values seen
	notices   []string
	delivered int
}

var _ iam.Catalog = (*Catalog)(nil)

// New checks cfg and returns a catalog; it makes no request.
func New(cfg Config) (*Catalog, error) {
	s, err := cfg.resolve()
	if err != nil {
		return nil, err
	}
	var injected http.RoundTripper
	if s.HTTPClient != nil {
		injected = s.HTTPClient.Transport
	}
	rt, err := httpx.NewTransport(injected, s.Limits)
	if err != nil {
		return nil, err
	}
	c := &Catalog{
		cfg: s,
		// No redirects: a document is where the endpoint says, and nothing
		// is sent anywhere else.
		client:   &http.Client{Transport: rt, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }},
		http:     httpx.Client{Limits: s.Limits, UserAgent: s.UserAgent, Debug: debug},
		versions: map[string]bool{},
	}
	if s.CacheDir != "" {
		c.disk = &httpx.DiskCache{Dir: s.CacheDir, TTL: s.CacheTTL}
	}
	return c, nil
}

func debug(ctx context.Context, msg string, fields map[string]any) {
	tflog.Debug(ctx, "service reference: "+msg, fields)
}

// Endpoint is the base URL the catalog reads.
func (c *Catalog) Endpoint() string { return c.cfg.endpoint.String() }

// Source implements iam.Catalog.
func (c *Catalog) Source() string { return SourceName }

// DataVersion implements iam.Catalog: the reference's Version of the
// documents read so far (several joined by "+") and the UTC time the index
// was fetched, such as "v1.4@2026-12-01T10:00:00Z"; "live@<time>" before
// any document was read, and "live" before the index was.
func (c *Catalog) DataVersion() string {
	idx, ok := c.indexes.Peek(struct{}{})
	if !ok {
		return "live"
	}
	c.mu.Lock()
	versions := make([]string, 0, len(c.versions))
	for v := range c.versions {
		versions = append(versions, v)
	}
	c.mu.Unlock()
	sort.Strings(versions)
	label := "live"
	if len(versions) > 0 {
		label = strings.Join(versions, "+")
	}
	return label + "@" + idx.fetched.UTC().Format(time.RFC3339)
}

// TakeNotices returns the warnings raised since the last call, each once:
// stale answers from the cache and actions whose access level is unknown.
func (c *Catalog) TakeNotices() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := append([]string(nil), c.notices[c.delivered:]...)
	c.delivered = len(c.notices)
	return out
}

func (c *Catalog) notify(ctx context.Context, msg string) {
	tflog.Warn(ctx, msg)
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, n := range c.notices {
		if n == msg {
			return
		}
	}
	c.notices = append(c.notices, msg)
}

// serviceIndex is the decoded index.
type serviceIndex struct {
	summaries []iam.ServiceSummary // sorted by prefix
	modified  map[string]string    // prefix → the index's modification stamp
	fetched   time.Time
}

func (c *Catalog) index(ctx context.Context) (*serviceIndex, error) {
	return c.indexes.Get(ctx, struct{}{}, func(ctx context.Context) (*serviceIndex, error) {
		fallback, err := c.cfg.Fallback.Services(ctx)
		if err != nil {
			return nil, fmt.Errorf("service reference: reading the fallback's services: %w", err)
		}
		var entries []wireIndexEntry
		at, err := c.get(ctx, resource{what: "index", path: "/", check: func(b []byte) error {
			var err error
			entries, err = decodeIndex(b)
			return err
		}})
		if err != nil {
			return nil, err
		}
		return c.decodeIndex(entries, fallback, at)
	})
}

func (c *Catalog) decodeIndex(entries []wireIndexEntry, fallback []iam.ServiceSummary, at time.Time) (*serviceIndex, error) {
	fb := make(map[string]iam.ServiceSummary, len(fallback))
	for _, s := range fallback {
		fb[s.Prefix] = s
	}
	idx := &serviceIndex{modified: map[string]string{}, fetched: at}
	for _, e := range entries {
		if _, dup := idx.modified[e.Service]; dup {
			continue
		}
		idx.modified[e.Service] = e.Modified
		f := fb[e.Service]
		idx.summaries = append(idx.summaries, iam.ServiceSummary{Prefix: e.Service, Name: firstOf(f.Name, e.Service), ActionCount: f.ActionCount})
	}
	if floor := int(minServiceShare * float64(len(fallback))); len(idx.summaries) < max(1, floor) {
		return nil, fail("index", ErrImplausibleCatalog, 0,
			"%s lists %d services where the %s catalog (%s) has %d; refusing an index this short, since anything built from it would silently lose permissions",
			c.cfg.endpoint, len(idx.summaries), c.cfg.Fallback.Source(), c.cfg.Fallback.DataVersion(), len(fallback))
	}
	sort.Slice(idx.summaries, func(i, j int) bool { return idx.summaries[i].Prefix < idx.summaries[j].Prefix })
	return idx, nil
}

// Services implements iam.Catalog. Names and ActionCount come from the
// fallback for the same prefix (the prefix and 0 when it has none): the
// index carries neither, and counting would cost a request per service.
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
	b, err := c.service(ctx, prefix)
	if err != nil {
		return nil, err
	}
	return b.svc, nil
}

// Operations returns the SDK operations the reference publishes for a
// service, and whether it publishes any: many services do not.
func (c *Catalog) Operations(ctx context.Context, prefix string) ([]Operation, bool, error) {
	b, err := c.service(ctx, prefix)
	if err != nil {
		return nil, false, err
	}
	return b.operations, b.published, nil
}

func (c *Catalog) service(ctx context.Context, prefix string) (*built, error) {
	idx, err := c.index(ctx)
	if err != nil {
		return nil, err
	}
	prefix = strings.ToLower(prefix)
	modified, ok := idx.modified[prefix]
	if !ok {
		return nil, iam.NewUnknownServiceError(prefix, idx.summaries)
	}
	return c.built.Get(ctx, prefix, func(ctx context.Context) (*built, error) {
		what := "service " + prefix
		var doc *wireDocument
		check := func(b []byte) error {
			var err error
			doc, err = decodeDocument(b, prefix)
			return err
		}
		if _, err := c.get(ctx, resource{what: what, path: documentPath(prefix), modified: modified, check: check}); err != nil {
			return nil, err
		}
		fb, err := c.cfg.Fallback.Service(ctx, prefix)
		switch {
		case iam.IsUnknownService(err):
			fb = nil
		case err != nil:
			return nil, fmt.Errorf("service reference: fallback catalog, service %q: %w", prefix, err)
		}
		b, err := buildService(prefix, doc, fb)
		if err != nil {
			return nil, fail(what, ErrBadResponse, 0, "%v", err)
		}
		if len(b.svc.Actions) == 0 && fb != nil && len(fb.Actions) > 0 {
			return nil, fail(what, ErrImplausibleCatalog, 0,
				"the document lists no actions for a service the %s catalog gives %d; refusing to serve it empty",
				c.cfg.Fallback.Source(), len(fb.Actions))
		}
		if len(b.unleveled) > 0 {
			c.notify(ctx, fmt.Sprintf("The service reference gives no access level for %s, and the %s catalog does not know %s: %s reported without one, never as Read.",
				qualified(prefix, b.unleveled), c.cfg.Fallback.Source(), pronoun(len(b.unleveled)), verb(len(b.unleveled))))
		}
		if doc.Version != "" {
			c.mu.Lock()
			c.versions[doc.Version] = true
			c.mu.Unlock()
		}
		return b, nil
	})
}

// GlobalConditionKeys implements iam.Catalog with the fallback's keys: the
// service documents carry only service keys.
func (c *Catalog) GlobalConditionKeys(ctx context.Context) ([]iam.ConditionKey, error) {
	return c.cfg.Fallback.GlobalConditionKeys(ctx)
}

func qualified(prefix string, names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = prefix + ":" + n
	}
	return strings.Join(q, ", ")
}

func pronoun(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

func verb(n int) string {
	if n == 1 {
		return "it is"
	}
	return "they are"
}
