package web_test

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/i18n"
	"veiviser/internal/signin"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// htmlLang is the language a page says it is in.
var htmlLang = regexp.MustCompile(`<html lang="([a-z]+)"`)

func langOf(t *testing.T, a answer) string {
	t.Helper()
	m := htmlLang.FindStringSubmatch(a.body)
	if m == nil {
		t.Fatalf("the page has no <html lang>: %.300s", a.body)
	}
	if got := a.header.Get("Content-Language"); got != m[1] {
		t.Errorf("Content-Language %q, <html lang> %q", got, m[1])
	}
	return m[1]
}

// getWith is a GET with headers, outside the browser's cookies.
func (b *browser) getWith(path string, header ...string) answer {
	b.t.Helper()
	req, err := http.NewRequest("GET", b.tw.url+path, nil)
	if err != nil {
		b.t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
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

// TestLanguageChoice (issue 12): a first visit follows Accept-Language, else the municipality's
// default; the switch on every page remembers the choice on the browser and, signed in, on the
// account, so it follows the person to another browser; a language we do not speak is refused.
func TestLanguageChoice(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		b := tw.anonymous()
		for _, tc := range []struct{ accept, want string }{
			{"", "nb"}, {"nn-NO,nn;q=0.9,en;q=0.5", "nn"}, {"en-GB,en;q=0.9", "en"}, {"sv-SE,da;q=0.8", "nb"},
		} {
			got := b.getWith("/koordinerende-enhet", "Accept-Language", tc.accept)
			if got.status != http.StatusOK || langOf(t, got) != tc.want {
				t.Errorf("Accept-Language %q: %d, lang %q, want %q", tc.accept, got.status, langOf(t, got), tc.want)
			}
			if !strings.Contains(got.body, `action="/language"`) {
				t.Errorf("Accept-Language %q: the page has no language switch", tc.accept)
			}
		}
		got := b.post("/language", url.Values{"lang": {"en"}, "back": {"/koordinerende-enhet?x=1"}})
		if got.status != http.StatusSeeOther || got.header.Get("Location") != "/koordinerende-enhet?x=1" {
			t.Fatalf("choosing English: %d to %q", got.status, got.header.Get("Location"))
		}
		if l := langOf(t, b.getWith("/", "Accept-Language", "nn")); l != "en" {
			t.Errorf("after choosing English the start page is %q: the choice beats the browser's", l)
		}
		if en := b.get("/"); !strings.Contains(en.body, "Sign in") || strings.Contains(en.body, "Logg inn") {
			t.Errorf("the English start page: %.2000s", en.body)
		}
		for _, bad := range []url.Values{{"lang": {"sv"}}, {"lang": {"nb-NO-x"}}, {}} {
			if got := b.post("/language", bad); got.status != http.StatusBadRequest {
				t.Errorf("POST /language %v: %d, want 400", bad, got.status)
			}
		}
		if got := b.post("/language", url.Values{"lang": {"nn"}, "back": {"//evil.example/x"}}); got.header.Get("Location") != "/" {
			t.Errorf("a back to another site went to %q", got.header.Get("Location"))
		}

		siri := tw.signIn("siri")
		if got := siri.post("/language", url.Values{"lang": {"nn"}, "back": {"/citizen"}}); got.status != http.StatusSeeOther {
			t.Fatalf("siri chooses nynorsk: %d", got.status)
		}
		accounts, err := store.AccountsOf(st)
		if err != nil {
			t.Fatal(err)
		}
		if u, _ := accounts.UserByUsername(t.Context(), "siri"); u.Language != "nn" {
			t.Errorf("siri's account keeps %q, want nn", u.Language)
		}
		other := tw.signIn("siri") // another browser: no cookie, an English browser
		if l := langOf(t, other.getWith("/citizen", "Accept-Language", "en")); l != "nn" {
			t.Errorf("siri on another browser sees %q, want her nynorsk", l)
		}
	})
}

// TestDefaultLanguageSetting (issue 12): the administrator sets the municipality's name and its
// default language at /admin/settings; a first visit without Accept-Language is then shown in
// it, with the new name in the header; a refused setting keeps what was typed.
func TestDefaultLanguageSetting(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		accounts, err := store.AccountsOf(st)
		if err != nil {
			t.Fatal(err)
		}
		tw.user(accounts, signin.NewUser{Username: "ada", Name: "Ada Admin", Roles: []access.Role{access.Administrator}})
		ada := tw.signIn("ada")
		checkPage(t, ada.get("/admin/settings"), http.StatusOK, "Innstillinger", `value="Fjordvik kommune"`)
		bad := ada.post("/admin/settings", url.Values{"municipality": {"Fjellvik kommune"}, "email": {"ikke en adresse"}, "language": {"nn"}})
		checkPage(t, bad, http.StatusUnprocessableEntity, "Innstillinger", "E-postadressen er ikke gyldig.", `value="ikke en adresse"`)
		if got := ada.post("/admin/settings", url.Values{"municipality": {"Fjellvik kommune"}, "phone": {"400 10 000"}, "language": {"nn"}}); got.status != http.StatusSeeOther {
			t.Fatalf("saving: %d\n%s", got.status, got.body)
		}
		saved := ada.get("/admin/settings?saved=1")
		// the default is nynorsk now, and Ada chose no language of her own
		checkPage(t, saved, http.StatusOK, "Innstillingar", "Innstillingane er lagra.", `value="400 10 000"`)
		visit := tw.anonymous().get("/")
		if l := langOf(t, visit); l != "nn" || !strings.Contains(visit.body, "Fjellvik kommune") {
			t.Errorf("a first visit after the setting: lang %q, header name there %v", l, strings.Contains(visit.body, "Fjellvik kommune"))
		}
		if got := tw.signIn("kari").get("/admin/settings"); got.status != http.StatusNotFound {
			t.Errorf("a coordinator at /admin/settings: %d, want 404", got.status)
		}
	})
}

