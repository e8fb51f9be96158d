package allocation

import (
	_ "embed"
	"fmt"
	"regexp"

	"veiviser/internal/fees"
	"veiviser/internal/i18n"
	"veiviser/internal/lawdata"
)

//go:embed catalogue/services.json
var servicesJSON []byte

// Words is a text the office writes in each of the three languages.
type Words struct {
	NB string `json:"nb"`
	NN string `json:"nn"`
	EN string `json:"en"`
}

// In is the text in lang; bokmål for a language it does not know.
func (w Words) In(lang i18n.Lang) string {
	switch lang {
	case i18n.Nynorsk:
		return w.NN
	case i18n.English:
		return w.EN
	}
	return w.NB
}

func (w Words) complete() bool { return w.NB != "" && w.NN != "" && w.EN != "" }

// AppealRoute is the law an appeal against the service's decisions runs under: it gives the
// deadline and the appeal body.
type AppealRoute string

// The routes (law.md §2.3): health and care services under pasient- og brukerrettighetsloven,
// four weeks to the county governor; services the municipality handles under forvaltningsloven
// alone (a safety alarm in many municipalities), three weeks to the municipality's own board.
const (
	AppealHealth AppealRoute = "pbrl"
	AppealAdmin  AppealRoute = "fvl"
)

// DeadlineKey and BodyKey are the route's rules in the law table.
func (r AppealRoute) DeadlineKey() lawdata.Key { return lawdata.Key("appeal.deadline." + string(r)) }
func (r AppealRoute) BodyKey() lawdata.Key     { return lawdata.Key("appeal.body." + string(r)) }

// RightKey is the route's rule giving the right to appeal, as a decision letter cites it.
func (r AppealRoute) RightKey() lawdata.Key { return lawdata.Key("appeal.right." + string(r)) }

// ServiceKind is one kind of service in the catalogue.
type ServiceKind struct {
	Code       string      `json:"code"` // stable, e.g. "home-help"; the address of its page
	Name       Words       `json:"name"`
	Summary    Words       `json:"summary"` // what it is, plainly
	ForWhom    Words       `json:"forWhom"`
	Cost       Words       `json:"cost"` // the fee rule in words
	LegalBasis lawdata.Key `json:"legalBasis"`
	Appeal     AppealRoute `json:"appeal"`
	Fee        lawdata.Key `json:"fee,omitempty"`    // the national maximum, when there is one
	FeePer     string      `json:"feePer,omitempty"` // "day" or "month", with Fee
	Free       bool        `json:"free,omitempty"`
	// FeeRule is how the service is charged (internal/fees): the rule a decision's fee is
	// computed by, line by line.
	FeeRule fees.Rule `json:"feeRule"`
}

// Catalogue is the services the office decides on, in the order the catalogue lists them.
type Catalogue struct {
	services []ServiceKind
	byCode   map[string]int
}

// LoadCatalogue reads the embedded catalogue and checks it against law: every text in three
// languages, every rule it names known to the table, so a missing one stops the server at start.
func LoadCatalogue(law *lawdata.Table) (*Catalogue, error) {
	list, err := lawdata.DecodeStrict[[]ServiceKind](servicesJSON, "the service catalogue")
	if err != nil {
		return nil, err
	}
	return NewCatalogue(list, law)
}

var codePattern = regexp.MustCompile(`^[a-z][a-z0-9-]{1,39}$`)

// NewCatalogue checks list (see LoadCatalogue) and returns it as a catalogue.
func NewCatalogue(list []ServiceKind, law *lawdata.Table) (*Catalogue, error) {
	known := map[lawdata.Key]bool{}
	for _, r := range law.Rules() {
		known[r.Key] = true
	}
	c := &Catalogue{byCode: map[string]int{}}
	for i, s := range list {
		if err := s.check(known); err != nil {
			return nil, fmt.Errorf("service catalogue, entry %d: %w", i+1, err)
		}
		if _, dup := c.byCode[s.Code]; dup {
			return nil, fmt.Errorf("service catalogue: %q twice", s.Code)
		}
		c.byCode[s.Code] = i
		c.services = append(c.services, s)
	}
	return c, nil
}

func (s ServiceKind) check(known map[lawdata.Key]bool) error {
	switch {
	case !codePattern.MatchString(s.Code):
		return fmt.Errorf("code %q is not lower-case letters, digits and hyphens", s.Code)
	case !s.Name.complete() || !s.Summary.complete() || !s.ForWhom.complete() || !s.Cost.complete():
		return fmt.Errorf("%s: a text lacks bokmål, nynorsk or English", s.Code)
	case s.Appeal != AppealHealth && s.Appeal != AppealAdmin:
		return fmt.Errorf("%s: appeal route %q is neither pbrl nor fvl", s.Code, s.Appeal)
	case s.Free && s.Fee != "":
		return fmt.Errorf("%s: free and with a fee", s.Code)
	case !s.FeeRule.Known():
		return fmt.Errorf("%s: fee rule %q is not one of internal/fees", s.Code, s.FeeRule)
	case s.Free != (s.FeeRule == fees.Free || s.FeeRule == fees.NotCharged):
		return fmt.Errorf("%s: free, but charged by the rule %q (or the other way)", s.Code, s.FeeRule)
	case s.Fee != "" && s.FeePer != "day" && s.FeePer != "month":
		return fmt.Errorf("%s: a fee per %q, not per day or month", s.Code, s.FeePer)
	}
	for _, k := range []lawdata.Key{s.LegalBasis, s.Appeal.DeadlineKey(), s.Appeal.BodyKey(), s.Appeal.RightKey(), s.Fee} {
		if k != "" && !known[k] {
			return fmt.Errorf("%s: the law table has no rule %q", s.Code, k)
		}
	}
	return nil
}

// Kinds are the catalogue's services in its order. The caller may change the slice.
func (c *Catalogue) Kinds() []ServiceKind { return append([]ServiceKind(nil), c.services...) }

// Kind is the kind of service with code.
func (c *Catalogue) Kind(code string) (ServiceKind, bool) {
	i, ok := c.byCode[code]
	if !ok {
		return ServiceKind{}, false
	}
	return c.services[i], true
}
