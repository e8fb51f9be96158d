package accesslog_test

import (
	"context"
	"fmt"
	"testing"

	"veiviser/internal/accesslog"
	"veiviser/internal/records"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
	"veiviser/internal/testutil/benchcpu"
)

// BenchmarkIngest is what moving journaled read entries into the store costs per entry, in
// transactions of 1,000 as the ingester forms them under load: CPU time (cpu-ns/op) beside wall
// time, since the ingester runs beside the requests on the same cores.
func BenchmarkIngest(b *testing.B) {
	for name, open := range testutil.Stores() {
		b.Run(name, func(b *testing.B) {
			svc := records.New(open(b), records.Options{})
			const batch = 1000
			events := make([]store.New, 0, batch)
			flush := func() {
				if _, err := svc.IngestAuditEvents(context.Background(), events); err != nil {
					b.Fatal(err)
				}
				events = events[:0]
			}
			cpu := benchcpu.Start(b)
			b.ResetTimer()
			for i := range b.N {
				e := readEvent(i, fmt.Sprintf("p%d", i%1000))
				n, ok := e.Prepared(fmt.Sprintf("ae%09d-%d", i, b.N), logTime)
				if !ok {
					b.Fatal("a read's entry is not prepared directly")
				}
				events = append(events, n)
				if len(events) == batch {
					flush()
				}
			}
			if len(events) > 0 {
				flush()
			}
			b.StopTimer()
			cpu.Report()
		})
	}
}

var _ = accesslog.OutcomeSuccess
