package pathways

import (
	"strings"
	"testing"
)

func TestTheNationalPathwaysShip(t *testing.T) {
	c := catalog(t)
	var ids []string
	for _, d := range c.InForce(date(t, "2026-03-02")) {
		ids = append(ids, d.ID)
		if d.Source == "" || !strings.Contains(d.Source, "https://") {
			t.Errorf("%s has no source URL", d.ID)
		}
		for _, m := range d.Milestones {
			if m.Name.NB == "" || m.Name.EN == "" {
				t.Errorf("%s/%s needs its name in bokmål and English", d.ID, m.ID)
			}
		}
	}
	if got := strings.Join(ids, " "); got != "cancer-home eating-disorders-children mental-health-children substance-use" {
		t.Errorf("pathways in force: %s", got)
	}
	if got := c.InForce(date(t, "2018-12-31")); len(got) != 0 {
		t.Errorf("pathways in force before 2019: %d", len(got))
	}
}

// The three youth pathways have the milestones the issue and the Sandnes page list.
func TestTheYouthPathwaysHaveTheirMilestones(t *testing.T) {
	c := catalog(t)
	for _, id := range []string{"mental-health-children", "eating-disorders-children", "substance-use"} {
		d, err := c.Definition(id, date(t, "2026-03-02"))
		if err != nil {
			t.Fatal(err)
		}
		var ms []string
		for _, m := range d.Milestones {
			ms = append(ms, m.ID)
		}
		if got := strings.Join(ms, " "); got != "start assessment treatment-decision evaluation feedback closure" {
			t.Errorf("%s: %s", id, got)
		}
		a, _ := d.Milestone("assessment")
		if a.Extension == "" || a.MaxExtensions != 1 {
			t.Errorf("%s: the assessment is not extendable once", id)
		}
	}
}

// What law.md marks UNVERIFIED is marked in the definitions.
func TestUnverifiedPointsAreMarked(t *testing.T) {
	c := catalog(t)
	for id, word := range map[string]string{
		"eating-disorders-children": "taken from the mental-health pathway",
		"substance-use":             "taken from the mental-health pathway",
		"mental-health-children":    "2024 revision",
		"cancer-home":               "2020-01-01",
	} {
		d, err := c.Definition(id, date(t, "2026-03-02"))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(d.Unverifieds(), "\n"); !strings.Contains(got, word) {
			t.Errorf("%s: the unverified points %q do not mention %q", id, got, word)
		}
	}
}

func TestTheCancerConversationsHaveTheirTopics(t *testing.T) {
	d, err := catalog(t).Definition("cancer-home", date(t, "2026-03-02"))
	if err != nil {
		t.Fatal(err)
	}
	want := "family-network work-school economy-housing help-at-home rehabilitation activity nutrition own-health coping leisure mental-health sexual-health oral-health"
	for _, id := range []string{"conversation-1", "conversation-2"} {
		m, _ := d.Milestone(id)
		if got := strings.Join(m.Topics, " "); got != want {
			t.Errorf("%s topics: %s", id, got)
		}
		if m.AskAgain == "" {
			t.Errorf("%s cannot be declined", id)
		}
	}
	if tp, ok := d.Topic("oral-health"); !ok || tp.Name.NB != "Munnhelse" {
		t.Errorf("oral-health: %+v", tp)
	}
}

// The first conversation counts from the existing lawdata keys, not copies of them.
func TestTheCancerPathwayReusesTheLawKeys(t *testing.T) {
	c := catalog(t)
	d, _ := c.Definition("cancer-home", date(t, "2026-03-02"))
	m, _ := d.Milestone("conversation-1")
	if m.Opens != "cancer-home.follow-up.first" {
		t.Errorf("conversation-1 opens at %s", m.Opens)
	}
	if r, err := c.Rule(m.Limit, date(t, "2026-03-02")); err != nil || r.Value.String() != "4 months" {
		t.Errorf("conversation-1's limit: %v %v, want 4 months", r.Value, err)
	}
	m, _ = d.Milestone("conversation-2")
	if m.Opens != "cancer-home.follow-up.second" {
		t.Errorf("conversation-2 opens at %s", m.Opens)
	}
}

