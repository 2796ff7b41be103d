package sqlite

import (
	"context"
	"fmt"
	"math/bits"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"broen/registry"
)

// index is this process's in-memory copy of the public activities, with the
// facets the search filters on. FTS5 answers which activities a text matches
// (cached per query until the next change); the index filters, counts, orders
// and pages in memory, so a search costs the same whether a word matches ten
// activities or ninety thousand.
//
// It is kept current through search_log: every write that changes a public
// listing appends the activity's id in the same transaction, and each search
// first applies the entries it has not seen.
type index struct {
	mu     sync.RWMutex
	loaded bool
	seq    int64 // last search_log seq applied
	byID   map[int64]*entry
	order  []*entry      // by title, then id
	pos    map[int64]int // activity id -> position in order
	// The facets of order[i] at [i], in flat arrays so a filter scans memory
	// in sequence instead of chasing a pointer per activity.
	ids   []int64
	cats  []uint8
	days  []uint8  // bit d set: falls on time.Weekday d
	dists []uint16 // district number; 0: none
	langs []uint64 // bit i set: held in registry.Languages[i]
	ages  [][2]int16
	free  []bool
	orgs  []int64
	// confirmed is when each was last confirmed (Unix seconds): listings
	// not confirmed for long are hidden from the public (StalePolicy).
	confirmed []int64

	distNum map[string]uint16

	textMu sync.Mutex // guards text and summary, which searches fill under mu's read lock
	text   map[string]*textHits
	// summary caches the menus' counts; see (*DB).summary.
	summary *summary
}

// entry is one public activity as the index holds it.
type entry struct {
	a        *registry.Activity
	weekdays uint8
	district string
	sortKey  string

	nextMu    sync.Mutex
	computed  bool
	next      []registry.Occurrence
	nextUntil time.Time // next is valid while now is before this; zero: for good
}

// maxCachedQueries bounds the text cache; when full it starts over.
const maxCachedQueries = 1000

// textHits is what FTS5 said about one text query, as bitsets over
// positions in the index's title order, so pages are read off in order by
// skipping empty words.
type textHits struct {
	all, title bitset
	total      int
	ranked     []int64 // by relevance, when total is at most the rank limit
}

// each calls fn with every set position in order until fn returns false.
func (b bitset) each(fn func(i int) bool) {
	for w, word := range b {
		for word != 0 {
			t := bits.TrailingZeros64(word)
			if !fn(w*64 + t) {
				return
			}
			word &^= 1 << uint(t)
		}
	}
}

type bitset []uint64

func newBitset(n int64) bitset { return make(bitset, n/64+1) }

func (b bitset) set(id int64) {
	if i := id / 64; i >= 0 && i < int64(len(b)) {
		b[i] |= 1 << (uint(id) % 64)
	}
}

func (b bitset) has(id int64) bool {
	i := id / 64
	return i >= 0 && i < int64(len(b)) && b[i]&(1<<(uint(id)%64)) != 0
}

func (b bitset) count() int {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}

func newEntry(a *registry.Activity) *entry {
	e := &entry{a: a, district: registry.DistrictCode(a.Location.District), sortKey: sortTitle(a.Title)}
	for _, s := range a.Schedules {
		for _, d := range s.Weekdays() {
			e.weekdays |= 1 << uint(d)
		}
	}
	return e
}

// langBit is the bit of each language in the index's language masks.
var langBit = func() map[string]uint64 {
	m := map[string]uint64{}
	for i, l := range registry.Languages {
		m[l.Code] = 1 << uint(i)
	}
	m["nn"] = 1 << uint(len(registry.Languages))
	return m
}()

var catNum = func() map[registry.Category]uint8 {
	m := map[registry.Category]uint8{}
	for i, c := range registry.Categories {
		m[c] = uint8(i + 1)
	}
	return m
}()

