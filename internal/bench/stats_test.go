package bench

import (
	"context"
	"testing"
	"time"
)

func TestNearestRank(t *testing.T) {
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	var hundred []time.Duration
	for i := 1; i <= 100; i++ {
		hundred = append(hundred, ms(i))
	}
	tests := []struct {
		name   string
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{"one value", []time.Duration{ms(7)}, 99, ms(7)},
		{"p50 of 1..100", hundred, 50, ms(50)},
		{"p95 of 1..100", hundred, 95, ms(95)},
		{"p99 of 1..100", hundred, 99, ms(99)},
		{"p50 of four rounds up", []time.Duration{ms(1), ms(2), ms(3), ms(4)}, 50, ms(2)},
		{"p99 of four is the max", []time.Duration{ms(1), ms(2), ms(3), ms(4)}, 99, ms(4)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := nearestRank(tc.sorted, tc.p); got != tc.want {
				t.Errorf("nearestRank(p%v) = %v, want %v", tc.p, got, tc.want)
			}
		})
	}
}

func TestSummariseRate(t *testing.T) {
	lat := []time.Duration{3 * time.Millisecond, time.Millisecond, 2 * time.Millisecond}
	s := summarise(lat, 1, 2*time.Second)
	if s.Count != 3 || s.Errors != 1 || s.PerSec != 1.5 || s.P50ms != 2 || s.MaxMs != 3 {
		t.Errorf("summarise = %+v", s)
	}
}

func TestCheckLoopback(t *testing.T) {
	tests := []struct {
		url string
		ok  bool
	}{
		{"http://127.0.0.1:8080/fhir/R4", true},
		{"http://localhost:8080/fhir/R4", true},
		{"http://[::1]:8080/fhir/R4", true},
		{"http://127.8.9.10/fhir", true},
		{"http://10.0.0.1/fhir/R4", false},
		{"http://192.168.1.10/fhir/R4", false},
		{"https://8.8.8.8/fhir/R4", false},
		{"ftp://127.0.0.1/x", false},
		{"not a url", false},
	}
	for _, tc := range tests {
		err := checkLoopback(context.Background(), tc.url)
		if (err == nil) != tc.ok {
			t.Errorf("checkLoopback(%q) = %v, want ok=%v", tc.url, err, tc.ok)
		}
	}
}

func TestMarkInProgress(t *testing.T) {
	in := []byte(`{"resourceType":"CarePlan","id":"p1","activity":[{"detail":{"status":"scheduled"}}]}`)
	out, id, err := markInProgress(in)
	if err != nil || id != "p1" {
		t.Fatalf("markInProgress: %v %q", err, id)
	}
	want := `{"activity":[{"detail":{"status":"in-progress"}}],"description":"Follow-up started","id":"p1","resourceType":"CarePlan"}`
	if string(out) != want {
		t.Errorf("got %s", out)
	}
	if _, _, err := markInProgress([]byte(`{"id":"x"}`)); err == nil {
		t.Error("a plan without activity must fail")
	}
}
