package notify

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"

	"broen/locales"
)

// testBundle loads the real catalogs and, while they are not merged into
// them yet, the notify.*.toml fragments in testdata/.
func testBundle(t *testing.T) *i18n.Bundle {
	t.Helper()
	b, err := locales.NewBundle()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range locales.Supported {
		name := "notify." + lang + ".toml"
		buf, err := os.ReadFile(filepath.Join("testdata", name))
		if os.IsNotExist(err) {
			continue // merged into locales/active.*.toml
		}
		if err != nil {
			t.Fatal(err)
		}
		if _, err := b.ParseMessageFileBytes(buf, name); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	return b
}

// notifyIDs are the message IDs the builders use, as emails.go writes them.
func notifyIDs(t *testing.T) []string {
	t.Helper()
	src, err := os.ReadFile("emails.go")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range regexp.MustCompile(`"(notify\.[a-z0-9_.]+)"`).FindAllStringSubmatch(string(src), -1) {
		if !slices.Contains(ids, m[1]) {
			ids = append(ids, m[1])
		}
	}
	slices.Sort(ids)
	if len(ids) < 10 {
		t.Fatalf("found only %d message IDs in emails.go", len(ids))
	}
	return ids
}

func TestEveryMessageInEveryLanguage(t *testing.T) {
	b := testBundle(t)
	for _, lang := range locales.Supported {
		for _, id := range notifyIDs(t) {
			// Has would accept a fallback language; ask the catalog itself.
			_, tag, err := i18n.NewLocalizer(b, lang).LocalizeWithTag(&i18n.LocalizeConfig{
				MessageID: id, TemplateData: map[string]any{},
			})
			if err != nil || tag.String() != lang {
				t.Errorf("%s: %s missing (got %v, %v)", lang, id, tag, err)
			}
		}
	}
}

var placeholderPattern = regexp.MustCompile(`{{\s*\.([A-Za-z]+)\s*}}`)

// TestFragments checks the fragment files as locales/catalog_test.go will
// check them once merged: the same sorted IDs in every language, the same
// placeholders, no surrounding space, and no ID that emails.go does not use.
func TestFragments(t *testing.T) {
	files := map[string]map[string]map[string]string{}
	for _, lang := range locales.Supported {
		buf, err := os.ReadFile(filepath.Join("testdata", "notify."+lang+".toml"))
		if os.IsNotExist(err) {
			t.Skip("fragments merged into locales/; locales/catalog_test.go checks them")
		}
		if err != nil {
			t.Fatal(err)
		}
		var raw map[string]map[string]string
		if err := toml.Unmarshal(buf, &raw); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		files[lang] = raw
		var order []string
		for _, line := range strings.Split(string(buf), "\n") {
			if strings.HasPrefix(line, "[") {
				order = append(order, strings.Trim(line, `[]"`))
			}
		}
		if !slices.IsSorted(order) {
			t.Errorf("%s: IDs not sorted: %v", lang, order)
		}
	}
	want := notifyIDs(t)
	for lang, msgs := range files {
		var ids []string
		for id, forms := range msgs {
			ids = append(ids, id)
			if forms["other"] == "" || len(forms) != 1 {
				t.Errorf("%s %s: want exactly other, got %v", lang, id, forms)
			}
			if s := forms["other"]; s != strings.TrimSpace(s) {
				t.Errorf("%s %s: leading or trailing space", lang, id)
			}
			if got, want := placeholders(forms["other"]), placeholders(files["en"][id]["other"]); !slices.Equal(got, want) {
				t.Errorf("%s %s: placeholders %v, en has %v", lang, id, got, want)
			}
		}
		slices.Sort(ids)
		if !slices.Equal(ids, want) {
			t.Errorf("%s: IDs %v, emails.go uses %v", lang, ids, want)
		}
	}
}

func placeholders(s string) []string {
	var p []string
	for _, m := range placeholderPattern.FindAllStringSubmatch(s, -1) {
		if !slices.Contains(p, m[1]) {
			p = append(p, m[1])
		}
	}
	slices.Sort(p)
	return p
}

// The time an invitation or reset link expires, Tuesday 24 November 2026
// 18:00 in Oslo.
var expires = time.Date(2026, 11, 24, 17, 0, 0, 0, time.UTC)

const (
	inviteLink  = "https://broen.example.no/invitation/accept?token=Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0"
	resetLink   = "https://broen.example.no/password/reset?token=cmVzZXR0b2tlbnJlc2V0dG9rZW4"
	editLink    = "https://broen.example.no/activities/42/edit"
	publicLink  = "https://broen.example.no/activities/42"
	runningLink = "https://broen.example.no/confirm/still-running?token=c3RpbGxydW5uaW5n"
	stoppedLink = "https://broen.example.no/confirm/stopped?token=c3RvcHBlZA"
)

type built struct {
	name  string
	msg   Message
	links []string
	want  []string // substrings of the text, after the IDs are resolved
}

func buildAll(l *locales.Localizer) []built {
	return []built{
		{"invitation", Invitation(l, "kari@example.no", "Åse Kommune", "Drammen Røde Kors", inviteLink, expires),
			[]string{inviteLink}, []string{"Åse Kommune", "Drammen Røde Kors", l.DateTime(expires.In(Zone))}},
		{"coordinator_invitation", Invitation(l, "kari@example.no", "Åse Kommune", "", inviteLink, expires),
			[]string{inviteLink}, []string{"Åse Kommune", l.DateTime(expires.In(Zone))}},
		{"reset", PasswordReset(l, "kari@example.no", resetLink, expires),
			[]string{resetLink}, []string{l.DateTime(expires.In(Zone))}},
		{"approved", ModerationDecision(l, "kari@example.no", "Språkkafé på biblioteket", true, "", publicLink),
			[]string{publicLink}, []string{"Språkkafé på biblioteket"}},
		{"returned", ModerationDecision(l, "kari@example.no", "Språkkafé på biblioteket", false, "Legg til adressen.\nSkriv hvem det passer for.", editLink),
			[]string{editLink}, []string{"Språkkafé på biblioteket", "Legg til adressen.\nSkriv hvem det passer for."}},
		{"stale", StaleReminder(l, "kari@example.no", "Fotball for alle", runningLink, stoppedLink),
			[]string{runningLink, stoppedLink}, []string{"Fotball for alle"}},
	}
}

func TestBuildersInEveryLanguage(t *testing.T) {
	b := testBundle(t)
	for _, lang := range locales.Supported {
		l := locales.New(b, lang)
		footer := l.T("notify.footer")
		for _, c := range buildAll(l) {
			t.Run(lang+"/"+c.name, func(t *testing.T) {
				m := c.msg
				if _, err := m.check(); err != nil {
					t.Fatalf("not sendable: %v", err)
				}
				if m.To != "kari@example.no" {
					t.Errorf("To = %q", m.To)
				}
				if got := m.Headers["Content-Language"]; got != lang {
					t.Errorf("Content-Language = %q, want %q", got, lang)
				}
				for _, s := range []string{m.Subject, m.Text} {
					if strings.Contains(s, "notify.") || strings.Contains(s, "<no value>") || strings.Contains(s, "{{") {
						t.Errorf("unresolved message or placeholder in %q", s)
					}
				}
				if !strings.HasSuffix(m.Text, "\n-- \n"+footer+"\n") {
					t.Errorf("text does not end with the signature line and the footer:\n%s", m.Text)
				}
				lines := strings.Split(m.Text, "\n")
				for _, link := range c.links {
					if !slices.Contains(lines, link) {
						t.Errorf("link %s is not on a line of its own:\n%s", link, m.Text)
					}
				}
				for _, w := range c.want {
					if !strings.Contains(m.Text, w) {
						t.Errorf("text lacks %q:\n%s", w, m.Text)
					}
				}
			})
		}
	}
}

func TestInvitation(t *testing.T) {
	b := testBundle(t)
	t.Run("OrganisationOrCoordinator", func(t *testing.T) {
		l := locales.New(b, "en")
		org := Invitation(l, "kari@example.no", "Per Hansen", "Drammen Red Cross", inviteLink, expires)
		coord := Invitation(l, "kari@example.no", "Per Hansen", "  ", inviteLink, expires)
		if got, want := org.Subject, "You are invited to keep Drammen Red Cross up to date in Broen"; got != want {
			t.Errorf("subject = %q, want %q", got, want)
		}
		if got, want := coord.Subject, "Per Hansen has invited you to Broen"; got != want {
			t.Errorf("coordinator subject = %q, want %q", got, want)
		}
		if !strings.Contains(coord.Text, "volunteer coordinator") {
			t.Errorf("coordinator invitation does not say what a coordinator does:\n%s", coord.Text)
		}
	})
	t.Run("ExpiresInLocalTime", func(t *testing.T) {
		for lang, want := range map[string]string{
			"nb": "fram til tirsdag 24. november kl. 18.00.",
			"nn": "fram til tysdag 24. november kl. 18.00.",
			"da": "indtil tirsdag den 24. november kl. 18.00.",
			"sv": "till tisdag 24 november kl. 18:00.",
			"en": "until Tuesday 24 November at 18:00.",
		} {
			m := Invitation(locales.New(b, lang), "kari@example.no", "Per", "Drammen Røde Kors", inviteLink, expires)
			if !strings.Contains(m.Text, want) {
				t.Errorf("%s: text lacks %q:\n%s", lang, want, m.Text)
			}
		}
	})
	t.Run("ZoneCanBeSet", func(t *testing.T) {
		defer func(z *time.Location) { Zone = z }(Zone)
		Zone = time.UTC
		m := PasswordReset(locales.New(b, "nb"), "kari@example.no", resetLink, expires)
		if !strings.Contains(m.Text, "kl. 17.00") {
			t.Errorf("Zone = UTC: text lacks kl. 17.00:\n%s", m.Text)
		}
	})
}

func TestPasswordResetSaysIgnoreIt(t *testing.T) {
	b := testBundle(t)
	for lang, want := range map[string][]string{
		"nb": {"se bort fra e-posten", "Passordet ditt er ikke endret."},
		"nn": {"sjå bort frå e-posten", "Passordet ditt er ikkje endra."},
		"da": {"se bort fra denne e-mail", "Din adgangskode er uændret."},
		"sv": {"bortse från meddelandet", "Ditt lösenord är oförändrat."},
		"en": {"ignore this email", "Your password is unchanged."},
	} {
		m := PasswordReset(locales.New(b, lang), "kari@example.no", resetLink, expires)
		for _, w := range want {
			if !strings.Contains(m.Text, w) {
				t.Errorf("%s: text lacks %q:\n%s", lang, w, m.Text)
			}
		}
	}
}

func TestModerationDecision(t *testing.T) {
	l := locales.New(testBundle(t), "en")
	t.Run("Approved", func(t *testing.T) {
		m := ModerationDecision(l, "kari@example.no", "Homework help", true, "ignored", publicLink)
		if got, want := m.Subject, "“Homework help” is now public in Broen"; got != want {
			t.Errorf("subject = %q, want %q", got, want)
		}
		if strings.Contains(m.Text, "ignored") {
			t.Error("an approval shows a reason")
		}
	})
	t.Run("ReturnedWithReason", func(t *testing.T) {
		reason := "\r\n  Please add the address.\r\n\r\n\r\n\r\nAnd say who it is for.  \n\n"
		m := ModerationDecision(l, "kari@example.no", "Homework help", false, reason, editLink)
		if got, want := m.Subject, "“Homework help” needs changes before it can be published"; got != want {
			t.Errorf("subject = %q, want %q", got, want)
		}
		want := "The coordinator wrote:\n\nPlease add the address.\n\nAnd say who it is for.\n\nMake the changes and send it in again here:\n" + editLink + "\n\n-- \n"
		if !strings.Contains(m.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, m.Text)
		}
	})
}

