package search

import "testing"

// The codes are stored in the access log's journals: they must stay what they are.
func TestKindCodes(t *testing.T) {
	for want, k := range []Kind{Token, String, Reference, Date, Number} {
		c, ok := k.Code()
		if !ok || c != byte(want) {
			t.Errorf("%s.Code() = %d, %v; want %d", k, c, ok, want)
		}
		if back, ok := KindOfCode(c); !ok || back != k {
			t.Errorf("KindOfCode(%d) = %q, %v; want %q", c, back, ok, k)
		}
	}
	if _, ok := Kind("special").Code(); ok {
		t.Error("an unknown kind has a code")
	}
	if _, ok := KindOfCode(5); ok {
		t.Error("code 5 names a kind")
	}
}
