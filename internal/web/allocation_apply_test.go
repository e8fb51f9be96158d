package web_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/coordination"
	"veiviser/internal/signin"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

var testPDF = []byte("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")

type upload struct {
	name string
	data []byte
}

// sendMultipart posts fields and files as a browser's file form does.
func (b *browser) sendMultipart(path string, fields url.Values, files ...upload) answer {
	b.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			if err := mw.WriteField(k, v); err != nil {
				b.t.Fatal(err)
			}
		}
	}
	for _, f := range files {
		fw, err := mw.CreateFormFile("files", f.name)
		if err != nil {
			b.t.Fatal(err)
		}
		if _, err := fw.Write(f.data); err != nil {
			b.t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		b.t.Fatal(err)
	}
	req, err := http.NewRequest("POST", b.tw.url+path, &buf)
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
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

func (tw *town) caseOfficer() *browser {
	tw.t.Helper()
	accounts, err := store.AccountsOf(tw.st)
	if err != nil {
		tw.t.Fatal(err)
	}
	tw.user(accounts, signin.NewUser{Username: "sara", Name: "Sara Saksbehandler", Roles: []access.Role{access.CaseOfficer},
		PractitionerID: "s1", Units: []string{coordination.DefaultOffice}})
	return tw.signIn("sara")
}

// TestApplyInTheWeb (issue 13, point 2): from the catalogue to the receipt: the citizen applies
// for two services with a PDF; a refused form keeps what was typed; the receipt has the
// reference number; the citizen's list and the office's inbox show it; the officer opens it
// and downloads the file as sent; other roles do not reach the office's pages.
func TestApplyInTheWeb(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		siri := tw.signIn("siri")
		checkPage(t, siri.get("/citizen/apply?service=home-help"), http.StatusOK, "Søk om tjenester",
			`value="home-help" checked`, `name="files"`, `enctype="multipart/form-data"`)

		fields := url.Values{"subject": {"Patient/p1"}, "need": {"Jeg klarer ikke å handle selv."}, "help": {"Naboen handler av og til."}}
		got := siri.sendMultipart("/citizen/apply", fields, upload{"epikrise.pdf", testPDF})
		checkPage(t, got, http.StatusUnprocessableEntity, "Søk om tjenester", "Velg minst én tjeneste", "Jeg klarer ikke å handle selv.")
		fields["services"] = []string{"home-help", "safety-alarm"}
		got = siri.sendMultipart("/citizen/apply", fields, upload{"brev.pdf", []byte("just text")})
		checkPage(t, got, http.StatusUnprocessableEntity, "Søk om tjenester", "brev.pdf er ikke PDF, PNG eller JPEG", "Naboen handler av og til.")

		got = siri.sendMultipart("/citizen/apply", fields, upload{"epikrise.pdf", testPDF})
		checkPage(t, got, http.StatusOK, "Søknaden er mottatt", "TK-2026-00001", "Hjemmehjelp", "Trygghetsalarm")
		checkPage(t, siri.get("/citizen/applications"), http.StatusOK, "Mine søknader", "Søknad TK-2026-00001", "under behandling")
		if page := siri.get("/citizen/apply"); strings.Contains(page.body, "Jeg klarer ikke å handle selv.") {
			t.Error("the draft outlived the application it was sent as")
		}

		sara := tw.caseOfficer()
		inbox := sara.get("/case-officer")
		checkPage(t, inbox, http.StatusOK, "Søknader som venter", "Siri Testmo, TK-2026-00001", "Vedtak eller foreløpig svar innen 02.04.2026")
		checkPage(t, sara.get("/case-officer?service=support-contact"), http.StatusOK, "Søknader som venter", "Ingen søknader venter.")
		app := sara.get("/case-officer/applications/TK-2026-00001")
		checkPage(t, app, http.StatusOK, "Søknad TK-2026-00001", "Jeg klarer ikke å handle selv.", "Naboen handler av og til.", "epikrise.pdf")
		i := strings.Index(app.body, "/case-officer/attachments/")
		if i < 0 {
			t.Fatal("no attachment link")
		}
		link := app.body[i : i+strings.Index(app.body[i:], `"`)]
		file := sara.get(link)
		if file.status != http.StatusOK || file.body != string(testPDF) || file.header.Get("Content-Type") != "application/pdf" ||
			!strings.HasPrefix(file.header.Get("Content-Disposition"), "attachment") {
			t.Errorf("the attachment: %d %q %q", file.status, file.header.Get("Content-Type"), file.header.Get("Content-Disposition"))
		}

		// the officer takes the case; the inbox says whose it is and filters by it
		checkPage(t, inbox, http.StatusOK, "Søknader som venter", "Ingen saksbehandler ennå.")
		sara.mustPost("/case-officer/applications/TK-2026-00001/assign", url.Values{}, "/case-officer/applications/TK-2026-00001?assigned=1")
		checkPage(t, sara.get("/case-officer/applications/TK-2026-00001?assigned=1"), http.StatusOK, "Søknad TK-2026-00001", "Saken er din.")
		checkPage(t, sara.get("/case-officer?officer=me"), http.StatusOK, "Søknader som venter", "Saksbehandler: Sara Saksbehandler.")
		checkPage(t, sara.get("/case-officer?officer=none"), http.StatusOK, "Søknader som venter", "Ingen søknader venter.")

		// one month on, the inbox says the preliminary reply is late
		tw.clock.Set(t0.AddDate(0, 1, 2))
		sara = tw.signIn("sara") // the morning's session has ended
		checkPage(t, sara.get("/case-officer"), http.StatusOK, "Søknader som venter", "1 søknad har passert én måned uten vedtak")
		// Veiviser drafts the reply: a reason to adjust, and a date two weeks after the month
		checkPage(t, sara.get("/case-officer/applications/TK-2026-00001"), http.StatusOK, "Søknad TK-2026-00001",
			"Vi trenger mer tid til å kartlegge behovet ditt.", `value="2026-04-16"`)

		// the preliminary reply: refused without a reason (what was typed kept), then sent; the
		// inbox shows the promise, the citizen reads the letter
		reply := "/case-officer/applications/TK-2026-00001/preliminary-reply"
		checkPage(t, sara.post(reply, url.Values{"_form": {"case-officer-reply/TK-2026-00001"}, "expected": {"2026-05-15"}}),
			http.StatusUnprocessableEntity, "Søknad TK-2026-00001", "Skriv hvorfor saken tar lengre tid.", `value="2026-05-15"`)
		sara.mustPost(reply, url.Values{"_form": {"case-officer-reply/TK-2026-00001"}, "reason": {"Vi venter på uttalelse fra fastlegen."}, "expected": {"2026-05-15"}},
			"/case-officer/applications/TK-2026-00001?replied=1")
		checkPage(t, sara.get("/case-officer"), http.StatusOK, "Søknader som venter", "Foreløpig svar sendt; vedtak lovet innen 15.05.2026.")
		siri = tw.signIn("siri")
		checkPage(t, siri.get("/citizen/letters"), http.StatusOK, "Brev", "Foreløpig svar på søknaden din, saksnummer TK-2026-00001", "Vi venter på uttalelse fra fastlegen.")

		tor := tw.signIn("tor")
		for _, path := range []string{"/case-officer", "/case-officer/applications/TK-2026-00001", link} {
			if got := tor.get(path); got.status != http.StatusNotFound {
				t.Errorf("another citizen at %s: %d", path, got.status)
			}
		}
		if got := tw.signIn("kari").get("/case-officer/applications/TK-2026-00001"); got.status != http.StatusNotFound {
			t.Errorf("a coordinator at the office's application: %d", got.status)
		}
	})
}

