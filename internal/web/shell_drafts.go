package web

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/webform"
)

// openForm is the form with key as the person left it: their saved draft, or empty.
func (w *Web) openForm(ctx context.Context, p *access.Principal, key string) *form {
	f := newForm(key, nil)
	if w.drafts == nil {
		return f
	}
	body, saved, err := w.drafts.Load(ctx, p.UserID, key)
	if err != nil {
		if !apperr.Is(err, apperr.NotFound) {
			w.logger.WarnContext(ctx, "web: loading a draft", "form", key, "err", err)
		}
		return f
	}
	values, err := url.ParseQuery(body)
	if err != nil {
		return f
	}
	values.Del("_form")
	f.Values, f.Restored = values, saved
	return f
}

// dropDraft forgets the draft once the form is sent.
func (w *Web) dropDraft(ctx context.Context, p *access.Principal, key string) {
	if w.drafts == nil {
		return
	}
	if err := w.drafts.Drop(ctx, p.UserID, key); err != nil {
		w.logger.WarnContext(ctx, "web: deleting a draft", "form", key, "err", err)
	}
}

// SaveDraft serves POST /drafts: htmx posts a form's fields here on every change (and a second
// after typing stops), with the form's key in _form; the answer is the text of the form's
// status line. A draft is only ever the person's own, so no record is read or written.
func (w *Web) SaveDraft(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.signedIn(rw, r)
	if !ok {
		return
	}
	if err := webform.Read(rw, r); err != nil {
		status := http.StatusBadRequest
		if webform.TooLarge(err) {
			status = http.StatusRequestEntityTooLarge
		}
		http.Error(rw, messageOf(err), status)
		return
	}
	key := r.PostForm.Get("_form")
	if key == "" || len(key) > 200 {
		http.Error(rw, "Mangler skjema / No form named", http.StatusBadRequest)
		return
	}
	f := newForm(key, r.PostForm)
	f.Values.Del("_form")
	if w.drafts == nil {
		rw.WriteHeader(http.StatusNoContent)
		return
	}
	if err := w.drafts.Save(r.Context(), p.UserID, key, f.Values.Encode(), w.now()); err != nil {
		if r.Context().Err() != nil { // the client went away: nobody waits for the answer
			w.logger.InfoContext(r.Context(), "web: draft abandoned by the client", "form", key, "err", err)
			return
		}
		w.logger.ErrorContext(r.Context(), "web: saving a draft", "form", key, "err", err)
		http.Error(rw, "Utkastet ble ikke lagret / The draft was not saved", http.StatusInternalServerError)
		return
	}
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	rw.Header().Set("Cache-Control", "no-store")
	at := w.now().In(oslo).Format("15:04")
	_, _ = fmt.Fprintf(rw, "Utkast lagret kl. %s. <span lang=\"en\">Draft saved at %s.</span>",
		template.HTMLEscapeString(at), template.HTMLEscapeString(at))
}
