package enum_test

import (
	"fmt"

	"github.com/callfloor/callfloor/internal/enum"
)

type Status string

var statuses = []Status{"open", "closed"}

func ExampleUnmarshal() {
	s, err := enum.Unmarshal("status", []byte("closed"), statuses)
	fmt.Println(s, err)
	_, err = enum.Unmarshal("status", []byte("reopened"), statuses)
	fmt.Println(err)
	// Output:
	// closed <nil>
	// unknown status "reopened"; allowed: open, closed
}
