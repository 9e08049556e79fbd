package embedded

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// The snapshot is one file: a magic line, the length of the index, the
// flate-compressed index (data version, global condition keys, and per
// service its prefix, name, action count and blob length), then one
// flate-compressed blob per service in index order. Compressing services
// separately is what lets a plan decode only the services it asks about.
//
// Inside a blob every string is stored once in a table and referred to by
// index, so repeated condition keys and resource names cost a varint each.
const magic = "IAMV2SNAPSHOT1\n"

// Snapshot is the whole catalog in memory, as the generator builds it.
type Snapshot struct {
	DataVersion         string
	GlobalConditionKeys []iam.ConditionKey
	Services            []iam.Service // sorted by prefix
}

type indexEntry struct {
	prefix, name string
	actionCount  int
	offset, size int // of the compressed blob within the file
}

type index struct {
	dataVersion string
	global      []iam.ConditionKey
	services    []indexEntry
}

// Encode writes the snapshot in the embedded format.
func Encode(s *Snapshot) ([]byte, error) {
	var blobs bytes.Buffer
	var idx encoder
	idx.str(s.DataVersion)
	idx.uint(len(s.GlobalConditionKeys))
	for _, k := range s.GlobalConditionKeys {
		idx.str(k.Name)
		idx.str(k.Type)
		idx.str(k.Description)
	}
	idx.uint(len(s.Services))
	for i := range s.Services {
		svc := &s.Services[i]
		blob, err := compress(encodeService(svc))
		if err != nil {
			return nil, err
		}
		blobs.Write(blob)
		idx.str(svc.Prefix)
		idx.str(svc.Name)
		idx.uint(len(svc.Actions))
		idx.uint(len(blob))
	}
	head, err := compress(idx.buf.Bytes())
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	out.WriteString(magic)
	out.Write(binary.AppendUvarint(nil, uint64(len(head))))
	out.Write(head)
	out.Write(blobs.Bytes())
	return out.Bytes(), nil
}

func encodeService(svc *iam.Service) []byte {
	var body encoder
	table := map[string]int{}
	var strs []string
	ref := func(s string) {
		i, ok := table[s]
		if !ok {
			i = len(strs)
			table[s] = i
			strs = append(strs, s)
		}
		body.uint(i)
	}
	refs := func(list []string) {
		body.uint(len(list))
		for _, s := range list {
			ref(s)
		}
	}
	ref(svc.Prefix)
	ref(svc.Name)
	body.uint(len(svc.ResourceTypes))
	for _, r := range svc.ResourceTypes {
		ref(r.Name)
		ref(r.ARN)
		refs(r.ConditionKeys)
	}
	body.uint(len(svc.ConditionKeys))
	for _, k := range svc.ConditionKeys {
		ref(k.Name)
		ref(k.Type)
		ref(k.Description)
	}
	body.uint(len(svc.Actions))
	for _, a := range svc.Actions {
		ref(a.Name)
		ref(a.Description)
		body.uint(int(a.AccessLevel))
		body.uint(len(a.ResourceTypes))
		for _, r := range a.ResourceTypes {
			ref(r.Name)
			if r.Required {
				body.uint(1)
			} else {
				body.uint(0)
			}
			refs(r.ConditionKeys)
			refs(r.DependentActions)
		}
		refs(a.ConditionKeys)
		refs(a.DependentActions)
	}
	var out encoder
	out.uint(len(strs))
	for _, s := range strs {
		out.str(s)
	}
	out.buf.Write(body.buf.Bytes())
	return out.buf.Bytes()
}

func decodeIndex(data []byte) (*index, error) {
	if !bytes.HasPrefix(data, []byte(magic)) {
		return nil, errors.New("embedded snapshot: bad magic")
	}
	rest := data[len(magic):]
	n, w := binary.Uvarint(rest)
	if w <= 0 || uint64(len(rest)-w) < n {
		return nil, errors.New("embedded snapshot: bad index length")
	}
	raw, err := decompress(rest[w : w+int(n)])
	if err != nil {
		return nil, fmt.Errorf("embedded snapshot index: %w", err)
	}
	d := decoder{s: string(raw)}
	idx := &index{dataVersion: d.str()}
	idx.global = make([]iam.ConditionKey, d.count())
	for i := range idx.global {
		idx.global[i] = iam.ConditionKey{Name: d.str(), Type: d.str(), Description: d.str()}
	}
	offset := len(magic) + w + int(n)
	idx.services = make([]indexEntry, d.count())
	for i := range idx.services {
		e := indexEntry{prefix: d.str(), name: d.str(), actionCount: d.uint(), size: d.uint(), offset: offset}
		offset += e.size
		idx.services[i] = e
	}
	if d.err != nil {
		return nil, fmt.Errorf("embedded snapshot index: %w", d.err)
	}
	if offset != len(data) {
		return nil, fmt.Errorf("embedded snapshot: index covers %d bytes of %d", offset, len(data))
	}
	return idx, nil
}

