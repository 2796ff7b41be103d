package web

import (
	"net/url"
	"reflect"
	"strconv"
	"testing"

	"broen"
)

// FuzzVolunteerForm posts anything to the coordinator's volunteer form.
// Whatever comes in, reading it never panics and either fails with field
// messages or gives a volunteer that Normalize leaves as it is (idempotent)
// and Validate accepts; and such a volunteer, shown in the edit form and
// posted back unchanged, reads back as the same volunteer — editing a
// record without touching it never changes it.
func FuzzVolunteerForm(f *testing.F) {
	base := fzVolunteerBase()
	f.Add(base.Encode())
	for _, s := range []string{
		"", "name=", "household=family&children_ages=3,+7.,+12", "children_ages=40", "children_ages=3;;x",
		"adults=0", "adults=99999999999999999999", "capacity=-1", "capacity=3.5",
		"languages.0.code=ti&languages.0.level=native&languages.1.code=ti&languages.1.level=basic",
		"languages.0.code=xx&languages.0.level=native", "languages.3.code=so&languages.3.level=fluent",
		"availability=tue-evening&availability=sun-night", "interests=sport&interests=chess",
		"interest_tags=Sjakk,+turer,,+sjakk", "interest_tags=%3Cb%3E", "phone=912+34+567", "phone=+4920100000000000",
		"email=Kari+<kari@example.no>", "police_check.kind=no_politiattest&police_check.shown_on=2026-13-01",
		"police_check.kind=se_belastningsregister&police_check.shown_on=2026-01-01&police_check.renew_by=2025-01-01",
		"police_check.shown_on=2026-01-01", "preferences.age_groups=18-29&preferences.age_groups=90+",
		"preferences.gender=female&preferences.children=with", "name=%FF%FE", "name=a%00b", "locale=no",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, _ := url.ParseQuery(raw)
		fzCheckVolunteerForm(t, raw, v)
		merged := fzVolunteerBase()
		for k, vals := range v {
			merged[k] = vals
		}
		fzCheckVolunteerForm(t, raw, merged)
	})
}

func fzVolunteerBase() url.Values {
	return url.Values{
		"household": {"person"}, "name": {"Kari Nordmann"}, "email": {"kari@example.no"}, "phone": {"912 34 567"},
		"locale": {"nb"}, "gender": {"female"}, "age_group": {"50-66"}, "adults": {"1"},
		"languages.0.code": {"nb"}, "languages.0.level": {"native"}, "languages.1.code": {"ar"}, "languages.1.level": {"fluent"},
		"interests": {"sport", "music"}, "interest_tags": {"sjakk"}, "district": {"Fjell"},
		"availability": {"tue-evening", "sat-morning"}, "capacity": {"2"}, "offers": {"language", "practical"},
		"status": {"available"}, "police_check.kind": {"no_politiattest"}, "police_check.shown_on": {"2026-01-15"},
		"police_check.checked_by": {"Demo Koordinator"}, "police_check.renew_by": {"2029-01-15"},
		"trained_on": {"2026-02-01"}, "pledge_signed_on": {"2026-02-01"},
	}
}

func fzCheckVolunteerForm(t *testing.T, raw string, v url.Values) {
	t.Helper()
	form := parseVolunteerForm(v, true)
	vol, fe := form.volunteer(true)
	err := fe.Err()
	if err == nil {
		if err = vol.Normalize("NO"); err == nil {
			err = vol.Validate()
		}
	}
	if err != nil {
		if e := broen.AsError(err); e == nil || e.Code != broen.EINVALID || len(e.Fields) == 0 {
			t.Fatalf("%s: error without field messages: %v", fzQ(raw), err)
		}
		return
	}
	again := *vol
	if err := again.Normalize("NO"); err != nil || !reflect.DeepEqual(&again, vol) {
		t.Fatalf("%s: Normalize is not idempotent:\n%+v\n%+v (%v)", fzQ(raw), vol, &again, err)
	}
	// Shown in the edit form and posted back unchanged.
	back := fzVolunteerValues(volunteerFormFrom(vol))
	vol2, fe2 := parseVolunteerForm(back, true).volunteer(true)
	if err := fe2.Err(); err != nil {
		t.Fatalf("%s: the edit form of a valid volunteer does not read back: %v\n%v", fzQ(raw), err, back)
	}
	if err := vol2.Normalize("NO"); err != nil {
		t.Fatalf("%s: read back: %v", fzQ(raw), err)
	}
	if !reflect.DeepEqual(vol2, vol) {
		t.Fatalf("%s: posting the edit form back unchanged changes the volunteer:\n%+v\n%+v", fzQ(raw), vol, vol2)
	}
}

// fzVolunteerValues is what the browser posts for a form filled as f.
func fzVolunteerValues(f volunteerForm) url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("household", f.Household)
	set("name", f.Name)
	set("email", f.Email)
	set("phone", f.Phone)
	set("locale", f.Locale)
	set("gender", f.Gender)
	set("age_group", f.AgeGroup)
	set("adults", f.Adults)
	set("children_ages", f.ChildrenAges)
	for i, row := range f.Languages {
		set("languages."+strconv.Itoa(i)+".code", row.Code)
		set("languages."+strconv.Itoa(i)+".level", row.Level)
	}
	v["interests"] = f.Interests
	set("interest_tags", f.InterestTags)
	set("district", f.District)
	v["availability"] = f.Availability
	set("preferences.gender", f.PrefGender)
	v["preferences.age_groups"] = f.PrefAgeGroups
	set("preferences.children", f.PrefChildren)
	set("capacity", f.Capacity)
	v["offers"] = f.Offers
	set("status", f.Status)
	set("police_check.kind", f.PoliceKind)
	set("police_check.shown_on", f.PoliceShownOn)
	set("police_check.checked_by", f.PoliceCheckedBy)
	set("police_check.renew_by", f.PoliceRenewBy)
	set("trained_on", f.TrainedOn)
	set("pledge_signed_on", f.PledgeSignedOn)
	return v
}
