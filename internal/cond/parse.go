package cond

import (
	"math"
	"strconv"

	"github.com/callfloor/callfloor/internal/msg"
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

// want is what the parser expected where it found something else.
type want uint8

const (
	wantEnd        want = iota // &&, || or the end of the condition
	wantClose                  // &&, || or )
	wantComparison             // a comparison sign
	wantOperand                // a number or a metric name
)

func (p *parser) unexpected(w want) error {
	tok := strconv.Quote(p.tok.text)
	var m msg.Message
	switch p.tok.kind {
	case tokEOF:
		m = [...]msg.Message{wantEnd: msg.CondEndsEarlyEnd{}, wantClose: msg.CondEndsEarlyClose{},
			wantComparison: msg.CondEndsEarlyComparison{}, wantOperand: msg.CondEndsEarlyOperand{}}[w]
	case tokBad:
		switch {
		case p.tok.text != "" && (isDigit(p.tok.text[0]) || p.tok.text[0] == '.' || p.tok.text[0] == '-'):
			m = msg.CondNotFinite{Token: tok}
		case p.tok.text == "=" || p.tok.text == "&" || p.tok.text == "|":
			m = msg.CondDidYouMean{Token: tok, Want: strconv.Quote(p.tok.text + p.tok.text)}
		default:
			m = [...]msg.Message{wantEnd: msg.CondUnexpectedCharEnd{Token: tok}, wantClose: msg.CondUnexpectedCharClose{Token: tok},
				wantComparison: msg.CondUnexpectedCharComparison{Token: tok}, wantOperand: msg.CondUnexpectedCharOperand{Token: tok}}[w]
		}
	default:
		m = [...]msg.Message{wantEnd: msg.CondUnexpectedEnd{Token: tok}, wantClose: msg.CondUnexpectedClose{Token: tok},
			wantComparison: msg.CondUnexpectedComparison{Token: tok}, wantOperand: msg.CondUnexpectedOperand{Token: tok}}[w]
	}
	return newError(p.tok.pos, m)
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
		return nil, newError(p.tok.pos, msg.CondTooDeep{Limit: maxNesting})
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
				return nil, newError(open, msg.CondUnclosed{})
			}
			return nil, p.unexpected(wantClose)
		}
		p.next()
		return inner, nil
	case tokIdent:
		if p.tok.text == "true" || p.tok.text == "false" {
			t := p.tok
			p.next()
			if p.tok.kind == tokOp {
				return nil, newError(t.pos, msg.CondConstCompared{Name: t.text})
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
			return nil, newError(left.pos, msg.CondMetricAlone{Metric: left.text})
		}
		return nil, p.unexpected(wantComparison)
	}
	op := p.tok.op
	p.next()
	right, err := p.parseOperand()
	if err != nil {
		return nil, err
	}
	if p.tok.kind == tokOp {
		return nil, newError(p.tok.pos, msg.CondChained{})
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
			return operand{}, newError(t.pos, msg.CondConstCompared{Name: t.text})
		}
		s, ok := p.env.Slot(t.text)
		if !ok {
			return operand{}, newError(t.pos, p.env.unknown(t.text))
		}
		p.used[s] = true
		p.next()
		return operand{slot: s, text: t.text, pos: t.pos}, nil
	}
	return operand{}, p.unexpected(wantOperand)
}

// unknown is the problem with a name the Env does not declare.
func (e *Env) unknown(name string) msg.Message {
	if len(e.names) == 0 {
		return msg.CondUnknownMetricNone{Metric: strconv.Quote(name)}
	}
	return msg.CondUnknownMetric{Metric: strconv.Quote(name), Declared: append([]string(nil), e.names...)}
}
