package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"veiviser/internal/search"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// The benchmarks follow the care-plan workload (/work/shared/workload.md): a CarePlan of about
// 1.9 kB with the 19 index entries the workload's has; reads and subject searches over 1,000 of
// them; updates that, like the workload's PUT, change the body and none of the entries.
//
//	go test -bench . -benchtime 2s -run '^$' ./internal/store/

func BenchmarkSQLite(b *testing.B) { benchStore(b, testutil.NewSQLite) }

func BenchmarkPostgres(b *testing.B) { benchStore(b, testutil.NewPostgres) }

const benchSeed = 1000

func benchStore(b *testing.B, open func(testing.TB) store.Store) {
	b.Run("create", func(b *testing.B) {
		st := open(b)
		ctx := context.Background()
		var n int
		for b.Loop() {
			n++
			rec, index := carePlan(fmt.Sprintf("new-%d", n), n%benchSeed)
			if err := st.Write(ctx, func(tx store.Tx) error { return tx.Put(ctx, rec, index) }); err != nil {
				b.Fatal(err)
			}
		}
	})
	st := open(b)
	seed(b, st)
	b.Run("create-parallel", func(b *testing.B) { benchCreateParallel(b, st) })
	b.Run("update-parallel", func(b *testing.B) { benchUpdateParallel(b, st) })
	b.Run("read", func(b *testing.B) {
		ctx := context.Background()
		r := rand.New(rand.NewPCG(42, 0))
		for b.Loop() {
			if _, err := st.Get(ctx, "CarePlan", fmt.Sprintf("cp-%d", r.IntN(benchSeed))); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("search", func(b *testing.B) {
		ctx := context.Background()
		r := rand.New(rand.NewPCG(42, 0))
		for b.Loop() {
			searchOne(b, ctx, st, r.IntN(benchSeed))
		}
	})
	b.Run("read-parallel", func(b *testing.B) {
		ctx := context.Background()
		var worker atomic.Uint64
		b.RunParallel(func(pb *testing.PB) {
			r := rand.New(rand.NewPCG(42, worker.Add(1)))
			for pb.Next() {
				if _, err := st.Get(ctx, "CarePlan", fmt.Sprintf("cp-%d", r.IntN(benchSeed))); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
	b.Run("search-parallel", func(b *testing.B) {
		ctx := context.Background()
		var worker atomic.Uint64
		b.RunParallel(func(pb *testing.PB) {
			r := rand.New(rand.NewPCG(42, worker.Add(1)))
			for pb.Next() {
				searchOne(b, ctx, st, r.IntN(benchSeed))
			}
		})
	})
}

// benchCreateParallel is the workload's POST on the store: 16 writers at once, each write reading
// the plan's references (the record layer's reference check) and putting a new CarePlan, so
// SQLite's group commit and the writer's prepared statements are what it measures.
func benchCreateParallel(b *testing.B, st store.Store) {
	ctx := context.Background()
	var n atomic.Int64
	run := rand.Uint64() // the benchmark runs this more than once on one store
	b.SetParallelism(16 / max(1, runtime.GOMAXPROCS(0)))
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := int(n.Add(1))
			// a patient past the seeded ones, so the subject searches still find one plan each
			rec, index := carePlan(fmt.Sprintf("par-%x-%d", run, i), benchSeed+i)
			err := st.Write(ctx, func(tx store.Tx) error {
				for _, ref := range []string{"cp-1", "cp-2", "cp-3", "cp-4"} {
					if _, err := tx.Get(ctx, "CarePlan", ref); err != nil {
						return err
					}
				}
				return tx.Put(ctx, rec, index)
			})
			if err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// benchUpdateParallel is the workload's PUT on the store: 16 writers at once, each reading the
// current version of one of its own seeded plans (no two writers share one, so none conflicts)
// and putting the next with the same entries.
func benchUpdateParallel(b *testing.B, st store.Store) {
	ctx := context.Background()
	var worker atomic.Int64
	par := 16 / max(1, runtime.GOMAXPROCS(0))
	per := benchSeed / (par * runtime.GOMAXPROCS(0))
	b.SetParallelism(par)
	b.RunParallel(func(pb *testing.PB) {
		w := int(worker.Add(1)) - 1
		for i := 0; pb.Next(); i++ {
			k := w*per + i%per
			rec, index := carePlan(fmt.Sprintf("cp-%d", k), k)
			err := st.Write(ctx, func(tx store.Tx) error {
				cur, err := tx.Get(ctx, rec.Type, rec.ID)
				if err != nil {
					return err
				}
				rec.VersionID = cur.VersionID + 1
				return tx.Put(ctx, rec, index)
			})
			if err != nil {
				b.Error(err)
				return
			}
		}
	})
}

func searchOne(b *testing.B, ctx context.Context, st store.Store, i int) {
	q := search.Query{Type: "CarePlan", Clauses: []search.Clause{{Param: "subject", Kind: search.Reference,
		Values: []search.Value{{RefType: "Patient", RefID: fmt.Sprintf("pat-%d", i)}}}}}
	p, err := st.Search(ctx, q)
	if err != nil {
		b.Error(err)
		return
	}
	if len(p.Records) != 1 || p.Records[0].ID != fmt.Sprintf("cp-%d", i) {
		b.Errorf("search pat-%d: %d records", i, len(p.Records))
	}
}

func seed(b *testing.B, st store.Store) {
	b.Helper()
	ctx := context.Background()
	if err := st.Write(ctx, func(tx store.Tx) error {
		for i := range benchSeed {
			rec, index := carePlan(fmt.Sprintf("cp-%d", i), i)
			if err := tx.Put(ctx, rec, index); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		b.Fatal(err)
	}
}

// carePlan is a CarePlan of about 1.9 kB for patient i, with the 19 index entries the fhir
// package extracts from the workload's (three activities with a code, a scheduled period and a
// performer each).
func carePlan(id string, i int) (store.Record, []search.Entry) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	pat := fmt.Sprintf("pat-%d", i)
	codes := [3]string{"185389009", "43396009", "409063005"}
	var acts []string
	for k, code := range codes {
		acts = append(acts, fmt.Sprintf(`{"detail":{"kind":"Appointment","code":{"coding":[{"system":"http://snomed.info/sct","code":%q}]},`+
			`"status":"scheduled","scheduledPeriod":{"start":"2026-%02d-01","end":"2026-%02d-28"},"performer":[{"reference":"Practitioner/pr-%d"}],`+
			`"description":"Follow-up visit with the responsible practitioner, every month."}}`, code, k+2, k+2, (i+k)%30))
	}
	body := fmt.Sprintf(`{"resourceType":"CarePlan","id":%q,"meta":{"versionId":"1","lastUpdated":"2026-01-02T03:04:05.000Z"},`+
		`"status":"active","intent":"plan","title":"Care plan","category":[{"coding":[{"system":"http://snomed.info/sct","code":"734163000"}]}],`+
		`"subject":{"reference":"Patient/%s"},"period":{"start":"2026-01-01","end":"2026-12-31"},"careTeam":[{"reference":"CareTeam/ct-%d"}],`+
		`"goal":[{"reference":"Goal/g-%d-1"},{"reference":"Goal/g-%d-2"},{"reference":"Goal/g-%d-3"}],"activity":[%s]}`,
		id, pat, i, i, i, i, strings.Join(acts, ","))
	rec := store.Record{Type: "CarePlan", ID: id, VersionID: 1, LastUpdated: now, Body: []byte(body)}
	index := []search.Entry{
		{Param: "subject", Kind: search.Reference, RefType: "Patient", RefID: pat},
		{Param: "patient", Kind: search.Reference, RefType: "Patient", RefID: pat},
		{Param: "status", Kind: search.Token, System: "http://hl7.org/fhir/request-status", Code: "active"},
		{Param: "intent", Kind: search.Token, System: "http://hl7.org/fhir/request-intent", Code: "plan"},
		{Param: "category", Kind: search.Token, System: "http://snomed.info/sct", Code: "734163000"},
		{Param: "date", Kind: search.Date, Low: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), High: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)},
		{Param: "care-team", Kind: search.Reference, RefType: "CareTeam", RefID: fmt.Sprintf("ct-%d", i)},
		{Param: "goal", Kind: search.Reference, RefType: "Goal", RefID: fmt.Sprintf("g-%d-1", i)},
		{Param: "goal", Kind: search.Reference, RefType: "Goal", RefID: fmt.Sprintf("g-%d-2", i)},
		{Param: "goal", Kind: search.Reference, RefType: "Goal", RefID: fmt.Sprintf("g-%d-3", i)},
	}
	for k, code := range codes {
		month := time.Month(k + 2)
		index = append(index,
			search.Entry{Param: "activity-code", Kind: search.Token, System: "http://snomed.info/sct", Code: code},
			search.Entry{Param: "activity-date", Kind: search.Date, Low: time.Date(2026, month, 1, 0, 0, 0, 0, time.UTC),
				High: time.Date(2026, month, 29, 0, 0, 0, 0, time.UTC)},
			search.Entry{Param: "performer", Kind: search.Reference, RefType: "Practitioner", RefID: fmt.Sprintf("pr-%d", (i+k)%30)})
	}
	return rec, index
}
