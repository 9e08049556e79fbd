package httpx

import (
	"context"
	"encoding/json"
	"net/url"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Secrets remembers every credential, token and cookie a source has
// handled, so that log lines can mask them and errors can drop them. The
// zero value is ready to use.
type Secrets struct {
	mu   sync.RWMutex
	list []string // longest first, so a secret's masking never leaves part of a longer one
}

// minSecretLen keeps masking from mangling ordinary words: every real
// secret is far longer.
const minSecretLen = 8

// Add registers values together with the encoded forms in which they
// travel: in a query string and inside a JSON string.
func (s *Secrets) Add(values ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	seen := make(map[string]bool, len(s.list))
	for _, v := range s.list {
		seen[v] = true
	}
	for _, v := range values {
		if len(v) < minSecretLen {
			continue
		}
		quoted, _ := json.Marshal(v)
		for _, form := range []string{v, url.QueryEscape(v), url.PathEscape(v), strings.Trim(string(quoted), `"`)} {
			if !seen[form] {
				seen[form] = true
				s.list = append(s.list, form)
			}
		}
	}
	sort.Slice(s.list, func(i, j int) bool { return len(s.list[i]) > len(s.list[j]) })
}

func (s *Secrets) snapshot() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]string(nil), s.list...)
}

// Mask returns ctx with its logger masking every known secret, in messages
// and in field values alike.
func (s *Secrets) Mask(ctx context.Context) context.Context {
	list := s.snapshot()
	if len(list) == 0 {
		return ctx
	}
	ctx = tflog.MaskAllFieldValuesStrings(ctx, list...)
	return tflog.MaskMessageStrings(ctx, list...)
}

// Scrub replaces every known secret in text.
func (s *Secrets) Scrub(text string) string {
	for _, v := range s.snapshot() {
		text = strings.ReplaceAll(text, v, "***")
	}
	return text
}

// Contains reports whether text holds any known secret.
func (s *Secrets) Contains(text string) bool {
	for _, v := range s.snapshot() {
		if strings.Contains(text, v) {
			return true
		}
	}
	return false
}
