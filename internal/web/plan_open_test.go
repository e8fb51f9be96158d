package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"veiviser/internal/plan"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestPlanIsAReadView (issue 20, point 3): the coordinator's plan page shows the nine elements
// with no form open; ?open= opens one part's form and no other; a measure is changed in place
// (its own form, prefilled) and ended; a goal's evaluate link opens the evaluation form in the
// goals' section with the goal chosen, and the saved evaluation shows beside the goal.
func TestPlanIsAReadView(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		planID, kari := tw.withConsentedPlan(st)
		ip := "/coordinator/plans/" + planID
		kari.mustPost(ip+"/goal", url.Values{"text": {"Gå tur alene"}}, ip+"?saved=goals")
		kari.mustPost(ip+"/measure", url.Values{"title": {"Fysioterapi"}, "provider": {"Organization/physio"}, "scope": {"2 timer per uke"}}, ip+"?saved=measures")
		p := tw.planOf(planID)
		goal, measure := p.Goals[0].ID, p.Measures[0].ID

		forms := func(path string) int {
			t.Helper()
			got := kari.get(path)
			if got.status != http.StatusOK {
				t.Fatalf("%s: %d", path, got.status)
			}
			return strings.Count(got.body, `class="app-form"`)
		}
		if n := forms(ip); n != 0 {
			t.Errorf("the plan page opens %d forms, want none", n)
		}
		for _, open := range []string{"goal", "text", "participant", "contribution", "measure", "coordination", "period", "cooperation"} {
			if n := forms(ip + "?open=" + open); n != 1 {
				t.Errorf("?open=%s opens %d forms, want one", open, n)
			}
		}

		edit := ip + "?open=measure&measure=" + measure
		checkPage(t, kari.get(edit), http.StatusOK, "Individuell plan", "Endre tiltaket", `value="Fysioterapi"`, `value="2 timer per uke"`,
			`action="`+ip+`/measure?measure=`+measure+`"`)
		got := kari.post(ip+"/measure?measure="+measure, url.Values{"id": {measure}, "title": {"Fysioterapi"}, "provider": {"Organization/physio"}, "scope": {""}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Individuell plan", "Skriv omfanget", "Endre tiltaket", `value="Fysioterapi"`)
		kari.mustPost(ip+"/measure?measure="+measure, url.Values{"id": {measure}, "title": {"Fysioterapi hjemme"}, "provider": {"Organization/physio"},
			"scope": {"3 timer per uke"}}, ip+"?saved=measures")
		kari.mustPost(ip+"/measure-end", url.Values{"id": {measure}, "how": {"completed"}}, ip+"?saved=measures")
		m := tw.planOf(planID).Measures
		if len(m) != 1 || m[0].Title != "Fysioterapi hjemme" || m[0].Scope != "3 timer per uke" || m[0].Status != plan.MeasureCompleted {
			t.Errorf("measures after the change and the end = %+v", m)
		}
		checkPage(t, kari.get(ip), http.StatusOK, "Individuell plan", "Fysioterapi hjemme</strong> – fullført")

		checkPage(t, kari.get(ip+"?open=evaluation&goal="+goal), http.StatusOK, "Individuell plan", "Evaluer målet", `value="`+goal+`" selected`)
		got = kari.hx(ip+"/evaluation?goal="+goal, url.Values{"goal": {goal}, "achievement": {"improving"}, "note": {"Går 300 meter"}})
		checkPage(t, got, http.StatusOK, "Individuell plan", "Evaluert", "Bedre", "Går 300 meter", `role="status"`)
		if strings.Contains(got.body, `class="app-form"`) {
			t.Error("the evaluation form stays open after it was saved")
		}
		if u := got.header.Get("HX-Replace-Url"); u != ip {
			t.Errorf("after the save in place the address is to be %q (the form closed, no ?open=), htmx is told %q", ip, u)
		}

		// in English the page is in English only, the form's choices too
		en := kari.getWith(ip+"?open=evaluation&goal="+goal, "Cookie", "veiviser_lang=en")
		checkPage(t, en, http.StatusOK, "Individual plan for Siri Testmo", "Evaluate the goal", "Evaluated", "Fysioterapi hjemme</strong> – completed")
		if !regexp.MustCompile(`value="improving"[^>]*>\s*<label[^>]*>Improving</label>`).MatchString(en.body) {
			t.Error("the English evaluation form does not offer \"Improving\" for improving")
		}
		for _, nb := range []string{"Evaluer målet", "Evaluert", "Bedre", "fullført", "Legg til mål"} {
			if strings.Contains(en.body, nb) {
				t.Errorf("the English plan page has the bokmål %q", nb)
			}
		}
	})
}
