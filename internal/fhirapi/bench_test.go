package fhirapi_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"veiviser/internal/fhir"
	"veiviser/internal/fhirapi"
	"veiviser/internal/oauth"
	"veiviser/internal/records"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
	"veiviser/internal/testutil/benchcpu"
)

// BenchmarkAPI measures read, search, create and update through the handler (no network), with
// the access log on (each read and search waits for its entry's commit, each write stores its
// entry in its transaction) and gzip as the workload's clients ask for it, on SQLite and, when
// VEIVISER_TEST_POSTGRES_URL is set, PostgreSQL. The data is the workload's care bundle shape for a few patients.
//
// The "-unlogged" stores run read and search with a log that stores nothing (noLog), so what
// they measure is the rest of the request's path (token, need-to-know, store, bundle, gzip)
// without the access log's commit, which dominates the logged figures; the -parallel variants
// run 16 requests at once as the workload does.
func BenchmarkAPI(b *testing.B) {
	for _, name := range []string{"sqlite", "postgres"} {
		b.Run(name, func(b *testing.B) {
			benchAPI(b, testutil.Stores()[name](b), nil)
		})
		b.Run(name+"-unlogged", func(b *testing.B) {
			benchAPI(b, testutil.Stores()[name](b), noLog{})
		})
	}
}

func benchAPI(b *testing.B, st store.Store, log fhirapi.ReadLog) {
	svc := records.New(st, records.Options{})
	auth, err := oauth.New(st, oauth.Options{})
	if err != nil {
		b.Fatal(err)
	}
	api := fhirapi.New(svc, fhirapi.Options{BaseURL: "http://localhost/fhir/R4", Auth: auth, ReadLog: log})
	tokens := httptest.NewServer(auth.TokenHandler())
	defer tokens.Close()
	bearer := "Bearer " + testutil.Token(b, st, tokens.URL, "system/*.*")
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Header.Set("Authorization", bearer)
		api.ServeHTTP(w, r)
	})
	ctx, cancel := context.WithCancel(context.Background()) // as net/http's request contexts are
	defer cancel()
	serve := func(method, path, body string, want int) *httptest.ResponseRecorder {
		b.Helper()
		var req *http.Request
		if body != "" {
			req = httptest.NewRequestWithContext(ctx, method, path, strings.NewReader(body))
			req.Header.Set("Content-Type", "application/fhir+json")
		} else {
			req = httptest.NewRequestWithContext(ctx, method, path, nil)
		}
		req.Header.Set("Accept-Encoding", "gzip")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != want {
			b.Errorf("%s %s: %d %s", method, path, w.Code, w.Body)
		}
		return w
	}
	createID := func(typ, body string) string {
		req := httptest.NewRequest("POST", "/"+typ, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/fhir+json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		o, err := fhir.ParseObject(w.Body.Bytes())
		if w.Code != http.StatusCreated || err != nil {
			b.Fatalf("create %s: %d %s", typ, w.Code, w.Body)
		}
		id, _ := o.String("id")
		return id
	}
	var patients, plans []string
	pr := createID("Practitioner", practitionerJSON)
	var goal, team string
	for i := range 50 {
		p := createID("Patient", `{"resourceType":"Patient","name":[{"family":"Bench`+strings.Repeat("x", i%5)+`"}],"birthDate":"1970-01-01"}`)
		goal = createID("Goal", goalJSON(p, "active"))
		team = createID("CareTeam", careTeamJSON(p, pr))
		patients = append(patients, p)
		plans = append(plans, createID("CarePlan", carePlanJSON(p, team, goal, "active")))
	}
	b.Run("read", func(b *testing.B) {
		defer reportCPU(b)()
		i := 0
		for b.Loop() {
			serve("GET", "/CarePlan/"+plans[i%len(plans)], "", http.StatusOK)
			i++
		}
	})
	b.Run("search", func(b *testing.B) {
		defer reportCPU(b)()
		i := 0
		for b.Loop() {
			serve("GET", "/CarePlan?subject=Patient/"+patients[i%len(patients)], "", http.StatusOK)
			i++
		}
	})
	parallel := func(b *testing.B, path func(i int) string) {
		defer reportCPU(b)()
		b.SetParallelism(16 / max(1, runtime.GOMAXPROCS(0)))
		var worker atomic.Int64
		b.RunParallel(func(pb *testing.PB) {
			i := int(worker.Add(1)) * 7
			for pb.Next() {
				serve("GET", path(i), "", http.StatusOK)
				i++
			}
		})
	}
	b.Run("read-parallel", func(b *testing.B) {
		parallel(b, func(i int) string { return "/CarePlan/" + plans[i%len(plans)] })
	})
	b.Run("search-parallel", func(b *testing.B) {
		parallel(b, func(i int) string { return "/CarePlan?subject=Patient/" + patients[i%len(patients)] })
	})
	if log != nil {
		return // writes log in their own transaction whatever the read log is
	}
	body := carePlanJSON(patients[0], team, goal, "active")
	b.Run("create", func(b *testing.B) {
		for b.Loop() {
			serve("POST", "/CarePlan", body, http.StatusCreated)
		}
	})
	id := createID("CarePlan", body)
	updated := strings.Replace(body, `{"resourceType":"CarePlan"`, `{"resourceType":"CarePlan","id":"`+id+`"`, 1)
	b.Run("update", func(b *testing.B) {
		for b.Loop() {
			serve("PUT", "/CarePlan/"+id, updated, http.StatusOK)
		}
	})
}

// reportCPU reports the process's CPU time per operation (user and system, every goroutine), which
// a machine shared with other work disturbs less than the wall time per operation:
// defer reportCPU(b)().
func reportCPU(b *testing.B) func() { return benchcpu.Start(b).Report }
