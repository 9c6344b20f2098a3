package cond

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/callfloor/callfloor/internal/msg"
)

// MaxLen bounds the length of one expression, and maxNesting how deep
// parentheses and ! may nest; both keep hostile input cheap to refuse.
const (
	MaxLen     = 4096
	maxNesting = 64
)

// An Env is the set of metric names a policy declares, each with a slot.
// An Env is read-only once built and safe for concurrent use.
type Env struct {
	slots map[string]int
	names []string
	// labels are how reasons write each metric, by slot; nil writes the
	// names. loc words the joins of Explain and Readable; nil is English.
	labels []string
	loc    *msg.Locale
}

// NewEnv declares metrics in order; the i-th name gets slot i. Names must
// be identifiers (letters, digits and underscores, not starting with a
// digit) and unique; NewEnv reports the first that is not.
func NewEnv(names ...string) (*Env, error) {
	e := &Env{slots: make(map[string]int, len(names))}
	for _, n := range names {
		if err := e.add(n); err != nil {
			return nil, err
		}
	}
	return e, nil
}

func (e *Env) add(name string) error {
	q := strconv.Quote(name)
	if !IsIdent(name) {
		return &DeclError{Name: name, Message: msg.CondEnvNotIdent{Name: q}}
	}
	if name == "true" || name == "false" {
		return &DeclError{Name: name, Message: msg.CondEnvReserved{Name: q}}
	}
	if _, dup := e.slots[name]; dup {
		return &DeclError{Name: name, Message: msg.CondEnvDuplicate{Name: q}}
	}
	e.slots[name] = len(e.names)
	e.names = append(e.names, name)
	return nil
}

// IsIdent reports whether s is a valid metric name.
func IsIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '_' || isLetter(c) || (i > 0 && isDigit(c)) {
			continue
		}
		return false
	}
	return true
}

// Len is the number of declared metrics: the length Eval expects.
func (e *Env) Len() int { return len(e.names) }

// Slot returns the slot of a declared metric.
func (e *Env) Slot(name string) (int, bool) {
	i, ok := e.slots[name]
	return i, ok
}

// Names returns the declared metrics in slot order.
func (e *Env) Names() []string { return append([]string(nil), e.names...) }

// Present sets how the reasons of the Env's conditions write figures and
// conditions: in the locale l (nil is English), which joins the figures
// of Explain and words the && , || and ! of Readable, and with each
// metric written as label gives it (a display name a policy declares,
// such as 质检均分 for qa_avg); label may be nil, and an empty label
// keeps the metric's name. A policy calls it once while it is compiled,
// before the Env is shared: it is not safe to call it concurrently with
// the Env's use.
func (e *Env) Present(l *msg.Locale, label func(name string) string) {
	e.loc = l
	e.labels = nil
	if label == nil {
		return
	}
	labels := make([]string, len(e.names))
	named := false
	for i, n := range e.names {
		labels[i] = n
		if s := label(n); s != "" && s != n {
			labels[i], named = s, true
		}
	}
	if named {
		e.labels = labels
	}
}

// Label gives how reasons write the metric name: the label Present gave
// it, or the name itself.
func (e *Env) Label(name string) string {
	if i, ok := e.slots[name]; ok && e.labels != nil {
		return e.labels[i]
	}
	return name
}

// label gives how reasons write the metric in slot.
func (e *Env) label(slot int) string {
	if e.labels != nil {
		return e.labels[slot]
	}
	return e.names[slot]
}

// separator gives what joins the figures of Explain.
func (e *Env) separator() string {
	if e.loc == nil {
		return ", "
	}
	return e.loc.ListSeparator()
}

// An Error is a condition that does not compile, with the byte offset in
// the source where the problem is.
type Error struct {
	// Offset is the byte offset of the problem in the condition's source.
	Offset int
	// Msg says what is wrong, in English.
	Msg string
	// Message is the catalog message Msg is worded from, with its
	// arguments, for a caller that words the problem in a policy's locale
	// (policyfile.Doc.Condition does).
	Message msg.Message
}

// newError words m in English at offset.
func newError(offset int, m msg.Message) *Error {
	return &Error{Offset: offset, Msg: m.String(msg.English()), Message: m}
}

// Error returns "offset N: message"; a policy's decoder turns the offset
// into a line and column.
func (e *Error) Error() string { return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg) }

// LocalizedMessage gives the catalog message of the error, so that a
// policy's decoder can word it in the policy's locale.
func (e *Error) LocalizedMessage() msg.Message { return e.Message }

// A DeclError is a metric name that NewEnv refuses.
type DeclError struct {
	// Name is the refused name.
	Name string
	// Message says what is wrong with it, as a catalog message.
	Message msg.Message
}

// Error says what is wrong with the name, in English.
func (e *DeclError) Error() string { return e.Message.String(msg.English()) }

// LocalizedMessage gives the catalog message of the error, so that a
// policy's decoder can word it in the policy's locale.
func (e *DeclError) LocalizedMessage() msg.Message { return e.Message }

// An Expr is a compiled condition. It is immutable and safe for concurrent
// use.
type Expr struct {
	src   string
	prog  program
	mask  *masked // nil when the condition does not fit mask form
	flat  *flat   // nil when the condition has no flat form
	slots []int   // metric slots the expression reads, sorted, unique
	env   *Env
	// For each of slots: the constants it is compared with, and the
	// slots it is compared with; read only to explain.
	thresholds [][]float64
	peers      [][]int
}

