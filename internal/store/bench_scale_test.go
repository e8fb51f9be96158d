package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"veiviser/internal/search"
	"veiviser/internal/testutil/benchcpu"
)

// BenchmarkScale reads and searches CarePlans 16 at a time in stores of 1,000 and (with
// VEIVISER_BENCH_SCALE=100000) more plans of the workload's size, with each reader connection's
// page cache at the store's 8 MB and at 64 MB, and while a writer commits every millisecond
// (a commit makes every reader drop its page cache), reporting CPU per operation.
//
//	VEIVISER_BENCH_SCALE=100000 go test ./internal/store -run '^$' -bench Scale -benchtime 20000x
func BenchmarkScale(b *testing.B) {
	sizes := []int{1000}
	if n, err := strconv.Atoi(os.Getenv("VEIVISER_BENCH_SCALE")); err == nil && n > 1000 {
		sizes = append(sizes, n)
	}
	for _, n := range sizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			s, err := Open(context.Background(), Config{DataDir: b.TempDir()})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			st := s.(*sqlStore)
			seedPlans(b, st, n, 1800)
			for _, cacheKB := range []int{8000, 65536} {
				setReaderCache(b, st.p.read, cacheKB)
				for _, writes := range []bool{false, true} {
					name := fmt.Sprintf("cache-%dMB/writes-%v", cacheKB/1000, writes)
					b.Run(name+"/read", func(b *testing.B) {
						scaleRun(b, st, n, writes, func(ctx context.Context, i int) error {
							_, err := st.Get(ctx, "CarePlan", "cp-"+strconv.Itoa(i))
							return err
						})
					})
					b.Run(name+"/search", func(b *testing.B) {
						scaleRun(b, st, n, writes, func(ctx context.Context, i int) error {
							p, err := st.Search(ctx, search.Query{Type: "CarePlan", Clauses: []search.Clause{{Param: "subject",
								Kind: search.Reference, Values: []search.Value{{RefType: "Patient", RefID: "p-" + strconv.Itoa(i)}}}}})
							if err == nil && len(p.Records) != 1 {
								err = fmt.Errorf("p-%d: %d plans", i, len(p.Records))
							}
							return err
						})
					})
				}
			}
		})
	}
}

// setReaderCache sets cache_size on every reader connection (the pool keeps them all idle).
func setReaderCache(b *testing.B, db *sql.DB, kb int) {
	b.Helper()
	ctx := context.Background()
	var conns []*sql.Conn
	for range db.Stats().MaxOpenConnections {
		c, err := db.Conn(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size(-%d)", kb)); err != nil {
			b.Fatal(err)
		}
		conns = append(conns, c)
	}
	for _, c := range conns {
		_ = c.Close()
	}
}

func scaleRun(b *testing.B, st *sqlStore, n int, writes bool, op func(ctx context.Context, i int) error) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if writes {
		done := make(chan struct{})
		defer func() { cancel(); <-done }()
		go func() {
			defer close(done)
			for k := 0; ctx.Err() == nil; k++ {
				_ = st.Write(context.Background(), func(tx Tx) error {
					return tx.Append(context.Background(), []New{{Record: Record{Type: "Basic",
						ID: fmt.Sprintf("w-%d-%d", time.Now().UnixNano(), k), VersionID: 1, LastUpdated: time.Now(), Body: []byte(`{"resourceType":"Basic"}`)}}})
				})
				time.Sleep(time.Millisecond)
			}
		}()
	}
	var worker atomic.Uint64
	cpu := benchcpu.Start(b)
	b.SetParallelism(8)
	b.RunParallel(func(pb *testing.PB) {
		r := rand.New(rand.NewPCG(42, worker.Add(1)))
		for pb.Next() {
			if err := op(ctx, r.IntN(n)); err != nil {
				b.Error(err)
				return
			}
		}
	})
	cpu.Report()
}
