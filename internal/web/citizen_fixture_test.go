package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"veiviser/internal/access"
	"veiviser/internal/coordination"
	"veiviser/internal/coordinators"
	"veiviser/internal/fhir"
	"veiviser/internal/fhirapi"
	"veiviser/internal/i18n"
	"veiviser/internal/intake"
	"veiviser/internal/records"
	"veiviser/internal/server"
	"veiviser/internal/settings"
	"veiviser/internal/signin"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
	"veiviser/internal/web"
)

// t0 is the fixed start of the page tests (a Monday).
var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

const pagePassword = "riktig-hest-batteri"

// town is a small municipality behind the whole server (records with the rules, coordination,
// the web pages, sign-in with real sessions): the unit, a citizen Siri with a relative Per, a
// guardian Gro with her child Ola, a coordinator, the unit lead and Tor, a citizen nobody
// shares anything with.
type town struct {
	t     *testing.T
	url   string
	srv   *httptest.Server
	co    *coordination.Service
	clock *testutil.ManualClock
	who   map[string]*access.Principal // username -> principal, for setting up through coordination
	cat   *i18n.Catalog                // the pages' catalog: Missing lists the texts it lacked
	site  *settings.Service
	st    store.Store // where the accounts are: a test adds users to it
}

func newTown(t *testing.T, st store.Store) *town {
	t.Helper()
	return newTownWith(t, st, st, func(r *coordination.Rules) *coordination.Rules { return r })
}

