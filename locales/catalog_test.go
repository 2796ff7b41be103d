package locales

import (
	"bufio"
	"bytes"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"text/template"
	"unicode"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// The reference catalog: every other catalog has exactly its IDs.
const reference = "en"

var (
	idPattern     = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$`)
	headerPattern = regexp.MustCompile(`^\["([^"]+)"\]$`)
	actionPattern = regexp.MustCompile(`{{.*?}}`)
	fieldPattern  = regexp.MustCompile(`\.([A-Za-z_][A-Za-z0-9_]*)`)
)

// allowedKeys are the keys a message table may have. Broen's five languages
// have only the CLDR plural forms one and other.
var allowedKeys = map[string]bool{"description": true, "one": true, "other": true}

func catalog(t *testing.T, lang string) map[string]*i18n.Message {
	t.Helper()
	msgs, err := messages(lang)
	if err != nil {
		t.Fatal(err)
	}
	m := make(map[string]*i18n.Message, len(msgs))
	for _, msg := range msgs {
		m[msg.ID] = msg
	}
	return m
}

func forms(m *i18n.Message) []string {
	var s []string
	for _, f := range []string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other} {
		if f != "" {
			s = append(s, f)
		}
	}
	return s
}

func TestNewBundle(t *testing.T) {
	b, err := NewBundle()
	if err != nil {
		t.Fatal(err)
	}
	if got := len(b.LanguageTags()); got != len(Supported) {
		t.Errorf("bundle has %d languages, want %d", got, len(Supported))
	}
}

func TestCatalogsParse(t *testing.T) {
	for _, lang := range Supported {
		t.Run(lang, func(t *testing.T) {
			ids, err := IDs(lang)
			if err != nil {
				t.Fatal(err)
			}
			if len(ids) == 0 {
				t.Fatal("no messages")
			}
			if !sort.StringsAreSorted(ids) {
				t.Error("IDs not sorted")
			}
		})
	}
	if _, err := IDs("de"); err == nil {
		t.Error("IDs(de): want error")
	}
}

// TestCatalogShape reads the files themselves: every top-level entry is a
// table ["dotted.id"] with only description, one and other, no value is
// empty, and the IDs are in sorted order.
func TestCatalogShape(t *testing.T) {
	for _, lang := range Supported {
		t.Run(lang, func(t *testing.T) {
			buf, err := catalogs.ReadFile(catalogFile(lang))
			if err != nil {
				t.Fatal(err)
			}
			var raw map[string]any
			if err := toml.Unmarshal(buf, &raw); err != nil {
				t.Fatal(err)
			}
			for id, v := range raw {
				if !idPattern.MatchString(id) {
					t.Errorf("%s: ID is not dotted lower case, area first", id)
				}
				table, ok := v.(map[string]any)
				if !ok {
					t.Errorf("%s: want a table [%q] with other = ..., got %T", id, id, v)
					continue
				}
				if _, ok := table["other"]; !ok {
					t.Errorf("%s: no other", id)
				}
				for k, s := range table {
					if !allowedKeys[k] {
						t.Errorf("%s: key %q (allowed: description, one, other)", id, k)
					}
					str, ok := s.(string)
					if !ok {
						t.Errorf("%s.%s: not a string", id, k)
					} else if strings.TrimSpace(str) == "" {
						t.Errorf("%s.%s: empty", id, k)
					} else if str != strings.TrimSpace(str) {
						t.Errorf("%s.%s: leading or trailing space", id, k)
					}
				}
			}

			var order []string
			sc := bufio.NewScanner(bytes.NewReader(buf))
			for sc.Scan() {
				line := strings.TrimSpace(sc.Text())
				if !strings.HasPrefix(line, "[") {
					continue
				}
				m := headerPattern.FindStringSubmatch(line)
				if m == nil {
					t.Errorf("header %s: want [\"dotted.id\"]", line)
					continue
				}
				order = append(order, m[1])
			}
			for i := 1; i < len(order); i++ {
				if order[i-1] >= order[i] {
					t.Errorf("%s comes after %s: keep IDs sorted", order[i], order[i-1])
				}
			}
		})
	}
}

