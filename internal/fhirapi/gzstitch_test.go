package fhirapi

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"strings"
	"testing"

	"veiviser/internal/store"
)

func testAPI(t *testing.T) *api {
	t.Helper()
	a := &api{gzipped: newGzipCache(1 << 20)}
	a.gzip.New = func() any {
		w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
		return w
	}
	return a
}

func gunzip(t *testing.T, z []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(z))
	if err != nil {
		t.Fatalf("gzip header: %v", err)
	}
	zr.Multistream(false)
	b, err := io.ReadAll(zr) // checks the CRC-32 and the size
	if err != nil {
		t.Fatalf("gunzip: %v", err)
	}
	return b
}

func record(id string, size int) store.Record {
	body := fmt.Sprintf(`{"resourceType":"CarePlan","id":%q,"title":%q}`, id, strings.Repeat("plan "+id+" ", size/8))
	return store.Record{Type: "CarePlan", ID: id, VersionID: 1, Body: []byte(body)}
}

// bundleOf splices recs into wrapper text as appendSearchset does.
func bundleOf(prefix string, recs ...store.Record) []byte {
	b := []byte(`{"resourceType":"Bundle","type":"searchset","link":[{"relation":"self","url":"` + prefix + `"}],"entry":[`)
	for i, rec := range recs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"fullUrl":"http://x/CarePlan/`+rec.ID+`","resource":`...)
		b = append(b, rec.Body...)
		b = append(b, `,"search":{"mode":"match"}}`...)
	}
	return append(b, "]}"...)
}

func TestStitchGzip(t *testing.T) {
	big, small, huge := record("a", 2000), record("b", 16), record("c", 200_000)
	other := record("d", 3000)
	for _, tc := range []struct {
		name string
		body []byte
		recs []store.Record
		ok   bool
	}{
		{"no records", bundleOf("self"), nil, true},
		{"one record", bundleOf("self", big), []store.Record{big}, true},
		{"several, one below gzipMin", bundleOf("self", big, small, other), []store.Record{big, small, other}, true},
		{"a record larger than a stored block", bundleOf("self", huge, big), []store.Record{huge, big}, true},
		{"text larger than a stored block", bundleOf(strings.Repeat("p", 70_000), big), []store.Record{big}, true},
		{"the same body twice", bundleOf("self", big, big), []store.Record{big, big}, true},
		{"a body that is not there", bundleOf("self", big), []store.Record{big, other}, false},
		{"out of order", bundleOf("self", big, other), []store.Record{other, big}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := testAPI(t)
			for round := range 2 { // compressing the records, then from the cache
				z, ok := a.stitchGzip(tc.body, tc.recs)
				if ok != tc.ok {
					t.Fatalf("round %d: ok = %v, want %v", round, ok, tc.ok)
				}
				if !ok {
					return
				}
				if got := gunzip(t, z); !bytes.Equal(got, tc.body) {
					t.Fatalf("round %d: gunzipped %d bytes differ from the %d of the bundle", round, len(got), len(tc.body))
				}
			}
			for _, rec := range tc.recs {
				if _, cached := a.gzipped.get(gzipKey{rec.Type, rec.ID, rec.VersionID}); cached != (len(rec.Body) >= gzipMin) {
					t.Errorf("%s cached = %v", rec.ID, cached)
				}
			}
		})
	}
}

// TestCompressedRecordsSplice: what a read sends is still a whole gzip of the record, and its
// segment is what the stitching expects.
func TestCompressedRecordsSplice(t *testing.T) {
	a := testAPI(t)
	rec := record("a", 2000)
	z, err := a.compress(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	if got := gunzip(t, z); !bytes.Equal(got, rec.Body) {
		t.Fatal("the compressed record does not gunzip to its body")
	}
	if _, ok := deflateSegment(z); !ok {
		t.Fatal("compress's output has no segment to splice")
	}
	for name, bad := range map[string][]byte{
		"empty":     nil,
		"not gzip":  append([]byte("x"), z[1:]...),
		"no flush":  append(append(append([]byte(nil), z[:len(z)-17]...), 3, 0), z[len(z)-8:]...),
		"truncated": z[:12],
	} {
		if _, ok := deflateSegment(bad); ok {
			t.Errorf("%s: a segment was found", name)
		}
	}
}
