package messages

import (
	"veiviser/internal/coordinators"
	"veiviser/internal/testutil/fixture"
)

func register() []coordinators.Coordinator {
	return []coordinators.Coordinator{
		{ID: coordinator, Name: "Kari Testkoordinator", Unit: "Organization/ke-test", Active: true,
			Kinds: []coordinators.CoordinatorKind{coordinators.KindChild}, Courses: []coordinators.Course{{Name: "Grunnkurs koordinator", Completed: fixture.At("2025-10-01")}}},
		{ID: otherCoord, Name: "Per Prøvesen", Unit: "Organization/ke-test", Active: true},
		{ID: "Practitioner/kreft-test", Name: "Åse Eksempel", Active: true, Kinds: []coordinators.CoordinatorKind{coordinators.KindCancer}},
		{ID: "Practitioner/sluttet", Name: "Ola Sluttet", Active: false},
	}
}
