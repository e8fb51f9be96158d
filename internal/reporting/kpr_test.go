package reporting

import (
	"testing"
	"time"

	"veiviser/internal/allocation"
	"veiviser/internal/kernel"
	"veiviser/internal/testutil/fixture"
)

// TestBuildKPRPeriods: a decision that ended before the year, or starts after it, leaves its
// person out; a replaced decision ran until the day before its replacement started; a refusal
// counts in the year it was decided; a plan or coordinator appointment counts when its period
// touches the year; the latest assessment dated in the year gives the scores; a person without
// an identity number is left out and counted; an unmapped service is counted, not written.
func TestBuildKPRPeriods(t *testing.T) {
	day := fixture.UTC
	codes, err := LoadKPRServices()
	if err != nil {
		t.Fatal(err)
	}
	fns, err := allocation.LoadFunctions()
	if err != nil {
		t.Fatal(err)
	}
	given := func(id, subject, code string, start, end string, st allocation.DecisionStatus) allocation.Decision {
		d := allocation.Decision{ID: id, Subject: subject, Code: code, Outcome: allocation.Granted, Status: st, Start: day(start), Scope: 10, Unit: allocation.HoursPerWeek}
		if end != "" {
			d.End = day(end)
		}
		return d
	}
	replacement := given("d3", "Patient/a", "home-help", "2026-05-01", "", allocation.Signed)
	replacement.Replaces, replacement.Scope = "ServiceRequest/d2", 20
	src := Sources{
		Decisions: []allocation.Decision{
			given("d1", "Patient/old", "home-help", "2024-01-01", "2025-12-31", allocation.Signed),
			given("d2", "Patient/a", "home-help", "2025-06-01", "", allocation.Replaced),
			replacement,
			given("d4", "Patient/later", "home-help", "2027-01-01", "", allocation.Signed),
			given("d5", "Patient/a", "rotating-stay", "2026-02-01", "", allocation.Signed),
			given("d6", "Patient/none", "home-help", "2026-02-01", "", allocation.Signed),
			{ID: "d7", Subject: "Patient/b", Code: "safety-alarm", Outcome: allocation.Refused, Status: allocation.Signed, Applied: "ServiceRequest/s7", Decided: day("2026-01-10 12:00")},
			{ID: "d8", Subject: "Patient/old", Code: "safety-alarm", Outcome: allocation.Refused, Status: allocation.Signed, Decided: day("2025-12-10 12:00")},
		},
		Received: map[string]time.Time{"ServiceRequest/s7": day("2025-12-28 10:00")},
		Assessments: map[string][]allocation.Assessment{"Patient/a": {
			{Scores: map[string]int{"memory": 2}, At: day("2026-03-01 10:00")},
			{Scores: map[string]int{"memory": 3, "hearing": 9}, At: day("2026-09-01 10:00")},
			{Scores: map[string]int{"memory": 5}, At: day("2027-01-02 10:00")},
		}},
		Plans:       map[string][]kernel.Period{"Patient/a": {{Start: day("2025-03-01"), End: day("2026-01-01")}}, "Patient/b": {{Start: day("2027-01-01")}}},
		Coordinator: map[string][]kernel.Period{"Patient/b": {{Start: day("2026-12-31")}}},
		Citizens: map[string]Citizen{"Patient/a": {NIN: "1", IDType: "FNR", Gender: "female", Birth: day("1950-12-31")},
			"Patient/b": {NIN: "2", IDType: "DNR", Birth: day("2000-01-01")}, "Patient/old": {NIN: "3"}, "Patient/later": {NIN: "4"}},
		Functions: fns,
	}
	f, sum := BuildKPR(2026, src, codes, Header{Municipality: "5599"})
	want := []Person{
		{NIN: "1", IDType: "FNR", Sex: "2", BirthYear: 1950, Age: 76, Municipality: "5599", Plan: true,
			Functions: &Functions{Assessed: "2026-09-01", Scores: []Variable{{Code: "memory", Score: 3}, {Code: "hearing", Score: 9}}},
			Services: []GivenService{{Type: "1", Own: "home-help", Decision: "d2", From: "2025-06-01", To: "2026-04-30", Hours: "10.00"},
				{Type: "1", Own: "home-help", Decision: "d3", From: "2026-05-01", Hours: "20.00"}}},
		{NIN: "2", IDType: "DNR", Sex: "0", BirthYear: 2000, Age: 26, Municipality: "5599", Coordinator: true,
			Refusals: []Refusal{{Type: "6", Own: "safety-alarm", Decision: "d7", Received: "2025-12-28", Refused: "2026-01-10"}}},
	}
	fixture.Same(t, "persons", want, f.Persons)
	fixture.Same(t, "summary", Summary{Persons: 2, Services: 2, Refusals: 1, Unmapped: map[string]int{"rotating-stay": 1}, NoIdentity: 1}, sum)
}
