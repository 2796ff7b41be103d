package registry

import (
	"math"
	"reflect"
	"sort"
	"strings"
	"testing"
)

func validOrganisation() Organisation {
	return Organisation{
		Name:        "Røde Kors Drammen",
		Kind:        OrgVoluntary,
		Country:     "NO",
		OrgNumber:   "974760673",
		Description: Text{"nb": "Frivillig organisasjon.", "en": "Voluntary organisation."},
		Website:     "https://www.example.no",
		Email:       "post@example.no",
		Phone:       "+4791234567",
		Address:     "Grønland 1",
		Postcode:    "3045",
		City:        "Drammen",
		District:    "Strømsø",
		Status:      StatusPending,
	}
}

func TestOrganisationValidate(t *testing.T) {
	tests := []struct {
		name   string
		modify func(*Organisation)
		want   map[string]string
	}{
		{"Valid", func(o *Organisation) {}, nil},
		{"ValidMinimal", func(o *Organisation) {
			*o = Organisation{Name: "Språkkafeen", Kind: OrgMeetingPlace, Country: "SE", Status: StatusApproved}
		}, nil},
		{"ValidDanish", func(o *Organisation) { o.Country, o.OrgNumber, o.Postcode = "DK", "10150817", "1050" }, nil},
		{"ValidSwedish", func(o *Organisation) { o.Country, o.OrgNumber, o.Postcode = "SE", "8024821889", "111 22" }, nil},
		{"ValidArchived", func(o *Organisation) { o.Status = StatusArchived }, nil},
		{"ErrNameRequired", func(o *Organisation) { o.Name = "  " }, map[string]string{"name": "validation.required"}},
		{"ErrNameTooLong", func(o *Organisation) { o.Name = strings.Repeat("æ", MaxNameLen+1) }, map[string]string{"name": "validation.too_long"}},
		{"NameAtLimitCountsCharacters", func(o *Organisation) { o.Name = strings.Repeat("æ", MaxNameLen) }, nil},
		{"ErrKind", func(o *Organisation) { o.Kind = "club" }, map[string]string{"kind": "validation.choice"}},
		{"ErrKindEmpty", func(o *Organisation) { o.Kind = "" }, map[string]string{"kind": "validation.choice"}},
		{"ErrCountry", func(o *Organisation) { o.Country = "FI" }, map[string]string{"country": "validation.choice"}},
		{"ErrCountryLower", func(o *Organisation) { o.Country = "no" }, map[string]string{"country": "validation.choice"}},
		{"ErrOrgNumberNO", func(o *Organisation) { o.OrgNumber = "974760674" }, map[string]string{"org_number": "validation.org_number.no"}},
		{"ErrOrgNumberNotNormalised", func(o *Organisation) { o.OrgNumber = "974 760 673" }, map[string]string{"org_number": "validation.org_number.no"}},
		{"ErrOrgNumberDK", func(o *Organisation) { o.Country, o.Postcode, o.OrgNumber = "DK", "", "974760673" }, map[string]string{"org_number": "validation.org_number.dk"}},
		{"ErrOrgNumberSE", func(o *Organisation) { o.Country, o.Postcode, o.OrgNumber = "SE", "", "8112289874" }, map[string]string{"org_number": "validation.org_number.se"}},
		{"OrgNumberOptional", func(o *Organisation) { o.OrgNumber = "" }, nil},
		{"ErrWebsite", func(o *Organisation) { o.Website = "javascript:alert(1)" }, map[string]string{"website": "validation.url"}},
		{"ErrWebsiteNotNormalised", func(o *Organisation) { o.Website = "www.example.no" }, map[string]string{"website": "validation.url"}},
		{"ErrEmail", func(o *Organisation) { o.Email = "post@example" }, map[string]string{"email": "validation.email"}},
		{"ErrPhone", func(o *Organisation) { o.Phone = "+471234" }, map[string]string{"phone": "validation.phone"}},
		{"ErrPhoneNotE164", func(o *Organisation) { o.Phone = "912 34 567" }, map[string]string{"phone": "validation.phone"}},
		{"ErrPostcodeNO", func(o *Organisation) { o.Postcode = "304" }, map[string]string{"postcode": "validation.postcode.no"}},
		{"ErrPostcodeDK", func(o *Organisation) { o.Country, o.OrgNumber, o.Postcode = "DK", "", "0800" }, map[string]string{"postcode": "validation.postcode.dk"}},
		{"ErrPostcodeSE", func(o *Organisation) { o.Country, o.OrgNumber, o.Postcode = "SE", "", "3045" }, map[string]string{"postcode": "validation.postcode.se"}},
		{"UnknownCountrySkipsCountryRules", func(o *Organisation) { o.Country = "" }, map[string]string{"country": "validation.choice"}},
		{"ErrDescriptionLanguage", func(o *Organisation) { o.Description["xx"] = "?" }, map[string]string{"description.xx": "validation.language"}},
		{"ErrDescriptionTooLong", func(o *Organisation) { o.Description["nb"] = strings.Repeat("a", MaxDescriptionLen+1) }, map[string]string{"description.nb": "validation.too_long"}},
		{"ErrAddressTooLong", func(o *Organisation) { o.Address = strings.Repeat("a", MaxNameLen+1) }, map[string]string{"address": "validation.too_long"}},
		{"ErrStatusPaused", func(o *Organisation) { o.Status = StatusPaused }, map[string]string{"status": "validation.choice"}},
		{"ErrStatusEmpty", func(o *Organisation) { o.Status = "" }, map[string]string{"status": "validation.choice"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := validOrganisation()
			tt.modify(&o)
			checkFields(t, o.Validate(), tt.want)
		})
	}
}

