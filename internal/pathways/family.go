package pathways

import (
	"slices"
	"strings"

	"veiviser/internal/kernel"
)

// Relation is how one family member is related to another.
type Relation string

// The family relations.
const (
	RelParent  Relation = "parent"
	RelChild   Relation = "child"
	RelSibling Relation = "sibling"
	RelPartner Relation = "partner"
)

// Link says Member is Relation of Other: {Patient/marte, parent, Patient/emma} is "Marte is
// Emma's parent". Members are references ("Patient/…"). A link says who belongs together for
// the coordinating unit's family perspective; it is not a consent and gives no access.
type Link struct {
	Member   string
	Relation Relation
	Other    string
}

// Inverse is the same link seen from Other: a parent's child, a sibling's sibling.
func (l Link) Inverse() Link {
	r := l.Relation
	switch r {
	case RelParent:
		r = RelChild
	case RelChild:
		r = RelParent
	}
	return Link{Member: l.Other, Relation: r, Other: l.Member}
}

// CheckLinks refuses a link without both members, to oneself, or of an unknown relation.
func CheckLinks(links []Link) error {
	for _, l := range links {
		if l.Member == "" || l.Other == "" || l.Member == l.Other {
			return kernel.Violation("En familielenke trenger to ulike personer.", "A family link needs two different people.")
		}
		if !slices.Contains([]Relation{RelParent, RelChild, RelSibling, RelPartner}, l.Relation) {
			return kernel.Violation("Ukjent familierelasjon: "+string(l.Relation)+".", "Unknown family relation: "+string(l.Relation)+".")
		}
	}
	return nil
}

// Members are everyone the links name, sorted.
func Members(links []Link) []string {
	var out []string
	for _, l := range links {
		out = append(out, l.Member, l.Other)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// RelativesOf are member's links as seen from member (Member == member), each once, sorted.
func RelativesOf(links []Link, member string) []Link {
	var out []Link
	for _, l := range links {
		if l.Other == member {
			l = l.Inverse()
		}
		if l.Member == member && !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	slices.SortFunc(out, func(a, b Link) int { return strings.Compare(a.Other+string(a.Relation), b.Other+string(b.Relation)) })
	return out
}

// Part is a section of the family view: what of a member's data it can show.
type Part string

// The family view's sections.
const (
	PartPlan      Part = "plan"      // the member's individual plan
	PartServices  Part = "services"  // the services the member has
	PartDecisions Part = "decisions" // the member's decisions
	PartPathways  Part = "pathways"  // the member's care pathways
)

// FamilyParts lists the view's sections in the order it shows them.
func FamilyParts() []Part { return []Part{PartPlan, PartServices, PartDecisions, PartPathways} }

// Sharing is one member's own decision about one viewer: which parts of member's data viewer
// may see, from member's consent (or their guardian's on their behalf) and viewer's need to
// know. The plan area plugs its consent in here; nil, or an empty answer, shares nothing.
type Sharing func(member, viewer string) []Part

// MemberView is what the view shows of one member.
type MemberView struct {
	Member string
	See    []Part // in FamilyParts' order
	Links  []Link // to other members the view shows, seen from this member
}

// FamilyView is what a family coordinator may see of a family.
type FamilyView struct {
	Viewer  string
	Members []MemberView // sorted by member
}

// ViewFamily is what viewer may see of the family the links make. Each member is shown with
// exactly what that member's own sharing gives viewer: a link adds nothing, a relative's
// consent covers only that relative, and a member who shares nothing is left out, with the
// links to them (a link is the member's data too). Parts outside the view's sections are
// dropped, so a sharing that answers in another vocabulary shows nothing rather than too much.
func ViewFamily(links []Link, viewer string, share Sharing) FamilyView {
	v := FamilyView{Viewer: viewer}
	if share == nil {
		return v
	}
	shown := map[string]bool{}
	for _, m := range Members(links) {
		see := sectionsOf(share(m, viewer))
		if len(see) == 0 {
			continue
		}
		shown[m] = true
		v.Members = append(v.Members, MemberView{Member: m, See: see})
	}
	for i, mv := range v.Members {
		for _, l := range RelativesOf(links, mv.Member) {
			if shown[l.Other] {
				v.Members[i].Links = append(v.Members[i].Links, l)
			}
		}
	}
	return v
}

// sectionsOf keeps the view's sections among parts, each once, in the view's order.
func sectionsOf(parts []Part) []Part {
	var out []Part
	for _, p := range FamilyParts() {
		if slices.Contains(parts, p) {
			out = append(out, p)
		}
	}
	return out
}
