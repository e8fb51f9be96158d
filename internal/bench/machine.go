package bench

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// The machine's busy share over a window, from /proc/stat (workload.md: "Machine busy % comes
// from /proc/stat over both cores"). It tells whether a scenario was bound by the CPU of the
// whole machine (server, load generator and PostgreSQL together) or by something else.

// cpuTicks are the first line of /proc/stat summed: busy and total ticks over every core.
type cpuTicks struct{ busy, total int64 }

// parseCPUTicks reads the aggregate "cpu" line: user nice system idle iowait irq softirq steal
// (guest and guest_nice are already inside user and nice, so they are not added again).
func parseCPUTicks(line string) (cpuTicks, error) {
	f := strings.Fields(line)
	if len(f) < 5 || f[0] != "cpu" {
		return cpuTicks{}, fmt.Errorf("/proc/stat: unexpected first line %q", line)
	}
	var t cpuTicks
	for i, s := range f[1:min(len(f), 9)] {
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return cpuTicks{}, fmt.Errorf("/proc/stat: field %d: %w", i+1, err)
		}
		t.total += v
		if i != 3 && i != 4 { // idle and iowait are not busy
			t.busy += v
		}
	}
	return t, nil
}

func readCPUTicks() (cpuTicks, error) {
	f, err := os.Open("/proc/stat")
	if err != nil {
		return cpuTicks{}, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	if !sc.Scan() {
		return cpuTicks{}, fmt.Errorf("/proc/stat: empty: %v", sc.Err())
	}
	return parseCPUTicks(sc.Text())
}

// busyPercent is the busy share of all cores between two readings, 0-100.
func busyPercent(from, to cpuTicks) float64 {
	total := to.total - from.total
	if total <= 0 {
		return 0
	}
	return round1(float64(to.busy-from.busy) / float64(total) * 100)
}

// machineWindow reads /proc/stat now and when ctx ends; nil when /proc is not there.
func machineWindow(ctx context.Context) *float64 {
	from, err := readCPUTicks()
	if err != nil {
		return nil
	}
	<-ctx.Done()
	to, err := readCPUTicks()
	if err != nil {
		return nil
	}
	b := busyPercent(from, to)
	return &b
}
