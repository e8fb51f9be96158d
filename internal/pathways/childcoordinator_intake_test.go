package pathways

import (
	"testing"
	"time"
)

// TestChildCoordinatorRightFromIntake: the child coordinator's conditions, with the age limit
// from the law table (the cases of intake's test of the right, which this one replaced).
func TestChildCoordinatorRightFromIntake(t *testing.T) {
	all := ChildFacts{BirthDate: atTime("2015-06-01"), Serious: true, HealthAndCare: true, OtherWelfare: true, FamilyWants: true}
	tests := []struct {
		name   string
		edit   func(*ChildFacts)
		on     string
		unmet  int
		errout bool
	}{
		{"all met", func(*ChildFacts) {}, "2026-03-01", 0, false},
		{"turns 18 the day before", func(f *ChildFacts) { f.BirthDate = atTime("2008-02-28") }, "2026-03-01", 1, false},
		{"17 the day before the birthday", func(f *ChildFacts) { f.BirthDate = atTime("2008-03-02") }, "2026-03-01", 0, false},
		{"expected child", func(f *ChildFacts) { f.BirthDate, f.Expected = atTime("0001-01-01"), true }, "2026-03-01", 0, false},
		{"no other welfare service", func(f *ChildFacts) { f.OtherWelfare = false }, "2026-03-01", 1, false},
		{"parents do not want it, not serious", func(f *ChildFacts) { f.FamilyWants, f.Serious = false, false }, "2026-03-01", 2, false},
		{"before the right existed", func(*ChildFacts) {}, "2022-07-31", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := all
			tt.edit(&f)
			right, err := AssessChildCoordinator(f, atTime(tt.on), law(t))
			unmet := right.Unmet()
			if (err != nil) != tt.errout {
				t.Fatalf("error %v", err)
			}
			if len(unmet) != tt.unmet {
				t.Errorf("unmet %v, want %d", unmet, tt.unmet)
			}
		})
	}
}

// atTime is a date at midnight UTC.
func atTime(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}
