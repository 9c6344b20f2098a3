package registry

func init() {
	const ops = " The condition language's own signs (&&, ||, !, <, <=, >, >=, ==, !=, parentheses) are written as they are."
	Register(
		Def{ID: "cond.too_long", Args: []Arg{{"Size", Int}, {"Limit", Int}}, Doc: "a condition longer than the limit, in bytes"},
		Def{ID: "cond.empty", Doc: "a condition with nothing in it"},
		Def{ID: "cond.ends_early.end", Doc: "a condition stops where &&, || or its end was expected." + ops},
		Def{ID: "cond.ends_early.close", Doc: "a condition stops where &&, || or a closing parenthesis was expected." + ops},
		Def{ID: "cond.ends_early.comparison", Doc: "a condition stops where a comparison sign was expected." + ops},
		Def{ID: "cond.ends_early.operand", Doc: "a condition stops where a number or a metric name was expected"},
		Def{ID: "cond.unexpected_char.end", Args: []Arg{{"Token", String}}, Doc: "a character the language does not have, where &&, || or the end was expected; Token is quoted." + ops},
		Def{ID: "cond.unexpected_char.close", Args: []Arg{{"Token", String}}, Doc: "a character the language does not have, where &&, || or a closing parenthesis was expected; Token is quoted." + ops},
		Def{ID: "cond.unexpected_char.comparison", Args: []Arg{{"Token", String}}, Doc: "a character the language does not have, where a comparison sign was expected; Token is quoted." + ops},
		Def{ID: "cond.unexpected_char.operand", Args: []Arg{{"Token", String}}, Doc: "a character the language does not have, where a number or a metric name was expected; Token is quoted"},
		Def{ID: "cond.unexpected.end", Args: []Arg{{"Token", String}}, Doc: "a word or sign out of place, where &&, || or the end was expected; Token is quoted." + ops},
		Def{ID: "cond.unexpected.close", Args: []Arg{{"Token", String}}, Doc: "a word or sign out of place, where &&, || or a closing parenthesis was expected; Token is quoted." + ops},
		Def{ID: "cond.unexpected.comparison", Args: []Arg{{"Token", String}}, Doc: "a word or sign out of place, where a comparison sign was expected; Token is quoted." + ops},
		Def{ID: "cond.unexpected.operand", Args: []Arg{{"Token", String}}, Doc: "a word or sign out of place, where a number or a metric name was expected; Token is quoted"},
		Def{ID: "cond.not_finite", Args: []Arg{{"Token", String}}, Doc: "a number that does not read as a finite number (1e999, 1.2.3); Token is quoted"},
		Def{ID: "cond.did_you_mean", Args: []Arg{{"Token", String}, {"Want", String}}, Doc: "a single =, & or | where the language has ==, && or ||; both quoted"},
		Def{ID: "cond.too_deep", Args: []Arg{{"Limit", Int}}, Doc: "parentheses and ! nest deeper than the limit"},
		Def{ID: "cond.unclosed", Doc: "a parenthesis is opened and never closed; placed at the opening one"},
		Def{ID: "cond.const_compared", Args: []Arg{{"Name", String}}, Doc: "true or false is compared with something; they are conditions on their own. Name is true or false, not translated"},
		Def{ID: "cond.metric_alone", Args: []Arg{{"Metric", String}}, Doc: "a metric name is written where a condition is expected; the message shows how to compare it (\"Metric > 0\")"},
		Def{ID: "cond.chained", Doc: "a < b < c: comparisons written one after the other; the message shows how to join them with &&." + ops},
		Def{ID: "cond.unknown_metric", Args: []Arg{{"Metric", String}, {"Declared", List}}, Doc: "a name the policy does not declare as a metric; Metric is quoted, Declared lists the declared metric names (identifiers)"},
		Def{ID: "cond.unknown_metric_none", Args: []Arg{{"Metric", String}}, Doc: "a metric name in a policy that declares no metric; Metric is quoted"},
		Def{ID: "cond.env.not_ident", Args: []Arg{{"Name", String}}, Doc: "a declared metric name that is not an identifier; Name is quoted"},
		Def{ID: "cond.env.reserved", Args: []Arg{{"Name", String}}, Doc: "a declared metric name that is a word of the language (true, false); Name is quoted"},
		Def{ID: "cond.word.and", Doc: "the && of a condition as a reason shows it to people, as in \"qa_avg >= 85 && csat >= 4\"; \"&&\" in English"},
		Def{ID: "cond.word.or", Doc: "the || of a condition as a reason shows it to people; \"||\" in English"},
		Def{ID: "cond.word.true", Doc: "the constant true of a condition as a reason shows it to people; \"true\" in English"},
		Def{ID: "cond.word.false", Doc: "the constant false of a condition as a reason shows it to people; \"false\" in English"},
		Def{ID: "cond.word.not", Doc: "the ! (not) before a condition or parenthesis as a reason shows it to people; \"!\" in English"},
		Def{ID: "cond.env.duplicate", Args: []Arg{{"Name", String}}, Doc: "a metric name declared twice; Name is quoted"},
	)
}
