package servicereference

import (
	"errors"
	"fmt"

	"github.com/iamv2/terraform-provider-iamv2/internal/httpx"
)

// Kinds of failure, for errors.Is on an *Error.
var (
	// ErrUnavailable: the endpoint could not be reached, or throttling and
	// 5xx outlasted the retries, and no cached copy could stand in.
	ErrUnavailable = errors.New("service reference unavailable")
	// ErrBadResponse: an unexpected status, malformed JSON, a document of
	// another service, or a body over the size cap.
	ErrBadResponse = errors.New("unusable service reference response")
	// ErrImplausibleCatalog: an index far shorter than the snapshot's, or
	// a document without actions for a service the snapshot gives some.
	ErrImplausibleCatalog = errors.New("implausible service reference")
	// ErrTLS: certificate verification failed; it is never skipped.
	ErrTLS = errors.New("TLS verification failed")
)

// Error is a failure to read one part of the reference.
type Error struct {
	What   string // "index", "service s3"
	Kind   error
	Status int
	Detail string
}

func (e *Error) Error() string {
	return httpx.WithStatus("service reference "+e.What+": "+e.Detail, e.Status)
}

func (e *Error) Unwrap() error { return e.Kind }

func fail(what string, kind error, status int, format string, args ...any) *Error {
	return &Error{What: what, Kind: kind, Status: status, Detail: fmt.Sprintf(format, args...)}
}
