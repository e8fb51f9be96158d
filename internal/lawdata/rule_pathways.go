package lawdata

// The keys of the care pathways (issue 15), declared here so the area's data stays in files of its
// own (rules/pathways.json). The pathways' own time limits are named by key in their definitions
// (internal/pathways/definitions/*.json, keys "pathway.<pathway>.<limit>"), so a limit is
// corrected in one dated rule and the definitions never hold a number of weeks.
const (
	// PathwayDueSoon is how long before a milestone's limit (or its window's opening) it shows
	// as due soon in the coordinator's and the unit lead's lists (a municipal setting).
	PathwayDueSoon Key = "pathway.due-soon"
	// CancerFollowUpFirstLatest and CancerFollowUpSecondLatest end the windows that
	// CancerFollowUpFirst and CancerFollowUpSecond open: "about 3-4" and "about 12-18" months
	// after the diagnosis (Pakkeforløp hjem).
	CancerFollowUpFirstLatest  Key = "cancer-home.follow-up.first.latest"
	CancerFollowUpSecondLatest Key = "cancer-home.follow-up.second.latest"
	// CancerAskAgain is when a citizen who declined a needs-mapping conversation is asked again
	// (a municipal setting: the pathway says "later" and gives no time).
	CancerAskAgain Key = "cancer-home.ask-again"
	// ChildCoordinatorEndWarning is how long before the child's 18th birthday, when the right
	// to a child coordinator ends, the coordinator and the family are warned and offered an
	// ordinary coordinator (a municipal setting).
	ChildCoordinatorEndWarning Key = "child-coordinator.end-warning"
)
