package fhir

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"testing"
	"unicode/utf8"
)

// decoderParse is ParseObject's json.Decoder path alone, the reference scanObject must agree with.
func decoderParse(data []byte) (*Object, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, errors.New("not an object")
	}
	obj, err := readObject(dec, 1)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("trailing data")
	}
	return obj, nil
}

func checkScanAgrees(t *testing.T, data []byte) {
	t.Helper()
	if !utf8.Valid(data) {
		return
	}
	want, err := decoderParse(data)
	got, ok := scanObject(data)
	if err != nil {
		if ok {
			t.Fatalf("scanObject accepted what the Decoder refuses (%v): %q", err, data)
		}
		return
	}
	if !ok {
		return // the fallback gives the same result; only a speed loss
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("scanObject disagrees on %q:\n%s\n%s", data, got.AppendJSON(nil), want.AppendJSON(nil))
	}
}

func TestScanObjectAgreesWithDecoder(t *testing.T) {
	cases := []string{
		`{}`, ` {"a":1} `, `{"a":[]}`, `{"a":[1,2.50,-0,1e5,1E-2,-3.0e+7]}`, `{"a":"x\"y\\z\u00e6\ud83d\ude00\n"}`,
		`{"a":"\ud800"}`, `{"a":true,"b":false,"c":null}`, `{"a":{"b":{"c":[{"d":[]}]}}}`,
		`{"a":01}`, `{"a":1.}`, `{"a":.5}`, `{"a":-}`, `{"a":1e}`, `{"a":tru}`, `{"a":1,}`, `{"a" 1}`, `{,}`,
		`{"a":1}{}`, `{"a":1} x`, `{"a":"b` + "\x01" + `"}`, `{"a":1,"a":2}`, `[]`, `"x"`, `{"a":[1,]}`, `{"a":"\x"}`,
	}
	for _, c := range cases {
		checkScanAgrees(t, []byte(c))
	}
}

// FuzzScanObject: the fast reader never accepts what the Decoder refuses and, when it accepts,
// builds the same object.
func FuzzScanObject(f *testing.F) {
	seedResources(f)
	f.Fuzz(func(t *testing.T, data []byte) { checkScanAgrees(t, data) })
}
