module github.com/callfloor/callfloor

go 1.23

require go.yaml.in/yaml/v3 v3.0.6

require (
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.2
	github.com/stretchr/testify v1.12.1
)

require (
	github.com/nicksnyder/go-i18n/v2 v2.5.1
	golang.org/x/text v0.21.0
)

require (
	github.com/rogpeppe/go-internal v1.14.1
	golang.org/x/sys v0.26.0 // indirect
	golang.org/x/tools v0.26.0 // indirect
)