func TestOrganisationNormalize(t *testing.T) {
	o := Organisation{
		Name:        "  Røde   Kors\nDrammen ",
		Kind:        " Voluntary",
		Country:     " no ",
		OrgNumber:   "NO 974 760 673 MVA",
		Description: Text{"NB": " Frivillig. ", "en": "  ", "nn": "Frivillig\u0308."},
		Website:     " www.Example.no ",
		Email:       " Post@Example.NO ",
		Phone:       "912 34 567",
		Address:     " Grønland 1 ",
		Postcode:    "N-3045",
		City:        "Drammen ",
		District:    " Strømsø",
	}
	o.Normalize()
	want := Organisation{
		Name:        "Røde Kors Drammen",
		Kind:        OrgVoluntary,
		Country:     "NO",
		OrgNumber:   "974760673",
		Description: Text{"nb": "Frivillig.", "nn": "Frivillig\u0308."},
		Website:     "https://www.example.no",
		Email:       "Post@example.no",
		Phone:       "+4791234567",
		Address:     "Grønland 1",
		Postcode:    "3045",
		City:        "Drammen",
		District:    "Strømsø",
		Status:      StatusPending,
	}
	if !reflect.DeepEqual(o, want) {
		t.Errorf("got  %#v\nwant %#v", o, want)
	}
	if err := o.Validate(); err != nil {
		t.Errorf("normalised organisation invalid: %v", err)
	}

	// Values that cannot be normalised are kept for Validate to reject.
	bad := Organisation{Name: "X", Kind: OrgVoluntary, Country: "NO", Phone: "ring meg", Website: "ftp://x.no", OrgNumber: "12 34"}
	bad.Normalize()
	if bad.Phone != "ring meg" || bad.Website != "ftp://x.no" || bad.OrgNumber != "1234" {
		t.Errorf("bad values changed: %#v", bad)
	}
	checkFields(t, bad.Validate(), map[string]string{
		"phone": "validation.phone", "website": "validation.url", "org_number": "validation.org_number.no",
	})
}

func TestNormalizeNFC(t *testing.T) {
	o := Organisation{Name: "Spra\u030akkafe\u0301"} // decomposed å and é
	o.Normalize()
	if o.Name != "Språkkafé" {
		t.Errorf("Name = %q, want NFC", o.Name)
	}
}

