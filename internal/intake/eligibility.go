package intake

import (
	"strings"
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
