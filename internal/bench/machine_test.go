package bench

import (
	"context"
	"os"
	"sync/atomic"
	"testing"
	"time"
)

func TestParseCPUTicks(t *testing.T) {
	tests := []struct {
		name      string
		line      string
		want      cpuTicks
		wantError bool
	}{
		{"every field", "cpu  100 5 50 800 20 3 2 1 40 0", cpuTicks{busy: 161, total: 981}, false},
		{"no steal", "cpu  100 0 50 800 20 3 2", cpuTicks{busy: 155, total: 975}, false},
		{"old kernel", "cpu 10 0 10 80", cpuTicks{busy: 20, total: 100}, false},
		{"not the cpu line", "cpu0 1 2 3 4 5", cpuTicks{}, true},
		{"garbage", "cpu 1 x 3 4", cpuTicks{}, true},
		{"too short", "cpu 1 2", cpuTicks{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseCPUTicks(tt.line)
			if (err != nil) != tt.wantError || got != tt.want {
				t.Fatalf("parseCPUTicks(%q) = %+v, %v; want %+v, error %v", tt.line, got, err, tt.want, tt.wantError)
			}
		})
	}
}

func TestBusyPercent(t *testing.T) {
	if got := busyPercent(cpuTicks{10, 100}, cpuTicks{60, 200}); got != 50 {
		t.Fatalf("busyPercent = %v, want 50", got)
	}
	if got := busyPercent(cpuTicks{10, 100}, cpuTicks{10, 100}); got != 0 {
		t.Fatalf("busyPercent of no time = %v, want 0", got)
	}
}

// The load generator's own CPU is sampled like the server's: a window in which this process
// spins must show CPU, and the machine must show some busy share.
func TestSelfAndMachineWindow(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 600*time.Millisecond)
	defer cancel()
	var stop atomic.Bool
	go func() { // keep one core busy in this process
		for n := 0; !stop.Load(); n++ {
			_ = n * n
		}
	}()
	defer stop.Store(true)
	got := make(chan *float64, 1)
	go func() { got <- machineWindow(ctx) }()
	u := newSampler(os.Getpid(), false).window(ctx)
	busy := <-got
	if u.CPUPercent <= 5 {
		t.Errorf("own CPU while spinning = %v %%, want more than 5", u.CPUPercent)
	}
	if busy == nil || *busy <= 0 || *busy > 100 {
		t.Errorf("machine busy = %v, want in (0, 100]", busy)
	}
}
