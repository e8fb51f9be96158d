package reporting

import (
	"encoding/xml"
	"fmt"
	"io"
)

// The KPR file's layout (docs/kpr.md lists every element, and which names are the register's
// and which are Veiviser's own): one KPRMelding for a municipality and a year, one Bruker per
// person with their services (Tjeneste), refusals (Avslag), the individual plan and coordinator
// flags and their latest functional assessment of the year (Funksjon).

// Namespace is the file's XML namespace: Veiviser's own, since the register's schema (IPLOS
// 3.7 XSD) could not be read here (docs/kpr.md).
const Namespace = "urn:veiviser:kpr:iplos:1"

// LayoutVersion is the version of this layout, written in the file.
const LayoutVersion = "1"

// File is the whole report.
type File struct {
	XMLName xml.Name `xml:"urn:veiviser:kpr:iplos:1 KPRMelding"`
	Version string   `xml:"versjon,attr"`
	Year    int      `xml:"rapporteringsaar,attr"`
	Sender  Sender   `xml:"Avsender"`
	Persons []Person `xml:"Bruker"`
}

// Sender is who reports: the municipality and the system the data are drawn from.
type Sender struct {
	Municipality string `xml:"kommuneNr"`  // the four-digit municipality number
	System       string `xml:"navnEPJ"`    // "Veiviser"
	Version      string `xml:"versjonEPJ"` // the binary's version
	From         string `xml:"periodeFra"` // the year's first day, YYYY-MM-DD
	To           string `xml:"periodeTil"` // its last
	Made         string `xml:"uttrekkTid"` // when the file was drawn, RFC 3339
}

// Person is one person who had a service running or a refusal in the year.
type Person struct {
	NIN          string         `xml:"fid"`    // the national identity number (fødselsnummer or D-nummer)
	IDType       string         `xml:"typeID"` // FNR or DNR
	Sex          string         `xml:"kjonn"`  // 1 man, 2 woman, 0 not known, 9 not specified
	BirthYear    int            `xml:"fodselsaar"`
	Age          int            `xml:"alder"`     // full years on the year's last day
	Municipality string         `xml:"kommuneNr"` // the municipality of residence
	Plan         bool           `xml:"individuellPlan"`
	Coordinator  bool           `xml:"koordinator"`
	Functions    *Functions     `xml:"Funksjon,omitempty"`
	Services     []GivenService `xml:"Tjeneste"`
	Refusals     []Refusal      `xml:"Avslag"`
}

// Functions are the scores of the person's latest functional assessment in the year.
type Functions struct {
	Assessed string     `xml:"vurderingsdato"` // YYYY-MM-DD
	Scores   []Variable `xml:"Variabel"`
}

// Variable is one IPLOS variable's score, named by Veiviser's code (catalogue/functions.json).
type Variable struct {
	Code  string `xml:"kode,attr"`
	Score int    `xml:"skaar,attr"`
}

// GivenService is one decided service that ran at some time in the year.
type GivenService struct {
	Type     string `xml:"tjenesteType"`          // the KPR code
	Own      string `xml:"veiviserTjeneste"`      // the catalogue's code
	Decision string `xml:"vedtakID"`              // the decision's ServiceRequest id
	From     string `xml:"fraDato"`               // YYYY-MM-DD
	To       string `xml:"tilDato,omitempty"`     // none: until further notice
	Hours    string `xml:"timerPerUke,omitempty"` // decided hours a week (HoursPerWeek), two decimals
}

// Refusal is a refused application decided in the year.
type Refusal struct {
	Type     string `xml:"tjenesteType"`
	Own      string `xml:"veiviserTjeneste"`
	Decision string `xml:"vedtakID"`
	Received string `xml:"soknadMottatt"` // the date the application was received
	Refused  string `xml:"avslagDato"`    // the date of the refusal
}

// WriteXML writes f as an indented UTF-8 XML document.
func WriteXML(w io.Writer, f File) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return fmt.Errorf("writing the KPR file: %w", err)
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
