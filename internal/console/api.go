package console

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// apiRegion is the region named inside every API envelope: IAM is global
// and the console serves it from us-east-1.
const apiRegion = "us-east-1"

// apiRequest is one call of the console's iamv2 API.
type apiRequest struct {
	method string // "services", "actions", ...
	params any    // encoded into contentString; nil for a parameterless method
	label  string // names the call in errors, logs, cache and recordings: "actions-s3"
}

func (r apiRequest) op() string { return "API " + r.label }

// paramlessStyles are the contentStrings tried, in this order, for a method
// without parameters, until one works; it is then used from then on. The
// original client sent "null"; nil leaves the field out.
var paramlessStyles = []*string{ptrTo("null"), ptrTo("{}"), nil}

func ptrTo(s string) *string { return &s }

// envelope is the request body the console's API proxy expects.
type envelope struct {
	Headers       map[string]string `json:"headers"`
	Path          string            `json:"path"`
	Method        string            `json:"method"`
	Region        string            `json:"region"`
	Params        struct{}          `json:"params"`
	ContentString *string           `json:"contentString,omitempty"`
}

// call performs req over the current session. When the console rejects the
// session, it signs in afresh once and tries again.
func (c *Catalog) call(ctx context.Context, req apiRequest) ([]byte, error) {
	for fresh := false; ; fresh = true {
		s, err := c.session(ctx)
		if err != nil {
			return nil, err
		}
		body, err := c.callWith(ctx, s, req)
		if !errors.Is(err, ErrSessionExpired) {
			return body, err
		}
		c.dropSession(s)
		if fresh {
			return nil, c.fail(req.op(), ErrSessionExpired, statusOfErr(err), nil,
				"the console rejected a session that had just signed in; check that the console endpoint and region are right and that nothing between here and AWS strips cookies")
		}
		c.debug(ctx, "session rejected; signing in again", map[string]any{"op": req.op()})
	}
}

// callWith sends req, probing the contentString styles of a parameterless
// method until the console accepts one.
func (c *Catalog) callWith(ctx context.Context, s *session, req apiRequest) ([]byte, error) {
	if req.params != nil {
		content, err := json.Marshal(req.params)
		if err != nil {
			return nil, c.fail(req.op(), ErrBadResponse, 0, nil, "encoding the parameters: %v", err)
		}
		return c.post(ctx, s, req, ptrTo(string(content)))
	}
	if i := c.style.Load(); i >= 0 {
		return c.post(ctx, s, req, paramlessStyles[i])
	}
	var first error
	for i, style := range paramlessStyles {
		body, err := c.post(ctx, s, req, style)
		if err == nil {
			c.style.Store(int32(i))
			return body, nil
		}
		if !errors.Is(err, ErrErrorResponse) || (statusOfErr(err) != http.StatusBadRequest && statusOfErr(err) != http.StatusOK) {
			return nil, err
		}
		if first == nil {
			first = err
		}
	}
	return nil, first
}

func (c *Catalog) post(ctx context.Context, s *session, req apiRequest, content *string) ([]byte, error) {
	body, err := json.Marshal(envelope{
		Headers:       map[string]string{"Content-Type": "application/json"},
		Path:          "/prod/" + req.method,
		Method:        http.MethodPost,
		Region:        apiRegion,
		ContentString: content,
	})
	if err != nil {
		return nil, c.fail(req.op(), ErrBadResponse, 0, nil, "encoding the request: %v", err)
	}
	target := c.endpoint(c.cfg.console, "/iamv2/api/iamv2", nil)
	rep, err := c.do(ctx, req.op(), s.browser.api, func(ctx context.Context) (*http.Request, error) {
		r, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("Accept", "application/json")
		r.Header.Set("X-CSRF-Token", s.csrf)
		return r, nil
	})
	if err != nil {
		return nil, err
	}
	c.debug(ctx, "API call answered", map[string]any{"op": req.op(), "status": rep.Status, "bytes": len(rep.Body)})
	switch {
	case rep.Status/100 == 3:
		where := "elsewhere"
		if loc, err := url.Parse(rep.Header.Get("Location")); err == nil && c.hosts.loginPage(rep.URL.ResolveReference(loc)) {
			where = "to a login page"
		}
		return nil, c.fail(req.op(), ErrSessionExpired, rep.Status, nil, "the console redirected the call %s", where)
	case rep.Status == http.StatusUnauthorized || rep.Status == http.StatusForbidden:
		return nil, c.fail(req.op(), ErrSessionExpired, rep.Status, nil, "the console refused the session")
	case rep.Status != http.StatusOK:
		return nil, c.fail(req.op(), ErrErrorResponse, rep.Status, nil, "the console refused the call%s", c.serverMessage(rep.Body))
	}
	c.record(ctx, req.label, rep.Body)
	if err := c.checkBody(req, rep.Body); err != nil {
		return nil, err
	}
	return rep.Body, nil
}

// checkBody refuses a 200 answer that is not a JSON document or that is
// the console's error envelope.
func (c *Catalog) checkBody(req apiRequest, body []byte) error {
	trimmed := bytes.TrimSpace(body)
	switch {
	case len(trimmed) == 0:
		return c.fail(req.op(), ErrBadResponse, http.StatusOK, nil, "the answer is empty")
	case trimmed[0] == '<':
		if looksLikeLogin(trimmed) {
			return c.fail(req.op(), ErrSessionExpired, http.StatusOK, nil, "the console answered with a sign-in page")
		}
		return c.fail(req.op(), ErrBadResponse, http.StatusOK, nil, "the answer (%d bytes) is an HTML page, not JSON", len(body))
	}
	if problem := jsonProblem(trimmed); problem != "" {
		return c.fail(req.op(), ErrBadResponse, http.StatusOK, nil, "the answer (%d bytes) is %s", len(body), problem)
	}
	if msg, ok := errorEnvelope(trimmed, req.method); ok {
		return c.fail(req.op(), ErrErrorResponse, http.StatusOK, nil, "the console reported an error: %s", c.clip(msg))
	}
	return nil
}

// jsonProblem says why body is not one JSON document, or "" if it is.
func jsonProblem(body []byte) string {
	dec := json.NewDecoder(bytes.NewReader(body))
	var v json.RawMessage
	err := dec.Decode(&v)
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "truncated JSON"
	case err != nil:
		return "not JSON"
	}
	if _, err := dec.Token(); err != io.EOF {
		return "JSON followed by more data"
	}
	return ""
}

func looksLikeLogin(html []byte) bool {
	lower := strings.ToLower(string(html[:min(len(html), 64<<10)]))
	return strings.Contains(lower, "signin") || strings.Contains(lower, "sign in") || strings.Contains(lower, "type=\"password\"")
}

// serverMessage quotes the error message of an error body, if it has one.
func (c *Catalog) serverMessage(body []byte) string {
	if msg, ok := errorEnvelope(bytes.TrimSpace(body), ""); ok {
		return ": " + c.clip(msg)
	}
	return ""
}

// clip makes a server's message safe to quote: short, one line, no secret.
func (c *Catalog) clip(msg string) string {
	msg = strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return ' '
		}
		return r
	}, msg)
	if r := []rune(msg); len(r) > 200 {
		msg = string(r[:200]) + "..."
	}
	return c.sec.Scrub(strings.TrimSpace(msg))
}

func statusOfErr(err error) int {
	var e *Error
	if errors.As(err, &e) {
		return e.Status
	}
	return 0
}
