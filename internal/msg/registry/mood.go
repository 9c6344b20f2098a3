package registry

func init() {
	Register(
		Def{ID: "mood.reason.stale", Args: []Arg{{"Instrument", String}, {"Date", Date}, {"ValidFor", Duration}}, Doc: "a screening older than its instrument's validity window was not used; Instrument is its published name (PHQ-9)"},
		Def{ID: "mood.reason.no_screening", Doc: "triage found no screening it could use, so the tier stays normal"},
	)
}
