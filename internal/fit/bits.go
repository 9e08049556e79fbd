package fit

import "math/bits"

// bitset is a set of indices into the catalog's action table.
type bitset []uint64

func newBitset(n int) bitset { return make(bitset, (n+63)/64) }

func (b bitset) set(i int)      { b[i>>6] |= 1 << (i & 63) }
func (b bitset) has(i int) bool { return b[i>>6]&(1<<(i&63)) != 0 }

func (b bitset) or(o bitset) {
	for i := range b {
		b[i] |= o[i]
	}
}

// invert complements b within the first n indices.
func (b bitset) invert(n int) {
	for i := range b {
		b[i] = ^b[i]
	}
	if r := n & 63; r != 0 {
		b[len(b)-1] &= 1<<r - 1
	}
}

// subsetOf reports whether every member of b is in o.
func (b bitset) subsetOf(o bitset) bool {
	for i := range b {
		if b[i]&^o[i] != 0 {
			return false
		}
	}
	return true
}

func (b bitset) count() int {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}

func (b bitset) clone() bitset { return append(bitset(nil), b...) }
