package demo

import (
	"encoding/json"
	"time"

	"veiviser/internal/coordination"
	"veiviser/internal/coordinators"
	"veiviser/internal/fhir"
)

// The municipality, its units and staff. Every name is made up for the demo.
const (
	Municipality = "Fjellvik kommune"
	UnitKE       = coordination.DefaultUnit   // koordinerende enhet: the unit serve's rules and services know
	UnitAlloc    = coordination.DefaultOffice // tildelingskontoret: the office serve's services know
	UnitHome     = "fjellvik-hjemme"          // hjemmesykepleien
	UnitPhysio   = "fjellvik-fysio"           // fysio- og ergoterapi
	UnitSchool   = "fjellvik-ppt"             // skole og PPT
	UnitNAV      = "fjellvik-nav"             // NAV Fjellvik
)

type unit struct{ id, name, kind string }

var unitList = []unit{
	{UnitKE, "Koordinerende enhet, Fjellvik kommune", "coordinating-unit"},
	{UnitAlloc, "Tildelingskontoret, Fjellvik kommune", "allocation-office"},
	{UnitHome, "Hjemmesykepleien, Fjellvik kommune", "home-nursing"},
	{UnitPhysio, "Fysio- og ergoterapitjenesten, Fjellvik kommune", "physiotherapy"},
	{UnitSchool, "Fjellvik skole og PPT", "school"},
	{UnitNAV, "NAV Fjellvik", "nav"},
}

// staff is a Practitioner; coordinators also get a register entry.
type staff struct {
	id, name, unit, phone string
	kinds                 []coordinators.CoordinatorKind // nil: not a coordinator
}

var staffList = []staff{
	{id: "s-leder", name: "Torhild Bjerkvang", unit: UnitKE, phone: "400 10 001"},
	{id: "s-koord", name: "Jostein Myrvold", unit: UnitKE, phone: "400 10 002", kinds: []coordinators.CoordinatorKind{coordinators.KindOrdinary, coordinators.KindPathway}},
	{id: "s-barnekoord", name: "Sunniva Hegstad", unit: UnitKE, phone: "400 10 003", kinds: []coordinators.CoordinatorKind{coordinators.KindChild}},
	{id: "s-kreftkoord", name: "Arvid Tangvoll", unit: UnitKE, phone: "400 10 004", kinds: []coordinators.CoordinatorKind{coordinators.KindCancer}},
	{id: "s-fysio", name: "Ragnhild Storlia", unit: UnitPhysio, phone: "400 10 005"},
	{id: "s-hjemme", name: "Eirik Vassbotn", unit: UnitHome, phone: "400 10 006"},
	{id: "s-ppt", name: "Maren Solhaug", unit: UnitSchool, phone: "400 10 007"},
	{id: "s-nav", name: "Kjell Aasgård", unit: UnitNAV, phone: "400 10 008"},
	{id: "s-saksbeh", name: "Liv Hammerstad", unit: UnitAlloc, phone: "400 10 009"},
}

// citizen is a demo Patient.
type citizen struct {
	id, given, family string
	birth             time.Time
	gender            string
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// resource builds a resource from a map.
func resource(m map[string]any) *fhir.Resource {
	b, err := json.Marshal(m)
	if err != nil {
		panic(err) // maps of strings and slices always marshal
	}
	r, err := fhir.Parse(b)
	if err != nil {
		panic(err)
	}
	return r
}

func organization(u unit) *fhir.Resource {
	org := resource(map[string]any{"resourceType": "Organization", "id": u.id, "active": true, "name": u.name,
		"type": []any{map[string]any{"text": u.kind}}})
	if u.id == UnitKE {
		return withPublicPage(org)
	}
	return org
}

func practitioner(s staff) *fhir.Resource {
	return resource(map[string]any{"resourceType": "Practitioner", "id": s.id, "active": true,
		"name":    []any{map[string]any{"text": s.name}},
		"telecom": []any{map[string]any{"system": "phone", "value": s.phone}, map[string]any{"system": "email", "value": s.id[2:] + "@fjellvik.kommune.example"}}})
}

func practitionerRole(s staff) *fhir.Resource {
	return resource(map[string]any{"resourceType": "PractitionerRole", "id": s.id + "-role", "active": true,
		"practitioner": map[string]any{"reference": "Practitioner/" + s.id, "display": s.name},
		"organization": map[string]any{"reference": "Organization/" + s.unit}})
}

func patient(c citizen, n int) *fhir.Resource {
	return resource(map[string]any{"resourceType": "Patient", "id": c.id, "active": true,
		"identifier": []any{map[string]any{"system": fhir.SystemFNR, "value": syntheticNationalID(c.birth, n)}},
		"name":       []any{map[string]any{"family": c.family, "given": []any{c.given}}},
		"gender":     c.gender, "birthDate": c.birth.Format(time.DateOnly),
		"address": []any{map[string]any{"city": "Fjellvik", "country": "NO"}}})
}

// relatedPerson links who to patient; code is a v3 RoleCode (MTH, FTH, GUARD make a guardian).
func relatedPerson(id, patientID, name, code string) *fhir.Resource {
	return resource(map[string]any{"resourceType": "RelatedPerson", "id": id, "active": true,
		"patient": map[string]any{"reference": "Patient/" + patientID},
		"relationship": []any{map[string]any{"coding": []any{map[string]any{
			"system": "http://terminology.hl7.org/CodeSystem/v3-RoleCode", "code": code}}}},
		"name": []any{map[string]any{"text": name}}})
}
