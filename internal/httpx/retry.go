package httpx

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
	"strings"
	"sync"
	"syscall"
	"time"
)

// Kinds of failure, for errors.Is on a *Failure.
var (
	// ErrUnavailable: network failures, timeouts or throttling outlasted
	// the retries, or the request was interrupted.
	ErrUnavailable = errors.New("endpoint unavailable")
	// ErrTooLarge: a body over Limits.MaxResponseBytes.
	ErrTooLarge = errors.New("response body over the size cap")
	// ErrTLS: certificate verification failed; it is never skipped.
	ErrTLS = errors.New("TLS verification failed")
	// ErrRefused: the transport refused the request for a reason retrying
	// cannot change, such as a redirect the caller forbade; Cause says why.
	ErrRefused = errors.New("request refused")
)

// Failure is a request that produced no usable reply. Its Detail carries
// no secret the client's Secrets know.
type Failure struct {
	Kind   error
	Status int    // the last HTTP status when a response was received, else 0
	Detail string // what went wrong and, where it helps, what to do
	Cause  error  // the underlying error, for errors.As; may hold secrets
}

func (f *Failure) Error() string { return f.Detail }

// Unwrap exposes the kind to errors.Is.
func (f *Failure) Unwrap() error { return f.Kind }

// Permanent is implemented by transport errors (such as a refused
// redirect) that retrying cannot cure.
type Permanent interface{ Permanent() bool }

// Reply is a response read in full.
type Reply struct {
	Status int
	Header http.Header
	Body   []byte
	URL    *url.URL // where the last redirect hop landed
}

// Client sends requests politely: a User-Agent on each, a size cap on
// each body, each attempt bounded in time, and throttling, 5xx and
// dropped connections retried with jittered exponential backoff within a
// total deadline.
type Client struct {
	Limits    Limits
	UserAgent string
	// Secrets, when set, are scrubbed from every Failure's Detail.
	Secrets *Secrets
	// Debug, when set, receives a line per retry.
	Debug func(ctx context.Context, msg string, fields map[string]any)

	wait waitClock
}

// waitClock measures the time a client spends waiting on its endpoint:
// the wall time during which at least one request is in flight. While
// requests are in flight the deadline of all of them is the same moment,
// when the total wait runs out.
type waitClock struct {
	mu       sync.Mutex
	inFlight int
	since    time.Time     // when the current busy stretch began
	spent    time.Duration // the busy stretches before it
}

// begin counts a request in and returns when the total wait runs out if
// requests stay in flight until then.
func (w *waitClock) begin(now time.Time, total time.Duration) time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.inFlight == 0 {
		w.since = now
	}
	w.inFlight++
	return w.since.Add(total - w.spent)
}

func (w *waitClock) end(now time.Time) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.inFlight--
	if w.inFlight == 0 {
		w.spent += now.Sub(w.since)
	}
}

// Do sends the request newReq builds through hc and reads the reply. Any
// status other than 429 and the retried 5xx is the caller's to judge;
// failures are *Failure values.
func (c *Client) Do(ctx context.Context, hc *http.Client, newReq func(context.Context) (*http.Request, error)) (*Reply, error) {
	lim := c.Limits.WithDefaults()
	now := time.Now()
	waitEnds := c.wait.begin(now, lim.TotalWait)
	defer func() { c.wait.end(time.Now()) }()
	if !now.Before(waitEnds) {
		return nil, c.failure(ErrUnavailable, 0, context.DeadlineExceeded,
			"not asked: the total wait of %s for the endpoint is spent, by earlier requests slow to answer or unanswered", lim.TotalWait)
	}
	bound := fmt.Sprintf("the %s deadline", lim.TotalTimeout)
	deadline := now.Add(lim.TotalTimeout)
	if waitEnds.Before(deadline) {
		deadline, bound = waitEnds, fmt.Sprintf("the total wait of %s for the endpoint", lim.TotalWait)
	}
	ctx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	for attempt := 0; ; attempt++ {
		rep, err := c.once(ctx, lim, hc, newReq)
		var wait time.Duration
		var last string
		switch {
		case err != nil:
			if ctx.Err() != nil || !transient(err) {
				return nil, c.explain(bound, err)
			}
			last = c.scrub(unwrapURL(err).Error())
		case retryableStatus(rep.Status):
			last = fmt.Sprintf("HTTP %d", rep.Status)
			wait = retryAfter(rep.Header, time.Now())
		default:
			return rep, nil
		}
		if attempt >= max(lim.MaxRetries, 0) {
			return nil, c.failure(ErrUnavailable, replyStatus(rep), nil,
				"gave up after %d attempts; the last failed with %s", attempt+1, last)
		}
		delay := max(lim.backoff(attempt), min(wait, lim.RetryMaxDelay))
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < delay {
			return nil, c.failure(ErrUnavailable, replyStatus(rep), nil,
				"gave up after %d attempts: the next retry would pass %s; the last failed with %s",
				attempt+1, bound, last)
		}
		if c.Debug != nil {
			c.Debug(ctx, "retrying", map[string]any{"attempt": attempt + 1, "after": delay.String(), "cause": last})
		}
		select {
		case <-time.After(delay):
		case <-ctx.Done():
			return nil, c.explain(bound, ctx.Err())
		}
	}
}

