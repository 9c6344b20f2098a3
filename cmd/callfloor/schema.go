package main

import (
	"flag"
	"strings"

	"github.com/callfloor/callfloor/coaching"
	"github.com/callfloor/callfloor/incentives"
	"github.com/callfloor/callfloor/mood"
	"github.com/callfloor/callfloor/qa"
)

// schemas are the packages' policy schemas, by the kind a policy names.
var schemas = map[string]func() []byte{
	"coaching":   coaching.PolicySchema,
	"incentives": incentives.PolicySchema,
	"mood":       mood.PolicySchema,
	"qa":         qa.PolicySchema,
}

func init() {
	register(&command{
		name:    "schema",
		args:    "PKG",
		summary: "the JSON Schema of a package's policy format",
		help: `Schema writes the JSON Schema (draft 2020-12) of the policy format of
PKG (coaching, incentives, mood or qa) to stdout. It is generated from
the description the package's parser decodes by, so a policy the parser
accepts is valid against it, and one the parser refuses for its shape
(an unknown or missing field, a value of the wrong type, a malformed id
or duration, a value outside a closed set, another package's kind) is
invalid. Checks across fields, such as a rule naming an undeclared
metric, are left to "callfloor check". The same schemas are in the
schemas folder of the callfloor repository.

Editors use the schema to complete and check a policy as it is typed.
With the YAML extension of VS Code, or any editor that runs
yaml-language-server, save the schema beside the policies and name it in
a comment at the top of each policy:

	$ callfloor schema mood > mood.schema.json
	$ head -2 mood.yaml
	# yaml-language-server: $schema=mood.schema.json
	kind: mood

or map files to it once, in VS Code's settings.json:

	"yaml.schemas": {"./mood.schema.json": ["policies/mood*.yaml"]}`,
		flags: schemaFlags,
	})
}

func schemaFlags(*flag.FlagSet) func(*env, []string) int {
	return func(e *env, args []string) int {
		if len(args) != 1 {
			return e.usageErrorf("schema", "want one PKG (%s), got %s", strings.Join(kinds, ", "), plural(len(args), "argument", "arguments"))
		}
		schema, ok := schemas[args[0]]
		if !ok {
			return e.usageErrorf("schema", "%q is not a policy kind (%s)", args[0], strings.Join(kinds, ", "))
		}
		if _, err := e.stdout.Write(schema()); err != nil {
			e.errorf("schema", "%v", err)
			return exitProblems
		}
		return exitOK
	}
}