// String returns the source of the expression.
func (x *Expr) String() string { return x.src }

// Readable gives the condition as people read it in the locale of the
// Env's Present: its metrics by their labels, and &&, ||, !, true and
// false in the locale's words ("质检均分 >= 85 且 司龄天数 >= 180"); numbers,
// comparisons, parentheses and spacing as written. In English, without
// labels, it is the source.
func (x *Expr) Readable() string { return string(x.AppendReadable(nil)) }

// AppendReadable appends what Readable returns to dst.
func (x *Expr) AppendReadable(dst []byte) []byte {
	if x.env.loc == nil && x.env.labels == nil {
		return append(dst, x.src...)
	}
	l := x.env.loc
	if l == nil {
		l = msg.English()
	}
	lex := lexer{src: x.src}
	last := 0
	for {
		t := lex.next()
		if t.kind == tokEOF {
			break
		}
		dst = append(dst, x.src[last:t.pos]...)
		last = lex.pos
		switch t.kind {
		case tokIdent:
			switch t.text {
			case "true":
				dst = msg.CondWordTrue{}.Append(dst, l)
			case "false":
				dst = msg.CondWordFalse{}.Append(dst, l)
			default:
				dst = append(dst, x.env.Label(t.text)...)
			}
		case tokAnd:
			dst = msg.CondWordAnd{}.Append(dst, l)
		case tokOr:
			dst = msg.CondWordOr{}.Append(dst, l)
		case tokNot:
			dst = msg.CondWordNot{}.Append(dst, l)
		default:
			dst = append(dst, t.text...)
		}
	}
	return append(dst, x.src[last:]...)
}

// Eval evaluates the condition over vals, indexed by the slots of the Env
// it was compiled with. vals must be at least Env.Len() long; a shorter
// slice is a programming error and panics.
func (x *Expr) Eval(vals []float64) bool {
	if x.mask != nil {
		return holds(x.mask.terms, x.mask.bits(vals))
	}
	return x.prog.run(vals) == answerTrue
}

// Metrics returns the names of the metrics the expression reads, in slot
// order.
func (x *Expr) Metrics() []string {
	out := make([]string, len(x.slots))
	for i, s := range x.slots {
		out[i] = x.env.names[s]
	}
	return out
}

// Explain renders the values the expression read, as
// "qa_avg=96.5, csat=4.7", for the reasons attached to a decision; each
// metric is written by its label and the figures are joined in the
// locale the Env's Present set ("质检均分=96.5、客户满意度=4.7"). A
// reason is read by people: values are rounded to two decimals, or shown
// with more where rounding would put a value on the other side of a
// threshold of the condition (see AppendFigure). Explain runs only when
// a reason is written, never in Eval.
func (x *Expr) Explain(vals []float64) string {
	return string(x.AppendExplain(nil, vals))
}

// AppendExplain appends what Explain returns to dst.
func (x *Expr) AppendExplain(dst []byte, vals []float64) []byte {
	for i, s := range x.slots {
		if i > 0 {
			dst = append(dst, x.env.separator()...)
		}
		dst = append(dst, x.env.label(s)...)
		dst = append(dst, '=')
		dst = x.AppendValue(dst, s, vals)
	}
	return dst
}

// AppendValue appends the value of the metric in slot, as Explain shows
// it: rounded so that it compares with every constant of the condition as
// the value itself does. A metric the condition compares with another
// metric is shown exactly (in the shortest form that reads back as it),
// as both sides would be rounded.
func (x *Expr) AppendValue(dst []byte, slot int, vals []float64) []byte {
	i := -1
	for k, s := range x.slots {
		if s == slot {
			i = k
			break
		}
	}
	if i < 0 {
		return AppendFigure(dst, vals[slot], nil)
	}
	if len(x.peers[i]) > 0 {
		// Compared with another metric, which is rounded too: only exact
		// values are sure to keep the comparison.
		return AppendFigure(dst, vals[slot], []float64{vals[slot]})
	}
	return AppendFigure(dst, vals[slot], x.thresholds[i])
}

// Compile parses src against env. The error, if any, is an *Error.
func Compile(src string, env *Env) (*Expr, error) {
	if len(src) > MaxLen {
		return nil, newError(MaxLen, msg.CondTooLong{Size: len(src), Limit: MaxLen})
	}
	p := &parser{lex: lexer{src: src}, env: env, used: map[int]bool{}}
	p.next()
	if p.tok.kind == tokEOF {
		return nil, newError(0, msg.CondEmpty{})
	}
	root, err := p.parseOr(0)
	if err != nil {
		return nil, err
	}
	if p.tok.kind != tokEOF {
		return nil, p.unexpected(wantEnd)
	}
	x := &Expr{src: src, env: env}
	x.prog.entry = x.prog.lower(root, answerTrue, answerFalse)
	x.mask, _ = toMasked(root)
	x.flat = toFlat(root)
	for s := range p.used {
		x.slots = append(x.slots, s)
	}
	sort.Ints(x.slots)
	x.collectThresholds(root)
	return x, nil
}

// MustCompile is Compile for conditions written in Go code; it panics on an
// error, which is a programming mistake there.
func MustCompile(src string, env *Env) *Expr {
	x, err := Compile(src, env)
	if err != nil {
		panic(fmt.Sprintf("cond: %q: %v", src, err))
	}
	return x
}
