package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// decode reads the request body, one JSON value, into out. The body is
// bounded by MaxBody and its nesting by MaxDepth; unknown fields and
// anything after the value are refused. Every failure is a problem that
// names the field.
func (q *request) decode(out any) error {
	body := http.MaxBytesReader(nil, q.r.Body, q.s.cfg.MaxBody)
	buf, err := io.ReadAll(body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return newProblem(http.StatusRequestEntityTooLarge, "too-large", "Request body too large",
				fmt.Sprintf("a request body holds at most %d bytes", q.s.cfg.MaxBody))
		}
		return newProblem(http.StatusBadRequest, "unreadable", "Unreadable body", err.Error())
	}
	return decodeJSON(buf, q.s.cfg.MaxDepth, out)
}

// decodeJSON is decode's reading of a body already in memory.
func decodeJSON(buf []byte, maxDepth int, out any) error {
	if err := checkDepth(buf, maxDepth); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(buf))
	dec.DisallowUnknownFields()
	if err := dec.Decode(out); err != nil {
		return malformed(err.Error())
	}
	if _, err := dec.Token(); err != io.EOF {
		return malformed("unexpected data after the JSON value")
	}
	return nil
}

func malformed(detail string) *Problem {
	return newProblem(http.StatusBadRequest, "malformed", "Malformed JSON", detail)
}

// checkDepth refuses JSON nested deeper than max, before anything is
// decoded, so that a deep body costs no more than its bytes.
func checkDepth(buf []byte, max int) error {
	depth := 0
	inString, escaped := false, false
	for _, c := range buf {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
			if depth > max {
				return malformed(fmt.Sprintf("JSON nested deeper than %d levels", max))
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return nil
}
