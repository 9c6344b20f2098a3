package enum

import (
	"errors"
	"testing"

	"github.com/callfloor/callfloor"
)

type color string

var colors = []color{"red", "green"}

func TestMarshalAndUnmarshal(t *testing.T) {
	for _, c := range colors {
		b, err := Marshal("color", c, colors)
		if err != nil || string(b) != string(c) {
			t.Fatalf("Marshal(%q) = %q, %v", c, b, err)
		}
		back, err := Unmarshal("color", b, colors)
		if err != nil || back != c {
			t.Fatalf("Unmarshal(%q) = %q, %v", b, back, err)
		}
	}
	const want = `unknown color "blue"; allowed: red, green`
	if _, err := Marshal("color", color("blue"), colors); err == nil || err.Error() != want {
		t.Fatalf("Marshal(blue) error = %v, want %s", err, want)
	}
	_, err := Unmarshal("color", []byte("blue"), colors)
	var ie *callfloor.InputError
	if !errors.As(err, &ie) || ie.Kind != callfloor.ErrNotSupported || err.Error() != want {
		t.Fatalf("Unmarshal(blue) error = %#v", err)
	}
	if _, err := Unmarshal("color", nil, colors); err == nil {
		t.Fatal("the empty name is no color")
	}
	if got := Allowed(colors); got != "red, green" {
		t.Fatalf("Allowed = %q", got)
	}
}
