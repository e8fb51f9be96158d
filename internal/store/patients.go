package store

import (
	"database/sql"
	"strings"
)

// The patients column (migration 0008) keeps the citizens a version is about beside its body, so
// a read decides need-to-know and names the citizen in its access-log entry without parsing the
// body (the read profile of round 4 spent 11 % of the server's CPU parsing and re-indexing the
// stored CarePlan for that). The record layer computes them from the index entries it writes.

// patientsValue is rec's patients as the column holds them: NULL when not known, else the ids
// space-separated (ids are [A-Za-z0-9.-], so a space never occurs in one).
func patientsValue(rec Record) any {
	if !rec.PatientsKnown {
		return nil
	}
	return strings.Join(rec.Patients, " ")
}

// setPatients reads the column into rec.
func setPatients(rec *Record, v sql.NullString) {
	if !v.Valid {
		return
	}
	rec.PatientsKnown = true
	if v.String != "" {
		rec.Patients = strings.Split(v.String, " ")
	}
}
