package callfloor

// Setting says how a conversation or action is held: one-to-one, or in a
// group. The practice is fixed on this: corrective talks are one-to-one,
// praise may be given one-to-many.
type Setting uint8

// The settings.
const (
	// NoSetting is the zero Setting: a step that is not a conversation
	// (analyzing scores, writing a form).
	NoSetting Setting = iota
	// OneToOne is a private conversation with one person.
	OneToOne
	// Group is held in front of, or with, a group.
	Group
)

var settingNames = []string{"none", "one_to_one", "group"}

// String gives the setting's name: "none", "one_to_one" or "group".
func (s Setting) String() string { return enumString("setting", settingNames, s) }

// MarshalText gives the setting's name; a value that is not one of the
// constants is an error.
func (s Setting) MarshalText() ([]byte, error) { return enumText("setting", settingNames, s) }

// UnmarshalText reads a setting's name and refuses any other text.
func (s *Setting) UnmarshalText(b []byte) error {
	v, err := enumParse[Setting]("setting", settingNames, b)
	if err == nil {
		*s = v
	}
	return err
}
