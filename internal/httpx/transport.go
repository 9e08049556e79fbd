package httpx

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

// NewTransport returns the round tripper a source sends through: the
// injected one (given a header timeout if it has none), or a transport
// with connect, handshake and header timeouts that trusts the system roots
// plus AWS_CA_BUNDLE, as the AWS SDK does. A transport that skips TLS
// verification is refused.
func NewTransport(injected http.RoundTripper, lim Limits) (http.RoundTripper, error) {
	lim = lim.WithDefaults()
	if injected != nil {
		if SkipsVerification(injected) {
			return nil, fmt.Errorf("the HTTP client skips TLS certificate verification; trust the certificate authority instead (SSL_CERT_FILE)")
		}
		if t, ok := injected.(*http.Transport); ok && t.ResponseHeaderTimeout == 0 {
			t = t.Clone()
			t.ResponseHeaderTimeout = lim.HeaderTimeout
			return t, nil
		}
		return injected, nil
	}
	roots, err := RootCAs(os.Getenv("AWS_CA_BUNDLE"))
	if err != nil {
		return nil, err
	}
	dialer := &net.Dialer{Timeout: lim.ConnectTimeout, KeepAlive: 30 * time.Second}
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		TLSClientConfig:       &tls.Config{MinVersion: tls.VersionTLS12, RootCAs: roots},
		TLSHandshakeTimeout:   lim.ConnectTimeout,
		ResponseHeaderTimeout: lim.HeaderTimeout,
		ExpectContinueTimeout: time.Second,
		IdleConnTimeout:       90 * time.Second,
		MaxIdleConnsPerHost:   16,
		ForceAttemptHTTP2:     true,
	}, nil
}

// RootCAs is nil (the system roots) or, given a PEM bundle, the system
// roots plus the bundle's certificates.
func RootCAs(bundle string) (*x509.CertPool, error) {
	if bundle == "" {
		return nil, nil
	}
	pem, err := os.ReadFile(bundle)
	if err != nil {
		return nil, fmt.Errorf("reading AWS_CA_BUNDLE: %w", err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("AWS_CA_BUNDLE %s holds no PEM certificate", bundle)
	}
	return pool, nil
}

// SkipsVerification reports a transport configured to skip TLS
// certificate verification.
func SkipsVerification(rt http.RoundTripper) bool {
	t, ok := rt.(*http.Transport)
	return ok && t.TLSClientConfig != nil && t.TLSClientConfig.InsecureSkipVerify
}

// ParseEndpoint accepts a base URL that is https, or plain http on a
// loopback host (a local fake): nothing a source sends or trusts may cross
// a network in clear text. what names the endpoint in the error.
func ParseEndpoint(what, raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimRight(raw, "/"))
	if err != nil || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("%s endpoint %q is not a base URL such as https://host", what, raw)
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && IsLoopback(u.Hostname()):
	default:
		return nil, fmt.Errorf("%s endpoint %q must use https", what, raw)
	}
	return u, nil
}

// IsLoopback reports whether host is localhost or a loopback address.
func IsLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
