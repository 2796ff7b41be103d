package demo

import (
	"context"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"broen/mentoring"
)

// The mentoring programme of the demo municipality: volunteers (mentors and
// network families), newcomers on the waiting list, and pairings in every
// state of their lifecycle. The people are invented. Nothing here is
// special-category data: no religion, ethnicity or health, and no free text
// about anyone's life; languages, needs and interests are structured codes.

// LoginVolunteerEmail is the email of the demo volunteer the demo volunteer
// sign-in belongs to: LoadMentoring gives them an active pairing and a
// proposal waiting for their answer.
const LoginVolunteerEmail = "ahmad.alkhatib@demo.broen.example"

// PoliceCheckedBy is the coordinator who saw the demo volunteers' police
// certificates.
const PoliceCheckedBy = "Demo Koordinator"

// mailDomain is the domain of every demo email address.
const mailDomain = "@demo.broen.example"

// demoClock turns "so many days ago" into dates and instants in the
// municipality's zone, relative to now, so that waiting times and follow-up
// dates look right whenever the demo is loaded.
type demoClock struct {
	now   time.Time
	today time.Time // the municipality's calendar day of now, midnight UTC
	loc   *time.Location
}

func newClock(now time.Time) demoClock {
	var p mentoring.Policy
	return demoClock{now: now, today: p.Today(now), loc: p.Location()}
}

// day is the calendar day ago days before today, midnight UTC (the form
// dates without a time of day are kept in).
func (c demoClock) day(ago int) time.Time { return c.today.AddDate(0, 0, -ago) }

// at is hour:min in the municipality on the day ago days before today, in
// UTC.
func (c demoClock) at(ago, hour, min int) time.Time {
	d := c.day(ago)
	return time.Date(d.Year(), d.Month(), d.Day(), hour, min, 0, 0, c.loc).UTC()
}

// volSpec is one demo volunteer as written down below. Days are counted
// back from today; 0 means "not yet" (or "none").
type volSpec struct {
	Name      string
	Family    bool
	Gender    mentoring.Gender
	Age       mentoring.AgeGroup
	Adults    int
	Kids      []int
	Langs     string // "nb:native en:fluent"
	Interests string // category codes and one-word tags
	District  string
	Avail     string // slot codes: "tue-evening sat-morning"
	Prefs     mentoring.Preferences
	Locale    string // "" is nb
	Status    mentoring.VolunteerStatus
	Capacity  int
	Offers    string
	Police    int // days since the police certificate was shown
	Trained   int // days since the introduction course
	Pledge    int // days since the confidentiality pledge was signed
	Waiting   int // days on the waiting list: since approval, or sign-up when volPending
	NoPhone   bool
}

var (
	gFemale = mentoring.GenderFemale
	gMale   = mentoring.GenderMale
)

const (
	age18 = mentoring.Age18to29
	age30 = mentoring.Age30to49
	age50 = mentoring.Age50to66
	age67 = mentoring.Age67plus

	volAvailable = mentoring.VolunteerAvailable
	volPending   = mentoring.VolunteerPending
	volPaused    = mentoring.VolunteerPaused
)

