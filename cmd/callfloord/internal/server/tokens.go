package server

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"
)

// tokenSet maps the SHA-256 of each bearer token to its holder.
type tokenSet struct {
	byHash map[[sha256.Size]byte]Principal
}

// tokenFile is the token file's shape:
//
//	tokens:
//	  - sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
//	    person: li.na
//	    role: lead
//
// The file holds each token's SHA-256 in hex, never the token itself.
type tokenFile struct {
	Tokens []struct {
		SHA256 string `yaml:"sha256"`
		Person string `yaml:"person"`
		Role   Role   `yaml:"role"`
	} `yaml:"tokens"`
}

// loadTokens reads a token file.
func loadTokens(file string) (*tokenSet, error) {
	src, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return parseTokens(src)
}

// parseTokens reads a token file's contents, every problem at once.
func parseTokens(src []byte) (*tokenSet, error) {
	var tf tokenFile
	dec := yaml.NewDecoder(strings.NewReader(string(src)))
	dec.KnownFields(true)
	if err := dec.Decode(&tf); err != nil {
		return nil, fmt.Errorf("token file: %v", err)
	}
	set := &tokenSet{byHash: make(map[[sha256.Size]byte]Principal, len(tf.Tokens))}
	var problems []string
	for i, t := range tf.Tokens {
		var h [sha256.Size]byte
		b, err := hex.DecodeString(t.SHA256)
		switch {
		case err != nil || len(b) != sha256.Size:
			problems = append(problems, fmt.Sprintf("tokens[%d].sha256: is not 64 hexadecimal digits", i))
		case t.Person == "":
			problems = append(problems, fmt.Sprintf("tokens[%d].person: is required", i))
		case !roleIn(t.Role, Roles()):
			problems = append(problems, fmt.Sprintf("tokens[%d].role: %q is not a role", i, t.Role))
		default:
			copy(h[:], b)
			if _, dup := set.byHash[h]; dup {
				problems = append(problems, fmt.Sprintf("tokens[%d].sha256: repeats an earlier token", i))
				continue
			}
			set.byHash[h] = Principal{Person: t.Person, Role: t.Role}
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("token file: %s", strings.Join(problems, "; "))
	}
	return set, nil
}

// authenticate finds the holder of the request's bearer token.
func (s *Server) authenticate(r *http.Request) (Principal, error) {
	h := r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || tok == "" {
		return Principal{}, unauthorized("send a bearer token in the Authorization header")
	}
	who, ok := s.tokens.Load().byHash[sha256.Sum256([]byte(tok))]
	if !ok {
		return Principal{}, unauthorized("the token is not known")
	}
	return who, nil
}