// TestApplyForAChildInTheWeb: a guardian chooses the child on the form, and the child's
// application is listed with the guardian's.
func TestApplyForAChildInTheWeb(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		gro := tw.signIn("gro")
		checkPage(t, gro.get("/citizen/apply"), http.StatusOK, "Søk om tjenester", "Ola Eksempel (barn jeg er foresatt for)")
		got := gro.sendMultipart("/citizen/apply", url.Values{"subject": {"Patient/c1"}, "services": {"respite-stay"}, "need": {"Avlastning en helg i måneden."}})
		checkPage(t, got, http.StatusOK, "Søknaden er mottatt", "TK-2026-00001", "Avlastningsopphold")
		checkPage(t, gro.get("/citizen/applications"), http.StatusOK, "Mine søknader", "Søknad TK-2026-00001")
	})
}

// TestPaperApplicationInTheWeb: the office registers a paper application by the citizen's
// national identity number with its date of receipt, which starts the clock; an unknown number
// and a date after today are refused with what was typed kept.
func TestPaperApplicationInTheWeb(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		sara := tw.caseOfficer()
		checkPage(t, sara.get("/case-officer/paper-application"), http.StatusOK, "Registrer papirsøknad", `name="nin"`, `value="2026-03-02"`)
		fields := url.Values{"nin": {"01815010261"}, "received": {"2026-01-20"}, "services": {"home-nursing"}, "need": {"Trenger sårstell hver dag."}}
		checkPage(t, sara.sendMultipart("/case-officer/paper-application", fields), http.StatusUnprocessableEntity, "Registrer papirsøknad",
			"Ingen innbygger med dette fødselsnummeret", "Trenger sårstell hver dag.")
		fields.Set("nin", "01815010260")
		fields.Set("received", "2026-03-03")
		checkPage(t, sara.sendMultipart("/case-officer/paper-application", fields), http.StatusUnprocessableEntity, "Registrer papirsøknad",
			"Mottaksdatoen kan ikke være etter i dag")
		fields.Set("received", "2026-01-20")
		got := sara.sendMultipart("/case-officer/paper-application", fields, upload{"skannet.pdf", testPDF})
		if got.status != http.StatusSeeOther || got.header.Get("Location") != "/case-officer/applications/TK-2026-00001?registered=1" {
			t.Fatalf("registering: %d %q\n%s", got.status, got.header.Get("Location"), got.body)
		}
		checkPage(t, sara.get("/case-officer/applications/TK-2026-00001?registered=1"), http.StatusOK, "Søknad TK-2026-00001",
			"Papirsøknaden er registrert.", "Inga Papirsen", "20.01.2026", "papirsøknad", "(fristen er passert)", "skannet.pdf")
		checkPage(t, sara.get("/case-officer"), http.StatusOK, "Søknader som venter", "1 søknad har passert én måned uten vedtak")
		if got := tw.signIn("siri").get("/case-officer/paper-application"); got.status != http.StatusNotFound {
			t.Errorf("a citizen at the paper form: %d", got.status)
		}
	})
}

