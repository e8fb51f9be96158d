package web

import (
	"fmt"
	"net/http"

	"veiviser/internal/allocation"
)

// A plan's measure can show the decision that gives the service (the plan gives no right to
// it; the decision does): the coordinator links one of the citizen's decisions in force to the
// measure, and the plan shows it.

// decisionChoice is a decision as a measure's link offers and shows it.
type decisionChoice struct {
	Ref, Label string
}

// planDecisions are the citizen's decisions in force as choices, and every decision's label by
// reference (a replaced one still shows on a measure linked to it). A person who may not read
// the citizen's decisions gets none.
func (w *Web) planDecisions(r *http.Request, patient string) ([]decisionChoice, map[string]string) {
	ds, err := w.coord.DecisionsOf(r.Context(), patient)
	if err != nil {
		return nil, nil
	}
	lang := w.langOf(r)
	tr := translator{lang: lang, cat: w.cat}
	labels := map[string]string{}
	var choices []decisionChoice
	for _, d := range ds {
		if d.Status == allocation.Drafted || d.Outcome == allocation.Refused {
			continue
		}
		name := d.Code
		if s, err := w.coord.CatalogueService(r.Context(), d.Code, lang); err == nil {
			name = s.Name
		}
		label := tr.Tf("%s, vedtak %s fra %s", name, d.Reference, formatDate(d.Decided))
		if d.Status == allocation.Replaced {
			label = tr.Tf("%s (erstattet)", label)
		}
		ref := fmt.Sprintf("ServiceRequest/%s", d.ID)
		labels[ref] = label
		if d.Status == allocation.Signed {
			choices = append(choices, decisionChoice{Ref: ref, Label: label})
		}
	}
	return choices, labels
}
