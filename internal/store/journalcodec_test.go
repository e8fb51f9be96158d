package store

import (
	"fmt"
	"math"
	"reflect"
	"testing"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/search"
)

var jt0 = time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)

func auditNew(id, agent string) New {
	return New{
		Record: Record{Type: "AuditEvent", ID: id, VersionID: 1, LastUpdated: jt0,
			Body: fmt.Appendf(nil, `{"resourceType":"AuditEvent","id":%q}`, id)},
		Index: []search.Entry{
			{Param: "agent", Kind: search.Reference, RefType: "Practitioner", RefID: agent},
			{Param: "subtype", Kind: search.Token, System: "s", Code: "read"},
			{Param: "date", Kind: search.Date, Low: jt0, High: jt0.Add(time.Millisecond)},
		},
	}
}

func TestJournalCodec(t *testing.T) {
	for _, tc := range []struct {
		name  string
		index []search.Entry
	}{
		{"none", nil},
		{"every kind", []search.Entry{
			{Param: "code", Kind: search.Token, System: "http://snomed.info/sct", Code: "734163000"},
			{Param: "active", Kind: search.Token, Code: "true"},
			{Param: "name", Kind: search.String, Text: "ærlig østby åse"},
			{Param: "subject", Kind: search.Reference, RefType: "Patient", RefID: "p1"},
			{Param: "date", Kind: search.Date, Low: jt0, High: jt0.Add(time.Hour)},
			{Param: "open", Kind: search.Date},
			{Param: "n", Kind: search.Number, Number: -1.5},
			{Param: "big", Kind: search.Number, Number: math.MaxFloat64},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := rowsOf(tc.index)
			if err != nil {
				t.Fatal(err)
			}
			got, err := decodeRows(encodeRows(rows))
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) == 0 && len(got) == 0 {
				return
			}
			if !reflect.DeepEqual(got, rows) {
				t.Errorf("round trip:\n got %+v\nwant %+v", got, rows)
			}
		})
	}
	for _, bad := range [][]byte{{}, {2, 0}, {1, 9, 1, 'x'}, {1, 0, 5, 'a'}} {
		if _, err := decodeRows(bad); err == nil {
			t.Errorf("decodeRows(%v) accepted a broken form", bad)
		}
	}
	if _, err := rowsOf([]search.Entry{{Param: "x", Kind: "uri"}}); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("unknown kind: %v, want Invalid", err)
	}
}
