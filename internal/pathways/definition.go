package pathways

import (
	"fmt"
	"slices"

	"veiviser/internal/kernel"
	"veiviser/internal/lawdata"
)

// Responsible says who carries out a milestone. The municipality's pathway coordinator follows
// every milestone; this names who does it.
type Responsible string

// Who carries out milestones.
const (
	SpecialistService Responsible = "specialist-service" // the hospital's clinic, e.g. BUP
	Municipality      Responsible = "municipality"       // the municipality (the coordinating unit, the cancer coordinator)
)

// Definition is one dated version of a national pathway: its milestones in order, each with its
// time limit. Instances follow the version in force on their start date. The limits themselves
// are lawdata keys, so the dated numbers live in one place (rules/pathways.json).
type Definition struct {
	ID         string      `json:"id"` // the pathway-kind code
	Name       kernel.Text `json:"name"`
	ValidFrom  string      `json:"validFrom"`         // YYYY-MM-DD, the first day in force
	ValidTo    string      `json:"validTo,omitempty"` // YYYY-MM-DD, the last day in force; "" open
	Source     string      `json:"source"`
	Note       string      `json:"note,omitempty"`
	Unverified string      `json:"unverified,omitempty"` // what law.md marks UNVERIFIED
	NPRType    string      `json:"nprType,omitempty"`    // the specialist service's pathway type (kodeverk 9321), for reference
	Topics     []Topic     `json:"topics,omitempty"`     // the topics milestones name
	Milestones []Milestone `json:"milestones"`           // the first is the start

	from, to lawdata.Date // parsed ValidFrom and ValidTo (zero when open)
}

// Topic is one subject of a conversation, e.g. "economy and housing".
type Topic struct {
	Code string      `json:"code"`
	Name kernel.Text `json:"name"`
}

// Milestone is one step of a pathway. Its limit counts from After, an earlier milestone, and the
// shape of the limit is one of:
//
//   - Limit: due Limit after After's date (with Opens, a window from Opens to Limit);
//   - no Limit: due on the day After is done ("with" it);
//   - OpenEnded: no limit at all (closure).
//
// Repeat makes it recur every Repeat after the latest one held; Extension lets the limit be
// moved on, MaxExtensions times, each with a reason; AskAgain makes it declinable: a citizen who
// declines is asked again AskAgain later, until SupersededBy opens.
type Milestone struct {
	ID            string      `json:"id"`
	Name          kernel.Text `json:"name"`
	After         string      `json:"after,omitempty"`
	Opens         lawdata.Key `json:"opens,omitempty"`
	Limit         lawdata.Key `json:"limit,omitempty"`
	Repeat        lawdata.Key `json:"repeat,omitempty"`
	Extension     lawdata.Key `json:"extension,omitempty"`
	MaxExtensions int         `json:"maxExtensions,omitempty"`
	AskAgain      lawdata.Key `json:"askAgain,omitempty"`
	SupersededBy  string      `json:"supersededBy,omitempty"`
	OpenEnded     bool        `json:"openEnded,omitempty"`
	Closes        bool        `json:"closes,omitempty"` // done, it ends the pathway
	Responsible   Responsible `json:"responsible"`
	Topics        []string    `json:"topics,omitempty"`
	Source        string      `json:"source,omitempty"`
	Note          string      `json:"note,omitempty"`
	Unverified    string      `json:"unverified,omitempty"`
}

// Start is the first milestone, whose date is the instance's start.
func (d Definition) Start() Milestone { return d.Milestones[0] }

// Milestone returns the milestone with id.
func (d Definition) Milestone(id string) (Milestone, bool) {
	i := d.index(id)
	if i < 0 {
		return Milestone{}, false
	}
	return d.Milestones[i], true
}

// index is the position of milestone id, -1 when there is none.
func (d Definition) index(id string) int {
	return slices.IndexFunc(d.Milestones, func(m Milestone) bool { return m.ID == id })
}

// Topic returns the topic with code.
func (d Definition) Topic(code string) (Topic, bool) {
	i := slices.IndexFunc(d.Topics, func(t Topic) bool { return t.Code == code })
	if i < 0 {
		return Topic{}, false
	}
	return d.Topics[i], true
}

// Unverifieds lists what the definition and its milestones mark UNVERIFIED, for the page that
// shows the pathway to the people who check it against the law.
func (d Definition) Unverifieds() []string {
	var out []string
	if d.Unverified != "" {
		out = append(out, d.Unverified)
	}
	for _, m := range d.Milestones {
		if m.Unverified != "" {
			out = append(out, m.ID+": "+m.Unverified)
		}
	}
	return out
}

// inForce reports whether the version is in force on day.
func (d Definition) inForce(day lawdata.Date) bool {
	return !day.Before(d.from) && (isZero(d.to) || !d.to.Before(day))
}

// keys are the law keys a milestone names.
func (m Milestone) keys() []lawdata.Key {
	var out []lawdata.Key
	for _, k := range []lawdata.Key{m.Opens, m.Limit, m.Repeat, m.Extension, m.AskAgain} {
		if k != "" {
			out = append(out, k)
		}
	}
	return out
}

// check refuses a definition a schedule cannot be computed from, so a broken file stops the
// start rather than a coordinator's list.
func (d *Definition) check(law *lawdata.Table) error {
	if d.ID == "" || d.Name.NB == "" || d.Source == "" {
		return fmt.Errorf("a pathway needs an id, a name in bokmål and a source")
	}
	if err := d.parseDates(); err != nil {
		return err
	}
	if len(d.Milestones) < 2 {
		return fmt.Errorf("a pathway needs a start and at least one milestone")
	}
	seen := map[string]Milestone{}
	for i, m := range d.Milestones {
		if err := d.checkMilestone(i, m, seen, law); err != nil {
			return fmt.Errorf("milestone %d (%s): %w", i, m.ID, err)
		}
		seen[m.ID] = m
	}
	return d.checkSuperseding()
}

func (d *Definition) parseDates() error {
	var err error
	if d.from, err = lawdata.ParseDate(d.ValidFrom); err != nil {
		return fmt.Errorf("validFrom: %w", err)
	}
	if d.ValidTo != "" {
		if d.to, err = lawdata.ParseDate(d.ValidTo); err != nil {
			return fmt.Errorf("validTo: %w", err)
		}
		if d.to.Before(d.from) {
			return fmt.Errorf("validTo %s is before validFrom %s", d.ValidTo, d.ValidFrom)
		}
	}
	return nil
}