// volunteerSpecs are the demo volunteers: persons first, then the network
// families. Most are approved, trained and have shown a police certificate;
// Erik Johansen's certificate has run out, a few have none, three signed up
// through the public form and have not been talked to yet, and Bjørn
// Andersen has paused.
var volunteerSpecs = []volSpec{
	{Name: "Ingrid Solberg", Gender: gFemale, Age: age50, Langs: "nb:native en:fluent",
		Interests: "outdoor crafts turer strikking", District: "Bragernes",
		Avail: "tue-evening thu-afternoon thu-evening sat-morning", Prefs: mentoring.Preferences{Gender: gFemale},
		Status: volAvailable, Capacity: 2, Offers: "practical language", Police: 410, Trained: 400, Pledge: 400, Waiting: 215},
	{Name: "Lars Bakken", Gender: gMale, Age: age67, Langs: "nb:native en:fluent",
		Interests: "homework_help music sjakk", District: "Strømsø",
		Avail:  "mon-morning tue-morning wed-afternoon thu-morning",
		Status: volAvailable, Capacity: 2, Offers: "practical language homework", Police: 60, Trained: 45, Pledge: 45, Waiting: 40},
	{Name: "Ahmad Al-Khatib", Gender: gMale, Age: age30, Langs: "ar:native nb:fluent en:fluent",
		Interests: "sport job_network fotball", District: "Fjell",
		Avail:  "mon-evening wed-evening sat-afternoon sun-afternoon",
		Status: volAvailable, Capacity: 3, Offers: "practical language network", Police: 420, Trained: 430, Pledge: 430, Waiting: 75},
	{Name: "Selam Tesfamariam", Gender: gFemale, Age: age30, Langs: "ti:native nb:fluent am:conversational en:conversational",
		Interests: "food_club families music", District: "Tangen",
		Avail:  "tue-evening thu-evening sun-afternoon",
		Status: volAvailable, Capacity: 2, Offers: "practical language homework", Police: 520, Trained: 510, Pledge: 510, Waiting: 30},
	{Name: "Hodan Abdi", Gender: gFemale, Age: age18, Langs: "so:native nb:native en:fluent",
		Interests: "homework_help sport women", District: "Danvik",
		Avail:  "mon-afternoon wed-afternoon wed-evening sat-afternoon",
		Status: volAvailable, Capacity: 2, Offers: "network homework", Police: 150, Trained: 120, Pledge: 120, Waiting: 20},
	{Name: "Farid Rahimi", Gender: gMale, Age: age50, Langs: "prs:native fa:fluent nb:fluent en:conversational",
		Interests: "outdoor sjakk fiske", District: "Gulskogen",
		Avail:  "tue-afternoon thu-afternoon sat-morning sun-morning",
		Status: volAvailable, Capacity: 1, Offers: "practical language leisure", Police: 160, Trained: 140, Pledge: 140, Waiting: 135},
	{Name: "Olena Kovalchuk", Gender: gFemale, Age: age30, Langs: "uk:native ru:fluent en:fluent nb:conversational",
		Interests: "music children_youth kor", District: "Åssiden", Locale: "en",
		Avail:  "wed-evening fri-evening sat-afternoon",
		Status: volAvailable, Capacity: 2, Offers: "network leisure", Police: 240, Trained: 230, Pledge: 230, Waiting: 110},
	{Name: "Rojda Demir", Gender: gFemale, Age: age30, Langs: "kmr:native tr:fluent nb:fluent en:basic",
		Interests: "crafts women food_club", District: "Austad",
		Avail:  "mon-evening thu-evening sat-morning",
		Status: volAvailable, Capacity: 2, Offers: "practical language", Police: 330, Trained: 320, Pledge: 320, Waiting: 64},
	{Name: "Marek Nowak", Gender: gMale, Age: age30, Langs: "pl:native nb:fluent en:fluent", Locale: "en",
		Interests: "sport outdoor sykling", District: "Mjøndalen",
		Avail:  "tue-evening thu-evening sun-morning sun-afternoon",
		Status: volAvailable, Capacity: 1, Offers: "network leisure", Police: 110, Trained: 100, Pledge: 100, Waiting: 95},
	{Name: "Sigrid Lunde", Gender: gFemale, Age: age18, Langs: "nb:native en:fluent es:conversational", Locale: "nn",
		Interests: "language_cafe culture music klatring", District: "Strømsø",
		Avail:  "mon-evening wed-evening fri-afternoon",
		Prefs:  mentoring.Preferences{Gender: gFemale, AgeGroups: []mentoring.AgeGroup{age18, age30}},
		Status: volAvailable, Capacity: 1, Offers: "language leisure", Trained: 26, Pledge: 26, Waiting: 25},
	{Name: "Erik Johansen", Gender: gMale, Age: age50, Langs: "nb:native en:fluent",
		Interests: "outdoor turer fiske", District: "Konnerud",
		Avail:  "wed-evening sat-morning sun-morning",
		Status: volAvailable, Capacity: 2, Offers: "practical network leisure", Police: 1130, Trained: 1150, Pledge: 1150, Waiting: 90},
	{Name: "Anne-Lise Berg", Gender: gFemale, Age: age67, Langs: "nb:native en:conversational",
		Interests: "crafts seniors food_club strikking", District: "Tangen",
		Avail: "mon-morning tue-morning wed-morning thu-afternoon", Prefs: mentoring.Preferences{Gender: gFemale},
		Status: volAvailable, Capacity: 1, Offers: "practical language", Police: 200, Trained: 190, Pledge: 190, Waiting: 180},
	{Name: "Jonas Eriksson", Gender: gMale, Age: age30, Langs: "sv:native nb:fluent en:fluent", Locale: "sv",
		Interests: "sport music gitar", District: "Bragernes",
		Avail:  "tue-evening fri-evening sat-afternoon",
		Status: volAvailable, Capacity: 1, Offers: "network leisure", Trained: 170, Pledge: 170, Waiting: 165},
	{Name: "Maria Hansen", Gender: gFemale, Age: age30, Langs: "nb:native en:fluent fr:conversational",
		Interests: "families outdoor culture", District: "Gulskogen",
		Avail:  "wed-afternoon thu-evening sun-afternoon",
		Status: volAvailable, Capacity: 2, Offers: "practical network", Police: 18, Pledge: 18, Waiting: 16},
	{Name: "Mohammad Haidari", Gender: gMale, Age: age30, Langs: "prs:native ps:conversational nb:fluent en:conversational",
		Interests: "sport job_network cricket", District: "Austad",
		Avail:  "mon-evening thu-evening sat-afternoon",
		Status: volAvailable, Capacity: 2, Offers: "practical network", Police: 280, Trained: 270, Pledge: 270, Waiting: 150},
	{Name: "Kateryna Melnyk", Gender: gFemale, Age: age50, Langs: "uk:native ru:native nb:fluent en:conversational",
		Interests: "crafts culture families", District: "Konnerud",
		Avail:  "tue-afternoon wed-afternoon sat-morning",
		Status: volAvailable, Capacity: 1, Offers: "practical language homework", Police: 90, Trained: 85, Pledge: 85, Waiting: 80},
	{Name: "Bjørn Andersen", Gender: gMale, Age: age67, Langs: "nb:native en:conversational",
		Interests: "outdoor fiske seiling", District: "Svelvik",
		Avail:  "mon-morning wed-morning fri-morning",
		Status: volPaused, Capacity: 1, Offers: "language leisure", Police: 600, Trained: 590, Pledge: 590, Waiting: 100},
	{Name: "Thomas Nilsen", Gender: gMale, Age: age18, Langs: "nb:native en:fluent",
		Interests: "sport fotball dataspill", District: "Fjell",
		Avail:  "tue-evening thu-evening sun-afternoon",
		Status: volPending, Capacity: 1, Offers: "leisure homework", Waiting: 3},
	{Name: "Amina Yusuf", Gender: gFemale, Age: age18, Langs: "so:native nb:native ar:conversational en:fluent",
		Interests: "homework_help culture language_cafe", District: "Strømsø",
		Avail: "mon-afternoon wed-afternoon", Locale: "en",
		Status: volPending, Capacity: 1, Offers: "language homework", Waiting: 6},
	{Name: "Emma Larsen", Gender: gFemale, Age: age18, Langs: "nb:native en:fluent",
		Interests: "culture music language_cafe", District: "Bragernes",
		Avail:  "wed-evening sat-afternoon",
		Status: volPending, Capacity: 1, Offers: "language leisure", Waiting: 9, NoPhone: true},

	// Network families: a household taking part as one unit.
	{Name: "Familien Solheim", Family: true, Age: age30, Adults: 2, Kids: []int{9, 6}, Langs: "nb:native en:fluent",
		Interests: "outdoor sport families ski", District: "Konnerud",
		Avail: "sat-morning sat-afternoon sun-afternoon", Prefs: mentoring.Preferences{Children: mentoring.ChildrenWith},
		Status: volAvailable, Capacity: 1, Offers: "network leisure homework", Police: 130, Trained: 125, Pledge: 125, Waiting: 120},
	{Name: "Familien Aziz", Family: true, Age: age30, Adults: 2, Kids: []int{8, 12, 15}, Langs: "ar:native nb:fluent en:conversational",
		Interests: "food_club sport families", District: "Tangen",
		Avail:  "fri-evening sat-afternoon sun-afternoon",
		Status: volAvailable, Capacity: 2, Offers: "practical network homework", Police: 300, Trained: 60, Pledge: 60, Waiting: 55},
	{Name: "Familien Kristiansen", Family: true, Age: age30, Adults: 2, Kids: []int{3, 5}, Langs: "nb:native en:fluent",
		Interests: "families outdoor music", District: "Gulskogen",
		Avail: "sat-morning sun-morning sun-afternoon", Prefs: mentoring.Preferences{Children: mentoring.ChildrenWith},
		Status: volAvailable, Capacity: 1, Offers: "language leisure", Police: 70, Trained: 65, Pledge: 65, Waiting: 60},
	{Name: "Familien Holm", Family: true, Age: age67, Adults: 2, Langs: "nb:native en:conversational",
		Interests: "outdoor crafts hagearbeid", District: "Åssiden",
		Avail:  "mon-afternoon wed-afternoon fri-afternoon",
		Status: volAvailable, Capacity: 1, Offers: "practical language", Police: 330, Trained: 300, Pledge: 300, Waiting: 280},
	{Name: "Familien Ghebremedhin", Family: true, Age: age30, Adults: 2, Kids: []int{10, 13}, Langs: "ti:native nb:fluent en:fluent",
		Interests: "sport families food_club", District: "Fjell",
		Avail:  "wed-evening sat-afternoon sun-afternoon",
		Status: volAvailable, Capacity: 2, Offers: "practical network homework", Police: 250, Trained: 245, Pledge: 245, Waiting: 45},
	{Name: "Familien Moen", Family: true, Age: age30, Adults: 1, Kids: []int{7}, Langs: "nb:native en:fluent",
		Interests: "families sport svømming", District: "Mjøndalen",
		Avail:  "tue-afternoon thu-afternoon sat-morning",
		Status: volAvailable, Capacity: 1, Offers: "network leisure", Police: 40, Trained: 35, Pledge: 35, Waiting: 33},
}

