package fhirapi

import (
	"context"
	"net/http"

	"veiviser/internal/access"
	"veiviser/internal/fhir"
	"veiviser/internal/store"
)

// reachFor is the caller's reach for records of typ: for the access log (AuditEvent) the
// narrower audience of a citizen's log (access.Decider.AccessLogReach), else need-to-know.
func (a *api) reachFor(ctx context.Context, typ string) (access.Reach, error) {
	if typ != "AuditEvent" {
		return a.reach(ctx)
	}
	p, ok := access.FromContext(ctx)
	if !ok {
		return a.reach(ctx) // the same 401 as every other type
	}
	return a.decider.AccessLogReach(ctx, p)
}

// checkWritePolicy asks the per-role write policy (access.CheckWrite) about a person's write
// to a record inside their reach; cur is the current record, when there is one. An update of
// a record that is not there creates it; a delete of one that is not there deletes nothing
// and is answered as before, so the policy never tells a hidden record from a missing one. A
// refusal is logged against the citizens the record is about, as other refusals are.
func (a *api) checkWritePolicy(r *http.Request, interaction, typ string, cur store.Record, exists bool, res *fhir.Resource) error {
	p, ok := access.FromContext(r.Context())
	if !ok || p.IsSystem() {
		return nil
	}
	act := map[string]access.Interaction{"create": access.Create, "update": access.Update, "delete": access.Delete}[interaction]
	switch {
	case act == access.Delete && !exists:
		return nil
	case act == access.Update && !exists:
		act = access.Create
	}
	err := access.CheckWrite(p, typ, act)
	if err == nil {
		return nil
	}
	logged := cur
	if !exists && res != nil {
		logged = store.Record{Type: res.Type(), ID: res.ID(), Body: res.Bytes()}
	}
	letter := map[access.Interaction]string{access.Create: "C", access.Update: "U", access.Delete: "D"}[act]
	if lerr := a.logRecords(r, event(r, interaction, letter, access.OutcomeRefused), logged); lerr != nil {
		return lerr
	}
	return err
}
