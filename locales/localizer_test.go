package locales

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// testBundle is the real bundle plus messages that exist only in some
// catalogs, to exercise the fallback chain.
func testBundle(t *testing.T) *i18n.Bundle {
	t.Helper()
	b, err := NewBundle()
	if err != nil {
		t.Fatal(err)
	}
	add := func(lang, id, other string) {
		t.Helper()
		if err := b.AddMessages(language.MustParse(lang), &i18n.Message{ID: id, Other: other}); err != nil {
			t.Fatal(err)
		}
	}
	add("nb", "test.nb_en", "bokmål")
	add("en", "test.nb_en", "English")
	add("nb", "test.nb_only", "bare bokmål")
	add("en", "test.en_only", "only English")
	add("nn", "test.greeting", "Hei, {{.Name}}! Du har {{.N}} nye.")
	add("nb", "test.greeting", "Hei, {{.Name}}! Du har {{.N}} nye.")
	add("en", "test.greeting", "Hello, {{.Name}}! You have {{.N}} new.")
	return b
}

func TestT(t *testing.T) {
	b := testBundle(t)
	tests := []struct {
		lang, id, want string
	}{
		{"nb", "registry.category.language_cafe", "Språkkafé"},
		{"nn", "registry.category.meeting_place", "Møtestad"},
		{"da", "registry.category.language_cafe", "Sprogcafé"},
		{"sv", "registry.category.homework_help", "Läxhjälp"},
		{"en", "registry.category.language_cafe", "Language café"},
		{"sv", "registry.language.ar", "arabiska"},
		{"en", "web.lang.sv", "Svenska"},

		// Fallbacks: nn → nb → en; nb, da, sv → en → nb; en → nb.
		{"nn", "test.nb_en", "bokmål"},
		{"nn", "test.en_only", "only English"},
		{"nb", "test.en_only", "only English"},
		{"da", "test.nb_en", "English"},
		{"sv", "test.nb_en", "English"},
		{"da", "test.nb_only", "bare bokmål"},
		{"en", "test.nb_only", "bare bokmål"},

		// Missing everywhere: the ID itself.
		{"nb", "test.missing", "test.missing"},
		{"en", "test.missing", "test.missing"},
		{"nn", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.id, func(t *testing.T) {
			if got := New(b, tt.lang).T(tt.id); got != tt.want {
				t.Errorf("T(%q) = %q, want %q", tt.id, got, tt.want)
			}
		})
	}
}

func TestTTemplateData(t *testing.T) {
	b := testBundle(t)
	tests := []struct {
		lang string
		kv   []any
		want string
	}{
		{"nn", []any{"Name", "Aisha", "N", 3}, "Hei, Aisha! Du har 3 nye."},
		{"da", []any{"Name", "Aisha", "N", 3}, "Hello, Aisha! You have 3 new."},
		{"nb", []any{"N", 1, "Name", "Ola"}, "Hei, Ola! Du har 1 nye."},
		{"nb", []any{"Name"}, "Hei, <no value>! Du har <no value> nye."}, // odd kv: no panic
		{"nb", []any{1, "x"}, "Hei, <no value>! Du har <no value> nye."}, // non-string key: no panic
	}
	for _, tt := range tests {
		if got := New(b, tt.lang).T("test.greeting", tt.kv...); got != tt.want {
			t.Errorf("%s T(test.greeting, %v) = %q, want %q", tt.lang, tt.kv, got, tt.want)
		}
	}
}