// newSpec is one demo newcomer as written down below.
type newSpec struct {
	Name      string
	Family    bool
	Gender    mentoring.Gender
	Age       mentoring.AgeGroup
	Adults    int
	Kids      []int
	Langs     string
	Nordic    mentoring.NordicLevel
	Needs     string
	Interests string
	District  string
	Avail     string
	Prefs     mentoring.Preferences
	Locale    string // "" is nb
	Status    mentoring.NewcomerStatus
	Waiting   int    // days on the waiting list
	Contact   string // "phone", "email", "both" or "" (reached through the refugee service)
}

const (
	nordicNone         = mentoring.NordicNone
	nordicBeginner     = mentoring.NordicBeginner
	nordicIntermediate = mentoring.NordicIntermediate
)

var (
	onlyWomen    = mentoring.Preferences{Gender: gFemale}
	withChildren = mentoring.Preferences{Children: mentoring.ChildrenWith}
)

// newcomerSpecs are the demo newcomers: persons and families who speak
// Arabic, Tigrinya, Somali, Dari, Ukrainian and Kurmanji, with no to
// intermediate Norwegian, waiting from a day to about half a year.
var newcomerSpecs = []newSpec{
	{Name: "Omar Haddad", Gender: gMale, Age: age30, Langs: "ar:native en:basic nb:basic", Nordic: nordicBeginner,
		Needs: "language network", Interests: "sport job_network fotball", District: "Fjell",
		Avail: "mon-evening wed-evening sat-afternoon", Waiting: 160, Contact: "phone"},
	{Name: "Rania Khalil", Gender: gFemale, Age: age30, Langs: "ar:native en:conversational", Nordic: nordicNone,
		Needs: "practical language", Interests: "crafts food_club women", District: "Strømsø",
		Avail: "tue-morning thu-morning thu-afternoon", Prefs: onlyWomen, Waiting: 12, Contact: "phone"},
	{Name: "Familien Al-Sayed", Family: true, Age: age30, Adults: 2, Kids: []int{4, 7, 11},
		Langs: "ar:native nb:basic", Nordic: nordicBeginner, Needs: "practical leisure homework",
		Interests: "families sport svømming", District: "Tangen",
		Avail: "fri-evening sat-afternoon sun-afternoon", Prefs: withChildren, Waiting: 95, Contact: "phone"},
	{Name: "Yousef Ibrahim", Gender: gMale, Age: age18, Langs: "ar:native en:fluent nb:conversational", Nordic: nordicIntermediate,
		Needs: "language network", Interests: "job_network music gitar", District: "Bragernes",
		Avail: "mon-evening wed-evening thu-evening", Locale: "en", Waiting: 200, Contact: "both"},
	{Name: "Semhar Tesfay", Gender: gFemale, Age: age18, Langs: "ti:native am:conversational en:basic", Nordic: nordicBeginner,
		Needs: "language network", Interests: "music language_cafe women", District: "Tangen",
		Avail: "tue-evening thu-evening sun-afternoon",
		Prefs: mentoring.Preferences{Gender: gFemale, AgeGroups: []mentoring.AgeGroup{age18, age30}}, Waiting: 33, Contact: "phone"},
	{Name: "Familien Kidane", Family: true, Age: age30, Adults: 2, Kids: []int{2, 5},
		Langs: "ti:native nb:basic", Nordic: nordicBeginner, Needs: "practical leisure",
		Interests: "families outdoor", District: "Danvik",
		Avail: "sat-morning sat-afternoon sun-afternoon", Prefs: withChildren, Waiting: 140, Contact: "phone"},
	{Name: "Dawit Haile", Gender: gMale, Age: age30, Langs: "ti:native en:conversational", Nordic: nordicBeginner,
		Needs: "language network", Interests: "sport sykling job_network", District: "Gulskogen",
		Avail: "tue-evening fri-evening sat-afternoon", Waiting: 170, Contact: "both"},
	{Name: "Familien Gebremariam", Family: true, Age: age30, Adults: 1, Kids: []int{9, 12},
		Langs: "ti:native", Nordic: nordicBeginner, Needs: "practical homework",
		Interests: "homework_help families", District: "Fjell",
		Avail: "tue-evening thu-evening sun-afternoon", Prefs: onlyWomen, Waiting: 45, Contact: "phone"},
	{Name: "Faadumo Warsame", Gender: gFemale, Age: age50, Langs: "so:native ar:basic", Nordic: nordicNone,
		Needs: "practical language", Interests: "crafts women food_club", District: "Danvik",
		Avail: "tue-evening thu-afternoon sat-morning", Prefs: onlyWomen, Waiting: 198, Contact: "phone"},
	{Name: "Familien Nur", Family: true, Age: age30, Adults: 2, Kids: []int{6, 8, 10, 14},
		Langs: "so:native en:conversational nb:basic", Nordic: nordicBeginner, Needs: "practical network homework",
		Interests: "sport homework_help families", District: "Strømsø",
		Avail: "mon-afternoon wed-afternoon sat-afternoon", Waiting: 120, Contact: "both"},
	{Name: "Abdirahman Hassan", Gender: gMale, Age: age18, Langs: "so:native en:fluent nb:conversational", Nordic: nordicIntermediate,
		Needs: "network", Interests: "sport fotball job_network", District: "Mjøndalen",
		Avail: "tue-evening thu-evening sun-afternoon", Locale: "en", Waiting: 110, Contact: "both"},
	{Name: "Familien Ahmadi", Family: true, Age: age30, Adults: 2, Kids: []int{3, 9},
		Langs: "prs:native fa:fluent nb:basic", Nordic: nordicBeginner, Needs: "practical language homework",
		Interests: "families outdoor cricket", District: "Gulskogen",
		Avail: "wed-afternoon sat-morning sun-morning", Waiting: 75, Contact: "phone"},
	{Name: "Zahra Hosseini", Gender: gFemale, Age: age18, Langs: "prs:native en:conversational nb:conversational", Nordic: nordicIntermediate,
		Needs: "language network", Interests: "culture language_cafe sykling", District: "Åssiden",
		Avail: "mon-evening wed-evening fri-afternoon", Prefs: onlyWomen, Waiting: 8, Contact: "both"},
	{Name: "Mohammad Karimi", Gender: gMale, Age: age30, Langs: "prs:native ps:fluent", Nordic: nordicNone,
		Needs: "practical language", Interests: "sport cricket", District: "Austad",
		Avail: "tue-afternoon thu-afternoon sat-morning", Waiting: 150, Contact: "phone"},
	{Name: "Familien Noori", Family: true, Age: age30, Adults: 1, Kids: []int{15, 17},
		Langs: "prs:native", Nordic: nordicBeginner, Needs: "network homework",
		Interests: "sport job_network", District: "Svelvik",
		Avail: "mon-evening thu-evening", Waiting: 62, Contact: "phone"},
	{Name: "Familien Kovalenko", Family: true, Age: age30, Adults: 1, Kids: []int{8, 13},
		Langs: "uk:native ru:fluent en:conversational", Nordic: nordicBeginner, Needs: "language leisure homework",
		Interests: "music sport families", District: "Bragernes",
		Avail: "wed-evening sat-afternoon sun-afternoon", Locale: "en", Waiting: 85, Contact: "both"},
	{Name: "Oleksandr Bondarenko", Gender: gMale, Age: age50, Langs: "uk:native ru:fluent", Nordic: nordicBeginner,
		Needs: "practical language network", Interests: "outdoor fiske sjakk", District: "Konnerud",
		Avail: "mon-morning wed-afternoon sat-morning", Waiting: 58, Contact: "phone"},
	{Name: "Iryna Shevchenko", Gender: gFemale, Age: age30, Langs: "uk:native en:fluent pl:basic", Nordic: nordicIntermediate,
		Needs: "language network", Interests: "job_network culture music", District: "Strømsø",
		Avail: "tue-evening thu-evening", Locale: "en", Waiting: 27, Contact: "email"},
	{Name: "Familien Tkachenko", Family: true, Age: age30, Adults: 2, Kids: []int{5},
		Langs: "uk:native ru:native en:basic", Nordic: nordicNone, Needs: "practical language leisure",
		Interests: "families outdoor", District: "Åssiden",
		Avail: "sat-morning sun-morning sun-afternoon", Waiting: 19, Contact: "phone"},
	{Name: "Vitalii Moroz", Gender: gMale, Age: age67, Langs: "uk:native ru:fluent", Nordic: nordicNone,
		Needs: "language leisure", Interests: "sjakk seniors outdoor", District: "Åssiden",
		Avail: "mon-afternoon wed-afternoon fri-afternoon", Waiting: 190, Contact: "phone"},
	{Name: "Berfin Yıldız", Gender: gFemale, Age: age18, Langs: "kmr:native tr:fluent en:conversational ar:basic", Nordic: nordicIntermediate,
		Needs: "language network", Interests: "women sport language_cafe", District: "Austad",
		Avail: "mon-evening thu-evening sat-morning", Prefs: onlyWomen, Waiting: 41, Contact: "both"},
	{Name: "Familien Hasan", Family: true, Age: age30, Adults: 2, Kids: []int{1, 4, 7},
		Langs: "kmr:native ar:conversational", Nordic: nordicNone, Needs: "practical leisure homework",
		Interests: "families food_club", District: "Fjell",
		Avail: "wed-evening sat-afternoon sun-afternoon", Waiting: 130, Contact: "phone"},
	{Name: "Rêber Aslan", Gender: gMale, Age: age30, Langs: "kmr:native tr:fluent", Nordic: nordicBeginner,
		Needs: "language network", Interests: "music sport", District: "Gulskogen",
		Avail: "tue-evening fri-evening", Waiting: 52, Contact: "phone"},
	{Name: "Familien Haj Ali", Family: true, Age: age30, Adults: 2, Kids: []int{12, 16},
		Langs: "ar:native en:conversational nb:conversational", Nordic: nordicIntermediate, Needs: "network homework",
		Interests: "sport job_network", District: "Konnerud",
		Avail: "mon-evening sat-afternoon", Status: mentoring.NewcomerPaused, Waiting: 60, Contact: "both"},
	{Name: "Nour Saleh", Gender: gFemale, Age: age18, Langs: "ar:native en:fluent", Nordic: nordicBeginner,
		Needs: "language network leisure", Interests: "music culture language_cafe", District: "Bragernes",
		Avail: "wed-evening fri-afternoon sat-afternoon", Locale: "en", Waiting: 4, Contact: "email"},
	{Name: "Ahmed Mahmoud", Gender: gMale, Age: age50, Langs: "ar:native", Nordic: nordicNone,
		Needs: "practical language", Interests: "sjakk outdoor", District: "Strømsø",
		Avail: "mon-morning tue-morning thu-morning",
		Prefs: mentoring.Preferences{AgeGroups: []mentoring.AgeGroup{age50, age67}}, Waiting: 101, Contact: "phone"},
	{Name: "Familien Osman", Family: true, Age: age18, Adults: 2, Kids: []int{0, 3},
		Langs: "ti:native ar:conversational", Nordic: nordicNone, Needs: "practical leisure",
		Interests: "families", District: "Tangen",
		Avail: "tue-afternoon thu-afternoon sat-morning", Waiting: 23, Contact: "phone"},
	{Name: "Natalia Kravets", Gender: gFemale, Age: age30, Langs: "uk:native ru:fluent en:basic", Nordic: nordicBeginner,
		Needs: "language network", Interests: "crafts outdoor", District: "Mjøndalen",
		Avail: "tue-evening sat-morning", Waiting: 67, Contact: "phone"},
	{Name: "Abdullahi Farah", Gender: gMale, Age: age18, Langs: "so:native ar:conversational en:conversational", Nordic: nordicBeginner,
		Needs: "language network leisure", Interests: "sport fotball basketball", District: "Fjell",
		Avail: "mon-evening wed-evening sun-afternoon", Waiting: 36, Contact: "phone"},
	{Name: "Mariam Sultani", Gender: gFemale, Age: age30, Langs: "prs:native en:basic", Nordic: nordicNone,
		Needs: "practical language", Interests: "crafts women sying", District: "Danvik",
		Avail: "tue-morning wed-morning thu-morning", Prefs: onlyWomen, Waiting: 1, Contact: "phone"},
}

