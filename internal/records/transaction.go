package records

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/store"
)

// methodRank is the order R4 processes a transaction's entries in: DELETE, POST, PUT, GET.
var methodRank = map[string]int{"DELETE": 0, "POST": 1, "PUT": 2, "GET": 3}

// transaction runs every entry in one store transaction. Before any write, POST entries get their
// ids (or, with ifNoneExist, the id of the match) so that urn:uuid fullUrls can be rewritten in
// every entry's references; references are checked once everything is written, so entries may
// point at each other in any order.
func (s *Service) transaction(ctx context.Context, entries []entry) (BundleResult, error) {
	if err := checkTransaction(entries); err != nil {
		return BundleResult{}, err
	}
	order := make([]int, len(entries))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return methodRank[entries[a].method] - methodRank[entries[b].method]
	})
	ids := make([]string, len(entries))
	for i, e := range entries {
		if e.method == "POST" {
			ids[i] = s.newID()
		}
	}
	if err := s.auditBarrierForEntries(ctx, entries); err != nil {
		return BundleResult{}, err
	}
	var res BundleResult
	err := s.inTx(ctx, func(ctx context.Context, tx store.Tx) error {
		run := &txRun{s: s, tx: tx, entries: cloneEntries(entries), ids: ids, order: order,
			results: make([]EntryResult, len(entries)), urls: map[string]string{}}
		if err := run.do(ctx); err != nil {
			return err
		}
		res = BundleResult{Type: "transaction-response", Entries: run.results}
		return nil
	})
	return res, err
}

// checkTransaction refuses malformed entries and two entries on one resource, before any work.
func checkTransaction(entries []entry) error {
	seen := map[string]bool{}
	for i, e := range entries {
		if e.err != nil {
			return entryError(i, e.err)
		}
		if e.method == "GET" {
			continue
		}
		if err := writableType(e.target.typ); err != nil {
			return entryError(i, err)
		}
		if e.method == "POST" {
			continue
		}
		key := e.target.typ + "/" + e.target.id
		if seen[key] {
			return entryError(i, apperr.New(apperr.Invalid, "%s appears in more than one entry of the transaction", key))
		}
		seen[key] = true
	}
	return nil
}

// cloneEntries copies the resources, since the store may run a transaction's function again and
// each run rewrites references and sets meta afresh.
func cloneEntries(entries []entry) []entry {
	out := slices.Clone(entries)
	for i := range out {
		if out[i].resource != nil {
			out[i].resource = out[i].resource.Clone()
		}
	}
	return out
}

// txRun is one attempt at a transaction.
type txRun struct {
	s       *Service
	tx      store.Tx
	entries []entry
	ids     []string
	order   []int
	results []EntryResult
	urls    map[string]string // fullUrl → Type/id
	written []int             // entries whose resource was written, to check references
}

func (r *txRun) do(ctx context.Context) error {
	steps := []func(context.Context) error{r.deletes, r.resolvePosts, r.rewrite, r.writes, r.checkRefs, r.gets}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return err
		}
	}
	return nil
}

// each calls fn for the entries with method, in the processing order.
func (r *txRun) each(method string, fn func(i int, e *entry) error) error {
	for _, i := range r.order {
		if r.entries[i].method != method {
			continue
		}
		if err := fn(i, &r.entries[i]); err != nil {
			return entryError(i, err)
		}
	}
	return nil
}

func (r *txRun) deletes(ctx context.Context) error {
	return r.each("DELETE", func(i int, e *entry) error {
		rec, deleted, before, err := r.s.delete(ctx, r.tx, e.target.typ, e.target.id)
		r.results[i] = EntryResult{Status: http.StatusNoContent, Record: rec}
		if err != nil || !deleted {
			return err
		}
		return r.s.auditWrite(ctx, r.tx, rec, before)
	})
}

// resolvePosts settles each POST's id: a conditional create that matches takes the match's id
// and writes nothing.
func (r *txRun) resolvePosts(ctx context.Context) error {
	if err := r.each("POST", func(i int, e *entry) error {
		id := r.ids[i]
		if e.ifNoneExist != "" {
			rec, found, err := r.s.matchOne(ctx, r.tx, e.target.typ, e.ifNoneExist)
			if err != nil {
				return err
			}
			if found {
				id = rec.ID
				r.results[i] = EntryResult{Status: http.StatusOK, Record: rec}
			}
		}
		r.ids[i] = id
		if e.fullURL != "" {
			r.urls[e.fullURL] = e.target.typ + "/" + id
		}
		return nil
	}); err != nil {
		return err
	}
	return r.each("PUT", func(i int, e *entry) error {
		if e.fullURL != "" {
			r.urls[e.fullURL] = e.target.typ + "/" + e.target.id
		}
		return nil
	})
}

// rewrite replaces references to other entries' fullUrls with Type/id.
func (r *txRun) rewrite(context.Context) error {
	if len(r.urls) == 0 {
		return nil
	}
	for i := range r.entries {
		if res := r.entries[i].resource; res != nil {
			fhir.RewriteReferences(res, func(ref string) (string, bool) {
				to, ok := r.urls[ref]
				if !ok && !strings.HasPrefix(ref, "urn:") {
					to, ok = r.urls[strings.TrimSuffix(ref, "/")]
				}
				return to, ok
			})
		}
	}
	return nil
}

func (r *txRun) writes(ctx context.Context) error {
	if err := r.each("POST", func(i int, e *entry) error {
		if r.results[i].Status != 0 { // a conditional create that matched
			return nil
		}
		rec, _, err := r.s.create(ctx, r.tx, e.resource, "", r.ids[i], false)
		r.results[i] = EntryResult{Status: http.StatusCreated, Record: rec}
		r.written = append(r.written, i)
		if err != nil {
			return err
		}
		return r.s.auditWrite(ctx, r.tx, rec, store.Record{})
	}); err != nil {
		return err
	}
	return r.each("PUT", func(i int, e *entry) error {
		if err := checkUpdateTarget(e.target.typ, e.target.id, e.resource); err != nil {
			return err
		}
		want, err := ParseETag(e.ifMatch)
		if err != nil {
			return err
		}
		rec, created, before, err := r.s.update(ctx, r.tx, e.resource, want, false)
		r.results[i] = EntryResult{Status: createdStatus(created), Record: rec}
		r.written = append(r.written, i)
		if err != nil {
			return err
		}
		return r.s.auditWrite(ctx, r.tx, rec, before)
	})
}

// checkRefs checks the written resources' references against the transaction's own state.
func (r *txRun) checkRefs(ctx context.Context) error {
	for _, i := range r.written {
		if err := r.s.checkReferences(ctx, r.tx, r.entries[i].resource); err != nil {
			return entryError(i, err)
		}
	}
	return nil
}

// gets answers reads and searches from the transaction's own state. vread and history read the
// committed store, which cannot see this transaction, so they are refused here (a batch has them).
func (r *txRun) gets(ctx context.Context) error {
	return r.each("GET", func(i int, e *entry) error {
		t := e.target
		switch {
		case t.history || t.version != 0:
			return apperr.New(apperr.NotSupported, "history and vread are not supported inside a transaction; use a batch")
		case t.id != "":
			rec, err := read(ctx, r.tx, t.typ, t.id)
			r.results[i] = EntryResult{Status: http.StatusOK, Record: rec}
			return err
		}
		sr, err := searchIn(ctx, r.tx, t.typ, t.query, nil)
		r.results[i] = EntryResult{Status: http.StatusOK, Search: &sr}
		return err
	})
}
