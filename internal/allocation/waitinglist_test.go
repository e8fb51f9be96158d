package allocation

import (
	"testing"
	"time"

	"veiviser/internal/kernel"
	"veiviser/internal/terminology"
)

// TestWaitStats (issue 14, part 1): the days each citizen has waited on a test day, and the
// list's count, median (of an even count the mean of the middle two) and longest wait; a
// place accepted counts to the day it was accepted and leaves the figures.
func TestWaitStats(t *testing.T) {
	now := day("2026-03-02")
	on := func(since string) WaitingPlace { return WaitingPlace{Since: day(since), Status: OnList} }
	placed := WaitingPlace{Since: day("2025-12-01"), Status: Placed, Offers: []Offer{{Answer: Accepted, Answered: day("2026-01-10")}}}
	if got := placed.DaysWaited(now); got != 40 {
		t.Errorf("the placed citizen waited %d days, want 40", got)
	}
	cases := []struct {
		name   string
		places []WaitingPlace
		want   WaitStats
	}{
		{"none", nil, WaitStats{}},
		{"one", []WaitingPlace{on("2026-02-20")}, WaitStats{Count: 1, Median: 10, Longest: 10}},
		{"three", []WaitingPlace{on("2026-02-20"), on("2026-01-01"), on("2026-03-02"), placed}, WaitStats{Count: 3, Median: 10, Longest: 60}},
		{"four", []WaitingPlace{on("2026-02-20"), on("2026-01-01"), on("2026-03-02"), {Since: day("2026-02-27"), Status: Offered}},
			WaitStats{Count: 4, Median: 6.5, Longest: 60}},
	}
	for _, tc := range cases {
		if got := Waits(tc.places, now); got != tc.want {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

// TestWaitingPlaceRoundTrip: a place with a declined and a pending offer reads back as written.
func TestWaitingPlaceRoundTrip(t *testing.T) {
	w := WaitingPlace{ID: "waiting-d1", Decision: "ServiceRequest/d1", Subject: "Patient/p1", Office: "tk", Since: day("2026-01-05"), Status: Offered,
		Offers: []Offer{
			{Unit: "Organization/home", Start: day("2026-02-01"), Made: day("2026-01-20"), By: "Practitioner/s1", Answer: Declined, Answered: day("2026-01-22"), RecordedBy: "Practitioner/s1"},
			{Unit: "Organization/home", Start: day("2026-03-10"), Made: day("2026-03-01"), By: "Practitioner/s1"},
		}}
	if err := ValidateWaitingPlace(w, day("2026-03-02")); err != nil {
		t.Fatal(err)
	}
	got, err := WaitingPlaceFromFHIR(WaitingPlaceToFHIR(w))
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != w.ID || got.Decision != w.Decision || got.Subject != w.Subject || got.Office != w.Office || !got.Since.Equal(w.Since) ||
		got.Status != w.Status || len(got.Offers) != 2 || got.Offers[0] != w.Offers[0] || got.Offers[1] != w.Offers[1] {
		t.Errorf("read back %+v, want %+v", got, w)
	}
	w.Status = OnList // an offer waits: the status must say so
	if err := ValidateWaitingPlace(w, day("2026-03-02")); err == nil {
		t.Error("a waiting status with an offer out")
	}
}

// TestLongTermCriteria: the embedded criteria load, each in three languages, every code
// defined in the terminology.
func TestLongTermCriteria(t *testing.T) {
	c, err := LongTermCriteria()
	if err != nil {
		t.Fatal(err)
	}
	tm, err := terminology.Load()
	if err != nil {
		t.Fatal(err)
	}
	in := c.At(day("2026-03-02"))
	if len(in) < 3 {
		t.Fatalf("%d criteria in force", len(in))
	}
	for _, k := range c.Criteria {
		if !tm.Has(kernel.CSLongTermCriteria, k.Code) {
			t.Errorf("the terminology lacks the criterion %s", k.Code)
		}
	}
	if err := c.check([]string{in[0].Code}, day("2026-03-02")); err != nil {
		t.Error(err)
	}
	if err := c.check([]string{"a-castle"}, day("2026-03-02")); err == nil {
		t.Error("an unknown criterion passes")
	}
	if len(c.At(day("2010-01-01"))) != 0 {
		t.Error("criteria in force before the law asked for them")
	}
}

// TestDecisionPartsRoundTrip: a long-term stay's placement and criteria, a rota and a carer's
// pay survive the FHIR mapping.
func TestDecisionPartsRoundTrip(t *testing.T) {
	base := Decision{ID: "d1", Reference: "TK-2026-00001", Applied: "ServiceRequest/a1", Subject: "Patient/p1", Outcome: Granted,
		Review: day("2026-09-01"), Status: Signed, Decided: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	long := base
	long.Code, long.Placement, long.Criteria = LongTermStay, SafeAtHome, []string{"round-the-clock-care", "cognitive-impairment"}
	rota := base
	rota.Code, rota.Rota, rota.Start, rota.End, rota.Provider = RespiteStay, &Rota{1, 3}, day("2026-03-02"), day("2026-12-31"), "Organization/home"
	carer := base
	carer.Code, carer.Scope, carer.Unit, carer.CarerPay, carer.Start, carer.Provider = CarerAllowance, 10, HoursPerWeek, ComputeCarerPay(10, HoursPerWeek, 21500), day("2026-03-02"), "Organization/home"
	for _, d := range []Decision{long, rota, carer} {
		got, err := DecisionFromFHIR(DecisionToFHIR(d, "tk"))
		if err != nil {
			t.Fatal(err)
		}
		if !sameDecision(d, got) {
			t.Errorf("%s read back as %+v, want %+v", d.Code, got, d)
		}
	}
	if r := DecisionToFHIR(rota, "tk"); kernel.Path(r.Object(), "occurrencePeriod") != nil || kernel.Path(r.Object(), "occurrenceTiming") == nil {
		t.Errorf("a rota's decision: %s", r.Bytes())
	}
}