// MentoringVolunteers returns the demo volunteers, dated relative to now,
// in the form Normalize leaves them in and valid. Each call returns new
// values, the same for the same now.
func MentoringVolunteers(now time.Time) []*mentoring.Volunteer {
	c := newClock(now)
	out := make([]*mentoring.Volunteer, 0, len(volunteerSpecs))
	for i, s := range volunteerSpecs {
		v := &mentoring.Volunteer{
			Profile: makeProfile(s.Name, s.Family, s.Gender, s.Age, s.Adults, s.Kids, s.Langs, s.Interests, s.District,
				s.Avail, s.Prefs, s.Locale),
			Status:   s.Status,
			Capacity: s.Capacity,
			Offers:   parseNeeds(s.Offers),
		}
		v.Email = emailLocal(s.Name) + mailDomain
		if !s.NoPhone {
			v.Phone = mobile("frivillig|" + s.Name)
		}
		if s.Police > 0 {
			shown := c.day(s.Police)
			v.PoliceCheck = mentoring.PoliceCheck{Kind: mentoring.PoliceCheckNO, ShownOn: shown,
				CheckedBy: PoliceCheckedBy, RenewBy: shown.AddDate(3, 0, 0)}
		}
		if s.Trained > 0 {
			v.TrainedOn = c.day(s.Trained)
		}
		if s.Pledge > 0 {
			v.PledgeSignedOn = c.day(s.Pledge)
		}
		v.WaitingSince = c.at(s.Waiting, 9+i%9, (i*17)%60)
		out = append(out, v)
	}
	return out
}

