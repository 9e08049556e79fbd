package console

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"syscall"
	"time"
)

// reply is a response read in full.
type reply struct {
	status int
	header http.Header
	body   []byte
	url    *url.URL // where the last redirect hop landed
}

// errTooLarge marks a body over MaxResponseBytes.
var errTooLarge = errors.New("response body over the size cap")

// do sends the request newReq builds and reads the reply, retrying
// throttling, 5xx and dropped connections with jittered exponential backoff,
// all within cfg.TotalTimeout. Any other status is the caller's to judge.
func (c *Catalog) do(ctx context.Context, op string, client *http.Client, newReq func(context.Context) (*http.Request, error)) (*reply, error) {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.TotalTimeout)
	defer cancel()
	for attempt := 0; ; attempt++ {
		rep, err := c.once(ctx, client, newReq)
		var wait time.Duration
		var last string
		switch {
		case err != nil:
			if ctx.Err() != nil || !transient(err) {
				return nil, c.transportError(op, err)
			}
			last = c.sec.scrub(unwrapURL(err).Error())
		case retryableStatus(rep.status):
			last = fmt.Sprintf("HTTP %d", rep.status)
			wait = retryAfter(rep.header, time.Now())
		default:
			return rep, nil
		}
		if attempt >= c.cfg.MaxRetries {
			return nil, c.fail(op, ErrUnavailable, replyStatus(rep), nil,
				"gave up after %d attempts; the last failed with %s", attempt+1, last)
		}
		delay := max(c.backoff(attempt), min(wait, c.cfg.RetryMaxDelay))
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < delay {
			return nil, c.fail(op, ErrUnavailable, replyStatus(rep), nil,
				"gave up after %d attempts: the next retry would pass the %s deadline; the last failed with %s",
				attempt+1, c.cfg.TotalTimeout, last)
		}
		c.debug(ctx, "retrying", map[string]any{"op": op, "attempt": attempt + 1, "after": delay.String(), "cause": last})
		select {
		case <-time.After(delay):
		case <-ctx.Done():
			return nil, c.transportError(op, ctx.Err())
		}
	}
}

func replyStatus(rep *reply) int {
	if rep == nil {
		return 0
	}
	return rep.status
}

// once makes one attempt, bounded by cfg.RequestTimeout body included.
func (c *Catalog) once(ctx context.Context, client *http.Client, newReq func(context.Context) (*http.Request, error)) (*reply, error) {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.RequestTimeout)
	defer cancel()
	req, err := newReq(ctx)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer func() { _ = resp.Body.Close() }() // the body is read in full or abandoned
	if resp.ContentLength > MaxResponseBytes {
		return nil, errTooLarge
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxResponseBytes+1))
	if err != nil {
		return nil, err
	}
	if len(body) > MaxResponseBytes {
		return nil, errTooLarge
	}
	return &reply{status: resp.StatusCode, header: resp.Header, body: body, url: resp.Request.URL}, nil
}

func retryableStatus(status int) bool {
	switch status {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// transient reports whether a failed attempt may succeed when repeated:
// timeouts and dropped or refused connections, but never TLS failures,
// refused redirects or oversized bodies.
func transient(err error) bool {
	if isTLSError(err) || errors.Is(err, errTooLarge) {
		return false
	}
	if _, ok := asRedirectRefused(err); ok {
		return false
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.EPIPE) {
		return true
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return dns.IsTimeout || dns.IsTemporary
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return true
	}
	var op *net.OpError
	return errors.As(err, &op)
}

func isTLSError(err error) bool {
	var (
		unknownCA *x509.UnknownAuthorityError
		hostname  x509.HostnameError
		invalid   x509.CertificateInvalidError
		verify    *tls.CertificateVerificationError
		record    tls.RecordHeaderError
	)
	return errors.As(err, &unknownCA) || errors.As(err, &hostname) || errors.As(err, &invalid) ||
		errors.As(err, &verify) || errors.As(err, &record)
}

// transportError explains a request that produced no usable reply.
func (c *Catalog) transportError(op string, err error) error {
	inner := unwrapURL(err)
	if r, ok := asRedirectRefused(err); ok {
		return c.fail(op, ErrRedirect, 0, nil, "%s; the session's cookies stay with those two hosts", r.Error())
	}
	switch {
	case isTLSError(err):
		return c.fail(op, ErrTLS, 0, inner,
			"TLS certificate verification failed: %v; verification is never skipped: if a proxy or private CA intercepts TLS, add its certificate to the system trust store or SSL_CERT_FILE", inner)
	case errors.Is(err, errTooLarge):
		return c.fail(op, ErrResponseTooLarge, 0, nil, "the response body exceeds %d MiB", MaxResponseBytes>>20)
	case errors.Is(err, context.Canceled):
		return c.fail(op, ErrUnavailable, 0, context.Canceled, "interrupted")
	case errors.Is(err, context.DeadlineExceeded):
		return c.fail(op, ErrUnavailable, 0, context.DeadlineExceeded, "no answer within %s", c.cfg.TotalTimeout)
	}
	return c.fail(op, ErrUnavailable, 0, inner, "%v", inner)
}

// unwrapURL drops the *url.Error wrapper, whose message quotes the full URL
// with its query: the sign-in token and session travel there.
func unwrapURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// backoff is the jittered exponential delay before retry number attempt+1.
func (c *Catalog) backoff(attempt int) time.Duration {
	d := c.cfg.RetryMaxDelay
	if attempt < 30 {
		d = min(c.cfg.RetryBaseDelay<<attempt, c.cfg.RetryMaxDelay)
	}
	return d/2 + rand.N(d/2+1)
}

// retryAfter reads a Retry-After header in seconds or as an HTTP date.
func retryAfter(h http.Header, now time.Time) time.Duration {
	v := h.Get("Retry-After")
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(v); err == nil {
		return max(0, time.Duration(secs)*time.Second)
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(0, t.Sub(now))
	}
	return 0
}
