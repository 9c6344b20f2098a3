package policyfile

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/callfloor/callfloor/internal/msg"
)

// Names are the display names a policy gives its own ids, under its
// names: mapping ("bronze: 铜牌", "qa_avg: 质检均分"). The catalogs word
// what every policy shares; only the policy that declares an id can say
// what it is called, and a policy written in Chinese names its ids in
// Chinese beside its Chinese texts, while the ids stay ASCII for hosts
// and for other policies. A nil Names names nothing.
type Names map[string]string

// Of gives the display name of id: the one the policy gives it, or the
// id as it is.
func (n Names) Of(id string) string {
	if s, ok := n[id]; ok {
		return s
	}
	return id
}

// Names reads a policy's names: mapping, at path: each key must be an id
// the policy uses (used), each value a text that is not blank and holds
// no line break or other control character, since sentences and reports
// write it inside one line. An id the policy
// does not use is reported with unused(quoted id), which words what may
// be named in the package's policies; such entries and empty ones are
// left out of the result. The result is nil when raw is empty.
func (d *Doc) Names(path Path, raw map[string]string, used map[string]bool, unused func(quoted string) msg.Message) Names {
	if len(raw) == 0 {
		return nil
	}
	out := make(Names, len(raw))
	for _, id := range SortedKeys(raw) {
		at := path.Key(id)
		if !d.IDAs(at, msg.PolicyWhatNamedId{}, id) {
			continue
		}
		if !used[id] {
			d.Report(at, unused(strconv.Quote(id)))
			continue
		}
		if strings.TrimSpace(raw[id]) == "" {
			d.Report(at, msg.PolicyNameEmpty{})
			continue
		}
		if strings.IndexFunc(raw[id], unicode.IsControl) >= 0 {
			d.Report(at, msg.PolicyNameControl{})
			continue
		}
		out[id] = raw[id]
	}
	return out
}
