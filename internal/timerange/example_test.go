package timerange_test

import (
	"fmt"
	"time"

	"github.com/callfloor/callfloor/internal/timerange"
)

// A reschedule to year 20000 would make a case that encoding/json cannot
// store, so the packages refuse it with this sentence after the field.
func ExampleProblem() {
	at := time.Date(20000, 1, 1, 9, 0, 0, 0, time.UTC)
	fmt.Println(timerange.Storable(at))
	fmt.Println("event.at: " + timerange.Problem(at))
	// Output:
	// false
	// event.at: year 20000 is outside 0..9999, the range a stored time can hold
}
