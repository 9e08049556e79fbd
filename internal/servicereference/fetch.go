package servicereference

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/iamv2/terraform-provider-iamv2/internal/httpx"
)

// resource is one document of the reference to read.
type resource struct {
	what     string // names it in errors and warnings: "index", "service s3"
	path     string // below the endpoint: "/", "/v1/s3/s3.json"
	modified string // the index's modification stamp for it, if any
	check    func([]byte) error
}

// get reads the resource, running its check last on the body it settles
// on (the caller keeps what check decoded), and returns when that body was
// fetched: from the disk cache while fresh (or
// while the index says it has not changed since); else from the endpoint,
// revalidating a cached copy with If-None-Match / If-Modified-Since; and
// when the endpoint cannot be reached, from the cache however old, with a
// warning that names its age. A body is kept only once check accepts it.
func (c *Catalog) get(ctx context.Context, r resource) (time.Time, error) {
	key := c.cacheKey(r.path)
	var cached *httpx.CacheFile
	if c.disk != nil {
		f, err := c.disk.LoadAny(key)
		if err == nil {
			if err = r.check(f.Body); err == nil {
				cached = f
			}
		}
		if err != nil && !errors.Is(err, httpx.ErrCacheMiss) {
			tflog.Warn(ctx, "service reference: ignoring an unusable cache entry", map[string]any{"what": r.what, "error": err.Error()})
		}
		if cached != nil && (c.disk.Fresh(cached, time.Now()) || (r.modified != "" && cached.Modified == r.modified)) {
			return cached.Fetched, nil
		}
	}
	target := c.cfg.endpoint.String() + r.path
	rep, err := c.http.Do(ctx, c.client, func(ctx context.Context) (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Accept", "application/json")
		if cached != nil && cached.ETag != "" {
			req.Header.Set("If-None-Match", cached.ETag)
		}
		if cached != nil && cached.LastModified != "" {
			req.Header.Set("If-Modified-Since", cached.LastModified)
		}
		return req, nil
	})
	if err != nil {
		return c.unreachable(ctx, r, cached, err)
	}
	now := time.Now().UTC()
	switch {
	case rep.Status == http.StatusNotModified && cached != nil:
		cached.Fetched, cached.Modified = now, r.modified
		c.store(ctx, key, cached)
		return now, nil
	case rep.Status != http.StatusOK:
		return time.Time{}, fail(r.what, ErrBadResponse, rep.Status, "%s answered with an unexpected status", target)
	}
	if err := r.check(rep.Body); err != nil {
		return time.Time{}, fail(r.what, ErrBadResponse, 0, "%s: %v", target, err)
	}
	c.store(ctx, key, &httpx.CacheFile{
		Label: r.what, Fetched: now, Body: rep.Body, Modified: r.modified,
		ETag: rep.Header.Get("ETag"), LastModified: rep.Header.Get("Last-Modified"),
	})
	return now, nil
}

// unreachable answers from a stale cached copy when the failure is one of
// reaching the endpoint; otherwise, or without a copy, it is an error
// naming the endpoint and how to change it.
func (c *Catalog) unreachable(ctx context.Context, r resource, cached *httpx.CacheFile, err error) (time.Time, error) {
	var f *httpx.Failure
	if !errors.As(err, &f) {
		f = c.http.Explain(err)
	}
	switch {
	case errors.Is(f, httpx.ErrTLS):
		return time.Time{}, fail(r.what, ErrTLS, 0, "%s: %s", c.cfg.endpoint, f.Detail)
	case errors.Is(f, httpx.ErrTooLarge):
		return time.Time{}, fail(r.what, ErrBadResponse, 0, "%s: %s", c.cfg.endpoint, f.Detail)
	}
	if cached != nil {
		age := time.Since(cached.Fetched).Round(time.Second)
		c.notify(ctx, fmt.Sprintf("The service reference at %s could not be reached (%s): the %s is answered from the disk cache, fetched %s ago (%s).",
			c.cfg.endpoint, f.Detail, r.what, age, cached.Fetched.UTC().Format(time.RFC3339)))
		return cached.Fetched, nil
	}
	return time.Time{}, fail(r.what, ErrUnavailable, f.Status,
		"the endpoint %s could not be reached (%s) and no cached copy exists; check the network, or set service_reference_endpoint (environment variable %s) to a reachable mirror",
		c.cfg.endpoint, f.Detail, EnvEndpoint)
}

func (c *Catalog) store(ctx context.Context, key string, f *httpx.CacheFile) {
	if c.disk == nil {
		return
	}
	if err := c.disk.StoreFile(key, f); err != nil {
		tflog.Warn(ctx, "service reference: could not write the disk cache", map[string]any{"what": f.Label, "error": err.Error()})
	}
}

// cacheKey identifies a document across processes: its URL.
func (c *Catalog) cacheKey(path string) string {
	sum := sha256.Sum256([]byte(c.cfg.endpoint.String() + "\x00" + path))
	return "servicereference-" + hex.EncodeToString(sum[:16])
}
