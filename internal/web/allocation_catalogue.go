package web

import (
	"fmt"
	"net/http"
	"strings"

	"veiviser/internal/allocation"
	"veiviser/internal/lawdata"
)

// serviceView is one service of the catalogue as a page shows it.
type serviceView struct {
	allocation.Described
	DeadlineText string // "4 uker", in the page's language
	FeeText      string // "210 kr per måned"; "" when the service has no amount or this year's is missing
}

type servicesData struct {
	pageData
	Services []serviceView
	Service  serviceView
}

// ServiceCatalogue serves GET /tjenester: the services the allocation office decides on, for
// anyone, without sign-in.
func (w *Web) ServiceCatalogue(rw http.ResponseWriter, r *http.Request) {
	list, err := w.coord.ServiceCatalogue(r.Context(), w.langOf(r))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	d := servicesData{pageData: w.page(r, "Tjenester du kan søke om")}
	for _, s := range list {
		d.Services = append(d.Services, w.serviceView(r, s))
	}
	w.render(rw, r, http.StatusOK, "public/services", d)
}

// CatalogueService serves GET /tjenester/{code}: one service, what it costs, its legal basis
// and how to appeal.
func (w *Web) CatalogueService(rw http.ResponseWriter, r *http.Request) {
	s, err := w.coord.CatalogueService(r.Context(), r.PathValue("code"), w.langOf(r))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "public/service", servicesData{pageData: w.page(r, "%s", s.Name), Service: w.serviceView(r, s)})
}

func (w *Web) serviceView(r *http.Request, s allocation.Described) serviceView {
	tr := translator{lang: w.langOf(r), cat: w.cat}
	v := serviceView{Described: s, DeadlineText: durationText(tr, s.AppealDeadline)}
	if s.Fee != nil {
		per := tr.T("per døgn")
		if s.Fee.Per == "month" {
			per = tr.T("per måned")
		}
		v.FeeText = kroner(s.Fee.Øre) + " " + per
	}
	return v
}

// durationText is a duration from the law table in words: "4 uker".
func durationText(tr translator, v lawdata.Value) string {
	switch v.Unit {
	case lawdata.Weeks:
		return tr.Tf("%d uker", v.N)
	case lawdata.Months:
		return tr.Tf("%d måneder", v.N)
	case lawdata.WorkingDays:
		return tr.Tf("%d virkedager", v.N)
	}
	return tr.Tf("%d dager", v.N)
}

// kroner is an amount in øre as Norwegians write it: "1 250 kr", "185,50 kr".
func kroner(øre int64) string {
	whole, part := øre/100, øre%100
	digits := fmt.Sprint(whole)
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString("\u00a0")
		}
		b.WriteRune(c)
	}
	if part != 0 {
		fmt.Fprintf(&b, ",%02d", part)
	}
	return b.String() + "\u00a0kr"
}
