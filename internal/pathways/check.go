package pathways

import (
	"strings"

	"veiviser/internal/kernel"
	"veiviser/internal/lawdata"
)

// Check refuses an instance the pathway's rules do not allow, for the write rule to call before
// a change is stored: a known pathway in force on the start, a patient, records of the
// definition's milestones on or after what they count from and inside the pathway's dates, a
// milestone held once unless it repeats, extensions only where the pathway allows them, with a
// reason and before the limit they move has passed, and declines only of declinable
// milestones not yet held; a pathway closed by its closing milestone has an end date. The error is Unprocessable, in bokmål and English.
func (c *Catalog) Check(in Instance) error {
	def, err := c.Definition(in.Pathway, in.Start)
	if err != nil {
		return kernel.Violation("Forløpet finnes ikke på startdatoen.", "The pathway is not in force on the start date.")
	}
	if in.Patient == "" || isZero(in.Start) {
		return kernel.Violation("Et forløp trenger en innbygger og en startdato.", "A pathway needs a patient and a start date.")
	}
	if !isZero(in.End) && in.End.Before(in.Start) {
		return kernel.Violation("Forløpet kan ikke slutte før det starter.", "The pathway cannot end before it starts.")
	}
	done, err := checkRecords(def, in)
	if err != nil {
		return err
	}
	if err := c.checkExtensions(def, in, done); err != nil {
		return err
	}
	return checkDeclines(def, in, done)
}

// checkRecords returns the date each non-repeating milestone was done.
func checkRecords(def Definition, in Instance) (map[string]lawdata.Date, error) {
	done := map[string]lawdata.Date{def.Start().ID: in.Start}
	for _, m := range def.Milestones[1:] {
		recs := in.recordsOf(m.ID)
		if len(recs) > 1 && m.Repeat == "" {
			return nil, kernel.Violation("Milepælen "+m.Name.NB+" er registrert mer enn én gang.", "The milestone "+m.Name.EN+" is recorded more than once.")
		}
		for _, r := range recs {
			anchor, ok := done[m.After]
			if !ok || r.At.Before(anchor) {
				return nil, kernel.Violation("Milepælen "+m.Name.NB+" er registrert før milepælen den regnes fra.",
					"The milestone "+m.Name.EN+" is recorded before the milestone it counts from.")
			}
			if !isZero(in.End) && in.End.Before(r.At) {
				return nil, kernel.Violation("Milepælen "+m.Name.NB+" er registrert etter at forløpet ble avsluttet.",
					"The milestone "+m.Name.EN+" is recorded after the pathway ended.")
			}
		}
		if len(recs) > 0 && m.Repeat == "" {
			done[m.ID] = recs[0].At
		}
		if len(recs) > 0 && m.Closes && isZero(in.End) {
			return nil, kernel.Violation("Forløpet er avsluttet med "+m.Name.NB+" og trenger en sluttdato.",
				"The pathway is closed by "+m.Name.EN+" and needs an end date.")
		}
	}
	for _, r := range in.Records {
		if m, ok := def.Milestone(r.Milestone); !ok || m.ID == def.Start().ID {
			return nil, kernel.Violation("Forløpet har ingen milepæl "+r.Milestone+" å registrere.", "The pathway has no milestone "+r.Milestone+" to record.")
		}
	}
	return done, nil
}

// checkExtensions allows an extension, with a reason, up to the pathway's number, granted on or
// before the limit it moves: a limit already passed cannot be moved to hide that it was missed.
func (c *Catalog) checkExtensions(def Definition, in Instance, done map[string]lawdata.Date) error {
	for _, e := range in.Extensions {
		m, ok := def.Milestone(e.Milestone)
		if !ok || m.Extension == "" {
			return kernel.Violation("Fristen for "+e.Milestone+" kan ikke forlenges.", "The limit of "+e.Milestone+" cannot be extended.")
		}
		if strings.TrimSpace(e.Reason) == "" {
			return kernel.Violation("En forlengelse trenger en begrunnelse.", "An extension needs a reason.")
		}
	}
	for _, m := range def.Milestones {
		exts := in.extensionsOf(m.ID)
		if len(exts) == 0 {
			continue
		}
		if len(exts) > m.MaxExtensions {
			return kernel.Violation("Fristen for "+m.Name.NB+" er forlenget flere ganger enn forløpet tillater.",
				"The limit of "+m.Name.EN+" is extended more times than the pathway allows.")
		}
		if err := c.checkExtensionDates(m, exts, done); err != nil {
			return err
		}
	}
	return nil
}

func (c *Catalog) checkExtensionDates(m Milestone, exts []Extension, done map[string]lawdata.Date) error {
	anchor, ok := done[m.After]
	if !ok {
		return kernel.Violation("Fristen for "+m.Name.NB+" kan ikke forlenges før milepælen den regnes fra er nådd.",
			"The limit of "+m.Name.EN+" cannot be extended before the milestone it counts from is done.")
	}
	_, end, err := c.window(m, anchor)
	if err != nil {
		return err
	}
	for _, e := range exts {
		heldOn, held := done[m.ID]
		if e.At.Before(anchor) || end.Before(e.At) || (held && heldOn.Before(e.At)) {
			return kernel.Violation("Fristen for "+m.Name.NB+" kan bare forlenges fra milepælen den regnes fra til fristen.",
				"The limit of "+m.Name.EN+" can only be extended between the milestone it counts from and the limit.")
		}
		if end, err = due(c.law, m.Extension, end); err != nil {
			return err
		}
	}
	return nil
}

// checkDeclines allows a decline of a declinable milestone, not after it was held.
func checkDeclines(def Definition, in Instance, done map[string]lawdata.Date) error {
	for _, d := range in.Declines {
		m, ok := def.Milestone(d.Milestone)
		if !ok || m.AskAgain == "" {
			return kernel.Violation("Milepælen "+d.Milestone+" kan ikke avslås.", "The milestone "+d.Milestone+" cannot be declined.")
		}
		heldOn, held := done[m.ID]
		if d.At.Before(in.Start) || (held && heldOn.Before(d.At)) || (!isZero(in.End) && in.End.Before(d.At)) {
			return kernel.Violation("Et avslag på "+m.Name.NB+" må være fra forløpets start til samtalen er holdt eller forløpet avsluttet.",
				"A decline of "+m.Name.EN+" must fall between the pathway's start and the conversation held or the pathway's end.")
		}
	}
	return nil
}