func TestN(t *testing.T) {
	b := testBundle(t)
	tests := []struct {
		lang  string
		count int
		want  string
	}{
		{"nb", 0, "0 aktiviteter"},
		{"nb", 1, "1 aktivitet"},
		{"nb", 12, "12 aktiviteter"},
		{"nb", 1234, "1\u00a0234 aktiviteter"},
		{"nn", 1, "1 aktivitet"},
		{"nn", 12, "12 aktivitetar"},
		{"da", 1, "1 aktivitet"},
		{"da", 12, "12 aktiviteter"},
		{"da", 1234, "1.234 aktiviteter"},
		{"sv", 1, "1 aktivitet"},
		{"sv", 12, "12 aktiviteter"},
		{"en", 0, "0 activities"},
		{"en", 1, "1 activity"},
		{"en", 12, "12 activities"},
		{"en", 1234, "1,234 activities"},
	}
	for _, tt := range tests {
		l := New(b, tt.lang)
		if got := l.N("registry.activity.count", tt.count); got != tt.want {
			t.Errorf("%s N(%d) = %q, want %q", tt.lang, tt.count, got, tt.want)
		}
	}
	t.Run("CountWinsOverKV", func(t *testing.T) {
		if got := New(b, "en").N("registry.activity.count", 2, "Count", "99"); got != "2 activities" {
			t.Errorf("got %q", got)
		}
	})
	t.Run("Missing", func(t *testing.T) {
		if got := New(b, "sv").N("test.missing.count", 2); got != "test.missing.count" {
			t.Errorf("got %q", got)
		}
	})
}

func TestHas(t *testing.T) {
	b := testBundle(t)
	for _, tt := range []struct {
		lang, id string
		want     bool
	}{
		{"nb", "registry.activity.count", true},
		{"sv", "registry.stage.settlement", true},
		{"nn", "test.nb_only", true},
		{"sv", "test.nb_only", true},
		{"da", "test.en_only", true},
		{"en", "test.missing", false},
		{"nb", "", false},
	} {
		if got := New(b, tt.lang).Has(tt.id); got != tt.want {
			t.Errorf("%s Has(%q) = %v, want %v", tt.lang, tt.id, got, tt.want)
		}
	}
}

func TestNewLang(t *testing.T) {
	b := testBundle(t)
	for in, want := range map[string]string{
		"nb": "nb", "nn": "nn", "da": "da", "sv": "sv", "en": "en",
		"no": "nb", "SV": "sv", "en-GB": "en", "": "nb", "de": "nb", "xx-garbage": "nb",
	} {
		l := New(b, in)
		if l.Lang != want {
			t.Errorf("New(%q).Lang = %q, want %q", in, l.Lang, want)
		}
		if l.Dir() != "ltr" {
			t.Errorf("New(%q).Dir() = %q", in, l.Dir())
		}
	}
}

func TestNilLocalizer(t *testing.T) {
	var l *Localizer
	if got := l.T("registry.category.sport"); got != "registry.category.sport" {
		t.Errorf("T = %q", got)
	}
	if got := l.N("registry.activity.count", 3); got != "registry.activity.count" {
		t.Errorf("N = %q", got)
	}
	if l.Has("registry.category.sport") {
		t.Error("Has = true")
	}
	if got := l.Number(12345); got != "12\u00a0345" {
		t.Errorf("Number = %q", got)
	}
	if got := New(nil, "sv").T("registry.category.sport"); got != "registry.category.sport" {
		t.Errorf("New(nil).T = %q", got)
	}
}

// The page templates call the Localizer as a field of the page data.
func TestInHTMLTemplate(t *testing.T) {
	b := testBundle(t)
	tmpl := template.Must(template.New("page").Parse(
		`<html lang="{{.L.Lang}}" dir="{{.L.Dir}}">` +
			`{{.L.T "registry.category.language_cafe"}} · {{.L.N "registry.activity.count" .Count}} · ` +
			`{{.L.T "test.greeting" "Name" .Name "N" .Count}} · {{.L.DateTime .When}}`))
	data := struct {
		L     *Localizer
		Count int
		Name  string
		When  time.Time
	}{New(b, "nb"), 1234, `<script>x</script>`, exampleTime(t)}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, data); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	for _, want := range []string{
		`<html lang="nb" dir="ltr">`,
		"Språkkafé",
		"1\u00a0234 aktiviteter",
		"Hei, &lt;script&gt;x&lt;/script&gt;! Du har 1234 nye.",
		"tirsdag 24. november kl. 18.00",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output %q does not contain %q", got, want)
		}
	}
}
