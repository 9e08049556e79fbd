package readonly

import (
	"encoding/json"
	"sort"
	"strings"
	"unicode"
)

// PolicyVersion is the policy language version every document declares.
const PolicyVersion = "2012-10-17"

// Key order follows AWS's own documents; encoding/json keeps field order.
type statementDoc struct {
	Sid      string   `json:"Sid,omitempty"`
	Effect   string   `json:"Effect"`
	Action   []string `json:"Action"`
	Resource string   `json:"Resource"`
}

type policyDoc struct {
	Version   string         `json:"Version"`
	Statement []statementDoc `json:"Statement"`
}

func allowStatement(sid string, actions []string) statementDoc {
	if actions == nil {
		actions = []string{} // "Action":[], not null, when measuring overhead
	}
	return statementDoc{Sid: sid, Effect: "Allow", Action: actions, Resource: "*"}
}

func policyOf(st statementDoc) policyDoc {
	return policyDoc{Version: PolicyVersion, Statement: []statementDoc{st}}
}

// encode writes v as compact JSON without HTML escaping: a policy is not
// HTML, and "\u003c" would only cost characters.
func encode(v any) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // cannot fail: v holds only strings and slices of them
	return strings.TrimSuffix(b.String(), "\n")
}

// CountChars counts characters the way IAM sizes a policy: whitespace is
// free.
func CountChars(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

// splitPolicies packs the actions into policy documents of one statement
// each, none over limit characters, as few as pack manages. When even one
// action does not fit, it returns no documents and the smallest limit that
// would do, with the action that sets it.
func splitPolicies(sid string, actions []string, limit int) (docs []string, minimum int, longest string) {
	overhead := CountChars(encode(policyOf(allowStatement(sid, nil))))
	sizes := make([]int, len(actions))
	for i, a := range actions {
		sizes[i] = CountChars(encode(a)) + 1 // its JSON string and a comma
		if need := overhead + sizes[i] - 1; need > minimum {
			minimum, longest = need, a
		}
	}
	if len(actions) == 0 || limit < minimum {
		return nil, minimum, longest
	}
	// A document of n actions has overhead + sum(sizes) - 1 characters.
	for _, bin := range pack(sizes, limit-overhead+1) {
		part := make([]string, len(bin))
		for k, i := range bin {
			part[k] = actions[i]
		}
		docs = append(docs, encode(policyOf(allowStatement(sid, part))))
	}
	return docs, minimum, longest
}

// pack groups item indices into bins whose sizes sum to at most capacity;
// every size must fit alone. Bin packing is NP-hard, but these items are
// tiny beside a bin, and the lower bound ceil(total/capacity) is nearly
// always reached. pack first fills bins in item order, so that each policy
// holds an alphabetical run of actions; only when that misses the bound
// does it fill each bin in turn as full as the remaining items allow.
// Reaching the bound proves the count optimal; the tests check that it does
// for the snapshot's services at several limits.
func pack(sizes []int, capacity int) [][]int {
	total := 0
	for _, s := range sizes {
		total += s
	}
	bins := nextFit(sizes, capacity)
	if bound := (total + capacity - 1) / capacity; len(bins) > bound {
		if full := fullestFill(sizes, capacity); len(full) < len(bins) {
			bins = full
		}
	}
	return bins
}

func nextFit(sizes []int, capacity int) [][]int {
	var bins [][]int
	room := 0
	for i, s := range sizes {
		if len(bins) == 0 || s > room {
			bins = append(bins, nil)
			room = capacity
		}
		bins[len(bins)-1] = append(bins[len(bins)-1], i)
		room -= s
	}
	return bins
}

// fullestFill fills one bin at a time with the subset of the remaining
// items whose sizes come closest to capacity, found by a bounded subset-sum
// over the distinct sizes. Items of one size are taken in index order, and
// each bin lists its items in index order.
func fullestFill(sizes []int, capacity int) [][]int {
	bySize := map[int][]int{} // size → indices not yet packed, ascending
	for i, s := range sizes {
		bySize[s] = append(bySize[s], i)
	}
	var bins [][]int
	for len(bySize) > 0 {
		distinct := make([]int, 0, len(bySize))
		for s := range bySize {
			distinct = append(distinct, s)
		}
		sort.Ints(distinct)
		var bin []int
		for k, n := range fill(distinct, bySize, capacity) {
			s := distinct[k]
			bin = append(bin, bySize[s][:n]...)
			if bySize[s] = bySize[s][n:]; len(bySize[s]) == 0 {
				delete(bySize, s)
			}
		}
		sort.Ints(bin)
		bins = append(bins, bin)
	}
	sort.Slice(bins, func(a, b int) bool { return bins[a][0] < bins[b][0] })
	return bins
}

// fill returns how many items of each distinct size make the largest sum
// within capacity. from[c] is the size that first reached sum c; a sum
// reached in pass k steps back by sizes of pass k and then of earlier
// passes only, so the counts taken never exceed what is left.
func fill(distinct []int, bySize map[int][]int, capacity int) []int {
	from := make([]int, capacity+1)
	for c := range from {
		from[c] = -1
	}
	reached := make([]bool, capacity+1)
	reached[0] = true
	used := make([]int, capacity+1)
	for k, s := range distinct {
		left := len(bySize[s])
		for c := range used {
			used[c] = 0
		}
		for c := s; c <= capacity; c++ {
			if !reached[c] && reached[c-s] && used[c-s] < left {
				reached[c], used[c], from[c] = true, used[c-s]+1, k
			}
		}
	}
	best := capacity
	for !reached[best] {
		best--
	}
	counts := make([]int, len(distinct))
	for c := best; c > 0; c -= distinct[from[c]] {
		counts[from[c]]++
	}
	return counts
}
