package policyfile

import (
	"strconv"
	"sync"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
)

// Compile is the common body of every package's ParsePolicy: it decodes
// src strictly into raw (which may hold defaults for fields the source
// leaves out), lets compile validate it and build the compiled policy
// (adding every problem to the Doc), and returns that policy, or every
// problem as one *Error. compile is not called when the source could not
// be decoded at all.
func Compile[R, P any](kind string, src []byte, raw *R, compile func(*Doc, *R) P) (P, error) {
	var zero P
	doc := Decode(kind, src, raw)
	if doc.Fatal() {
		return zero, doc.Err()
	}
	p := compile(doc, raw)
	if err := doc.Err(); err != nil {
		return zero, err
	}
	return p, nil
}

// Default returns a function that parses a package's embedded default
// policy once, on first use, and returns the same value ever after. The
// embedded source is tested to compile, so a failure is a build defect and
// panics with the problems.
func Default[P any](pkg string, parse func([]byte) (P, error), src []byte) func() P {
	return sync.OnceValue(func() P {
		p, err := parse(src)
		if err != nil {
			panic(pkg + ": the embedded default.yaml does not compile: " + err.Error())
		}
		return p
	})
}

// DefaultFor gives a package's embedded default policy for a locale: en
// the English default, zh-CN the Simplified Chinese one. Any other locale
// is an *callfloor.InputError naming those there are, prefixed with the
// package's name, worded in English from the catalogs (callfloor's
// Locale.Localize words it in another locale).
func DefaultFor[P any](pkg, locale string, en, zhCN func() P) (P, error) {
	switch locale {
	case "en":
		return en(), nil
	case "zh-CN":
		return zhCN(), nil
	}
	var zero P
	m := msg.PolicyNoDefault{Package: pkg, Locale: strconv.Quote(locale), Bundled: []string{"en", "zh-CN"}}
	return zero, callfloor.FramedInputError(nil, "", callfloor.ErrNotSupported, nil, m)
}
