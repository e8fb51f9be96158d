package reporting

import (
	"testing"

	"veiviser/internal/allocation"
	"veiviser/internal/lawdata"
)

// TestEveryServiceIsMappedOrSaysWhyNot: each service of the shipped catalogue has a KPR code
// or is listed as unmapped with a reason, and the mapping names no service the catalogue lacks.
func TestEveryServiceIsMappedOrSaysWhyNot(t *testing.T) {
	m, err := LoadKPRServices()
	if err != nil {
		t.Fatal(err)
	}
	law, err := lawdata.New()
	if err != nil {
		t.Fatal(err)
	}
	c, err := allocation.LoadCatalogue(law)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range c.Kinds() {
		if !m.Knows(k.Code) {
			t.Errorf("the catalogue's %q is neither mapped to KPR nor listed as unmapped", k.Code)
		}
	}
	for _, s := range m.Mapped {
		if _, ok := c.Kind(s.Service); !ok {
			t.Errorf("the mapping names %q, which the catalogue does not hold", s.Service)
		}
	}
	if _, ok := m.Code("individual-plan"); ok {
		t.Error("the individual plan is reported as a flag, not as a service")
	}
}
