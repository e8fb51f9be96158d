package reporting_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"strconv"
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
		want := map[string]reporting.Person{
			"p-astrid": {NIN: nin["p-astrid"], IDType: "FNR", Sex: "2", BirthYear: 1961, Age: 65, Municipality: "5599", Plan: true, Coordinator: true,
				Services: []reporting.GivenService{{Type: "15", Own: "home-nursing", Decision: decisions["p-astrid/home-nursing"], From: day(-48)}},
				Refusals: []reporting.Refusal{{Type: "9", Own: "support-contact", Decision: decisions["p-astrid/support-contact"], Received: day(-62), Refused: day(-50)}}},
			"p-jon": {NIN: nin["p-jon"], IDType: "FNR", Sex: "1", BirthYear: 1944, Age: 82, Municipality: "5599",
				Functions: &reporting.Functions{Assessed: day(0), Scores: []reporting.Variable{{Code: "social-participation", Score: 4}, {Code: "moving-indoors", Score: 2}, {Code: "memory", Score: 5}}},
				Services:  []reporting.GivenService{{Type: "17", Own: "day-care", Decision: decisions["p-jon/day-care"], From: day(7), Hours: "7.50"}}},
		}
		if id, ok := decisions["p-astrid/carer-allowance"]; ok { // the carer allowance her husband gets: 40 hours a month
			a := want["p-astrid"]
			a.Services = append(a.Services, reporting.GivenService{Type: "11", Own: "carer-allowance", Decision: id, From: day(-5), Hours: "10.00"})
			want["p-astrid"] = a
		}
		patientOf := map[string]string{}
		for id, n := range nin {
			patientOf[n] = id
		}
		codes, err := reporting.LoadKPRServices()
		if err != nil {
			t.Fatal(err)
		}
		written := map[string]int{}
		services, refusals := 0, 0
		for i, p := range got.Persons {
			id := patientOf[p.NIN]
			written[id]++
			services, refusals = services+len(p.Services), refusals+len(p.Refusals)
			if i > 0 && got.Persons[i-1].NIN >= p.NIN {
				t.Errorf("the persons are not in the order of their identity numbers at %d", i)
			}
			if w, ok := want[id]; ok {
				fixture.Same(t, id, w, p)
				delete(want, id)
				continue
			}
			// the demo's other people (it grows with the office's work): each element as their decisions say
			checkPerson(t, co, codes, id, p)
		}
		for id := range want {
			t.Errorf("%s is not in the file", id)
		}
		if written["p-olav"] > 0 {
			t.Error("Olav, with an application and scores but no decision, is in the file")
		}
		fixture.Same(t, "summary", reporting.Summary{Persons: len(got.Persons), Services: services, Refusals: refusals, Unmapped: sum.Unmapped}, sum)
		fixture.Same(t, "access-log entries with the report's purpose: one per person written", written, purposeEntries(t, st))
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

// checkPerson checks a person of the file against their signed decisions: each service and
// refusal is one of theirs, coded as the mapping says, with its dates and hours; and the person
// has at least one of them.
func checkPerson(t *testing.T, co *coordination.Service, codes reporting.KPRServices, id string, p reporting.Person) {
	t.Helper()
	ds, err := co.DecisionsOf(access.WithPrincipal(context.Background(), officer), id)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]allocation.Decision{}
	for _, d := range ds {
		byID[d.ID] = d
	}
	if len(p.Services)+len(p.Refusals) == 0 || p.Municipality != "5599" || p.BirthYear == 0 {
		t.Errorf("%s: %+v", id, p)
	}
	for _, s := range p.Services {
		d, ok := byID[s.Decision]
		kpr, _ := codes.Code(d.Code)
		hours := ""
		if h, ok := reporting.HoursPerWeek(d.Scope, d.Unit); ok {
			hours = strconv.FormatFloat(h, 'f', 2, 64)
		}
		if !ok || d.Outcome == allocation.Refused || s.Own != d.Code || s.Type != kpr.KPR || s.From != kernel.DateOnly(d.Start) || s.Hours != hours ||
			d.Status == allocation.Signed && s.To != kernel.DateOnly(d.End) {
			t.Errorf("%s: the service %+v is not as decided: %+v", id, s, d)
		}
	}
	for _, r := range p.Refusals {
		d, ok := byID[r.Decision]
		kpr, _ := codes.Code(d.Code)
		if !ok || d.Outcome != allocation.Refused || r.Type != kpr.KPR || r.Refused != kernel.DateOnly(d.Decided) || r.Received == "" {
			t.Errorf("%s: the refusal %+v is not as decided: %+v", id, r, d)
		}
	}
}