func replyStatus(rep *Reply) int {
	if rep == nil {
		return 0
	}
	return rep.Status
}

// once makes one attempt, bounded by RequestTimeout body included.
func (c *Client) once(ctx context.Context, lim Limits, hc *http.Client, newReq func(context.Context) (*http.Request, error)) (*Reply, error) {
	ctx, cancel := context.WithTimeout(ctx, lim.RequestTimeout)
	defer cancel()
	req, err := newReq(ctx)
	if err != nil {
		return nil, err
	}
	if c.UserAgent != "" && req.Header.Get("User-Agent") == "" {
		req.Header.Set("User-Agent", c.UserAgent)
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer func() { _ = resp.Body.Close() }() // the body is read in full or abandoned
	if resp.ContentLength > lim.MaxResponseBytes {
		return nil, errTooLarge
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, lim.MaxResponseBytes+1))
	if err != nil {
		return nil, err
	}
	if int64(len(body)) > lim.MaxResponseBytes {
		return nil, errTooLarge
	}
	return &Reply{Status: resp.StatusCode, Header: resp.Header, Body: body, URL: resp.Request.URL}, nil
}

var errTooLarge = errors.New("response body over the size cap")

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
// permanent refusals or oversized bodies.
func transient(err error) bool {
	if IsTLSError(err) || errors.Is(err, errTooLarge) || isPermanent(err) {
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

func isPermanent(err error) bool {
	var p Permanent
	return errors.As(err, &p) && p.Permanent()
}

// IsTLSError reports a certificate or TLS record failure.
func IsTLSError(err error) bool {
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

// Explain turns an error from a transport into a Failure, as Do does.
func (c *Client) Explain(err error) *Failure {
	return c.explain(c.Limits.WithDefaults().TotalTimeout.String(), err)
}

// explain turns an error that ended the request into a Failure; bound
// names the deadline that ended it, if one did.
func (c *Client) explain(bound string, err error) *Failure {
	lim := c.Limits.WithDefaults()
	inner := unwrapURL(err)
	switch {
	case isPermanent(err):
		return c.failure(ErrRefused, 0, err, "%v", inner)
	case IsTLSError(err):
		return c.failure(ErrTLS, 0, inner,
			"TLS certificate verification failed: %v; verification is never skipped: if a proxy or private CA intercepts TLS, add its certificate to the system trust store or SSL_CERT_FILE", inner)
	case errors.Is(err, errTooLarge):
		return c.failure(ErrTooLarge, 0, nil, "the response body exceeds %s", sizeText(lim.MaxResponseBytes))
	case errors.Is(err, context.Canceled):
		return c.failure(ErrUnavailable, 0, context.Canceled, "interrupted")
	case errors.Is(err, context.DeadlineExceeded):
		return c.failure(ErrUnavailable, 0, context.DeadlineExceeded, "no answer within %s", bound)
	}
	return c.failure(ErrUnavailable, 0, inner, "%v", inner)
}

func (c *Client) failure(kind error, status int, cause error, format string, args ...any) *Failure {
	return &Failure{Kind: kind, Status: status, Cause: cause, Detail: c.scrub(fmt.Sprintf(format, args...))}
}

func (c *Client) scrub(s string) string {
	if c.Secrets == nil {
		return s
	}
	return c.Secrets.Scrub(s)
}

// sizeText writes a byte count the way a person reads a cap.
func sizeText(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// unwrapURL drops the *url.Error wrapper, whose message quotes the full URL
// with its query, where tokens may travel.
func unwrapURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// backoff is the jittered exponential delay before retry number attempt+1.
func (l Limits) backoff(attempt int) time.Duration {
	d := l.RetryMaxDelay
	if attempt < 30 {
		d = min(l.RetryBaseDelay<<attempt, l.RetryMaxDelay)
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

// WithStatus appends " (HTTP <status>)" to an error message, unless the
// status is 0 or the message names it already.
func WithStatus(msg string, status int) string {
	tag := fmt.Sprintf("HTTP %d", status)
	if status == 0 || strings.Contains(msg, tag) {
		return msg
	}
	return msg + " (" + tag + ")"
}
