package coordinators

import "veiviser/internal/testutil/fixture"

// The tests' fictional people.
const (
	patient     = fixture.Patient
	guardian    = fixture.Guardian
	relative    = fixture.Relative
	coordinator = fixture.Coordinator
	otherCoord  = fixture.OtherCoord
	homeNursing = fixture.HomeNursing
	physio      = fixture.Physio
)
