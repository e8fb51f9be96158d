// Package plan is the individual plan with the nine elements the regulation asks for (law.md
// §1.2): goals in the citizen's own words, resources and needs, participants, the
// coordinator, contributions, measures, how they are carried out, the period and evaluations,
// the consent it rests on and cooperation with others. It holds who may edit which part
// (MayEdit), activation only on a consent in force, deadlines of evaluations, versions and
// their differences, its mapping to a CarePlan with its Goals and CareTeam, and the masking of
// what a consent does not share from the records the API hands out (fhirmask.go).
package plan
