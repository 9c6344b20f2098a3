package policyfile_test

import (
	"fmt"

	"github.com/callfloor/callfloor/internal/policyfile"
)

type band struct {
	Name string `yaml:"name,required"`
	Min  int    `yaml:"min"`
	Max  int    `yaml:"max"`
}

type policy struct {
	Version string `yaml:"version,required"`
	Bands   []band `yaml:"bands"`
}

func Example() {
	src := []byte(`version: 2026-11
bands:
  - {name: minimal, min: 0, max: 4}
  - {name: mild, min: 5, max: "nine"}
  - {name: moderate, min: 9, max: 14, colour: amber}
`)
	var raw policy
	doc := policyfile.Decode("screening policy", src, &raw)
	for i := 1; i < len(raw.Bands); i++ {
		prev := policyfile.Path("bands").Index(i - 1).Child("max")
		if !doc.Failed(prev) && raw.Bands[i].Min <= raw.Bands[i-1].Max {
			doc.Errorf(policyfile.Path("bands").Index(i).Child("min"),
				"overlaps bands[%d] (max %d)", i-1, raw.Bands[i-1].Max)
		}
	}
	fmt.Println(doc.Err())
	fmt.Println(policyfile.IdentityOf(raw.Version, src))
	// Output:
	// screening policy: 2 problems
	//	bands[1].max: line 4, column 31: expected a whole number, got "nine"
	//	bands[2].colour: line 5, column 39: unknown field; allowed: name, min, max
	// 2026-11@2d24e5c7aac1
}
