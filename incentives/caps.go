package incentives

// applyCaps cuts the agent's bonus lines down to the per-agent bonus cap,
// and its points to the points cap, sharing each cut in proportion by the
// largest remainder so that the parts add up exactly to the cap.
func (b *builder) applyCaps(start int) {
	p := b.p
	lines := b.recs[start:]
	if p.capBonus > 0 {
		var sum int64
		for k := range lines {
			if lines[k].flags&fPool != 0 {
				sum += lines[k].amount
			}
		}
		if sum > p.capBonus {
			if b.capMoney == nil {
				b.capMoney = map[int32]capCut{}
			}
			b.capLines(start, lines, p.capBonus, fPool, fCapped, b.capMoney,
				func(r *rec) int64 { return r.amount }, func(r *rec, v int64) { r.amount = v })
		}
	}
	if p.capPoints > 0 {
		var sum int64
		for k := range lines {
			if lines[k].kind == kAward {
				sum += lines[k].points
			}
		}
		if sum > p.capPoints {
			if b.capPoints == nil {
				b.capPoints = map[int32]capCut{}
			}
			b.capLines(start, lines, p.capPoints, 0, fPointsCapped, b.capPoints,
				func(r *rec) int64 { return r.points }, func(r *rec, v int64) { r.points = v })
		}
	}
}

// capCut is what a per-agent cap did to one line, for its note: the
// line's figure before and after, and the agent's total before.
type capCut struct{ in, out, total int64 }

// capLines shares limit out among the award lines (those with flag, when
// flag is not 0) in proportion to get, sets each with put, and marks the
// lines it cut with mark, recording each cut in cuts by its index in
// b.recs (lines begins at start).
func (b *builder) capLines(start int, lines []rec, limit int64, flag, mark uint8, cuts map[int32]capCut, get func(*rec) int64, put func(*rec, int64)) {
	counts := func(r *rec) bool { return r.kind == kAward && (flag == 0 || r.flags&flag != 0) }
	var w []int64
	for k := range lines {
		if counts(&lines[k]) {
			w = append(w, get(&lines[k]))
		}
	}
	out := make([]int64, len(w))
	b.split.apportion(limit, w, out)
	var total int64
	for _, v := range w {
		total += v // below 3×10^17: see applyPercent
	}
	i := 0
	for k := range lines {
		if r := &lines[k]; counts(r) {
			if out[i] != w[i] {
				r.flags |= mark
				cuts[int32(start+k)] = capCut{in: w[i], out: out[i], total: total}
			}
			put(r, out[i])
			i++
		}
	}
}