// TestApplyAsARelativeInTheWeb: a relative applies on the citizen's behalf only with the
// citizen's consent ticked; without it the form comes back with what was typed.
func TestApplyAsARelativeInTheWeb(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		per := tw.signIn("per")
		checkPage(t, per.get("/relative/apply"), http.StatusOK, "Søk om tjenester", "Siri Testmo (som pårørende)", `action="/relative/apply"`, `name="consent"`)
		fields := url.Values{"subject": {"Patient/p1"}, "services": {"home-help"}, "need": {"Siri trenger hjelp til å handle."}}
		checkPage(t, per.sendMultipart("/relative/apply", fields), http.StatusUnprocessableEntity, "Søk om tjenester",
			"Innbyggeren må ha samtykket", "Siri trenger hjelp til å handle.")
		fields.Set("consent", "yes")
		checkPage(t, per.sendMultipart("/relative/apply", fields), http.StatusOK, "Søknaden er mottatt", "TK-2026-00001", `href="/relative"`)
	})
}

// TestApplyAsAProviderInTheWeb (issue 13, point 2): a service provider applies on a citizen's
// behalf, naming them by national identity number, with the citizen's consent recorded; an
// unknown number is said at its field with what was typed kept.
func TestApplyAsAProviderInTheWeb(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		accounts, err := store.AccountsOf(tw.st)
		if err != nil {
			t.Fatal(err)
		}
		tw.user(accounts, signin.NewUser{Username: "frode", Name: "Frode Fysio", Roles: []access.Role{access.ServiceProvider},
			PractitionerID: "f1", Units: []string{"physio"}})
		frode := tw.signIn("frode")
		checkPage(t, frode.get("/provider/apply"), http.StatusOK, "Søk om tjenester", `name="nationalid"`, `name="consent"`, `action="/provider/apply"`)
		fields := url.Values{"nationalid": {"01015000000"}, "services": {"home-nursing"}, "need": {"Trenger hjelp med sårstell."}, "consent": {"yes"}}
		checkPage(t, frode.sendMultipart("/provider/apply", fields), http.StatusUnprocessableEntity, "Søk om tjenester", "Trenger hjelp med sårstell.")
		fields.Set("nationalid", "01815010260") // Patient p8 of the town
		checkPage(t, frode.sendMultipart("/provider/apply", fields), http.StatusOK, "Søknaden er mottatt", "TK-2026-00001", `href="/provider"`)
		sara := tw.caseOfficer()
		checkPage(t, sara.get("/case-officer/applications/TK-2026-00001"), http.StatusOK, "Søknad TK-2026-00001", "Trenger hjelp med sårstell.")
	})
}
