package qa

import (
	"errors"
	"testing"
	"time"

	"github.com/callfloor/callfloor"
)

// Each refusal carries the kind of mistake it is, so that a host handles
// the same mistake the same way in every package.
func TestInputErrorKinds(t *testing.T) {
	p := DefaultPolicy()
	sc := p.Scorecards()[0]
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		err  error
		kind callfloor.ErrorKind
		text string
	}{
		{"unknown source", func() error { _, err := sc.Score(Evaluation{Source: "boss", At: at}); return err }(),
			callfloor.ErrNotSupported, `evaluation.source: unknown source "boss"; allowed: qa, peer, self, lead`},
		{"unknown use", func() error { _, err := p.Sufficient("fun", 3); return err }(),
			callfloor.ErrNotSupported, `use: unknown use "fun"; allowed: pay, discipline`},
		{"negative count", func() error { _, err := p.Sufficient(ForPay, -1); return err }(),
			callfloor.ErrOutOfRange, `n: -1 is negative`},
		{"unknown level", func() error { _, err := Alpha("loud", nil); return err }(),
			callfloor.ErrNotSupported, `level: unknown level "loud"; allowed: nominal, ordinal, interval, ratio`},
		{"no periods", func() error { _, err := p.Trends(TrendInput{}); return err }(),
			callfloor.ErrRequired, `periods: is required: trends are computed per period`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var ie *callfloor.InputError
			if !errors.As(tc.err, &ie) {
				t.Fatalf("error %v is not an *callfloor.InputError", tc.err)
			}
			if ie.Kind != tc.kind || tc.err.Error() != tc.text {
				t.Fatalf("got %v %q, want %v %q", ie.Kind, tc.err.Error(), tc.kind, tc.text)
			}
		})
	}
}
