package reporting_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/accesslog"
	"veiviser/internal/allocation"
	"veiviser/internal/coordination"
	"veiviser/internal/demo"
	"veiviser/internal/kernel"
	"veiviser/internal/records"
	"veiviser/internal/reporting"
	"veiviser/internal/search"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
	"veiviser/internal/testutil/fixture"
	"veiviser/internal/workflow"
)

// demoDay is the day the demo is loaded for: mid-year, so all its cases fall in one year.
var demoDay = time.Date(2026, 6, 15, 9, 0, 0, 0, time.UTC)

// officer is the demo's case officer (Liv Hammerstad of the allocation office).
var officer = &access.Principal{UserID: "u-saksbehandler", Roles: []access.Role{access.CaseOfficer}, PractitionerID: "s-saksbeh", Units: []string{demo.UnitAlloc}}

// loadDemo loads the demo municipality into st for demoDay, and then, so the report has hours
// and scores to show, assesses Jon's paper application and grants him day care in hours a
// month. It returns the record layer and the office's services.
func loadDemo(t *testing.T, st store.Store) (*records.Service, *coordination.Service) {
	t.Helper()
	ctx := context.Background()
	clock := func() time.Time { return demoDay }
	svc := records.New(st, records.Options{Clock: clock, Rules: []records.Rule{coordination.NewRules(clock).WithUnit(demo.UnitKE)}})
	accounts, err := store.AccountsOf(st)
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Load(ctx, demo.Options{Records: svc, Accounts: accounts, Today: demoDay}); err != nil {
		t.Fatal(err)
	}
	co, err := coordination.New(coordination.Options{Records: svc, Unit: demo.UnitKE, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	as := access.WithPrincipal(ctx, officer)
	apps, err := co.ApplicationsOf(as, "p-jon")
	if err != nil || len(apps) == 0 {
		t.Fatalf("Jon's application: %v", err)
	}
	ref := apps[0].Reference
	if _, err := co.SaveAssessment(as, ref, allocation.Assessment{Facts: "Trenger tilsyn på dagtid.",
		Scores: map[string]int{"memory": 5, "moving-indoors": 2, "social-participation": 4}}); err != nil {
		t.Fatal(err)
	}
	if _, err := co.Decide(as, allocation.DecisionInput{Reference: ref, Service: "day-care", Decision: allocation.Decision{
		Outcome: allocation.Granted, Scope: 30, Unit: allocation.HoursPerMonth, Start: demoDay.AddDate(0, 0, 7), Review: demoDay.AddDate(0, 6, 0),
		Provider: "Organization/" + demo.UnitHome, Reasons: allocation.Reasons{Facts: "Demens; kona trenger avlastning på dagtid.",
			Considerations: "Dagopphold gir ham aktivitet og kona fri."}}}); err != nil {
		t.Fatal(err)
	}
	return svc, co
}

// TestKPRFromTheDemo (issue 14): the year's KPR file of the demo municipality, parsed back, has
// the layout docs/kpr.md documents: Astrid with her home nursing (KPR 15, visits so no hours,
// open-ended) and her refused support contact (KPR 9) with the date her application was
// received, an individual plan and a coordinator; Jon with day care (KPR 17) at 30 hours a
// month = 7.5 a week and his assessment's scores, no plan and no coordinator; nobody else (Olav
// has an application and scores but no decision). Each person written has one access-log entry
// with the report's purpose.
func TestKPRFromTheDemo(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		svc, co := loadDemo(t, st)
		ctx := context.Background()
		wf, err := workflow.New(workflow.Options{Records: svc, Unit: demo.UnitKE, Clock: func() time.Time { return demoDay }})
		if err != nil {
			t.Fatal(err)
		}
		rs, err := reporting.NewService(wf, accesslog.NewLog(svc))
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := rs.KPR(access.WithPrincipal(ctx, officer), 2026, reporting.Header{Municipality: "5599"}); err == nil {
			t.Error("a case officer drew the KPR report; it is the operator's")
		}
		operator := access.WithPrincipal(ctx, &access.Principal{ClientID: "veiviser-report-kpr", Name: "KPR-rapport (test)"})
		f, sum, err := rs.KPR(operator, 2026, reporting.Header{Municipality: "5599", Version: "test", Made: demoDay})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := reporting.WriteXML(&buf, f); err != nil {
			t.Fatal(err)
		}
		var got reporting.File
		if err := xml.Unmarshal(buf.Bytes(), &got); err != nil {
			t.Fatalf("the file does not parse back: %v\n%s", err, buf.String())
		}
		if got.XMLName.Space != reporting.Namespace || got.XMLName.Local != "KPRMelding" || got.Version != reporting.LayoutVersion || got.Year != 2026 {
			t.Errorf("root %v version %q year %d", got.XMLName, got.Version, got.Year)
		}
		fixture.Same(t, "sender", reporting.Sender{Municipality: "5599", System: "Veiviser", Version: "test", From: "2026-01-01", To: "2026-12-31",
			Made: "2026-06-15T09:00:00Z"}, got.Sender)
		nin := nationalIDs(t, st)
		day := func(days int) string { return kernel.DateOnly(demoDay.AddDate(0, 0, days)) }
		decisions := decisionIDs(t, co, "p-astrid", "p-jon")
		want := []reporting.Person{
			{NIN: nin["p-astrid"], IDType: "FNR", Sex: "2", BirthYear: 1961, Age: 65, Municipality: "5599", Plan: true, Coordinator: true,
				Services: []reporting.GivenService{{Type: "15", Own: "home-nursing", Decision: decisions["p-astrid/home-nursing"], From: day(-48)}},
				Refusals: []reporting.Refusal{{Type: "9", Own: "support-contact", Decision: decisions["p-astrid/support-contact"], Received: day(-62), Refused: day(-50)}}},
			{NIN: nin["p-jon"], IDType: "FNR", Sex: "1", BirthYear: 1944, Age: 82, Municipality: "5599",
				Functions: &reporting.Functions{Assessed: day(0), Scores: []reporting.Variable{{Code: "social-participation", Score: 4}, {Code: "moving-indoors", Score: 2}, {Code: "memory", Score: 5}}},
				Services:  []reporting.GivenService{{Type: "17", Own: "day-care", Decision: decisions["p-jon/day-care"], From: day(7), Hours: "7.50"}}},
		}
		if want[0].NIN > want[1].NIN {
			want[0], want[1] = want[1], want[0]
		}
		fixture.Same(t, "persons", want, got.Persons)
		fixture.Same(t, "summary", reporting.Summary{Persons: 2, Services: 2, Refusals: 1, Unmapped: map[string]int{}}, sum)
		for _, p := range got.Persons {
			if p.NIN == nin["p-olav"] {
				t.Error("Olav, with no decision, is in the file")
			}
		}
		entries := purposeEntries(t, st)
		fixture.Same(t, "access-log entries with the report's purpose", map[string]int{"p-astrid": 1, "p-jon": 1}, entries)
	})
}

