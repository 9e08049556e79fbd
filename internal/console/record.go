package console

import (
	"context"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/httpx"
)

// record saves a raw API answer, secrets redacted, under the name the
// fake's fixtures use (services.json, actions-s3.json, ...), so fixtures
// can be corrected from real traffic by copying files. It is on when
// Config.RecordDir or IAMV2_CONSOLE_RECORD_DIR names a directory.
func (c *Catalog) record(ctx context.Context, label string, body []byte) {
	dir := c.cfg.RecordDir
	if dir == "" {
		return
	}
	redacted := []byte(c.sec.Scrub(string(body)))
	if err := httpx.WriteFileAtomic(dir, fileName(label)+".json", redacted); err != nil {
		c.warn(ctx, "could not record an answer", map[string]any{"label": label, "error": err.Error()})
		return
	}
	c.debug(ctx, "recorded an answer", map[string]any{"label": label, "dir": dir})
}

// fileName keeps a label safe as a file name on every platform.
func fileName(label string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9', r == '.', r == '-', r == '_':
			return r
		}
		return '_'
	}, label)
}