// newTownWith is newTown with the records kept in recs (st or a wrapper of it) and the rules as
// rules makes them of the defaults.
func newTownWith(t *testing.T, st, recs store.Store, rules func(*coordination.Rules) *coordination.Rules) *town {
	t.Helper()
	clock := testutil.NewClock(t0)
	svc := records.New(recs, records.Options{Clock: clock.Now, Rules: []records.Rule{rules(coordination.NewRules(clock.Now))}})
	co, err := coordination.New(coordination.Options{Records: svc, Clock: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	accounts, err := store.AccountsOf(st)
	if err != nil {
		t.Fatal(err)
	}
	drafts, err := store.DraftsOf(st)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	kept, err := store.SettingsOf(st)
	if err != nil {
		t.Fatal(err)
	}
	site := settings.New(kept, clock.Now, settings.Site{Municipality: "Fjordvik kommune"})
	w, err := web.New(web.Options{Drafts: store.FormDrafts{Drafts: drafts}, Coordination: co, Clock: clock.Now, Municipality: "Fjordvik kommune",
		Users: signin.NewAdmin(accounts, recs, nil), Languages: accounts, Settings: site, Catalog: cat})
	if err != nil {
		t.Fatal(err)
	}
	si, err := signin.New(signin.Options{Accounts: accounts, Pages: w, Clock: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	s, err := server.New(server.Options{Store: st, FHIR: fhirapi.New(svc, fhirapi.Options{}), Web: w, SignIn: si, Registry: prometheus.NewRegistry()})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	tw := &town{t: t, url: ts.URL, srv: ts, co: co, clock: clock, who: map[string]*access.Principal{}, cat: cat, site: site, st: st}
	unit := coordination.DefaultUnit
	for _, js := range []string{
		`{"resourceType":"Organization","id":"` + unit + `","name":"Koordinerende enhet"}`,
		`{"resourceType":"Organization","id":"physio","name":"Fysioterapitjenesten"}`,
		`{"resourceType":"Organization","id":"` + coordination.DefaultOffice + `","name":"Tildelingskontoret"}`,
		`{"resourceType":"Practitioner","id":"s1","name":[{"text":"Sara Saksbehandler"}]}`,
		`{"resourceType":"Patient","id":"p8","identifier":[{"system":"urn:oid:2.16.578.1.12.4.1.4.1","value":"01815010260"}],"name":[{"family":"Papirsen","given":["Inga"]}]}`,
		`{"resourceType":"Patient","id":"p1","name":[{"family":"Testmo","given":["Siri"]}]}`,
		`{"resourceType":"Patient","id":"p2","name":[{"family":"Prøvesen","given":["Tor"]}]}`,
		`{"resourceType":"Patient","id":"p3","name":[{"family":"Eksempel","given":["Gro"]}]}`,
		`{"resourceType":"Patient","id":"c1","name":[{"family":"Eksempel","given":["Ola"]}]}`,
		`{"resourceType":"RelatedPerson","id":"rp1","patient":{"reference":"Patient/p1"},"name":[{"text":"Per Testmo"}],"relationship":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-RoleCode","code":"SIGOTHR"}]}]}`,
		`{"resourceType":"RelatedPerson","id":"g1","patient":{"reference":"Patient/c1"},"name":[{"text":"Gro Eksempel"}],"relationship":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-RoleCode","code":"MTH"}]}]}`,
		`{"resourceType":"Practitioner","id":"lead","name":[{"text":"Lea Leder"}]}`,
		`{"resourceType":"Practitioner","id":"k1","name":[{"text":"Kari Koordinator"}],"telecom":[{"system":"phone","value":"99 00 00 01"},{"system":"email","value":"kari@fjordvik.example"}]}`,
		`{"resourceType":"PractitionerRole","id":"k1-coordinator","active":true,"practitioner":{"reference":"Practitioner/k1"},"organization":{"reference":"Organization/` + unit + `"},"code":[{"coding":[{"system":"https://veiviser.no/fhir/CodeSystem/participant-role","code":"coordinator"}]}]}`,
		`{"resourceType":"Practitioner","id":"f1","name":[{"text":"Frode Fysio"}]}`,
	} {
		r, err := fhir.Parse([]byte(js))
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := svc.Update(context.Background(), r.Type(), r.ID(), r, ""); err != nil {
			t.Fatalf("seeding %s: %v", r.Type(), err)
		}
	}
	tw.user(accounts, signin.NewUser{Username: "siri", Name: "Siri Testmo", Roles: []access.Role{access.Citizen}, PatientID: "p1"})
	tw.user(accounts, signin.NewUser{Username: "tor", Name: "Tor Prøvesen", Roles: []access.Role{access.Citizen}, PatientID: "p2"})
	tw.user(accounts, signin.NewUser{Username: "gro", Name: "Gro Eksempel", Roles: []access.Role{access.Citizen}, PatientID: "p3", RelatedPersonIDs: []string{"g1"}})
	tw.user(accounts, signin.NewUser{Username: "per", Name: "Per Testmo", Roles: []access.Role{access.Relative}, RelatedPersonIDs: []string{"rp1"}})
	tw.user(accounts, signin.NewUser{Username: "lea", Name: "Lea Leder", Roles: []access.Role{access.UnitLead}, PractitionerID: "lead", Units: []string{unit}})
	tw.user(accounts, signin.NewUser{Username: "kari", Name: "Kari Koordinator", Roles: []access.Role{access.Coordinator}, PractitionerID: "k1", Units: []string{unit}})
	return tw
}

func (tw *town) user(accounts store.Accounts, nu signin.NewUser) {
	tw.t.Helper()
	nu.Password = pagePassword
	u, err := signin.AddUser(context.Background(), accounts, nu, t0)
	if err != nil {
		tw.t.Fatalf("AddUser %s: %v", nu.Username, err)
	}
	tw.who[nu.Username] = &access.Principal{UserID: u.ID, Username: u.Username, Roles: nu.Roles, PatientID: nu.PatientID,
		PractitionerID: nu.PractitionerID, RelatedPersonIDs: nu.RelatedPersonIDs, Units: nu.Units}
}

// as is the context of username, for setting up through coordination.
func (tw *town) as(username string) context.Context {
	return access.WithPrincipal(context.Background(), tw.who[username])
}

// withPlan walks Siri from inquiry to a draft plan with Kari as coordinator; it returns the
// plan id.
func (tw *town) withPlan() string {
	t := tw.t
	t.Helper()
	rc, err := tw.co.SubmitInquiry(tw.as("siri"), intake.InquiryInput{Subject: "p1", Need: "Hjelp etter hjerneslag",
		CurrentServices: []string{"fysioterapi", "hjemmesykepleie"}, ProposedCoordinator: "Kari Koordinator"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tw.co.Assess(tw.as("lea"), intake.AssessInput{InquiryID: rc.Inquiry.ID,
		Facts: intake.NeedFacts{LongTerm: true, Services: []string{"fysioterapi", "hjemmesykepleie"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := tw.co.AppointCoordinator(tw.as("lea"), coordinators.AppointInput{Patient: "p1", Coordinator: "Practitioner/k1"}); err != nil {
		t.Fatal(err)
	}
	plan, err := tw.co.OpenPlan(tw.as("kari"), "p1", "Siris plan")
	if err != nil {
		t.Fatal(err)
	}
	return plan.ID
}

// browser is a signed-in person: a cookie jar over real HTTP that does not follow redirects.
type browser struct {
	t  *testing.T
	tw *town
	c  *http.Client
}

// signIn signs username in through the login form.
func (tw *town) signIn(username string) *browser {
	tw.t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		tw.t.Fatal(err)
	}
	b := &browser{t: tw.t, tw: tw, c: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	if res := b.post("/login", url.Values{"username": {username}, "password": {pagePassword}}); res.status != http.StatusSeeOther {
		tw.t.Fatalf("sign-in of %s: %d\n%s", username, res.status, res.body)
	}
	return b
}

type answer struct {
	status int
	header http.Header
	body   string
}

func (b *browser) do(method, path string, form url.Values) answer {
	b.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.tw.url+path, body)
	if err != nil {
		b.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
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

// speaking makes the browser remember lang as its choice of language (the cookie the switch
// sets, "veiviser_lang"), so its pages come in that language only.
func (b *browser) speaking(lang string) *browser {
	b.t.Helper()
	u, err := url.Parse(b.tw.url)
	if err != nil {
		b.t.Fatal(err)
	}
	b.c.Jar.SetCookies(u, []*http.Cookie{{Name: "veiviser_lang", Value: lang, Path: "/"}})
	return b
}

func (b *browser) get(path string) answer { b.t.Helper(); return b.do("GET", path, nil) }
func (b *browser) post(path string, form url.Values) answer {
	b.t.Helper()
	return b.do("POST", path, form)
}

// checkPage checks the status, the one h1 and that it holds h1, and the content.
func checkPage(t *testing.T, got answer, status int, h1 string, contains ...string) {
	t.Helper()
	if got.status != status {
		t.Fatalf("status = %d, want %d\n%s", got.status, status, got.body)
	}
	if n := strings.Count(got.body, "<h1"); n != 1 {
		t.Errorf("page has %d h1 elements, want 1", n)
	}
	if _, after, ok := strings.Cut(got.body, "<h1"); !ok || !strings.Contains(strings.SplitN(after, "</h1>", 2)[0], h1) {
		t.Errorf("h1 lacks %q", h1)
	}
	for _, c := range contains {
		if !strings.Contains(got.body, c) {
			t.Errorf("page lacks %q", c)
		}
	}
	if strings.Contains(got.body, "<script>") || strings.Contains(got.body, " style=") {
		t.Error("page has inline script or style")
	}
}