func TestCatalogsHaveSameIDs(t *testing.T) {
	want, err := IDs(reference)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range Supported {
		if lang == reference {
			continue
		}
		got, err := IDs(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range want {
			if _, found := slices.BinarySearch(got, id); !found {
				t.Errorf("%s: missing %s (present in %s)", lang, id, reference)
			}
		}
		for _, id := range got {
			if _, found := slices.BinarySearch(want, id); !found {
				t.Errorf("%s: %s is not in active.%s.toml", lang, id, reference)
			}
		}
	}
}

func TestPluralForms(t *testing.T) {
	ref := catalog(t, reference)
	for _, lang := range Supported {
		for id, m := range catalog(t, lang) {
			if m.Zero != "" || m.Two != "" || m.Few != "" || m.Many != "" {
				t.Errorf("%s %s: only one and other are plural forms in %s", lang, id, lang)
			}
			if m.One != "" && m.Other == "" {
				t.Errorf("%s %s: one without other", lang, id)
			}
			if r, ok := ref[id]; ok && (m.One != "") != (r.One != "") {
				t.Errorf("%s %s: plural in one catalog, not in the other (%s)", lang, id, reference)
			}
		}
	}
}

func placeholders(m *i18n.Message) []string {
	set := map[string]bool{}
	for _, f := range forms(m) {
		for _, action := range actionPattern.FindAllString(f, -1) {
			for _, field := range fieldPattern.FindAllStringSubmatch(action, -1) {
				set[field[1]] = true
			}
		}
	}
	var s []string
	for k := range set {
		s = append(s, k)
	}
	sort.Strings(s)
	return s
}

func TestPlaceholders(t *testing.T) {
	ref := catalog(t, reference)
	for _, lang := range Supported {
		for id, m := range catalog(t, lang) {
			for _, f := range forms(m) {
				if _, err := template.New(id).Parse(f); err != nil {
					t.Errorf("%s %s: %v", lang, id, err)
				}
			}
			if m.One != "" && !slices.Contains(placeholders(m), "Count") {
				t.Errorf("%s %s: countable message without {{.Count}}", lang, id)
			}
			r, ok := ref[id]
			if !ok {
				continue
			}
			if got, want := placeholders(m), placeholders(r); !slices.Equal(got, want) {
				t.Errorf("%s %s: placeholders %v, %s has %v", lang, id, got, reference, want)
			}
		}
	}
}

// The switcher shows each language by its own name, the same on every page.
func TestLanguageEndonyms(t *testing.T) {
	want := map[string]string{
		"web.lang.nb": "Norsk bokmål",
		"web.lang.nn": "Norsk nynorsk",
		"web.lang.da": "Dansk",
		"web.lang.sv": "Svenska",
		"web.lang.en": "English",
	}
	for _, lang := range Supported {
		c := catalog(t, lang)
		for _, code := range Supported {
			id := "web.lang." + code
			m, ok := c[id]
			if !ok {
				t.Errorf("%s: missing %s", lang, id)
				continue
			}
			if m.Other != want[id] {
				t.Errorf("%s %s = %q, want %q", lang, id, m.Other, want[id])
			}
		}
	}
}

// foreign lists words that give away a text written in a neighbouring
// language: Norwegian in Swedish or Danish, bokmål in nynorsk and the other
// way round. Keep it to words that cannot be correct in the language checked.
var foreign = map[string][]string{
	"sv": {"og", "ikke", "ikkje", "hjem", "heim", "hjelp", "uke", "uker", "veke", "uge", "kommune", "også", "hvis", "hva", "hvor", "hvordan", "jeg", "mye", "noen", "bydel", "mandag", "tirsdag", "aktivitetar", "leksehjelp", "møteplass", "språkkafé"},
	"da": {"ikkje", "uke", "uker", "veke", "hjelp", "språk", "kobling", "hva", "noen", "mye", "etter", "kvinner", "organisasjon", "tjeneste", "och", "inte", "aktivitetar", "leksehjelp", "møteplass"},
	"nn": {"ikke", "hva", "hvor", "hvem", "hvordan", "hvis", "jeg", "noen", "mye", "uke", "uker", "fra", "hjem", "mandag", "tirsdag", "lørdag", "søndag", "aktiviteter", "tjeneste", "offentlig", "tilgjengelig", "bosetting", "deltakelse", "innvandrer", "innvandrerorganisasjon"},
	"nb": {"ikkje", "kva", "kven", "korleis", "veke", "tysdag", "laurdag", "sundag", "frå", "aktivitetar", "uge", "och", "inte", "hvad", "offentleg", "teneste"},
}

// letters a language never writes (outside the names of other languages).
var foreignLetters = map[string]string{
	"sv": "æøÆØ",
	"nb": "äöÄÖ",
	"nn": "äöÄÖ",
	"da": "äöÄÖ",
}

func words(s string) []string {
	s = actionPattern.ReplaceAllString(s, " ")
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) })
}

func TestNoNeighbourLanguage(t *testing.T) {
	for lang, list := range foreign {
		bad := map[string]bool{}
		for _, w := range list {
			bad[w] = true
		}
		for id, m := range catalog(t, lang) {
			if strings.HasPrefix(id, "web.lang.") {
				continue // endonyms of the other languages
			}
			for _, f := range forms(m) {
				for _, w := range words(f) {
					if bad[w] {
						t.Errorf("%s %s: %q is not %s: %q", lang, id, w, lang, f)
					}
				}
				if i := strings.IndexAny(f, foreignLetters[lang]); i >= 0 {
					t.Errorf("%s %s: letter %q is not %s: %q", lang, id, f[i:i+2], lang, f)
				}
			}
		}
	}
}
