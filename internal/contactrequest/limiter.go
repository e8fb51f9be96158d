package contactrequest

import (
	"sync"
	"time"
)

// Limiter caps how many requests the public form stores in a sliding window, per client (its
// network address) and in all, so a script cannot fill the coordinator's list; a person who is
// limited is told to call. It is a value of its own (the web holds one), with the clock injected,
// so tests drive the window without sleeping.
type Limiter struct {
	PerClient int           // requests one client may send in Window
	Global    int           // requests all clients together may send in Window
	Window    time.Duration // the sliding window
	now       func() time.Time

	mu      sync.Mutex
	clients map[string][]time.Time // client -> when its requests in the window came
	all     []time.Time
}

// NewLimiter returns a limiter of the public form's defaults on clock now: 5 requests an hour
// from one address, 200 an hour in all (far above a municipality's day of real requests).
func NewLimiter(now func() time.Time) *Limiter {
	if now == nil {
		now = time.Now
	}
	return &Limiter{PerClient: 5, Global: 200, Window: time.Hour, now: now, clients: map[string][]time.Time{}}
}

// Allow reports whether client may send one more request now, and counts it when it may.
func (l *Limiter) Allow(client string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	since := now.Add(-l.Window)
	l.all = within(l.all, since)
	mine := within(l.clients[client], since)
	if len(mine) >= l.PerClient || len(l.all) >= l.Global {
		l.keep(client, mine)
		return false
	}
	l.all = append(l.all, now)
	l.keep(client, append(mine, now))
	return true
}

func (l *Limiter) keep(client string, times []time.Time) {
	if len(times) == 0 {
		delete(l.clients, client) // so the map does not grow with every address ever seen
		return
	}
	l.clients[client] = times
}

// within drops the times before since (they are in order).
func within(times []time.Time, since time.Time) []time.Time {
	i := 0
	for i < len(times) && !times[i].After(since) {
		i++
	}
	return times[i:]
}
