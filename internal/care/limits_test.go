package care

import (
	"strings"
	"testing"

	"veiviser/internal/apperr"
)

func TestCheckTexts(t *testing.T) {
	comment := Text{NB: "Kommentaren", EN: "The comment"}
	long := strings.Repeat("a", 4001)
	cases := []struct {
		name          string
		after, before []Field
		want          string // in the refusal; "" means allowed
	}{
		{"empty", nil, nil, ""},
		{"at the limit", []Field{{comment, strings.Repeat("a", 4000), MaxText}}, nil, ""},
		{"characters, not bytes", []Field{{comment, strings.Repeat("ø", 4000), MaxText}}, nil, ""},
		{"one past", []Field{{comment, long, MaxText}}, nil,
			"Kommentaren har 4\u00a0001 tegn; høyst 4\u00a0000 er tillatt. Skriv kortere. / The comment has 4,001 characters; at most 4,000 are allowed. Write less."},
		{"the first too long is named", []Field{{comment, "ok", MaxText}, {Text{"Tittelen", "The title"}, long, MaxName}, {comment, long, MaxText}}, nil,
			"Tittelen har 4\u00a0001 tegn; høyst 200"},
		{"stored before: kept", []Field{{comment, long, MaxText}, {comment, "new", MaxText}}, []Field{{comment, long, MaxText}}, ""},
		{"changed from a stored one", []Field{{comment, long + "b", MaxText}}, []Field{{comment, long, MaxText}}, "Kommentaren har 4\u00a0002 tegn"},
		{"a long text at its limit", []Field{{Text{"Referatet", "The minutes"}, strings.Repeat("x", 20000), MaxLongText}}, nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := CheckTexts(c.after, c.before)
			if c.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if !apperr.Is(err, apperr.Unprocessable) || !strings.Contains(apperr.As(err).Message, c.want) {
				t.Fatalf("error %v, want 422 with %q", err, c.want)
			}
		})
	}
}

// TestPlanFieldsCoverEveryText: every text a person writes into a plan is among its fields.
func TestPlanFieldsCoverEveryText(t *testing.T) {
	p := fullPlan()
	have := map[string]bool{}
	for _, f := range PlanFields(p) {
		have[f.Value] = true
	}
	want := []string{p.Title, p.OwnContribution, p.Coordination}
	for _, g := range p.Goals {
		want = append(want, g.Text)
	}
	for _, m := range p.Measures {
		want = append(want, m.Title, m.Scope)
	}
	for _, c := range p.Comments {
		want = append(want, c.Text)
	}
	for _, e := range append(append([]Entry(nil), p.Needs...), p.Resources...) {
		want = append(want, e.Text)
	}
	for _, c := range p.Cooperation {
		want = append(want, c.Party, c.Purpose)
	}
	for _, v := range want {
		if v != "" && !have[v] {
			t.Errorf("%q is not among the plan's fields", v)
		}
	}
}
