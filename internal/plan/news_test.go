package plan

import (
	"testing"
	"time"
)

// TestNewsFor: what others wrote after the coordinator last changed the plan is news, newest
// first; the coordinator's own writing and what came before their last change is not, but a
// goal proposal is news until the coordinator takes it in.
func TestNewsFor(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 3, d, 9, 0, 0, 0, time.UTC) }
	const coord, citizen, provider = "Practitioner/k1", "Patient/p1", "Practitioner/f1"
	p := IndividualPlan{Coordinator: coord,
		Comments: []Comment{{At: day(2), Author: citizen, Text: "gammel"}, {At: day(5), Author: citizen, Text: "ny"},
			{At: day(6), Author: coord, Text: "svar"}},
		GoalProposals: []GoalProposal{{At: day(7), Author: citizen, Text: "gå tur"}},
		Measures:      []Measure{{Title: "Fysioterapi", Progress: []ProgressNote{{At: day(4), Author: provider, Text: "startet"}}}}}
	tests := []struct {
		name string
		log  []LogEntry
		want []string
	}{
		{"the coordinator never changed it", nil, []string{"gå tur", "ny", "startet", "gammel"}},
		{"the coordinator changed it on day 3", []LogEntry{{At: day(3), By: coord}, {At: day(5), By: citizen}}, []string{"gå tur", "ny", "startet"}},
		{"the coordinator changed it after everything: the proposal still waits", []LogEntry{{At: day(8), By: coord}}, []string{"gå tur"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, n := range NewsFor(p, tc.log) {
				got = append(got, n.Text)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("news %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("news %v, want %v", got, tc.want)
				}
			}
		})
	}
}