func validActivity() Activity {
	return Activity{
		OrganisationID: 1,
		Title:          Text{"nb": "Språkkafé", "en": "Language café"},
		Description:    Text{"nb": "Øv på norsk over en kopp kaffe."},
		HowToJoin:      Text{"nb": "Bare møt opp."},
		Category:       CategoryLanguageCafe,
		Stage:          StageParticipation,
		AgeMin:         16,
		Languages:      []string{"ar", "nb"},
		Cost:           Cost{Kind: CostFree, Currency: "NOK"},
		Accessibility:  []string{"hearing_loop", "wheelchair"},
		Capacity:       20,
		Contact:        Contact{Name: "Kari", Email: "kari@example.no", Phone: "+4791234567"},
		Location: Location{Name: "Hovedbiblioteket", Address: "Grønland 32", Postcode: "3045",
			City: "Drammen", District: "Strømsø", Country: "NO", Lat: 59.7439, Lng: 10.2045},
		Schedules: []Schedule{validSchedule()},
		Status:    StatusApproved,
	}
}

func TestActivityValidate(t *testing.T) {
	tests := []struct {
		name   string
		modify func(*Activity)
		want   map[string]string
	}{
		{"Valid", func(a *Activity) {}, nil},
		{"ValidPaid", func(a *Activity) { a.Cost = Cost{Kind: CostPaid, Price: 5000, Currency: "NOK", LeisureCard: true} }, nil},
		{"ValidSwedish", func(a *Activity) {
			a.Location = Location{Address: "Drottninggatan 1", Postcode: "111 22", District: "Norrmalm", Country: "SE", Lat: 59.33, Lng: 18.06}
			a.Cost = Cost{Kind: CostPaid, Price: 10000, Currency: "SEK"}
			a.Schedules[0].Zone = "Europe/Stockholm"
		}, nil},
		{"ValidNoCoordinates", func(a *Activity) { a.Location.Lat, a.Location.Lng = 0, 0 }, nil},
		{"ValidAllAges", func(a *Activity) { a.AgeMin, a.AgeMax = 0, 0 }, nil},
		{"ValidAgeRange", func(a *Activity) { a.AgeMin, a.AgeMax = 6, 12 }, nil},
		{"ValidSingleAge", func(a *Activity) { a.AgeMin, a.AgeMax = 12, 12 }, nil},
		{"ValidNoStage", func(a *Activity) { a.Stage = "" }, nil},
		{"ValidPaused", func(a *Activity) { a.Status = StatusPaused }, nil},
		{"ValidTenSchedules", func(a *Activity) {
			for len(a.Schedules) < MaxSchedules {
				a.Schedules = append(a.Schedules, validSchedule())
			}
		}, nil},
		{"ValidTitleInOneLanguage", func(a *Activity) { a.Title = Text{"ar": "مقهى اللغة"} }, nil},
		{"TitleAtLimit", func(a *Activity) { a.Title["nb"] = strings.Repeat("å", MaxTitleLen) }, nil},

		{"ErrOrganisation", func(a *Activity) { a.OrganisationID = 0 }, map[string]string{"organisation_id": "validation.choice"}},
		{"ErrTitleRequired", func(a *Activity) { a.Title = nil }, map[string]string{"title": "validation.required"}},
		{"ErrTitleBlank", func(a *Activity) { a.Title = Text{"nb": ""} }, map[string]string{"title": "validation.required"}},
		{"ErrTitleTooLong", func(a *Activity) { a.Title["en"] = strings.Repeat("a", MaxTitleLen+1) }, map[string]string{"title.en": "validation.too_long"}},
		{"ErrTitleLanguage", func(a *Activity) { a.Title["klingon"] = "x" }, map[string]string{"title.klingon": "validation.language"}},
		{"ErrDescriptionTooLong", func(a *Activity) { a.Description["nb"] = strings.Repeat("ø", MaxDescriptionLen+1) }, map[string]string{"description.nb": "validation.too_long"}},
		{"ErrDescriptionLanguage", func(a *Activity) { a.Description["no"] = "x" }, map[string]string{"description.no": "validation.language"}},
		{"ErrHowToJoinTooLong", func(a *Activity) { a.HowToJoin["nb"] = strings.Repeat("ø", MaxDescriptionLen+1) }, map[string]string{"how_to_join.nb": "validation.too_long"}},
		{"ErrCategory", func(a *Activity) { a.Category = "chess" }, map[string]string{"category": "validation.choice"}},
		{"ErrCategoryEmpty", func(a *Activity) { a.Category = "" }, map[string]string{"category": "validation.choice"}},
		{"ErrStage", func(a *Activity) { a.Stage = "arrival" }, map[string]string{"stage": "validation.choice"}},
		{"ErrAgeMinNegative", func(a *Activity) { a.AgeMin = -1 }, map[string]string{"age_min": "validation.age_range"}},
		{"ErrAgeMinTooHigh", func(a *Activity) { a.AgeMin, a.AgeMax = 121, 0 }, map[string]string{"age_min": "validation.age_range"}},
		{"ErrAgeMaxTooHigh", func(a *Activity) { a.AgeMax = 130 }, map[string]string{"age_max": "validation.age_range"}},
		{"ErrAgeMaxBelowMin", func(a *Activity) { a.AgeMin, a.AgeMax = 18, 12 }, map[string]string{"age_max": "validation.age_range"}},
		{"ErrLanguagesRequired", func(a *Activity) { a.Languages = nil }, map[string]string{"languages": "validation.choose_one"}},
		{"ErrLanguagesEmptySlice", func(a *Activity) { a.Languages = []string{} }, map[string]string{"languages": "validation.choose_one"}},
		{"ErrLanguageUnknown", func(a *Activity) { a.Languages = []string{"nb", "no"} }, map[string]string{"languages": "validation.language"}},
		{"ErrHelperLanguage", func(a *Activity) { a.HelperLanguages = []string{"xx"} }, map[string]string{"helper_languages": "validation.language"}},
		{"ErrCostKind", func(a *Activity) { a.Cost.Kind = "cheap" }, map[string]string{"cost.kind": "validation.choice"}},
		{"ErrCostKindEmpty", func(a *Activity) { a.Cost.Kind = "" }, map[string]string{"cost.kind": "validation.choice"}},
		{"ErrPaidWithoutPrice", func(a *Activity) { a.Cost.Kind = CostPaid }, map[string]string{"cost.price": "validation.price.paid"}},
		{"ErrPaidNegative", func(a *Activity) { a.Cost = Cost{Kind: CostPaid, Price: -100, Currency: "NOK"} }, map[string]string{"cost.price": "validation.price.paid"}},
		{"ErrFreeWithPrice", func(a *Activity) { a.Cost.Price = 5000 }, map[string]string{"cost.price": "validation.price.free"}},
		{"ErrCurrency", func(a *Activity) { a.Cost = Cost{Kind: CostPaid, Price: 5000, Currency: "EUR"} }, map[string]string{"cost.currency": "validation.choice"}},
		{"ErrPaidWithoutCurrency", func(a *Activity) { a.Cost = Cost{Kind: CostPaid, Price: 5000} }, map[string]string{"cost.currency": "validation.choice"}},
		{"FreeWithoutCurrency", func(a *Activity) { a.Cost = Cost{Kind: CostFree} }, nil},
		{"ErrAccessibility", func(a *Activity) { a.Accessibility = []string{"wheelchair", "lift"} }, map[string]string{"accessibility": "validation.choice"}},
		{"ErrCapacity", func(a *Activity) { a.Capacity = -1 }, map[string]string{"capacity": "validation.not_negative"}},
		{"ErrContactEmail", func(a *Activity) { a.Contact.Email = "kari" }, map[string]string{"contact.email": "validation.email"}},
		{"ErrContactPhone", func(a *Activity) { a.Contact.Phone = "91234567" }, map[string]string{"contact.phone": "validation.phone"}},
		{"ContactOptional", func(a *Activity) { a.Contact = Contact{} }, nil},
		{"ErrAddressRequired", func(a *Activity) { a.Location.Address = "" }, map[string]string{"location.address": "validation.required"}},
		{"ErrPostcodeRequired", func(a *Activity) { a.Location.Postcode = "" }, map[string]string{"location.postcode": "validation.required"}},
		{"ErrPostcodeForCountry", func(a *Activity) { a.Location.Postcode = "111 22" }, map[string]string{"location.postcode": "validation.postcode.no"}},
		{"ErrPostcodeDK", func(a *Activity) {
			a.Location.Country, a.Location.Postcode, a.Location.Lat, a.Location.Lng = "DK", "0999", 0, 0
		}, map[string]string{"location.postcode": "validation.postcode.dk"}},
		{"ErrLocationCountry", func(a *Activity) { a.Location.Country = "" }, map[string]string{"location.country": "validation.choice"}},
		{"ErrDistrictRequired", func(a *Activity) { a.Location.District = " " }, map[string]string{"location.district": "validation.required"}},
		{"ErrLatitudeSwapped", func(a *Activity) { a.Location.Lat, a.Location.Lng = 10.2045, 59.7439 }, map[string]string{
			"location.lat": "validation.coordinates", "location.lng": "validation.coordinates"}},
		{"ErrLatitudeOutOfRange", func(a *Activity) { a.Location.Lat = 91 }, map[string]string{"location.lat": "validation.coordinates"}},
		{"ErrLongitudeMissing", func(a *Activity) { a.Location.Lng = 0 }, map[string]string{"location.lng": "validation.coordinates"}},
		{"ErrLatitudeMissing", func(a *Activity) { a.Location.Lat = 0 }, map[string]string{"location.lat": "validation.coordinates"}},
		{"ErrLatitudeNaN", func(a *Activity) { a.Location.Lat = math.NaN() }, map[string]string{"location.lat": "validation.coordinates"}},
		{"ErrLongitudeInf", func(a *Activity) { a.Location.Lng = math.Inf(1) }, map[string]string{"location.lng": "validation.coordinates"}},
		{"ErrSchedulesRequired", func(a *Activity) { a.Schedules = nil }, map[string]string{"schedules": "validation.schedule.required"}},
		{"ErrTooManySchedules", func(a *Activity) {
			for len(a.Schedules) <= MaxSchedules {
				a.Schedules = append(a.Schedules, validSchedule())
			}
		}, map[string]string{"schedules": "validation.too_many"}},
		{"ErrScheduleFields", func(a *Activity) {
			a.Schedules = append(a.Schedules, validSchedule())
			a.Schedules[1].RRule = "FREQ=YEARLY"
			a.Schedules[1].StartTime = "25:00"
		}, map[string]string{"schedules.1.rrule": "validation.schedule.rrule", "schedules.1.start_time": "validation.time"}},
		{"ErrScheduleZone", func(a *Activity) { a.Schedules[0].Zone = "Europe/London" }, map[string]string{"schedules.0.zone": "validation.schedule.zone"}},
		{"ErrStatus", func(a *Activity) { a.Status = "draft" }, map[string]string{"status": "validation.choice"}},
		{"ErrSeveral", func(a *Activity) {
			a.Title = nil
			a.Languages = nil
			a.Cost.Kind = CostPaid
		}, map[string]string{"title": "validation.required", "languages": "validation.choose_one", "cost.price": "validation.price.paid"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := validActivity()
			tt.modify(&a)
			checkFields(t, a.Validate(), tt.want)
		})
	}
}