// MentoringNewcomers returns the demo newcomers, dated relative to now, in
// the form Normalize leaves them in and valid. Each call returns new
// values, the same for the same now.
func MentoringNewcomers(now time.Time) []*mentoring.Newcomer {
	c := newClock(now)
	out := make([]*mentoring.Newcomer, 0, len(newcomerSpecs))
	for i, s := range newcomerSpecs {
		n := &mentoring.Newcomer{
			Profile:     makeProfile(s.Name, s.Family, s.Gender, s.Age, s.Adults, s.Kids, s.Langs, s.Interests, s.District, s.Avail, s.Prefs, s.Locale),
			Status:      s.Status,
			NordicLevel: s.Nordic,
			Needs:       parseNeeds(s.Needs),
		}
		if n.Status == "" {
			n.Status = mentoring.NewcomerWaiting
		}
		if s.Contact == "email" || s.Contact == "both" {
			n.Email = emailLocal(s.Name) + mailDomain
		}
		if s.Contact == "phone" || s.Contact == "both" {
			n.Phone = mobile("nykommer|" + s.Name)
		}
		n.WaitingSince = c.at(s.Waiting, 9+i%8, (i*23)%60)
		out = append(out, n)
	}
	return out
}

// makeProfile builds a profile from the shorthand of the specs. It panics
// on a mistake in them (the tests run every spec).
func makeProfile(name string, family bool, g mentoring.Gender, age mentoring.AgeGroup, adults int, kids []int,
	langs, interests, district, avail string, prefs mentoring.Preferences, locale string) mentoring.Profile {
	p := mentoring.Profile{
		Household: mentoring.HouseholdPerson, Name: name, Locale: locale, Gender: g, AgeGroup: age,
		Adults: 1, District: district, Coords: near(district, name), Preferences: prefs,
	}
	if family {
		p.Household, p.Adults = mentoring.HouseholdFamily, max(adults, 1)
	}
	if p.Locale == "" {
		p.Locale = "nb"
	}
	if len(kids) > 0 {
		p.ChildrenAges = slices.Sorted(slices.Values(kids))
	}
	for _, f := range strings.Fields(langs) {
		code, level, ok := strings.Cut(f, ":")
		if !ok {
			panic("demo: language without a level: " + f)
		}
		p.Languages = append(p.Languages, mentoring.LanguageSkill{Code: code, Level: mentoring.Level(level)})
	}
	p.Interests = strings.Fields(interests)
	a, bad := mentoring.ParseAvailability(strings.Fields(avail))
	if len(bad) > 0 {
		panic(fmt.Sprintf("demo: %s: unknown slots %q", name, bad))
	}
	p.Availability = a
	return p
}

