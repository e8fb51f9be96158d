package records

import (
	"context"

	"veiviser/internal/search"
)

type narrowKey struct{}

// WithNarrowing returns a context whose conditional creates (If-None-Exist, also in bundle
// entries) search only what narrow leaves: the access rules pass the caller's reach, so a
// record the caller may not see neither matches nor is returned as the match.
func WithNarrowing(ctx context.Context, narrow func(*search.Query)) context.Context {
	return context.WithValue(ctx, narrowKey{}, narrow)
}

// narrowed applies the context's narrowing to q, if it has one.
func narrowed(ctx context.Context, q *search.Query) {
	if narrow, _ := ctx.Value(narrowKey{}).(func(*search.Query)); narrow != nil {
		narrow(q)
	}
}
