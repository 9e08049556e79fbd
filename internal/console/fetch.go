package console

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"time"

	"github.com/iamv2/terraform-provider-iamv2/internal/httpx"
)

// fetch returns req's answer decoded: from the disk cache when useDisk and
// a fresh copy there decodes, else from the console (signing in if need
// be), keeping on disk what decodes. A cached copy that does not decode is
// ignored and replaced.
func fetch[T any](ctx context.Context, c *Catalog, req apiRequest, useDisk bool, decode func([]byte) (T, error)) (T, time.Time, error) {
	var zero T
	key := c.cacheKey(req)
	if useDisk && c.disk != nil {
		body, at, err := c.disk.Load(key)
		if err == nil {
			var v T
			if v, err = decode(body); err == nil {
				c.debug(ctx, "served from the disk cache", map[string]any{"op": req.op(), "fetched": at.Format(time.RFC3339)})
				return v, at, nil
			}
		}
		if !errors.Is(err, httpx.ErrCacheMiss) {
			c.warn(ctx, "ignoring an unusable cache entry", map[string]any{"op": req.op(), "error": err.Error()})
		}
	}
	body, err := c.call(ctx, req)
	if err != nil {
		return zero, time.Time{}, err
	}
	v, err := decode(body)
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			return zero, time.Time{}, err
		}
		return zero, time.Time{}, c.fail(req.op(), ErrBadResponse, 200, nil, "the answer has an unexpected shape: %v", err)
	}
	now := time.Now().UTC()
	if useDisk && c.disk != nil {
		if err := c.disk.Store(key, req.label, body, now); err != nil {
			c.warn(ctx, "could not write the disk cache", map[string]any{"op": req.op(), "error": err.Error()})
		}
	}
	return v, now, nil
}

// cacheKey identifies a request across processes: the same method and
// parameters against the same console and region.
func (c *Catalog) cacheKey(req apiRequest) string {
	params, _ := json.Marshal(req.params)
	h := sha256.New()
	for _, part := range []string{c.cfg.console.String(), c.cfg.Region, req.method, string(params)} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}
