package policyfile

import "strconv"

// A Path names a field of a policy the way a reader finds it in YAML:
// "tiers[2].min". The zero Path is the document itself.
type Path string

// Child is the path of the field name below p.
func (p Path) Child(name string) Path {
	if p == "" {
		return Path(name)
	}
	return p + "." + Path(name)
}

// Index is the path of element i of the sequence at p.
func (p Path) Index(i int) Path {
	return p + "[" + Path(strconv.Itoa(i)) + "]"
}

// Key is the path of the entry with the given key in the mapping at p.
func (p Path) Key(k string) Path {
	return p.Child(k)
}

// parent trims the last element of p: "a.b[2]" gives "a.b", "a.b" gives "a".
func (p Path) parent() Path {
	for i := len(p) - 1; i >= 0; i-- {
		switch p[i] {
		case '.':
			return p[:i]
		case '[':
			return p[:i]
		}
	}
	return ""
}