func TestActivityNormalize(t *testing.T) {
	a := Activity{
		OrganisationID:  7,
		Title:           Text{" NB ": "  Språkkafé \n på   biblioteket ", "en": " "},
		Description:     Text{"nb": "  Linje 1\n\nLinje 2  "},
		Category:        " Language_Cafe ",
		Languages:       []string{"nb", " AR", "nb", "", "en"},
		HelperLanguages: []string{"uk", "uk"},
		Accessibility:   []string{"wheelchair", "Hearing_Loop", "wheelchair"},
		Cost:            Cost{Kind: " Paid ", Price: 5000},
		Contact:         Contact{Name: " Kari ", Email: " Kari@Example.DK ", Phone: "20 12 34 56"},
		Location:        Location{Address: " Rådhuspladsen 1 ", Postcode: "DK-1550", District: " Indre By ", Country: "dk"},
		Schedules: []Schedule{{
			Kind: "recurring", RRule: "freq=weekly;byday=tu", StartDate: "2026-01-06",
			StartTime: "18.00", EndTime: "20.00",
		}},
	}
	a.Normalize()
	if want := (Text{"nb": "Språkkafé på biblioteket"}); !reflect.DeepEqual(a.Title, want) {
		t.Errorf("Title = %#v, want %#v", a.Title, want)
	}
	if want := "Linje 1\n\nLinje 2"; a.Description["nb"] != want {
		t.Errorf("Description keeps line breaks: got %q", a.Description["nb"])
	}
	if a.Category != CategoryLanguageCafe {
		t.Errorf("Category = %q", a.Category)
	}
	if want := []string{"ar", "en", "nb"}; !reflect.DeepEqual(a.Languages, want) {
		t.Errorf("Languages = %v, want %v", a.Languages, want)
	}
	if want := []string{"uk"}; !reflect.DeepEqual(a.HelperLanguages, want) {
		t.Errorf("HelperLanguages = %v", a.HelperLanguages)
	}
	if want := []string{"hearing_loop", "wheelchair"}; !reflect.DeepEqual(a.Accessibility, want) {
		t.Errorf("Accessibility = %v", a.Accessibility)
	}
	if a.Cost.Kind != CostPaid || a.Cost.Currency != "DKK" {
		t.Errorf("Cost = %#v, want paid DKK", a.Cost)
	}
	if want := (Contact{Name: "Kari", Email: "Kari@example.dk", Phone: "+4520123456"}); a.Contact != want {
		t.Errorf("Contact = %#v, want %#v", a.Contact, want)
	}
	if a.Location.Country != "DK" || a.Location.Postcode != "1550" || a.Location.Address != "Rådhuspladsen 1" || a.Location.District != "Indre By" {
		t.Errorf("Location = %#v", a.Location)
	}
	s := a.Schedules[0]
	if s.Zone != "Europe/Copenhagen" || s.RRule != "FREQ=WEEKLY;BYDAY=TU" || s.StartTime != "18:00" || s.EndTime != "20:00" {
		t.Errorf("Schedule = %#v", s)
	}
	if a.Status != StatusPending {
		t.Errorf("Status = %q, want pending", a.Status)
	}
	if err := a.Validate(); err != nil {
		t.Errorf("normalised activity invalid: %v", err)
	}
}

