package coordination

import (
	"slices"
	"strings"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/allocation"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/i18n"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
	"veiviser/internal/testutil/fixture"
)

// TestCatalogueEditing (issue 13, point 1): the office's unit lead rewrites a service's words
// in three languages; the public catalogue shows them; each change is kept with who made it,
// when and which texts; a case officer may not, and an incomplete text is refused.
func TestCatalogueEditing(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		o := newOffice(t, st)
		lead := &access.Principal{UserID: "u11", Roles: []access.Role{access.UnitLead}, PractitionerID: "s2", Units: []string{DefaultOffice}}
		w := must[allocation.ServiceWords](t)(o.co.ServiceWordsOf(as(lead), "home-help"))
		w.Summary = allocation.Words{NB: "Hjelp til rengjøring og innkjøp i hjemmet.", NN: "Hjelp til reinhald og innkjøp i heimen.", EN: "Help with cleaning and shopping at home."}
		_, err := o.co.SaveServiceWords(as(o.officer), "home-help", w)
		fixture.WantCode(t, err, apperr.Forbidden)
		bad := w
		bad.Cost.NN = " "
		_, err = o.co.SaveServiceWords(as(lead), "home-help", bad)
		fixture.WantCode(t, err, apperr.Unprocessable)
		_, err = o.co.SaveServiceWords(as(lead), "juggling", w)
		fixture.WantCode(t, err, apperr.NotFound)

		change := must[allocation.CatalogueChange](t)(o.co.SaveServiceWords(as(lead), "home-help", w))
		if !slices.Equal(change.Fields, []string{"summary"}) || change.By != "Practitioner/s2" {
			t.Errorf("the change: %+v", change)
		}
		for lang, want := range map[i18n.Lang]string{i18n.Bokmal: w.Summary.NB, i18n.Nynorsk: w.Summary.NN, i18n.English: w.Summary.EN} {
			got := must[allocation.Described](t)(o.co.CatalogueService(as(o.citizen), "home-help", lang))
			if got.Summary != want {
				t.Errorf("%s: the public summary %q, want %q", lang, got.Summary, want)
			}
		}
		o.clock.Set(start.AddDate(0, 0, 1))
		w.Name.EN = "Practical help at home"
		must[allocation.CatalogueChange](t)(o.co.SaveServiceWords(as(lead), "home-help", w))
		hist := must[[]allocation.CatalogueChange](t)(o.co.CatalogueHistory(as(lead), "home-help"))
		if len(hist) != 2 || !slices.Equal(hist[0].Fields, []string{"name"}) || !hist[0].At.After(hist[1].At) {
			t.Errorf("the history: %+v", hist)
		}
		if h := must[[]allocation.CatalogueChange](t)(o.co.CatalogueHistory(as(lead), "safety-alarm")); len(h) != 0 {
			t.Errorf("another service's history: %+v", h)
		}

		// the rule holds for a write of the Organization itself, as through the API
		write := func(p *access.Principal, body string) error {
			t.Helper()
			r, err := fhir.Parse([]byte(body))
			if err != nil {
				t.Fatal(err)
			}
			_, _, err = o.svc.Update(as(p), "Organization", DefaultOffice, r, "")
			return err
		}
		text := func(nn string) string {
			var parts []string
			for _, f := range []string{"name", "summary", "forWhom", "cost"} {
				parts = append(parts, `{"url":"https://veiviser.no/fhir/StructureDefinition/catalogue-text","extension":[{"url":"service","valueCode":"home-help"},`+
					`{"url":"field","valueCode":"`+f+`"},{"url":"nb","valueString":"Tekst"},{"url":"nn","valueString":"`+nn+`"},{"url":"en","valueString":"Text"}]}`)
			}
			return `{"resourceType":"Organization","id":"` + DefaultOffice + `","name":"Tildelingskontoret","extension":[` + strings.Join(parts, ",") + `]}`
		}
		fixture.WantCode(t, write(lead, text("")), apperr.Unprocessable)
		fixture.WantCode(t, write(o.officer, text("Heimehjelp")), apperr.Forbidden)
	})
}
