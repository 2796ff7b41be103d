package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
)

// metricsEngine is a gin engine with the metrics middleware first, as in
// routes.go, a few routes and /metrics.
func metricsEngine(m *metrics) *gin.Engine {
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.HandleMethodNotAllowed = true
	e.Use(m.observe)
	e.GET("/metrics", gin.WrapH(m.handler()))
	e.GET("/activities/:id", func(c *gin.Context) { c.String(http.StatusOK, "activity") })
	e.GET("/fail", func(c *gin.Context) { c.String(http.StatusInternalServerError, "broken") })
	e.POST("/login", func(c *gin.Context) { c.Redirect(http.StatusSeeOther, "/") })
	return e
}

func metricsRequest(t *testing.T, h http.Handler, method, target string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, target, nil))
	return rec
}

func scrape(t *testing.T, h http.Handler) string {
	t.Helper()
	rec := metricsRequest(t, h, http.MethodGet, "/metrics")
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /metrics: %d", rec.Code)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("Content-Type %q", ct)
	}
	b, _ := io.ReadAll(rec.Body)
	return string(b)
}

func TestMetricsCountRequests(t *testing.T) {
	m := newMetrics(func() map[string]PoolStats {
		return map[string]PoolStats{
			"write": {MaxOpen: 1, Open: 1, InUse: 1, WaitCount: 3, WaitSeconds: 0.25},
			"read":  {MaxOpen: 8, Open: 2, Idle: 2},
		}
	})
	e := metricsEngine(m)
	for _, r := range []struct {
		method, target string
		status         int
	}{
		{"GET", "/activities/1", 200},
		{"GET", "/activities/2", 200},
		{"GET", "/fail", 500},
		{"POST", "/login", 303},
		{"GET", "/no/such/page", 404},
		{"DELETE", "/login", 405},
		{"FROBNICATE", "/login", 405},
	} {
		if rec := metricsRequest(t, e, r.method, r.target); rec.Code != r.status {
			t.Fatalf("%s %s: %d, want %d", r.method, r.target, rec.Code, r.status)
		}
	}
	body := scrape(t, e)
	for _, want := range []string{
		`broen_http_requests_total{method="GET",route="/activities/:id",status="200"} 2`,
		`broen_http_requests_total{method="GET",route="/fail",status="500"} 1`,
		`broen_http_requests_total{method="POST",route="/login",status="303"} 1`,
		`broen_http_requests_total{method="GET",route="unmatched",status="404"} 1`,
		`broen_http_requests_total{method="DELETE",route="unmatched",status="405"} 1`,
		`broen_http_requests_total{method="other",route="unmatched",status="405"} 1`,
		`broen_http_request_duration_seconds_count{method="GET",route="/activities/:id"} 2`,
		`broen_http_request_duration_seconds_bucket{method="GET",route="/activities/:id",le="+Inf"} 2`,
		`broen_build_info{go_version="` + runtime.Version() + `",version="` + buildVersion() + `"} 1`,
		`broen_db_max_open_connections{pool="read"} 8`,
		`broen_db_open_connections{pool="write"} 1`,
		`broen_db_in_use_connections{pool="write"} 1`,
		`broen_db_idle_connections{pool="read"} 2`,
		`broen_db_wait_count_total{pool="write"} 3`,
		`broen_db_wait_duration_seconds_total{pool="write"} 0.25`,
		`go_goroutines `,
		`go_info{version="` + runtime.Version() + `"} 1`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if runtime.GOOS == "linux" && !strings.Contains(body, "process_start_time_seconds ") {
		t.Error("/metrics lacks the process metrics")
	}
	// The scrape itself is counted by the next one.
	if body := scrape(t, e); !strings.Contains(body, `broen_http_requests_total{method="GET",route="/metrics",status="200"} 1`) {
		t.Error("the /metrics request was not counted")
	}
}

// Every server has its own registry: a second one neither panics on
// registration nor shares counts, and no pool function means no pool
// metrics.
func TestMetricsPrivateRegistry(t *testing.T) {
	a, b := metricsEngine(newMetrics(nil)), metricsEngine(newMetrics(nil))
	metricsRequest(t, a, http.MethodGet, "/activities/1")
	body := scrape(t, b)
	if strings.Contains(body, `route="/activities/:id"`) {
		t.Error("a request to one server was counted by another")
	}
	if strings.Contains(body, "broen_db_") {
		t.Error("pool metrics without a pool function")
	}
}

func TestMetricsBuildVersion(t *testing.T) {
	if v := buildVersion(); v == "" || v == "(devel)" {
		t.Errorf("buildVersion() = %q", v)
	}
}
