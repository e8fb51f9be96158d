package web

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"veiviser/internal/coordination"
)

// The citizen's copy as a PDF to read: a page that says what it is, then every version of every
// record, each as its fields in plain lines ("name: value"), in the order of the copy. It is
// written with fpdf (pure Go, no browser); the standard fonts carry Norwegian letters through
// the Windows-1252 code page.

// maxCopyValue bounds one field's value in the PDF; the Bundle holds it whole.
const maxCopyValue = 400

// writeCopyPDF writes c as a PDF in tr's language: the words are translated, the records'
// fields and values are as stored.
func writeCopyPDF(w io.Writer, c coordination.CitizenCopy, made time.Time, tr translator) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(false) // plain text streams: a search of the file finds what it says
	enc := pdf.UnicodeTranslatorFromDescriptor("")
	title := tr.Tf("Opplysninger om %s i Veiviser", c.Name)
	pdf.SetTitle(title, true)
	pdf.SetAuthor("Veiviser", true)
	pdf.SetLang(string(tr.lang))
	pdf.SetMargins(18, 18, 18)
	pdf.SetAutoPageBreak(true, 18)
	pdf.AddPage()
	pdf.SetFont("Helvetica", "B", 16)
	pdf.MultiCell(0, 8, enc(title), "", "L", false)
	pdf.SetFont("Helvetica", "", 10)
	at := made.In(oslo)
	pdf.MultiCell(0, 5, enc(tr.Tf("Laget %s kl. %s. Her er alt Veiviser har lagret om deg: hver versjon av hver opplysning, også hvem som har sett og endret dem. "+
		"Den samme kopien som FHIR-fil (JSON) kan du ta med til et annet system.", at.Format("02.01.2006"), at.Format("15:04"))), "", "L", false)
	pdf.Ln(3)
	for _, v := range c.Versions {
		pdf.SetFont("Helvetica", "B", 11)
		pdf.MultiCell(0, 6, enc(tr.Tf("%s %s, versjon %d, %s", tr.T(recordName(v.Type)), v.ID, v.VersionID, v.LastUpdated.In(oslo).Format("02.01.2006 15:04"))), "", "L", false)
		pdf.SetFont("Helvetica", "", 9)
		for _, line := range fieldLines(v.Body) {
			pdf.MultiCell(0, 4.5, enc(line), "", "L", false)
		}
		pdf.Ln(2)
	}
	return pdf.Output(w)
}

// fieldLines are a resource's fields as "path: value" lines, in its own order of keys sorted,
// without its meta and its narrative.
func fieldLines(body []byte) []string {
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return []string{string(body)}
	}
	var out []string
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch t := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(t))
			for k := range t {
				if path == "" && (k == "meta" || k == "text" || k == "resourceType") {
					continue
				}
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				walk(join(path, k), t[k])
			}
		case []any:
			for i, e := range t {
				walk(path+"["+strconv.Itoa(i+1)+"]", e)
			}
		default:
			s := fmt.Sprint(t)
			if len([]rune(s)) > maxCopyValue {
				s = string([]rune(s)[:maxCopyValue]) + " …"
			}
			out = append(out, path+": "+s)
		}
	}
	walk("", v)
	return out
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// copyFileName is the download's file name, of the citizen and the day.
func copyFileName(c coordination.CitizenCopy, made time.Time, ext string) string {
	return "veiviser-" + strings.ReplaceAll(strings.TrimPrefix(c.Patient, "Patient/"), "/", "-") + "-" + made.In(oslo).Format("2006-01-02") + "." + ext
}
