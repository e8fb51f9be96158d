// Package benchcpu reports a benchmark's CPU time per operation (cpu-ns/op): the process's user
// and system time, which a shared machine disturbs less than wall time and which counts every
// goroutine a parallel benchmark or a background writer uses. It has no dependencies, so any
// package's tests can use it, the store's own included.
package benchcpu

import (
	"syscall"
	"testing"
	"time"
)

// Meter measures from Start to Report.
type Meter struct {
	b     *testing.B
	start time.Duration
}

// Start begins measuring; call it right before the benchmark's loop.
func Start(b *testing.B) Meter {
	b.Helper()
	return Meter{b: b, start: Now(b)}
}

// Report adds cpu-ns/op over b.N operations.
func (m Meter) Report() {
	m.b.Helper()
	m.b.ReportMetric(float64((Now(m.b)-m.start).Nanoseconds())/float64(m.b.N), "cpu-ns/op")
}

// Now is the process's user and system time so far.
func Now(tb testing.TB) time.Duration {
	tb.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
