package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/fhir"
	"veiviser/internal/records"
	"veiviser/internal/signin"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// torFNR is Tor's synthetic national identity number (it passes internal/fhir's check).
const torFNR = "31129956715"

// withEmergencyTown is the town with Tor's identity number recorded and an administrator, Ada.
// Tor is in nobody's reach.
func withEmergencyTown(t *testing.T, st store.Store) *town {
	t.Helper()
	tw := newTown(t, st)
	svc := records.New(st, records.Options{Clock: tw.clock.Now})
	r, err := fhir.Parse([]byte(`{"resourceType":"Patient","id":"p2","name":[{"family":"Prøvesen","given":["Tor"]}],
		"birthDate":"1999-12-31","identifier":[{"system":"` + fhir.SystemFNR + `","value":"` + torFNR + `"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := svc.Update(context.Background(), "Patient", "p2", r, ""); err != nil {
		t.Fatal(err)
	}
	accounts, err := store.AccountsOf(st)
	if err != nil {
		t.Fatal(err)
	}
	tw.user(accounts, signin.NewUser{Username: "ada", Name: "Ada Admin", Roles: []access.Role{access.Administrator}, PractitionerID: "lead"})
	return tw
}

// TestEmergencyAccessPages walks issue 4's emergency access through the real server with real
// sessions: the reason is required, the grant opens the case with its banner, the unit lead
// sees the flag and reviews it, the citizen sees the flagged entry, and the grant ends.
func TestEmergencyAccessPages(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := withEmergencyTown(t, st)
		kari := tw.signIn("kari")
		const reason = "Legevakten ringer: Tor er innlagt akutt"
		if got := kari.get("/coordinator/citizens/p2"); got.status != http.StatusNotFound {
			t.Fatalf("before: %d", got.status)
		}
		checkPage(t, kari.get("/emergency"), http.StatusOK, "Nødtilgang", `name="nid"`, `autocomplete="off"`, `name="reason"`)
		for name, tc := range map[string]struct {
			form url.Values
			want string
		}{
			"no reason":      {url.Values{"nid": {torFNR}, "reason": {"  "}}, "Skriv hvorfor du trenger tilgang"},
			"no number":      {url.Values{"nid": {""}, "reason": {reason}}, "Skriv fødselsnummeret"},
			"not a number":   {url.Values{"nid": {"12345678901"}, "reason": {reason}}, "ikke gyldig"},
			"nobody with it": {url.Values{"nid": {"13031353453"}, "reason": {reason}}, "Ingen innbygger har dette fødselsnummeret"},
		} {
			got := kari.post("/emergency", tc.form)
			if got.status != http.StatusUnprocessableEntity || !strings.Contains(got.body, tc.want) {
				t.Errorf("%s: %d, want 422 with %q\n%s", name, got.status, tc.want, got.body)
			}
		}
		if got := kari.post("/emergency/confirm", url.Values{"patient": {"p2"}, "reason": {" "}}); got.status != http.StatusUnprocessableEntity {
			t.Errorf("a confirm without a reason: %d", got.status)
		}
		if got := kari.get("/coordinator/citizens/p2"); got.status != http.StatusNotFound {
			t.Fatalf("granted without a reason: %d", got.status)
		}

		confirm := kari.post("/emergency", url.Values{"nid": {torFNR}, "reason": {reason}})
		checkPage(t, confirm, http.StatusOK, "Bekreft nødtilgang", "Tor Prøvesen", "1999-12-31", reason, `name="patient" value="p2"`)
		if strings.Contains(confirm.body, torFNR) {
			t.Error("the confirm page repeats the identity number")
		}
		until := tw.clock.Now().Add(access.EmergencyDuration)
		got := kari.post("/emergency/confirm", url.Values{"patient": {"p2"}, "reason": {reason}})
		if got.status != http.StatusSeeOther || got.header.Get("Location") != "/emergency/citizens/p2" {
			t.Fatalf("confirm: %d %s\n%s", got.status, got.header.Get("Location"), got.body)
		}
		oslo, _ := time.LoadLocation("Europe/Oslo")
		checkPage(t, kari.get("/emergency/citizens/p2"), http.StatusOK, "Tor Prøvesen",
			`data-testid="emergency-banner"`, "Nødtilgang til kl. "+until.In(oslo).Format("15:04"))
		checkPage(t, kari.get("/coordinator/citizens/p2"), http.StatusOK, "Tor Prøvesen")
		english := tw.signIn("kari").speaking("en").get("/emergency/citizens/p2")
		checkPage(t, english, http.StatusOK, "Tor Prøvesen", "Emergency access until "+until.In(oslo).Format("15:04"), "Next evaluation")
		if strings.Contains(english.body, "Nødtilgang til kl.") {
			t.Error("the English case page has the bokmål banner")
		}

		// the citizen sees the grant, flagged, with the reason
		checkPage(t, tw.signIn("tor").get("/citizen/access-log"), http.StatusOK, "Hvem har sett mine opplysninger",
			`data-testid="emergency"`, "Kari Koordinator", reason)

		// the unit lead sees the flag (who, whom, why, when) and reviews it
		lea := tw.signIn("lea")
		home := lea.get("/unit")
		checkPage(t, home, http.StatusOK, "Enhetens saker", `data-testid="emergency-flags"`, "Kari Koordinator", "Tor Prøvesen", reason,
			tw.clock.Now().In(oslo).Format("02.01.2006"))
		task := regexp.MustCompile(`/unit/emergency/([^/"]+)/reviewed`).FindStringSubmatch(home.body)
		if task == nil {
			t.Fatal("no review button")
		}
		if got := lea.post(task[0], nil); got.status != http.StatusSeeOther {
			t.Fatalf("review: %d\n%s", got.status, got.body)
		}
		if got := lea.get("/unit"); strings.Contains(got.body, `data-testid="emergency-flags"`) {
			t.Error("a reviewed flag is still listed")
		}

		// the grant ends (signing in again: the session has ended too)
		tw.clock.Advance(access.EmergencyDuration + time.Second)
		kari = tw.signIn("kari")
		for _, path := range []string{"/emergency/citizens/p2", "/coordinator/citizens/p2"} {
			if got := kari.get(path); got.status != http.StatusNotFound {
				t.Errorf("%s after the grant: %d", path, got.status)
			}
		}
	})
}

// TestEmergencyAccessOnlyForStaff: a citizen, a relative and an administrator find no such
// page, and a posted confirm grants nothing and flags nothing.
func TestEmergencyAccessOnlyForStaff(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := withEmergencyTown(t, st)
		for _, who := range []string{"siri", "per", "ada"} {
			b := tw.signIn(who)
			if got := b.get("/emergency"); got.status != http.StatusNotFound {
				t.Errorf("%s: the form answers %d", who, got.status)
			}
			if got := b.post("/emergency", url.Values{"nid": {torFNR}, "reason": {"test"}}); got.status != http.StatusNotFound || strings.Contains(got.body, "Tor") {
				t.Errorf("%s: the lookup answers %d", who, got.status)
			}
			if got := b.post("/emergency/confirm", url.Values{"patient": {"p2"}, "reason": {"test"}}); got.status != http.StatusNotFound {
				t.Errorf("%s: the confirm answers %d", who, got.status)
			}
			if got := b.get("/emergency/citizens/p2"); got.status != http.StatusNotFound {
				t.Errorf("%s: the case answers %d", who, got.status)
			}
		}
		if got := tw.signIn("lea").get("/unit"); strings.Contains(got.body, `data-testid="emergency-flags"`) {
			t.Error("a refused request left a flag")
		}
		if got := tw.signIn("tor").get("/citizen/access-log"); strings.Contains(got.body, `data-testid="emergency"`) {
			t.Error("a refused request left a grant in the citizen's log")
		}
	})
}
