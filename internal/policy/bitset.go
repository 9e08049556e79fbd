package policy

import "math/bits"

// bitset is a set of action ranks.
type bitset []uint64

func newBitset(n int) bitset { return make(bitset, (n+63)/64) }

func (b bitset) set(i int32) { b[i>>6] |= 1 << (i & 63) }

// setRange adds ranks lo to hi-1.
func (b bitset) setRange(lo, hi int32) {
	for i := lo; i < hi; {
		if i&63 == 0 && hi-i >= 64 {
			b[i>>6] = ^uint64(0)
			i += 64
			continue
		}
		b.set(i)
		i++
	}
}

func (b bitset) clear() { clear(b) }

func (b bitset) or(o bitset) {
	for i := range b {
		b[i] |= o[i]
	}
}

// andNot removes o's members from b.
func (b bitset) andNot(o bitset) {
	for i := range b {
		b[i] &^= o[i]
	}
}

// and keeps only the members b shares with o.
func (b bitset) and(o bitset) {
	for i := range b {
		b[i] &= o[i]
	}
}

// invert complements b within ranks 0 to n-1.
func (b bitset) invert(n int) {
	for i := range b {
		b[i] = ^b[i]
	}
	if r := n & 63; r != 0 {
		b[len(b)-1] &= 1<<r - 1
	}
}

func (b bitset) count() int {
	c := 0
	for _, w := range b {
		c += bits.OnesCount64(w)
	}
	return c
}

// countAnd counts the members b shares with o.
func (b bitset) countAnd(o bitset) int {
	c := 0
	for i, w := range b {
		c += bits.OnesCount64(w & o[i])
	}
	return c
}

// next returns the first member at or after i, or -1.
func (b bitset) next(i int32) int32 {
	w := int(i >> 6)
	if w >= len(b) {
		return -1
	}
	word := b[w] >> (i & 63)
	if word != 0 {
		return i + int32(bits.TrailingZeros64(word))
	}
	for w++; w < len(b); w++ {
		if b[w] != 0 {
			return int32(w<<6 + bits.TrailingZeros64(b[w]))
		}
	}
	return -1
}
