package store

import (
	"context"
	"fmt"

	"veiviser/internal/search"
)

// SearchAll runs q over rd and returns every match, page after page (MaxCount at a time unless
// q names a page size): the one way the record layer, need-to-know and the areas read all of a
// search, so none of them stops at the first page. q.Offset is where it starts.
func SearchAll(ctx context.Context, rd Reader, q search.Query) ([]Record, error) {
	if q.Count <= 0 || q.Count > MaxCount {
		q.Count = MaxCount
	}
	var out []Record
	for {
		page, err := rd.Search(ctx, q)
		if err != nil {
			return nil, fmt.Errorf("searching %s: %w", q.Type, err)
		}
		out = append(out, page.Records...)
		if !page.HasMore {
			return out, nil
		}
		q.Offset += q.Count
	}
}
