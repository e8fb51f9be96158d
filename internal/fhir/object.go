package fhir

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// Object is a JSON object that keeps its members in the order they arrived, so a resource goes back
// to the client with every element it sent, in its order. Values are *Object, []any, string,
// json.Number (decimal precision kept as written), bool or nil.
type Object struct {
	keys   []string
	values map[string]any
}

// NewObject returns an empty object.
func NewObject() *Object { return &Object{values: map[string]any{}} }

// Len is the number of members.
func (o *Object) Len() int { return len(o.keys) }

// Keys returns the member names in order. The slice must not be changed.
func (o *Object) Keys() []string { return o.keys }

// Get returns a member's value.
func (o *Object) Get(key string) (any, bool) {
	v, ok := o.values[key]
	return v, ok
}

// String returns a member's value when it is a string.
func (o *Object) String(key string) (string, bool) {
	s, ok := o.values[key].(string)
	return s, ok
}

// Object returns a member's value when it is an object.
func (o *Object) Object(key string) (*Object, bool) {
	m, ok := o.values[key].(*Object)
	return m, ok
}

// Array returns a member's value when it is an array.
func (o *Object) Array(key string) ([]any, bool) {
	a, ok := o.values[key].([]any)
	return a, ok
}

// Set sets a member, appending it when new.
func (o *Object) Set(key string, v any) {
	if _, ok := o.values[key]; !ok {
		o.keys = append(o.keys, key)
	}
	o.values[key] = v
}

// SetFirst sets a member and moves it to the front.
func (o *Object) SetFirst(key string, v any) {
	o.Delete(key)
	o.keys = append([]string{key}, o.keys...)
	o.values[key] = v
}

// Delete removes a member.
func (o *Object) Delete(key string) {
	if _, ok := o.values[key]; !ok {
		return
	}
	delete(o.values, key)
	for i, k := range o.keys {
		if k == key {
			o.keys = append(o.keys[:i:i], o.keys[i+1:]...)
			break
		}
	}
}

// Clone returns a deep copy.
func (o *Object) Clone() *Object {
	c := &Object{keys: append([]string(nil), o.keys...), values: make(map[string]any, len(o.values))}
	for k, v := range o.values {
		c.values[k] = cloneValue(v)
	}
	return c
}

func cloneValue(v any) any {
	switch t := v.(type) {
	case *Object:
		return t.Clone()
	case []any:
		a := make([]any, len(t))
		for i, e := range t {
			a[i] = cloneValue(e)
		}
		return a
	default:
		return v
	}
}

// maxDepth bounds nesting so a hostile document cannot exhaust the stack.
const maxDepth = 100

// ParseObject reads one JSON object, keeping member order and number text. It refuses anything but
// a single object, duplicate member names, invalid UTF-8 and nesting deeper than 100.
func ParseObject(data []byte) (*Object, error) {
	if !utf8.Valid(data) {
		return nil, errors.New("the JSON is not valid UTF-8")
	}
	if obj, ok := scanObject(data); ok { // the fast path; errors come from the Decoder below
		return obj, nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, fmt.Errorf("malformed JSON: %w", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, errors.New("the body must be a JSON object")
	}
	obj, err := readObject(dec, 1)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("malformed JSON: unexpected data after the object")
	}
	return obj, nil
}

func readObject(dec *json.Decoder, depth int) (*Object, error) {
	if depth > maxDepth {
		return nil, errors.New("the JSON is nested too deeply")
	}
	obj := NewObject()
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("malformed JSON: %w", err)
		}
		if d, ok := tok.(json.Delim); ok && d == '}' {
			return obj, nil
		}
		key, ok := tok.(string)
		if !ok {
			return nil, errors.New("malformed JSON: expected a member name")
		}
		if _, dup := obj.values[key]; dup {
			return nil, fmt.Errorf("malformed JSON: the member %q appears twice", key)
		}
		v, err := readValue(dec, depth)
		if err != nil {
			return nil, err
		}
		obj.keys = append(obj.keys, key)
		obj.values[key] = v
	}
}

func readValue(dec *json.Decoder, depth int) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, fmt.Errorf("malformed JSON: %w", err)
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			return readObject(dec, depth+1)
		case '[':
			return readArray(dec, depth+1)
		default:
			return nil, fmt.Errorf("malformed JSON: unexpected %q", t)
		}
	default:
		return t, nil // string, json.Number, bool, nil
	}
}

func readArray(dec *json.Decoder, depth int) ([]any, error) {
	if depth > maxDepth {
		return nil, errors.New("the JSON is nested too deeply")
	}
	arr := []any{}
	for {
		if !dec.More() {
			if _, err := dec.Token(); err != nil { // the closing ]
				return nil, fmt.Errorf("malformed JSON: %w", err)
			}
			return arr, nil
		}
		v, err := readValue(dec, depth)
		if err != nil {
			return nil, err
		}
		arr = append(arr, v)
	}
}

// MarshalJSON writes the object with its members in order.
func (o *Object) MarshalJSON() ([]byte, error) {
	return o.AppendJSON(nil), nil
}

// AppendJSON appends the object's JSON to b.
func (o *Object) AppendJSON(b []byte) []byte {
	b = append(b, '{')
	for i, k := range o.keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, k)
		b = append(b, ':')
		b = appendValue(b, o.values[k])
	}
	return append(b, '}')
}

func appendValue(b []byte, v any) []byte {
	switch t := v.(type) {
	case *Object:
		return t.AppendJSON(b)
	case []any:
		b = append(b, '[')
		for i, e := range t {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendValue(b, e)
		}
		return append(b, ']')
	case string:
		return appendString(b, t)
	case json.Number:
		return append(b, t...)
	case bool:
		return strconv.AppendBool(b, t)
	case nil:
		return append(b, "null"...)
	case int:
		return strconv.AppendInt(b, int64(t), 10)
	case int64:
		return strconv.AppendInt(b, t, 10)
	case float64:
		return strconv.AppendFloat(b, t, 'g', -1, 64)
	default:
		j, err := json.Marshal(t)
		if err != nil {
			return append(b, "null"...)
		}
		return append(b, j...)
	}
}

const hexDigits = "0123456789abcdef"

// appendString writes s as a JSON string, escaping only what JSON requires (and U+2028/9).
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
