package web

import (
	"context"
	"net/http"
	"net/url"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/i18n"
)

// caseForm is one of the case page's forms (a decision, a reply, an assessment, an appeal's
// reassessment, ...): each is read, checked and refused the same way, and only what it asks
// and does is its own.
type caseForm struct {
	// key is the form's draft key for the request.
	key func(r *http.Request) string
	// find is the case the form is about, from the request: the application's reference and
	// its citizen.
	find func(ctx context.Context, r *http.Request) (ref, patient string, err error)
	// check reads and checks the form and returns the change to make, in the letter's
	// languages; it is not made while the form has errors. The change may name another
	// message for the case page than done.
	check func(f *form) change
	field string // where a refusal is shown
	done  string // the case page's message after: ?done=1
}

// change is a case form's change, made in the letter's languages.
type change func(ctx context.Context, chosen, fallback i18n.Lang) (done string, err error)

// caseAction serves a case page form's POST: a refusal the officer can mend comes back on the
// case page with what was typed; a change made drops the draft and shows the case page.
func (w *Web) caseAction(c caseForm) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		p, f, ok := w.postedBy(rw, r, access.CaseOfficer, c.key(r))
		if !ok {
			return
		}
		ref, patient, err := c.find(r.Context(), r)
		if err != nil {
			w.fail(rw, r, err)
			return
		}
		r.SetPathValue("ref", ref) // the case page to show again
		change := c.check(f)
		if !f.OK() {
			w.renderOfficeApplication(rw, r, http.StatusUnprocessableEntity, f)
			return
		}
		done := c.done
		chosen, fallback, err := w.letterLanguages(r.Context(), patient)
		if err == nil {
			var other string
			if other, err = change(r.Context(), chosen, fallback); other != "" {
				done = other
			}
		}
		if refuse(f, c.field, err, apperr.Unprocessable, apperr.Conflict) {
			w.renderOfficeApplication(rw, r, http.StatusUnprocessableEntity, f)
			return
		}
		if err != nil {
			w.fail(rw, r, err)
			return
		}
		w.dropDraft(r.Context(), p, f.Key)
		http.Redirect(rw, r, "/case-officer/applications/"+url.PathEscape(ref)+"?"+done+"=1", http.StatusSeeOther)
	}
}

// byApplication finds the case by the {ref} of the path.
func (w *Web) byApplication(ctx context.Context, r *http.Request) (string, string, error) {
	a, err := w.coord.ApplicationByReference(ctx, r.PathValue("ref"))
	return a.Reference, a.Subject, err
}

// byAppeal finds the case by the appeal {id} of the path.
func (w *Web) byAppeal(ctx context.Context, r *http.Request) (string, string, error) {
	a, err := w.coord.AppealByID(ctx, r.PathValue("id"))
	return a.Reference, a.Subject, err
}

// byDecision finds the case by the decision {id} of the path.
func (w *Web) byDecision(ctx context.Context, r *http.Request) (string, string, error) {
	d, err := w.coord.DecisionByID(ctx, r.PathValue("id"))
	return d.Reference, d.Subject, err
}

// keyed is a form key of prefix and the path's values named.
func keyed(prefix string, names ...string) func(r *http.Request) string {
	return func(r *http.Request) string {
		k := prefix
		for _, n := range names {
			k += "/" + r.PathValue(n)
		}
		return k
	}
}
