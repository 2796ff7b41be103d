package locales

import (
	"errors"
	"fmt"
	"log/slog"
	"sync"

	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// Localizer writes messages, dates and numbers in one interface language. A
// page carries it as L: {{.L.T "registry.category.sport"}},
// {{.L.T id "Name" .Org.Name}}, {{.L.N "registry.activity.count" .Count}},
// {{.L.Date .Start}}.
// It is safe for concurrent use. A nil *Localizer behaves as one for Default
// with no catalogs: T returns the ID, the formatters still work.
type Localizer struct {
	// Lang is the interface language, one of Supported.
	Lang string

	// chain is tried in order until a catalog has the message.
	chain []*i18n.Localizer
}

// fallbacks lists, after the language itself, where a missing message is
// looked for.
var fallbacks = map[string][]string{
	"nb": {"en"},
	"nn": {"nb", "en"},
	"da": {"en", "nb"},
	"sv": {"en", "nb"},
	"en": {"nb"},
}

// New returns a Localizer for lang, which is normalized with Normalize; an
// unknown lang gives Default. b is a bundle from NewBundle.
func New(b *i18n.Bundle, lang string) *Localizer {
	code, ok := Normalize(lang)
	if !ok {
		code = Default
	}
	l := &Localizer{Lang: code}
	if b == nil {
		return l
	}
	for _, c := range append([]string{code}, fallbacks[code]...) {
		l.chain = append(l.chain, i18n.NewLocalizer(b, c))
	}
	return l
}

// T returns the message id with template data given as alternating keys and
// values: T(id, "Name", org.Name) fills {{.Name}}. A message that exists in
// no catalog of the fallback chain is returned as its ID.
func (l *Localizer) T(id string, kv ...any) string {
	return l.localize(id, templateData(kv), nil)
}

// N returns the countable message id in the plural form for count. The
// template data holds kv, as for T, and Count: count written with Number
// ("1 234" in nb). Count is always that, whatever kv says.
func (l *Localizer) N(id string, count int, kv ...any) string {
	data := templateData(kv)
	data["Count"] = l.Number(count)
	return l.localize(id, data, count)
}

// Has reports whether id resolves to a message in l's language or one of its
// fallbacks.
func (l *Localizer) Has(id string) bool {
	if l == nil {
		return false
	}
	for _, loc := range l.chain {
		_, err := loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: map[string]any{}})
		if !isNotFound(err) {
			return true
		}
	}
	return false
}

// Dir returns the writing direction of the interface language: always "ltr"
// for Broen's five languages.
func (l *Localizer) Dir() string { return "ltr" }

func (l *Localizer) localize(id string, data map[string]any, count any) string {
	if l != nil {
		for _, loc := range l.chain {
			msg, err := loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
			if isNotFound(err) {
				continue
			}
			if err != nil {
				warnOnce("locales: message failed", l.Lang, id, err)
				if msg == "" {
					continue
				}
			}
			return msg
		}
	}
	warnOnce("locales: message not found", l.lang(), id, nil)
	return id
}

// lang returns the interface language, Default for a nil Localizer.
func (l *Localizer) lang() string {
	if l == nil || l.Lang == "" {
		return Default
	}
	return l.Lang
}

// isNotFound reports whether err says the localizer's own language lacks the
// message. go-i18n then may have answered from the bundle's default language;
// the chain decides the order itself, so that answer is ignored.
func isNotFound(err error) bool {
	var nf *i18n.MessageNotFoundErr
	return errors.As(err, &nf)
}

// templateData turns alternating keys and values into a map. A key that is
// not a string is formatted with fmt; a key without a value gets nil.
func templateData(kv []any) map[string]any {
	m := make(map[string]any, len(kv)/2+1)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			k = fmt.Sprint(kv[i])
		}
		var v any
		if i+1 < len(kv) {
			v = kv[i+1]
		}
		m[k] = v
	}
	return m
}

// maxWarned bounds the memory spent remembering what was logged, in case an
// ID is built from user input.
const maxWarned = 1000

var warned struct {
	sync.Mutex
	seen map[string]bool
}

// warnOnce logs a problem with a message the first time it is seen.
func warnOnce(msg, lang, id string, err error) {
	key := lang + "\x00" + id
	warned.Lock()
	if warned.seen[key] || len(warned.seen) >= maxWarned {
		warned.Unlock()
		return
	}
	if warned.seen == nil {
		warned.seen = make(map[string]bool)
	}
	warned.seen[key] = true
	warned.Unlock()
	if err != nil {
		slog.Warn(msg, "lang", lang, "id", id, "err", err)
		return
	}
	slog.Warn(msg, "lang", lang, "id", id)
}