// parseNeeds reads need codes into the order Normalize keeps them in.
func parseNeeds(s string) []mentoring.Need {
	codes := strings.Fields(s)
	var out []mentoring.Need
	for _, n := range mentoring.Needs {
		if slices.Contains(codes, string(n)) {
			out = append(out, n)
		}
	}
	if len(out) != len(codes) {
		panic("demo: unknown need in " + strconv.Quote(s))
	}
	return out
}

// near is a point within a few hundred metres of the district's centre,
// the same for the same seed.
func near(district, seed string) mentoring.Coords {
	d := lookupDistrict(district)
	h := fnv.New64a()
	h.Write([]byte(seed))
	v := h.Sum64()
	a := float64(v&0xffff)/0xffff*2 - 1
	b := float64((v>>16)&0xffff)/0xffff*2 - 1
	round := func(x float64) float64 { return math.Round(x*1e4) / 1e4 }
	return mentoring.Coords{Lat: round(d.Lat + 0.005*a), Lon: round(d.Lng + 0.01*b)}
}

// ---------------------------------------------------------------------------
// Pairings

// contactSpec is one logged contact: "47 meeting went_well" is a meeting
// that went well 47 days ago; a fourth field "coordinator" says the
// coordinator logged it (else the volunteer did).
type contactSpec string

// checkInSpec is a check-in the coordinator did: the point, how many days
// after its due day, and how it went.
type checkInSpec struct {
	Point   string
	After   int
	Outcome mentoring.CheckInOutcome
}

// planSpec is one demo pairing, run through the real lifecycle. Days are
// counted back from today; 0 means it did not happen.
type planSpec struct {
	Vol, New string
	Months   int
	Proposed int
	// VolYes and NewYes: the days each side said yes; the pairing starts
	// at the later one.
	VolYes, NewYes int
	// DeclinedBy said no DeclinedAgo days ago, for Reason.
	DeclinedBy  mentoring.Side
	DeclinedAgo int
	Reason      mentoring.DeclineReason
	Contacts    []contactSpec
	CheckIns    []checkInSpec
	// Ended days ago for EndReason, with Evaluation.
	Ended      int
	EndReason  mentoring.EndReason
	Evaluation mentoring.Evaluation
}