func TestActivityNormalizeDefaults(t *testing.T) {
	tests := []struct{ country, currency, zone string }{
		{"", "NOK", "Europe/Oslo"},
		{"NO", "NOK", "Europe/Oslo"},
		{"DK", "DKK", "Europe/Copenhagen"},
		{"se", "SEK", "Europe/Stockholm"},
	}
	for _, tt := range tests {
		a := Activity{Location: Location{Country: tt.country}, Schedules: []Schedule{{}}}
		a.Normalize()
		if a.Cost.Currency != tt.currency || a.Schedules[0].Zone != tt.zone {
			t.Errorf("country %q: currency %q zone %q, want %q %q", tt.country, a.Cost.Currency, a.Schedules[0].Zone, tt.currency, tt.zone)
		}
	}
	// A currency or zone that was given is kept.
	a := Activity{Cost: Cost{Currency: "sek"}, Location: Location{Country: "NO"}, Schedules: []Schedule{{Zone: "Europe/Stockholm"}}}
	a.Normalize()
	if a.Cost.Currency != "SEK" || a.Schedules[0].Zone != "Europe/Stockholm" {
		t.Errorf("given values changed: %q %q", a.Cost.Currency, a.Schedules[0].Zone)
	}
	// An unparsable phone is left for Validate.
	a = Activity{Contact: Contact{Phone: "ring meg"}}
	a.Normalize()
	if a.Contact.Phone != "ring meg" {
		t.Errorf("Phone = %q", a.Contact.Phone)
	}
}

func TestValidationMessagesAreUsedAndUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, id := range ValidationMessages {
		if seen[id] {
			t.Errorf("duplicate %s", id)
		}
		seen[id] = true
		if !strings.HasPrefix(id, "validation.") {
			t.Errorf("%s is not under validation.", id)
		}
	}
	// No ID may be both a message and the prefix of another (go-i18n
	// nested tables could not hold both).
	ids := append([]string(nil), ValidationMessages...)
	sort.Strings(ids)
	for i := 1; i < len(ids); i++ {
		if strings.HasPrefix(ids[i], ids[i-1]+".") {
			t.Errorf("%s is a prefix of %s", ids[i-1], ids[i])
		}
	}
}
