package registry

func init() {
	Register(
		Def{ID: "format.date", Doc: "a Go time layout for a calendar date (reference time 2006-01-02), as in \"2006-01-02\" or \"2006年1月2日\""},
		Def{ID: "format.time", Doc: "a Go time layout for a 24-hour time of day, as in \"15:04\""},
		Def{ID: "format.datetime", Doc: "a Go time layout for an instant with its offset, as in \"2006-01-02 15:04:05Z07:00\""},
		Def{ID: "format.stamp", Doc: "a Go time layout for an instant quoted from the data, to the second, as in \"2006-01-02T15:04:05Z07:00\" (RFC 3339) or \"2006年1月2日 15:04:05 Z07:00\""},
		Def{ID: "format.stamp_nano", Doc: "format.stamp with the fraction of a second when there is one: the seconds written \"05.999999999\", as in \"2006-01-02T15:04:05.999999999Z07:00\""},
		Def{ID: "format.money", Args: []Arg{{"Amount", String}}, Doc: "an amount of money; Amount is the figure with grouping and two decimals, as in \"CNY {{.Amount}}\" or \"¥{{.Amount}}\""},
		Def{ID: "format.number.group", Doc: "the mark between groups of three digits, as in \",\""},
		Def{ID: "format.number.decimal", Doc: "the decimal mark, as in \".\""},
		Def{ID: "format.list.separator", Doc: "what joins the items of a list, as in \", \" or \"、\""},
		Def{ID: "format.list.and", Doc: "what joins the last two items of a conjunction, as in \" and \" or \"和\""},
		Def{ID: "format.duration.days", Args: []Arg{{"N", Int}}, Plural: "N", Doc: "a span of whole days, as in \"3 days\""},
		Def{ID: "format.duration.hours", Args: []Arg{{"N", Int}}, Doc: "the hours of a span that is not whole days, as in \"36h\""},
		Def{ID: "format.duration.minutes", Args: []Arg{{"N", Int}}, Doc: "the minutes of a span that is not whole days, as in \"30m\""},
		Def{ID: "format.duration.seconds", Args: []Arg{{"N", String}}, Doc: "the seconds of a span that is not whole days, as in \"5s\" or \"1.5s\""},
	)
}
