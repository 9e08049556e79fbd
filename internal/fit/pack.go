package fit

import (
	"fmt"
	"slices"
	"sort"
	"strconv"

	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

// packed is an attempt's documents.
type packed struct {
	docs       []*policy.Document
	statements int
	split      int
	patterns   int
}

// item is one statement ready to pack, with its size within a document's
// Statement array, the comma before it included.
type item struct {
	st    policy.Statement
	size  int
	order int // its place in the input, kept within each document
}

// pack writes the statements out, splits those too large for a document,
// and packs them into as few documents as it can.
func (w *work) pack(r rule, opts Options, version string, id *string) (*packed, error) {
	empty := r.Count(documentJSON(version, nil))
	capacity := r.limit - empty + 1 // the first statement has no comma before it
	out := &packed{}
	var items []item
	for _, s := range w.stmts {
		if s.gone {
			continue
		}
		st := s.st
		st.Path = ""
		list := &policy.StringList{Values: s.patterns, Array: len(s.patterns) != 1}
		if s.not {
			st.NotAction = list
		} else {
			st.Action = list
		}
		pieces, err := w.split(st, r, version, capacity)
		if err != nil {
			return nil, err
		}
		if len(pieces) > 1 {
			out.split++
		}
		for _, p := range pieces {
			p.order = len(items)
			items = append(items, p)
		}
	}
	total := empty - 1
	for _, it := range items {
		total += it.size
		out.patterns += len(it.st.Actions().Values)
	}
	out.statements = len(items)
	var bins [][]item
	if r.PerEntity || len(items) == 0 {
		if total > r.limit {
			return nil, &TooLargeError{Smallest: total, Documents: 1, MaxDocuments: 1, Limit: r.limit, Kind: opts.Kind, Total: r.PerEntity}
		}
		bins = [][]item{items}
	} else {
		bins = packItems(items, capacity)
	}
	if len(bins) > opts.MaxDocuments {
		return nil, &TooLargeError{Smallest: total + (len(bins)-1)*(empty-1), Documents: len(bins), MaxDocuments: opts.MaxDocuments, Limit: r.limit, Kind: opts.Kind}
	}
	for _, b := range bins {
		sort.SliceStable(b, func(i, j int) bool { return b[i].order < b[j].order })
		doc := &policy.Document{Version: version, StatementArray: true}
		for _, it := range b {
			doc.Statements = append(doc.Statements, it.st)
		}
		if id != nil && len(bins) == 1 {
			doc.ID, doc.HasID = *id, true
		}
		out.docs = append(out.docs, doc)
	}
	return out, nil
}

func documentJSON(version string, sts []policy.Statement) string {
	b, _ := (&policy.Document{Version: version, Statements: sts, StatementArray: true}).MarshalJSON()
	return string(b)
}

// split cuts a statement too large for one document by its Action list,
// then each piece by its Resource list: a statement grants each of its
// actions on each of its resources, so the pieces grant the same.
func (w *work) split(st policy.Statement, r rule, version string, capacity int) ([]item, error) {
	empty := r.Count(documentJSON(version, nil))
	size := func(st policy.Statement) int { // in a Statement array, with the comma before it
		return r.Count(documentJSON(version, []policy.Statement{st})) - empty + 1
	}
	alone := func(st policy.Statement) int { return size(st) - 1 + empty }
	if s := size(st); s <= capacity {
		return []item{{st: st, size: s}}, nil
	}
	sid, what := st.Sid, describe(&st)
	if w.opts.KeepSids && st.HasSid {
		st.Sid += "Part999" // cut with room for the pieces' Sids
	}
	var byAction []policy.Statement
	if st.Action != nil && len(st.Action.Values) > 1 {
		byAction = cutList(st, capacity, size, func(s *policy.Statement) *policy.StringList { return s.Action },
			func(s *policy.Statement, l *policy.StringList) { s.Action = l })
	} else {
		byAction = []policy.Statement{st}
	}
	var out []item
	for _, piece := range byAction {
		if s := size(piece); s <= capacity {
			out = append(out, item{st: piece, size: s})
			continue
		}
		if piece.Resource == nil || len(piece.Resource.Values) < 2 {
			return nil, &TooLargeError{Smallest: alone(piece), Limit: r.limit, Kind: w.opts.Kind,
				Unsplittable: what}
		}
		for _, p := range cutList(piece, capacity, size, func(s *policy.Statement) *policy.StringList { return s.Resource },
			func(s *policy.Statement, l *policy.StringList) { s.Resource = l }) {
			s := size(p)
			if s > capacity {
				return nil, &TooLargeError{Smallest: alone(p), Limit: r.limit, Kind: w.opts.Kind,
					Unsplittable: what}
			}
			out = append(out, item{st: p, size: s})
		}
	}
	if w.opts.KeepSids && st.HasSid {
		for i := range out {
			out[i].st.Sid = sid
			if i > 0 {
				out[i].st.Sid += "Part" + strconv.Itoa(i+1)
			}
			out[i].size = size(out[i].st)
		}
	}
	return out, nil
}

// cutList cuts one list of a statement into pieces that each fit, greedily
// in order; a piece of one value may still be too large.
func cutList(st policy.Statement, capacity int, size func(policy.Statement) int,
	get func(*policy.Statement) *policy.StringList, put func(*policy.Statement, *policy.StringList)) []policy.Statement {
	values := get(&st).Values
	piece := func(lo, hi int) policy.Statement {
		p := st
		put(&p, &policy.StringList{Values: slices.Clone(values[lo:hi]), Array: hi-lo > 1})
		return p
	}
	var out []policy.Statement
	for lo := 0; lo < len(values); {
		// The longest run from lo that fits: sizes grow with the run, so
		// doubling then halving finds it in work proportional to the run.
		fits := func(k int) bool { return lo+k <= len(values) && size(piece(lo, lo+k)) <= capacity }
		k := 1
		for fits(2 * k) {
			k *= 2
		}
		// The run is at least k long and shorter than 2k.
		n := k + sort.Search(k, func(j int) bool { return !fits(k + j + 1) })
		hi := lo + n
		out = append(out, piece(lo, hi))
		lo = hi
	}
	return out
}

func describe(st *policy.Statement) string {
	if st.HasSid {
		return fmt.Sprintf("the %s statement %q", st.Effect, st.Sid)
	}
	return fmt.Sprintf("a %s statement of %d actions", st.Effect, len(st.Actions().Values))
}

// exactItems is the most items packed exactly, by a search that tries
// every assignment up to symmetry; beyond it, first fit decreasing.
const (
	exactItems = 24
	exactNodes = 200_000
)

// packItems packs items into bins of capacity: first fit decreasing, then,
// for few items, a search for a packing in fewer bins.
func packItems(items []item, capacity int) [][]item {
	sorted := slices.Clone(items)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].size > sorted[j].size })
	bins := firstFit(sorted, capacity)
	if len(sorted) > exactItems || len(bins) == 1 {
		return bins
	}
	sum := 0
	for _, it := range sorted {
		sum += it.size
	}
	for k := (sum + capacity - 1) / capacity; k < len(bins); k++ {
		if better, ok := exactPack(sorted, capacity, k); ok {
			return better
		}
	}
	return bins
}

