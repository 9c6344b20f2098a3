package registry

func init() {
	Register(
		Def{ID: "input.required", Doc: "an InputError: a value that must be given is missing"},
		Def{ID: "input.required_because", Args: []Arg{{"Detail", String}}, Doc: "an InputError: a value that must be given is missing; Detail says why it is needed"},
		Def{ID: "input.invalid", Args: []Arg{{"Value", String}, {"Detail", String}}, Doc: "an InputError: Value (quoted as the data holds it) is malformed; Detail says how"},
		Def{ID: "input.out_of_range", Args: []Arg{{"Value", String}, {"Lo", String}, {"Hi", String}}, Doc: "an InputError: a number outside the closed range Lo..Hi"},
		Def{ID: "input.out_of_range_of", Args: []Arg{{"Value", String}, {"Lo", String}, {"Hi", String}, {"What", String}}, Doc: "an InputError: a number outside the closed range Lo..Hi; What says whose range it is"},
		Def{ID: "input.duplicate", Args: []Arg{{"Value", String}, {"Other", String}}, Doc: "an InputError: a value repeats the one at the path Other"},
		Def{ID: "input.duplicate_because", Args: []Arg{{"Value", String}, {"Other", String}, {"Why", String}}, Doc: "an InputError: Value repeats the one at the path Other, which together with another field is a clash; Why says which (a message of the package, such as mood.input.same_time_screenings)"},
		Def{ID: "input.not_supported", Args: []Arg{{"What", String}, {"Value", String}, {"Allowed", List}}, Doc: "an InputError: a name that is not one of those allowed, with the allowed names"},
		Def{ID: "input.not_supported_none", Args: []Arg{{"What", String}, {"Value", String}}, Doc: "an InputError: a name where no name is allowed"},
		Def{ID: "input.forbidden", Args: []Arg{{"Detail", String}}, Doc: "an InputError: a well-formed value the rules do not allow here; Detail says why"},
		Def{ID: "input.year_range", Args: []Arg{{"Year", Int}, {"Min", Int}, {"Max", Int}}, Doc: "why a time cannot be stored: its year is outside Min..Max; follows a field's path or ends another message"},
		Def{ID: "input.zone_range", Args: []Arg{{"Offset", Int}}, Doc: "why a time cannot be stored: its zone offset, in seconds, is a day or more; follows a field's path or ends another message"},
		Def{ID: "input.errors", Args: []Arg{{"N", Int}}, Plural: "N", Doc: "the first line of several input errors listed one per line"},
		Def{ID: "input.no_errors", Doc: "an empty list of input errors"},
		Def{ID: "policy.problems", Args: []Arg{{"Kind", Msg}, {"N", Int}}, Plural: "N", Doc: "the first line of a policy that does not compile: Kind is a message, one of policy.kind.*, that names the policy (\"mood policy\"), N counts the problems listed below"},
		Def{ID: "policy.more_problems", Args: []Arg{{"N", Int}}, Doc: "the last line of a long list of policy problems: N more are not shown"},
		Def{ID: "policy.at_line_column", Args: []Arg{{"Line", Int}, {"Column", Int}}, Doc: "where a policy problem is, before its message"},
		Def{ID: "policy.at_line", Args: []Arg{{"Line", Int}}, Doc: "where a policy problem is when only the line is known, before its message"},
		Def{ID: "setting.none", Doc: "display name of the setting none (callfloor.NoSetting): a step that is not a conversation, such as analyzing scores"},
		Def{ID: "setting.one_to_one", Doc: "display name of the setting one_to_one: a private conversation between two people"},
		Def{ID: "setting.group", Doc: "display name of the setting group: held in front of, or with, a group"},
	)
}
