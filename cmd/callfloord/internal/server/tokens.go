package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/callfloor/callfloor"
)

// tokenSet maps the SHA-256 of each bearer token to its holder.
type tokenSet struct {
	byHash map[[sha256.Size]byte]Principal
}

// The token file's shape:
//
//	tokens:
//	  - sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
//	    person: li.na
//	    role: lead
//	    acts_as: [team_lead, supervisor]
//
// The file holds each token's SHA-256 in hex, never the token itself, so
// that reading the file gives no one a token. acts_as is optional: the
// coaching policy's roles the holder acts as in a workflow's events.
// Its names are not checked against the coaching policy, which reloads
// on its own and may name its roles differently tomorrow; a name the
// policy does not declare lets its holder complete no step.

// tokenKeys are the keys of one token's entry, in the order the file
// shows them; all but acts_as are required.
var tokenKeys = []string{"sha256", "person", "role", "acts_as"}

// optionalTokenKey is the one key of tokenKeys an entry may leave out.
const optionalTokenKey = "acts_as"

// loadTokens reads a token file.
func loadTokens(file string) (*tokenSet, error) {
	src, err := os.ReadFile(file)
	if err != nil {
		msg := err.Error()
		var pe *os.PathError
		if errors.As(err, &pe) {
			msg = "the token file cannot be read: " + pe.Err.Error()
		}
		return nil, &LoadError{Problems: []FileProblem{{File: file, Problem: callfloor.Problem{Msg: msg}}}}
	}
	set, problems := parseTokens(src)
	if len(problems) > 0 {
		le := &LoadError{}
		for _, p := range problems {
			le.Problems = append(le.Problems, FileProblem{File: file, Problem: p})
		}
		return nil, le
	}
	return set, nil
}

// parseTokens reads a token file's contents and reports every problem at
// once, each with its path, line and column, in the order of the file.
// The set is nil when there is a problem.
func parseTokens(src []byte) (*tokenSet, []callfloor.Problem) {
	var problems []callfloor.Problem
	add := func(path callfloor.Path, n *yaml.Node, format string, args ...any) {
		if len(problems) < callfloor.MaxProblems {
			problems = append(problems, callfloor.Problem{Path: string(path), Line: n.Line, Column: n.Column, Msg: fmt.Sprintf(format, args...)})
		}
	}
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(src)).Decode(&doc); err != nil {
		return nil, []callfloor.Problem{yamlProblem(err)}
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		add("", root, "a token file is a mapping with one key, tokens")
		return nil, problems
	}
	var list *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch {
		case k.Value != "tokens":
			add(callfloor.Path("").Key(k.Value), k, "unknown key %q; allowed: tokens", k.Value)
		case list != nil:
			add("tokens", k, "is given twice")
		default:
			list = v
		}
	}
	switch {
	case list == nil:
		add("tokens", root, "is required: the tokens that may call the service")
		return nil, problems
	case list.Kind != yaml.SequenceNode:
		add("tokens", list, "must be a list of tokens, each with sha256, person and role")
		return nil, problems
	case len(list.Content) == 0 && len(problems) == 0:
		add("tokens", list, "is empty; a service no token may call serves no one")
		return nil, problems
	}
	set := &tokenSet{byHash: make(map[[sha256.Size]byte]Principal, len(list.Content))}
	firstAt := map[[sha256.Size]byte]int{}
	for i, item := range list.Content {
		at := callfloor.Path("tokens").Index(i)
		if item.Kind != yaml.MappingNode {
			add(at, item, "must be a mapping with sha256, person and role")
			continue
		}
		vals, seen := map[string]*yaml.Node{}, map[string]bool{}
		for j := 0; j+1 < len(item.Content); j += 2 {
			k, v := item.Content[j], item.Content[j+1]
			switch {
			case k.Kind != yaml.ScalarNode || !isTokenKey(k.Value):
				add(at.Key(k.Value), k, "unknown key %q; allowed: %s", k.Value, strings.Join(tokenKeys, ", "))
			case seen[k.Value]:
				add(at.Child(k.Value), k, "is given twice")
			case k.Value == optionalTokenKey:
				vals[k.Value] = v
				seen[k.Value] = true
			case v.Kind != yaml.ScalarNode:
				add(at.Child(k.Value), v, "must be a single value")
				seen[k.Value] = true
			default:
				vals[k.Value] = v
				seen[k.Value] = true
			}
		}
		ok := true
		for _, key := range tokenKeys {
			if key == optionalTokenKey {
				continue
			}
			if !seen[key] {
				add(at.Child(key), item, "is required")
			}
			ok = ok && vals[key] != nil
		}
		if !ok {
			continue
		}
		hashN, personN, roleN := vals["sha256"], vals["person"], vals["role"]
		var h [sha256.Size]byte
		if b, err := hex.DecodeString(hashN.Value); err != nil || len(b) != sha256.Size {
			add(at.Child("sha256"), hashN, "is not 64 hexadecimal digits; a token's hash is printf %%s \"$TOKEN\" | sha256sum")
			ok = false
		} else {
			copy(h[:], b)
		}
		if strings.TrimSpace(personN.Value) == "" {
			add(at.Child("person"), personN, "is required: who holds the token, as the audit trail names them")
			ok = false
		}
		role := Role(roleN.Value)
		if !roleIn(role, Roles()) {
			add(at.Child("role"), roleN, "unknown role %q; allowed: %s", roleN.Value, roleNames())
			ok = false
		}
		var actsAs []string
		if n := vals[optionalTokenKey]; n != nil {
			var good bool
			actsAs, good = parseActsAs(at.Child(optionalTokenKey), n, role, add)
			ok = ok && good
		}
		if !ok {
			continue
		}
		if first, dup := firstAt[h]; dup {
			add(at.Child("sha256"), hashN, "repeats tokens[%d]; a token has one holder", first)
			continue
		}
		firstAt[h] = i
		set.byHash[h] = Principal{Person: personN.Value, Role: role, ActsAs: actsAs}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return set, nil
}

