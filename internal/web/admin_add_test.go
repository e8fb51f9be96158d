package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/signin"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestAdministratorAddsUsersAndUnits (issue 12, point 4): the administrator adds a unit, then a
// user linked to a member of staff chosen from the register and to that unit; the new user signs
// in and works in the role. The form says per field what is wrong (no role, a short password, an
// invalid national identity number, a username in use, a member of staff that does not exist)
// and never shows the password back; nobody but the administrator has the pages.
func TestAdministratorAddsUsersAndUnits(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		accounts, err := store.AccountsOf(st)
		if err != nil {
			t.Fatal(err)
		}
		tw.user(accounts, signin.NewUser{Username: "ada", Name: "Ada Admin", Roles: []access.Role{access.Administrator}})
		ada := tw.signIn("ada")

		checkPage(t, ada.get("/admin/units"), http.StatusOK, "Organisasjonsenheter")
		got := ada.post("/admin/units", url.Values{"id": {"Hjemme Tjenesten"}, "name": {"Hjemmetjenesten"}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Organisasjonsenheter", "små bokstaver", `value="Hjemmetjenesten"`)
		if got := ada.post("/admin/units", url.Values{"id": {"hjemmetjenesten"}, "name": {"Hjemmetjenesten"}, "kind": {"home-nursing"}}); got.status != http.StatusSeeOther {
			t.Fatalf("adding a unit: %d\n%s", got.status, got.body)
		}
		checkPage(t, ada.get("/admin/units?done=added"), http.StatusOK, "Organisasjonsenheter", "Enheten er lagt til", "<strong>Hjemmetjenesten</strong> (hjemmetjenesten)")
		checkPage(t, ada.post("/admin/units", url.Values{"id": {"hjemmetjenesten"}, "name": {"Igjen"}}), http.StatusConflict, "Organisasjonsenheter", "alt en enhet")

		page := ada.get("/admin/users/new")
		checkPage(t, page, http.StatusOK, "Ny bruker", `<option value="f1">Frode Fysio</option>`, `value="hjemmetjenesten"`, `value="coordinator"`)
		if strings.Contains(page.body, "Siri Testmo") {
			t.Error("the new-user page lists a citizen")
		}
		got = ada.post("/admin/users/new", url.Values{"username": {"nina"}, "password": {"kort"}, "nationalid": {"12345678901"}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Ny bruker", "Velg minst én rolle", "minst 10 tegn", "ikke gyldig", `value="nina"`)
		if strings.Contains(got.body, `value="kort"`) {
			t.Error("the refused password is shown back")
		}
		got = ada.post("/admin/users/new", url.Values{"username": {"nina"}, "password": {"et langt passord her"}, "roles": {"coordinator"}, "practitioner": {"nosuch"}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Ny bruker", "Practitioner/nosuch")
		got = ada.post("/admin/users/new", url.Values{"username": {"kari"}, "password": {"et langt passord her"}, "roles": {"coordinator"}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Ny bruker", `value="kari"`)
		got = ada.post("/admin/users/new", url.Values{"username": {"nina"}, "name": {"Nina Ny"}, "password": {"et langt passord her"},
			"roles": {"service-provider"}, "practitioner": {"f1"}, "units": {"hjemmetjenesten"}})
		if got.status != http.StatusSeeOther || got.header.Get("Location") != "/admin/users?done=added" {
			t.Fatalf("adding a user: %d to %q\n%s", got.status, got.header.Get("Location"), got.body)
		}
		checkPage(t, ada.get("/admin/users?done=added"), http.StatusOK, "Brukere", "Brukeren er lagt til", `data-testid="user-nina"`, "Practitioner/f1", "Organization/hjemmetjenesten")
		nina := tw.anonymous()
		if got := nina.post("/login", url.Values{"username": {"nina"}, "password": {"et langt passord her"}}); got.status != http.StatusSeeOther {
			t.Fatalf("the new user signs in: %d", got.status)
		}
		for _, who := range []string{"kari", "siri", "lea"} {
			for _, path := range []string{"/admin/users/new", "/admin/units"} {
				checkPage(t, tw.signIn(who).get(path), http.StatusNotFound, "Fant ikke siden")
			}
		}
	})
}
