// Package coordinators is the coordinator register and the appointment of a coordinator: the
// kinds of coordinator (ordinary, cancer, child, pathway), courses, caseloads, the candidates
// the unit lead chooses from with the citizen's own proposal first, and the rule that an
// appointment names an active coordinator of the kind (Appoint). It maps the register to
// Practitioner and PractitionerRole and an appointment to an EpisodeOfCare.
package coordinators
