package consolefake

import "time"

// ParamStyle is the contentString the fake's API demands of a method
// without parameters.
type ParamStyle string

const (
	ParamNull    ParamStyle = "null" // "contentString": "null", as the original client sent
	ParamEmpty   ParamStyle = "{}"   // "contentString": "{}"
	ParamOmitted ParamStyle = ""     // no contentString at all
)

// Expiry is how the fake answers an API call on an expired session.
type Expiry int

const (
	ExpiryUnauthorized Expiry = iota // HTTP 401 with a JSON message
	ExpiryRedirect                   // HTTP 302 to the sign-in page
)

type options struct {
	tls        bool
	paramStyle ParamStyle
	expiry     Expiry
	latency    time.Duration
	tokenTTL   time.Duration
}

// Option tunes a Server.
type Option func(*options)

// WithTLS serves all three endpoints over HTTPS with httptest's
// certificate, which only HTTPClient trusts.
func WithTLS() Option { return func(o *options) { o.tls = true } }

// WithParamStyle sets the contentString parameterless methods must carry
// (default ParamNull); any other gets HTTP 400.
func WithParamStyle(p ParamStyle) Option { return func(o *options) { o.paramStyle = p } }

// WithExpiry sets how an expired session is refused (default ExpiryUnauthorized).
func WithExpiry(e Expiry) Option { return func(o *options) { o.expiry = e } }

// WithLatency delays every API answer, to make timing measurements less
// flattering than loopback.
func WithLatency(d time.Duration) Option { return func(o *options) { o.latency = d } }

// WithSigninTokenTTL sets how long a sign-in token may be redeemed
// (default 15 minutes, as AWS documents).
func WithSigninTokenTTL(d time.Duration) Option { return func(o *options) { o.tokenTTL = d } }
