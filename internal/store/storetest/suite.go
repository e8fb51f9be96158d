// Package storetest is the one test suite every store.Store implementation must pass. Records and
// index entries are built by hand so the suite depends on nothing but the store contract.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/search"
	"veiviser/internal/store"
)

// Opener returns a new, empty store, closed when the test ends.
type Opener func(t *testing.T) store.Store

// Run runs the suite; each subtest gets its own store from open.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(t *testing.T, st store.Store)
	}{
		{"CreateGet", testCreateGet},
		{"GetNotFound", testGetNotFound},
		{"Versions", testVersions},
		{"StaleVersionConflicts", testStaleVersionConflicts},
		{"InvalidRecord", testInvalidRecord},
		{"Delete", testDelete},
		{"ConcurrentWritersOneResource", testConcurrentWritersOneResource},
		{"ConcurrentWritersManyResources", testConcurrentWritersManyResources},
		{"FailedTransactionWritesNothing", testFailedTransactionWritesNothing},
		{"ConcurrentWritesIsolated", testConcurrentWritesIsolated},
		{"ReadYourWrites", testReadYourWrites},
		{"ReadsDoNotWaitForWriter", testReadsDoNotWaitForWriter},
		{"SearchToken", testSearchToken},
		{"SearchString", testSearchString},
		{"SearchReference", testSearchReference},
		{"SearchDate", testSearchDate},
		{"SearchDateApprox", testSearchDateApprox},
		{"SearchNumber", testSearchNumber},
		{"SearchMissing", testSearchMissing},
		{"SearchIDAndLastUpdated", testSearchIDAndLastUpdated},
		{"SearchAndOr", testSearchAndOr},
		{"SearchLongValueLists", testSearchLongValueLists},
		{"SearchSortAndPaging", testSearchSortAndPaging},
		{"SearchDefaultCount", testSearchDefaultCount},
		{"SearchInclude", testSearchInclude},
		{"SearchRejectsBadQueries", testSearchRejectsBadQueries},
		{"UpdateReplacesIndex", testUpdateReplacesIndex},
		{"UpdateIndexDiff", testUpdateIndexDiff},
		{"AppendDuplicateEntries", testAppendDuplicateEntries},
		{"History", testHistory},
		{"Append", testAppend},
		{"States", testStates},
		{"Patients", testPatients},
		{"AuditEvents", testAuditEvents},
		{"AuditEventSearch", testAuditEventSearch},
		{"AuditIngest", testAuditIngest},
		{"PingAndStats", testPingAndStats},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.fn(t, open(t))
		})
	}
}

// t0 is the suite's fixed "now"; records are stamped at t0 plus whole seconds.
var t0 = time.Date(2026, 3, 4, 5, 6, 7, 123456000, time.UTC)

func at(sec int) time.Time { return t0.Add(time.Duration(sec) * time.Second) }

// rec builds a record whose body names its type, id and version.
func rec(typ, id string, version int64, updated time.Time) store.Record {
	return store.Record{Type: typ, ID: id, VersionID: version, LastUpdated: updated,
		Body: fmt.Appendf(nil, `{"resourceType":%q,"id":%q,"meta":{"versionId":"%d"}}`, typ, id, version)}
}

func put(t *testing.T, st store.Store, r store.Record, index ...search.Entry) store.Record {
	t.Helper()
	if err := st.Write(context.Background(), func(tx store.Tx) error {
		return tx.Put(context.Background(), r, index)
	}); err != nil {
		t.Fatalf("put %s/%s v%d: %v", r.Type, r.ID, r.VersionID, err)
	}
	return r
}

// create puts version 1 of typ/id at second sec with the entries.
func create(t *testing.T, st store.Store, typ, id string, sec int, index ...search.Entry) store.Record {
	t.Helper()
	return put(t, st, rec(typ, id, 1, at(sec)), index...)
}

func get(t *testing.T, st store.Reader, typ, id string) store.Record {
	t.Helper()
	r, err := st.Get(context.Background(), typ, id)
	if err != nil {
		t.Fatalf("get %s/%s: %v", typ, id, err)
	}
	return r
}

func token(param, system, code string) search.Entry {
	return search.Entry{Param: param, Kind: search.Token, System: system, Code: code}
}

func str(param, text string) search.Entry {
	return search.Entry{Param: param, Kind: search.String, Text: text}
}

func ref(param, typ, id string) search.Entry {
	return search.Entry{Param: param, Kind: search.Reference, RefType: typ, RefID: id}
}

func date(param string, low, high time.Time) search.Entry {
	return search.Entry{Param: param, Kind: search.Date, Low: low, High: high}
}

func number(param string, n float64) search.Entry {
	return search.Entry{Param: param, Kind: search.Number, Number: n}
}

// ids runs q and returns the ids of the matches in order.
func ids(t *testing.T, st store.Reader, q search.Query) []string {
	t.Helper()
	p, err := st.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("search %+v: %v", q, err)
	}
	return recordIDs(p.Records)
}

func recordIDs(rs []store.Record) []string {
	out := []string{}
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return out
}

func sameIDs(t *testing.T, what string, got, want []string) {
	t.Helper()
	if want == nil {
		want = []string{}
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s: got %v, want %v", what, got, want)
	}
}

func wantCode(t *testing.T, what string, err error, code apperr.Code) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: got no error, want %s", what, code)
	}
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Code != code {
		t.Fatalf("%s: got %v, want code %s", what, err, code)
	}
}

func sameRecord(t *testing.T, got, want store.Record) {
	t.Helper()
	if got.Type != want.Type || got.ID != want.ID || got.VersionID != want.VersionID ||
		got.Deleted != want.Deleted || !got.LastUpdated.Equal(want.LastUpdated) ||
		string(got.Body) != string(want.Body) {
		t.Errorf("record:\n got %s/%s v%d %s deleted=%v %s\nwant %s/%s v%d %s deleted=%v %s",
			got.Type, got.ID, got.VersionID, got.LastUpdated.Format(time.RFC3339Nano), got.Deleted, got.Body,
			want.Type, want.ID, want.VersionID, want.LastUpdated.Format(time.RFC3339Nano), want.Deleted, want.Body)
	}
	if got.LastUpdated.Location() != time.UTC {
		t.Errorf("LastUpdated %v is not in UTC", got.LastUpdated)
	}
}
