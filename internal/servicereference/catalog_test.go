package servicereference

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/iamv2/terraform-provider-iamv2/internal/httpx"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/servicereference/srfake"
)

func newCatalog(t testing.TB, cfg Config) *Catalog {
	t.Helper()
	cfg.Limits.RetryBaseDelay = orDur(cfg.Limits.RetryBaseDelay, 5*time.Millisecond)
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func orDur(v, def time.Duration) time.Duration {
	if v == 0 {
		return def
	}
	return v
}

// Access levels come from Annotations.Properties; the flags are not
// mutually exclusive, so permissions management wins over tagging, tagging
// over write, write over list, and none set is Read. (Service Authorization
// Reference, "Simplified AWS service information for programmatic access",
// additional field definitions.)
func TestAccessLevelFromPropertiesInDocumentedOrder(t *testing.T) {
	for _, c := range []struct {
		name string
		p    wireProperties
		want iam.AccessLevel
	}{
		{"no flag is Read", wireProperties{}, iam.Read},
		{"IsList is List", wireProperties{IsList: true}, iam.List},
		{"IsWrite beats IsList", wireProperties{IsWrite: true, IsList: true}, iam.Write},
		{"IsTaggingOnly beats IsWrite", wireProperties{IsTaggingOnly: true, IsWrite: true}, iam.Tagging},
		{"IsPermissionManagement beats everything", wireProperties{IsPermissionManagement: true, IsTaggingOnly: true, IsWrite: true, IsList: true}, iam.PermissionsManagement},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := levelOf(c.p); got != c.want {
				t.Errorf("level = %s, want %s", got, c.want)
			}
		})
	}
}

