package kernel

// Role is what a participant is in the work on the plan.
type Role string

// The participant roles.
const (
	RoleCitizen     Role = "citizen"
	RoleGuardian    Role = "guardian" // consents and acts for a child or a person without capacity
	RoleRelative    Role = "relative"
	RoleProvider    Role = "provider"
	RoleCoordinator Role = "coordinator"
)
