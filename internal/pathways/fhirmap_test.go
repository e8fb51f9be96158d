package pathways

import (
	"reflect"
	"strings"
	"testing"

	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
)

func parse(t *testing.T, s string) *fhir.Resource {
	t.Helper()
	r, err := fhir.Parse([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// toFHIR maps in, checks it is valid R4 and sends it through its JSON, as the store would.
func toFHIR(t *testing.T, c *Catalog, in Instance) *fhir.Resource {
	t.Helper()
	r, err := c.ToFHIR(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := fhir.Validate(r); err != nil {
		t.Fatalf("not valid R4: %v\n%s", err, r.Bytes())
	}
	return parse(t, string(r.Bytes()))
}

func TestAPathwayRoundTripsThroughEpisodeOfCare(t *testing.T) {
	c := catalog(t)
	full := youth(t, "2026-01-05", rec(t, "assessment", "2026-02-10"), rec(t, "treatment-decision", "2026-02-10"),
		rec(t, "evaluation", "2026-03-20"), Record{Milestone: "evaluation", At: date(t, "2026-06-10")})
	full.Extensions = []Extension{{Milestone: "assessment", At: date(t, "2026-02-01"), Reason: "Venter på skolen", By: "Practitioner/bup"}}
	ended := full
	ended.ID, ended.End = "ep-3", date(t, "2026-09-01")
	ended.Records = append(append([]Record{}, full.Records...), rec(t, "closure", "2026-09-01"))
	declined := cancer(t, "2026-01-15")
	declined.Declines = []Decline{{Milestone: "conversation-1", At: date(t, "2026-04-20"), Note: "Ikke nå", By: "Practitioner/kreft"},
		{Milestone: "conversation-1", At: date(t, "2026-07-20")}}
	declined.Records = []Record{rec(t, "conversation-2", "2027-02-01")}
	bare := Instance{Pathway: "substance-use", Patient: "Patient/x", Start: date(t, "2026-03-02")}
	for name, in := range map[string]Instance{"full": full, "ended": ended, "declined": declined, "bare": bare} {
		t.Run(name, func(t *testing.T) {
			got, err := FromFHIR(toFHIR(t, c, in))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, in) {
				t.Errorf("round trip\n got %+v\nwant %+v", got, in)
			}
		})
	}
}

func TestThePathwayEpisodeOfCareSaysWhatItIs(t *testing.T) {
	c := catalog(t)
	in := youth(t, "2026-01-05", rec(t, "assessment", "2026-02-10"))
	in.End = date(t, "2026-02-20")
	o := toFHIR(t, c, in).Object()
	for _, tt := range []struct{ got, want string }{
		{kernel.PathString(o, "status"), "finished"},
		{kernel.PathString(o, "patient", "reference"), "Patient/emma"},
		{kernel.PathString(o, "careManager", "reference"), "Practitioner/koord"},
		{kernel.PathString(o, "managingOrganization", "reference"), "Organization/ke"},
		{kernel.PathString(o, "period", "start"), "2026-01-05"},
		{kernel.PathString(o, "period", "end"), "2026-02-20"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	if code, ok := hasCoding(o, "type", CSPathwayKind); !ok || code != "mental-health-children" {
		t.Errorf("type %q", code)
	}
	if !strings.Contains(string(toFHIR(t, c, in).Bytes()), `"text":"Psykiske lidelser – barn og unge"`) {
		t.Error("the type has no name")
	}
	if _, err := c.ToFHIR(Instance{Pathway: "no-such", Start: date(t, "2026-01-01")}); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("an unknown pathway mapped: %v", err)
	}
}

// The unit's other EpisodeOfCare kinds are never taken for pathways.
func TestIsPathwayKnowsPathwaysByTheirCodeSystem(t *testing.T) {
	appointment := `{"resourceType":"EpisodeOfCare","status":"active","patient":{"reference":"Patient/a"},
		"type":[{"coding":[{"system":"https://veiviser.no/fhir/CodeSystem/coordinator-kind","code":"pathway"}]}]}`
	both := `{"resourceType":"EpisodeOfCare","status":"active","patient":{"reference":"Patient/a"},
		"type":[{"coding":[{"system":"https://veiviser.no/fhir/CodeSystem/coordinator-kind","code":"pathway"}]},
		{"coding":[{"system":"` + CSPathwayKind + `","code":"cancer-home"}]}]}`
	tests := []struct {
		name string
		r    *fhir.Resource
		want bool
	}{
		{"a pathway", toFHIR(t, catalog(t), cancer(t, "2026-01-15")), true},
		{"a coordinator appointment", parse(t, appointment), false},
		{"untyped", parse(t, `{"resourceType":"EpisodeOfCare","status":"active","patient":{"reference":"Patient/a"}}`), false},
		{"typed as a pathway among other codings", parse(t, both), true},
		{"another type with the code", parse(t, `{"resourceType":"CarePlan","category":[{"coding":[{"system":"`+CSPathwayKind+`","code":"cancer-home"}]}]}`), false},
		{"nothing", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsPathway(tt.r); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	if _, err := FromFHIR(parse(t, appointment)); !apperr.Is(err, apperr.Unprocessable) {
		t.Errorf("an appointment read as a pathway: %v", err)
	}
}

func TestFromFHIRRefusesWhatIsNotAPathwayInstance(t *testing.T) {
	episode := func(status, period, ext string) string {
		return `{"resourceType":"EpisodeOfCare","status":"` + status + `","patient":{"reference":"Patient/a"},` +
			`"type":[{"coding":[{"system":"` + CSPathwayKind + `","code":"cancer-home"}]}],"period":` + period + ext + `}`
	}
	const start = `{"start":"2026-01-15"}`
	tests := []struct{ name, json, want string }{
		{"planned", episode("planned", start, ""), "not planned"},
		{"active with an end", episode("active", `{"start":"2026-01-15","end":"2026-05-01"}`, ""), "an active one none"},
		{"finished without an end", episode("finished", start, ""), "has an end date"},
		{"a period that is not dates", episode("active", `{"start":"2026-01"}`, ""), "not dates"},
		{"a record without a date", episode("active", start, `,"extension":[{"url":"`+ExtMilestone+`","extension":[{"url":"milestone","valueCode":"conversation-1"}]}]`), "needs a milestone and a date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := FromFHIR(parse(t, tt.json))
			if !apperr.Is(err, apperr.Unprocessable) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want unprocessable with %q", err, tt.want)
			}
		})
	}
	in, err := FromFHIR(parse(t, episode("active", `{"start":"2026-01-15T09:30:00+01:00"}`, "")))
	if err != nil || in.Start != date(t, "2026-01-15") {
		t.Errorf("a dateTime start: %v %v, want 2026-01-15", in.Start, err)
	}
}
