package pathways

import (
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/lawdata"
)

// A pathway instance is an EpisodeOfCare:
//
//	type                  the pathway-kind code (the definition's id), text its name
//	status, period        active while it runs; finished with period.end when it ended
//	patient               the citizen
//	managingOrganization  the coordinating unit
//	careManager           the pathway coordinator (a Practitioner: R4's care-manager search
//	                      parameter finds only Practitioners)
//	extension             pathway-milestone, pathway-extension, pathway-decline, one per record
//
// The milestones are extensions, not statusHistory: statusHistory is the episode's own status
// over time (planned, active, finished) and has no place for which milestone was held or its
// outcome, so a reader of R4 would take milestones there for status changes. The extensions
// keep what was recorded; each milestone's state is computed from them (Clock), never stored.
// The unit's other EpisodeOfCare kinds (coordinator appointments, coordinator-kind) have
// another code system, which IsPathway tells apart.
const (
	CSPathwayKind = kernel.CodeSystemBase + "pathway-kind" // the definitions' ids

	ExtMilestone = kernel.ExtensionBase + "pathway-milestone" // milestone (code), date, outcome, recorder
	ExtExtension = kernel.ExtensionBase + "pathway-extension" // milestone (code), date, reason, recorder
	ExtDecline   = kernel.ExtensionBase + "pathway-decline"   // milestone (code), date, note, recorder
)

// IsPathway reports whether r is a pathway instance: an EpisodeOfCare typed in the
// pathway-kind code system, whatever other codings it carries.
func IsPathway(r *fhir.Resource) bool {
	if r == nil || r.Type() != "EpisodeOfCare" {
		return false
	}
	_, ok := hasCoding(r.Object(), "type", CSPathwayKind)
	return ok
}

// ToFHIR is in as an EpisodeOfCare, typed with the name of the pathway version in force on its
// start.
func (c *Catalog) ToFHIR(in Instance) (*fhir.Resource, error) {
	def, err := c.Definition(in.Pathway, in.Start)
	if err != nil {
		return nil, err
	}
	status := "active"
	if !in.Active() {
		status = "finished"
	}
	var exts []any
	for _, r := range in.Records {
		exts = append(exts, part(ExtMilestone, r.Milestone, r.At, "outcome", r.Outcome, r.By))
	}
	for _, e := range in.Extensions {
		exts = append(exts, part(ExtExtension, e.Milestone, e.At, "reason", e.Reason, e.By))
	}
	for _, d := range in.Declines {
		exts = append(exts, part(ExtDecline, d.Milestone, d.At, "note", d.Note, d.By))
	}
	o := kernel.ObjectOf("resourceType", "EpisodeOfCare", "id", in.ID,
		"extension", exts,
		"status", status,
		"type", []any{kernel.ObjectOf("coding", []any{kernel.ObjectOf("system", CSPathwayKind, "code", def.ID, "display", def.Name.NB)}, "text", def.Name.NB)},
		"patient", kernel.Reference(in.Patient),
		"managingOrganization", kernel.Reference(in.Unit),
		"period", kernel.ObjectOf("start", dateString(in.Start), "end", dateString(in.End)),
		"careManager", kernel.Reference(in.Coordinator),
	)
	return fhir.FromObject(o)
}

// part is one record as a complex extension: the milestone, the date, a text and who recorded it.
func part(url, milestone string, at lawdata.Date, textName, text, by string) *fhir.Object {
	return complexExt(url, kernel.SubExt("milestone", "Code", milestone), kernel.SubExt("date", "Date", dateString(at)),
		kernel.SubExt(textName, "String", text), kernel.SubExt("recorder", "Reference", kernel.Reference(by)))
}

// FromFHIR reads a pathway instance back from its EpisodeOfCare. It refuses a resource that is
// not a pathway (IsPathway), a status other than active or finished, a status that disagrees
// with period.end, and dates that are not dates; Catalog.Check judges the rest.
func FromFHIR(r *fhir.Resource) (Instance, error) {
	if !IsPathway(r) {
		return Instance{}, kernel.Violation("Ressursen er ikke et pasientforløp.", "The resource is not a care pathway.")
	}
	o := r.Object()
	kind, _ := hasCoding(o, "type", CSPathwayKind)
	in := Instance{ID: r.ID(), Pathway: kind, Patient: kernel.PathString(o, "patient", "reference"),
		Coordinator: kernel.PathString(o, "careManager", "reference"), Unit: kernel.PathString(o, "managingOrganization", "reference")}
	var ok1, ok2 bool
	in.Start, ok1 = readDate(kernel.PathString(o, "period", "start"))
	in.End, ok2 = readDate(kernel.PathString(o, "period", "end"))
	if !ok1 || !ok2 {
		return Instance{}, kernel.Violation("Forløpets periode er ikke datoer.", "The pathway's period is not dates.")
	}
	switch status, _ := o.String("status"); {
	case status != "active" && status != "finished":
		return Instance{}, kernel.Violation("Et forløp er aktivt eller avsluttet, ikke "+status+".", "A pathway is active or finished, not "+status+".")
	case (status == "finished") == in.Active():
		return Instance{}, kernel.Violation("Et avsluttet forløp har en sluttdato, et aktivt ingen.", "A finished pathway has an end date, an active one none.")
	}
	if err := readParts(o, &in); err != nil {
		return Instance{}, err
	}
	return in, nil
}

// readParts reads the records, extensions and declines, in the order they stand.
func readParts(o *fhir.Object, in *Instance) error {
	for _, e := range kernel.Objects(o, "extension") {
		url, _ := e.String("url")
		if url != ExtMilestone && url != ExtExtension && url != ExtDecline {
			continue
		}
		m, by := subOf(e, "milestone", "Code"), subOf(e, "recorder", "Reference")
		at, ok := readDate(subOf(e, "date", "Date"))
		if !ok || isZero(at) || m == "" {
			return apperr.New(apperr.Unprocessable, "%s needs a milestone and a date", url)
		}
		switch url {
		case ExtMilestone:
			in.Records = append(in.Records, Record{Milestone: m, At: at, Outcome: subOf(e, "outcome", "String"), By: by})
		case ExtExtension:
			in.Extensions = append(in.Extensions, Extension{Milestone: m, At: at, Reason: subOf(e, "reason", "String"), By: by})
		case ExtDecline:
			in.Declines = append(in.Declines, Decline{Milestone: m, At: at, Note: subOf(e, "note", "String"), By: by})
		}
	}
	return nil
}
