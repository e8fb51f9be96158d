// Package terminology is Veiviser's own code systems as data (codesystems.json): each code with
// its display in bokmål, nynorsk and English, served read-only over the API as CodeSystem and
// ValueSet resources, so an integrator can look up what a code of ours means.
package terminology

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"

	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
)

//go:embed codesystems.json
var codeSystemsJSON []byte

// ValueSetBase is the canonical base of the value sets, one per code system with all its codes.
const ValueSetBase = "https://veiviser.no/fhir/ValueSet/"

// Display is a text in the three written languages.
type Display struct {
	NB string `json:"nb"`
	NN string `json:"nn"`
	EN string `json:"en"`
}

// Concept is one code.
type Concept struct {
	Code    string  `json:"code"`
	Display Display `json:"display"`
}

// System is one code system: its id names it under kernel.CodeSystemBase.
type System struct {
	ID          string    `json:"id"`
	Name        string    `json:"name"`
	Title       Display   `json:"title"`
	Description string    `json:"description"`
	Concepts    []Concept `json:"concepts"`
}

// URL is the code system's canonical URL, the system of its codings.
func (s System) URL() string { return kernel.CodeSystemBase + s.ID }

// Terminology is every code system of Veiviser's.
type Terminology struct {
	systems []System
}

// Load reads the code systems; it refuses a system or a code twice, and a title or display
// missing in any of the three languages.
func Load() (*Terminology, error) {
	var systems []System
	if err := json.Unmarshal(codeSystemsJSON, &systems); err != nil {
		return nil, fmt.Errorf("terminology: codesystems.json: %w", err)
	}
	seen := map[string]bool{}
	for _, s := range systems {
		if s.ID == "" || s.Name == "" || seen[s.ID] || !complete(s.Title) || len(s.Concepts) == 0 {
			return nil, fmt.Errorf("terminology: code system %q needs a unique id, a name, a title in nb, nn and en, and codes", s.ID)
		}
		seen[s.ID] = true
		codes := map[string]bool{}
		for _, c := range s.Concepts {
			if c.Code == "" || codes[c.Code] || !complete(c.Display) {
				return nil, fmt.Errorf("terminology: %s: code %q needs to be unique, with a display in nb, nn and en", s.ID, c.Code)
			}
			codes[c.Code] = true
		}
	}
	return &Terminology{systems: systems}, nil
}

// Must is Load for the embedded code systems, which the package's tests load: a failure is a
// broken build, not a state to run in.
func Must() *Terminology {
	t, err := Load()
	if err != nil {
		panic(err)
	}
	return t
}

func complete(d Display) bool { return d.NB != "" && d.NN != "" && d.EN != "" }

// Systems are the code systems, in the file's order.
func (t *Terminology) Systems() []System { return slices.Clone(t.systems) }

// Has reports whether code is a code of the code system with the canonical URL system.
func (t *Terminology) Has(system, code string) bool {
	for _, s := range t.systems {
		if s.URL() == system {
			return slices.ContainsFunc(s.Concepts, func(c Concept) bool { return c.Code == code })
		}
	}
	return false
}

// CodeSystems are the code systems as R4 CodeSystem resources (content complete; the display
// in English, with designations in bokmål and nynorsk).
func (t *Terminology) CodeSystems() []*fhir.Resource {
	var out []*fhir.Resource
	for _, s := range t.systems {
		var concepts []any
		for _, c := range s.Concepts {
			concepts = append(concepts, kernel.ObjectOf("code", c.Code, "display", c.Display.EN, "designation", kernel.List(
				kernel.ObjectOf("language", "nb", "value", c.Display.NB),
				kernel.ObjectOf("language", "nn", "value", c.Display.NN))))
		}
		out = append(out, kernel.NewResource("CodeSystem", s.ID, "url", s.URL(), "version", "1", "name", s.Name,
			"title", s.Title.EN, "status", "active", "experimental", false, "publisher", "Veiviser",
			"description", s.Description, "caseSensitive", true, "valueSet", ValueSetBase+s.ID,
			"content", "complete", "count", len(s.Concepts), "concept", concepts))
	}
	return out
}

// ValueSets are one R4 ValueSet per code system, holding all its codes.
func (t *Terminology) ValueSets() []*fhir.Resource {
	var out []*fhir.Resource
	for _, s := range t.systems {
		out = append(out, kernel.NewResource("ValueSet", s.ID, "url", ValueSetBase+s.ID, "version", "1", "name", s.Name,
			"title", s.Title.EN, "status", "active", "experimental", false, "publisher", "Veiviser",
			"description", "All codes of "+s.URL()+".",
			"compose", kernel.ObjectOf("include", kernel.List(kernel.ObjectOf("system", s.URL())))))
	}
	return out
}
