package server

import (
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"veiviser/internal/store"
)

// httpMetrics are the request metrics the observe middleware records.
type httpMetrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	inFlight prometheus.Gauge
	series   sync.Map // seriesKey → *series: the label values hashed and looked up once, not per request
}

type seriesKey struct {
	route, method string
	status        int
}

type series struct {
	requests prometheus.Counter
	duration prometheus.Observer
}

// observe counts one request and its duration. The label sets are bounded (route patterns,
// methods, statuses), and so is the map.
func (m *httpMetrics) observe(route, method string, status int, elapsed time.Duration) {
	k := seriesKey{route, method, status}
	v, ok := m.series.Load(k)
	if !ok {
		v, _ = m.series.LoadOrStore(k, &series{
			requests: m.requests.WithLabelValues(route, method, strconv.Itoa(status)),
			duration: m.duration.WithLabelValues(route, method),
		})
	}
	s := v.(*series)
	s.requests.Inc()
	s.duration.Observe(elapsed.Seconds())
}

// newMetrics registers the request metrics, the store's pool figures and the Go runtime and
// process collectors on reg.
func newMetrics(reg prometheus.Registerer, st store.Store) (*httpMetrics, error) {
	m := &httpMetrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "veiviser_http_requests_total",
			Help: "HTTP requests served, by route pattern, method and status.",
		}, []string{"route", "method", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "veiviser_http_request_duration_seconds",
			Help:    "Time to serve an HTTP request, by route pattern and method.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route", "method"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "veiviser_http_requests_in_flight",
			Help: "HTTP requests being served now.",
		}),
	}
	for _, c := range []prometheus.Collector{
		m.requests, m.duration, m.inFlight,
		storeCollector{st},
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// storeCollector reads store.Stats() at each scrape, so the figures are never stale.
type storeCollector struct{ st store.Store }

var (
	descOpen = prometheus.NewDesc("veiviser_store_open_connections",
		"Open database connections.", []string{"dialect"}, nil)
	descInUse = prometheus.NewDesc("veiviser_store_connections_in_use",
		"Database connections in use.", []string{"dialect"}, nil)
	descIdle = prometheus.NewDesc("veiviser_store_connections_idle",
		"Idle database connections.", []string{"dialect"}, nil)
	descWaits = prometheus.NewDesc("veiviser_store_connection_waits_total",
		"Times a query waited for a free connection.", []string{"dialect"}, nil)
	descWaitSeconds = prometheus.NewDesc("veiviser_store_connection_wait_seconds_total",
		"Time spent waiting for a free connection.", []string{"dialect"}, nil)
)

func (c storeCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descOpen, descInUse, descIdle, descWaits, descWaitSeconds} {
		ch <- d
	}
}

func (c storeCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.st.Stats()
	ch <- prometheus.MustNewConstMetric(descOpen, prometheus.GaugeValue, float64(s.OpenConnections), s.Dialect)
	ch <- prometheus.MustNewConstMetric(descInUse, prometheus.GaugeValue, float64(s.InUse), s.Dialect)
	ch <- prometheus.MustNewConstMetric(descIdle, prometheus.GaugeValue, float64(s.Idle), s.Dialect)
	ch <- prometheus.MustNewConstMetric(descWaits, prometheus.CounterValue, float64(s.WaitCount), s.Dialect)
	ch <- prometheus.MustNewConstMetric(descWaitSeconds, prometheus.CounterValue, s.WaitDuration.Seconds(), s.Dialect)
}
