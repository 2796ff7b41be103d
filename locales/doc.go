// Package locales holds Broen's message catalogs, one per interface language
// (active.nb.toml, active.nn.toml, active.da.toml, active.sv.toml,
// active.en.toml, embedded in the binary), builds the go-i18n bundle from them
// and provides the Localizer a page carries: messages with CLDR plural forms,
// and dates, weekdays, times, ISO week numbers, numbers and money written the
// way each language writes them. It also picks the interface language from an
// Accept-Language header or a ?lang= value.
//
// nb is the default. A message missing in nn falls back to nb, then en; in
// nb, da and sv to en, then nb; in en to nb. A message missing everywhere is
// shown as its ID, never a panic, and is logged once.
//
// Catalog conventions, checked by catalog_test.go: every ID is in every
// catalog; IDs are dotted, lower case, area first (registry.category.sport,
// web.lang.nb) and sorted within a file; each message is a table ["id"] with
// `other`, plus `one` for a countable message (in every language, called
// through Localizer.N); placeholders ({{.Name}}) are the same in every
// language; no text is empty. By habit, messages of one group (the ID without
// its last part) stand together with one blank line between groups. Messages
// are plain text: html/template escapes them where they are used, so they
// hold no markup.
// Month and weekday names and the words of dates ("kl.", "den", "uke") live
// in Go tables in format.go, not in the catalogs.
package locales