func TestConditionKeyTypesMapToTheModel(t *testing.T) {
	for in, want := range map[string]string{"ArrayOfString": "ArrayOfString", "Boolean": "Bool", "ArrayOfBoolean": "ArrayOfBool", "Long": "Numeric", "IPAddress": "IPAddress", "Arn": "ARN", "Mystery": "Mystery"} {
		if got := keyType([]string{in}); got != want {
			t.Errorf("keyType(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReadsTheIndexAndDocuments(t *testing.T) {
	fake := srfake.New(t)
	c := newCatalog(t, Config{Endpoint: fake.URL()})
	ctx := t.Context()
	if got := c.DataVersion(); got != "live" {
		t.Errorf("DataVersion before any read = %q", got)
	}
	services, err := c.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(services) != len(fake.Services()) || services[0].Prefix != "a2c" {
		t.Errorf("%d services, first %v", len(services), services[0])
	}
	trail, err := c.Service(ctx, "CloudTrail")
	if err != nil {
		t.Fatal(err)
	}
	a, ok := trail.Action("DescribeQuery")
	if !ok || a.AccessLevel != iam.Read || !strings.HasPrefix(a.Description, "Grants permission") ||
		len(a.ResourceTypes) == 0 || !a.ResourceTypes[0].Required {
		t.Errorf("DescribeQuery = %+v: the level is live, description and required flags the snapshot's", a)
	}
	if trail.Name != "AWS CloudTrail" {
		t.Errorf("display name %q, want the snapshot's", trail.Name)
	}
	if !regexp.MustCompile(`^v1\.4@\d{4}-\d\d-\d\dT`).MatchString(c.DataVersion()) {
		t.Errorf("DataVersion = %q", c.DataVersion())
	}
	if _, err := c.Service(ctx, srfake.Removed); !iam.IsUnknownService(err) {
		t.Errorf("a service the index leaves out: %v", err)
	}
}

// pricing.json: the reference decides which actions exist and their
// levels; an action without Annotations keeps the snapshot's level;
// resource types and keys are the document's.
func TestDocumentIsTheAuthorityTheSnapshotFillsGaps(t *testing.T) {
	c := newCatalog(t, Config{Endpoint: srfake.New(t).URL()})
	svc, err := c.Service(t.Context(), "pricing")
	if err != nil {
		t.Fatal(err)
	}
	levels := map[string]iam.AccessLevel{}
	for _, a := range svc.Actions {
		levels[a.Name] = a.AccessLevel
	}
	want := map[string]iam.AccessLevel{"DescribeServices": iam.Read, "GetAttributeValues": iam.Read, "GetPriceListFileUrl": iam.Read, "GetProducts": iam.List, "PutPriceAlert": iam.Write}
	if len(levels) != len(want) {
		t.Errorf("actions %v, want %v", levels, want)
	}
	for name, l := range want {
		if levels[name] != l {
			t.Errorf("%s: %s, want %s", name, levels[name], l)
		}
	}
	if rt, ok := svc.ResourceType("pricelist"); !ok || !strings.HasPrefix(rt.ARN, "arn:${Partition}:pricing:") {
		t.Errorf("resource type pricelist: %+v", rt)
	}
	if k, ok := svc.ConditionKey("pricing:ServiceCode"); !ok || k.Type != "String" {
		t.Errorf("condition key: %+v", k)
	}
	if notes := c.TakeNotices(); len(notes) != 0 {
		t.Errorf("notices %q", notes)
	}
}

// sustainability.json has no Resources, ConditionKeys or Operations, and
// an action nobody gives a level: it is kept, without a level, and said.
func TestMissingKeysAndUnknownLevels(t *testing.T) {
	c := newCatalog(t, Config{Endpoint: srfake.New(t).URL()})
	svc, err := c.Service(t.Context(), "sustainability")
	if err != nil {
		t.Fatal(err)
	}
	a, ok := svc.Action("GetCarbonFootprintReport")
	if !ok || a.AccessLevel.Valid() {
		t.Errorf("unannotated unknown action = %+v, %v; want it kept without a level", a, ok)
	}
	notes := c.TakeNotices()
	if len(notes) != 1 || !strings.Contains(notes[0], "sustainability:GetCarbonFootprintReport") || !strings.Contains(notes[0], "never as Read") {
		t.Errorf("notices = %q", notes)
	}
	if again := c.TakeNotices(); len(again) != 0 {
		t.Errorf("a notice is delivered once: %q", again)
	}
	if _, published, err := c.Operations(t.Context(), "sustainability"); err != nil || published {
		t.Errorf("Operations published = %v, %v", published, err)
	}
	if _, err := c.Service(t.Context(), "s3"); err != nil {
		t.Fatal(err)
	}
	if v := c.DataVersion(); !strings.HasPrefix(v, "v1.3+v1.4@") {
		t.Errorf("DataVersion over documents of two versions = %q", v)
	}
}

func TestOperationsNameTheirActionsAndContext(t *testing.T) {
	c := newCatalog(t, Config{Endpoint: srfake.New(t).URL()})
	ops, published, err := c.Operations(t.Context(), srfake.Added)
	if err != nil || !published || len(ops) != 3 {
		t.Fatalf("ops %v, published %v, err %v", ops, published, err)
	}
	create := ops[0]
	if create.Name != "CreateWidget" || len(create.AuthorizedActions) != 3 {
		t.Fatalf("CreateWidget = %+v", create)
	}
	pass := create.AuthorizedActions[1]
	if pass.Service != "iam" || pass.Name != "PassRole" || pass.Context["iam:PassedToService"] != "widgetpreview.amazonaws.com" {
		t.Errorf("PassRole = %+v", pass)
	}
	if create.SDK[0].Package != "Boto3" || create.SDK[0].Method != "create_widget" {
		t.Errorf("SDK = %+v", create.SDK)
	}
}

// A plan of 50 readers over 3 services: 1 index request and 3 document
// requests; a second process with a fresh disk cache makes none.
func TestSingleFlightAndFreshCache(t *testing.T) {
	fake := srfake.New(t)
	cfg := Config{Endpoint: fake.URL(), CacheDir: t.TempDir()}
	read := func(c *Catalog) {
		var wg sync.WaitGroup
		for i := 0; i < 50; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := c.Service(t.Context(), []string{"s3", "ec2", "iam"}[i%3]); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
	}
	read(newCatalog(t, cfg))
	st := fake.Stats()
	if st.Index != 1 || len(st.Services) != 3 || st.Requests != 4 {
		t.Errorf("first plan: %v; want 1 index and 3 service requests", st)
	}
	for svc, n := range st.Services {
		if n != 1 {
			t.Errorf("%s downloaded %d times", svc, n)
		}
	}
	read(newCatalog(t, cfg))
	if after := fake.Stats(); after.Requests != st.Requests {
		t.Errorf("second plan with a fresh cache made %d requests", after.Requests-st.Requests)
	}
}

// Past the TTL, cached copies are revalidated with If-None-Match: the
// second plan downloads nothing.
func TestRevalidationWith304(t *testing.T) {
	fake := srfake.New(t)
	cfg := Config{Endpoint: fake.URL(), CacheDir: t.TempDir(), CacheTTL: time.Nanosecond}
	for i := 0; i < 2; i++ {
		if _, err := newCatalog(t, cfg).Service(t.Context(), "s3"); err != nil {
			t.Fatal(err)
		}
	}
	if st := fake.Stats(); st.Downloads() != 2 || st.NotModified != 2 {
		t.Errorf("%v; want 2 downloads, then 2 answers of 304", st)
	}
}

// Last-Modified alone is enough to revalidate.
func TestRevalidationWithIfModifiedSince(t *testing.T) {
	fake := srfake.New(t)
	cfg := Config{Endpoint: fake.URL(), CacheDir: t.TempDir(), CacheTTL: time.Nanosecond}
	if _, err := newCatalog(t, cfg).Service(t.Context(), "s3"); err != nil {
		t.Fatal(err)
	}
	// Drop the ETags: rewrite the cache as a server sending only Last-Modified would have.
	c := newCatalog(t, cfg)
	for _, p := range []string{"/", "/v1/s3/s3.json"} {
		f, err := c.disk.LoadAny(c.cacheKey(p))
		if err != nil {
			t.Fatal(err)
		}
		f.ETag = ""
		if err := c.disk.StoreFile(c.cacheKey(p), f); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.Service(t.Context(), "s3"); err != nil {
		t.Fatal(err)
	}
	if st := fake.Stats(); st.NotModified != 2 {
		t.Errorf("%v; want 2 answers of 304", st)
	}
}

// The index's modification stamp, when present, spares even the
// revalidation of a document that has not changed.
func TestIndexModifiedStampSparesRequests(t *testing.T) {
	fake := srfake.New(t, srfake.WithModified())
	cfg := Config{Endpoint: fake.URL(), CacheDir: t.TempDir(), CacheTTL: time.Nanosecond}
	for i := 0; i < 2; i++ {
		if _, err := newCatalog(t, cfg).Service(t.Context(), "s3"); err != nil {
			t.Fatal(err)
		}
	}
	if st := fake.Stats(); st.Requests != 3 || st.Services["s3"] != 1 {
		t.Errorf("%v; want the index twice and s3 once", st)
	}
}

func TestDownWithWarmCacheAnswersStaleWithAWarning(t *testing.T) {
	fake := srfake.New(t)
	cfg := Config{Endpoint: fake.URL(), CacheDir: t.TempDir(), CacheTTL: time.Nanosecond, Limits: limitsNoRetry()}
	if _, err := newCatalog(t, cfg).Service(t.Context(), "s3"); err != nil {
		t.Fatal(err)
	}
	fake.Stop()
	c := newCatalog(t, cfg)
	svc, err := c.Service(t.Context(), "s3")
	if err != nil || len(svc.Actions) != 180 {
		t.Fatalf("stale answer: %v", err)
	}
	notes := strings.Join(c.TakeNotices(), "\n")
	for _, want := range []string{"could not be reached", "the index is answered from the disk cache, fetched", "the service s3 is answered from the disk cache", " ago ("} {
		if !strings.Contains(notes, want) {
			t.Errorf("notices %q lack %q", notes, want)
		}
	}
}

func TestDownWithColdCacheIsAnErrorNamingTheEndpoint(t *testing.T) {
	fake := srfake.New(t)
	fake.Stop()
	_, err := newCatalog(t, Config{Endpoint: fake.URL(), CacheDir: t.TempDir(), Limits: limitsNoRetry()}).Services(t.Context())
	if !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), fake.URL()) || !strings.Contains(err.Error(), EnvEndpoint) {
		t.Errorf("err = %v", err)
	}
}

func limitsNoRetry() httpx.Limits { return httpx.Limits{MaxRetries: -1} }

func TestThrottlingThenSuccess(t *testing.T) {
	fake := srfake.New(t)
	fake.Fail("index", 2, srfake.Status(http.StatusTooManyRequests))
	fake.Fail("s3", 1, srfake.Status(http.StatusServiceUnavailable))
	if _, err := newCatalog(t, Config{Endpoint: fake.URL()}).Service(t.Context(), "s3"); err != nil {
		t.Fatal(err)
	}
	if st := fake.Stats(); st.Requests != 5 {
		t.Errorf("%v; want 3 index and 2 s3 requests", st)
	}
}

func TestSlowServerBeyondTheTimeout(t *testing.T) {
	fake := srfake.New(t)
	fake.Fail("index", 1, srfake.Slow(3*time.Second))
	cfg := Config{Endpoint: fake.URL(), Limits: limitsNoRetry()}
	cfg.Limits.RequestTimeout = 100 * time.Millisecond
	start := time.Now()
	_, err := newCatalog(t, cfg).Services(t.Context())
	if !errors.Is(err, ErrUnavailable) || time.Since(start) > 2*time.Second {
		t.Errorf("err = %v after %s", err, time.Since(start))
	}
	cfg.Limits.MaxRetries = 2
	fake.Fail("index", 1, srfake.Slow(3*time.Second))
	if _, err := newCatalog(t, cfg).Services(t.Context()); err != nil {
		t.Errorf("a retry after the timeout: %v", err)
	}
}

func TestBadAnswersAreErrorsNeverSmallerCatalogs(t *testing.T) {
	for name, c := range map[string]struct {
		fault srfake.Fault
		kind  error
		want  string
	}{
		"oversized body": {srfake.Oversized, ErrBadResponse, "exceeds 8 MiB"},
		"malformed JSON": {srfake.Malformed, ErrBadResponse, "malformed JSON"},
		"Name mismatch":  {srfake.NameMismatch, ErrBadResponse, `the document for "s3" is named "s3-other"`},
		"HTTP 404":       {srfake.Status(http.StatusNotFound), ErrBadResponse, "unexpected status (HTTP 404)"},
	} {
		t.Run(name, func(t *testing.T) {
			fake := srfake.New(t)
			fake.Fail("s3", 1, c.fault)
			_, err := newCatalog(t, Config{Endpoint: fake.URL(), CacheDir: t.TempDir()}).Service(t.Context(), "s3")
			if !errors.Is(err, c.kind) || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "service reference service s3") {
				t.Errorf("err = %v", err)
			}
		})
	}
}

// A status that outlasts the retries is named once in the error, not
// once by the retry's account and again at its end.
func TestPersistentHTTP500IsNamedOnce(t *testing.T) {
	fake := srfake.New(t)
	fake.Fail("s3", 5, srfake.Status(http.StatusInternalServerError))
	cfg := Config{Endpoint: fake.URL(), Limits: httpx.Limits{RetryBaseDelay: time.Millisecond, RetryMaxDelay: time.Millisecond}}
	_, err := newCatalog(t, cfg).Service(t.Context(), "s3")
	if !errors.Is(err, ErrUnavailable) || strings.Count(err.Error(), "HTTP 500") != 1 || !strings.Contains(err.Error(), "gave up after 5 attempts") {
		t.Errorf("err = %v", err)
	}
}

func TestTinyIndexIsImplausible(t *testing.T) {
	fake := srfake.New(t, srfake.WithIndexOf("s3", "ec2", "iam"))
	_, err := newCatalog(t, Config{Endpoint: fake.URL()}).Services(t.Context())
	if !errors.Is(err, ErrImplausibleCatalog) || !strings.Contains(err.Error(), "lists 3 services where the embedded catalog") {
		t.Errorf("err = %v", err)
	}
}

func TestEndpointMustBeHTTPSOrLoopback(t *testing.T) {
	for _, raw := range []string{"http://servicereference.example.com", "ftp://x", "https://u:p@example.com"} {
		if _, err := New(Config{Endpoint: raw}); err == nil {
			t.Errorf("%q accepted", raw)
		}
	}
	_, err := New(Config{Endpoint: "http://example.com"})
	if err == nil || err.Error() != `service reference endpoint "http://example.com" must use https` {
		t.Errorf("err = %v", err)
	}
}

func TestUserAgentAndNoCredentials(t *testing.T) {
	fake := srfake.New(t)
	if _, err := newCatalog(t, Config{Endpoint: fake.URL(), UserAgent: "terraform-provider-iamv2/9.9.9"}).Service(context.Background(), "s3"); err != nil {
		t.Fatal(err)
	}
	if st := fake.Stats(); st.UserAgents["terraform-provider-iamv2/9.9.9"] != st.Requests || st.Credentials != 0 {
		t.Errorf("User-Agents %v, %d requests with credentials", st.UserAgents, st.Credentials)
	}
}
