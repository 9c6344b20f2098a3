module github.com/callfloor/callfloor

go 1.23

require go.yaml.in/yaml/v3 v3.0.6

require github.com/stretchr/testify v1.12.1
