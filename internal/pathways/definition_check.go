package pathways

import (
	"errors"
	"fmt"
	"time"

	"veiviser/internal/fhir"
	"veiviser/internal/lawdata"
)

// checkMilestone checks one milestone against those before it (seen): anchors come earlier, so
// a schedule is computed in one pass in the definition's order.
func (d *Definition) checkMilestone(i int, m Milestone, seen map[string]Milestone, law *lawdata.Table) error {
	if !fhir.ValidID(m.ID) || m.Name.NB == "" {
		return fmt.Errorf("a milestone needs an id of letters, digits and '-' and a name in bokmål")
	}
	if _, dup := seen[m.ID]; dup {
		return fmt.Errorf("the id is used twice")
	}
	if m.Responsible != SpecialistService && m.Responsible != Municipality {
		return fmt.Errorf("responsible %q is neither %s nor %s", m.Responsible, SpecialistService, Municipality)
	}
	if err := d.checkTopics(m); err != nil {
		return err
	}
	if i == 0 {
		if m.After != "" || len(m.keys()) > 0 || m.OpenEnded || m.Closes {
			return fmt.Errorf("the start has no anchor and no limit: its date is the instance's start")
		}
		return nil
	}
	anchor, ok := seen[m.After]
	if !ok {
		return fmt.Errorf("after %q is not an earlier milestone", m.After)
	}
	if anchor.Repeat != "" {
		return fmt.Errorf("after %q repeats, so it has no one date to count from", m.After)
	}
	if err := checkShape(m); err != nil {
		return err
	}
	return checkKeys(m, d.from, law)
}

// checkShape refuses combinations the clock gives no meaning.
func checkShape(m Milestone) error {
	switch {
	case m.OpenEnded && len(m.keys()) > 0:
		return errors.New("an open-ended milestone has no limit")
	case m.Limit == "" && (m.Opens != "" || m.Repeat != "" || m.Extension != "" || m.AskAgain != ""):
		return errors.New("opens, repeat, extension and askAgain need a limit")
	case (m.Extension == "") != (m.MaxExtensions == 0) || m.MaxExtensions < 0:
		return errors.New("an extension needs maxExtensions > 0, and maxExtensions an extension")
	case m.Extension != "" && (m.Opens != "" || m.Repeat != ""):
		return errors.New("only a single limit without a window can be extended")
	case m.AskAgain != "" && m.Repeat != "":
		return errors.New("a repeating milestone cannot be declined")
	case m.SupersededBy != "" && m.AskAgain == "":
		return errors.New("supersededBy ends the asking again, so it needs askAgain")
	}
	return nil
}

// checkKeys requires every key the milestone names to be a duration in force when the version
// starts.
func checkKeys(m Milestone, from lawdata.Date, law *lawdata.Table) error {
	for _, k := range m.keys() {
		r, err := law.At(k, from.Time(time.UTC))
		if err != nil {
			return fmt.Errorf("law key: %w", err)
		}
		if r.Value.Kind != lawdata.KindDuration {
			return fmt.Errorf("law key %s is a %s, not a duration", k, r.Value.Kind)
		}
	}
	return nil
}

func (d *Definition) checkTopics(m Milestone) error {
	for _, code := range m.Topics {
		if _, ok := d.Topic(code); !ok {
			return fmt.Errorf("topic %q is not in the pathway's topics", code)
		}
	}
	return nil
}

// checkSuperseding requires SupersededBy to name a later milestone with a window.
func (d *Definition) checkSuperseding() error {
	for i, m := range d.Milestones {
		if m.SupersededBy == "" {
			continue
		}
		j := d.index(m.SupersededBy)
		if j <= i || d.Milestones[j].Limit == "" {
			return fmt.Errorf("milestone %s: supersededBy %q is not a later milestone with a limit", m.ID, m.SupersededBy)
		}
	}
	return nil
}
