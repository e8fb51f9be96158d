package web

import (
	"net/http"
	"net/url"

	"veiviser/internal/access"
	"veiviser/internal/allocation"
	"veiviser/internal/apperr"
	"veiviser/internal/kernel"
)

// The allocation office's lead rewrites the catalogue's words: GET /unit/catalogue lists the
// services, /unit/catalogue/{code} edits one in the three languages, with who changed what and
// when.

const catalogueKey = "unit-catalogue" // + "/" + service code

// catalogueEditData is the editor's list or one service's form.
type catalogueEditData struct {
	pageData
	Services []allocation.Described
	Code     string
	Form     *form
	History  []catalogueChangeView
	Saved    bool
}

// catalogueChangeView is one change with the names of who made it and of the texts it changed.
type catalogueChangeView struct {
	allocation.CatalogueChange
	ByName string
	What   []string // catalog keys of the fields
}

// wordLabels name the catalogue's texts.
var wordLabels = map[string]string{"name": "Navn", "summary": "Hva tjenesten er", "forWhom": "Hvem den er for", "cost": "Hva den koster"}

// catalogueEditor is the signed-in lead who may edit the catalogue; else the request is
// answered as a missing page.
func (w *Web) catalogueEditor(rw http.ResponseWriter, r *http.Request) (*access.Principal, bool) {
	p, ok := w.holder(rw, r, access.UnitLead)
	if !ok {
		return nil, false
	}
	if !w.coord.MayEditCatalogue(p) {
		w.NotFound(rw, r)
		return nil, false
	}
	return p, true
}

// CatalogueEditList serves GET /unit/catalogue.
func (w *Web) CatalogueEditList(rw http.ResponseWriter, r *http.Request) {
	if _, ok := w.catalogueEditor(rw, r); !ok {
		return
	}
	list, err := w.coord.ServiceCatalogue(r.Context(), w.langOf(r))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "unit/catalogue", catalogueEditData{pageData: w.page(r, "Tjenesteoversikten"), Services: list})
}

// CatalogueEditForm serves GET /unit/catalogue/{code}: the service's words, in the three
// languages, and its history.
func (w *Web) CatalogueEditForm(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.catalogueEditor(rw, r)
	if !ok {
		return
	}
	code := r.PathValue("code")
	f := w.openForm(r.Context(), p, catalogueKey+"/"+code)
	if f.Restored.IsZero() {
		words, err := w.coord.ServiceWordsOf(r.Context(), code)
		if err != nil {
			w.fail(rw, r, err)
			return
		}
		f.Values = wordValues(words)
	}
	w.renderCatalogueForm(rw, r, http.StatusOK, code, f)
}

func (w *Web) renderCatalogueForm(rw http.ResponseWriter, r *http.Request, status int, code string, f *form) {
	hist, err := w.coord.CatalogueHistory(r.Context(), code)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	d := catalogueEditData{pageData: w.page(r, "Tjenesteoversikten"), Code: code, Form: f, Saved: r.URL.Query().Get("saved") != ""}
	if s, err := w.coord.CatalogueService(r.Context(), code, w.langOf(r)); err == nil {
		d.Title, d.TitleArgs = "Rediger %s", []any{s.Name}
	}
	for _, c := range hist {
		v := catalogueChangeView{CatalogueChange: c, ByName: w.coord.ApplicantName(r.Context(), c.By)}
		for _, f := range c.Fields {
			v.What = append(v.What, wordLabels[f])
		}
		d.History = append(d.History, v)
	}
	w.render(rw, r, status, "unit/catalogue_edit", d)
}

// SaveCatalogueService serves POST /unit/catalogue/{code}.
func (w *Web) SaveCatalogueService(rw http.ResponseWriter, r *http.Request) {
	code := r.PathValue("code")
	p, ok := w.catalogueEditor(rw, r)
	if !ok {
		return
	}
	f, ok := w.posted(rw, r, p, catalogueKey+"/"+code)
	if !ok {
		return
	}
	words := allocation.ServiceWords{}
	get := func(name string) allocation.Words {
		max := kernel.MaxText
		if name == "name" {
			max = kernel.MaxName
		}
		for _, l := range []string{"nb", "nn", "en"} {
			f.Require(name+"-"+l, "Skriv teksten på bokmål, nynorsk og engelsk.")
			f.Limit(name+"-"+l, max)
		}
		return allocation.Words{NB: f.Trimmed(name + "-nb"), NN: f.Trimmed(name + "-nn"), EN: f.Trimmed(name + "-en")}
	}
	words.Name, words.Summary, words.ForWhom, words.Cost = get("name"), get("summary"), get("forWhom"), get("cost")
	if !f.OK() {
		w.renderCatalogueForm(rw, r, http.StatusUnprocessableEntity, code, f)
		return
	}
	_, err := w.coord.SaveServiceWords(r.Context(), code, words)
	if refuse(f, "name-nb", err, apperr.Unprocessable, apperr.Conflict, apperr.PreconditionFailed) {
		w.renderCatalogueForm(rw, r, http.StatusUnprocessableEntity, code, f)
		return
	}
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.dropDraft(r.Context(), p, f.Key)
	http.Redirect(rw, r, "/unit/catalogue/"+url.PathEscape(code)+"?saved=1", http.StatusSeeOther)
}

// wordValues are a service's words as the form's values.
func wordValues(s allocation.ServiceWords) url.Values {
	v := url.Values{}
	for name, words := range map[string]allocation.Words{"name": s.Name, "summary": s.Summary, "forWhom": s.ForWhom, "cost": s.Cost} {
		v.Set(name+"-nb", words.NB)
		v.Set(name+"-nn", words.NN)
		v.Set(name+"-en", words.EN)
	}
	return v
}
