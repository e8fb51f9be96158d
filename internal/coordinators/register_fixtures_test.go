package coordinators

import "veiviser/internal/testutil/fixture"

func register() []Coordinator {
	return []Coordinator{
		{ID: coordinator, Name: "Kari Testkoordinator", Unit: "Organization/ke-test", Active: true,
			Kinds: []CoordinatorKind{KindChild}, Courses: []Course{{Name: "Grunnkurs koordinator", Completed: fixture.At("2025-10-01")}}},
		{ID: otherCoord, Name: "Per Prøvesen", Unit: "Organization/ke-test", Active: true},
		{ID: "Practitioner/kreft-test", Name: "Åse Eksempel", Active: true, Kinds: []CoordinatorKind{KindCancer}},
		{ID: "Practitioner/sluttet", Name: "Ola Sluttet", Active: false},
	}
}
