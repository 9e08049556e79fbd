package console

import (
	"context"
	"errors"
	"net/http"

	"github.com/iamv2/terraform-provider-iamv2/internal/httpx"
)

// do sends the request newReq builds through the shared client (retries,
// backoff, size cap, User-Agent) and turns its failures into *Error values
// naming the step. Any status but throttling and 5xx is the caller's to
// judge.
func (c *Catalog) do(ctx context.Context, op string, client *http.Client, newReq func(context.Context) (*http.Request, error)) (*httpx.Reply, error) {
	rep, err := c.http.Do(ctx, client, newReq)
	if err != nil {
		return nil, c.transportError(op, err)
	}
	return rep, nil
}

// transportError explains a request that produced no usable reply.
func (c *Catalog) transportError(op string, err error) error {
	var f *httpx.Failure
	if !errors.As(err, &f) {
		f = c.http.Explain(err)
	}
	if r, ok := asRedirectRefused(f.Cause); ok {
		return c.fail(op, ErrRedirect, 0, nil, "%s; the session's cookies stay with those two hosts", r.Error())
	}
	kind := ErrUnavailable
	switch {
	case errors.Is(f, httpx.ErrTLS):
		kind = ErrTLS
	case errors.Is(f, httpx.ErrTooLarge):
		kind = ErrResponseTooLarge
	}
	return c.fail(op, kind, f.Status, f.Cause, "%s", f.Detail)
}
