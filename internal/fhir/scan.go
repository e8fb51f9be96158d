package fhir

import (
	"encoding/json"
)

// scanObject is the fast path of ParseObject: a strict JSON reader over the bytes that builds the
// same Object as the json.Decoder path, with far fewer allocations. It reports false on anything
// unusual (a syntax error, a duplicate member, too deep nesting); ParseObject then runs the
// Decoder path, which gives the error its exact wording. The input must be valid UTF-8.
func scanObject(data []byte) (*Object, bool) {
	s := scanner{data: data}
	s.skipSpace()
	if s.i >= len(s.data) || s.data[s.i] != '{' {
		return nil, false
	}
	obj, ok := s.object(1)
	if !ok {
		return nil, false
	}
	s.skipSpace()
	return obj, s.i == len(s.data)
}

type scanner struct {
	data []byte
	i    int
}

func (s *scanner) skipSpace() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// object reads {...} starting at the '{'.
func (s *scanner) object(depth int) (*Object, bool) {
	if depth > maxDepth {
		return nil, false
	}
	s.i++ // {
	obj := &Object{values: make(map[string]any, 8)}
	s.skipSpace()
	if s.i < len(s.data) && s.data[s.i] == '}' {
		s.i++
		return obj, true
	}
	for {
		s.skipSpace()
		if s.i >= len(s.data) || s.data[s.i] != '"' {
			return nil, false
		}
		key, ok := s.str()
		if !ok {
			return nil, false
		}
		if _, dup := obj.values[key]; dup {
			return nil, false
		}
		s.skipSpace()
		if s.i >= len(s.data) || s.data[s.i] != ':' {
			return nil, false
		}
		s.i++
		v, ok := s.value(depth)
		if !ok {
			return nil, false
		}
		obj.keys = append(obj.keys, key)
		obj.values[key] = v
		switch done, ok := s.next('}'); {
		case !ok:
			return nil, false
		case done:
			return obj, true
		}
	}
}

// next reads what follows an item of an object or array: a comma (more to come) or close (done);
// anything else is not JSON.
func (s *scanner) next(close byte) (done, ok bool) {
	s.skipSpace()
	if s.i >= len(s.data) {
		return false, false
	}
	switch s.data[s.i] {
	case ',':
		s.i++
		return false, true
	case close:
		s.i++
		return true, true
	}
	return false, false
}

// array reads [...] starting at the '['.
func (s *scanner) array(depth int) ([]any, bool) {
	if depth > maxDepth {
		return nil, false
	}
	s.i++ // [
	arr := []any{}
	s.skipSpace()
	if s.i < len(s.data) && s.data[s.i] == ']' {
		s.i++
		return arr, true
	}
	for {
		v, ok := s.value(depth)
		if !ok {
			return nil, false
		}
		arr = append(arr, v)
		switch done, ok := s.next(']'); {
		case !ok:
			return nil, false
		case done:
			return arr, true
		}
	}
}

// value reads one value; depth is that of the enclosing container, as in readValue.
func (s *scanner) value(depth int) (any, bool) {
	s.skipSpace()
	if s.i >= len(s.data) {
		return nil, false
	}
	switch c := s.data[s.i]; {
	case c == '{':
		return s.object(depth + 1)
	case c == '[':
		return s.array(depth + 1)
	case c == '"':
		return s.str()
	case c == 't':
		return true, s.literal("true")
	case c == 'f':
		return false, s.literal("false")
	case c == 'n':
		return nil, s.literal("null")
	case c == '-' || (c >= '0' && c <= '9'):
		return s.number()
	}
	return nil, false
}

func (s *scanner) literal(word string) bool {
	if len(s.data)-s.i < len(word) || string(s.data[s.i:s.i+len(word)]) != word {
		return false
	}
	s.i += len(word)
	return true
}

// str reads a string starting at the '"'. Strings with escapes are rare in resources; they are
// decoded by encoding/json so the result is exactly the Decoder's.
func (s *scanner) str() (string, bool) {
	start := s.i
	s.i++
	escaped := false
	for s.i < len(s.data) {
		c := s.data[s.i]
		switch {
		case c == '"':
			s.i++
			if !escaped {
				return string(s.data[start+1 : s.i-1]), true
			}
			var out string
			if err := json.Unmarshal(s.data[start:s.i], &out); err != nil {
				return "", false
			}
			return out, true
		case c == '\\':
			escaped = true
			s.i += 2
		case c < 0x20:
			return "", false
		default:
			s.i++
		}
	}
	return "", false
}

// number reads a JSON number by the grammar -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?.
func (s *scanner) number() (json.Number, bool) {
	start := s.i
	if s.data[s.i] == '-' {
		s.i++
	}
	switch {
	case s.i < len(s.data) && s.data[s.i] == '0':
		s.i++
	case s.i < len(s.data) && s.data[s.i] >= '1' && s.data[s.i] <= '9':
		s.digits()
	default:
		return "", false
	}
	if s.i < len(s.data) && s.data[s.i] == '.' {
		s.i++
		if !s.digits() {
			return "", false
		}
	}
	if s.i < len(s.data) && (s.data[s.i] == 'e' || s.data[s.i] == 'E') {
		s.i++
		if s.i < len(s.data) && (s.data[s.i] == '+' || s.data[s.i] == '-') {
			s.i++
		}
		if !s.digits() {
			return "", false
		}
	}
	return json.Number(s.data[start:s.i]), true
}

func (s *scanner) digits() bool {
	start := s.i
	for s.i < len(s.data) && s.data[s.i] >= '0' && s.data[s.i] <= '9' {
		s.i++
	}
	return s.i > start
}
