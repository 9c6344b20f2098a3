package hardening

import (
	"os"
	"strings"
	"testing"

	"github.com/callfloor/callfloor/mood"
	"github.com/stretchr/testify/require"
)

// The README shows the error a mistaken mood policy gives; it must be the
// error the library gives.
func TestREADMEPolicyErrorIsReal(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	src := string(mood.DefaultPolicySource())
	src = strings.Replace(src, "{name: moderate, min: 10, max: 14, tier: moderate}", "{name: moderate, min: 11, max: 14, tier: moderate}", 1)
	src = strings.Replace(src, "      setting: one_to_one\n      text: Offer the counseling", "      setting: private\n      text: Offer the counseling", 1)
	_, err = mood.ParsePolicy([]byte(src))
	require.Error(t, err)
	for _, line := range strings.Split(err.Error(), "\n") {
		require.Contains(t, string(readme), strings.TrimSpace(line))
	}
	require.Contains(t, string(readme), "`mood-default-1@"+mood.DefaultPolicy().Identity().Hash+"`", "the README names the default mood policy's identity")
}
