package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

type structureDef struct {
	ID       string `json:"id"`
	Kind     string `json:"kind"`
	Type     string `json:"type"`
	Snapshot struct {
		Element []elementDef `json:"element"`
	} `json:"snapshot"`
}

type elementDef struct {
	Path             string `json:"path"`
	Min              int    `json:"min"`
	Max              string `json:"max"`
	ContentReference string `json:"contentReference"`
	Type             []struct {
		Code          string   `json:"code"`
		TargetProfile []string `json:"targetProfile"`
		Extension     []struct {
			URL      string `json:"url"`
			ValueURL string `json:"valueUrl"`
		} `json:"extension"`
	} `json:"type"`
	Binding *struct {
		Strength string `json:"strength"`
		ValueSet string `json:"valueSet"`
	} `json:"binding"`
}

type valueSet struct {
	URL     string `json:"url"`
	Compose struct {
		Include []vsInclude `json:"include"`
		Exclude []vsInclude `json:"exclude"`
	} `json:"compose"`
}

type vsInclude struct {
	System   string                  `json:"system"`
	Concept  []struct{ Code string } `json:"concept"`
	Filter   []json.RawMessage       `json:"filter"`
	ValueSet []string                `json:"valueSet"`
}

type concept struct {
	Code    string    `json:"code"`
	Concept []concept `json:"concept"`
}

type codeSystem struct {
	URL     string    `json:"url"`
	Content string    `json:"content"`
	Concept []concept `json:"concept"`
}

type searchParameter struct {
	Code        string   `json:"code"`
	Base        []string `json:"base"`
	Type        string   `json:"type"`
	Expression  string   `json:"expression"`
	Target      []string `json:"target"`
	Description string   `json:"description"`
}

type compartmentDef struct {
	Code     string `json:"code"`
	Resource []struct {
		Code  string   `json:"code"`
		Param []string `json:"param"`
	} `json:"resource"`
}

// defs is everything read from the folder, keyed by id or canonical URL.
type defs struct {
	structures  map[string]*structureDef // by id (type name)
	valueSets   map[string]*valueSet     // by URL
	codeSystems map[string]*codeSystem   // by URL
	params      []searchParameter        // in file name order
	patient     *compartmentDef
}

func loadDefs(dir string) (*defs, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(names) == 0 {
		return nil, fmt.Errorf("no definitions in %s: %v", dir, err)
	}
	d := &defs{structures: map[string]*structureDef{}, valueSets: map[string]*valueSet{},
		codeSystems: map[string]*codeSystem{}}
	for _, name := range names { // Glob sorts, so the output is stable
		if err := d.load(name); err != nil {
			return nil, err
		}
	}
	if d.patient == nil {
		return nil, fmt.Errorf("%s: no Patient CompartmentDefinition", dir)
	}
	return d, nil
}

func (d *defs) load(name string) error {
	data, err := os.ReadFile(name)
	if err != nil {
		return fmt.Errorf("read definitions: %w", err)
	}
	base := filepath.Base(name)
	kind, _, _ := strings.Cut(base, "-")
	var target any
	switch kind {
	case "StructureDefinition":
		sd := &structureDef{}
		target = sd
		defer func() { d.structures[sd.ID] = sd }()
	case "ValueSet":
		vs := &valueSet{}
		target = vs
		defer func() { d.valueSets[vs.URL] = vs }()
	case "CodeSystem":
		cs := &codeSystem{}
		target = cs
		defer func() { d.codeSystems[cs.URL] = cs }()
	case "SearchParameter":
		sp := &searchParameter{}
		target = sp
		defer func() { d.params = append(d.params, *sp) }()
	case "CompartmentDefinition":
		cd := &compartmentDef{}
		target = cd
		defer func() {
			if cd.Code == "Patient" {
				d.patient = cd
			}
		}()
	default:
		return nil
	}
	if err := json.Unmarshal(data, target); err != nil {
		return fmt.Errorf("parse %s: %w", base, err)
	}
	return nil
}
