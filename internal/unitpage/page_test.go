package unitpage

import (
	"strings"
	"testing"

	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
)

// TestPageRoundTrip: the page written onto the unit's Organization reads back as it was, and
// what else the Organization holds is kept.
func TestPageRoundTrip(t *testing.T) {
	org, err := fhir.Parse([]byte(`{"resourceType":"Organization","id":"ke","name":"Koordinerende enhet",
		"identifier":[{"system":"urn:oid:2.16.578.1.12.4.1.2","value":"123"}],
		"telecom":[{"system":"fax","value":"1"},{"system":"phone","value":"old"}],
		"extension":[{"url":"https://example.org/other","valueString":"keep"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	p := Page{Intro: "Vi hjelper deg.", Phone: "400 10 000", Email: "ke@fjellvik.example", Address: "Rådhusgata 1",
		OpeningHours: "Mandag–fredag 08.00–15.30", QA: []QA{{Question: "Koster det noe?", Answer: "Nei."}}}
	out := ToFHIR(org, p)
	if err := fhir.Validate(out); err != nil {
		t.Fatalf("not valid R4: %v", err)
	}
	got := FromFHIR(out)
	p.Name = "Koordinerende enhet"
	if got.Intro != p.Intro || got.Phone != p.Phone || got.Email != p.Email || got.Address != p.Address ||
		got.OpeningHours != p.OpeningHours || len(got.QA) != 1 || got.QA[0] != p.QA[0] || got.Name != p.Name {
		t.Errorf("read back %+v, want %+v", got, p)
	}
	body := string(out.Bytes())
	for _, keep := range []string{`"system":"fax"`, "https://example.org/other", "urn:oid:2.16.578.1.12.4.1.2"} {
		if !strings.Contains(body, keep) {
			t.Errorf("the Organization lost %s: %s", keep, body)
		}
	}
	if strings.Contains(body, `"old"`) {
		t.Error("the old phone number is still there")
	}
	if empty := ToFHIR(org, Page{}); strings.Contains(string(empty.Bytes()), `"address"`) {
		t.Errorf("an empty page leaves an address: %s", empty.Bytes())
	}
}

// TestCheck: the page's rules, for every writer.
func TestCheck(t *testing.T) {
	many := make([]QA, MaxQA+1)
	for i := range many {
		many[i] = QA{Question: "Q?", Answer: "A."}
	}
	tests := []struct {
		name string
		page Page
		ok   bool
	}{
		{"a page", Page{Intro: "Hei", Email: "a@b.no", QA: []QA{{Question: "Q?", Answer: "A."}}}, true},
		{"a question without an answer", Page{QA: []QA{{Question: "Q?"}}}, false},
		{"too many questions", Page{QA: many}, false},
		{"an e-mail that is not one", Page{Email: "ke at fjellvik"}, false},
		{"an intro over its limit", Page{Intro: strings.Repeat("x", kernel.MaxLongText+1)}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := Check(tc.page, nil)
			if (err == nil) != tc.ok {
				t.Fatalf("Check = %v, want ok %v", err, tc.ok)
			}
			if err != nil && !apperr.Is(err, apperr.Unprocessable) {
				t.Errorf("Check = %v, want Unprocessable", err)
			}
		})
	}
	long := Page{Intro: strings.Repeat("x", kernel.MaxLongText+1)}
	if err := Check(long, Fields(long)); err != nil {
		t.Errorf("a stored intro over a later limit, unchanged: %v", err)
	}
}
