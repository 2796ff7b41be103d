package locales

import (
	"embed"
	"fmt"
	"slices"
	"sort"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed active.*.toml
var catalogs embed.FS

// Default is the interface language used when nothing else is known.
const Default = "nb"

// Supported lists the interface languages, default first. Treat it as
// read-only.
var Supported = []string{"nb", "nn", "da", "sv", "en"}

// unmarshalers are the catalog formats go-i18n is given.
var unmarshalers = map[string]i18n.UnmarshalFunc{"toml": toml.Unmarshal}

// NewBundle returns a bundle holding every catalog, with nb as its default
// language. Build it once at start-up; it is safe for concurrent reads.
func NewBundle() (*i18n.Bundle, error) {
	b := i18n.NewBundle(language.MustParse(Default))
	for format, f := range unmarshalers {
		b.RegisterUnmarshalFunc(format, f)
	}
	for _, lang := range Supported {
		if _, err := b.LoadMessageFileFS(catalogs, catalogFile(lang)); err != nil {
			return nil, fmt.Errorf("locales: load %s: %w", catalogFile(lang), err)
		}
	}
	return b, nil
}

// IDs returns the sorted message IDs of the catalog for lang (one of
// Supported). Tests elsewhere use it to check that every ID used in templates
// and Go code exists and that none is orphaned.
func IDs(lang string) ([]string, error) {
	msgs, err := messages(lang)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(msgs))
	for _, m := range msgs {
		ids = append(ids, m.ID)
	}
	sort.Strings(ids)
	return ids, nil
}

// messages parses the embedded catalog for lang.
func messages(lang string) ([]*i18n.Message, error) {
	if !slices.Contains(Supported, lang) {
		return nil, fmt.Errorf("locales: unsupported language %q", lang)
	}
	name := catalogFile(lang)
	buf, err := catalogs.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("locales: %w", err)
	}
	mf, err := i18n.ParseMessageFileBytes(buf, name, unmarshalers)
	if err != nil {
		return nil, fmt.Errorf("locales: parse %s: %w", name, err)
	}
	return mf.Messages, nil
}

func catalogFile(lang string) string { return "active." + lang + ".toml" }
