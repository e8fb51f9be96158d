package fhirapi

import (
	"context"
	"net/http"
	"slices"

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

// checkWritePolicy asks the per-role write policy (access.CheckWrite) about a person's write of
// typ, once guardWrite has found the record (if any) and the content inside their reach. A
// refusal is logged against the current record and the content, as other refusals are
// (logRefused).
func (a *api) checkWritePolicy(r *http.Request, rc access.Reach, interaction, typ string, res *fhir.Resource, recs ...store.Record) error {
	p, ok := access.FromContext(r.Context())
	if !ok || p.IsSystem() {
		return nil
	}
	act := map[string]access.Interaction{"create": access.Create, "update": access.Update, "delete": access.Delete}[interaction]
	err := access.CheckWrite(p, typ, act)
	if err == nil {
		return nil
	}
	if res != nil {
		recs = append(recs, store.Record{Type: res.Type(), ID: res.ID(), Body: res.Bytes()})
	}
	recs = slices.DeleteFunc(recs, func(rec store.Record) bool { return rec.Body == nil })
	letter := map[access.Interaction]string{access.Create: "C", access.Update: "U", access.Delete: "D"}[act]
	if lerr := a.logRefused(r, rc, event(r, interaction, letter, ""), recs...); lerr != nil {
		return lerr
	}
	return err
}
