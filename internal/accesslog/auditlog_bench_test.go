package accesslog_test

import (
	"context"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/accesslog"
	"veiviser/internal/records"
	"veiviser/internal/testutil"
)

// BenchmarkLog measures the read log alone: 16 requests at a time each recording one entry and
// waiting for its commit, as the workload's 16 workers do; on both stores.
//
//	go test ./internal/access -run '^$' -bench Log
func BenchmarkLog(b *testing.B) {
	for name, open := range testutil.Stores() {
		b.Run(name, func(b *testing.B) {
			benchRecord(b, accesslog.NewLog(records.New(open(b), records.Options{})))
		})
	}
}

// BenchmarkJournal is BenchmarkLog for the journaled Log: a Record waits for the fdatasync of
// its batch only; the entries are stored in the background, and the run ends once all are
// (Close), so the figure includes storing them.
//
//	go test ./internal/access -run '^$' -bench 'Log|Journal'
func BenchmarkJournal(b *testing.B) {
	for name, open := range testutil.Stores() {
		b.Run(name, func(b *testing.B) {
			l, err := accesslog.OpenJournal(context.Background(), records.New(open(b), records.Options{}), b.TempDir(), accesslog.JournalOptions{})
			if err != nil {
				b.Fatal(err)
			}
			benchRecord(b, l)
			if err := l.Close(context.Background()); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(l.JournalSyncs())/float64(b.N), "fsyncs/op")
		})
	}
}

func benchRecord(b *testing.B, log *accesslog.Log) {
	e := accesslog.Event{Interaction: "read", Action: "R", Outcome: accesslog.OutcomeSuccess,
		Principal: &access.Principal{ClientID: "c1", Name: "bench"}, Address: "127.0.0.1",
		What: []string{"CarePlan/c1"}, Patients: []string{"p1"}, When: logTime}
	b.SetParallelism(8)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := log.Record(context.Background(), e); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
