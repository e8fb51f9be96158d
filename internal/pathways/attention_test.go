package pathways

import (
	"fmt"
	"testing"
)

// The list holds what is due soon or late, late first (the latest first), then due soon by date.
func TestAttentionListsWhatIsNearOrPastItsLimit(t *testing.T) {
	c, _ := clockAt(t, catalog(t), "2026-02-20")
	a := youth(t, "2026-01-05")
	a.ID = "a"
	b := youth(t, "2026-01-20")
	b.ID = "b"
	cc := cancer(t, "2025-11-01")
	cc.ID = "c"
	d := youth(t, "2026-02-19") // nothing near yet
	d.ID = "d"
	e := youth(t, "2025-10-01")
	e.ID, e.End = "e", date(t, "2025-12-01") // ended
	items, err := c.Attention([]Instance{e, d, cc, b, a})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range items {
		got = append(got, fmt.Sprintf("%s/%s %s %d", it.Instance, it.Milestone.ID, it.State, it.DaysLate))
	}
	want := []string{
		"a/feedback late 25",
		"b/feedback late 10",
		"a/assessment late 4",
		"c/conversation-1 due-soon 0",
		"b/assessment due-soon 0",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got\n%v\nwant\n%v", got, want)
	}
	if items[0].Patient != "Patient/emma" || items[0].Coordinator != "Practitioner/koord" || items[0].Unit != "Organization/ke" {
		t.Errorf("the item does not say whose it is: %+v", items[0])
	}
}

func TestAttentionFailsOnAnInstanceItCannotSchedule(t *testing.T) {
	c, _ := clockAt(t, catalog(t), "2026-02-20")
	if _, err := c.Attention([]Instance{{ID: "x", Pathway: "no-such", Start: date(t, "2026-01-01")}}); err == nil {
		t.Error("an unknown pathway was left out silently")
	}
}