// pairingPlan is the demo programme's history, oldest first: two pairings
// that ended, one proposal declined, six active pairings (two of them
// quiet, and check-ins overdue on three), and three proposals waiting for
// answers (one six days old and unanswered, so the reminder goes out; one
// with the volunteer's yes only; one waiting for the demo sign-in
// volunteer's answer).
var pairingPlan = []planSpec{
	{Vol: "Familien Holm", New: "Vitalii Moroz", Months: 3, Proposed: 172, VolYes: 171, NewYes: 168,
		Contacts: []contactSpec{"165 meeting went_well", "158 activity went_well", "150 meeting went_well",
			"143 phone ok", "136 meeting went_well", "128 activity went_well", "121 meeting ok",
			"112 meeting went_well", "104 activity went_well", "95 meeting went_well", "86 meeting went_well",
			"80 activity went_well"},
		CheckIns: []checkInSpec{{"2w", 1, mentoring.CheckInGoingWell}, {"1m", 2, mentoring.CheckInGoingWell}, {"3m", 0, mentoring.CheckInEnding}},
		Ended:    75, EndReason: mentoring.EndCompleted,
		Evaluation: mentoring.Evaluation{Rating: 5, Frequency: mentoring.FrequencyWeekly,
			Outcomes: []mentoring.Outcome{mentoring.OutcomeLanguage, mentoring.OutcomeLeisure, mentoring.OutcomeFriends}}},
	{Vol: "Jonas Eriksson", New: "Dawit Haile", Months: 6, Proposed: 158, NewYes: 156, VolYes: 154,
		Contacts: []contactSpec{"150 meeting went_well", "141 activity ok", "127 meeting ok", "112 phone ok",
			"96 meeting cancelled", "90 message ok", "71 meeting no_show", "62 phone ok coordinator"},
		CheckIns: []checkInSpec{{"2w", 2, mentoring.CheckInGoingWell}, {"1m", 1, mentoring.CheckInGoingWell}, {"3m", 3, mentoring.CheckInNotReached}},
		Ended:    42, EndReason: mentoring.EndNoContact,
		Evaluation: mentoring.Evaluation{Rating: 2, Frequency: mentoring.FrequencyRarely,
			Outcomes: []mentoring.Outcome{mentoring.OutcomePractical}}},
	{Vol: "Erik Johansen", New: "Oleksandr Bondarenko", Months: 6, Proposed: 24,
		DeclinedBy: mentoring.SideVolunteer, DeclinedAgo: 21, Reason: mentoring.DeclineNoTime},
	{Vol: "Ingrid Solberg", New: "Faadumo Warsame", Months: 12, Proposed: 192, VolYes: 191, NewYes: 187,
		Contacts: []contactSpec{"183 meeting went_well", "176 meeting went_well", "168 activity went_well",
			"161 meeting ok", "153 phone ok", "144 meeting went_well", "135 activity went_well", "128 meeting ok",
			"115 meeting went_well", "108 phone ok", "96 meeting went_well", "87 activity went_well",
			"76 meeting difficult", "69 meeting ok", "57 meeting went_well", "48 activity went_well",
			"36 meeting went_well", "29 phone ok", "20 meeting went_well", "13 activity went_well",
			"4 meeting went_well"},
		CheckIns: []checkInSpec{{"2w", 1, mentoring.CheckInGoingWell}, {"1m", 3, mentoring.CheckInGoingWell}, {"3m", 2, mentoring.CheckInGoingWell}}},
	{Vol: "Farid Rahimi", New: "Mohammad Karimi", Months: 6, Proposed: 127, NewYes: 125, VolYes: 123,
		Contacts: []contactSpec{"119 meeting went_well", "110 meeting ok", "101 activity went_well", "88 phone ok",
			"74 meeting ok", "61 meeting difficult", "47 phone ok", "26 meeting cancelled"},
		CheckIns: []checkInSpec{{"2w", 1, mentoring.CheckInGoingWell}, {"1m", 2, mentoring.CheckInNeedsSupport}}},
	{Vol: "Marek Nowak", New: "Abdirahman Hassan", Months: 6, Proposed: 86, VolYes: 85, NewYes: 82,
		Contacts: []contactSpec{"78 activity went_well", "70 meeting ok", "63 activity went_well", "51 meeting ok",
			"39 message ok", "14 meeting no_show"},
		CheckIns: []checkInSpec{{"2w", 2, mentoring.CheckInGoingWell}, {"1m", 1, mentoring.CheckInGoingWell}}},
	{Vol: "Ahmad Al-Khatib", New: "Omar Haddad", Months: 6, Proposed: 66, NewYes: 64, VolYes: 63,
		Contacts: []contactSpec{"59 meeting went_well", "52 activity went_well", "45 meeting ok", "38 meeting went_well",
			"31 phone ok", "24 activity went_well", "17 meeting went_well", "10 meeting went_well", "3 activity went_well"},
		CheckIns: []checkInSpec{{"2w", 1, mentoring.CheckInGoingWell}, {"1m", 0, mentoring.CheckInGoingWell}}},
	{Vol: "Familien Aziz", New: "Familien Al-Sayed", Months: 12, Proposed: 41, VolYes: 40, NewYes: 36,
		Contacts: []contactSpec{"33 meeting went_well", "26 activity went_well", "19 meeting ok", "12 activity went_well",
			"5 meeting went_well"},
		CheckIns: []checkInSpec{{"2w", 2, mentoring.CheckInGoingWell}}},
	{Vol: "Selam Tesfamariam", New: "Familien Gebremariam", Months: 6, Proposed: 26, NewYes: 24, VolYes: 22,
		Contacts: []contactSpec{"17 meeting went_well", "9 phone ok", "6 meeting went_well"},
		CheckIns: []checkInSpec{{"2w", 2, mentoring.CheckInGoingWell}}},
	{Vol: "Lars Bakken", New: "Oleksandr Bondarenko", Months: 6, Proposed: 6},
	{Vol: "Hodan Abdi", New: "Familien Nur", Months: 6, Proposed: 3, VolYes: 2},
	{Vol: "Ahmad Al-Khatib", New: "Yousef Ibrahim", Months: 6, Proposed: 2, NewYes: 1},
}

// LoadMentoring creates the demo volunteers and newcomers and then the
// demo pairings through the services, going through the real lifecycle
// with times in the past: proposed with the engine's score and reasons,
// answered, contacts logged, check-ins done, ended. Every pair passes the
// engine's hard rules when it is proposed. The store's clock (created_at,
// the "today" contacts are checked against) is its own; everything else
// is relative to now. It stops at the first error and returns how many of
// each it created.
func LoadMentoring(ctx context.Context, vs mentoring.VolunteerService, ns mentoring.NewcomerService, ps mentoring.PairingService, now time.Time) (nVol, nNew, nPair int, err error) {
	c := newClock(now)
	vols := map[string]*mentoring.Volunteer{}
	for _, v := range MentoringVolunteers(now) {
		if err := vs.CreateVolunteer(ctx, v); err != nil {
			return nVol, nNew, nPair, fmt.Errorf("demo: create volunteer %q: %w", v.Name, err)
		}
		vols[v.Name] = v
		nVol++
	}
	news := map[string]*mentoring.Newcomer{}
	for _, n := range MentoringNewcomers(now) {
		if err := ns.CreateNewcomer(ctx, n); err != nil {
			return nVol, nNew, nPair, fmt.Errorf("demo: create newcomer %q: %w", n.Name, err)
		}
		news[n.Name] = n
		nNew++
	}
	l := loader{ctx: ctx, ps: ps, c: c, vols: vols, news: news}
	for i, pl := range pairingPlan {
		if err := l.run(i, pl); err != nil {
			return nVol, nNew, nPair, fmt.Errorf("demo: pairing %s – %s: %w", pl.Vol, pl.New, err)
		}
		nPair++
	}
	return nVol, nNew, nPair, nil
}

