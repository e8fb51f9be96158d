package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/kernel"
	"veiviser/internal/webform"
)

// postedForm is the submitted form with key; the draft is saved too, so a refused submission
// or a lost connection keeps what was typed.
func (w *Web) postedForm(rw http.ResponseWriter, r *http.Request, p *access.Principal, key string) (*form, error) {
	if err := webform.Read(rw, r); err != nil {
		return nil, err
	}
	f := newForm(key, formValues(r.PostForm))
	w.keepDraft(r.Context(), p, f)
	return f, nil
}

// formValues are the posted values but the form's key (_form: which draft they are).
func formValues(posted url.Values) url.Values {
	values := url.Values{}
	for k, v := range posted {
		if k != "_form" {
			values[k] = v
		}
	}
	return values
}

// keepDraft saves the form's values as the person's draft; a failure is logged, not shown:
// the submission itself goes on.
func (w *Web) keepDraft(ctx context.Context, p *access.Principal, f *form) {
	if w.drafts == nil {
		return
	}
	if err := w.drafts.Save(ctx, p.UserID, f.Key, f.Values.Encode(), w.now()); err != nil {
		w.logger.WarnContext(ctx, "web: saving a draft", "form", f.Key, "err", err)
	}
}

// holder is the signed-in person when they hold role and the workflows are wired in; else it
// has answered (the login form, or the missing page) and reports false.
func (w *Web) holder(rw http.ResponseWriter, r *http.Request, role access.Role) (*access.Principal, bool) {
	p, ok := w.signedIn(rw, r)
	if !ok {
		return nil, false
	}
	if !p.Has(role) || w.coord == nil {
		w.NotFound(rw, r)
		return nil, false
	}
	return p, true
}

// errorData is the page of a request that could not be done.
type errorData struct {
	pageData
	Nb     string      // what happened, in bokmål (a catalog key)
	Detail kernel.Text // the workflow's own reason, with its English; empty for none
}

// fail answers err from a workflow as a page. A citizen outside the person's reach answers as
// a missing page, so it does not reveal that the citizen exists; the details of an internal
// error go to the log only.
func (w *Web) fail(rw http.ResponseWriter, r *http.Request, err error) {
	var e errorData
	e.Detail = textOf(err)
	status := http.StatusInternalServerError
	switch apperr.CodeOf(err) {
	case apperr.NotFound, apperr.Gone:
		w.NotFound(rw, r)
		return
	case apperr.Forbidden, apperr.Unauthorized:
		status, e.pageData = http.StatusForbidden, w.page(r, "Ikke tillatt")
		e.Nb = "Du har ikke lov til å gjøre dette."
	case apperr.Conflict, apperr.PreconditionFailed:
		status, e.pageData = http.StatusConflict, w.page(r, "Endret av en annen")
		e.Nb = "Noen andre endret dette samtidig. Gå tilbake og prøv igjen."
	case apperr.Invalid, apperr.Unprocessable:
		status, e.pageData = http.StatusUnprocessableEntity, w.page(r, "Kunne ikke lagres")
		e.Nb = "Dette kunne ikke lagres."
		if webform.TooLarge(err) {
			status = http.StatusRequestEntityTooLarge
		}
	case apperr.Unavailable:
		status, e.pageData = http.StatusServiceUnavailable, w.page(r, "Ikke tilgjengelig akkurat nå")
		e.Nb = "Systemet får ikke lagret eller lest akkurat nå. Prøv igjen om litt."
	case apperr.Internal:
		if r.Context().Err() != nil { // the client went away (net/http cancels the context): not our fault
			w.logger.InfoContext(r.Context(), "web: request abandoned by the client", "path", r.URL.Path, "err", err)
			return
		}
		fallthrough
	default:
		w.logger.ErrorContext(r.Context(), "web: a request failed", "path", r.URL.Path, "err", err)
		e.pageData, e.Detail = w.page(r, "Noe gikk galt"), kernel.Text{}
		e.Nb = "Noe gikk galt hos oss. Prøv igjen om litt."
	}
	w.render(rw, r, status, "error", e)
}

// messageOf is an error's message for a person (the workflows write it in bokmål and English),
// never the cause behind it.
func messageOf(err error) string {
	if e := apperr.As(err); e != nil {
		return e.Message
	}
	return ""
}

// textOf is a workflow's message ("bokmål / English", as kernel.Text writes it) as a Text again,
// so a page shows the half in the reader's language.
func textOf(err error) kernel.Text {
	nb, en, _ := strings.Cut(messageOf(err), " / ")
	return kernel.Text{NB: nb, EN: en}
}

// refuse puts a workflow's refusal on the form as field's message when err has one of codes
// (the refusals that page answers with its form and what was typed, rather than an error
// page), and reports whether it did.
//
// A store that cannot serve (Unavailable: the database down, or its disk full) is refused on every
// form, so what was typed stays on the page to send again.
func refuse(f *form, field string, err error, codes ...apperr.Code) bool {
	if err == nil || (!slices.Contains(codes, apperr.CodeOf(err)) && apperr.CodeOf(err) != apperr.Unavailable) {
		return false
	}
	f.InvalidText(field, textOf(err))
	return true
}

// posted is the submitted form with key (postedForm); when it cannot be read the request has
// failed and posted reports false.
func (w *Web) posted(rw http.ResponseWriter, r *http.Request, p *access.Principal, key string) (*form, bool) {
	f, err := w.postedForm(rw, r, p, key)
	if err != nil {
		w.fail(rw, r, err)
		return nil, false
	}
	return f, true
}

// saved finishes a form's write: a refusal the person can mend (one of codes) is shown at field
// on page, with what they typed (422); another error fails the request; a saved write drops the
// form's draft. It reports whether the write was saved.
func (w *Web) saved(rw http.ResponseWriter, r *http.Request, p *access.Principal, f *form, err error, field, page string, data any, codes ...apperr.Code) bool {
	if refuse(f, field, err, codes...) {
		status := http.StatusUnprocessableEntity
		if apperr.CodeOf(err) == apperr.Unavailable {
			status = http.StatusServiceUnavailable
		}
		w.render(rw, r, status, page, data)
		return false
	}
	if err != nil {
		w.fail(rw, r, err)
		return false
	}
	w.dropDraft(r.Context(), p, f.Key)
	return true
}

// postedBy is the signed-in person holding role (holder) and the form they submitted with key
// (posted); else the request is answered and postedBy reports false.
func (w *Web) postedBy(rw http.ResponseWriter, r *http.Request, role access.Role, key string) (*access.Principal, *form, bool) {
	p, ok := w.holder(rw, r, role)
	if !ok {
		return nil, nil, false
	}
	f, ok := w.posted(rw, r, p, key)
	return p, f, ok
}
