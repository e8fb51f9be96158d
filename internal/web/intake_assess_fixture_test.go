package web_test

import (
	"net/http"
	"net/url"
	"strings"

	"veiviser/internal/access"
	"veiviser/internal/coordination"
	"veiviser/internal/coordinators"
	"veiviser/internal/intake"
	"veiviser/internal/signin"
	"veiviser/internal/store"
)

// withUnitStaff adds to the town a second coordinator in the register, Berit (child and cancer
// coordinator, no cases), and Ulf, the unit lead of another unit (physiotherapy), who is outside
// the coordinating unit.
func (tw *town) withUnitStaff(st store.Store) {
	t := tw.t
	t.Helper()
	berit := coordinators.Coordinator{ID: "Practitioner/b1", Name: "Berit Barnevik", Unit: "Organization/" + coordination.DefaultUnit,
		Kinds: []coordinators.CoordinatorKind{coordinators.KindChild, coordinators.KindCancer}, Active: true, Phone: "99 00 00 02"}
	if _, err := tw.co.SaveCoordinator(tw.as("lea"), berit); err != nil {
		t.Fatal(err)
	}
	accounts, err := store.AccountsOf(st)
	if err != nil {
		t.Fatal(err)
	}
	tw.user(accounts, signin.NewUser{Username: "ulf", Name: "Ulf Utenfor", Roles: []access.Role{access.UnitLead}, PractitionerID: "f1", Units: []string{"physio"}})
}

// torInquiry is Tor's inquiry for himself, proposing Berit; it returns the inquiry's id.
func (tw *town) torInquiry() string {
	tw.t.Helper()
	rc, err := tw.co.SubmitInquiry(tw.as("tor"), intake.InquiryInput{Subject: "p2", Need: "Hjelp hjemme etter ulykken",
		CurrentServices: []string{"hjemmesykepleie", "fysioterapi"}, ProposedCoordinator: "Berit Barnevik"})
	if err != nil {
		tw.t.Fatal(err)
	}
	return rc.Inquiry.ID
}

// assessTor records the assessment of Tor's inquiry through coordination: a plan and an
// ordinary coordinator.
func (tw *town) assessTor(id string) {
	tw.t.Helper()
	if _, err := tw.co.Assess(tw.as("lea"), intake.AssessInput{InquiryID: id,
		Facts: intake.NeedFacts{LongTerm: true, Services: []string{"hjemmesykepleie", "fysioterapi"}}}); err != nil {
		tw.t.Fatal(err)
	}
}

// missing checks that every path answers b as a missing page that does not name Tor.
func missing(b *browser, paths ...string) {
	b.t.Helper()
	for _, path := range paths {
		got := b.get(path)
		checkPage(b.t, got, http.StatusNotFound, "Fant ikke siden")
		if strings.Contains(got.body, "Tor") {
			b.t.Errorf("%s: the missing page names the citizen", path)
		}
	}
}

// leaInEnglish is the unit lead signed in on a browser that chose English (the language cookie
// only: her account keeps no choice, so her other browsers stay in bokmål).
func (tw *town) leaInEnglish() *browser {
	tw.t.Helper()
	b := tw.signIn("lea")
	u, err := url.Parse(tw.url)
	if err != nil {
		tw.t.Fatal(err)
	}
	b.c.Jar.SetCookies(u, []*http.Cookie{{Name: "veiviser_lang", Value: "en", Path: "/"}})
	return b
}
