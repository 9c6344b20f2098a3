package qa

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
)

// locale gives the locale p names, English for a nil or zero Policy.
func (p *Policy) locale() *msg.Locale {
	if p == nil || p.loc == nil {
		return msg.English()
	}
	return p.loc
}

// Locale gives the tag of the locale the policy names ("zh-CN"), in which
// its reasons, input errors and problems are worded: "en" when it names
// none, and empty for a nil or zero Policy.
func (p *Policy) Locale() string {
	if !p.ready() || p.loc == nil {
		return ""
	}
	return p.loc.Tag()
}

// reasonIn builds the Reason of the rule at the given YAML path worded by
// m in l, with m's id. Facts that are not finite are left out: JSON
// cannot hold them, and a figure that has no value was not read.
func reasonIn[M msg.Message](l *msg.Locale, rule string, o callfloor.Outcome, m M, facts ...callfloor.Fact) callfloor.Reason {
	var buf [256]byte
	r := callfloor.Reason{Rule: rule, Outcome: o, Text: string(m.Append(buf[:0], l)), Message: m.ID()}
	for _, f := range facts {
		if finite(f.Value) {
			r.Facts = append(r.Facts, f)
		}
	}
	return r
}

// inputErr reports a mistake worded by m in l, a whole sentence after
// the field, with the kind of mistake it is and m's id and arguments.
func inputErr(l *msg.Locale, kind callfloor.ErrorKind, field string, m msg.Message) error {
	return callfloor.FramedInputError(l, callfloor.Path(field), kind, nil, m)
}

// timeProblem says why t cannot be stored, or nil when it can.
func timeProblem(t time.Time) msg.Message { return msgerr.TimeProblem(t) }

// quoted quotes an id as the sentences do.
func quoted(s string) string { return strconv.Quote(s) }

// quotedAll quotes each id.
func quotedAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}

// value writes an answer's value as the data gives it.
func value(v float64) string { return fmt.Sprint(v) }

// rebase renames the field of an *InputError from one prefix to another,
// so that an error found scoring an evaluation inside a larger value names
// the place in that value; its message id and arguments are kept.
func rebase(err error, from, to string) error {
	var ie *callfloor.InputError
	if errors.As(err, &ie) {
		if rest, ok := strings.CutPrefix(string(ie.Field), from); ok {
			n := *ie
			n.Field = callfloor.Path(to + rest)
			return &n
		}
	}
	return err
}

// disputeLocale is the Locale a dispute opened under p records: empty
// for English.
func (p *Policy) disputeLocale() string {
	if l := p.locale(); l != msg.English() {
		return l.Tag()
	}
	return ""
}

// render words m in l, through a buffer on the stack so that a sentence
// costs one allocation, its string.
func render[M msg.Message](l *msg.Locale, m M) string {
	var buf [256]byte
	return string(m.Append(buf[:0], l))
}
