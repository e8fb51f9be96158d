package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// series collects the latencies of one kind of request inside the measured window.
type series struct {
	mu     sync.Mutex
	lat    []time.Duration
	errors int
}

func (s *series) add(d time.Duration) { s.mu.Lock(); s.lat = append(s.lat, d); s.mu.Unlock() }
func (s *series) fail()               { s.mu.Lock(); s.errors++; s.mu.Unlock() }

// window is a closed loop of workers: warm-up, then the measured span. An operation counts when it
// started and ended inside the measured span.
type window struct {
	warmup, measure time.Duration
	maxOps          int64 // cap on operations, warm-up included
	progress        io.Writer
	name            string
}

// op runs one operation for a worker; it reports each request through rec, which drops what falls
// outside the measured span.
type op func(ctx context.Context, rng *rand.Rand, rec func(s *series, start time.Time, d time.Duration)) error

func (w window) run(ctx context.Context, workers int, fn op) time.Duration {
	measureStart := time.Now().Add(w.warmup)
	measureEnd := measureStart.Add(w.measure)
	// Workers stop starting operations at the end of the window but let the ones in flight finish
	// (they fall outside the window and are dropped), so the server sees no cancelled requests.
	var ops atomic.Int64
	rec := func(s *series, start time.Time, d time.Duration) {
		if !start.Before(measureStart) && !start.Add(d).After(measureEnd) {
			s.add(d)
		}
	}
	done := make(chan struct{})
	go w.report(&ops, measureStart, done)
	var wg sync.WaitGroup
	for i := range workers {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(42+i), 0))
			for ctx.Err() == nil && time.Now().Before(measureEnd) && ops.Add(1) <= w.maxOps {
				_ = fn(ctx, rng, rec) // failures are counted by fn
			}
		})
	}
	wg.Wait()
	close(done)
	end := time.Now()
	if end.After(measureEnd) {
		end = measureEnd
	}
	if end.Before(measureStart) {
		return 0
	}
	return end.Sub(measureStart)
}

// report prints progress once a second while the window runs.
func (w window) report(ops *atomic.Int64, measureStart time.Time, done <-chan struct{}) {
	if w.progress == nil {
		return
	}
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case <-t.C:
			phase := "warm-up"
			if time.Now().After(measureStart) {
				phase = "measuring"
			}
			fmt.Fprintf(w.progress, "  %s: %s, %d operations\n", w.name, phase, ops.Load())
		}
	}
}

// readOp: GET CarePlan/{id} of a random seeded CarePlan; success is 200.
func readOp(c *client, bundles []bundle, s *series) op {
	return func(ctx context.Context, rng *rand.Rand, rec func(*series, time.Time, time.Duration)) error {
		b := bundles[rng.IntN(len(bundles))]
		start := time.Now()
		r, err := c.do(ctx, http.MethodGet, "CarePlan/"+b.carePlanID, nil)
		if err != nil || r.status != http.StatusOK {
			if ctx.Err() == nil {
				s.fail()
			}
			return err
		}
		rec(s, start, r.latency)
		return nil
	}
}

// searchOp: GET CarePlan?subject=Patient/{id}; success is 200 with the patient's CarePlan in it.
func searchOp(c *client, bundles []bundle, s *series) op {
	return func(ctx context.Context, rng *rand.Rand, rec func(*series, time.Time, time.Duration)) error {
		b := bundles[rng.IntN(len(bundles))]
		start := time.Now()
		r, err := c.do(ctx, http.MethodGet, "CarePlan?subject=Patient/"+b.patientID, nil)
		if err != nil || r.status != http.StatusOK || !bytes.Contains(r.body, []byte(`"`+b.carePlanID+`"`)) {
			if ctx.Err() == nil {
				s.fail()
			}
			return err
		}
		rec(s, start, r.latency)
		return nil
	}
}

// writeSeries are the three series of the create+update scenario.
type writeSeries struct{ post, put, pair series }

// writeOp: POST a new CarePlan for a random seeded patient, then PUT back what the server returned
// with activity[0].detail.status in-progress and a description added.
func writeOp(c *client, bundles []bundle, pool []string, s *writeSeries) op {
	return func(ctx context.Context, rng *rand.Rand, rec func(*series, time.Time, time.Duration)) error {
		idx := rng.IntN(len(bundles))
		b := bundles[idx]
		plan := carePlan(idx, "Follow-up care plan", b.patientID, b.careTeamID, b.goalIDs, pool)
		body, _ := json.Marshal(plan)
		start := time.Now()
		r, err := c.do(ctx, http.MethodPost, "CarePlan", body)
		if err != nil || r.status != http.StatusCreated {
			if ctx.Err() == nil {
				s.post.fail()
				s.pair.fail()
			}
			return err
		}
		postLat := r.latency
		updated, id, err := markInProgress(r.body)
		if err != nil {
			s.pair.fail()
			return err
		}
		r2, err := c.do(ctx, http.MethodPut, "CarePlan/"+id, updated)
		if err != nil || r2.status != http.StatusOK {
			if ctx.Err() == nil {
				s.put.fail()
				s.pair.fail()
			}
			return err
		}
		rec(&s.post, start, postLat)
		rec(&s.put, start.Add(postLat), r2.latency)
		rec(&s.pair, start, time.Since(start))
		return nil
	}
}

func markInProgress(created []byte) ([]byte, string, error) {
	var plan map[string]any
	if err := json.Unmarshal(created, &plan); err != nil {
		return nil, "", fmt.Errorf("the created CarePlan is not JSON: %w", err)
	}
	id, _ := plan["id"].(string)
	acts, _ := plan["activity"].([]any)
	if id == "" || len(acts) == 0 {
		return nil, "", fmt.Errorf("the created CarePlan has no id or activity")
	}
	detail, _ := acts[0].(map[string]any)["detail"].(map[string]any)
	if detail == nil {
		return nil, "", fmt.Errorf("the created CarePlan has no activity detail")
	}
	detail["status"] = "in-progress"
	plan["description"] = "Follow-up started"
	out, err := json.Marshal(plan)
	return out, id, err
}
