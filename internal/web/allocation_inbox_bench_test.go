package web_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"veiviser/internal/access"
	"veiviser/internal/accesslog"
	"veiviser/internal/allocation"
	"veiviser/internal/coordination"
	"veiviser/internal/fhir"
	"veiviser/internal/fhirapi"
	"veiviser/internal/i18n"
	"veiviser/internal/kernel"
	"veiviser/internal/messages"
	"veiviser/internal/records"
	"veiviser/internal/server"
	"veiviser/internal/settings"
	"veiviser/internal/signin"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
	"veiviser/internal/testutil/benchcpu"
	"veiviser/internal/web"
)

// BenchmarkOfficeInbox measures the case officer's start page, GET /case-officer, through the
// whole server's handler (session cookie, middleware, the inbox, the template) with the access
// log journaled as `veiviser serve` has it, for an office with 500 and with 5,000 open
// applications (issue 13: "the inbox of an office with 5,000 open cases renders in a
// benchmark"), on SQLite and, when VEIVISER_TEST_POSTGRES_URL is set, PostgreSQL. Each size is
// seeded once, straight through the record layer in transactions of 500 records (then, on
// PostgreSQL, ANALYZE); the ordinary tests never seed it (benchmarks run only with -bench).
//
//	go test -run '^$' -bench OfficeInbox -benchtime 5x -benchmem ./internal/web/
//
// "all" is the whole inbox, "mine" the officer's own cases (?officer=me, about a fifteenth of
// them). The ratio to read is 5000/all against 500/all of the same run. ns/op is the page until
// it is answered, its access log entries durable in the journal; storing them in the database
// is the journal's background work, waited for between pages off the clock (a page never waits
// for the previous one's), and counted in cpu-ns/op (the whole process's CPU per page) beside it.
func BenchmarkOfficeInbox(b *testing.B) {
	for _, name := range []string{"sqlite", "postgres"} {
		for _, n := range []int{500, 5000} {
			b.Run(fmt.Sprintf("%s/%d", name, n), func(b *testing.B) {
				st, analyze := openInboxStore(b, name)
				ib := newInboxBench(b, st, analyze, n)
				b.Run("all", func(b *testing.B) { ib.run(b, "/case-officer", n) })
				b.Run("mine", func(b *testing.B) { ib.run(b, "/case-officer?officer=me", -1) })
			})
		}
	}
}

// inboxBench is a server with an office of n open applications and its case officer signed in.
type inboxBench struct {
	h      http.Handler
	cookie []*http.Cookie
	log    *accesslog.Log
	st     store.Store
}

// inboxNow is the benchmark's fixed time; applications were received over the 70 days before.
var inboxNow = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// inboxOfficers are the office's case officers; s1 is the one signed in.
const inboxOfficers = 5

// openInboxStore opens a new store of the kind named and what brings the database's planner
// statistics up to date after the seed: on PostgreSQL, ANALYZE of the schema's tables (what
// autovacuum does within a minute of a bulk load, docs/operations.md); SQLite's planner uses
// none, so nothing.
func openInboxStore(b *testing.B, name string) (store.Store, func()) {
	b.Helper()
	if name != "postgres" {
		return testutil.NewSQLite(b), func() {}
	}
	u := testutil.PostgresURL(b) // skips without VEIVISER_TEST_POSTGRES_URL; drops the schema at cleanup
	st, err := store.Open(context.Background(), store.Config{DatabaseURL: u})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		if err := st.Close(); err != nil {
			b.Errorf("closing the store: %v", err)
		}
	})
	return st, func() {
		db, err := sql.Open("pgx", u) // the URL names the schema (search_path)
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec("ANALYZE resources, resource_versions, search_token, search_string, search_reference, search_date, search_number"); err != nil {
			b.Fatalf("ANALYZE: %v", err)
		}
	}
}

