package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"

	"veiviser/internal/access"
	"veiviser/internal/fhir"
	"veiviser/internal/plan"
	"veiviser/internal/records"
	"veiviser/internal/signin"
	"veiviser/internal/store"
)

// withProviders adds two services and their people to the town: Frode (physiotherapy) and
// Hanne (home nursing), each with a provider's user.
func (tw *town) withProviders(st store.Store) {
	t := tw.t
	t.Helper()
	svc := records.New(st, records.Options{Clock: tw.clock.Now})
	for _, js := range []string{
		`{"resourceType":"Organization","id":"homecare","name":"Hjemmesykepleien"}`,
		`{"resourceType":"Practitioner","id":"h1","name":[{"text":"Hanne Hjemme"}]}`,
		`{"resourceType":"PractitionerRole","id":"f1-physio","active":true,"practitioner":{"reference":"Practitioner/f1"},"organization":{"reference":"Organization/physio"}}`,
		`{"resourceType":"PractitionerRole","id":"h1-homecare","active":true,"practitioner":{"reference":"Practitioner/h1"},"organization":{"reference":"Organization/homecare"}}`,
	} {
		r, err := fhir.Parse([]byte(js))
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := svc.Update(context.Background(), r.Type(), r.ID(), r, ""); err != nil {
			t.Fatalf("seeding %s: %v", r.Type(), err)
		}
	}
	accounts, err := store.AccountsOf(st)
	if err != nil {
		t.Fatal(err)
	}
	tw.user(accounts, signin.NewUser{Username: "frode", Name: "Frode Fysio", Roles: []access.Role{access.ServiceProvider}, PractitionerID: "f1", Units: []string{"physio"}})
	tw.user(accounts, signin.NewUser{Username: "hanne", Name: "Hanne Hjemme", Roles: []access.Role{access.ServiceProvider}, PractitionerID: "h1", Units: []string{"homecare"}})
}

// consentOnPaper is the consent form as Kari fills it in for Siri: a plan, shared with both
// providers (goals and measures) and with Per (everything).
func consentOnPaper() url.Values {
	return url.Values{"given_by": {"Patient/p1"}, "make_plan": {"yes"}, "paper": {"yes"},
		"share":                 {"Practitioner/f1", "Practitioner/h1", "RelatedPerson/rp1"},
		"see:RelatedPerson/rp1": {"all"}, "see:Practitioner/f1": {"measures"}, "see:Practitioner/h1": {"measures"}}
}

// withConsentedPlan is Siri's draft plan with her consent recorded through the page; Kari is
// signed in.
func (tw *town) withConsentedPlan(st store.Store) (planID string, kari *browser) {
	tw.t.Helper()
	tw.withProviders(st)
	planID = tw.withPlan()
	kari = tw.signIn("kari")
	if got := kari.post("/coordinator/citizens/p1/consent", consentOnPaper()); got.status != http.StatusSeeOther {
		tw.t.Fatalf("consent: %d\n%s", got.status, got.body)
	}
	return planID, kari
}

// mustPost posts form and expects the redirect back to the plan's section.
func (b *browser) mustPost(path string, form url.Values, wantLocation string) {
	b.t.Helper()
	got := b.post(path, form)
	if got.status != http.StatusSeeOther || !strings.HasPrefix(got.header.Get("Location"), wantLocation) {
		b.t.Fatalf("POST %s: %d to %q, want 303 to %s\n%s", path, got.status, got.header.Get("Location"), wantLocation, got.body)
	}
}

// planOf reads the plan through coordination, as the coordinator.
func (tw *town) planOf(planID string) plan.IndividualPlan {
	tw.t.Helper()
	v, err := tw.co.Plan(tw.as("kari"), planID)
	if err != nil {
		tw.t.Fatal(err)
	}
	return v.Plan
}

// hx posts form as htmx does (HX-Request), for a section swapped in place.
func (b *browser) hx(path string, form url.Values) answer {
	b.t.Helper()
	req, err := http.NewRequest("POST", b.tw.url+path, strings.NewReader(form.Encode()))
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("HX-Request", "true")
	res, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	all, err := io.ReadAll(res.Body)
	if err != nil {
		b.t.Fatal(err)
	}
	return answer{status: res.StatusCode, header: res.Header, body: string(all)}
}
