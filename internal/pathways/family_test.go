package pathways

import (
	"fmt"
	"strings"
	"testing"
)

const (
	marte = "Patient/marte"
	emma  = "Patient/emma"
	noah  = "Patient/noah"
	koord = "Practitioner/koord"
	other = "Practitioner/annen"
)

// theRustads is a mother and her two children.
func theRustads() []Link {
	return []Link{
		{Member: marte, Relation: RelParent, Other: emma},
		{Member: marte, Relation: RelParent, Other: noah},
		{Member: emma, Relation: RelSibling, Other: noah},
	}
}

// sharing is each member's own decision, for the family coordinator only.
func sharing(t *testing.T, decisions map[string][]Part) Sharing {
	t.Helper()
	return func(member, viewer string) []Part {
		if viewer != koord {
			return nil
		}
		return decisions[member]
	}
}

func describe(v FamilyView) string {
	var out []string
	for _, m := range v.Members {
		var links []string
		for _, l := range m.Links {
			links = append(links, string(l.Relation)+"→"+l.Other)
		}
		out = append(out, fmt.Sprintf("%s %v %v", m.Member, m.See, links))
	}
	return strings.Join(out, "; ")
}

func TestAFamilyLinkGivesNoAccessByItself(t *testing.T) {
	tests := []struct {
		name      string
		viewer    string
		share     Sharing
		decisions map[string][]Part
		want      string
	}{
		{"no sharing function", koord, nil, nil, ""},
		{"links and no one shares", koord, nil, map[string][]Part{}, ""},
		{"the mother shares all, her children nothing", koord, nil,
			map[string][]Part{marte: FamilyParts()}, "Patient/marte [plan services decisions pathways] []"},
		{"each member as far as their own consent goes", koord, nil,
			map[string][]Part{emma: {PartPlan, PartServices}, marte: {PartDecisions}},
			"Patient/emma [plan services] [child→Patient/marte]; Patient/marte [decisions] [parent→Patient/emma]"},
		{"another staff member sees nothing of the same family", other, nil,
			map[string][]Part{emma: {PartPlan}, marte: {PartDecisions}}, ""},
		{"parts outside the view, twice, out of order", koord, nil,
			map[string][]Part{noah: {"goal-words", PartServices, PartPlan, PartServices}}, "Patient/noah [plan services] []"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			share := tt.share
			if tt.decisions != nil {
				share = sharing(t, tt.decisions)
			}
			v := ViewFamily(theRustads(), tt.viewer, share)
			if got := describe(v); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// The view asks each member's own sharing about the viewer, once per member, and nothing else.
func TestTheFamilyViewAsksEachMemberAboutTheViewer(t *testing.T) {
	var asked []string
	ViewFamily(theRustads(), koord, func(member, viewer string) []Part {
		asked = append(asked, member+" about "+viewer)
		return nil
	})
	if got := strings.Join(asked, ", "); got != "Patient/emma about Practitioner/koord, Patient/marte about Practitioner/koord, Patient/noah about Practitioner/koord" {
		t.Errorf("asked: %s", got)
	}
}

func TestFamilyLinks(t *testing.T) {
	if got := RelativesOf(theRustads(), emma); fmt.Sprint(got) != "[{Patient/emma child Patient/marte} {Patient/emma sibling Patient/noah}]" {
		t.Errorf("Emma's relatives: %v", got)
	}
	if got := (Link{marte, RelPartner, "Patient/per"}).Inverse(); got != (Link{"Patient/per", RelPartner, marte}) {
		t.Errorf("inverse of a partner: %v", got)
	}
	if got := Members(theRustads()); fmt.Sprint(got) != "[Patient/emma Patient/marte Patient/noah]" {
		t.Errorf("members: %v", got)
	}
	if err := CheckLinks(theRustads()); err != nil {
		t.Errorf("valid links refused: %v", err)
	}
	for _, bad := range []Link{{emma, RelSibling, emma}, {"", RelParent, emma}, {emma, "cousin", noah}} {
		if err := CheckLinks([]Link{bad}); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}