func TestParseCatalogRefusesBrokenDefinitions(t *testing.T) {
	const head = `[{"id":"p","name":{"nb":"P"},"validFrom":"2020-01-01","source":"s","milestones":[` +
		`{"id":"start","name":{"nb":"S"},"responsible":"municipality"},`
	const lim = `"limit":"pathway.mental-health-children.assessment"`
	tests := []struct{ name, json, want string }{
		{"not json", `[{`, "not valid JSON"},
		{"unknown field", `[{"id":"p","colour":"red"}]`, "unknown field"},
		{"no source", `[{"id":"p","name":{"nb":"P"},"validFrom":"2020-01-01","milestones":[]}]`, "source"},
		{"bad date", `[{"id":"p","name":{"nb":"P"},"validFrom":"2020-13-01","source":"s","milestones":[]}]`, "not a date"},
		{"no milestones", `[{"id":"p","name":{"nb":"P"},"validFrom":"2020-01-01","source":"s","milestones":[]}]`, "at least one"},
		{"unknown anchor", head + `{"id":"a","name":{"nb":"A"},"after":"x",` + lim + `,"responsible":"municipality"}]}]`, "not an earlier milestone"},
		{"anchor later", head + `{"id":"a","name":{"nb":"A"},"after":"b",` + lim + `,"responsible":"municipality"},{"id":"b","name":{"nb":"B"},"after":"start","responsible":"municipality"}]}]`, "not an earlier milestone"},
		{"unknown key", head + `{"id":"a","name":{"nb":"A"},"after":"start","limit":"no.such","responsible":"municipality"}]}]`, "law key"},
		{"key not a duration", head + `{"id":"a","name":{"nb":"A"},"after":"start","limit":"ip.right","responsible":"municipality"}]}]`, "not a duration"},
		{"key not in force", `[{"id":"p","name":{"nb":"P"},"validFrom":"2018-01-01","source":"s","milestones":[{"id":"start","name":{"nb":"S"},"responsible":"municipality"},{"id":"a","name":{"nb":"A"},"after":"start",` + lim + `,"responsible":"municipality"}]}]`, "law key"},
		{"anchor repeats", head + `{"id":"a","name":{"nb":"A"},"after":"start",` + lim + `,"repeat":"pathway.mental-health-children.evaluation.interval","responsible":"municipality"},{"id":"b","name":{"nb":"B"},"after":"a","responsible":"municipality"}]}]`, "repeats"},
		{"extension without max", head + `{"id":"a","name":{"nb":"A"},"after":"start",` + lim + `,"extension":"pathway.mental-health-children.assessment.extension","responsible":"municipality"}]}]`, "maxExtensions"},
		{"open-ended with a limit", head + `{"id":"a","name":{"nb":"A"},"after":"start",` + lim + `,"openEnded":true,"responsible":"municipality"}]}]`, "open-ended"},
		{"unknown responsible", head + `{"id":"a","name":{"nb":"A"},"after":"start",` + lim + `,"responsible":"nobody"}]}]`, "responsible"},
		{"unknown topic", head + `{"id":"a","name":{"nb":"A"},"after":"start",` + lim + `,"topics":["x"],"responsible":"municipality"}]}]`, "topic"},
		{"bad milestone id", head + `{"id":"a b","name":{"nb":"A"},"after":"start",` + lim + `,"responsible":"municipality"}]}]`, "id of letters"},
		{"start with a limit", `[{"id":"p","name":{"nb":"P"},"validFrom":"2020-01-01","source":"s","milestones":[{"id":"start","name":{"nb":"S"},` + lim + `,"responsible":"municipality"},{"id":"a","name":{"nb":"A"},"after":"start","responsible":"municipality"}]}]`, "the start"},
		{"superseded by nothing", head + `{"id":"a","name":{"nb":"A"},"after":"start",` + lim + `,"askAgain":"cancer-home.ask-again","supersededBy":"zz","responsible":"municipality"}]}]`, "supersededBy"},
	}
	l := law(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseCatalog(l, []byte(tt.json))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error with %q", err, tt.want)
			}
		})
	}
}

// A revision is a new version from its date; instances follow the version in force on their start.
func TestVersionsChangeOnTheirDate(t *testing.T) {
	version := func(from, to, name string) string {
		return `{"id":"p","name":{"nb":"` + name + `"},"validFrom":"` + from + `","validTo":"` + to + `","source":"s","milestones":[` +
			`{"id":"start","name":{"nb":"S"},"responsible":"municipality"},{"id":"a","name":{"nb":"A"},"after":"start","openEnded":true,"responsible":"municipality"}]}`
	}
	c, err := ParseCatalog(law(t), []byte(`[`+version("2020-01-01", "2023-12-31", "old")+`,`+version("2024-01-01", "", "new")+`]`))
	if err != nil {
		t.Fatal(err)
	}
	for day, want := range map[string]string{"2023-12-31": "old", "2024-01-01": "new"} {
		d, err := c.Definition("p", date(t, day))
		if err != nil || d.Name.NB != want {
			t.Errorf("on %s: %v %v, want %s", day, d.Name, err, want)
		}
	}
	_, err = ParseCatalog(law(t), []byte(`[`+version("2020-01-01", "", "old")+`,`+version("2024-01-01", "", "new")+`]`))
	if err == nil || !strings.Contains(err.Error(), "overlaps") {
		t.Errorf("overlapping versions: %v", err)
	}
}