func firstFit(sorted []item, capacity int) [][]item {
	var bins [][]item
	var room []int
	for _, it := range sorted {
		placed := false
		for b := range bins {
			if room[b] >= it.size {
				bins[b] = append(bins[b], it)
				room[b] -= it.size
				placed = true
				break
			}
		}
		if !placed {
			bins = append(bins, []item{it})
			room = append(room, capacity-it.size)
		}
	}
	return bins
}

// exactPack looks for a packing into k bins by depth-first search, items
// largest first, never trying two bins with the same room for one item.
func exactPack(sorted []item, capacity, k int) ([][]item, bool) {
	room := make([]int, k)
	for i := range room {
		room[i] = capacity
	}
	assign := make([]int, len(sorted))
	nodes := 0
	var place func(i int) bool
	place = func(i int) bool {
		if i == len(sorted) {
			return true
		}
		if nodes++; nodes > exactNodes {
			return false
		}
		tried := map[int]bool{}
		for b := range room {
			if room[b] < sorted[i].size || tried[room[b]] {
				continue
			}
			tried[room[b]] = true
			room[b] -= sorted[i].size
			assign[i] = b
			if place(i + 1) {
				return true
			}
			room[b] += sorted[i].size
		}
		return false
	}
	if !place(0) {
		return nil, false
	}
	bins := make([][]item, k)
	for i, b := range assign {
		bins[b] = append(bins[b], sorted[i])
	}
	return bins, true
}
