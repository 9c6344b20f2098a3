package policyfile

import (
	"reflect"
	"strconv"

	"go.yaml.in/yaml/v3"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
)

// LocaleField is the optional top-level field that names the locale of a
// policy ("locale: zh-CN"): the language of every sentence its results,
// input errors and problems are worded in. Decode reads it for every
// package, first, and keeps it out of the package's raw struct; a policy
// that names none is English. A locale that is not bundled is one problem
// at its value, in English, listing the bundled ones.
const LocaleField = "locale"

// Locales are the values LocaleField may take: the bundled catalogs.
func Locales() []string { return msg.Tags() }

// Locale gives the locale the policy names, English when it names none or
// one that is not bundled. A package's compile function keeps it in the
// compiled policy and renders every sentence with it.
func (d *Doc) Locale() *msg.Locale {
	if d.loc == nil {
		return msg.English()
	}
	return d.loc
}

// peekLocale reads a plain top-level locale before anything else is
// decoded, so that problems found while decoding are worded in it.
func (d *Doc) peekLocale(n *yaml.Node, out any) {
	if n.Kind != yaml.MappingNode {
		return
	}
	if t := reflect.TypeOf(out); t != nil && t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct {
		if fields, _ := structFields(t.Elem()); fields[LocaleField].index != nil {
			return
		}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Value == LocaleField && v.Kind == yaml.ScalarNode {
			if l, err := msg.Lookup(v.Value); err == nil {
				d.loc = l
			}
			return
		}
	}
}

// decodeLocale checks the top-level locale against the bundled ones.
func (d *Doc) decodeLocale(n *yaml.Node) {
	path := Path(LocaleField)
	var got string
	d.decode(n, reflect.ValueOf(&got).Elem(), path, anID)
	if d.failed[path] {
		return
	}
	l, err := msg.Lookup(got)
	if err != nil {
		d.loc = nil
		d.Report(path, msg.PolicyLocaleUnknown{Got: strconv.Quote(got), Bundled: Locales()})
		return
	}
	d.loc = l
}

// Report records the problem m at path, worded in the policy's locale,
// with its message id and arguments; like Errorf, a field that already
// has a problem gets no second one.
func (d *Doc) Report(path Path, m msg.Message) { d.ReportAt(path, -1, m) }

// ReportAt records the problem m at a byte offset inside the scalar value
// at path, as ErrorfAt does.
func (d *Doc) ReportAt(path Path, offset int, m msg.Message) {
	if d.failed[path] {
		return
	}
	d.ErrorfAt(path, offset, "%s", "")
	p := &d.problems[len(d.problems)-1]
	*p = callfloor.LocalizedProblem(d.loc, p.Path, p.Line, p.Column, m)
}
