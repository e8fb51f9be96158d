package web

import (
	"net/http"
	"net/url"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/i18n"
	"veiviser/internal/settings"
)

// settingsData is the administrator's settings page.
type settingsData struct {
	pageData
	Form      *form
	Languages []option
	Saved     bool
	ChangedAt time.Time // when a setting was last changed; zero when never
}

// SettingsPage serves GET /admin/settings: the municipality's name, contact details and the
// language a first visit is shown in, with a draft of what was typed and not saved.
func (w *Web) SettingsPage(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.settingsAdministrator(rw, r)
	if !ok {
		return
	}
	f := w.openForm(r.Context(), p, "admin/settings")
	if f.Restored.IsZero() {
		s := w.settings.Current(r.Context())
		f.Values = url.Values{"municipality": {s.Municipality}, "phone": {s.Phone}, "email": {s.Email},
			"address": {s.Address}, "language": {string(s.DefaultLanguage)}}
	}
	w.renderSettings(rw, r, http.StatusOK, f)
}

func (w *Web) renderSettings(rw http.ResponseWriter, r *http.Request, status int, f *form) {
	_, at, err := w.settings.Changed(r.Context())
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	d := settingsData{pageData: w.page(r, "Innstillinger"), Form: f, Saved: r.URL.Query().Get("saved") == "1", ChangedAt: at}
	for _, l := range i18n.All {
		d.Languages = append(d.Languages, option{Value: string(l), Nb: l.Name(), Plain: true})
	}
	w.render(rw, r, status, "admin/settings", d)
}

// SaveSettings serves POST /admin/settings. The settings' own rule (settings.Site.Check) decides;
// a refusal stands at the field with what was typed.
func (w *Web) SaveSettings(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.settingsAdministrator(rw, r)
	if !ok {
		return
	}
	f, ok := w.posted(rw, r, p, "admin/settings")
	if !ok {
		return
	}
	f.Require("municipality", "Skriv kommunens navn.")
	f.Limit("municipality", settings.MaxName)
	f.Limit("phone", settings.MaxPhone)
	f.Limit("email", settings.MaxEmail)
	f.Limit("address", settings.MaxAddress)
	if !f.OK() {
		w.renderSettings(rw, r, http.StatusUnprocessableEntity, f)
		return
	}
	site := settings.Site{Municipality: f.Trimmed("municipality"), Phone: f.Trimmed("phone"), Email: f.Trimmed("email"),
		Address: f.Trimmed("address"), DefaultLanguage: i18n.Lang(f.Trimmed("language"))}
	err := w.settings.Save(r.Context(), p, site)
	if refuse(f, "municipality", err, apperr.Unprocessable) {
		w.renderSettings(rw, r, http.StatusUnprocessableEntity, f)
		return
	}
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.dropDraft(r.Context(), p, f.Key)
	http.Redirect(rw, r, "/admin/settings?saved=1", http.StatusSeeOther)
}

// settingsAdministrator is the administrator, on a server that keeps settings (a test's may not).
func (w *Web) settingsAdministrator(rw http.ResponseWriter, r *http.Request) (*access.Principal, bool) {
	p, ok := w.administrator(rw, r)
	if ok && w.settings == nil {
		w.NotFound(rw, r)
		return nil, false
	}
	return p, ok
}
