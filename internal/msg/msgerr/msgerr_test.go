package msgerr

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/msg"
)

func TestWording(t *testing.T) {
	zh, err := msg.Lookup("zh-CN")
	require.NoError(t, err)
	for _, l := range []*msg.Locale{nil, msg.English(), zh} {
		e := Duplicate(l, "agents[4].id", "li.na", "agents[1]")
		require.Equal(t, "input.duplicate", e.MessageID)
		require.Equal(t, map[string]any{"Value": `"li.na"`, "Other": "agents[1]"}, e.Args)
		require.Equal(t, callfloor.ErrDuplicate, e.Kind)
		e = Required(l, "assessment.at", nil)
		require.Equal(t, callfloor.ErrRequired, e.Kind)
	}
	require.Equal(t, `agents[4].id: "li.na" duplicates agents[1]`, Duplicate(nil, "agents[4].id", "li.na", "agents[1]").Error())
	require.Equal(t, `agents[4].id: "li.na"与agents[1]重复`, Duplicate(zh, "agents[4].id", "li.na", "agents[1]").Error())
	require.Equal(t, `answers[2]: 4超出0..3的范围`, OutOfRange(zh, "answers[2]", 4, 0, 3, nil).Error())
	require.Equal(t, `assessment.at: 为必填项`, Required(zh, "assessment.at", nil).Error())
}
