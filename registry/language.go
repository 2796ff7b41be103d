package registry

// Language is a language an activity is held in, or that a text is written
// in: an ISO 639 code (639-1 where one exists, else 639-3: prs for Dari, kmr
// for Kurmanji). Norwegian is written nb.
type Language struct {
	Code      string
	Endonym   string // the language's name in itself, shown beside the localized name
	Direction string // "rtl" or "ltr", for dir= on text written in it
}

// Languages is every language Broen knows, in display order: the Nordic
// languages and English first, then the languages newcomers most often speak.
var Languages = []Language{
	{"nb", "norsk", "ltr"},
	{"sv", "svenska", "ltr"},
	{"da", "dansk", "ltr"},
	{"en", "English", "ltr"},
	{"ar", "العربية", "rtl"},
	{"uk", "українська", "ltr"},
	{"ti", "ትግርኛ", "ltr"},
	{"so", "Soomaali", "ltr"},
	{"prs", "دری", "rtl"},
	{"fa", "فارسی", "rtl"},
	{"ps", "پښتو", "rtl"},
	{"kmr", "Kurmancî", "ltr"},
	{"ckb", "کوردی", "rtl"},
	{"am", "አማርኛ", "ltr"},
	{"ru", "русский", "ltr"},
	{"pl", "polski", "ltr"},
	{"tr", "Türkçe", "ltr"},
	{"fr", "français", "ltr"},
	{"es", "español", "ltr"},
	{"sw", "Kiswahili", "ltr"},
	{"ur", "اردو", "rtl"},
	{"th", "ไทย", "ltr"},
	{"sgn", "tegnspråk", "ltr"},
}

// UILocales are the languages Broen's own pages are written in.
var UILocales = []string{"nb", "nn", "da", "sv", "en"}

// LookupLanguage returns the language with the given code.
func LookupLanguage(code string) (Language, bool) {
	for _, l := range Languages {
		if l.Code == code {
			return l, true
		}
	}
	if code == "nn" {
		return Language{"nn", "nynorsk", "ltr"}, true
	}
	return Language{}, false
}

// ValidLanguage reports whether code is a language an activity can be held in
// or a text written in.
func ValidLanguage(code string) bool {
	_, ok := LookupLanguage(code)
	return ok
}
