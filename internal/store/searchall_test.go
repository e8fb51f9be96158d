package store

import (
	"context"
	"fmt"
	"testing"

	"veiviser/internal/search"
)

// pages is a Reader whose search has n matches, answered a page at a time.
type pages struct {
	n       int
	offsets []int
}

func (p *pages) Get(context.Context, string, string) (Record, error) { return Record{}, nil }

func (p *pages) Search(_ context.Context, q search.Query) (Page, error) {
	p.offsets = append(p.offsets, q.Offset)
	var page Page
	for i := q.Offset; i < p.n && i < q.Offset+q.Count; i++ {
		page.Records = append(page.Records, Record{Type: q.Type, ID: fmt.Sprint(i)})
	}
	page.HasMore = q.Offset+q.Count < p.n
	return page, nil
}

// TestSearchAllReadsEveryPage: SearchAll follows HasMore to the last page, each match once.
func TestSearchAllReadsEveryPage(t *testing.T) {
	for _, tc := range []struct {
		matches, count int
		wantOffsets    []int
	}{
		{0, 0, []int{0}},
		{MaxCount, 0, []int{0}},
		{MaxCount + 1, 0, []int{0, MaxCount}},
		{5, 2, []int{0, 2, 4}},
	} {
		rd := &pages{n: tc.matches}
		recs, err := SearchAll(context.Background(), rd, search.Query{Type: "Goal", Count: tc.count})
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != tc.matches || fmt.Sprint(rd.offsets) != fmt.Sprint(tc.wantOffsets) {
			t.Errorf("%d matches, count %d: %d records at offsets %v, want %d at %v",
				tc.matches, tc.count, len(recs), rd.offsets, tc.matches, tc.wantOffsets)
		}
	}
}
