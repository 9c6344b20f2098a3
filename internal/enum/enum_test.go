package enum

import (
	"errors"
	"testing"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
)

type level string

var levels = []level{"nominal", "ordinal"}

var kind = msg.EnumQaLevel{}

func TestMarshalAndUnmarshal(t *testing.T) {
	for _, c := range levels {
		b, err := Marshal(kind, c, levels)
		if err != nil || string(b) != string(c) {
			t.Fatalf("Marshal(%q) = %q, %v", c, b, err)
		}
		back, err := Unmarshal(kind, b, levels)
		if err != nil || back != c {
			t.Fatalf("Unmarshal(%q) = %q, %v", b, back, err)
		}
	}
	const want = `unknown level "blue"; allowed: nominal, ordinal`
	if _, err := Marshal(kind, level("blue"), levels); err == nil || err.Error() != want {
		t.Fatalf("Marshal(blue) error = %v, want %s", err, want)
	}
	_, err := Unmarshal(kind, []byte("blue"), levels)
	var ie *callfloor.InputError
	if !errors.As(err, &ie) || ie.Kind != callfloor.ErrNotSupported || err.Error() != want {
		t.Fatalf("Unmarshal(blue) error = %#v", err)
	}
	if _, err := Unmarshal(kind, nil, levels); err == nil {
		t.Fatal("the empty name is no level")
	}
	zh, err := callfloor.LookupLocale("zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	if got := zh.Localize(ie).Error(); got != `未知的测量尺度"blue"；可用：nominal、ordinal` {
		t.Fatalf("the error in zh-CN = %s", got)
	}
	if got := Allowed(levels); got != "nominal, ordinal" {
		t.Fatalf("Allowed = %q", got)
	}
}
