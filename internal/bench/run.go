// Package bench is the care-plan load generator of ../shared/workload.md: it seeds care bundles
// through a FHIR R4 base URL on loopback, runs the read, search and create+update scenarios with 16
// workers in a closed loop, and reports nearest-rank latencies, rates, and the server's CPU and
// memory from /proc, each beside the same load against a bare net/http handler.
package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// Config says what to measure and how long.
type Config struct {
	BaseURL      string // FHIR base, e.g. http://127.0.0.1:8080/fhir/R4
	Token        string // bearer token; or TokenURL+ClientID+ClientSecret to get one
	TokenURL     string
	ClientID     string
	ClientSecret string
	Bundles      int           // care bundles to seed (1,000 in the workload)
	Workers      int           // concurrent workers (16)
	Warmup       time.Duration // per scenario, discarded (5 s)
	Measure      time.Duration // per scenario (30 s)
	Pause        time.Duration // after seeding (10 s)
	SeedLimit    time.Duration // cap on the seed phase's time
	SeedBundles  bool          // seed each care bundle as one transaction Bundle (the workload: separate POSTs)
	MaxOps       int64         // cap on each scenario's operations
	ServerPID    int           // sampled from /proc when > 0
	PostgresPID  int           // the postmaster, sampled with its children when > 0
	Baseline     bool          // also load a bare net/http handler serving the same bytes
	Progress     io.Writer     // progress lines; nil for none
}

// Defaults are the workload's figures.
func Defaults() Config {
	return Config{Bundles: 1000, Workers: 16, Warmup: 5 * time.Second, Measure: 30 * time.Second,
		Pause: 10 * time.Second, SeedLimit: 30 * time.Minute, MaxOps: 5_000_000, Baseline: true}
}

// Scenario is one measured scenario.
type Scenario struct {
	Name     string     `json:"name"`
	Requests Latencies  `json:"requests"`
	Post     *Latencies `json:"post,omitempty"`
	Put      *Latencies `json:"put,omitempty"`
	Server   *Usage     `json:"server,omitempty"`
	Postgres *Usage     `json:"postgres,omitempty"`
	// LoadGenerator is this process (for the baseline it includes the bare handler it serves);
	// MachineBusy the busy share of all cores over the window, from /proc/stat.
	LoadGenerator *Usage   `json:"load_generator,omitempty"`
	MachineBusy   *float64 `json:"machine_busy_percent,omitempty"`
	// OfBaseline is the rate as a fraction of the bare handler's read rate in the same run.
	OfBaseline float64 `json:"of_baseline,omitempty"`
}

// Report is one run.
type Report struct {
	Target       string     `json:"target"`
	Bundles      int        `json:"bundles"`
	Workers      int        `json:"workers"`
	Seed         Latencies  `json:"seed"`
	SeedBundles  bool       `json:"seed_bundles,omitempty"` // seeded as transaction Bundles; the seed's percentiles are per bundle
	ServerAfter  *Usage     `json:"server_after_seed,omitempty"`
	Scenarios    []Scenario `json:"scenarios"`
	Baseline     *Scenario  `json:"baseline,omitempty"`
	StartedAt    time.Time  `json:"started_at"`
	FinishedAt   time.Time  `json:"finished_at"`
	GoMaxProcs   int        `json:"gomaxprocs"`
	MachineCores int        `json:"machine_cores"`
}

// Run seeds and measures; it refuses a target that is not on loopback.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	if cfg.Bundles < 1 || cfg.Workers < 1 || cfg.Measure <= 0 || cfg.MaxOps < 1 {
		return nil, errors.New("bundles, workers, measure and max ops must be positive")
	}
	if err := checkLoopback(ctx, cfg.BaseURL); err != nil {
		return nil, err
	}
	token := cfg.Token
	if token == "" && cfg.ClientID != "" {
		if err := checkLoopback(ctx, cfg.TokenURL); err != nil {
			return nil, err
		}
		t, err := fetchToken(ctx, cfg.TokenURL, cfg.ClientID, cfg.ClientSecret)
		if err != nil {
			return nil, err
		}
		token = t
	}
	rep := &Report{Target: cfg.BaseURL, Bundles: cfg.Bundles, Workers: cfg.Workers, SeedBundles: cfg.SeedBundles, StartedAt: time.Now()}
	rep.GoMaxProcs, rep.MachineCores = machine()
	c := newClient(cfg.BaseURL, token, cfg.Workers)
	say(cfg.Progress, "seeding %d care bundles with %d workers", cfg.Bundles, cfg.Workers)
	pool, bundles, seedStats, err := seed(ctx, c, cfg.Bundles, cfg.Workers, cfg.SeedBundles, cfg.SeedLimit, cfg.Progress)
	if err != nil {
		return nil, err
	}
	rep.Seed = seedStats
	say(cfg.Progress, "seeded: %.0f creates/s; pausing %s", seedStats.PerSec, cfg.Pause)
	if err := sleep(ctx, cfg.Pause); err != nil {
		return nil, err
	}
	if cfg.ServerPID > 0 {
		u := Usage{RSSEndMB: round1(rssMB(cfg.ServerPID))}
		rep.ServerAfter = &u
	}
	if cfg.Baseline {
		b, err := measureBaseline(ctx, cfg, bundles, pool)
		if err != nil {
			return nil, err
		}
		rep.Baseline = b
	}
	rep.Scenarios = measureScenarios(ctx, cfg, c, bundles, pool)
	if rep.Baseline != nil && rep.Baseline.Requests.PerSec > 0 {
		for i := range rep.Scenarios {
			rep.Scenarios[i].OfBaseline = rep.Scenarios[i].Requests.PerSec / rep.Baseline.Requests.PerSec
		}
	}
	rep.FinishedAt = time.Now()
	return rep, ctx.Err()
}

