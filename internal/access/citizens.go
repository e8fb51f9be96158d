package access

import (
	"slices"

	"veiviser/internal/fhir"
	"veiviser/internal/records"
	"veiviser/internal/search"
	"veiviser/internal/store"
)

// noMatch is an id no record has (ids are [A-Za-z0-9.-]), for a narrowed _id set that is empty.
const noMatch = "!"

// Citizens returns the Patients r is about, and whether its type is about citizens at all
// (records of other types, such as Practitioner, are about nobody): records.Citizens of its index.
func Citizens(r *fhir.Resource) (ids []string, personal bool) {
	return records.Citizens(r.Type(), r.ID(), fhir.Index(r))
}

// Personal reports whether records of typ are about citizens.
func Personal(typ string) bool { return records.Personal(typ) }

// Sees reports whether the reach covers r: a personal record when one of its citizens is in
// reach (a personal record about nobody only for systems), any other record for staff.
func (rc Reach) Sees(r *fhir.Resource) bool {
	if rc.All {
		return true
	}
	ids, personal := Citizens(r)
	return rc.SeesCitizens(ids, personal)
}

// SeesCitizens is Sees for a record whose citizens are known (store.Record.Patients): no parse.
func (rc Reach) SeesCitizens(ids []string, personal bool) bool {
	if rc.All {
		return true
	}
	if !personal {
		return rc.Staff
	}
	for _, id := range ids {
		if rc.Citizens[id] {
			return true
		}
	}
	return false
}

// Narrow restricts a search to what the reach covers, before it runs, so neither the results
// nor the paging tell of records outside it.
func (rc Reach) Narrow(q *search.Query) {
	if rc.All {
		return
	}
	if !Personal(q.Type) {
		if !rc.Staff {
			q.IDs = []string{noMatch}
		}
		return
	}
	ids := make([]string, 0, len(rc.Citizens))
	for id := range rc.Citizens {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	if q.Type == "Patient" {
		if len(q.IDs) > 0 {
			ids = slices.DeleteFunc(ids, func(id string) bool { return !slices.Contains(q.IDs, id) })
		}
		if len(ids) == 0 {
			ids = []string{noMatch}
		}
		q.IDs = ids
		return
	}
	if len(ids) == 0 {
		q.IDs = []string{noMatch}
		return
	}
	vals := make([]search.Value, len(ids))
	for i, id := range ids {
		vals[i] = search.Value{RefType: "Patient", RefID: id}
	}
	q.Clauses = append(q.Clauses, search.Clause{Param: "patient", Kind: search.Reference, Values: vals})
}

// RecordCitizens returns the citizens a stored version is about and whether its type is about
// citizens; ok is false for a deletion or a body that does not parse. A version written by this
// server keeps them beside it (store.Record.Patients), so the hot path parses nothing; an older
// one is parsed.
func RecordCitizens(rec store.Record) (ids []string, personal, ok bool) {
	if rec.Deleted || rec.Body == nil {
		return nil, false, false
	}
	if rec.PatientsKnown {
		return rec.Patients, Personal(rec.Type), true
	}
	res, err := fhir.Parse(rec.Body)
	if err != nil {
		return nil, false, false
	}
	ids, personal = Citizens(res)
	return ids, personal, true
}
