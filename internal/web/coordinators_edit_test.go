package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"veiviser/internal/coordinators"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestUnitLeadKeepsTheRegister (issue 12): the unit lead adds a coordinator to the register,
// changes the entry's kinds and contact, and makes it inactive; a name is required; nobody else
// has the forms.
func TestUnitLeadKeepsTheRegister(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		lea := tw.signIn("lea")
		checkPage(t, lea.get("/unit/coordinators"), http.StatusOK, "Koordinatorregister", "Ny koordinator", `name="kind-child"`)
		got := lea.post("/unit/coordinators", url.Values{"phone": {"400 00 000"}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Koordinatorregister", "Skriv koordinatorens navn", `value="400 00 000"`)
		got = lea.post("/unit/coordinators", url.Values{"name": {"Nina Ny"}, "phone": {"400 00 001"}, "kind-child": {"yes"}, "active": {"yes"}})
		if got.status != http.StatusSeeOther {
			t.Fatalf("adding: %d\n%s", got.status, got.body)
		}
		entry := got.header.Get("Location")
		entry = entry[:strings.Index(entry, "?")]
		find := func() coordinators.Coordinator {
			t.Helper()
			reg, err := tw.co.Register(tw.as("lea"))
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range reg {
				if c.Name == "Nina Ny" {
					return c
				}
			}
			t.Fatal("Nina Ny is not in the register")
			return coordinators.Coordinator{}
		}
		if c := find(); !c.Active || !c.Can(coordinators.KindChild) || c.Phone != "400 00 001" {
			t.Fatalf("the new entry: %+v", c)
		}
		checkPage(t, lea.get(entry), http.StatusOK, "Nina Ny", "Endre oppføringen", `value="400 00 001"`)
		got = lea.post(entry, url.Values{"name": {"Nina Ny"}, "phone": {"400 00 002"}, "kind-cancer": {"yes"}, "version": {""}})
		if got.status != http.StatusSeeOther {
			t.Fatalf("editing: %d\n%s", got.status, got.body)
		}
		if c := find(); c.Active || !c.Can(coordinators.KindCancer) || c.Can(coordinators.KindChild) || c.Phone != "400 00 002" {
			t.Errorf("after editing: %+v, want inactive, a cancer coordinator, the new phone", c)
		}
		checkPage(t, lea.get("/unit/coordinators"), http.StatusOK, "Koordinatorregister", "Nina Ny", "ikke aktiv")
		if got := tw.signIn("kari").post("/unit/coordinators", url.Values{"name": {"X"}}); got.status != http.StatusNotFound {
			t.Errorf("a coordinator adds to the register: %d", got.status)
		}
	})
}