// nationalIDs are the demo citizens' identity numbers, by Patient id.
func nationalIDs(t *testing.T, st store.Store) map[string]string {
	t.Helper()
	recs, err := store.SearchAll(context.Background(), st, search.Query{Type: "Patient"})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, rec := range recs {
		out[rec.ID] = reporting.CitizenOf(records.Parsed(rec)).NIN
	}
	return out
}

// decisionIDs are the signed decisions of patients, by "patient/service".
func decisionIDs(t *testing.T, co *coordination.Service, patients ...string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, p := range patients {
		ds, err := co.DecisionsOf(access.WithPrincipal(context.Background(), officer), p)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range ds {
			out[p+"/"+d.Code] = d.ID
		}
	}
	return out
}

// purposeEntries counts the access-log entries naming the report's purpose, by citizen.
func purposeEntries(t *testing.T, st store.Store) map[string]int {
	t.Helper()
	recs, err := store.SearchAll(context.Background(), st, search.Query{Type: "AuditEvent"})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, rec := range recs {
		if !strings.Contains(string(rec.Body), reporting.Purpose) {
			continue
		}
		o := records.Parsed(rec).Object()
		for _, e := range kernel.Objects(o, "entity") {
			if ref := kernel.PathString(e, "what", "reference"); strings.HasPrefix(ref, "Patient/") && kernel.PathString(e, "type", "code") == "1" {
				out[kernel.IDOf(ref)]++
			}
		}
	}
	return out
}
