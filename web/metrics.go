package web

import (
	"net/http"
	"runtime"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// PoolStats is one database connection pool at the moment of a scrape. The
// counters (WaitCount, WaitSeconds) only grow.
type PoolStats struct {
	MaxOpen     int64   // most connections the pool may open
	Open        int64   // connections open, in use or idle
	InUse       int64   // connections in use
	Idle        int64   // idle connections
	WaitCount   int64   // times a caller waited for a connection
	WaitSeconds float64 // total time callers waited
}

// metrics are the server's Prometheus metrics, on a registry of their own so
// that every Server (tests make many) has its own.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

// newMetrics registers the HTTP metrics, the build, the Go runtime and the
// process, and, if pool is not nil, the database pools it reports by name
// ("write", "read"), read at each scrape.
func newMetrics(pool func() map[string]PoolStats) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "broen_http_requests_total",
			Help: "HTTP requests answered, by route pattern (\"unmatched\" when no route matched), method and status.",
		}, []string{"route", "method", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "broen_http_request_duration_seconds",
			Help:    "Time to answer HTTP requests, by route pattern and method.",
			Buckets: prometheus.DefBuckets,
		}, []string{"route", "method"}),
	}
	build := prometheus.NewGauge(prometheus.GaugeOpts{
		Name:        "broen_build_info",
		Help:        "Always 1; the labels say which build of Broen runs.",
		ConstLabels: prometheus.Labels{"version": buildVersion(), "go_version": runtime.Version()},
	})
	build.Set(1)
	m.reg.MustRegister(m.requests, m.duration, build,
		// The collectors package would bring database/sql into web (its
		// DBStatsCollector); these are the same collectors.
		prometheus.NewGoCollector(),                                       //nolint:staticcheck // see above
		prometheus.NewProcessCollector(prometheus.ProcessCollectorOpts{}), //nolint:staticcheck // see above
	)
	if pool != nil {
		m.reg.MustRegister(newPoolCollector(pool))
	}
	return m
}

// buildVersion is the main module's version as the go command stamped it,
// or "devel" for a build from a working tree without one.
func buildVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// observe counts and times every request that passes through it; it belongs
// first in the middleware chain, so the time includes the other middleware
// and the status is the one finally written.
func (m *metrics) observe(c *gin.Context) {
	start := time.Now()
	c.Next()
	route := c.FullPath()
	if route == "" {
		route = "unmatched"
	}
	method := methodLabel(c.Request.Method)
	m.requests.WithLabelValues(route, method, strconv.Itoa(c.Writer.Status())).Inc()
	m.duration.WithLabelValues(route, method).Observe(time.Since(start).Seconds())
}

// methodLabel keeps the method label to the standard methods: anyone can
// send any method name, and each would be a new series.
func methodLabel(method string) string {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return method
	}
	return "other"
}

// handler serves the metrics in the Prometheus text format (GET /metrics).
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// poolCollector reads the database pools at each scrape.
type poolCollector struct {
	stats                                             func() map[string]PoolStats
	maxOpen, open, inUse, idle, waitCount, waitSecond *prometheus.Desc
}

func newPoolCollector(stats func() map[string]PoolStats) *poolCollector {
	desc := func(name, help string) *prometheus.Desc {
		return prometheus.NewDesc("broen_db_"+name, help, []string{"pool"}, nil)
	}
	return &poolCollector{
		stats:      stats,
		maxOpen:    desc("max_open_connections", "Most connections the database pool may open."),
		open:       desc("open_connections", "Database connections open, in use or idle."),
		inUse:      desc("in_use_connections", "Database connections in use."),
		idle:       desc("idle_connections", "Idle database connections."),
		waitCount:  desc("wait_count_total", "Times a caller waited for a database connection."),
		waitSecond: desc("wait_duration_seconds_total", "Total time callers waited for a database connection."),
	}
}

func (p *poolCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{p.maxOpen, p.open, p.inUse, p.idle, p.waitCount, p.waitSecond} {
		ch <- d
	}
}

func (p *poolCollector) Collect(ch chan<- prometheus.Metric) {
	for name, s := range p.stats() {
		ch <- prometheus.MustNewConstMetric(p.maxOpen, prometheus.GaugeValue, float64(s.MaxOpen), name)
		ch <- prometheus.MustNewConstMetric(p.open, prometheus.GaugeValue, float64(s.Open), name)
		ch <- prometheus.MustNewConstMetric(p.inUse, prometheus.GaugeValue, float64(s.InUse), name)
		ch <- prometheus.MustNewConstMetric(p.idle, prometheus.GaugeValue, float64(s.Idle), name)
		ch <- prometheus.MustNewConstMetric(p.waitCount, prometheus.CounterValue, float64(s.WaitCount), name)
		ch <- prometheus.MustNewConstMetric(p.waitSecond, prometheus.CounterValue, s.WaitSeconds, name)
	}
}