// build lays out the facet arrays from order.
func (ix *index) build() {
	n := len(ix.order)
	ix.ids, ix.cats, ix.days, ix.dists = make([]int64, n), make([]uint8, n), make([]uint8, n), make([]uint16, n)
	ix.langs, ix.ages, ix.free, ix.orgs = make([]uint64, n), make([][2]int16, n), make([]bool, n), make([]int64, n)
	ix.confirmed = make([]int64, n)
	ix.pos, ix.distNum = make(map[int64]int, n), map[string]uint16{}
	for i, e := range ix.order {
		a := e.a
		ix.ids[i], ix.cats[i], ix.days[i], ix.orgs[i] = a.ID, catNum[a.Category], e.weekdays, a.OrganisationID
		ix.free[i] = a.Cost.Kind == registry.CostFree
		ix.confirmed[i] = a.LastConfirmed.Unix()
		ix.ages[i] = [2]int16{int16(a.AgeMin), int16(a.AgeMax)}
		for _, l := range a.Languages {
			ix.langs[i] |= langBit[l]
		}
		if e.district != "" {
			d, ok := ix.distNum[e.district]
			if !ok {
				d = uint16(len(ix.distNum) + 1)
				ix.distNum[e.district] = d
			}
			ix.dists[i] = d
		}
		ix.pos[a.ID] = i
	}
}

// query is a filter compiled against the index: zero values match anything.
type query struct {
	cat  uint8
	lang uint64
	day  uint8
	dist uint16
	age  int16
	free bool
	org  int64
	// since hides listings confirmed before it (Unix seconds; 0: none).
	since int64
	never bool // a value no activity has: nothing matches
}

func (ix *index) compile(f *registry.ActivityFilter, hiddenSince time.Time) query {
	var q query
	q.age = -1
	if !hiddenSince.IsZero() {
		q.since = hiddenSince.Unix()
	}
	if f.Category != nil {
		q.cat = catNum[*f.Category]
		q.never = q.never || q.cat == 0
	}
	if f.Language != nil {
		q.lang = langBit[*f.Language]
		q.never = q.never || q.lang == 0
	}
	if f.Weekday != nil {
		q.day = 1 << uint(*f.Weekday)
	}
	if f.District != nil {
		q.dist = ix.distNum[registry.DistrictCode(*f.District)]
		q.never = q.never || q.dist == 0
	}
	if f.Age != nil {
		q.age = int16(min(max(*f.Age, 0), 200))
	}
	q.free = f.FreeOnly
	if f.OrganisationID != nil {
		q.org = *f.OrganisationID
		q.never = q.never || q.org == 0
	}
	return q
}

// match reports whether order[i] passes every filter but the text.
func (ix *index) match(q *query, i int) bool {
	if q.since != 0 && ix.confirmed[i] < q.since ||
		q.cat != 0 && ix.cats[i] != q.cat || q.lang != 0 && ix.langs[i]&q.lang == 0 ||
		q.day != 0 && ix.days[i]&q.day == 0 || q.dist != 0 && ix.dists[i] != q.dist ||
		q.free && !ix.free[i] || q.org != 0 && ix.orgs[i] != q.org {
		return false
	}
	if q.age >= 0 {
		lo, hi := ix.ages[i][0], ix.ages[i][1]
		if !(lo <= 0 && hi <= 0) && (q.age < lo || hi > 0 && q.age > hi) {
			return false
		}
	}
	return true
}

// nextOccurrences returns the entry's next n occurrences, computed once and
// reused until the first of them has ended.
func (e *entry) nextOccurrences(now time.Time, n int) []registry.Occurrence {
	e.nextMu.Lock()
	defer e.nextMu.Unlock()
	if !e.computed || !e.nextUntil.IsZero() && !now.Before(e.nextUntil) {
		e.next = registry.NextOccurrences(e.a.Schedules, now, n)
		e.nextUntil = time.Time{}
		if len(e.next) > 0 {
			e.nextUntil = e.next[0].End
		}
		e.computed = true
	}
	return e.next[:min(n, len(e.next))]
}

