package registry

// The enum area names the enumerations a host reads from JSON, for the
// errors that refuse a name: "unknown tier \"grave\"; allowed: normal,
// mild, moderate, severe".

func init() {
	Register(
		Def{ID: "enum.error_kind", Doc: "what a name of callfloor.ErrorKind is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.outcome", Doc: "what a name of callfloor.Outcome of a reason is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.setting", Doc: "what a name of callfloor.Setting is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.mood.instrument", Doc: "what a name of mood.Instrument is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.mood.pattern", Doc: "what a name of mood.Pattern of an emotion cycle is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.mood.cause", Doc: "what a name of mood.Cause of negative emotion is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.mood.tier", Doc: "what a name of mood.Tier is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.mood.audience", Doc: "what a name of mood.Audience of a view is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.qa.source", Doc: "what a name of qa.Source is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.qa.level", Doc: "what a name of qa.Level of measurement (nominal, ordinal, interval, ratio) is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.qa.item_type", Doc: "what a name of qa.ItemType is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.qa.scope", Doc: "what a name of qa.Scope is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.qa.status", Doc: "what a name of qa.Status of a dispute is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.qa.event_type", Doc: "what a name of qa.EventType of a dispute is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.qa.decision", Doc: "what a name of qa.Decision of a disputed item is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.qa.part_kind", Doc: "what a name of qa.PartKind is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.qa.use", Doc: "what a name of qa.Use is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.qa.direction", Doc: "what a name of qa.Direction of a trend is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.qa.reference", Doc: "what a name of qa.ReferenceBy is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.qa.role", Doc: "what a name of qa.Role in a rotation is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.coaching.stage", Doc: "what a name of coaching.Stage is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.coaching.recommendation", Doc: "what a name of coaching.Recommendation is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.coaching.period", Doc: "what a name of coaching.AttritionPeriod is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.coaching.check_in_kind", Doc: "what a name of coaching.CheckInKind is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.coaching.status", Doc: "what a name of coaching.Status of a case is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.coaching.event_type", Doc: "what a name of coaching.EventType of a case is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.coaching.channel", Doc: "what a name of coaching.Channel of an employee issue is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.incentives.discipline_step", Doc: "what a name of incentives.Step is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.incentives.direction", Doc: "what a name of incentives.Direction of a contest is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.incentives.line_kind", Doc: "what a name of incentives.LineKind is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.incentives.recognition_kind", Doc: "what a name of incentives.RecognitionKind is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.incentives.corrective_item_kind", Doc: "what a name of incentives.CorrectiveItemKind is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.incentives.change", Doc: "what a name of incentives.ChangeKind of a what-if is called in the error that refuses a name it does not have, read from JSON"},
		Def{ID: "enum.incentives.cadence", Doc: "what a name of incentives.Cadence is called in the error that refuses a name it does not have, read from JSON"},
	)
}
