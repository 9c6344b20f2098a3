package registry

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestCheck lists every way a definition is refused, with the exact
// message Register panics with.
func TestCheck(t *testing.T) {
	cases := []struct {
		name string
		def  Def
		err  string
	}{
		{"valid", Def{ID: "area.group.what", Args: []Arg{{"Step", String}, {"N", Int}}, Plural: "N", Doc: "d"}, ""},
		{"valid, digits and underscore in names", Def{ID: "area.what_2", Args: []Arg{{"Step2", String}, {"Max_N", Int}}, Doc: "d"}, ""},
		{"empty id", Def{Doc: "d"}, `"" is not a dotted lowercase id`},
		{"upper case id", Def{ID: "area.What", Doc: "d"}, `"area.What" is not a dotted lowercase id`},
		{"id with a hyphen", Def{ID: "area.a-b", Doc: "d"}, `"area.a-b" is not a dotted lowercase id`},
		{"empty segment", Def{ID: "area..what", Doc: "d"}, `"area..what" is not a dotted lowercase id`},
		{"leading dot", Def{ID: ".area.what", Doc: "d"}, `".area.what" is not a dotted lowercase id`},
		{"trailing dot", Def{ID: "area.what.", Doc: "d"}, `"area.what." is not a dotted lowercase id`},
		{"no doc", Def{ID: "area.what"}, "area.what has no Doc for translators"},
		{"empty argument name", Def{ID: "area.what", Args: []Arg{{"", String}}, Doc: "d"}, `area.what: argument "" is not an exported Go name`},
		{"lower case argument", Def{ID: "area.what", Args: []Arg{{"step", String}}, Doc: "d"}, `area.what: argument "step" is not an exported Go name`},
		{"argument starting with an underscore", Def{ID: "area.what", Args: []Arg{{"_Step", String}}, Doc: "d"}, `area.what: argument "_Step" is not an exported Go name`},
		{"argument with a dot", Def{ID: "area.what", Args: []Arg{{"Step.Name", String}}, Doc: "d"}, `area.what: argument "Step.Name" is not an exported Go name`},
		{"argument with a space", Def{ID: "area.what", Args: []Arg{{"Step Name", String}}, Doc: "d"}, `area.what: argument "Step Name" is not an exported Go name`},
		{"argument ID", Def{ID: "area.what", Args: []Arg{{"ID", String}}, Doc: "d"},
			"area.what: argument ID is the name of a method of the generated struct (ID, Append, String, Args); name it for what it holds"},
		{"argument Append", Def{ID: "area.what", Args: []Arg{{"Step", String}, {"Append", String}}, Doc: "d"},
			"area.what: argument Append is the name of a method of the generated struct (ID, Append, String, Args); name it for what it holds"},
		{"argument String", Def{ID: "area.what", Args: []Arg{{"String", String}}, Doc: "d"},
			"area.what: argument String is the name of a method of the generated struct (ID, Append, String, Args); name it for what it holds"},
		{"argument Args", Def{ID: "area.what", Args: []Arg{{"Args", List}}, Doc: "d"},
			"area.what: argument Args is the name of a method of the generated struct (ID, Append, String, Args); name it for what it holds"},
		{"method names differ by case", Def{ID: "area.what", Args: []Arg{{"Id", String}, {"Strings", List}, {"Arg", String}}, Doc: "d"}, ""},
		{"argument declared twice", Def{ID: "area.what", Args: []Arg{{"Step", String}, {"Step", Int}}, Doc: "d"}, "area.what: argument Step is declared twice"},
		{"argument without kind", Def{ID: "area.what", Args: []Arg{{"Step", 0}}, Doc: "d"}, "area.what: argument Step has no kind"},
		{"argument of an unknown kind", Def{ID: "area.what", Args: []Arg{{"Step", StampNano + 1}}, Doc: "d"}, "area.what: argument Step has no kind"},
		{"plural argument missing", Def{ID: "area.what", Plural: "N", Doc: "d"}, "area.what: plural argument N is not an Int argument"},
		{"plural argument not an Int", Def{ID: "area.what", Args: []Arg{{"N", Number}}, Plural: "N", Doc: "d"}, "area.what: plural argument N is not an Int argument"},
		{"plural argument a message", Def{ID: "area.what", Args: []Arg{{"N", Msg}}, Plural: "N", Doc: "d"}, "area.what: plural argument N is not an Int argument"},
		{"message argument", Def{ID: "area.what", Args: []Arg{{"Got", Msg}, {"N", Int}}, Plural: "N", Doc: "d"}, ""},
		{"stamp arguments", Def{ID: "area.what", Args: []Arg{{"At", Stamp}, {"Prev", StampNano}}, Doc: "d"}, ""},
		{"plural argument a stamp", Def{ID: "area.what", Args: []Arg{{"N", Stamp}}, Plural: "N", Doc: "d"}, "area.what: plural argument N is not an Int argument"},
	}
	for _, c := range cases {
		err := c.def.check()
		if c.err == "" {
			require.NoError(t, err, c.name)
			continue
		}
		require.EqualError(t, err, c.err, c.name)
		require.PanicsWithValue(t, "registry: "+c.err, func() { Register(c.def) }, c.name)
	}
}

// TestKinds: each kind's name, as a catalog problem writes it, and the Go
// type of its field in the generated struct.
func TestKinds(t *testing.T) {
	for _, c := range []struct {
		k         Kind
		name, typ string
	}{
		{String, "string", "string"}, {Int, "int", "int"}, {Number, "number", "float64"}, {Money, "money", "int64"},
		{Date, "date", "time.Time"}, {Time, "time", "time.Time"}, {DateTime, "datetime", "time.Time"},
		{Duration, "duration", "time.Duration"}, {List, "list", "[]string"}, {ListAnd, "list_and", "[]string"},
		{Msg, "message", "Message"}, {Stamp, "stamp", "time.Time"}, {StampNano, "stamp_nano", "time.Time"},
		{0, "Kind(0)", ""}, {StampNano + 1, "Kind(14)", ""},
	} {
		require.Equal(t, c.name, c.k.String())
		require.Equal(t, c.typ, c.k.GoType(), c.name)
	}
}

func TestRegisterTwice(t *testing.T) {
	d, ok := defs["input.errors"]
	require.True(t, ok)
	require.PanicsWithValue(t, "registry: input.errors is registered twice", func() { Register(d) })
}
