package bench

import (
	"context"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// seed creates the practitioner pool sequentially, then the care bundles with the given workers, each
// worker taking the next patient index and creating Patient, CareTeam, 3 Goals, CarePlan in order:
// as separate POSTs (the workload), or as one transaction Bundle per care bundle when asBundles.
// The figures count creates either way; with asBundles the latencies are the bundles'.
func seed(ctx context.Context, c *client, n, workers int, asBundles bool, limit time.Duration, progress io.Writer) ([]string, []bundle, Latencies, error) {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	pool := make([]string, poolSize)
	for k := range poolSize {
		id, _, err := c.create(ctx, "Practitioner", practitioner(k))
		if err != nil {
			return nil, nil, Latencies{}, fmt.Errorf("seed practitioner %d: %w", k, err)
		}
		pool[k] = id
	}
	bundles := make([]bundle, n)
	var next atomic.Int64
	var created series
	var firstErr error
	var once sync.Once
	start := time.Now()
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if progress != nil {
					fmt.Fprintf(progress, "  seed: %d of %d bundles\n", min(next.Load(), int64(n)), n)
				}
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					return
				}
				one := seedBundle
				if asBundles {
					one = seedBundleTx
				}
				b, err := one(ctx, c, i, pool, &created)
				if err != nil {
					once.Do(func() { firstErr = err; cancel() })
					return
				}
				bundles[i] = b
			}
		})
	}
	wg.Wait()
	wall := time.Since(start)
	if firstErr != nil {
		return nil, nil, Latencies{}, firstErr
	}
	if ctx.Err() != nil {
		return nil, nil, Latencies{}, fmt.Errorf("seeding did not finish within %s", limit)
	}
	stats := summarise(created.lat, created.errors, wall)
	if asBundles {
		stats.Count *= perBundle
		stats.PerSec *= perBundle
	}
	return pool, bundles, stats, nil
}

func seedBundle(ctx context.Context, c *client, i int, pool []string, s *series) (bundle, error) {
	var b bundle
	create := func(typ string, res object) (string, error) {
		id, r, err := c.create(ctx, typ, res)
		if err != nil {
			s.fail()
			return "", fmt.Errorf("seed bundle %d: %w", i, err)
		}
		s.add(r.latency)
		return id, nil
	}
	var err error
	if b.patientID, err = create("Patient", patient(i)); err != nil {
		return b, err
	}
	if b.careTeamID, err = create("CareTeam", careTeam(i, b.patientID, pool)); err != nil {
		return b, err
	}
	for k := range 3 {
		if b.goalIDs[k], err = create("Goal", goal(k, b.patientID)); err != nil {
			return b, err
		}
	}
	title := fmt.Sprintf("Care plan for patient %05d", i)
	b.carePlanID, err = create("CarePlan", carePlan(i, title, b.patientID, b.careTeamID, b.goalIDs, pool))
	return b, err
}
