// Command month runs one month in a call center end to end with
// callfloor's default policies: the team climate and the care owed, QA
// results with each agent's feedback plan and the calibration outcome, the
// manager's conversations opened, due and overdue, and the incentive
// statement with the league table and the recognition list.
//
// By default it reads the small center shipped in ./data (three teams of
// twenty, October 2026). With -agents it generates a synthetic center of
// that size (1 to 1,000,000 agents) from a fixed seed instead.
//
//	go run ./examples/month                    # the shipped center, as a report
//	go run ./examples/month -json              # the same, as JSON, every agent included
//	go run ./examples/month -agents 10000      # a synthetic center
//	go run ./examples/month -detail 0          # every agent in every per-agent list
//	go run ./examples/month -agents 60 -write-data DIR   # write a center as data files
//
// A command line with a flag the run would ignore is refused, with the
// problem on stderr and exit status 2, the flag package's status for a
// usage error: -agents below 1 or above 1,000,000, -agents with -data,
// -seed without -agents, -json or -detail with -write-data, -detail with
// -json, a negative -detail, an empty folder, or a stray argument. A
// failure to read the data, to run the rules or to write the report exits
// with status 1. The time the data and the rules took goes to stderr, so
// that the report on stdout is the same from run to run.
//
// The text report keeps one order throughout: teams in the order they
// first appear in the agents file, and within a team agents by id;
// rankings (the league table, the fastest improvers) keep their rank
// order. -detail bounds how many agents of each team every per-agent list
// shows. Scores and means are shown to one decimal, money with thousands
// separators in the currency named in the section's heading, and a
// statement line shows what it moves: money, points, a discipline step or
// a grade, never an amount of 0.00 for a line that moves no money.
// Sentences the packages write (reasons, notes) appear as the packages
// give them.
package main
