package callfloor

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/callfloor/callfloor/internal/msg"
)

// TestSettingName: every setting has a display name in each bundled
// locale; a tag that is not bundled is English and a value outside the
// constants is its String.
func TestSettingName(t *testing.T) {
	all := []Setting{NoSetting, OneToOne, Group, Setting(9)}
	names := func(locale string) []string {
		out := make([]string, len(all))
		for i, s := range all {
			out[i] = s.Name(locale)
		}
		return out
	}
	require.Equal(t, []string{"none", "one-to-one", "group", "setting(9)"}, names("en"))
	require.Equal(t, []string{"无", "一对一", "集体", "setting(9)"}, names("zh-CN"))
	require.Equal(t, names("en"), names(""))
	require.Equal(t, names("en"), names("fr"))
	zh, err := msg.Lookup("zh-CN")
	require.NoError(t, err)
	require.Equal(t, "一对一", OneToOne.LocalizedName(zh))
	require.Equal(t, "one-to-one", OneToOne.LocalizedName(nil))
}
