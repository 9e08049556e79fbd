package console

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"golang.org/x/net/publicsuffix"

	"github.com/iamv2/terraform-provider-iamv2/internal/httpx"
)

// maxRedirects bounds the hops of one sign-in request.
const maxRedirects = 5

// sdkClient gives the AWS SDK (STS) the same transport settings in the
// buildable form it needs to add a configured CA bundle.
func sdkClient(rt http.RoundTripper) config.HTTPClient {
	base, ok := rt.(*http.Transport)
	if !ok {
		return &http.Client{Transport: rt}
	}
	return awshttp.NewBuildableClient().WithTransportOptions(func(t *http.Transport) {
		t.Proxy = base.Proxy
		if base.DialContext != nil {
			t.DialContext = base.DialContext
		}
		if base.TLSClientConfig != nil {
			t.TLSClientConfig = base.TLSClientConfig.Clone()
		}
		t.TLSHandshakeTimeout = base.TLSHandshakeTimeout
		t.ResponseHeaderTimeout = base.ResponseHeaderTimeout
	})
}

// hosts decides where the console session may go: the sign-in host and
// the console host, each with its regional siblings, such as
// us-east-1.signin.aws.amazon.com or eu-west-1.console.aws.amazon.com.
type hosts struct {
	signin, console             *url.URL
	signinFamily, consoleFamily string
}

func newHosts(signin, console *url.URL) *hosts {
	return &hosts{
		signin: signin, console: console,
		signinFamily: familyDomain(signin.Hostname()), consoleFamily: familyDomain(console.Hostname()),
	}
}

// familyDomain is the domain whose subdomains count as the same service:
// the host without a leading regional label when four labels remain
// (us-east-1.console.aws.amazon.com → console.aws.amazon.com), else the
// host itself (signin.aws.amazon.com). IP addresses and hosts of fewer
// than three labels have no family.
func familyDomain(host string) string {
	labels := strings.Split(host, ".")
	switch {
	case net.ParseIP(host) != nil || len(labels) < 3:
		return ""
	case len(labels) >= 5:
		return strings.Join(labels[1:], ".")
	}
	return host
}

// inFamily reports whether u is base's host, or a host of its family on
// the same scheme and port.
func inFamily(u, base *url.URL, domain string) bool {
	if u.Scheme != base.Scheme {
		return false
	}
	if u.Host == base.Host {
		return true
	}
	name := u.Hostname()
	return domain != "" && u.Port() == base.Port() && (name == domain || strings.HasSuffix(name, "."+domain))
}

func (h *hosts) allowed(u *url.URL) bool {
	return inFamily(u, h.signin, h.signinFamily) || inFamily(u, h.console, h.consoleFamily)
}

// loginPage reports whether u is a sign-in page rather than the console:
// where an expired or failed session lands.
func (h *hosts) loginPage(u *url.URL) bool {
	path := strings.ToLower(u.Path)
	if inFamily(u, h.signin, h.signinFamily) && !strings.HasPrefix(path, "/federation") {
		return true
	}
	for _, marker := range []string{"/signin", "/oauth", "/login"} {
		if strings.Contains(path, marker) {
			return true
		}
	}
	return false
}

// errRedirectRefused is what CheckRedirect reports for a hop the session
// must not take; do turns it into an ErrRedirect or ErrLoginRedirect.
type errRedirectRefused struct {
	host string
	hops bool // too many hops rather than a foreign host
}

// Permanent tells the shared client not to retry a refused redirect.
func (e *errRedirectRefused) Permanent() bool { return true }

func (e *errRedirectRefused) Error() string {
	if e.hops {
		return fmt.Sprintf("more than %d redirects", maxRedirects)
	}
	return fmt.Sprintf("redirect to %s, which is neither the sign-in nor the console host", e.host)
}

// filteredJar hands cookies only to the sign-in and console hosts, whatever
// domain a Set-Cookie names.
type filteredJar struct {
	inner http.CookieJar
	hosts *hosts
}

func (j *filteredJar) SetCookies(u *url.URL, cookies []*http.Cookie) {
	if j.hosts.allowed(u) {
		j.inner.SetCookies(u, cookies)
	}
}

func (j *filteredJar) Cookies(u *url.URL) []*http.Cookie {
	if !j.hosts.allowed(u) {
		return nil
	}
	return j.inner.Cookies(u)
}

// browser is one console session's pair of clients over one cookie jar:
// web follows redirects among allowed hosts (sign-in), api follows none, so
// that a redirect to a login page is seen as an expired session.
type browser struct {
	jar *filteredJar
	web *http.Client
	api *http.Client
}

func newBrowser(rt http.RoundTripper, h *hosts, sec *httpx.Secrets) (*browser, error) {
	rt = &cookieSniffer{next: rt, secrets: sec}
	inner, err := cookiejar.New(&cookiejar.Options{PublicSuffixList: publicsuffix.List})
	if err != nil {
		return nil, err
	}
	jar := &filteredJar{inner: inner, hosts: h}
	web := &http.Client{Transport: rt, Jar: jar, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) >= maxRedirects {
			return &errRedirectRefused{hops: true}
		}
		if !h.allowed(req.URL) {
			return &errRedirectRefused{host: req.URL.Host}
		}
		return nil
	}}
	api := &http.Client{Transport: rt, Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	return &browser{jar: jar, web: web, api: api}, nil
}

// cookieSniffer registers the value of every cookie a server sets as a
// secret before anything could log it.
type cookieSniffer struct {
	next    http.RoundTripper
	secrets *httpx.Secrets
}

func (s *cookieSniffer) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := s.next.RoundTrip(req)
	if resp != nil {
		for _, c := range resp.Cookies() {
			s.secrets.Add(c.Value)
		}
	}
	return resp, err
}

func asRedirectRefused(err error) (*errRedirectRefused, bool) {
	var r *errRedirectRefused
	ok := errors.As(err, &r)
	return r, ok
}
