// Package web serves Veiviser's HTML pages and their static files. Templates are embedded and
// parsed once at start; static files are embedded too. The front-end libraries (Designsystemet,
// htmx) are copied from node_modules into static/vendor/ by scripts/vendor-assets before the
// build; that folder is never committed, so a build without it still works and the pages then
// render unstyled.
//
// The files are grouped by what they serve: shell*.go is what every page shares (layout and
// templates, navigation, sessions, forms and their drafts, formatting, static files, the login
// page); routes.go lists every page; then one group per area of the work: intake_*.go,
// coordinators_*.go, consent_*.go, plan*.go, meetings_*.go, emergency.go, and each role's start
// page in workspace_*.go. A page's data comes from the area's service (through
// coordination.Service); a handler reads the form, calls the service and renders, nothing more.
package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"veiviser/internal/contactrequest"
	"veiviser/internal/coordination"
	"veiviser/internal/fees"
	"veiviser/internal/i18n"
	"veiviser/internal/plan"
	"veiviser/internal/settings"
)

//go:embed templates
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Options configure the web handlers.
type Options struct {
	Logger *slog.Logger
	// Drafts keeps what people type into forms until they send it; without it (the login
	// pages' tests) forms still work but keep no drafts.
	Drafts Drafts
	// Municipality is the name shown in the header, e.g. "Fjordvik kommune".
	Municipality string
	Clock        func() time.Time // nil means time.Now
	// Coordination runs the coordinating unit's workflows; every page about a citizen calls it
	// and nothing else, so need-to-know, the access log and the rules hold as in the API.
	// Without it (the login pages' tests) those pages answer as missing.
	Coordination *coordination.Service
	// Users is the administrator's user administration; without it the administrator's pages
	// answer as missing.
	Users UserAdmin
	// Languages keeps a signed-in person's choice of language; without it the choice is kept on
	// the browser only.
	Languages Languages
	// Settings are the municipality's settings (its name, contact, default language) and the
	// administrator's page for them; without it Municipality is the name and bokmål the default.
	Settings *settings.Service
	// Catalog translates the pages; nil loads the embedded catalogs.
	Catalog *i18n.Catalog
}

// Drafts keeps what a person has typed into a form and not yet sent, by user and form key
// (store.FormDrafts gives the store's).
type Drafts interface {
	// Save adds or replaces the user's draft of the form: its url-encoded values.
	Save(ctx context.Context, userID, form, body string, saved time.Time) error
	// Load returns the draft's values and when they were saved; an apperr.NotFound error when
	// there is none.
	Load(ctx context.Context, userID, form string) (body string, saved time.Time, err error)
	// Drop removes the draft once the form is sent; a missing one is not an error.
	Drop(ctx context.Context, userID, form string) error
}

// Web holds the parsed templates and the static file server.
type Web struct {
	pages    map[i18n.Lang]map[string]*template.Template // language -> page name -> layout + that page
	cat      *i18n.Catalog
	static   fs.FS             // rooted at static/
	hashes   map[string]string // static path (e.g. "app.css") -> short content hash
	logger   *slog.Logger
	drafts   Drafts
	now      func() time.Time
	town     string
	coord    *coordination.Service
	users    UserAdmin
	langs    Languages
	settings *settings.Service
	contacts *contactrequest.Limiter // the public cancer-coordinator form's rate limit
}

// New parses every template and hashes every static file. It fails when a template does not
// parse, so a broken template stops the server at start rather than at the first request.
func New(opts Options) (*Web, error) {
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	static, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, fmt.Errorf("web: static files: %w", err)
	}
	now := opts.Clock
	if now == nil {
		now = time.Now
	}
	w := &Web{static: static, logger: logger, drafts: opts.Drafts, now: now, town: opts.Municipality,
		coord: opts.Coordination, users: opts.Users, langs: opts.Languages, settings: opts.Settings, cat: opts.Catalog,
		contacts: contactrequest.NewLimiter(now)}
	if w.cat == nil {
		if w.cat, err = i18n.Load(); err != nil {
			return nil, fmt.Errorf("web: %w", err)
		}
	}
	if w.hashes, err = hashFiles(static); err != nil {
		return nil, fmt.Errorf("web: hashing static files: %w", err)
	}
	w.pages = make(map[i18n.Lang]map[string]*template.Template, len(i18n.All))
	for _, l := range i18n.All { // one set per language: a page's texts are looked up as it renders
		if w.pages[l], err = parsePages(w.funcs(translator{lang: l, cat: w.cat})); err != nil {
			return nil, fmt.Errorf("web: templates: %w", err)
		}
	}
	if _, ok := w.hashes["vendor/designsystemet/designsystemet.css"]; !ok {
		logger.Warn("web: Designsystemet is not in the binary; pages render unstyled (run scripts/vendor-assets before go build)")
	}
	return w, nil
}

