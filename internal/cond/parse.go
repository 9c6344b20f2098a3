package cond

import (
	"fmt"
	"math"
	"strconv"
)

type tokKind int

const (
	tokEOF tokKind = iota
	tokNum
	tokIdent
	tokOp // a comparison
	tokAnd
	tokOr
	tokNot
	tokLParen
	tokRParen
	tokBad
)

type token struct {
	kind tokKind
	text string
	pos  int
	num  float64
	op   cmpOp
}

type lexer struct {
	src string
	pos int
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

func (l *lexer) next() token {
	for l.pos < len(l.src) && (l.src[l.pos] == ' ' || l.src[l.pos] == '\t' || l.src[l.pos] == '\n' || l.src[l.pos] == '\r') {
		l.pos++
	}
	start := l.pos
	if l.pos >= len(l.src) {
		return token{kind: tokEOF, pos: start}
	}
	c := l.src[l.pos]
	two := ""
	if l.pos+1 < len(l.src) {
		two = l.src[l.pos : l.pos+2]
	}
	switch {
	case two == "&&":
		l.pos += 2
		return token{kind: tokAnd, text: two, pos: start}
	case two == "||":
		l.pos += 2
		return token{kind: tokOr, text: two, pos: start}
	case two == "<=" || two == ">=" || two == "==" || two == "!=":
		l.pos += 2
		return token{kind: tokOp, text: two, pos: start, op: opOf(two)}
	case c == '<' || c == '>':
		l.pos++
		return token{kind: tokOp, text: string(c), pos: start, op: opOf(string(c))}
	case c == '!':
		l.pos++
		return token{kind: tokNot, text: "!", pos: start}
	case c == '(':
		l.pos++
		return token{kind: tokLParen, text: "(", pos: start}
	case c == ')':
		l.pos++
		return token{kind: tokRParen, text: ")", pos: start}
	case isDigit(c) || c == '.' || c == '-':
		l.pos++
		for l.pos < len(l.src) && (isDigit(l.src[l.pos]) || l.src[l.pos] == '.' ||
			l.src[l.pos] == 'e' || l.src[l.pos] == 'E' ||
			((l.src[l.pos] == '-' || l.src[l.pos] == '+') && (l.src[l.pos-1] == 'e' || l.src[l.pos-1] == 'E'))) {
			l.pos++
		}
		text := l.src[start:l.pos]
		f, err := strconv.ParseFloat(text, 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return token{kind: tokBad, text: text, pos: start}
		}
		return token{kind: tokNum, text: text, pos: start, num: f}
	case isLetter(c) || c == '_':
		l.pos++
		for l.pos < len(l.src) && (isLetter(l.src[l.pos]) || isDigit(l.src[l.pos]) || l.src[l.pos] == '_') {
			l.pos++
		}
		return token{kind: tokIdent, text: l.src[start:l.pos], pos: start}
	}
	l.pos++
	return token{kind: tokBad, text: l.src[start:l.pos], pos: start}
}

type parser struct {
	lex  lexer
	tok  token
	env  *Env
	used map[int]bool
}

func (p *parser) next() { p.tok = p.lex.next() }

func (p *parser) unexpected(want string) error {
	switch p.tok.kind {
	case tokEOF:
		return &Error{Offset: p.tok.pos, Msg: "condition ends early; expected " + want}
	case tokBad:
		if p.tok.text != "" && (isDigit(p.tok.text[0]) || p.tok.text[0] == '.' || p.tok.text[0] == '-') {
			return &Error{Offset: p.tok.pos, Msg: fmt.Sprintf("%q is not a finite number", p.tok.text)}
		}
		if p.tok.text == "=" || p.tok.text == "&" || p.tok.text == "|" {
			return &Error{Offset: p.tok.pos, Msg: fmt.Sprintf("unexpected %q; did you mean %q?", p.tok.text, p.tok.text+p.tok.text)}
		}
		return &Error{Offset: p.tok.pos, Msg: fmt.Sprintf("unexpected character %q; expected %s", p.tok.text, want)}
	}
	return &Error{Offset: p.tok.pos, Msg: fmt.Sprintf("unexpected %q; expected %s", p.tok.text, want)}
}

func (p *parser) parseOr(depth int) (node, error) {
	first, err := p.parseAnd(depth)
	if err != nil {
		return nil, err
	}
	terms := []node{first}
	for p.tok.kind == tokOr {
		p.next()
		t, err := p.parseAnd(depth)
		if err != nil {
			return nil, err
		}
		terms = append(terms, t)
	}
	return makeOr(terms), nil
}

func (p *parser) parseAnd(depth int) (node, error) {
	first, err := p.parseUnary(depth)
	if err != nil {
		return nil, err
	}
	terms := []node{first}
	for p.tok.kind == tokAnd {
		p.next()
		t, err := p.parseUnary(depth)
		if err != nil {
			return nil, err
		}
		terms = append(terms, t)
	}
	return makeAnd(terms), nil
}

func (p *parser) parseUnary(depth int) (node, error) {
	if depth >= maxNesting {
		return nil, &Error{Offset: p.tok.pos, Msg: fmt.Sprintf("condition nests deeper than %d", maxNesting)}
	}
	switch p.tok.kind {
	case tokNot:
		p.next()
		inner, err := p.parseUnary(depth + 1)
		if err != nil {
			return nil, err
		}
		return notNode{inner}, nil
	case tokLParen:
		open := p.tok.pos
		p.next()
		inner, err := p.parseOr(depth + 1)
		if err != nil {
			return nil, err
		}
		if p.tok.kind != tokRParen {
			if p.tok.kind == tokEOF {
				return nil, &Error{Offset: open, Msg: "unclosed parenthesis"}
			}
			return nil, p.unexpected("&&, || or )")
		}
		p.next()
		return inner, nil
	case tokIdent:
		if p.tok.text == "true" || p.tok.text == "false" {
			t := p.tok
			p.next()
			if p.tok.kind == tokOp {
				return nil, &Error{Offset: t.pos, Msg: t.text + " cannot be compared; use it alone"}
			}
			return constNode(t.text == "true"), nil
		}
	}
	return p.parseComparison()
}

func (p *parser) parseComparison() (node, error) {
	left, err := p.parseOperand()
	if err != nil {
		return nil, err
	}
	if p.tok.kind != tokOp {
		if left.slot >= 0 && (p.tok.kind == tokEOF || p.tok.kind == tokAnd || p.tok.kind == tokOr || p.tok.kind == tokRParen) {
			return nil, &Error{Offset: left.pos, Msg: fmt.Sprintf("metric %s alone is not a condition; compare it, as in %s > 0", left.text, left.text)}
		}
		return nil, p.unexpected("a comparison (<, <=, >, >=, ==, !=)")
	}
	op := p.tok.op
	p.next()
	right, err := p.parseOperand()
	if err != nil {
		return nil, err
	}
	if p.tok.kind == tokOp {
		return nil, &Error{Offset: p.tok.pos, Msg: "comparisons do not chain; join them with &&, as in a < b && b < c"}
	}
	return makeCmp(op, left, right), nil
}

type operand struct {
	slot int // -1 for a number
	num  float64
	text string
	pos  int
}

func (p *parser) parseOperand() (operand, error) {
	t := p.tok
	switch t.kind {
	case tokNum:
		p.next()
		return operand{slot: -1, num: t.num, text: t.text, pos: t.pos}, nil
	case tokIdent:
		if t.text == "true" || t.text == "false" {
			return operand{}, &Error{Offset: t.pos, Msg: t.text + " cannot be compared; use it alone"}
		}
		s, ok := p.env.Slot(t.text)
		if !ok {
			return operand{}, &Error{Offset: t.pos, Msg: fmt.Sprintf("unknown metric %q; declared: %s", t.text, p.env.declared())}
		}
		p.used[s] = true
		p.next()
		return operand{slot: s, text: t.text, pos: t.pos}, nil
	}
	return operand{}, p.unexpected("a number or a metric name")
}

func (e *Env) declared() string {
	if len(e.names) == 0 {
		return "none"
	}
	s := ""
	for i, n := range e.names {
		if i > 0 {
			s += ", "
		}
		s += n
	}
	return s
}