func decodeService(blob []byte) (*iam.Service, error) {
	raw, err := decompress(blob)
	if err != nil {
		return nil, err
	}
	// One string backs every name in the service: substrings share it.
	d := decoder{s: string(raw)}
	strs := make([]string, d.count())
	for i := range strs {
		strs[i] = d.str()
	}
	ref := func() string {
		i := d.uint()
		if i >= len(strs) {
			d.fail("string index out of range")
			return ""
		}
		return strs[i]
	}
	refs := func() []string {
		n := d.count()
		if n == 0 {
			return nil
		}
		out := make([]string, n)
		for i := range out {
			out[i] = ref()
		}
		return out
	}
	svc := &iam.Service{Prefix: ref(), Name: ref()}
	svc.ResourceTypes = make([]iam.ResourceType, d.count())
	for i := range svc.ResourceTypes {
		svc.ResourceTypes[i] = iam.ResourceType{Name: ref(), ARN: ref(), ConditionKeys: refs()}
	}
	svc.ConditionKeys = make([]iam.ConditionKey, d.count())
	for i := range svc.ConditionKeys {
		svc.ConditionKeys[i] = iam.ConditionKey{Name: ref(), Type: ref(), Description: ref()}
	}
	svc.Actions = make([]iam.Action, d.count())
	for i := range svc.Actions {
		a := &svc.Actions[i]
		a.Name, a.Description, a.AccessLevel = ref(), ref(), iam.AccessLevel(d.uint())
		if n := d.count(); n > 0 {
			a.ResourceTypes = make([]iam.ActionResource, n)
			for j := range a.ResourceTypes {
				a.ResourceTypes[j] = iam.ActionResource{Name: ref(), Required: d.uint() == 1, ConditionKeys: refs(), DependentActions: refs()}
			}
		}
		a.ConditionKeys, a.DependentActions = refs(), refs()
		if !a.AccessLevel.Valid() {
			d.fail(fmt.Sprintf("action %s has invalid access level %d", a.Name, a.AccessLevel))
		}
	}
	if d.err == nil && d.pos != len(d.s) {
		d.fail("trailing bytes")
	}
	if d.err != nil {
		return nil, d.err
	}
	return svc, nil
}

type encoder struct{ buf bytes.Buffer }

func (e *encoder) uint(v int) { e.buf.Write(binary.AppendUvarint(nil, uint64(v))) }
func (e *encoder) str(s string) {
	e.uint(len(s))
	e.buf.WriteString(s)
}

// decoder reads varints and strings; the first error sticks and later reads
// return zero values, so decoding code stays linear.
type decoder struct {
	s   string
	pos int
	err error
}

func (d *decoder) fail(msg string) {
	if d.err == nil {
		d.err = fmt.Errorf("corrupt snapshot at byte %d: %s", d.pos, msg)
	}
}

func (d *decoder) uint() int {
	if d.err != nil {
		return 0
	}
	var v uint64
	for shift := 0; shift < 64; shift += 7 {
		if d.pos >= len(d.s) {
			d.fail("truncated varint")
			return 0
		}
		b := d.s[d.pos]
		d.pos++
		v |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return int(v)
		}
	}
	d.fail("overlong varint")
	return 0
}

// count reads the length of a list; each element takes at least a byte, so
// a corrupt count fails here instead of allocating without bound.
func (d *decoder) count() int {
	n := d.uint()
	if n > len(d.s)-d.pos {
		d.fail("implausible count")
		return 0
	}
	return n
}

func (d *decoder) str() string {
	n := d.uint()
	if d.err != nil {
		return ""
	}
	if n > len(d.s)-d.pos {
		d.fail("truncated string")
		return ""
	}
	s := d.s[d.pos : d.pos+n]
	d.pos += n
	return s
}

func compress(b []byte) ([]byte, error) {
	var out bytes.Buffer
	w, err := flate.NewWriter(&out, flate.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(b); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func decompress(b []byte) ([]byte, error) {
	return io.ReadAll(flate.NewReader(bytes.NewReader(b)))
}