func newInboxBench(b *testing.B, st store.Store, analyze func(), n int) *inboxBench {
	b.Helper()
	ctx := context.Background()
	clock := func() time.Time { return inboxNow }
	// the read log as `veiviser serve` opens it: a journal of its own record layer
	readLog, err := accesslog.OpenJournal(ctx, records.New(st, records.Options{Clock: clock}), filepath.Join(b.TempDir(), "access-log"), accesslog.JournalOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		if err := readLog.Close(context.Background()); err != nil {
			b.Errorf("closing the access log: %v", err)
		}
	})
	svc := records.New(st, records.Options{Clock: clock, Rules: []records.Rule{coordination.NewRules(clock)}, BeforeAuditRead: readLog.Barrier})
	co, err := coordination.New(coordination.Options{Records: svc, Clock: clock, Log: readLog})
	if err != nil {
		b.Fatal(err)
	}
	accounts, err := store.AccountsOf(st)
	if err != nil {
		b.Fatal(err)
	}
	drafts, err := store.DraftsOf(st)
	if err != nil {
		b.Fatal(err)
	}
	kept, err := store.SettingsOf(st)
	if err != nil {
		b.Fatal(err)
	}
	cat, err := i18n.Load()
	if err != nil {
		b.Fatal(err)
	}
	w, err := web.New(web.Options{Drafts: store.FormDrafts{Drafts: drafts}, Coordination: co, Clock: clock, Municipality: "Fjordvik kommune",
		Users: signin.NewAdmin(accounts, svc.Store(), nil), Languages: accounts, Catalog: cat,
		Settings: settings.New(kept, clock, settings.Site{Municipality: "Fjordvik kommune"})})
	if err != nil {
		b.Fatal(err)
	}
	si, err := signin.New(signin.Options{Accounts: accounts, Pages: w, Clock: clock})
	if err != nil {
		b.Fatal(err)
	}
	s, err := server.New(server.Options{Store: st, FHIR: fhirapi.New(svc, fhirapi.Options{}), Web: w, SignIn: si, Registry: prometheus.NewRegistry()})
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	seedInbox(b, st, clock, n)
	analyze()
	b.Logf("seeded %d open applications in %v", n, time.Since(start).Round(time.Millisecond))
	if _, err := signin.AddUser(ctx, accounts, signin.NewUser{Username: "sara", Name: "Sara Saksbehandler", Password: pagePassword,
		Roles: []access.Role{access.CaseOfficer}, PractitionerID: "s1", Units: []string{coordination.DefaultOffice}}, inboxNow); err != nil {
		b.Fatal(err)
	}
	ib := &inboxBench{h: s.Handler(), log: readLog, st: st}
	req := httptest.NewRequest("POST", "/login", strings.NewReader(url.Values{"username": {"sara"}, "password": {pagePassword}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	ib.h.ServeHTTP(rec, req)
	if rec.Code != http.StatusSeeOther {
		b.Fatalf("sign-in: %d\n%s", rec.Code, rec.Body)
	}
	ib.cookie = rec.Result().Cookies()
	return ib
}

// run measures GET path; want is the rows the page must list (-1: any).
func (ib *inboxBench) run(b *testing.B, path string, want int) {
	ctx, cancel := context.WithCancel(context.Background()) // as net/http's request contexts are
	defer cancel()
	get := func() *httptest.ResponseRecorder {
		req := httptest.NewRequestWithContext(ctx, "GET", path, nil)
		for _, c := range ib.cookie {
			req.AddCookie(c)
		}
		rec := httptest.NewRecorder()
		ib.h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("GET %s: %d\n%.2000s", path, rec.Code, rec.Body)
		}
		return rec
	}
	drain := func() {
		if err := ib.log.Barrier(ctx); err != nil {
			b.Fatal(err)
		}
	}
	entries := func() int {
		drain()
		found, err := records.Find(ctx, ib.st, "AuditEvent", "subtype", "read")
		if err != nil {
			b.Fatal(err)
		}
		return len(found)
	}
	logged := entries()
	first := get()
	rows := strings.Count(first.Body.String(), `<li class="ds-card">`)
	if want >= 0 && rows != want {
		b.Fatalf("GET %s lists %d applications, want %d", path, rows, want)
	}
	if logged = entries() - logged; logged != rows { // each application is a citizen's own
		b.Fatalf("GET %s logged %d reads for %d citizens", path, logged, rows)
	}
	b.ReportAllocs()
	cpu := benchcpu.Start(b)
	for b.Loop() {
		get()
		// the page's entries are durable in the journal when it answers; storing them in the
		// database is the ingester's background work, done before the next page (off the clock,
		// but in cpu-ns/op), so a page never waits for the previous one's
		b.StopTimer()
		drain()
		b.StartTimer()
	}
	cpu.Report()
	b.ReportMetric(float64(rows), "rows/op")
	b.ReportMetric(float64(first.Body.Len()), "bytes/page")
}

// seedInbox writes an office with n open applications, each for a citizen of its own: the
// office, its officers, the citizens, each application's one or two ServiceRequests received on
// one of the 70 days before inboxNow; a third of them with a case held by an officer, and a
// quarter of those past three weeks with a preliminary reply sent (its letter and promised
// date). It writes through a record layer without the rules, as a migration would, in
// transactions of about 500 records.
func seedInbox(b *testing.B, st store.Store, clock func() time.Time, n int) {
	b.Helper()
	svc := records.New(st, records.Options{Clock: clock})
	var batch []*fhir.Resource
	flush := func() {
		if len(batch) == 0 {
			return
		}
		entries := make([]any, len(batch))
		for i, r := range batch {
			entries[i] = map[string]any{"resource": json.RawMessage(r.Bytes()), "request": map[string]any{"method": "PUT", "url": r.Type() + "/" + r.ID()}}
		}
		body, err := json.Marshal(map[string]any{"resourceType": "Bundle", "type": "transaction", "entry": entries})
		if err != nil {
			b.Fatal(err)
		}
		bundle, err := fhir.Parse(body)
		if err != nil {
			b.Fatal(err)
		}
		res, err := svc.Bundle(context.Background(), bundle)
		if err != nil {
			b.Fatalf("seeding: %v", err)
		}
		for _, e := range res.Entries {
			if e.Err != nil {
				b.Fatalf("seeding: %v", e.Err)
			}
		}
		batch = batch[:0]
	}
	add := func(rs ...*fhir.Resource) {
		batch = append(batch, rs...)
		if len(batch) >= 500 {
			flush()
		}
	}
	parse := func(js string) *fhir.Resource {
		r, err := fhir.Parse([]byte(js))
		if err != nil {
			b.Fatal(err)
		}
		return r
	}
	office := coordination.DefaultOffice
	add(parse(`{"resourceType":"Organization","id":"` + office + `","name":"Tildelingskontoret"}`))
	officers := []string{"Sara Saksbehandler", "Siv Signerer", "Ole Olsen", "Kim Karlsen", "Ada Aas"}
	for i := range inboxOfficers {
		add(parse(fmt.Sprintf(`{"resourceType":"Practitioner","id":"s%d","name":[{"text":%q}]}`, i+1, officers[i])))
	}
	flush()
	families := []string{"Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen", "Karlsen"}
	given := []string{"Siri", "Tor", "Emma", "Ola", "Nora", "Jakob", "Ingrid", "Lars", "Kari", "Per", "Sofie"}
	codes := []string{"home-help", "safety-alarm", "support-contact", "day-care", "home-nursing", "practical-assistance", "respite-stay", "short-term-stay"}
	for i := range n {
		patient := fmt.Sprintf("bp%05d", i)
		add(parse(fmt.Sprintf(`{"resourceType":"Patient","id":%q,"name":[{"family":%q,"given":[%q]}],"birthDate":"%d-0%d-1%d"}`,
			patient, families[i%len(families)], given[i%len(given)], 1930+i%80, 1+i%9, i%10)))
		received := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC).AddDate(0, 0, -1-(i*7)%70)
		a := allocation.Application{Reference: allocation.ApplicationReference(received, i+1), Subject: "Patient/" + patient,
			Sender: "Patient/" + patient, Source: allocation.FromCitizen, Received: received,
			Need: "Jeg trenger hjelp i hverdagen etter et fall.", CurrentHelp: "Naboen handler av og til."}
		a.Services = append(a.Services, allocation.Applied{ID: fmt.Sprintf("bsr%05d-1", i), Code: codes[i%len(codes)], Status: allocation.Waiting})
		if i%2 == 1 {
			a.Services = append(a.Services, allocation.Applied{ID: fmt.Sprintf("bsr%05d-2", i), Code: codes[(i+3)%len(codes)], Status: allocation.Waiting})
		}
		add(allocation.ApplicationToFHIR(a, office)...)
		if i%3 != 0 {
			continue
		}
		as := allocation.Assignment{Reference: a.Reference, Subject: a.Subject, Officer: fmt.Sprintf("Practitioner/s%d", 1+(i/3)%inboxOfficers),
			Office: office, Since: kernel.DateTime(received.AddDate(0, 0, 1))}
		for _, sv := range a.Services {
			as.Services = append(as.Services, sv.ID)
		}
		if kernel.DaysBetween(received, inboxNow) > 21 && (i/3)%4 == 0 {
			letter := messages.Message{ID: fmt.Sprintf("bletter%05d", i), Patient: a.Subject, From: kernel.Ref("Organization", office),
				To: []string{a.Subject}, Sent: received.AddDate(0, 0, 21), Text: "Foreløpig svar\n\nVi trenger mer tid."}
			as.ReplyExpected, as.ReplyLetter = inboxNow.AddDate(0, 1, 0), "Communication/"+letter.ID
			add(messages.MessageToFHIR(letter))
		}
		add(allocation.AssignmentToFHIR(as))
	}
	flush()
}
