package bench

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Usage is what /proc said about a process tree over a window.
type Usage struct {
	CPUPercent float64 `json:"cpu_percent_of_one_core"`
	RSSStartMB float64 `json:"rss_start_mb"`
	RSSMaxMB   float64 `json:"rss_max_mb"`
	RSSEndMB   float64 `json:"rss_end_mb"`
}

// clockTicks is USER_HZ, 100 on every Linux this runs on.
const clockTicks = 100

// procTimes is utime+stime of one process, in ticks.
func procTimes(pid int) (int64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// the command name may hold spaces; the fields we need come after the last ')'
	i := bytes.LastIndexByte(data, ')')
	if i < 0 {
		return 0, fmt.Errorf("/proc/%d/stat: unexpected format", pid)
	}
	f := strings.Fields(string(data[i+1:]))
	if len(f) < 13 {
		return 0, fmt.Errorf("/proc/%d/stat: too few fields", pid)
	}
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return ut + st, nil
}

// rssMB is VmRSS of one process.
func rssMB(pid int) float64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				kb, _ := strconv.ParseFloat(f[0], 64)
				return kb / 1024
			}
		}
	}
	return 0
}

// children lists the direct children of pid (for PostgreSQL's backends under the postmaster).
func children(pid int) []int {
	var out []int
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/children", pid))
	for _, t := range tasks {
		data, err := os.ReadFile(t)
		if err != nil {
			continue
		}
		for f := range strings.FieldsSeq(string(data)) {
			if c, err := strconv.Atoi(f); err == nil {
				out = append(out, c)
			}
		}
	}
	return out
}

// sampler samples a process (and optionally its children) every 250 ms. Children that end between
// samples keep the CPU they were last seen with, so backends born or ended in the window count.
type sampler struct {
	pid          int
	withChildren bool

	mu       sync.Mutex
	seen     map[int]int64 // last ticks per pid
	baseline map[int]int64 // ticks per pid at window start
	start    time.Time
	rssStart float64
	rssMax   float64
	rssLast  float64
}

func newSampler(pid int, withChildren bool) *sampler {
	return &sampler{pid: pid, withChildren: withChildren}
}

func (s *sampler) pids() []int {
	if !s.withChildren {
		return []int{s.pid}
	}
	return append([]int{s.pid}, children(s.pid)...)
}

func (s *sampler) sample() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.pids() {
		if t, err := procTimes(p); err == nil {
			if _, known := s.baseline[p]; !known {
				s.baseline[p] = 0 // born in the window: all its time is in the window
				if s.start.IsZero() {
					s.baseline[p] = t
				}
			}
			s.seen[p] = t
		}
	}
	r := rssMB(s.pid)
	s.rssLast = r
	if r > s.rssMax {
		s.rssMax = r
	}
}

// window samples until ctx ends and reports the usage over it.
func (s *sampler) window(ctx context.Context) Usage {
	s.mu.Lock()
	s.seen, s.baseline = map[int]int64{}, map[int]int64{}
	s.start = time.Time{}
	s.mu.Unlock()
	s.sample() // baseline: every pid alive now
	s.mu.Lock()
	s.start = time.Now()
	s.rssStart, s.rssMax = s.rssLast, s.rssLast
	s.mu.Unlock()
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			s.sample()
			return s.report()
		case <-tick.C:
			s.sample()
		}
	}
}

func (s *sampler) report() Usage {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ticks int64
	for p, t := range s.seen {
		ticks += t - s.baseline[p]
	}
	wall := time.Since(s.start).Seconds()
	u := Usage{RSSStartMB: round1(s.rssStart), RSSMaxMB: round1(s.rssMax), RSSEndMB: round1(s.rssLast)}
	if wall > 0 {
		u.CPUPercent = round1(float64(ticks) / clockTicks / wall * 100)
	}
	return u
}

func round1(f float64) float64 { return float64(int64(f*10+0.5)) / 10 }
