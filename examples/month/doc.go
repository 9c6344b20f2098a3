// Command month runs one month in a call center end to end with
// callfloor's default policies: the team climate and the care owed, QA
// results with each agent's feedback plan and the calibration outcome, the
// manager's conversations opened, due and overdue, and the incentive
// statement with the league table and the recognition list.
//
// By default it reads the small center shipped in ./data (three teams of
// twenty, October 2026). With -agents it generates a synthetic center of
// that size (1 to 1,000,000 agents) from a fixed seed instead. The QA
// evaluations draw from a random source of their own, so a change to the
// QA scorecard moves the quality figures and what rests on them (pay,
// discipline, care signals), and nothing else.
//
//	go run ./examples/month                    # the shipped center, as a report
//	go run ./examples/month -json              # the same, as JSON, every agent included
//	go run ./examples/month -agents 10000      # a synthetic center
//	go run ./examples/month -detail 0          # every agent in every per-agent list
//	go run ./examples/month -agents 60 -write-data DIR   # write a center as data files
//	go run ./examples/month -scale 10000,30000,100000   # time and memory at each size
//
// A command line with a flag the run would ignore is refused, with the
// problem on stderr and exit status 2, the flag package's status for a
// usage error: -agents below 1 or above 1,000,000, -agents with -data,
// -seed without -agents or -scale, -json or -detail with -write-data,
// -detail with -json, -scale with -agents, -data, -json or -write-data, a
// -scale size outside 1 to 1,000,000, a negative -detail, an empty
// folder, or a stray argument. A
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
//
// # How the month runs
//
// Every evaluation is a function of one agent's or one team's data and an
// immutable policy, so Run works team by team, on as many goroutines as
// there are cores: first each team's wellbeing and quality (triage,
// climate, cycles, scores, disputes, feedback, trends), then the one step
// that needs the whole center at once (the incentives statement, whose
// bonus pools and contests span teams, and the fastest improvers, ranked
// again across the teams' rankings), then each team's conversations. The
// teams' results are merged in the order of the teams, so the report is
// the same, byte for byte, on one core or many.
//
// Memory follows what the report keeps, not what the month reads: each
// agent's screenings, evaluations and triage are let go once the agent's
// team is done; QA results are scored into buffers each goroutine reuses;
// and a text report keeps, in each per-agent list, only the agents it
// shows (Options.Detail), counting the rest. Between the steps the month
// holds, per agent, only its incentives record and a few bytes of
// conversation signals. -json lists every agent, so it keeps everything.
//
// -scale measures it: for each size it generates a center, runs the month
// end to end with the text report written nowhere, and prints the time of
// each part and the memory the month held beyond the generated center.
package main
