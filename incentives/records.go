package incentives

import (
	"slices"
	"strings"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
)

func (b *builder) load() error {
	p := b.p
	n := len(b.agents)
	m := len(p.metrics)
	lc := len(p.ladder.cols)
	b.matrix = make([]float64, n*m)
	b.nan = make([]uint64, n)
	if len(p.ladder.grades) > 0 {
		b.grade = make([]int32, n)
	}
	if b.pay && lc > 0 {
		b.career = make([]float64, n*lc)
	}
	for i := range b.agents {
		var crow []float64
		if b.career != nil {
			crow = b.career[i*lc : i*lc+lc]
		}
		f, err := p.validateAgent(i, &b.agents[i], b.per, b.pay, b.matrix[i*m:i*m+m], crow)
		if err != nil {
			if d := firstDuplicate(b.loc, b.agents[:i+1]); d != nil {
				return d
			}
			return err
		}
		b.nan[i] = f.nan
		if b.grade != nil {
			b.grade[i] = f.grade
		}
	}
	b.order = make([]int32, n)
	if sortedByID(b.agents) {
		for i := range b.order {
			b.order[i] = int32(i)
		}
	} else if err := b.sortByID(); err != nil {
		return err
	}
	// Teams, by first appearance in input order, then sorted. Records of
	// one team usually come together, so the map is asked only when the
	// team changes.
	index := map[string]int32{}
	var ids []string
	teamIn := make([]int32, n)
	last, lastK := "", int32(-1)
	for i := range b.agents {
		t := b.agents[i].Team
		if lastK < 0 || t != last {
			k, ok := index[t]
			if !ok {
				k = int32(len(ids))
				index[t] = k
				ids = append(ids, t)
			}
			last, lastK = t, k
		}
		teamIn[i] = lastK
	}
	sorted := make([]int32, len(ids))
	for k := range sorted {
		sorted[k] = int32(k)
	}
	slices.SortFunc(sorted, func(x, y int32) int { return strings.Compare(ids[x], ids[y]) })
	rank := make([]int32, len(ids))
	b.teams = make([]string, len(ids))
	for r, k := range sorted {
		rank[k] = int32(r)
		b.teams[r] = ids[k]
	}
	b.sizes = make([]int, len(ids))
	b.teamOf = make([]int32, n)
	b.ids = make([]string, n)
	for pos, ai := range b.order {
		t := rank[teamIn[ai]]
		b.teamOf[pos] = t
		b.sizes[t]++
		b.ids[pos] = b.agents[ai].ID
	}
	return nil
}

// sortedByID reports whether the ids are already in strictly increasing
// order, as a host that keeps its agents sorted passes them: then there
// is nothing to sort and no id repeats.
func sortedByID(agents []AgentRecord) bool {
	for i := 1; i < len(agents); i++ {
		if agents[i-1].ID >= agents[i].ID {
			return false
		}
	}
	return true
}

// sortByID fills b.order with the input indices in id order, and reports
// the first repeated id (in input order).
func (b *builder) sortByID() error {
	agents := b.agents
	// Ids often share a prefix ("agent-", "E00"). The 8 bytes after the
	// prefix all ids share, as a big-endian number padded with zeros,
	// order the ids wherever they differ, and settle most comparisons
	// without reading the ids again.
	lcp := len(agents[0].ID)
	for i := 1; i < len(agents) && lcp > 0; i++ {
		id := agents[i].ID
		n := min(lcp, len(id))
		k := 0
		for k < n && id[k] == agents[0].ID[k] {
			k++
		}
		lcp = k
	}
	type key struct {
		pre uint64
		i   int32
	}
	keys := make([]key, len(agents))
	for i := range keys {
		id := agents[i].ID[lcp:]
		var pre uint64
		for k := 0; k < 8; k++ {
			pre <<= 8
			if k < len(id) {
				pre |= uint64(id[k])
			}
		}
		keys[i] = key{pre, int32(i)}
	}
	keys = radixSort(keys, func(k key) uint64 { return k.pre })
	// Equal keys are in input order; ids that share them are ordered by
	// reading them whole.
	for lo := 0; lo < len(keys); {
		hi := lo + 1
		for hi < len(keys) && keys[hi].pre == keys[lo].pre {
			hi++
		}
		if hi-lo > 1 {
			slices.SortStableFunc(keys[lo:hi], func(x, y key) int { return strings.Compare(agents[x.i].ID, agents[y.i].ID) })
		}
		lo = hi
	}
	dup := -1
	for k := range keys {
		b.order[k] = keys[k].i
		if k > 0 && keys[k].pre == keys[k-1].pre && agents[keys[k].i].ID == agents[keys[k-1].i].ID && (dup < 0 || keys[k].i < keys[dup].i) {
			dup = k
		}
	}
	if dup >= 0 {
		i, j := keys[dup].i, keys[dup-1].i
		return msgerr.Duplicate(b.loc, callfloor.Path("agents").Index(int(i)).Child("id"), agents[i].ID, callfloor.Path("agents").Index(int(j)))
	}
	return nil
}

// radixSort sorts xs by key, stably, one byte of the key at a time from
// the lowest; a byte that is the same in every key costs one counting
// pass. It returns the sorted slice, which is xs or a scratch copy.
func radixSort[T any](xs []T, key func(T) uint64) []T {
	tmp := make([]T, len(xs))
	var counts [256]int
	for shift := uint(0); shift < 64; shift += 8 {
		clear(counts[:])
		for _, x := range xs {
			counts[byte(key(x)>>shift)]++
		}
		if counts[byte(key(xs[0])>>shift)] == len(xs) {
			continue
		}
		at := 0
		for d, c := range counts {
			counts[d] = at
			at += c
		}
		for _, x := range xs {
			d := byte(key(x) >> shift)
			tmp[counts[d]] = x
			counts[d]++
		}
		xs, tmp = tmp, xs
	}
	return xs
}

// firstDuplicate returns the error of the first record whose id repeats
// an earlier one, or nil.
func firstDuplicate(l *msg.Locale, agents []AgentRecord) error {
	seen := make(map[string]int, len(agents))
	for i := range agents {
		id := agents[i].ID
		if j, dup := seen[id]; dup && id != "" {
			return msgerr.Duplicate(l, callfloor.Path("agents").Index(i).Child("id"), id, callfloor.Path("agents").Index(j))
		}
		seen[id] = i
	}
	return nil
}

func (b *builder) row(ai int32) []float64 {
	m := len(b.p.metrics)
	return b.matrix[int(ai)*m : int(ai)*m+m]
}
