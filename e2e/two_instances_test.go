package e2e

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"veiviser/internal/coordination"
	"veiviser/internal/demo"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/records"
	"veiviser/internal/store"
)

// TestTwoInstancesOnOnePostgres (issue 17, point 3): two `veiviser serve` processes on one
// PostgreSQL, each with its own data folder, behind a round-robin proxy, so every request goes
// to the other instance than the one before: a session made on one is used on the other, a
// draft saved on one comes back on the other, a goal written on one is read on the other at once,
// an emergency grant made on one opens the citizen's page on the other, and the access log
// holds the reads of both instances.
func TestTwoInstancesOnOnePostgres(t *testing.T) {
	dbURL := freshPostgres(t)
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{DatabaseURL: dbURL})
	if err != nil {
		t.Fatal(err)
	}
	accounts, err := store.AccountsOf(st)
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Load(ctx, demo.Options{Records: records.New(st, records.Options{Rules: []records.Rule{coordination.NewRules(nil)}}), Accounts: accounts}); err != nil {
		t.Fatal(err)
	}
	noah, err := st.Get(ctx, "Patient", "p-noah")
	if err != nil {
		t.Fatal(err)
	}
	nr, err := fhir.Parse(noah.Body)
	if err != nil {
		t.Fatal(err)
	}
	noahNID := kernel.PathString(kernel.Objects(nr.Object(), "identifier")[0], "value")
	_ = st.Close()

	env := "VEIVISER_DATABASE_URL=" + dbURL
	a := startServing(t, t.TempDir(), false, 30*time.Second, env)
	b := startServing(t, t.TempDir(), false, 30*time.Second, env)
	var n atomic.Uint64
	var served [2]atomic.Uint64
	backends := []*url.URL{mustURL(t, a.URL), mustURL(t, b.URL)}
	proxy := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		i := n.Add(1) % 2
		served[i].Add(1)
		httputil.NewSingleHostReverseProxy(backends[i]).ServeHTTP(rw, r)
	}))
	defer proxy.Close()

	coord := signInHTTP(t, proxy.URL, "koordinator", demoPassword) // the session is made on one instance
	if status, body := coord.do(http.MethodGet, "/coordinator", nil); status != http.StatusOK || !strings.Contains(body, "Arbeidsflate") {
		t.Fatalf("the session on the other instance: %d", status) // and used on the other
	}
	planID := planIDOf(t, coord, "Astrid Lyngmo")
	plan := "/coordinator/plans/" + planID

	if status, _ := coord.do(http.MethodPost, "/drafts", url.Values{"_form": {"plan/" + planID + "/goal"}, "text": {"Utkast fra den andre"}}); status >= 300 {
		t.Fatalf("saving a draft: %d", status)
	}
	if _, body := coord.do(http.MethodGet, plan+"?open=goal", nil); !strings.Contains(body, "Utkast fra den andre") {
		t.Error("the draft saved on one instance is not on the other")
	}
	if status, _ := coord.do(http.MethodPost, plan+"/goal", url.Values{"text": {"Gå til kafeen på lørdager"}}); status != http.StatusSeeOther {
		t.Fatalf("adding a goal: %d", status)
	}
	if _, body := coord.do(http.MethodGet, plan, nil); !strings.Contains(body, "Gå til kafeen på lørdager") {
		t.Error("the goal written on one instance is not read on the other at once")
	}

	reason := "Akutt innleggelse, trenger medisinlisten"
	if status, _ := coord.do(http.MethodPost, "/emergency", url.Values{"nid": {noahNID}, "reason": {reason}}); status != http.StatusOK {
		t.Fatalf("looking up the citizen for emergency access: %d", status)
	}
	if status, _ := coord.do(http.MethodPost, "/emergency/confirm", url.Values{"patient": {"p-noah"}, "reason": {reason}}); status != http.StatusSeeOther {
		t.Fatalf("confirming emergency access: %d", status)
	}
	for range 2 { // on each instance
		if status, body := coord.do(http.MethodGet, "/emergency/citizens/p-noah", nil); status != http.StatusOK || !strings.Contains(body, `data-testid="emergency-banner"`) {
			t.Errorf("the emergency grant does not open the citizen's page on each instance: %d\n%.1500s", status, body)
		}
	}

	// both instances' journals reach the store: the citizen sees the coordinator's reads from
	// both (the other instance's entries may take a moment to be moved from its journal)
	astrid := signInHTTP(t, proxy.URL, "innbygger", demoPassword)
	deadline := time.Now().Add(20 * time.Second)
	entry := regexp.MustCompile(`Jostein Myrvold`)
	for {
		_, body := astrid.do(http.MethodGet, "/citizen/access-log", nil)
		if len(entry.FindAllString(body, -1)) >= 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the access log does not show the coordinator's reads from both instances:\n%.2000s", body)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if served[0].Load() == 0 || served[1].Load() == 0 {
		t.Errorf("the proxy sent every request to one instance: %d and %d", served[0].Load(), served[1].Load())
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
