package console

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Every log line goes through these, so that every known secret is masked
// in its message and fields.

func (c *Catalog) debug(ctx context.Context, msg string, fields map[string]any) {
	tflog.Debug(c.sec.Mask(ctx), "console: "+msg, fields)
}

func (c *Catalog) warn(ctx context.Context, msg string, fields map[string]any) {
	tflog.Warn(c.sec.Mask(ctx), "console: "+msg, fields)
}

// fail builds an *Error with every known secret scrubbed from its text; an
// underlying error whose text holds a secret is dropped rather than kept.
func (c *Catalog) fail(op string, kind error, status int, cause error, format string, args ...any) *Error {
	if cause != nil && c.sec.Contains(cause.Error()) {
		cause = nil
	}
	return &Error{
		Op:     c.sec.Scrub(op),
		Kind:   kind,
		Status: status,
		Detail: c.sec.Scrub(fmt.Sprintf(format, args...)),
		cause:  cause,
	}
}
