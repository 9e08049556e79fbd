package httpx

import "time"

// Limits bound every request of a live source. Zero fields take the
// defaults of WithDefaults.
type Limits struct {
	// ConnectTimeout bounds dialing and the TLS handshake. Default 10s.
	ConnectTimeout time.Duration
	// HeaderTimeout bounds the wait for response headers. Default 30s.
	HeaderTimeout time.Duration
	// RequestTimeout bounds one attempt of one request, body included. Default 60s.
	RequestTimeout time.Duration
	// TotalTimeout bounds one request with all its retries. Default 3m.
	TotalTimeout time.Duration
	// TotalWait bounds the time a client spends waiting on its endpoint,
	// over all its requests: the time during which at least one of them
	// is in flight or backing off, summed. Once it is spent, requests fail
	// at once. It keeps a blackholed endpoint from holding a plan for
	// attempts × RequestTimeout per document. Default 30s.
	TotalWait time.Duration
	// MaxRetries is how often a request is retried after throttling, a 5xx
	// or a dropped connection. 0 means the default, 4; negative means none.
	MaxRetries int
	// RetryBaseDelay and RetryMaxDelay shape the jittered exponential
	// backoff; RetryMaxDelay also caps a server's Retry-After. Defaults
	// 500ms and 20s.
	RetryBaseDelay time.Duration
	RetryMaxDelay  time.Duration
	// MaxResponseBytes caps every response body. Default 32 MiB.
	MaxResponseBytes int64
}

// Defaults.
const (
	DefaultTotalWait        = 30 * time.Second
	DefaultMaxRetries       = 4
	DefaultMaxResponseBytes = 32 << 20
)

// WithDefaults fills the zero fields; applying it twice changes nothing.
func (l Limits) WithDefaults() Limits {
	l.ConnectTimeout = orDur(l.ConnectTimeout, 10*time.Second)
	l.HeaderTimeout = orDur(l.HeaderTimeout, 30*time.Second)
	l.RequestTimeout = orDur(l.RequestTimeout, 60*time.Second)
	l.TotalTimeout = orDur(l.TotalTimeout, 3*time.Minute)
	l.TotalWait = orDur(l.TotalWait, DefaultTotalWait)
	l.RetryBaseDelay = orDur(l.RetryBaseDelay, 500*time.Millisecond)
	l.RetryMaxDelay = orDur(l.RetryMaxDelay, 20*time.Second)
	if l.MaxRetries == 0 {
		l.MaxRetries = DefaultMaxRetries
	}
	if l.MaxResponseBytes <= 0 {
		l.MaxResponseBytes = DefaultMaxResponseBytes
	}
	return l
}

func orDur(v, def time.Duration) time.Duration {
	if v <= 0 {
		return def
	}
	return v
}

// UserAgent is what every live source sends: the provider and its version.
func UserAgent(version string) string {
	if version == "" {
		version = "dev"
	}
	return "terraform-provider-iamv2/" + version
}
