package kernel

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
