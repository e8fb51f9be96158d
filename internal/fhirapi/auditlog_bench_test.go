package fhirapi_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/accesslog"
	"veiviser/internal/fhirapi"
	"veiviser/internal/records"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// noLog is the baseline of the benchmark only: what a read costs without its log entry.
type noLog struct{}

func (noLog) RecordAll(context.Context, []accesslog.Event) error { return nil }

// BenchmarkReadLog measures what the access log costs a read: the same reads by a coordinator,
// 8 at a time per CPU, without the log, with the direct log (a store commit per batch) and with
// the journaled one (an fdatasync per batch, stored in the background) in one run; each "with"
// reports its ratio to "without".
//
//	go test ./internal/fhirapi -run '^$' -bench ReadLog
func BenchmarkReadLog(b *testing.B) {
	for _, name := range []string{"sqlite", "postgres"} {
		b.Run(name, func(b *testing.B) { benchReadLog(b, testutil.Stores()[name](b)) })
	}
}

func benchReadLog(b *testing.B, st store.Store) {
	c := newClient(b, st)
	w := buildWorld(c)
	coord := principals(w)[access.Coordinator]
	goal := "/Goal/" + w.records["Goal"][0]
	journal, err := accesslog.OpenJournal(context.Background(), records.New(st, records.Options{}), b.TempDir(), accesslog.JournalOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = journal.Close(context.Background()) }()
	var without time.Duration
	for _, tc := range []struct {
		name string
		log  fhirapi.ReadLog
	}{{"without-log", noLog{}}, {"with-log", nil}, {"with-journal", journal}} {
		h := fhirapi.New(records.New(st, records.Options{}), fhirapi.Options{ReadLog: tc.log})
		b.Run(tc.name, func(b *testing.B) {
			b.SetParallelism(8)
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					req := httptest.NewRequest("GET", goal, nil)
					rec := httptest.NewRecorder()
					h.ServeHTTP(rec, req.WithContext(access.WithPrincipal(req.Context(), coord)))
					if rec.Code != http.StatusOK {
						b.Errorf("read: %d %s", rec.Code, rec.Body)
						return
					}
				}
			})
			perOp := b.Elapsed() / time.Duration(b.N)
			if tc.name != "without-log" && without > 0 {
				b.ReportMetric(float64(perOp)/float64(without), "x-without-log")
			} else {
				without = perOp
			}
		})
	}
}