// TestEveryPageInEachLanguage (issue 12): each role's pages render in nynorsk and in English
// with the right <html lang>, and every text the Go code gave them is in the catalogs (the
// templates' own texts are checked by TestEveryTextIsTranslated).
func TestEveryPageInEachLanguage(t *testing.T) {
	st := testutil.NewSQLite(t)
	tw := newTown(t, st)
	tw.withUnitStaff(st)
	planID, kari := tw.withConsentedPlan(st) // with the providers
	ip := "/coordinator/plans/" + planID
	kari.mustPost(ip+"/goal", url.Values{"text": {"Gå tur alene"}}, ip+"?saved=goals")
	kari.mustPost(ip+"/measure", url.Values{"title": {"Fysioterapi"}, "provider": {"Organization/physio"}, "responsible": {"Practitioner/f1"}, "scope": {"2 timer per uke"}}, ip+"?saved=measures")
	kari.mustPost(ip+"/participant", url.Values{"who": {"Practitioner/f1"}, "role": {"provider"}, "organization": {"Organization/physio"}}, ip)
	tw.assessTor(tw.torInquiry())
	accounts, err := store.AccountsOf(st)
	if err != nil {
		t.Fatal(err)
	}
	tw.user(accounts, signin.NewUser{Username: "ada", Name: "Ada Admin", Roles: []access.Role{access.Administrator}})
	pages := map[string][]string{
		"":      {"/", "/koordinerende-enhet", "/tjenester", "/tjenester/home-help", "/login", "/no-such-page"},
		"siri":  {"/citizen", "/citizen/plan", "/citizen/coordinator", "/citizen/consent", "/citizen/letters", "/citizen/access-log", "/citizen/my-data", "/citizen/inquiry"},
		"gro":   {"/citizen", "/citizen/consent?for=Patient/c1"},
		"per":   {"/relative", "/relative/plan?for=Patient/p1", "/relative/inquiry"},
		"kari":  {"/coordinator", "/coordinator/citizens/p1", "/coordinator/plans/" + planID, "/coordinator/plans/" + planID + "/log", "/coordinator/plans/" + planID + "/versions", "/emergency"},
		"frode": {"/provider", "/provider/plans/" + planID, "/provider/need-report"},
		"lea":   {"/unit", "/unit/inbox", "/unit/coordinators", "/unit/public-page", "/unit/cases/p2", "/unit/appoint?for=Patient%2Fp2"},
		"ada":   {"/admin", "/admin/users", "/admin/users/new", "/admin/units", "/admin/settings"},
	}
	for _, lang := range []i18n.Lang{i18n.Nynorsk, i18n.English} {
		for user, paths := range pages {
			b := tw.anonymous()
			if user != "" {
				b = tw.signIn(user)
			}
			b.post("/language", url.Values{"lang": {string(lang)}})
			for _, path := range paths {
				got := b.get(path)
				if got.status != http.StatusOK && !(path == "/no-such-page" && got.status == http.StatusNotFound) {
					t.Errorf("%s %s (%s): %d\n%.600s", user, path, lang, got.status, got.body)
					continue
				}
				if l := langOf(t, got); l != string(lang) {
					t.Errorf("%s %s: lang %q, want %q", user, path, l, lang)
				}
			}
		}
	}
	if missing := tw.cat.Missing(); len(missing) > 0 {
		t.Errorf("texts the pages asked for that the catalogs lack:\n%s", strings.Join(missing, "\n"))
	}
}

// TestLetterInTheLanguageTheCitizenChose (issue 12): Tor chose nynorsk on his page; the unit
// lead's preview (in bokmål, her language) shows the letter as Tor will get it, in nynorsk, and
// the letter he reads is in nynorsk only.
func TestLetterInTheLanguageTheCitizenChose(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		tw.withUnitStaff(st)
		tor := tw.signIn("tor")
		tor.post("/language", url.Values{"lang": {"nn"}})
		page := "/unit/inquiries/" + tw.torInquiry()
		lea := tw.signIn("lea")
		answers := url.Values{"long_term": {"yes"}, "services": {"hjemmesykepleie\nfysioterapi"}, "outcome": {"suggested"}, "kind": {"ordinary"},
			"reasons": {"Tor treng hjelp frå fleire tenester."}, "do": {"preview"}}
		preview := lea.post(page, answers)
		if langOf(t, preview) != "nb" || !strings.Contains(preview.body, "Svar på førespurnad til koordinerande eining") {
			t.Errorf("the preview is not Tor's nynorsk letter on Lea's bokmål page:\n%.3000s", preview.body)
		}
		answers.Set("do", "save")
		if got := lea.post(page, answers); got.status != http.StatusOK {
			t.Fatalf("saving the assessment: %d", got.status)
		}
		letters := tor.get("/citizen/letters")
		if !strings.Contains(letters.body, "Du har rett til individuell plan og koordinator") || !strings.Contains(letters.body, "Svar på førespurnad") ||
			strings.Contains(letters.body, "Svar på henvendelse") || strings.Contains(letters.body, "county governor") {
			t.Errorf("Tor's letter is not in nynorsk only:\n%.3000s", letters.body)
		}
	})
}
