package store

import (
	"math"
	"time"
)

// Times are stored as integer microseconds since the Unix epoch (UTC) on both dialects: integer
// comparisons are fast and identical on SQLite and PostgreSQL. An open end of a range is the
// smallest or largest int64.
const (
	minMicros = math.MinInt64
	maxMicros = math.MaxInt64
)

func toMicros(t time.Time) int64 { return t.UnixMicro() }

func fromMicros(v int64) time.Time { return time.UnixMicro(v).UTC() }

// lowMicros is the stored lower bound of a range: the zero time means unbounded.
func lowMicros(t time.Time) int64 {
	if t.IsZero() {
		return minMicros
	}
	return toMicros(t)
}

// highMicros is the stored upper bound of a range: the zero time means unbounded.
func highMicros(t time.Time) int64 {
	if t.IsZero() {
		return maxMicros
	}
	return toMicros(t)
}