func measureScenarios(ctx context.Context, cfg Config, c *client, bundles []bundle, pool []string) []Scenario {
	var out []Scenario
	var rs, ss series
	var ws writeSeries
	runs := []struct {
		name string
		fn   op
	}{
		{"read", readOp(c, bundles, &rs)},
		{"search", searchOp(c, bundles, &ss)},
		{"create+update", writeOp(c, bundles, pool, &ws)},
	}
	for _, r := range runs {
		if ctx.Err() != nil {
			break
		}
		say(cfg.Progress, "scenario %s: %s warm-up, %s measured", r.name, cfg.Warmup, cfg.Measure)
		sc := Scenario{Name: r.name}
		wall, u := sampled(ctx, cfg, cfg.ServerPID, cfg.PostgresPID, func(ctx context.Context) time.Duration {
			w := window{warmup: cfg.Warmup, measure: cfg.Measure, maxOps: cfg.MaxOps, progress: cfg.Progress, name: r.name}
			return w.run(ctx, cfg.Workers, r.fn)
		})
		u.into(&sc)
		switch r.name {
		case "read":
			sc.Requests = summarise(rs.lat, rs.errors, wall)
		case "search":
			sc.Requests = summarise(ss.lat, ss.errors, wall)
		default:
			sc.Requests = summarise(ws.pair.lat, ws.pair.errors, wall)
			post, put := summarise(ws.post.lat, ws.post.errors, wall), summarise(ws.put.lat, ws.put.errors, wall)
			sc.Post, sc.Put = &post, &put
		}
		out = append(out, sc)
	}
	return out
}

// usage is what was sampled over a scenario's measured span.
type usage struct {
	server, postgres, self *Usage
	machineBusy            *float64
}

func (u usage) into(sc *Scenario) {
	sc.Server, sc.Postgres, sc.LoadGenerator, sc.MachineBusy = u.server, u.postgres, u.self, u.machineBusy
}

// sampled runs fn while sampling, over the measured span only, the server and PostgreSQL (when
// their pids are given), this process, and the machine.
func sampled(ctx context.Context, cfg Config, serverPID, postgresPID int, fn func(context.Context) time.Duration) (time.Duration, usage) {
	var u usage
	sctx, stop := context.WithCancel(ctx)
	done := make(chan struct{}, 4)
	afterWarmup := func(f func()) {
		go func() {
			if sleep(sctx, cfg.Warmup) == nil {
				f()
			}
			done <- struct{}{}
		}()
	}
	process := func(pid int, children bool, into **Usage) {
		afterWarmup(func() {
			if pid > 0 {
				s := newSampler(pid, children).window(sctx)
				*into = &s
			}
		})
	}
	process(serverPID, false, &u.server)
	process(postgresPID, true, &u.postgres)
	process(os.Getpid(), false, &u.self)
	afterWarmup(func() { u.machineBusy = machineWindow(sctx) })
	wall := fn(ctx)
	stop()
	for range 4 {
		<-done
	}
	return wall, u
}

func measureBaseline(ctx context.Context, cfg Config, bundles []bundle, pool []string) (*Scenario, error) {
	b0 := bundles[0]
	srv, err := startBaseline(carePlan(0, "Care plan for patient 00000", b0.patientID, b0.careTeamID, b0.goalIDs, pool))
	if err != nil {
		return nil, fmt.Errorf("start the baseline handler: %w", err)
	}
	defer srv.close()
	say(cfg.Progress, "baseline: a bare net/http handler serving the same CarePlan bytes")
	c := newClient(srv.url, "", cfg.Workers)
	var s series
	wall, u := sampled(ctx, cfg, 0, 0, func(ctx context.Context) time.Duration {
		w := window{warmup: cfg.Warmup, measure: cfg.Measure, maxOps: cfg.MaxOps, progress: cfg.Progress, name: "baseline"}
		return w.run(ctx, cfg.Workers, readOp(c, bundles, &s))
	})
	sc := &Scenario{Name: "baseline read", Requests: summarise(s.lat, s.errors, wall)}
	u.into(sc)
	return sc, nil
}

func say(w io.Writer, format string, args ...any) {
	if w != nil {
		fmt.Fprintf(w, format+"\n", args...)
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
