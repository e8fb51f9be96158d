package lawdata

import (
	"strings"
	"testing"

	"veiviser/internal/apperr"
)

func TestPathwayRulesLoadWithTheirValues(t *testing.T) {
	tab := mustNew(t)
	tests := []struct {
		key  Key
		day  string
		want string
	}{
		{"pathway.mental-health-children.assessment", "2019-01-01", "6 weeks"},
		{"pathway.mental-health-children.assessment.extension", "2026-03-02", "6 weeks"},
		{"pathway.mental-health-children.evaluation.first", "2026-03-02", "6 weeks"},
		{"pathway.mental-health-children.evaluation.interval", "2026-03-02", "12 weeks"},
		{"pathway.mental-health-children.feedback", "2026-03-02", "3 weeks"},
		{"pathway.eating-disorders-children.assessment", "2026-03-02", "6 weeks"},
		{"pathway.substance-use.evaluation.interval", "2026-03-02", "12 weeks"},
		{CancerFollowUpFirst, "2026-03-02", "3 months"},
		{CancerFollowUpFirstLatest, "2026-03-02", "4 months"},
		{CancerFollowUpSecond, "2026-03-02", "12 months"},
		{CancerFollowUpSecondLatest, "2026-03-02", "18 months"},
		{CancerAskAgain, "2026-03-02", "3 months"},
		{PathwayDueSoon, "2026-03-02", "14 days"},
		{ChildCoordinatorEndWarning, "2022-08-01", "6 months"},
	}
	for _, tt := range tests {
		t.Run(string(tt.key)+"@"+tt.day, func(t *testing.T) {
			r, err := tab.At(tt.key, day(tt.day))
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Value.String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPathwayRulesAreNotInForceBeforeTheirStart(t *testing.T) {
	tab := mustNew(t)
	for _, tt := range []struct {
		key Key
		day string
	}{
		{"pathway.mental-health-children.assessment", "2018-12-31"}, // the pathways began on 2019-01-01
		{ChildCoordinatorEndWarning, "2022-07-31"},                  // the right began on 2022-08-01
		{CancerFollowUpFirstLatest, "2019-12-31"},
	} {
		if _, err := tab.At(tt.key, day(tt.day)); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("%s on %s: got %v, want not found", tt.key, tt.day, err)
		}
	}
}

// The settings are the municipality's to change; the pathway's own limits are national.
func TestPathwaySettingsAreTheMunicipalitysAndLimitsAreNot(t *testing.T) {
	tab := mustNew(t)
	for _, k := range []Key{PathwayDueSoon, CancerAskAgain, ChildCoordinatorEndWarning} {
		if _, err := tab.With(Rule{Key: k, ValidFrom: "2026-01-01", Source: "Vedtak i KE",
			Value: Value{Kind: KindDuration, N: 7, Unit: Days}}); err != nil {
			t.Errorf("%s: %v", k, err)
		}
	}
	for _, k := range []Key{"pathway.mental-health-children.assessment", CancerFollowUpFirstLatest} {
		_, err := tab.With(Rule{Key: k, ValidFrom: "2026-01-01", Source: "x",
			Value: Value{Kind: KindDuration, N: 8, Unit: Weeks}})
		if !apperr.Is(err, apperr.Unprocessable) {
			t.Errorf("%s was overridden: %v", k, err)
		}
	}
}

// What law.md marks UNVERIFIED stays marked in the data people review.
func TestPathwayRulesMarkWhatIsUnverified(t *testing.T) {
	tab := mustNew(t)
	for _, k := range []Key{"pathway.eating-disorders-children.assessment", "pathway.substance-use.assessment",
		"pathway.mental-health-children.feedback", CancerFollowUpFirstLatest} {
		r, err := tab.At(k, day("2026-03-02"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(r.Note, "UNVERIFIED") {
			t.Errorf("%s: the note %q does not say UNVERIFIED", k, r.Note)
		}
	}
}
