package web

import (
	"context"
	"net/http"
	"net/url"

	"veiviser/internal/i18n"
	"veiviser/internal/kernel"
	"veiviser/internal/settings"
)

// langCookie remembers the language a person chose on this browser; a signed-in person's
// choice is kept on their account too, so it follows them to another browser.
const langCookie = "veiviser_lang"

// Languages keeps the language a user chose (store.Accounts does).
type Languages interface {
	SetUserLanguage(ctx context.Context, userID, language string) error
	// PatientLanguage is the language the citizen's own user chose ("" for none): their letters'.
	PatientLanguage(ctx context.Context, patientID string) (string, error)
}

// letterLanguages are the language the citizen behind patient ("Patient/x") chose, "" for none,
// and the municipality's default: what a letter to them is written in, with their record's.
func (w *Web) letterLanguages(ctx context.Context, patient string) (chosen, fallback i18n.Lang, err error) {
	fallback = w.site(ctx).DefaultLanguage
	if w.langs == nil {
		return "", fallback, nil
	}
	s, err := w.langs.PatientLanguage(ctx, kernel.IDOf(patient))
	if err != nil {
		return "", fallback, err
	}
	chosen, _ = i18n.Parse(s)
	return chosen, fallback, nil
}

// Site gives the municipality's settings (settings.Service does).
type Site interface {
	Current(ctx context.Context) settings.Site
}

// site is the municipality's settings: from the settings service when there is one, else the
// configured name, in bokmål.
func (w *Web) site(ctx context.Context) settings.Site {
	if w.settings != nil {
		return w.settings.Current(ctx)
	}
	return settings.Site{Municipality: w.town, DefaultLanguage: i18n.Bokmal}
}

// langOf is the language r's page is shown in: the signed-in person's choice, else this
// browser's, else the first of the browser's languages we speak, else the municipality's default.
func (w *Web) langOf(r *http.Request) i18n.Lang {
	if p, ok := principalOf(r); ok {
		if l, ok := i18n.Parse(p.Language); ok {
			return l
		}
	}
	if c, err := r.Cookie(langCookie); err == nil {
		if l, ok := i18n.Parse(c.Value); ok {
			return l
		}
	}
	if l, ok := i18n.FromAcceptLanguage(r.Header.Get("Accept-Language")); ok {
		return l
	}
	return w.site(r.Context()).DefaultLanguage
}

// ChooseLanguage serves POST /language: the switch on every page. It remembers the choice on
// the browser and, for a signed-in person, on the account, and goes back to the page.
func (w *Web) ChooseLanguage(rw http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(rw, r.Body, 4096)
	l, ok := i18n.Parse(r.PostFormValue("lang"))
	if !ok || len(r.PostFormValue("lang")) != 2 {
		http.Error(rw, "Ukjent språk / Unknown language", http.StatusBadRequest)
		return
	}
	if p, ok := principalOf(r); ok && w.langs != nil {
		if err := w.langs.SetUserLanguage(r.Context(), p.UserID, string(l)); err != nil {
			w.fail(rw, r, err)
			return
		}
	}
	http.SetCookie(rw, &http.Cookie{Name: langCookie, Value: string(l), Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, MaxAge: 365 * 24 * 3600})
	http.Redirect(rw, r, backTo(r), http.StatusSeeOther)
}

// backTo is the page the switch was pressed on: the form's back field, else the Referer on
// this site, else the start page.
func backTo(r *http.Request) string {
	if back := r.PostFormValue("back"); safeReturn(back) {
		return back
	}
	if ref, err := url.Parse(r.Referer()); err == nil && ref.Host == r.Host && safeReturn(ref.RequestURI()) {
		return ref.RequestURI()
	}
	return "/"
}

// translator is one language's text functions for the templates.
type translator struct {
	lang i18n.Lang
	cat  *i18n.Catalog
}

// T is the catalog text nb in the page's language.
func (t translator) T(nb string) string { return t.cat.T(t.lang, nb) }

// Tf is the format nb in the page's language, filled with args (names and dates, untranslated).
func (t translator) Tf(nb string, args ...any) string { return t.cat.Tf(t.lang, nb, args...) }

// Ta is Tf with the values as a slice (a field's LabelArgs); without values it is T.
func (t translator) Ta(nb string, args []any) string {
	if len(args) == 0 {
		return t.T(nb)
	}
	return t.cat.Tf(t.lang, nb, args...)
}

// Text is a message in the page's language: a workflow's own English for English, the
// catalog's text otherwise. A workflow's message with values in it (a name, a count) is not in
// the catalog; nynorsk then shows the bokmål, the closest written form.
func (t translator) Text(m kernel.Text) string {
	switch {
	case t.lang == i18n.Bokmal:
		return m.NB
	case t.lang == i18n.English && m.EN != "":
		return m.EN
	case m.EN != "":
		if s, ok := t.cat.Lookup(t.lang, m.NB); ok {
			return s
		}
		return m.NB
	}
	return t.T(m.NB)
}
