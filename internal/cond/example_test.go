package cond_test

import (
	"fmt"

	"github.com/callfloor/callfloor/internal/cond"
)

func Example() {
	env, _ := cond.NewEnv("qa_avg", "csat", "complaints")
	gold, err := cond.Compile("qa_avg >= 95 && csat >= 4.6 && complaints == 0", env)
	if err != nil {
		fmt.Println(err)
		return
	}
	agents := map[string][]float64{
		"li.na":    {96.5, 4.7, 0},
		"wang.wei": {97.0, 4.8, 1},
	}
	for _, name := range []string{"li.na", "wang.wei"} {
		vals := agents[name]
		fmt.Printf("%s: %v (%s)\n", name, gold.Eval(vals), gold.Explain(vals))
	}

	_, err = cond.Compile("qa_avg >= 95 && nps > 40", env)
	fmt.Println(err)
	// Output:
	// li.na: true (qa_avg=96.5, csat=4.7, complaints=0)
	// wang.wei: false (qa_avg=97, csat=4.8, complaints=1)
	// offset 16: unknown metric "nps"; declared: qa_avg, csat, complaints
}