// Names and titles are typed by people: they must not add lines or
// headers to a message.
func TestTypedTextStaysOnOneLine(t *testing.T) {
	l := locales.New(testBundle(t), "nb")
	m := StaleReminder(l, "kari@example.no", "Fotball\r\nBcc: everyone@example.no\u2028x", runningLink+" \n", stoppedLink)
	if _, err := m.check(); err != nil {
		t.Fatalf("not sendable: %v", err)
	}
	if got, want := m.Subject, "Er «Fotball Bcc: everyone@example.no x» fortsatt i gang?"; got != want {
		t.Errorf("subject = %q, want %q", got, want)
	}
	if !slices.Contains(strings.Split(m.Text, "\n"), runningLink) {
		t.Errorf("link not cleaned:\n%s", m.Text)
	}
}

func TestNilLocalizer(t *testing.T) {
	m := PasswordReset(nil, "kari@example.no", resetLink, expires)
	if m.Subject != "notify.reset.subject" || m.Headers["Content-Language"] != locales.Default {
		t.Errorf("nil localizer: got %+v", m)
	}
}

func TestParagraphs(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"  one  line ", "one line"},
		{"a\r\nb", "a\nb"},
		{"\n\na\n\n\n\nb\n\n", "a\n\nb"},
		{"a\x00b\tc\u2028d", "a b c\nd"},
		{"-- \nsignature?", "--\nsignature?"},
	} {
		if got := paragraphs(c.in); got != c.want {
			t.Errorf("paragraphs(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
