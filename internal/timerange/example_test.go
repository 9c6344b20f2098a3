package timerange_test

import (
	"fmt"
	"time"

	"github.com/callfloor/callfloor/internal/timerange"
)

// A reschedule to year 20000 would make a case that encoding/json cannot
// store, so the packages refuse it (msgerr.TimeProblem words why).
func ExampleStorable() {
	at := time.Date(20000, 1, 1, 9, 0, 0, 0, time.UTC)
	fmt.Println(timerange.Storable(at))
	fmt.Println(timerange.Storable(at.AddDate(-18000, 0, 0)))
	// Output:
	// false
	// true
}
