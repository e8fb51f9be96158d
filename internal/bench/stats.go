package bench

import (
	"math"
	"slices"
	"time"
)

// Latencies summarises one measured series.
type Latencies struct {
	Count   int     `json:"count"`
	Errors  int     `json:"errors"`
	PerSec  float64 `json:"per_sec"`
	P50ms   float64 `json:"p50_ms"`
	P95ms   float64 `json:"p95_ms"`
	P99ms   float64 `json:"p99_ms"`
	MaxMs   float64 `json:"max_ms"`
	Seconds float64 `json:"seconds"`
}

// summarise computes nearest-rank percentiles over the successful requests and the rate over the
// measured wall time.
func summarise(lat []time.Duration, errors int, wall time.Duration) Latencies {
	s := Latencies{Count: len(lat), Errors: errors, Seconds: wall.Seconds()}
	if wall > 0 {
		s.PerSec = float64(len(lat)) / wall.Seconds()
	}
	if len(lat) == 0 {
		return s
	}
	sorted := slices.Clone(lat)
	slices.Sort(sorted)
	s.P50ms = ms(nearestRank(sorted, 50))
	s.P95ms = ms(nearestRank(sorted, 95))
	s.P99ms = ms(nearestRank(sorted, 99))
	s.MaxMs = ms(sorted[len(sorted)-1])
	return s
}

// nearestRank is the smallest value such that p percent of the values are at or below it.
func nearestRank(sorted []time.Duration, p float64) time.Duration {
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	if rank < 1 {
		rank = 1
	}
	return sorted[rank-1]
}

func ms(d time.Duration) float64 { return math.Round(float64(d)/1e3) / 1e3 }