// actsAsRoles are the roles that record coaching events, and so the only
// ones an acts_as may be given to.
var actsAsRoles = []Role{RoleLead, RoleCounselor, RoleCrisisOwner, RoleHR}

// parseActsAs reads an entry's acts_as, n at path, for a holder of role:
// a list of role names, each an id, none twice. ok is false when add was
// told of a problem.
func parseActsAs(path callfloor.Path, n *yaml.Node, role Role, add func(callfloor.Path, *yaml.Node, string, ...any)) (names []string, ok bool) {
	if n.Kind != yaml.SequenceNode {
		add(path, n, "must be a list of the coaching roles the holder acts as, as [team_lead, supervisor]")
		return nil, false
	}
	ok = true
	if roleIn(role, Roles()) && !roleIn(role, actsAsRoles) {
		add(path, n, "is for roles that record coaching events (lead, counselor, crisis_owner, hr), not %s", role)
		ok = false
	}
	if len(n.Content) == 0 {
		add(path, n, "is empty; list the coaching roles the holder acts as, or leave acts_as out to act as the role of the same name")
		return nil, false
	}
	first := map[string]int{}
	for i, v := range n.Content {
		at := path.Index(i)
		switch {
		case v.Kind != yaml.ScalarNode:
			add(at, v, "must be a role name")
			ok = false
		case !callfloor.ValidID(v.Value):
			add(at, v, "%q is not a role name: a lowercase letter, then lowercase letters, digits and underscores", v.Value)
			ok = false
		default:
			if j, dup := first[v.Value]; dup {
				add(at, v, "repeats %s", path.Index(j))
				ok = false
				continue
			}
			first[v.Value] = i
			names = append(names, v.Value)
		}
	}
	if !ok {
		return nil, false
	}
	return names, true
}

func isTokenKey(k string) bool {
	for _, t := range tokenKeys {
		if k == t {
			return true
		}
	}
	return false
}

func roleNames() string {
	names := make([]string, 0, len(Roles()))
	for _, r := range Roles() {
		names = append(names, string(r))
	}
	return strings.Join(names, ", ")
}

// yamlLine finds the line in a yaml.v3 syntax error, which it gives only
// in its text.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlProblem is the problem of a file that is not YAML at all.
func yamlProblem(err error) callfloor.Problem {
	if errors.Is(err, io.EOF) {
		return callfloor.Problem{Msg: "the file is empty"}
	}
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return callfloor.Problem{Line: line, Msg: "not YAML: " + m[2]}
	}
	return callfloor.Problem{Msg: "not YAML: " + strings.TrimPrefix(msg, "yaml: ")}
}

// authenticate finds the holder of the request's bearer token in toks.
// The scheme's name is matched in any case, as RFC 9110 has it ("bearer",
// "BEARER"); the token is matched exactly.
func (s *Server) authenticate(r *http.Request, toks *tokenSet) (Principal, error) {
	scheme, tok, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	tok = strings.TrimLeft(tok, " ")
	if !strings.EqualFold(scheme, "Bearer") || tok == "" {
		s.metrics.authFailures.WithLabelValues(authMissing).Inc()
		return Principal{}, unauthorized("send a bearer token in the Authorization header")
	}
	who, ok := toks.byHash[sha256.Sum256([]byte(tok))]
	if !ok {
		s.metrics.authFailures.WithLabelValues(authUnknown).Inc()
		return Principal{}, unauthorized("the token is not known")
	}
	return who, nil
}