// refresh brings the index up to date with the database: a full load the
// first time, then the activities named in search_log since the last seq.
func (db *DB) refresh(ctx context.Context) error {
	var last int64
	if err := db.read.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM search_log`).Scan(&last); err != nil {
		return fmt.Errorf("sqlite: search log: %w", err)
	}
	ix := &db.index
	ix.mu.RLock()
	fresh := ix.loaded && ix.seq >= last
	ix.mu.RUnlock()
	if fresh {
		return nil
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.loaded && ix.seq >= last {
		return nil // another search caught up while this one waited
	}
	full := !ix.loaded
	var changed []int64
	if !full {
		var oldest int64
		if err := db.read.QueryRowContext(ctx, `SELECT COALESCE(MIN(seq), 0) FROM search_log`).Scan(&oldest); err != nil {
			return fmt.Errorf("sqlite: search log: %w", err)
		}
		var err error
		changed, err = queryIDs(ctx, db.read, `SELECT DISTINCT activity_id FROM search_log WHERE seq > ? AND seq <= ?`, ix.seq, last)
		if err != nil {
			return fmt.Errorf("sqlite: search log: %w", err)
		}
		// Entries this process has not seen were pruned, or so much changed
		// that reading everything is cheaper: start over.
		full = oldest > ix.seq+1 || len(changed) > maxIncremental
	}
	// Build the new state aside, so a failure leaves the index as it was.
	var ids []int64
	var err error
	if full {
		ids, err = queryIDs(ctx, db.read, `SELECT id FROM activities WHERE public = 1`)
	} else {
		// Of the changed activities, only the public ones come back.
		for i := 0; i < len(changed) && err == nil; i += loadChunk {
			part := changed[i:min(i+loadChunk, len(changed))]
			var got []int64
			got, err = queryIDs(ctx, db.read, `SELECT id FROM activities WHERE public = 1 AND id IN (`+placeholders(len(part))+`)`, anySlice(part)...)
			ids = append(ids, got...)
		}
	}
	if err != nil {
		return fmt.Errorf("sqlite: refresh search index: %w", err)
	}
	fresh2 := make([]*entry, 0, len(ids))
	for i := 0; i < len(ids); i += loadChunk {
		as, err := loadActivities(ctx, db.read, ids[i:min(i+loadChunk, len(ids))])
		if err != nil {
			return err
		}
		for _, a := range as {
			fresh2 = append(fresh2, newEntry(a))
		}
	}
	sort.Slice(fresh2, func(i, j int) bool { return fresh2[i].before(fresh2[j]) })
	var kept []*entry
	if !full {
		gone := make(map[int64]bool, len(changed))
		for _, id := range changed {
			gone[id] = true
		}
		kept = make([]*entry, 0, len(ix.order))
		for _, e := range ix.order {
			if !gone[e.a.ID] {
				kept = append(kept, e)
			}
		}
	}
	ix.order = mergeOrdered(kept, fresh2)
	ix.byID = make(map[int64]*entry, len(ix.order))
	for _, e := range ix.order {
		ix.byID[e.a.ID] = e
	}
	ix.build()
	ix.text = map[string]*textHits{}
	ix.seq, ix.loaded = last, true
	return nil
}

const (
	// loadChunk is how many ids one IN (...) list holds.
	loadChunk = 500
	// maxIncremental is the most changed activities applied one by one;
	// more are read with a full reload.
	maxIncremental = 5000
)

// before orders entries by title, then id.
func (e *entry) before(o *entry) bool {
	if e.sortKey != o.sortKey {
		return e.sortKey < o.sortKey
	}
	return e.a.ID < o.a.ID
}

// mergeOrdered merges two ordered lists in one pass.
func mergeOrdered(a, b []*entry) []*entry {
	out := make([]*entry, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if b[0].before(a[0]) {
			out, b = append(out, b[0]), b[1:]
		} else {
			out, a = append(out, a[0]), a[1:]
		}
	}
	return append(append(out, a...), b...)
}

// WarmIndex loads the search index, so the first visitor after a start does
// not wait for it.
func (db *DB) WarmIndex(ctx context.Context) error { return db.refresh(ctx) }

func anySlice(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// textMatches asks FTS5 which public activities match the terms anywhere and
// in the title, and their relevance order when there are few enough to rank.
// Results are cached until the index next changes. Callers hold ix.mu (read).
func (db *DB) textMatches(ctx context.Context, terms []string) (*textHits, error) {
	key := strings.Join(terms, " ")
	ix := &db.index
	ix.textMu.Lock()
	h := ix.text[key]
	ix.textMu.Unlock()
	if h != nil {
		return h, nil
	}
	n := int64(len(ix.order))
	h = &textHits{all: newBitset(n), title: newBitset(n)}
	var err error
	if err = db.matchInto(ctx, h.all, matchIn("{title sub body}", terms)); err != nil {
		return nil, err
	}
	if err = db.matchInto(ctx, h.title, matchIn("{title sub}", terms)); err != nil {
		return nil, err
	}
	h.total = h.all.count()
	if h.total > 0 && h.total <= db.RankLimit {
		h.ranked, err = queryIDs(ctx, db.read, `SELECT rowid FROM activity_search WHERE activity_search MATCH ?
			ORDER BY bm25(activity_search, 10.0, 4.0, 1.0), rowid`, matchIn("{title sub body}", terms))
		if err != nil {
			return nil, err
		}
	}
	ix.textMu.Lock()
	if len(ix.text) >= maxCachedQueries {
		clear(ix.text)
	}
	ix.text[key] = h
	ix.textMu.Unlock()
	return h, nil
}

// matchInto sets the position bits of every indexed activity matching expr.
// The ids come back as one string, which is much cheaper than one row per id
// through cgo. Callers hold ix.mu (read).
func (db *DB) matchInto(ctx context.Context, b bitset, expr string) error {
	var list string
	err := db.read.QueryRowContext(ctx, `SELECT COALESCE(group_concat(rowid), '') FROM activity_search WHERE activity_search MATCH ?`, expr).Scan(&list)
	if err != nil {
		return fmt.Errorf("sqlite: text search: %w", err)
	}
	for list != "" {
		var part string
		part, list, _ = strings.Cut(list, ",")
		id, err := strconv.ParseInt(part, 10, 64)
		if err != nil {
			return fmt.Errorf("sqlite: text search: %w", err)
		}
		if i, ok := db.index.pos[id]; ok {
			b.set(int64(i))
		}
	}
	return nil
}

// searchIndex runs a public search on the index: filter, count, order, page.
func (db *DB) searchIndex(ctx context.Context, f registry.ActivityFilter, terms []string) ([]*registry.Activity, int, error) {
	if err := db.refresh(ctx); err != nil {
		return nil, 0, err
	}
	ix := &db.index
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	limit, offset := pageBounds(f.Limit, f.Offset)
	now := db.Now()
	q := ix.compile(&f, db.Stale.HiddenSince(now))
	if q.never {
		return nil, 0, nil
	}
	var page []int
	total := 0
	take := func(i int) {
		if total >= offset && len(page) < limit {
			page = append(page, i)
		}
		total++
	}
	switch {
	case len(terms) == 0:
		for i := range ix.ids {
			if ix.match(&q, i) {
				take(i)
			}
		}
	default:
		h, err := db.textMatches(ctx, terms)
		if err != nil {
			return nil, 0, err
		}
		if h.ranked != nil {
			for _, id := range h.ranked {
				if i, ok := ix.pos[id]; ok && ix.match(&q, i) {
					take(i)
				}
			}
			break
		}
		h.title.each(func(i int) bool {
			if ix.match(&q, i) {
				take(i)
			}
			return true
		})
		h.all.each(func(i int) bool {
			if !h.title.has(int64(i)) && ix.match(&q, i) {
				take(i)
			}
			return true
		})
	}
	out := make([]*registry.Activity, len(page))
	for k, i := range page {
		out[k] = withNext(ix.order[i], now)
	}
	return out, total, nil
}

// withNext returns a copy of the indexed activity carrying its next
// occurrences; the indexed one is shared and never handed out.
func withNext(e *entry, now time.Time) *registry.Activity {
	cp := *e.a
	cp.Next = e.nextOccurrences(now, registry.NextCount)
	return &cp
}
