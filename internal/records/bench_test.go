package records_test

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"veiviser/internal/coordination"
	"veiviser/internal/fhir"
	"veiviser/internal/records"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
	"veiviser/internal/testutil/benchcpu"
)

// BenchmarkWrite is the workload's writes through the record layer with the server's rules
// (/work/shared/workload.md): create is the seed's CarePlan POST, pair the create+update
// scenario's POST then PUT of the returned plan with one activity's status changed, 16 writers
// at once, so SQLite's one writer and its group commit are what it measures. cpu-ns/op is the
// process's CPU per operation, which a shared machine disturbs less than the wall time.
//
//	go test -bench Write -benchtime 2s -run '^$' ./internal/records/
func BenchmarkWrite(b *testing.B) {
	for name, open := range map[string]func(testing.TB) store.Store{"sqlite": testutil.NewSQLite, "postgres": testutil.NewPostgres} {
		b.Run(name, func(b *testing.B) { benchWrite(b, open(b)) })
	}
}

func benchWrite(b *testing.B, st store.Store) {
	{
		svc := records.New(st, records.Options{Rules: []records.Rule{coordination.NewRules(nil)}})
		body := benchPlan(b, svc)
		b.Run("create", func(b *testing.B) {
			parallelWrites(b, func(ctx context.Context) error {
				_, _, err := svc.Create(ctx, mustParseB(b, body), "")
				return err
			})
		})
		b.Run("pair", func(b *testing.B) {
			parallelWrites(b, func(ctx context.Context) error {
				rec, _, err := svc.Create(ctx, mustParseB(b, body), "")
				if err != nil {
					return err
				}
				next := strings.Replace(string(rec.Body), `"status":"scheduled"`, `"status":"in-progress"`, 1)
				_, _, err = svc.Update(ctx, "CarePlan", rec.ID, mustParseB(b, next), "")
				return err
			})
		})
	}
}

// parallelWrites runs write 16 at a time and reports cpu-ns/op.
func parallelWrites(b *testing.B, write func(context.Context) error) {
	b.Helper()
	ctx := context.Background()
	cpu := benchcpu.Start(b)
	b.SetParallelism(16 / max(1, runtime.GOMAXPROCS(0)))
	var failed atomic.Bool
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := write(ctx); err != nil && !failed.Swap(true) {
				b.Error(err)
			}
		}
	})
	cpu.Report()
}

// benchPlan creates what the workload's CarePlan refers to and returns such a plan (about 1.9 kB).
func benchPlan(b *testing.B, svc *records.Service) string {
	b.Helper()
	create := func(body string) string {
		rec, _, err := svc.Create(context.Background(), mustParseB(b, body), "")
		if err != nil {
			b.Fatalf("create %s: %v", body, err)
		}
		return rec.ID
	}
	var pr [3]string
	for k := range pr {
		pr[k] = create(fmt.Sprintf(`{"resourceType":"Practitioner","active":true,"name":[{"family":"Clinician%03d","given":["Alex"]}]}`, k))
	}
	p := create(`{"resourceType":"Patient","active":true,"gender":"female","birthDate":"1960-01-01","name":[{"family":"Bench00001","given":["Pat"]}]}`)
	team := create(fmt.Sprintf(`{"resourceType":"CareTeam","status":"active","name":"Team","subject":{"reference":"Patient/%s"},
		"participant":[{"member":{"reference":"Practitioner/%s"}},{"member":{"reference":"Practitioner/%s"}},{"member":{"reference":"Practitioner/%s"}}]}`,
		p, pr[0], pr[1], pr[2]))
	var goals [3]string
	for k := range goals {
		goals[k] = create(fmt.Sprintf(`{"resourceType":"Goal","lifecycleStatus":"active","description":{"text":"Goal %d"},
			"subject":{"reference":"Patient/%s"},"startDate":"2026-01-01","target":[{"measure":{"coding":[{"system":"http://loinc.org","code":"4548-4"}]},
			"detailQuantity":{"value":7,"unit":"%%","system":"http://unitsofmeasure.org","code":"%%"},"dueDate":"2026-12-31"}]}`, k, p))
	}
	var acts []string
	for k, a := range [][3]string{{"Appointment", "185389009", "scheduled"}, {"ServiceRequest", "43396009", "not-started"},
		{"Task", "409063005", "not-started"}} {
		acts = append(acts, fmt.Sprintf(`{"detail":{"kind":%q,"code":{"coding":[{"system":"http://snomed.info/sct","code":%q,"display":"Activity %d"}]},
			"status":%q,"scheduledPeriod":{"start":"2026-0%d-01","end":"2026-0%d-28"},"performer":[{"reference":"Practitioner/%s"}],
			"goal":[{"reference":"Goal/%s"}],"description":"A description of activity %d of the plan"}}`, a[0], a[1], k, a[2], k+2, k+2, pr[k], goals[k], k))
	}
	return fmt.Sprintf(`{"resourceType":"CarePlan","status":"active","intent":"plan","title":"Follow-up care plan",
		"category":[{"coding":[{"system":"http://snomed.info/sct","code":"734163000","display":"Care plan"}]}],
		"subject":{"reference":"Patient/%s"},"period":{"start":"2026-01-01","end":"2026-12-31"},"careTeam":[{"reference":"CareTeam/%s"}],
		"goal":[{"reference":"Goal/%s"},{"reference":"Goal/%s"},{"reference":"Goal/%s"}],"activity":[%s]}`,
		p, team, goals[0], goals[1], goals[2], strings.Join(acts, ","))
}

func mustParseB(b *testing.B, s string) *fhir.Resource {
	b.Helper()
	r, err := fhir.Parse([]byte(s))
	if err != nil {
		b.Fatalf("parse: %v", err)
	}
	return r
}
