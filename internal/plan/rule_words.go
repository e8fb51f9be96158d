package plan

import (
	"context"

	"veiviser/internal/apperr"
	"veiviser/internal/consent"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/records"
	"veiviser/internal/store"
)

// wordsTakenIn: a goal's words are the citizen's, but the coordinator may put the words of the
// citizen's own proposal in place of a goal's (accepting the proposal that way). Such a change
// names the proposal (the words-from-proposal extension, newly set) and its words are the
// proposal's exactly; it is then the plan's structure (the coordinator's part), not the goal's
// words. Any other change of the words stays the citizen's.
func wordsTakenIn(ctx context.Context, rd store.Reader, ip IndividualPlan, before, after *fhir.Resource, edits []Edit) ([]Edit, error) {
	i := -1
	for j, e := range edits {
		if e.Part == consent.PartGoalWords {
			i = j
		}
	}
	if i < 0 || before == nil || after == nil {
		return edits, nil
	}
	ref := kernel.ExtRef(after.Object(), kernel.ExtWordsFromProposal)
	if ref == "" || ref == kernel.ExtRef(before.Object(), kernel.ExtWordsFromProposal) {
		return edits, nil
	}
	ok, err := isProposalWith(ctx, rd, ip, kernel.IDOfType(ref, "Goal"), kernel.PathString(after.Object(), "description", "text"))
	if err != nil || !ok {
		return edits, err
	}
	out := append(append([]Edit(nil), edits[:i]...), edits[i+1:]...)
	return append(out, Edit{Part: consent.PartGoalTargets}), nil
}

// isProposalWith reports whether Goal/id is a proposal the plan's citizen made, in the plan,
// with exactly these words.
func isProposalWith(ctx context.Context, rd store.Reader, ip IndividualPlan, id, words string) (bool, error) {
	if id == "" {
		return false, nil
	}
	rec, err := rd.Get(ctx, "Goal", id)
	if apperr.Is(err, apperr.NotFound) || apperr.Is(err, apperr.Gone) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	g := records.Parsed(rec)
	if !isProposal(g) || kernel.PathString(g.Object(), "description", "text") != words ||
		kernel.PathString(g.Object(), "subject", "reference") != ip.Patient {
		return false, nil
	}
	of, ok, err := planOfGoal(ctx, rd, id)
	return ok && of.ID == ip.ID, err
}
