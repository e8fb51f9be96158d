package bench

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"testing"
)

// The workload's CarePlan is about 1.9 kB serialised and about 0.75 kB gzipped; a server assigns
// ids and meta, so ours, without them, should sit a little below.
func TestCarePlanSize(t *testing.T) {
	pool := make([]string, poolSize)
	for i := range pool {
		pool[i] = fmt.Sprintf("%032x", i)
	}
	id := func(n int) string { return fmt.Sprintf("%032x", 1000+n) }
	plan := carePlan(7, "Care plan for patient 00007", id(1), id(2), [3]string{id(3), id(4), id(5)}, pool)
	raw, err := json.Marshal(plan)
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write(raw)
	_ = zw.Close()
	if len(raw) < 1600 || len(raw) > 2100 {
		t.Errorf("CarePlan is %d bytes, want about 1.9 kB", len(raw))
	}
	if gz.Len() > 1000 {
		t.Errorf("CarePlan gzips to %d bytes, want about 0.75 kB", gz.Len())
	}
	acts := plan["activity"].([]any)
	if len(acts) != 3 {
		t.Fatalf("%d activities", len(acts))
	}
	// the three performers are pool members 3i, 3i+1, 3i+2 modulo 30
	for k, a := range acts {
		perf := a.(object)["detail"].(object)["performer"].([]any)[0].(object)["reference"]
		if want := "Practitioner/" + pool[(21+k)%30]; perf != want {
			t.Errorf("activity %d performer %v, want %s", k, perf, want)
		}
	}
}
