package records

import (
	"testing"

	"veiviser/internal/apperr"
)

func TestParseETag(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"", 0, true}, {`W/"3"`, 3, true}, {`"3"`, 3, true}, {"3", 3, true}, {` W/"12" `, 12, true},
		{`W/"0"`, 0, false}, {`W/"x"`, 0, false}, {`W/"-1"`, 0, false}, {"*", 0, false},
	}
	for _, tt := range tests {
		got, err := ParseETag(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseETag(%q) = %d, %v", tt.in, got, err)
		}
		if err != nil && !apperr.Is(err, apperr.Invalid) {
			t.Errorf("ParseETag(%q) error code %s", tt.in, apperr.CodeOf(err))
		}
	}
	if ETag(7) != `W/"7"` {
		t.Errorf("ETag(7) = %s", ETag(7))
	}
}

func TestParseTarget(t *testing.T) {
	tests := []struct {
		in      string
		want    target
		code    apperr.Code
		hasQury bool
	}{
		{in: "Patient", want: target{typ: "Patient"}},
		{in: "Patient/abc", want: target{typ: "Patient", id: "abc"}},
		{in: "/Patient/abc/", want: target{typ: "Patient", id: "abc"}},
		{in: "Patient/abc/_history", want: target{typ: "Patient", id: "abc", history: true}},
		{in: "Patient/abc/_history/4", want: target{typ: "Patient", id: "abc", history: true, version: 4}},
		{in: "Patient/_history", want: target{typ: "Patient", history: true}},
		{in: "https://x.example/fhir/R4/Goal/g1", want: target{typ: "Goal", id: "g1"}},
		{in: "Patient?name=kari", want: target{typ: "Patient"}, hasQury: true},
		{in: "", code: apperr.Invalid},
		{in: "Foo/1", code: apperr.NotFound},
		{in: "Patient/bad_id", code: apperr.Invalid},
		{in: "Patient/abc/_history/x", code: apperr.Invalid},
		{in: "Patient/abc/extra", code: apperr.Invalid},
		{in: "Patient?%zz", code: apperr.Invalid},
	}
	for _, tt := range tests {
		got, err := parseTarget(tt.in)
		if tt.code != "" {
			if !apperr.Is(err, tt.code) {
				t.Errorf("parseTarget(%q) err %v, want %s", tt.in, err, tt.code)
			}
			continue
		}
		if err != nil || (got.query != nil) != tt.hasQury {
			t.Errorf("parseTarget(%q): %+v, %v", tt.in, got, err)
			continue
		}
		if got.typ != tt.want.typ || got.id != tt.want.id || got.history != tt.want.history || got.version != tt.want.version {
			t.Errorf("parseTarget(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}
