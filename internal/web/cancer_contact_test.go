package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

func contactForm() url.Values {
	return url.Values{"name": {"Åse Prøve"}, "phone": {"400 00 000"}, "who": {"ill"}, "about": {"Trøtt etter behandlingen"}, "consent": {"yes"}}
}

// postFrom posts the contact form as a client at addr, straight to the server's handler.
func (tw *town) postFrom(addr string, form url.Values) (int, string) {
	req := httptest.NewRequest("POST", "/kreftkoordinator", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.RemoteAddr = addr + ":40000"
	rec := httptest.NewRecorder()
	tw.srv.Config.Handler.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String()
}

func (tw *town) openContacts() int {
	tw.t.Helper()
	open, err := tw.co.OpenContacts(tw.as("lea"))
	if err != nil {
		tw.t.Fatal(err)
	}
	return len(open)
}

// TestCancerContactForm (issue 15 point 3): the public form needs no sign-in and says when the
// coordinator calls; mistakes come back in the person's language with what was typed kept; a
// sent request gets a receipt with its reference and date and is on the coordinator's list,
// where it is marked answered and leaves; a citizen cannot see the list.
func TestCancerContactForm(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		anon := tw.anonymous()
		checkPage(t, anon.get("/kreftkoordinator"), http.StatusOK, "Kontakt kreftkoordinatoren", "Vi ringer deg innen 2 virkedager.",
			`aria-hidden="true"`, `tabindex="-1" autocomplete="off"`, `name="nettside"`)

		bad := contactForm()
		bad.Del("phone")
		bad.Del("consent")
		got := anon.speaking("en").post("/kreftkoordinator", bad)
		checkPage(t, got, http.StatusUnprocessableEntity, "Contact the cancer coordinator",
			"Write a phone number or an e-mail address so we can reach you.", "Tick the box to let us contact you.", `value="Åse Prøve"`, "Trøtt etter behandlingen")
		got = tw.anonymous().speaking("nn").post("/kreftkoordinator", url.Values{"email": {"ikke en adresse"}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Kontakt kreftkoordinatoren", "Skriv namnet ditt.", "Vel om det gjeld deg sjølv", `value="ikke en adresse"`)
		if n := tw.openContacts(); n != 0 {
			t.Fatalf("%d requests stored from refused forms", n)
		}

		got = tw.anonymous().post("/kreftkoordinator", contactForm())
		// t0 is Monday 2 March 2026: two working days on is Wednesday 4 March
		checkPage(t, got, http.StatusOK, "Vi har fått beskjeden din", "KK-", "Kreftkoordinatoren ringer deg innen 04.03.2026.")
		if n := tw.openContacts(); n != 1 {
			t.Fatalf("%d requests stored, want 1", n)
		}

		hp := contactForm()
		hp.Set("nettside", "http://spam.example")
		checkPage(t, tw.anonymous().post("/kreftkoordinator", hp), http.StatusOK, "Vi har fått beskjeden din", "KK-")
		if n := tw.openContacts(); n != 1 {
			t.Fatalf("the honeypot's request was stored: %d open", n)
		}

		siri := tw.signIn("siri")
		if got := siri.get("/coordinator/contacts"); got.status != http.StatusForbidden && got.status != http.StatusNotFound {
			t.Errorf("a citizen got the contact list: %d", got.status)
		}
		kari := tw.signIn("kari")
		checkPage(t, kari.get("/"), http.StatusOK, "", `href="/coordinator/contacts"`)
		tw.clock.Advance(3 * 24 * time.Hour) // Thursday: past the answer-by date
		kari = tw.signIn("kari")             // the session of Monday has ended
		list := kari.get("/coordinator/contacts")
		checkPage(t, list, http.StatusOK, "Kontaktforespørsler", "Åse Prøve", "400 00 000", `data-testid="late"`)
		open, err := tw.co.OpenContacts(tw.as("kari"))
		if err != nil || len(open) != 1 {
			t.Fatalf("open = %v, %v", open, err)
		}
		path := "/coordinator/contacts/" + open[0].ID + "/answer"
		checkPage(t, kari.post(path, url.Values{"at": {"2026-03-05"}, "note": {"Ringte"}}), http.StatusUnprocessableEntity, "Kontaktforespørsler", "Velg hvordan du svarte.", "Ringte")
		if got := kari.post(path, url.Values{"at": {"2026-03-05"}, "how": {"phone"}, "note": {"Ringte"}}); got.status != http.StatusSeeOther {
			t.Fatalf("answer: %d\n%s", got.status, got.body)
		}
		checkPage(t, kari.get("/coordinator/contacts?answered=1"), http.StatusOK, "Kontaktforespørsler", "Ingen åpne forespørsler.")
		checkPage(t, tw.signIn("lea").get("/"), http.StatusOK, "", `href="/coordinator/contacts"`)
	})
}

// TestCancerContactBurst: 50 concurrent posts from one address: those within the limit are all
// stored and get a receipt, the rest get 429 with the phone advice and what was typed; the count
// stored equals the count of receipts; another address is not blocked.
func TestCancerContactBurst(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		var mu sync.Mutex
		codes := map[int]int{}
		var limited string
		var wg sync.WaitGroup
		for range 50 {
			wg.Go(func() {
				code, body := tw.postFrom("203.0.113.7", contactForm())
				mu.Lock()
				defer mu.Unlock()
				codes[code]++
				if code == http.StatusTooManyRequests {
					limited = body
				}
			})
		}
		wg.Wait()
		if codes[http.StatusOK] == 0 || codes[http.StatusOK]+codes[http.StatusTooManyRequests] != 50 {
			t.Fatalf("answers = %v", codes)
		}
		if n := tw.openContacts(); n != codes[http.StatusOK] {
			t.Errorf("%d stored, %d receipts", n, codes[http.StatusOK])
		}
		for _, want := range []string{"Ingenting ble sendt.", "Ring koordinerende enhet", `value="Åse Prøve"`, "Trøtt etter behandlingen"} {
			if !strings.Contains(limited, want) {
				t.Errorf("the 429 page lacks %q", want)
			}
		}
		if code, body := tw.postFrom("198.51.100.9", contactForm()); code != http.StatusOK {
			t.Errorf("another address: %d\n%s", code, body)
		}
		if n := tw.openContacts(); n != codes[http.StatusOK]+1 {
			t.Errorf("%d stored after another address, want %d", n, codes[http.StatusOK]+1)
		}
	})
}
