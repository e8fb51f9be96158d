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

// TestAdministratorsUsers (issue 12): the administrator lists the users with roles and links;
// disabling a user ends their session at once and stops their sign-in; enabling and a new
// password let them in again; the password form refuses a short one and keeps no draft of it;
// nobody else has the page.
func TestAdministratorsUsers(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		accounts, err := store.AccountsOf(st)
		if err != nil {
			t.Fatal(err)
		}
		tw.user(accounts, signin.NewUser{Username: "ada", Name: "Ada Admin", Roles: []access.Role{access.Administrator}})
		ada, kari := tw.signIn("ada"), tw.signIn("kari")
		checkPage(t, ada.get("/admin/users"), http.StatusOK, "Brukere", `data-testid="user-kari"`, "Practitioner/k1", "coordinator")
		kariID := tw.who["kari"].UserID
		if got := ada.post("/admin/users/"+kariID+"/disable", url.Values{}); got.status != http.StatusSeeOther {
			t.Fatalf("disable: %d\n%s", got.status, got.body)
		}
		if got := kari.get("/coordinator"); got.status != http.StatusSeeOther || !strings.HasPrefix(got.header.Get("Location"), "/login") {
			t.Errorf("the disabled user's session answers %d to %q, want a redirect to sign in", got.status, got.header.Get("Location"))
		}
		login := func(password string) int {
			t.Helper()
			return tw.anonymous().post("/login", url.Values{"username": {"kari"}, "password": {password}}).status
		}
		if status := login(pagePassword); status == http.StatusSeeOther {
			t.Error("a disabled user signed in")
		}
		checkPage(t, ada.get("/admin/users"), http.StatusOK, "Brukere", "deaktivert")
		if got := ada.post("/admin/users/"+kariID+"/enable", url.Values{}); got.status != http.StatusSeeOther {
			t.Fatalf("enable: %d", got.status)
		}
		got := ada.post("/admin/users/"+kariID+"/password", url.Values{"password": {"kort"}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Brukere", "minst 10 tegn")
		if strings.Contains(got.body, `value="kort"`) {
			t.Error("the refused password is shown back")
		}
		if d := tw.drafts(t, st, tw.who["ada"].UserID, "admin/password/"+kariID); d != "" {
			t.Errorf("a draft of the password form was kept: %q", d)
		}
		if got := ada.post("/admin/users/"+kariID+"/password", url.Values{"password": {"et nytt langt passord"}}); got.status != http.StatusSeeOther {
			t.Fatalf("new password: %d\n%s", got.status, got.body)
		}
		if status := login(pagePassword); status == http.StatusSeeOther {
			t.Error("the old password still signs in")
		}
		if status := login("et nytt langt passord"); status != http.StatusSeeOther {
			t.Errorf("the new password: %d, want a signed-in redirect", status)
		}
		if got := ada.post("/admin/users/"+tw.who["ada"].UserID+"/disable", url.Values{}); got.status != http.StatusUnprocessableEntity {
			t.Errorf("the administrator disabling themself: %d, want 422", got.status)
		}
		for _, who := range []string{"lea", "siri"} {
			if got := tw.signIn(who).get("/admin/users"); got.status != http.StatusNotFound {
				t.Errorf("%s opens the users page: %d, want 404", who, got.status)
			}
		}
	})
}

// drafts is the body of username's draft of form, "" when none.
func (tw *town) drafts(t *testing.T, st store.Store, userID, form string) string {
	t.Helper()
	ds, err := store.DraftsOf(st)
	if err != nil {
		t.Fatal(err)
	}
	d, err := ds.Draft(t.Context(), userID, form)
	if err != nil {
		return ""
	}
	return d.Body
}
