// Command search is the search API's load test: it fills a database with
// the demo municipality plus generated activities (100,000 by default),
// serves it, and measures, side by side in one run, the throughput of the
// constant /livez endpoint and of a mix of realistic searches, and a single
// client's latency percentiles for every query shape.
//
//	go run -tags sqlite_fts5 ./bench/search -n 100000
//
// With -url it measures a server that is already running instead of
// starting one in this process.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"broen/demo"
	"broen/locales"
	"broen/registry"
	"broen/sqlite"
	"broen/web"
)

// shapes are the query shapes a newcomer's phone, the pages and other
// services send. Broad terms are included on purpose.
var shapes = []struct{ name, query string }{
	{"front list (no filter)", ""},
	{"broad word: trening", "q=trening"},
	{"word in most rows: for", "q=for"},
	{"compound head: fotball", "q=fotball"},
	{"inside compound: kafé", "q=kaf%C3%A9"},
	{"rare word: sjakk", "q=sjakk"},
	{"category", "category=sport"},
	{"language + weekday", "language=ar&weekday=2"},
	{"district + free", "district=konnerud&free=1"},
	{"age + category", "age=10&category=children_youth"},
	{"word + language", "q=spr%C3%A5kkaf%C3%A9&language=uk"},
	{"word + district + weekday", "q=leksehjelp&district=fjell&weekday=3"},
	{"broad word, page 5", "q=trening&page=5"},
	{"all filters", "q=trening&category=sport&language=nb&weekday=2&district=bragernes&age=12&free=1"},
}

func main() {
	var (
		dbPath      = flag.String("db", "bench/data/search.db", "database file; filled if it has fewer activities than -n")
		n           = flag.Int("n", 100000, "generated activities")
		target      = flag.String("url", "", "measure this running server instead of starting one")
		duration    = flag.Duration("duration", 10*time.Second, "length of each throughput run")
		concurrency = flag.Int("c", 8, "concurrent clients in the throughput runs")
		perShape    = flag.Int("requests", 1000, "sequential requests per shape in the latency run")
		prepare     = flag.Bool("prepare", false, "only fill the database, then exit")
		cpuprofile  = flag.String("cpuprofile", "", "write a CPU profile of the whole run (in-process server only)")
	)
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		check(err)
		check(pprof.StartCPUProfile(f))
		defer pprof.StopCPUProfile()
	}
	ctx := context.Background()
	base := *target
	if base == "" {
		db, err := sqlite.Open(*dbPath)
		check(err)
		check(db.Migrate(ctx))
		check(fill(ctx, db, *n))
		if *prepare {
			return
		}
		base = serve(db)
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: *concurrency * 2, DisableCompression: true}}

	fmt.Printf("machine: %s/%s, %d CPUs, %s\n", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), cpuModel())
	// Every shape once, to check it answers 200 and to warm the caches.
	for _, s := range shapes {
		total, err := hit(client, base+"/api/v1/activities?"+s.query)
		check(err)
		fmt.Printf("shape %-32s %7d matches\n", s.name, total)
	}

	livez := throughput(client, []string{base + "/livez"}, *concurrency, *duration)
	var mix []string
	for _, s := range shapes {
		mix = append(mix, base+"/api/v1/activities?"+s.query)
	}
	search := throughput(client, mix, *concurrency, *duration)
	fmt.Printf("\n| endpoint | clients | requests | errors | req/s |\n|---|---|---|---|---|\n")
	fmt.Printf("| /livez | %d | %d | %d | %.0f |\n", *concurrency, livez.requests, livez.errors, livez.rps)
	fmt.Printf("| search mix (%d shapes) | %d | %d | %d | %.0f |\n", len(shapes), *concurrency, search.requests, search.errors, search.rps)
	fmt.Printf("\nsearch mix throughput = %.1f%% of /livez\n", 100*search.rps/livez.rps)

	fmt.Printf("\n| query shape (1 client, %d requests) | matches | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|\n", *perShape)
	worst := 0.0
	for _, s := range shapes {
		url := base + "/api/v1/activities?" + s.query
		total, _ := hit(client, url)
		lat := latencies(client, url, *perShape)
		p99 := pct(lat, 0.99)
		worst = max(worst, p99)
		fmt.Printf("| %s | %d | %.2f | %.2f | %.2f |\n", s.name, total, pct(lat, 0.50), p99, lat[len(lat)-1])
	}
	fmt.Printf("\nworst p99: %.2f ms\n", worst)
}

