package bench

import (
	"fmt"
	"io"
	"runtime"
	"text/tabwriter"
)

func machine() (int, int) { return runtime.GOMAXPROCS(0), runtime.NumCPU() }

// WriteTable prints the report as a table.
func (r *Report) WriteTable(w io.Writer) {
	fmt.Fprintf(w, "target %s, %d bundles, %d workers, %d cores\n", r.Target, r.Bundles, r.Workers, r.MachineCores)
	how := ""
	if r.SeedBundles {
		how = " as transaction bundles (latency per bundle of 6)"
	}
	fmt.Fprintf(w, "seed%s: %d creates, %.0f creates/s, p50 %.2f ms, p99 %.2f ms\n",
		how, r.Seed.Count, r.Seed.PerSec, r.Seed.P50ms, r.Seed.P99ms)
	if r.ServerAfter != nil {
		fmt.Fprintf(w, "server RSS after seeding: %.1f MB\n", r.ServerAfter.RSSEndMB)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "scenario\treq/s\tof baseline\tp50 ms\tp95 ms\tp99 ms\terrors\tserver CPU %\tserver RSS max MB\tpostgres CPU %\tbench CPU %\tmachine busy %\t")
	row := func(s Scenario) {
		ofb, cpu, rss, pg, self, busy := "-", "-", "-", "-", "-", "-"
		if s.OfBaseline > 0 {
			ofb = fmt.Sprintf("%.0f %%", s.OfBaseline*100)
		}
		if s.Server != nil {
			cpu, rss = fmt.Sprintf("%.0f", s.Server.CPUPercent), fmt.Sprintf("%.1f", s.Server.RSSMaxMB)
		}
		if s.Postgres != nil {
			pg = fmt.Sprintf("%.0f", s.Postgres.CPUPercent)
		}
		if s.LoadGenerator != nil {
			self = fmt.Sprintf("%.0f", s.LoadGenerator.CPUPercent)
		}
		if s.MachineBusy != nil {
			busy = fmt.Sprintf("%.0f", *s.MachineBusy)
		}
		q := s.Requests
		fmt.Fprintf(tw, "%s\t%.0f\t%s\t%.2f\t%.2f\t%.2f\t%d\t%s\t%s\t%s\t%s\t%s\t\n",
			s.Name, q.PerSec, ofb, q.P50ms, q.P95ms, q.P99ms, q.Errors, cpu, rss, pg, self, busy)
		if s.Post != nil {
			fmt.Fprintf(tw, "  POST\t%.0f\t\t%.2f\t%.2f\t%.2f\t%d\t\t\t\t\t\t\n", s.Post.PerSec, s.Post.P50ms, s.Post.P95ms, s.Post.P99ms, s.Post.Errors)
			fmt.Fprintf(tw, "  PUT\t%.0f\t\t%.2f\t%.2f\t%.2f\t%d\t\t\t\t\t\t\n", s.Put.PerSec, s.Put.P50ms, s.Put.P95ms, s.Put.P99ms, s.Put.Errors)
		}
	}
	if r.Baseline != nil {
		row(*r.Baseline)
	}
	for _, s := range r.Scenarios {
		row(s)
	}
	_ = tw.Flush()
}
