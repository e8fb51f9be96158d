package intake

import (
	"strings"
	"time"

	"veiviser/internal/kernel"
	"veiviser/internal/lawdata"
)

// NeedFacts are what the unit found about the citizen's need.
type NeedFacts struct {
	LongTerm bool // the need lasts some time (not necessarily for good)
	Complex  bool // the need is complex (since 2022 a coordinator is also owed for complex needs)
	// Services are the health and care services involved that must be seen together; two or
	// more make the services "coordinated".
	Services []string
}

// Rights is what the facts give the citizen.
type Rights struct {
	Plan        bool // an individual plan (pbrl § 2-5)
	Coordinator bool // a coordinator (pbrl § 2-5 b), even when the plan is declined
}

// coordinatedServices counts distinct, non-empty services.
func coordinatedServices(services []string) int {
	seen := map[string]bool{}
	for _, s := range services {
		if s = strings.ToLower(strings.TrimSpace(s)); s != "" {
			seen[s] = true
		}
	}
	return len(seen)
}

// Entitlement is the long-term and coordinated test: a need that lasts some time and involves at
// least two health and care services seen together gives the right to an individual plan and a
// coordinator. A complex need with two or more services gives a coordinator too (hol § 7-2 as
// amended 2022: "komplekse eller langvarige og koordinerte tjenester").
func Entitlement(f NeedFacts) Rights {
	coordinated := coordinatedServices(f.Services) >= 2
	return Rights{
		Plan:        f.LongTerm && coordinated,
		Coordinator: (f.LongTerm || f.Complex) && coordinated,
	}
}

// ChildFacts are the conditions of the right to a child coordinator (law.md §1.5).
type ChildFacts struct {
	BirthDate time.Time // the child's; zero when the child is expected
	Expected  bool      // the family expects the child
	// Serious: the child has a serious illness, injury or disability (no diagnosis required).
	Serious bool
	// HealthAndCare: the child needs long-term and complex or coordinated health and care services.
	HealthAndCare bool
	// OtherWelfare: the child also needs other welfare services (NAV, kindergarten, school).
	OtherWelfare bool
	// FamilyWants: the parents, or whoever consents for the child, want a child coordinator.
	FamilyWants bool
}

// ChildCoordinatorRight tests every condition of pbrl § 2-5 c on a date, with the age limit from
// the law table (so the right does not exist before 2022-08-01). It returns the conditions not
// met, in bokmål and English; none means the family has the right.
func ChildCoordinatorRight(f ChildFacts, on time.Time, law *lawdata.Table) ([]kernel.Text, error) {
	limit, err := law.At(lawdata.ChildCoordinatorAgeLimit, on)
	if err != nil {
		return nil, err
	}
	var unmet []kernel.Text
	if !f.Expected && (f.BirthDate.IsZero() || AgeOn(f.BirthDate, on) >= limit.Value.N) {
		unmet = append(unmet, kernel.Text{NB: "Barnet er ikke under aldersgrensen.", EN: "The child is not under the age limit."})
	}
	if !f.Serious {
		unmet = append(unmet, kernel.Text{NB: "Barnet har ikke alvorlig sykdom, skade eller nedsatt funksjonsevne.", EN: "The child has no serious illness, injury or disability."})
	}
	if !f.HealthAndCare {
		unmet = append(unmet, kernel.Text{NB: "Barnet trenger ikke langvarige og sammensatte eller koordinerte helse- og omsorgstjenester.", EN: "The child does not need long-term and complex or coordinated health and care services."})
	}
	if !f.OtherWelfare {
		unmet = append(unmet, kernel.Text{NB: "Barnet trenger ikke andre velferdstjenester i tillegg.", EN: "The child does not also need other welfare services."})
	}
	if !f.FamilyWants {
		unmet = append(unmet, kernel.Text{NB: "Foreldrene har ikke bedt om barnekoordinator.", EN: "The parents have not asked for a child coordinator."})
	}
	return unmet, nil
}

// AgeOn is the age in whole years on a date.
func AgeOn(birth, on time.Time) int {
	by, bm, bd := birth.Date()
	y, m, d := on.Date()
	age := y - by
	if m < bm || (m == bm && d < bd) {
		age--
	}
	return age
}
