package reporting

import (
	_ "embed"
	"fmt"
	"regexp"

	"veiviser/internal/lawdata"
)

//go:embed kprservices.json
var kprServicesJSON []byte

// KPRService is one of Veiviser's services with its code on the KPR service list.
type KPRService struct {
	Service string `json:"service"` // the catalogue's code
	KPR     string `json:"kpr"`     // the register's tjenestetype
	KPRName string `json:"kprName"` // its name on the list
}

// Unreported is a service of the catalogue that has no code on the KPR list, and why.
type Unreported struct {
	Service string `json:"service"`
	Why     string `json:"why"`
}

// KPRServices maps the catalogue to the KPR service list.
type KPRServices struct {
	Source   string       `json:"source"`
	Mapped   []KPRService `json:"mapped"`
	Unmapped []Unreported `json:"unmapped"`
}

var kprCode = regexp.MustCompile(`^[0-9]{1,2}$`)

// LoadKPRServices reads the embedded mapping and checks it: each service once, mapped or
// unmapped, each KPR code a number of the list's form and used once.
func LoadKPRServices() (KPRServices, error) {
	m, err := lawdata.DecodeStrict[KPRServices](kprServicesJSON, "the KPR service codes")
	if err != nil {
		return KPRServices{}, err
	}
	seen, codes := map[string]bool{}, map[string]bool{}
	for _, s := range m.Mapped {
		if s.Service == "" || seen[s.Service] || !kprCode.MatchString(s.KPR) || codes[s.KPR] || s.KPRName == "" {
			return KPRServices{}, fmt.Errorf("the KPR service codes: %q (%q) is badly coded or twice", s.Service, s.KPR)
		}
		seen[s.Service], codes[s.KPR] = true, true
	}
	for _, u := range m.Unmapped {
		if u.Service == "" || seen[u.Service] || u.Why == "" {
			return KPRServices{}, fmt.Errorf("the KPR service codes: unmapped %q is twice or says not why", u.Service)
		}
		seen[u.Service] = true
	}
	return m, nil
}

// Code is the KPR code of a catalogue service; false for one the register has no code for.
func (m KPRServices) Code(service string) (KPRService, bool) {
	for _, s := range m.Mapped {
		if s.Service == service {
			return s, true
		}
	}
	return KPRService{}, false
}

// Knows says whether the mapping says something of service, mapped or not.
func (m KPRServices) Knows(service string) bool {
	if _, ok := m.Code(service); ok {
		return true
	}
	for _, u := range m.Unmapped {
		if u.Service == service {
			return true
		}
	}
	return false
}
