package bench

import (
	"context"
	"net/http"
	"testing"

	"veiviser/internal/testutil/benchcpu"
)

// BenchmarkClientRead is the load generator's own cost per read against the bare handler (which
// runs in the same process, so the figure is the pair's): what the machine spends on the client
// side of every measured request.
func BenchmarkClientRead(b *testing.B) {
	pool := make([]string, 30)
	srv, err := startBaseline(carePlan(0, "Care plan for patient 00000", "p", "ct", [3]string{"g1", "g2", "g3"}, pool))
	if err != nil {
		b.Fatal(err)
	}
	defer srv.close()
	c := newClient(srv.url, "token", 16)
	b.ReportAllocs()
	b.SetParallelism(8) // 16 goroutines on 2 cores, as the workload's workers
	defer benchcpu.Start(b).Report()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			r, err := c.do(context.Background(), http.MethodGet, "CarePlan/x", nil)
			if err != nil || r.status != http.StatusOK || len(r.body) < 1000 {
				b.Fatalf("read: %v, status %d, %d bytes", err, r.status, len(r.body))
			}
		}
	})
}
