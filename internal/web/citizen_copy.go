package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/intake"
)

// myDataData is the page of the citizen's copy.
type myDataData struct {
	pageData
	For, ForName string // the child a guardian downloads for; "" for one's own
	Query        string // ?for=... to keep on the download links
}

// MyData serves GET /citizen/my-data: what the copy holds and the two downloads (a guardian
// downloads a child's with ?for=).
func (w *Web) MyData(rw http.ResponseWriter, r *http.Request) {
	_, ok := w.holder(rw, r, access.Citizen)
	if !ok {
		return
	}
	d := myDataData{pageData: w.page(r, "Mine opplysninger")}
	if child := r.URL.Query().Get("for"); child != "" {
		s, err := w.childOf(r, child)
		if err != nil {
			w.fail(rw, r, err)
			return
		}
		d.For, d.ForName, d.Query = child, s.Name, "?for="+url.QueryEscape(child)
		d.Title, d.TitleArgs = "Opplysninger om %s", []any{s.Name}
	}
	w.render(rw, r, http.StatusOK, "citizen/mydata", d)
}

// childOf is a child the signed-in person is guardian for, as they may act for it; NotFound for
// anyone else.
func (w *Web) childOf(r *http.Request, child string) (intake.Subject, error) {
	subjects, err := w.coord.InquirySubjects(r.Context())
	if err != nil {
		return intake.Subject{}, err
	}
	for _, s := range subjects {
		if s.Patient == child && s.Source == intake.FromGuardian {
			return s, nil
		}
	}
	return intake.Subject{}, apperr.New(apperr.NotFound, "%s is not a child you are guardian for", child)
}

// MyDataDownload serves GET /citizen/my-data/veiviser.json and /citizen/my-data/veiviser.pdf:
// everything held about the citizen (or, with ?for=, the guardian's child), as a FHIR Bundle or
// a PDF. Collecting it is logged in the citizen's access log; someone else's answers as missing.
func (w *Web) MyDataDownload(format string) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		p, ok := w.holder(rw, r, access.Citizen)
		if !ok {
			return
		}
		c, err := w.coord.CitizenCopyOf(r.Context(), planPatient(r, p))
		if err != nil {
			w.fail(rw, r, err)
			return
		}
		made := w.now()
		var body []byte
		contentType := "application/fhir+json"
		switch format {
		case "json":
			body, err = c.Bundle(made)
		case "pdf":
			var b bytes.Buffer
			err = writeCopyPDF(&b, c, made, translator{lang: w.langOf(r), cat: w.cat})
			body, contentType = b.Bytes(), "application/pdf"
		}
		if err != nil {
			w.fail(rw, r, err)
			return
		}
		rw.Header().Set("Content-Type", contentType)
		rw.Header().Set("Content-Disposition", `attachment; filename="`+copyFileName(c, made, format)+`"`)
		rw.Header().Set("Content-Length", strconv.Itoa(len(body)))
		rw.Header().Set("Cache-Control", "no-store")
		_, _ = rw.Write(body)
	}
}
