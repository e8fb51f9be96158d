// Package pathways is the domain of the care pathways (issue 15) as plain Go: the national
// pathways as dated data, the milestone clock, the child coordinator's conditions, the family's
// links, and a pathway instance as an EpisodeOfCare. It holds no HTTP, no SQL and no clock of its
// own; the service, the write rule and the pages call it.
//
// A pathway definition (definitions/*.json, a file per pathway, an array of dated versions) holds
// its milestones in order, each counting from an earlier one and naming who carries it out. The
// time limits are lawdata keys (lawdata/rules/pathways.json, and the cancer pathway's existing
// cancer-home.follow-up keys), so a limit is a dated rule corrected in one place and the
// definition says only which rule applies. NewCatalog refuses a definition a schedule cannot be
// computed from, at start.
//
// An Instance records what happened (milestones held with their outcome, extensions with their
// reason, declines); Clock.Schedule computes each milestone's due date and state on the clock's
// day, and Clock.Attention lists what is due soon or late. States are computed, never stored, so
// a corrected limit corrects every list. Catalog.Check is the rule a write must pass.
//
// Dates are calendar dates (lawdata.Date): a milestone happens on a day, and "due on a date"
// means done by the end of it.
package pathways
