package hardening

import (
	"errors"
	"fmt"
	"strings"

	"github.com/callfloor/callfloor/internal/policyfile"
)

// Example feeds every public parser a billion-laughs alias bomb whose
// version is an alias of a list: each refuses it at once, without
// expanding the aliases, and places the problem.
func Example() {
	src := []byte(billionLaughs(9) + "version: *a8\n")
	for _, p := range parsers {
		var pe *policyfile.Error
		if !errors.As(p.parse(src), &pe) {
			fmt.Println(p.name, "accepted the bomb")
			continue
		}
		for _, pr := range pe.Problems {
			if strings.HasPrefix(pr.Error(), "version:") {
				fmt.Printf("%s: %v\n", p.name, pr)
			}
		}
	}
	// Output:
	// mood policy: version: line 10, column 10: expected a string, got a list
	// qa policy: version: line 10, column 10: expected a string, got a list
	// coaching policy: version: line 10, column 10: expected a string, got a list
	// incentives policy: version: line 10, column 10: expected a string, got a list
}
