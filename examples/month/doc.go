// Command month runs one month in a call center end to end with
// callfloor's default policies: the team climate and the care owed, QA
// results with each agent's feedback plan and the calibration outcome, the
// manager's conversations opened, due and overdue, and the incentive
// statement with the league table and the recognition list.
//
// By default it reads the small center shipped in ./data (three teams of
// twenty, October 2026). With -agents it generates a synthetic center of
// that size from a fixed seed instead.
//
//	go run ./examples/month                    # the shipped center, as a report
//	go run ./examples/month -json              # the same, as JSON
//	go run ./examples/month -agents 10000      # a synthetic center
//	go run ./examples/month -agents 60 -write-data DIR   # write a center as data files
package main