// loader runs the pairing plan. It keeps the parties' open pairings and
// statuses in step with the store's, so that the engine's Check sees them
// as the store does.
type loader struct {
	ctx  context.Context
	ps   mentoring.PairingService
	c    demoClock
	vols map[string]*mentoring.Volunteer
	news map[string]*mentoring.Newcomer
}

func (l *loader) run(i int, pl planSpec) error {
	v, n := l.vols[pl.Vol], l.news[pl.New]
	if v == nil || n == nil {
		return fmt.Errorf("unknown party")
	}
	at := func(ago, hour, min int) (time.Time, error) {
		t := l.c.at(ago, hour, min)
		if ago < 1 || t.After(l.c.now) {
			return t, fmt.Errorf("%d days ago at %02d:%02d is not in the past", ago, hour, min)
		}
		return t, nil
	}
	proposed, err := at(pl.Proposed, 10, (i*7)%50)
	if err != nil {
		return err
	}
	var p mentoring.Policy
	check := &mentoring.Engine{Weights: mentoring.DefaultWeights, Local: "nb", Today: p.DayOf(proposed)}
	if r := check.Check(v, n, false); r != mentoring.RuleNone {
		return fmt.Errorf("breaks the hard rule %q", r)
	}
	score, reasons := (&mentoring.Engine{Weights: mentoring.DefaultWeights, Local: "nb", Today: l.c.now}).Score(v, n)
	pr := mentoring.NewPairing(v.ID, n.ID, 0, pl.Months, proposed, p)
	pr.Score, pr.Reasons = score, reasons
	if err := l.ps.ProposePairing(l.ctx, pr); err != nil {
		return err
	}
	v.Open++
	id := pr.ID

	// Answers, in the order they were given.
	type answer struct {
		side mentoring.Side
		ago  int
		yes  bool
	}
	var answers []answer
	if pl.VolYes > 0 {
		answers = append(answers, answer{mentoring.SideVolunteer, pl.VolYes, true})
	}
	if pl.NewYes > 0 {
		answers = append(answers, answer{mentoring.SideNewcomer, pl.NewYes, true})
	}
	if pl.DeclinedBy != "" {
		answers = append(answers, answer{pl.DeclinedBy, pl.DeclinedAgo, false})
	}
	slices.SortStableFunc(answers, func(a, b answer) int { return b.ago - a.ago })
	for _, a := range answers {
		hour := 19
		if a.side == mentoring.SideNewcomer {
			hour = 13
		}
		t, err := at(a.ago, hour, 30)
		if err != nil {
			return err
		}
		if pr, err = l.ps.AnswerPairing(l.ctx, id, a.side, a.yes, pl.Reason, 0, t); err != nil {
			return fmt.Errorf("%s answers: %w", a.side, err)
		}
	}
	switch pr.Status {
	case mentoring.PairingDeclined:
		v.Open--
		return nil
	case mentoring.PairingProposed:
		return nil
	case mentoring.PairingActive:
	default:
		return fmt.Errorf("status %s after the answers", pr.Status)
	}

	// Active: contacts and check-ins, in the order they happened.
	for _, cs := range pl.Contacts {
		f := strings.Fields(string(cs))
		if len(f) < 3 {
			return fmt.Errorf("contact %q: want days, kind and outcome", cs)
		}
		ago, err := strconv.Atoi(f[0])
		if err != nil {
			return fmt.Errorf("contact %q: %w", cs, err)
		}
		cl := &mentoring.ContactLog{PairingID: id, Date: l.c.day(ago), Kind: mentoring.ContactKind(f[1]),
			Outcome: mentoring.ContactOutcome(f[2]), Side: "volunteer"}
		if len(f) > 3 {
			cl.Side = f[3]
		}
		if err := l.ps.LogContact(l.ctx, cl); err != nil {
			return fmt.Errorf("contact %q: %w", cs, err)
		}
	}
	if len(pl.CheckIns) > 0 {
		list, _, err := l.ps.FindCheckIns(l.ctx, mentoring.CheckInFilter{PairingID: &id})
		if err != nil {
			return err
		}
		for _, cs := range pl.CheckIns {
			k := slices.IndexFunc(list, func(ci *mentoring.CheckIn) bool { return ci.Point == cs.Point })
			if k < 0 {
				return fmt.Errorf("no %s check-in", cs.Point)
			}
			ago := int(l.c.today.Sub(mentoring.Day(list[k].Due)).Hours()/24) - cs.After
			t, err := at(ago, 11, 30)
			if err != nil {
				return fmt.Errorf("check-in %s: %w", cs.Point, err)
			}
			if _, err := l.ps.CompleteCheckIn(l.ctx, list[k].ID, cs.Outcome, 0, t); err != nil {
				return fmt.Errorf("check-in %s: %w", cs.Point, err)
			}
		}
	}
	if pl.Ended == 0 {
		return nil
	}
	t, err := at(pl.Ended, 14, 0)
	if err != nil {
		return err
	}
	if _, err := l.ps.EndPairing(l.ctx, id, pl.EndReason, pl.Evaluation, 0, t); err != nil {
		return fmt.Errorf("end: %w", err)
	}
	v.Open--
	status, pause := mentoring.AfterEnd(pl.EndReason)
	if n.Status != mentoring.NewcomerLeft {
		n.Status = status
		if status == mentoring.NewcomerWaiting {
			n.WaitingSince = t
		}
	}
	if pause && v.Status != mentoring.VolunteerLeft {
		v.Status = mentoring.VolunteerPaused
	}
	v.WaitingSince = t
	return nil
}
