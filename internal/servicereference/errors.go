package servicereference

import (
	"errors"
	"fmt"
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
	msg := "service reference " + e.What + ": " + e.Detail
	if e.Status != 0 {
		msg += fmt.Sprintf(" (HTTP %d)", e.Status)
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Kind }

func fail(what string, kind error, status int, format string, args ...any) *Error {
	return &Error{What: what, Kind: kind, Status: status, Detail: fmt.Sprintf(format, args...)}
}
