package coordination

import (
	"context"
	"fmt"
	"testing"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/consent"
	"veiviser/internal/coordinators"
	"veiviser/internal/fhir"
	"veiviser/internal/intake"
	"veiviser/internal/lawdata"
	"veiviser/internal/plan"
	"veiviser/internal/records"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// world is a small municipality for the tests: the unit, a citizen, a relative, a guardian and
// child, a coordinator, a provider and the unit lead, each with a principal.
type world struct {
	t     *testing.T
	svc   *records.Service
	co    *Service
	clock *testutil.ManualClock

	citizen, relative, lead, coordinator, provider, provider2, system *access.Principal
}

var start = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func newWorld(t *testing.T, st store.Store) *world {
	t.Helper()
	return newWorldWith(t, st, nil)
}

// newWorldWith is newWorld with law as the law table of the services and the rules (nil: the
// national table), for a municipality's settings.
func newWorldWith(t *testing.T, st store.Store, law *lawdata.Table) *world {
	t.Helper()
	clock := testutil.NewClock(start)
	n := 0
	newID := func() string { n++; return fmt.Sprintf("id%04d", n) }
	rules := NewRules(clock.Now).WithUnit("ke")
	if law != nil {
		rules = rules.WithLaw(law)
	}
	svc := records.New(st, records.Options{Clock: clock.Now, NewID: newID, Rules: []records.Rule{rules}})
	co, err := New(Options{Records: svc, Clock: clock.Now, NewID: newID, Unit: "ke", Law: law})
	if err != nil {
		t.Fatal(err)
	}
	w := &world{t: t, svc: svc, co: co, clock: clock}
	for _, js := range []string{
		`{"resourceType":"Organization","id":"ke","name":"Koordinerende enhet"}`,
		`{"resourceType":"Organization","id":"physio","name":"Fysioterapitjenesten"}`,
		`{"resourceType":"Organization","id":"homecare","name":"Hjemmesykepleien"}`,
		`{"resourceType":"Patient","id":"p1","name":[{"family":"Testmo","given":["Siri"]}]}`,
		`{"resourceType":"RelatedPerson","id":"rp1","patient":{"reference":"Patient/p1"},"name":[{"text":"Per Testmo"}],"relationship":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-RoleCode","code":"SIGOTHR"}]}]}`,
		`{"resourceType":"Practitioner","id":"lead","name":[{"text":"Lea Leder"}]}`,
		`{"resourceType":"Practitioner","id":"k1","name":[{"text":"Kari Koordinator"}],"telecom":[{"system":"phone","value":"99 00 00 01"}]}`,
		`{"resourceType":"PractitionerRole","id":"k1-coordinator","active":true,"practitioner":{"reference":"Practitioner/k1"},"organization":{"reference":"Organization/ke"},"code":[{"coding":[{"system":"https://veiviser.no/fhir/CodeSystem/participant-role","code":"coordinator"}]}]}`,
		`{"resourceType":"Practitioner","id":"f1","name":[{"text":"Frode Fysio"}]}`,
		`{"resourceType":"Practitioner","id":"h1","name":[{"text":"Hanne Hjemme"}]}`,
	} {
		r, err := fhir.Parse([]byte(js))
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := svc.Update(context.Background(), r.Type(), r.ID(), r, ""); err != nil {
			t.Fatalf("seeding %s: %v", r.Type(), err)
		}
	}
	w.citizen = &access.Principal{UserID: "u1", Roles: []access.Role{access.Citizen}, PatientID: "p1"}
	w.relative = &access.Principal{UserID: "u2", Roles: []access.Role{access.Relative}, RelatedPersonIDs: []string{"rp1"}}
	w.lead = &access.Principal{UserID: "u3", Roles: []access.Role{access.UnitLead}, PractitionerID: "lead", Units: []string{"ke"}}
	w.coordinator = &access.Principal{UserID: "u4", Roles: []access.Role{access.Coordinator}, PractitionerID: "k1", Units: []string{"ke"}}
	w.provider = &access.Principal{UserID: "u5", Roles: []access.Role{access.ServiceProvider}, PractitionerID: "f1", Units: []string{"physio"}}
	w.provider2 = &access.Principal{UserID: "u6", Roles: []access.Role{access.ServiceProvider}, PractitionerID: "h1", Units: []string{"homecare"}}
	w.system = &access.Principal{ClientID: "epj", Scopes: []string{"system/*.*"}}
	return w
}

func as(p *access.Principal) context.Context {
	return access.WithPrincipal(context.Background(), p)
}

// must returns a function that fails the test on err: must[T](t)(call()).
func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// planWithConsent walks from inquiry to a plan with consent, the provider granted measures.
func (w *world) planWithConsent() (care_plan string) {
	t := w.t
	t.Helper()
	rc := must[intake.Receipt](t)(w.co.SubmitInquiry(as(w.citizen), intake.InquiryInput{Subject: "p1", Need: "Trenger hjelp etter hjerneslag",
		CurrentServices: []string{"fysioterapi", "hjemmesykepleie"}, ProposedCoordinator: "Kari Koordinator"}))
	must[intake.AssessResult](t)(w.co.Assess(as(w.lead), intake.AssessInput{InquiryID: rc.Inquiry.ID,
		Facts: careFacts()}))
	must[coordinators.CoordinatorAppointment](t)(w.co.AppointCoordinator(as(w.lead), coordinators.AppointInput{Patient: "p1", Coordinator: "Practitioner/k1"}))
	ip := must[plan.IndividualPlan](t)(w.co.OpenPlan(as(w.coordinator), "p1", "Siris plan"))
	must[consent.Consent](t)(w.co.RecordConsent(as(w.citizen), consentInput()))
	must[plan.IndividualPlan](t)(w.co.AddParticipant(as(w.coordinator), ip.ID, participant()))
	return ip.ID
}
