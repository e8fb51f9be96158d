package records

import (
	"slices"

	"veiviser/internal/fhir"
	"veiviser/internal/search"
	"veiviser/internal/store"
)

// Citizens returns the Patients a version of typ/id with these index entries is about, and
// whether typ is about citizens at all (Practitioner, Organization ... are about nobody). A
// Patient is about itself; other records name their citizens through the Patient-compartment
// parameters, plus Task.patient/focus and Communication.patient/subject. Every write keeps the
// answer beside the version (store.Record.Patients), so a read need not parse the body for it;
// access.Citizens gives the same answer for a parsed resource.
func Citizens(typ, id string, index []search.Entry) (ids []string, personal bool) {
	if typ == "Patient" {
		return []string{id}, true
	}
	params := fhir.PatientCompartment(typ)
	extra := citizenParams(typ)
	if len(params) == 0 && len(extra) == 0 {
		return nil, false
	}
	for _, e := range index {
		if e.Kind != search.Reference || e.RefType != "Patient" || slices.Contains(ids, e.RefID) {
			continue
		}
		if slices.Contains(params, e.Param) || slices.Contains(extra, e.Param) {
			ids = append(ids, e.RefID)
		}
	}
	return ids, true
}

// citizenParams are the parameters beyond the compartment's that name a Task's or a
// Communication's citizen.
func citizenParams(typ string) []string {
	switch typ {
	case "Task":
		return []string{"patient", "focus"}
	case "Communication":
		return []string{"patient", "subject"}
	}
	return nil
}

// CitizenParams are the search parameters of typ that name the citizens a record of it is about
// (the Patient compartment's, and Task's and Communication's own), as Citizens reads them.
func CitizenParams(typ string) []string {
	return append(fhir.PatientCompartment(typ), citizenParams(typ)...)
}

// Personal reports whether records of typ are about citizens.
func Personal(typ string) bool {
	return typ == "Patient" || len(citizenParams(typ)) > 0 || len(fhir.PatientCompartment(typ)) > 0
}

// withCitizens is rec with the citizens its index names kept beside it.
func withCitizens(rec store.Record, index []search.Entry) store.Record {
	rec.Patients, _ = Citizens(rec.Type, rec.ID, index)
	rec.PatientsKnown = true
	return rec
}
