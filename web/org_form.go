package web

import (
	"net/url"
	"strings"

	"broen/locales"
	"broen/registry"
)

// orgForm is the organisation form as typed.
type orgForm struct {
	Name          string
	Kind          string
	Country       string
	OrgNumber     string
	Description   map[string]string // by UI language
	Website       string
	Email         string
	Phone         string
	ContactPublic bool
	Address       string
	Postcode      string
	City          string
	District      string
	// The person registering, who becomes the organisation's editor
	// (registration only).
	PersonName  string
	PersonEmail string
}

func orgFormFrom(o *registry.Organisation) orgForm {
	f := orgForm{Name: o.Name, Kind: string(o.Kind), Country: o.Country, OrgNumber: o.OrgNumber,
		Description: map[string]string{}, Website: o.Website, Email: o.Email, Phone: o.Phone,
		ContactPublic: o.ContactPublic, Address: o.Address, Postcode: o.Postcode, City: o.City, District: o.District}
	for _, l := range locales.Supported {
		f.Description[l] = o.Description[l]
	}
	return f
}

func parseOrgForm(v url.Values) orgForm {
	t := func(k string) string { return strings.TrimSpace(v.Get(k)) }
	f := orgForm{Name: t("name"), Kind: t("kind"), Country: t("country"), OrgNumber: t("org_number"),
		Description: map[string]string{}, Website: t("website"), Email: t("email"), Phone: t("phone"),
		ContactPublic: v.Get("contact_public") != "", Address: t("address"), Postcode: t("postcode"),
		City: t("city"), District: t("district"), PersonName: t("person_name"), PersonEmail: t("person_email")}
	for _, l := range locales.Supported {
		f.Description[l] = strings.TrimSpace(v.Get("description." + l))
	}
	return f
}

// organisation builds the organisation from the form (Normalize and
// Validate are the store's).
func (f orgForm) organisation() *registry.Organisation {
	o := &registry.Organisation{Name: f.Name, Kind: registry.OrgKind(f.Kind), Country: f.Country, OrgNumber: f.OrgNumber,
		Description: registry.Text{}, Website: f.Website, Email: f.Email, Phone: f.Phone, ContactPublic: f.ContactPublic,
		Address: f.Address, Postcode: f.Postcode, City: f.City, District: f.District}
	for l, d := range f.Description {
		if d != "" {
			o.Description[l] = d
		}
	}
	return o
}

// orgFormView is what the organisation form partial renders.
type orgFormView struct {
	L         *locales.Localizer
	F         orgForm
	Errors    map[string]string
	Kinds     []option
	Countries []option
	Langs     []langText
	Register  bool // show the person fields
}

type langText struct {
	Code  string
	Name  string
	Text  string
	Open  bool
	Error string
}

func newOrgFormView(l *locales.Localizer, f orgForm, errs map[string]string, register bool) orgFormView {
	v := orgFormView{L: l, F: f, Errors: errs, Register: register}
	if f.Country == "" {
		v.F.Country = "NO"
	}
	for _, k := range registry.OrgKinds {
		v.Kinds = append(v.Kinds, option{string(k), l.T("registry.orgkind." + string(k)), f.Kind == string(k)})
	}
	for _, c := range []struct{ code, id string }{{"NO", "registry.country.no"}, {"DK", "registry.country.dk"}, {"SE", "registry.country.se"}} {
		v.Countries = append(v.Countries, option{c.code, l.T(c.id), v.F.Country == c.code})
	}
	for _, code := range locales.Supported {
		key := "description." + code
		v.Langs = append(v.Langs, langText{Code: code, Name: l.T("web.lang." + code), Text: f.Description[code],
			Open: code == l.Lang || code == "nb" || f.Description[code] != "" || errs[key] != "", Error: errs[key]})
	}
	return v
}
