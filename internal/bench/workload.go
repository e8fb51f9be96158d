package bench

import (
	"fmt"
	"time"
)

// The resources of the care-plan workload (../shared/workload.md), built as plain JSON trees so the
// load generator depends on nothing of the server it measures.

// Practitioners in the seed pool.
const poolSize = 30

var (
	teamRoles = [3][2]string{
		{"446050000", "Primary care physician"},
		{"224535009", "Registered nurse"},
		{"106328005", "Social worker"},
	}
	goalTargets = [3]struct {
		loinc, display, text, unit, code string
		value                            float64
	}{
		{"4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood", "HbA1c below 7 %", "%", "%", 7},
		{"8480-6", "Systolic blood pressure", "Systolic blood pressure below 130 mm[Hg]", "mm[Hg]", "mm[Hg]", 130},
		{"29463-7", "Body weight", "Body weight below 90 kg", "kg", "kg", 90},
	}
	activities = [3]struct {
		kind, code, display, status, description string
	}{
		{"Appointment", "185389009", "Follow-up visit", "scheduled", "Follow-up visit with the primary care physician"},
		{"ServiceRequest", "43396009", "Hemoglobin A1c measurement", "not-started", "HbA1c measurement every three months"},
		{"Task", "409063005", "Counseling", "not-started", "Counseling on diet and physical activity"},
	}
)

type object = map[string]any

func reference(typ, id string) object { return object{"reference": typ + "/" + id} }

func practitioner(n int) object {
	return object{
		"resourceType": "Practitioner",
		"identifier":   []any{object{"system": "urn:care-bench:npi", "value": fmt.Sprintf("NPI%05d", n)}},
		"name":         []any{object{"family": fmt.Sprintf("Clinician%03d", n), "given": []any{"Alex"}}},
		"active":       true,
	}
}

func patient(i int) object {
	gender := "female"
	if i%2 == 1 {
		gender = "male"
	}
	birth := time.Date(1940, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i*17%(60*365))
	return object{
		"resourceType": "Patient",
		"identifier":   []any{object{"system": "urn:care-bench:mrn", "value": fmt.Sprintf("MRN%06d", i)}},
		"name":         []any{object{"family": fmt.Sprintf("Bench%05d", i), "given": []any{"Pat"}}},
		"gender":       gender,
		"birthDate":    birth.Format("2006-01-02"),
		"active":       true,
	}
}

// poolMember is the id of the k-th of the three practitioners for patient i (3i, 3i+1, 3i+2 mod 30).
func poolMember(pool []string, i, k int) string { return pool[(3*i+k)%len(pool)] }

func careTeam(i int, patientID string, pool []string) object {
	participants := make([]any, 3)
	for k := range 3 {
		participants[k] = object{
			"role": []any{object{"coding": []any{object{
				"system": "http://snomed.info/sct", "code": teamRoles[k][0], "display": teamRoles[k][1]}}}},
			"member": reference("Practitioner", poolMember(pool, i, k)),
		}
	}
	return object{
		"resourceType": "CareTeam",
		"status":       "active",
		"name":         fmt.Sprintf("Care team for patient %05d", i),
		"subject":      reference("Patient", patientID),
		"period":       object{"start": "2026-01-01"},
		"participant":  participants,
	}
}

func goal(k int, patientID string) object {
	g := goalTargets[k]
	return object{
		"resourceType":    "Goal",
		"lifecycleStatus": "active",
		"description":     object{"text": g.text},
		"subject":         reference("Patient", patientID),
		"startDate":       "2026-01-01",
		"target": []any{object{
			"measure": object{"coding": []any{object{"system": "http://loinc.org", "code": g.loinc, "display": g.display}}},
			"detailQuantity": object{"value": g.value, "comparator": "<", "unit": g.unit,
				"system": "http://unitsofmeasure.org", "code": g.code},
			"dueDate": "2026-12-31",
		}},
	}
}

// carePlan is the workload's CarePlan (about 1.9 kB serialised) for patient i.
func carePlan(i int, title, patientID, careTeamID string, goalIDs [3]string, pool []string) object {
	acts := make([]any, 3)
	for k, a := range activities {
		month := time.Date(2026, time.Month(2+k), 1, 0, 0, 0, 0, time.UTC)
		acts[k] = object{"detail": object{
			"kind":   a.kind,
			"code":   object{"coding": []any{object{"system": "http://snomed.info/sct", "code": a.code, "display": a.display}}},
			"status": a.status,
			"scheduledPeriod": object{
				"start": month.Format("2006-01-02"),
				"end":   month.AddDate(0, 1, -1).Format("2006-01-02"),
			},
			"performer":   []any{reference("Practitioner", poolMember(pool, i, k))},
			"goal":        []any{reference("Goal", goalIDs[k])},
			"description": a.description,
		}}
	}
	goals := make([]any, 3)
	for k, id := range goalIDs {
		goals[k] = reference("Goal", id)
	}
	return object{
		"resourceType": "CarePlan",
		"status":       "active",
		"intent":       "plan",
		"title":        title,
		"category": []any{object{"coding": []any{object{
			"system": "http://snomed.info/sct", "code": "734163000", "display": "Care plan"}}}},
		"subject":  reference("Patient", patientID),
		"period":   object{"start": "2026-01-01", "end": "2026-12-31"},
		"careTeam": []any{reference("CareTeam", careTeamID)},
		"goal":     goals,
		"activity": acts,
	}
}

// bundle is what the seed phase made for one patient.
type bundle struct {
	patientID  string
	careTeamID string
	goalIDs    [3]string
	carePlanID string
}
