package plan

import (
	"slices"
	"time"
)

// NewsKind is what someone other than the coordinator wrote in the plan.
type NewsKind string

// The kinds of news.
const (
	NewsComment  NewsKind = "comment"  // a comment on the plan
	NewsProposal NewsKind = "proposal" // a goal the citizen proposes
	NewsProgress NewsKind = "progress" // a provider's report on a measure
)

// News is one thing written in the plan by someone other than its coordinator.
type News struct {
	Kind   NewsKind
	At     time.Time
	Author string // the writer's reference
	Text   string
	About  string // for progress: the measure's title
}

// NewsFor is what others (the citizen, relatives, providers) wrote in the plan since its
// coordinator last changed it, and every goal proposal still waiting, newest first: the coordinator's own change (a reply, an accepted
// proposal, an edit) is when they last took the plan in hand, so what came after is new to
// them. A plan whose coordinator never changed it counts everything as new. Times are to the
// second, so within the second of the coordinator's last change the log's order decides: what
// an author wrote then is new if the log has an entry of theirs after the coordinator's.
func NewsFor(p IndividualPlan, log []LogEntry) []News {
	var seen time.Time
	last := -1
	for i, e := range log {
		if e.By == p.Coordinator {
			seen, last = e.At, i
		}
	}
	after := map[string]bool{} // who wrote in the log after the coordinator's last entry
	for _, e := range log[last+1:] {
		after[e.By] = true
	}
	var out []News
	add := func(n News) {
		if n.Author != p.Coordinator && (n.At.After(seen) || (n.At.Equal(seen) && after[n.Author])) {
			out = append(out, n)
		}
	}
	for _, c := range p.Comments {
		add(News{Kind: NewsComment, At: c.At, Author: c.Author, Text: c.Text})
	}
	for _, g := range p.GoalProposals { // a proposal waits for the coordinator: new until taken in
		out = append(out, News{Kind: NewsProposal, At: g.At, Author: g.Author, Text: g.Text})
	}
	for _, m := range p.Measures {
		for _, n := range m.Progress {
			add(News{Kind: NewsProgress, At: n.At, Author: n.Author, Text: n.Text, About: m.Title})
		}
	}
	slices.SortStableFunc(out, func(a, b News) int { return b.At.Compare(a.At) })
	return out
}