// parsePages builds one template set per page: the layout plus that page's blocks. A page in
// a role's folder is named by its path: templates/pages/citizen/plan.html is "citizen/plan".
func parsePages(funcs template.FuncMap) (map[string]*template.Template, error) {
	var names []string
	for _, pattern := range []string{"templates/pages/*.html", "templates/pages/*/*.html"} {
		found, err := fs.Glob(templateFS, pattern)
		if err != nil {
			return nil, err
		}
		names = append(names, found...)
	}
	pages := make(map[string]*template.Template, len(names))
	for _, name := range names {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/components/*.html", name)
		if err != nil {
			return nil, fmt.Errorf("parsing %s: %w", name, err)
		}
		pages[name[len("templates/pages/"):len(name)-len(".html")]] = t
	}
	return pages, nil
}

func hashFiles(static fs.FS) (map[string]string, error) {
	hashes := map[string]string{}
	err := fs.WalkDir(static, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(static, path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		hashes[path] = hex.EncodeToString(sum[:6])
		return nil
	})
	return hashes, err
}

func (w *Web) funcs(tr translator) template.FuncMap {
	return template.FuncMap{
		// the page's language: t "bokmål" is the text in it, tf a format filled with values
		// (names, dates: never translated), ta a format with its values as a slice, text a
		// workflow's message (kernel.Text)
		"t": tr.T, "tf": tr.Tf, "ta": tr.Ta, "text": tr.Text,
		"lang":      func() string { return string(tr.lang) },
		"languages": func() []i18n.Lang { return i18n.All },
		// asset gives the URL of a static file with its content hash as a cache buster, so the
		// files can be cached for a year and a new build is still fetched at once.
		"asset": func(path string) string {
			if h, ok := w.hashes[path]; ok {
				return "/static/" + path + "?v=" + h
			}
			return "/static/" + path
		},
		"hasAsset":        func(path string) bool { _, ok := w.hashes[path]; return ok },
		"field":           field,
		"fieldID":         fieldID,
		"idOf":            func(key string) string { return fieldID(key, "form") },
		"clock":           func(t time.Time) string { return t.In(oslo).Format("15:04") },
		"date":            formatDate,
		"inc":             func(n int) int { return n + 1 }, // a row's number as people count, from 1
		"letterID":        func(ref string) string { return ref[strings.LastIndex(ref, "/")+1:] },
		"kroner":          func(øre int64) string { return fees.Kroner(øre, tr.lang) },
		"newPasswordForm": func(userID string) *form { return newForm("admin/password/"+userID, nil) },
		// the citizen's, relative's and unit lead's pages
		// names of codes, in the page's language
		"measureStatus": func(s plan.MeasureStatus) string { return tr.T(measureStatusName(s)) },
		"statusName":    func(s plan.PlanStatus) string { return tr.T(planStatusName(s)) },
		"recordName":    func(ref string) string { return tr.T(recordName(ref)) },
		"honeypot":      func() string { return honeypotField },
		"unitCaseURL":   unitCaseURL, "actionName": actionName, "recordSummary": recordSummary,
	}
}

// render writes a whole page, or a 500 when the template fails: the page is rendered into a
// buffer first so a failure never leaves half a page behind.
func (w *Web) render(rw http.ResponseWriter, r *http.Request, status int, page string, data any) {
	t, ok := w.pages[w.langOf(r)][page]
	if !ok {
		w.logger.ErrorContext(r.Context(), "web: no such page template", "page", page)
		http.Error(rw, "Intern feil / Internal error", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", data); err != nil {
		w.logger.ErrorContext(r.Context(), "web: rendering page", "page", page, "err", err)
		http.Error(rw, "Intern feil / Internal error", http.StatusInternalServerError)
		return
	}
	h := rw.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", string(w.langOf(r)))
	h.Set("Cache-Control", "no-store") // pages will hold personal data once people sign in
	rw.WriteHeader(status)
	if _, err := rw.Write(buf.Bytes()); err != nil {
		w.logger.DebugContext(r.Context(), "web: writing page", "err", err)
	}
}
