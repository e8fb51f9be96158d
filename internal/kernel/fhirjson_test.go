package kernel

import (
	"testing"
	"time"
)

func TestSharedHelpers(t *testing.T) {
	oslo := time.FixedZone("CET", 3600)
	for _, tc := range []struct{ name, got, want string }{
		{"reference", IDOf("Patient/p1"), "p1"},
		{"bare id", IDOf("p1"), "p1"},
		{"zero time", DateTimeUTC(time.Time{}), ""},
		{"utc", DateTimeUTC(time.Date(2026, 3, 1, 10, 0, 0, 0, oslo)), "2026-03-01T09:00:00Z"},
		{"path", PathString(ObjectOf("code", ObjectOf("coding", []any{ObjectOf("code", "x")})), "code", "coding", "code"), "x"},
		{"empty left out", string(ObjectOf("a", "", "b", nil, "c", "y").AppendJSON(nil)), `{"c":"y"}`},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, tc.got, tc.want)
		}
	}
	if got := ParseTime("2026-03-01"); !got.Equal(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("ParseTime date: %v", got)
	}
}
