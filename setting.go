package callfloor

import "github.com/callfloor/callfloor/internal/msg"

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

// settingDisplay is in the order of the constants.
var settingDisplay = [...]msg.Message{msg.SettingNone{}, msg.SettingOneToOne{}, msg.SettingGroup{}}

// String gives the setting's name: "none", "one_to_one" or "group".
func (s Setting) String() string { return enumString("setting", settingNames, s) }

// MarshalText gives the setting's name; a value that is not one of the
// constants is an error.
func (s Setting) MarshalText() ([]byte, error) { return enumText("setting", settingNames, s) }

// UnmarshalText reads a setting's name and refuses any other text.
func (s *Setting) UnmarshalText(b []byte) error {
	v, err := enumParse[Setting](msg.EnumSetting{}, settingNames, b)
	if err == nil {
		*s = v
	}
	return err
}

// Name gives the setting's display name in the bundled locale whose tag
// is given ("one-to-one" in "en", "一对一" in "zh-CN"); a tag that is not
// bundled, or empty, gives English, as a policy that names no locale is
// English. A value that is not one of the constants is shown as String
// shows it.
func (s Setting) Name(locale string) string {
	l, err := msg.Lookup(locale)
	if err != nil {
		l = msg.English()
	}
	return s.LocalizedName(l)
}

// LocalizedName is Name in a compiled locale, nil being English: the
// packages of the module word a setting in the locale their policy keeps.
func (s Setting) LocalizedName(l *msg.Locale) string {
	if int(s) >= len(settingDisplay) {
		return s.String()
	}
	if l == nil {
		l = msg.English()
	}
	return settingDisplay[s].String(l)
}
