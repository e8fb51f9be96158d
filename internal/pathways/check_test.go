package pathways

import (
	"strings"
	"testing"

	"veiviser/internal/apperr"
)

func TestCheckRefusesWhatThePathwayDoesNotAllow(t *testing.T) {
	c := catalog(t)
	ext := func(at, reason string) Extension {
		return Extension{Milestone: "assessment", At: date(t, at), Reason: reason, By: "Practitioner/bup"}
	}
	tests := []struct {
		name string
		edit func(*Instance)
		want string // "" for accepted
	}{
		{"a plain start", func(*Instance) {}, ""},
		{"unknown pathway", func(in *Instance) { in.Pathway = "x" }, "not in force"},
		{"no patient", func(in *Instance) { in.Patient = "" }, "needs a patient"},
		{"ends before it starts", func(in *Instance) { in.End = date(t, "2026-01-04") }, "cannot end before"},
		{"unknown milestone", func(in *Instance) { in.Records = []Record{rec(t, "x", "2026-02-01")} }, "no milestone x"},
		{"the start recorded", func(in *Instance) { in.Records = []Record{rec(t, "start", "2026-02-01")} }, "no milestone start"},
		{"recorded before its anchor", func(in *Instance) {
			in.Records = []Record{rec(t, "assessment", "2026-02-10"), rec(t, "treatment-decision", "2026-02-09")}
		}, "before the milestone it counts from"},
		{"recorded without its anchor", func(in *Instance) { in.Records = []Record{rec(t, "evaluation", "2026-03-01")} }, "before the milestone it counts from"},
		{"recorded on its anchor's day", func(in *Instance) { in.Records = []Record{rec(t, "assessment", "2026-01-05")} }, ""},
		{"recorded twice", func(in *Instance) {
			in.Records = []Record{rec(t, "assessment", "2026-02-10"), rec(t, "assessment", "2026-02-11")}
		}, "more than once"},
		{"evaluations repeat", func(in *Instance) {
			in.Records = []Record{rec(t, "assessment", "2026-02-10"), rec(t, "treatment-decision", "2026-02-10"),
				rec(t, "evaluation", "2026-03-20"), rec(t, "evaluation", "2026-06-10")}
		}, ""},
		{"recorded after the end", func(in *Instance) {
			in.End = date(t, "2026-02-01")
			in.Records = []Record{rec(t, "assessment", "2026-02-10")}
		}, "after the pathway ended"},
		{"closed without an end date", func(in *Instance) {
			in.Records = []Record{rec(t, "assessment", "2026-02-10"), rec(t, "treatment-decision", "2026-02-10"), rec(t, "closure", "2026-05-01")}
		}, "needs an end date"},
		{"closed with its end date", func(in *Instance) {
			in.Records = []Record{rec(t, "assessment", "2026-02-10"), rec(t, "treatment-decision", "2026-02-10"), rec(t, "closure", "2026-05-01")}
			in.End = date(t, "2026-05-01")
		}, ""},
		{"extension with a reason", func(in *Instance) { in.Extensions = []Extension{ext("2026-02-10", "Venter på prøvesvar")} }, ""},
		{"extension without a reason", func(in *Instance) { in.Extensions = []Extension{ext("2026-02-10", "  ")} }, "needs a reason"},
		{"extension on the limit's day", func(in *Instance) { in.Extensions = []Extension{ext("2026-02-16", "Sent svar")} }, ""},
		{"extension the day after the limit", func(in *Instance) { in.Extensions = []Extension{ext("2026-02-17", "For sent")} }, "between the milestone it counts from and the limit"},
		{"a second extension", func(in *Instance) {
			in.Extensions = []Extension{ext("2026-02-10", "a"), ext("2026-03-01", "b")}
		}, "more times than the pathway allows"},
		{"extension of a milestone without one", func(in *Instance) {
			in.Extensions = []Extension{{Milestone: "feedback", At: date(t, "2026-01-10"), Reason: "r"}}
		}, "cannot be extended"},
		{"extension after it was held", func(in *Instance) {
			in.Records = []Record{rec(t, "assessment", "2026-02-01")}
			in.Extensions = []Extension{ext("2026-02-10", "r")}
		}, "between the milestone it counts from and the limit"},
		{"decline of a milestone without asking again", func(in *Instance) {
			in.Declines = []Decline{{Milestone: "assessment", At: date(t, "2026-01-10")}}
		}, "cannot be declined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := youth(t, "2026-01-05")
			tt.edit(&in)
			err := c.Check(in)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if !apperr.Is(err, apperr.Unprocessable) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want unprocessable with %q", err, tt.want)
			}
		})
	}
}

func TestCheckOfDeclines(t *testing.T) {
	c := catalog(t)
	tests := []struct {
		name    string
		decline string
		held    string
		want    string
	}{
		{"declined in the window", "2026-04-20", "", ""},
		{"declined before the start", "2026-01-14", "", "between the pathway's start"},
		{"declined on the day it was held", "2026-04-20", "2026-04-20", ""},
		{"declined after it was held", "2026-04-21", "2026-04-20", "between the pathway's start"},
		{"declined on the pathway's last day", "2026-06-30", "", ""},
		{"declined after the pathway ended", "2026-07-01", "", "the pathway's end"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := cancer(t, "2026-01-15")
			in.End = date(t, "2026-06-30")
			in.Declines = []Decline{{Milestone: "conversation-1", At: date(t, tt.decline)}}
			if tt.held != "" {
				in.Records = []Record{rec(t, "conversation-1", tt.held)}
			}
			err := c.Check(in)
			if (tt.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.want)) {
				t.Fatalf("got %v, want %q", err, tt.want)
			}
		})
	}
}
