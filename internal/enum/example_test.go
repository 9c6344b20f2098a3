package enum_test

import (
	"fmt"

	"github.com/callfloor/callfloor/internal/enum"
	"github.com/callfloor/callfloor/internal/msg"
)

type Status string

var statuses = []Status{"open", "closed"}

func ExampleUnmarshal() {
	s, err := enum.Unmarshal(msg.EnumQaStatus{}, []byte("closed"), statuses)
	fmt.Println(s, err)
	_, err = enum.Unmarshal(msg.EnumQaStatus{}, []byte("reopened"), statuses)
	fmt.Println(err)
	// Output:
	// closed <nil>
	// unknown status "reopened"; allowed: open, closed
}
