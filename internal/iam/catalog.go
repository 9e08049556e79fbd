package iam

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Catalog is a source of IAM metadata. Implementations are safe for
// concurrent use, since Terraform reads data sources in parallel.
type Catalog interface {
	// Source names the catalog source, such as "embedded" or "console".
	Source() string
	// DataVersion identifies the data the catalog serves.
	DataVersion() string
	// Services lists every service, sorted by prefix.
	Services(ctx context.Context) ([]ServiceSummary, error)
	// Service returns one service in detail, looked up case-insensitively.
	// An unknown prefix yields an *UnknownServiceError.
	Service(ctx context.Context, prefix string) (*Service, error)
	// GlobalConditionKeys lists the condition keys every service supports.
	GlobalConditionKeys(ctx context.Context) ([]ConditionKey, error)
}

// UnknownServiceError reports a service prefix the catalog does not know,
// with the closest known prefixes.
type UnknownServiceError struct {
	Prefix      string
	Suggestions []string
}

func (e *UnknownServiceError) Error() string {
	msg := fmt.Sprintf("unknown service prefix %q", e.Prefix)
	if len(e.Suggestions) > 0 {
		msg += "; did you mean " + quoteJoin(e.Suggestions, " or ") + "?"
	}
	return msg
}

// IsUnknownService reports whether err is, or wraps, an *UnknownServiceError.
func IsUnknownService(err error) bool {
	var u *UnknownServiceError
	return errors.As(err, &u)
}

// NewUnknownServiceError builds the error for prefix, suggesting up to three
// of the known prefixes that are closest in edit distance.
func NewUnknownServiceError(prefix string, known []ServiceSummary) *UnknownServiceError {
	names := make([]string, len(known))
	for i, s := range known {
		names[i] = s.Prefix
	}
	return &UnknownServiceError{Prefix: prefix, Suggestions: Suggest(prefix, names, 3)}
}

// Suggest returns up to limitCount candidates close to s: within an edit distance
// (counting a swap of neighbours as one edit) of a third of its length, at
// least 2, closest first; none for the empty string.
func Suggest(s string, candidates []string, limitCount int) []string {
	if s == "" {
		return nil // "q", "ce" and "ds" are no closer to nothing than any other name
	}
	s = ToLowerASCII(s)
	limit := max(2, len(s)/3)
	type scored struct {
		name string
		d    int
	}
	var hits []scored
	for _, c := range candidates {
		if len(c) > len(s)+limit || len(s) > len(c)+limit {
			continue // each edit changes the length by one at most
		}
		if d := editDistance(s, ToLowerASCII(c)); d <= limit {
			hits = append(hits, scored{c, d})
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].d != hits[j].d {
			return hits[i].d < hits[j].d
		}
		return hits[i].name < hits[j].name
	})
	var out []string
	for i := 0; i < len(hits) && i < limitCount; i++ {
		out = append(out, hits[i].name)
	}
	return out
}

// editDistance is the optimal string alignment distance: insertions,
// deletions, substitutions and swaps of adjacent characters each cost one.
func editDistance(a, b string) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

func quoteJoin(items []string, sep string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, sep)
}