// fill loads the demo municipality and generated activities until the
// database holds n activities besides the demo ones.
func fill(ctx context.Context, db *sqlite.DB, n int) error {
	empty, err := db.Empty(ctx)
	if err != nil {
		return err
	}
	if empty {
		if _, _, err := demo.Load(ctx, db, db, time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)); err != nil {
			return err
		}
	}
	orgs, _, err := db.FindOrganisations(ctx, registry.OrganisationFilter{Limit: registry.MaxPageSize})
	if err != nil {
		return err
	}
	ids := make([]int64, len(orgs))
	for i, o := range orgs {
		ids[i] = o.ID
	}
	_, have, err := db.FindActivities(ctx, registry.ActivityFilter{})
	if err != nil {
		return err
	}
	want := n + len(demo.Activities())
	if have >= want {
		return nil
	}
	start := time.Now()
	all := demo.Generate(1, want-have, ids)
	const batch = 5000
	for i := 0; i < len(all); i += batch {
		if err := db.CreateActivities(ctx, all[i:min(i+batch, len(all))]); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "\rgenerated %d/%d activities", min(i+batch, len(all)), len(all))
	}
	fmt.Fprintf(os.Stderr, " in %s\n", time.Since(start).Round(time.Second))
	return nil
}

// serve starts the real server on a loopback port in this process.
func serve(db *sqlite.DB) string {
	bundle, err := locales.NewBundle()
	check(err)
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv, err := web.NewServer(web.Config{}, web.Services{Organisations: db, Activities: db, Catalog: db, Ready: db.Ready}, bundle, logger)
	check(err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	check(err)
	go func() { _ = http.Serve(ln, srv) }()
	return "http://" + ln.Addr().String()
}

// hit requests url once and returns the "total" of a search answer.
func hit(client *http.Client, url string) (int, error) {
	resp, err := client.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("%s: status %d: %s", url, resp.StatusCode, b)
	}
	var total int
	if i := strings.Index(string(b), `"total":`); i >= 0 {
		fmt.Sscanf(string(b[i+8:]), "%d", &total)
	}
	return total, nil
}

type result struct {
	requests, errors int64
	rps              float64
}

func throughput(client *http.Client, urls []string, clients int, d time.Duration) result {
	var requests, errors atomic.Int64
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	start := time.Now()
	for w := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; time.Now().Before(deadline); i++ {
				if _, err := hit(client, urls[i%len(urls)]); err != nil {
					errors.Add(1)
				}
				requests.Add(1)
			}
		}()
	}
	wg.Wait()
	el := time.Since(start).Seconds()
	return result{requests.Load(), errors.Load(), float64(requests.Load()) / el}
}

func latencies(client *http.Client, url string, n int) []float64 {
	for range 20 {
		_, _ = hit(client, url)
	}
	out := make([]float64, n)
	for i := range out {
		t := time.Now()
		_, err := hit(client, url)
		check(err)
		out[i] = float64(time.Since(t).Microseconds()) / 1000
	}
	sort.Float64s(out)
	return out
}

func pct(sorted []float64, p float64) float64 {
	i := int(float64(len(sorted))*p+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "model name") {
			if i := strings.Index(line, ":"); i >= 0 {
				return strings.TrimSpace(line[i+1:])
			}
		}
	}
	return "unknown CPU"
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}
