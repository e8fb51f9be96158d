package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

func TestSaveDraft(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		w := newWebWithDrafts(t, st)
		kari := &access.Principal{UserID: "u1", Username: "kari", Roles: []access.Role{access.Citizen}}
		per := &access.Principal{UserID: "u2", Username: "per", Roles: []access.Role{access.Citizen}}
		typed := url.Values{"_form": {"inquiry"}, "need": {"Hjelp til å komme meg ut æøå"}, "services": {"hjemmesykepleie", "fysioterapi"}}
		got := as(t, http.HandlerFunc(w.SaveDraft), kari, "POST", "/drafts", typed, "HX-Request", "true")
		if got.status != http.StatusOK || !strings.Contains(got.body, "Utkast lagret kl. 10:30") {
			t.Fatalf("save: %d %q", got.status, got.body)
		}
		f := w.openForm(context.Background(), kari, "inquiry")
		if f.Get("need") != "Hjelp til å komme meg ut æøå" || len(f.Values["services"]) != 2 || f.Get("_form") != "" || f.Restored.IsZero() {
			t.Fatalf("restored %+v", f)
		}
		if other := w.openForm(context.Background(), per, "inquiry"); len(other.Values) != 0 {
			t.Fatalf("another user sees the draft: %+v", other.Values)
		}
		w.dropDraft(context.Background(), kari, "inquiry")
		if f := w.openForm(context.Background(), kari, "inquiry"); len(f.Values) != 0 {
			t.Fatalf("dropped draft restored: %+v", f.Values)
		}
		// a session that ended: htmx is told to go to the login form, nothing is saved
		got = as(t, http.HandlerFunc(w.SaveDraft), nil, "POST", "/drafts", typed, "HX-Request", "true")
		if got.status != http.StatusUnauthorized || got.header.Get("HX-Redirect") != "/login" {
			t.Fatalf("signed out: %d, HX-Redirect %q", got.status, got.header.Get("HX-Redirect"))
		}
		if got := as(t, http.HandlerFunc(w.SaveDraft), kari, "POST", "/drafts", url.Values{"need": {"x"}}); got.status != http.StatusBadRequest {
			t.Fatalf("no form key: %d", got.status)
		}
	})
}
