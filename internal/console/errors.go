package console

import (
	"errors"

	"github.com/iamv2/terraform-provider-iamv2/internal/httpx"
)

// Kinds of failure, for errors.Is. Every error the package returns for a
// console or sign-in problem is an *Error wrapping one of these; none
// carries a response body, a credential, a token or a cookie.
var (
	// ErrCredentials: no AWS credentials, or STS refused to exchange them.
	ErrCredentials = errors.New("AWS credentials unusable")
	// ErrTemporaryCredentialsRequired: the federation endpoint refused the
	// credentials, which it does for anything but temporary credentials.
	ErrTemporaryCredentialsRequired = errors.New("temporary credentials required")
	// ErrLoginRedirect: sign-in ended on a login page instead of the console.
	ErrLoginRedirect = errors.New("redirected to a login page")
	// ErrNoCSRFToken: the console home page had no awsc-csrf-token meta tag.
	ErrNoCSRFToken = errors.New("no CSRF token on the console page")
	// ErrSessionExpired: the console rejected the session, even a fresh one.
	ErrSessionExpired = errors.New("console session rejected")
	// ErrRedirect: a redirect to a host other than the sign-in or console host.
	ErrRedirect = errors.New("redirect refused")
	// ErrBadResponse: a body that is empty, not JSON, truncated or of an
	// unexpected shape.
	ErrBadResponse = errors.New("unusable console response")
	// ErrErrorResponse: the console answered with an error, whatever the status.
	ErrErrorResponse = errors.New("console returned an error")
	// ErrResponseTooLarge: a body over the size cap.
	ErrResponseTooLarge = errors.New("console response too large")
	// ErrImplausibleCatalog: data too small to trust, such as a service list
	// far shorter than the fallback's.
	ErrImplausibleCatalog = errors.New("implausible console catalog")
	// ErrTLS: certificate verification failed; it is never skipped.
	ErrTLS = errors.New("TLS verification failed")
	// ErrUnavailable: network failures or throttling outlasted the retries.
	ErrUnavailable = errors.New("console unavailable")
)

// Error is a failure of one step of talking to the console.
type Error struct {
	Op     string // the step: "sign-in: getSigninToken", "console API actions(s3)"
	Kind   error  // one of the Err* values above
	Status int    // the HTTP status when a response was received, else 0
	Detail string // what went wrong and, where it helps, what to do
	cause  error  // an underlying error known to carry no secret
}

func (e *Error) Error() string {
	return httpx.WithStatus("console "+e.Op+": "+e.Detail, e.Status)
}

// Unwrap exposes the kind and the safe underlying error to errors.Is/As.
func (e *Error) Unwrap() []error {
	if e.cause != nil {
		return []error{e.Kind, e.cause}
	}
	return []error{e.Kind}
}
