package web_test

import (
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// anonymous is a browser nobody has signed in with.
func (tw *town) anonymous() *browser {
	tw.t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		tw.t.Fatal(err)
	}
	return &browser{t: tw.t, tw: tw, c: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// TestPublicUnitPage (issue 12): the start page has a way to sign in and to the unit's page;
// the unit's page is public and shows what the unit lead wrote on it (contact, questions and
// answers); the unit lead's form refuses a wrong e-mail with what was typed kept, and nobody but
// the unit lead has the form.
func TestPublicUnitPage(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		anon := tw.anonymous()
		checkPage(t, anon.get("/"), http.StatusOK, "Veiviser", `href="/login"`, `href="/koordinerende-enhet"`)
		checkPage(t, anon.get("/koordinerende-enhet"), http.StatusOK, "Koordinerende enhet", "Hva er en koordinator?", `href="/citizen/inquiry"`)
		lea := tw.signIn("lea")
		checkPage(t, lea.get("/unit/public-page"), http.StatusOK, "Enhetens side", `name="intro"`, `name="qa-0-question"`)
		bad := url.Values{"intro": {"Vi hjelper deg."}, "email": {"ke at fjordvik"}, "qa-0-question": {"Koster det noe?"}, "qa-0-answer": {"Nei."}}
		got := lea.post("/unit/public-page", bad)
		checkPage(t, got, http.StatusUnprocessableEntity, "Enhetens side", "E-postadressen ser ikke riktig ut", `value="ke at fjordvik"`)
		if page := anon.get("/koordinerende-enhet"); strings.Contains(page.body, "Vi hjelper deg.") {
			t.Error("the refused page was saved")
		}
		good := url.Values{"intro": {"Vi hjelper deg."}, "phone": {"400 10 000"}, "email": {"ke@fjordvik.example"},
			"opening": {"Mandag–fredag 08.00–15.30"}, "qa-0-question": {"Koster det noe?"}, "qa-0-answer": {"Nei, det er gratis."}}
		if got := lea.post("/unit/public-page", good); got.status != http.StatusSeeOther {
			t.Fatalf("saving the page: %d\n%s", got.status, got.body)
		}
		checkPage(t, anon.get("/koordinerende-enhet"), http.StatusOK, "Koordinerende enhet", "Vi hjelper deg.",
			`href="tel:40010000"`, "ke@fjordvik.example", "Mandag–fredag 08.00–15.30", "Koster det noe?", "Nei, det er gratis.")
		// in English the page's own texts are English; what the unit lead wrote stays as written
		en := tw.anonymous()
		u, err := url.Parse(tw.url)
		if err != nil {
			t.Fatal(err)
		}
		en.c.Jar.SetCookies(u, []*http.Cookie{{Name: "veiviser_lang", Value: "en", Path: "/"}})
		got = en.get("/koordinerende-enhet")
		checkPage(t, got, http.StatusOK, "Koordinerende enhet", "What is a coordinator?", "Contact us", "Vi hjelper deg.", "Koster det noe?")
		if strings.Contains(got.body, "Hva er en koordinator?") {
			t.Error("the English public page has the bokmål heading")
		}
		checkPage(t, lea.get("/unit/public-page?saved=1"), http.StatusOK, "Enhetens side", "Siden er lagret", `value="400 10 000"`)
		for _, who := range []string{"kari", "siri"} {
			if got := tw.signIn(who).get("/unit/public-page"); got.status != http.StatusNotFound && got.status != http.StatusForbidden {
				t.Errorf("%s opens the unit lead's form: %d", who, got.status)
			}
		}
	})
}
