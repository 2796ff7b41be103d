package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"broen/registry"
)

// genKind is one kind of synthetic activity. Weights are per mille-ish and
// deliberately skewed: a few kinds (football, language café, homework help)
// fill most of the registry, as in a real municipality, and some
// (archery, kayaking) are rare, so searches see both very common and very
// rare terms. "trening" and "kafé" end many titles.
type genKind struct {
	W      int
	Cat    registry.Category
	Stage  registry.Stage
	NB, EN string
	DescNB string
	DescEN string
	Aud    []string // audience keys this kind may have (see audiences)
	Paid   int      // percent of instances that cost money
	Price  [2]int   // kroner range when paid
	Reg    int      // percent that need registration
	Key    string   // key into genTitles, for titles in newcomers' languages
}

var genKinds = []genKind{
	{120, registry.CategorySport, participation, "Fotballtrening", "Football training",
		"Trening med pasningsøvelser, lek og småspill.", "Training with passing drills, games and small-sided matches.",
		[]string{"barn", "jenter", "gutter", "ungdom", "voksne"}, 60, [2]int{300, 1200}, 50, "fotball"},
	{100, registry.CategoryLanguageCafe, qualification, "Språkkafé", "Language café",
		"Øv på norsk med frivillige over en kopp kaffe.", "Practise Norwegian with volunteers over a cup of coffee.",
		[]string{"", "voksne", "kvinner", "ungdom", "seniorer"}, 0, [2]int{}, 5, "sprakkafe"},
	{90, registry.CategoryHomework, qualification, "Leksehjelp", "Homework help",
		"Frivillige hjelper med lekser i alle fag.", "Volunteers help with homework in every subject.",
		[]string{"barn", "ungdom", "", "voksne"}, 0, [2]int{}, 10, "leksehjelp"},
	{60, registry.CategoryOutdoor, participation, "Turgruppe", "Walking group",
		"Vi går i rolig tempo og tar en pause med matpakke.", "We walk at an easy pace and stop for a packed lunch.",
		[]string{"", "familie", "seniorer", "kvinner", "nybegynnere"}, 0, [2]int{}, 10, "turgruppe"},
	{50, registry.CategoryCrafts, participation, "Strikkekafé", "Knitting café",
		"Ta med strikketøyet, eller lær å strikke av oss.", "Bring your knitting, or learn to knit with us.",
		[]string{"", "nybegynnere", "seniorer"}, 10, [2]int{20, 100}, 5, ""},
	{50, registry.CategorySport, participation, "Håndballtrening", "Handball training",
		"Håndball og lek i hallen.", "Handball and games in the sports hall.",
		[]string{"barn", "jenter", "gutter", "ungdom"}, 70, [2]int{400, 1200}, 60, ""},
	{40, registry.CategorySport, participation, "Svømmetrening", "Swimming practice",
		"Svømming i små grupper med instruktør.", "Swimming in small groups with an instructor.",
		[]string{"barn", "kvinner", "voksne", "nybegynnere"}, 80, [2]int{300, 1500}, 80, ""},
	{40, registry.CategoryFoodClub, participation, "Matklubb", "Food club",
		"Vi lager mat sammen og spiser sammen etterpå.", "We cook together and eat together afterwards.",
		[]string{"", "ungdom", "familie", "kvinner"}, 50, [2]int{30, 100}, 40, "matklubb"},
	{35, registry.CategoryWomen, participation, "Kvinnegruppe", "Women's group",
		"Kvinner møtes til te og samtale.", "Women meet for tea and conversation.",
		[]string{""}, 0, [2]int{}, 10, "kvinnegruppe"},
	{30, registry.CategoryCrafts, participation, "Sygruppe", "Sewing group",
		"Vi syr, reparerer klær og drikker te sammen.", "We sew, mend clothes and drink tea together.",
		[]string{"", "kvinner", "nybegynnere"}, 10, [2]int{50, 400}, 20, "sygruppe"},
	{30, registry.CategoryMeetingPlace, participation, "Kvinnekafé", "Women's café",
		"Kaffe, mat og prat for kvinner i alle aldre.", "Coffee, food and a chat for women of all ages.",
		[]string{""}, 0, [2]int{}, 0, "kvinnegruppe"},
	{30, registry.CategoryFamilies, participation, "Familiekafé", "Family café",
		"Et lekehjørne for barna og kaffe for de voksne.", "A play corner for the children and coffee for the adults.",
		[]string{""}, 10, [2]int{20, 60}, 0, ""},
	{30, registry.CategorySport, participation, "Friidrettstrening", "Athletics training",
		"Løp, hopp og kast.", "Running, jumping and throwing.",
		[]string{"barn", "ungdom", "voksne"}, 60, [2]int{300, 900}, 50, ""},
	{30, registry.CategorySeniors, participation, "Seniortrim", "Seniors' exercise",
		"Styrke og balanse til musikk.", "Strength and balance to music.",
		[]string{""}, 20, [2]int{20, 300}, 10, ""},
	{25, registry.CategorySport, participation, "Sjakkurs", "Chess course",
		"Lær reglene og spill mot andre.", "Learn the rules and play against others.",
		[]string{"barn", "ungdom", "nybegynnere", "voksne"}, 20, [2]int{100, 400}, 60, ""},
	{25, registry.CategoryMusic, participation, "Korøvelse", "Choir rehearsal",
		"Vi synger sanger fra hele verden.", "We sing songs from all over the world.",
		[]string{"", "barn", "seniorer"}, 50, [2]int{200, 600}, 20, ""},
	{20, registry.CategoryJobNetwork, qualification, "Jobbnettverkskveld", "Job network evening",
		"Møt arbeidsgivere og andre jobbsøkere.", "Meet employers and other job seekers.",
		[]string{"", "kvinner", "ungdom"}, 0, [2]int{}, 70, ""},
	{20, registry.CategoryJobNetwork, qualification, "CV-verksted", "CV workshop",
		"Skriv eller oppdater CV-en din med hjelp.", "Write or update your CV with help.",
		[]string{"", "ungdom"}, 0, [2]int{}, 60, ""},
	{20, registry.CategorySport, participation, "Styrketrening", "Strength training",
		"Trening med egen kroppsvekt og enkle redskaper.", "Training with your own body weight and simple equipment.",
		[]string{"kvinner", "voksne", "seniorer"}, 40, [2]int{200, 800}, 30, ""},
	{20, registry.CategorySport, participation, "Innebandytrening", "Floorball training",
		"Innebandy med kølle og ball til utlån.", "Floorball, with sticks and balls to borrow.",
		[]string{"barn", "ungdom", "voksne"}, 40, [2]int{200, 700}, 30, ""},
	{20, registry.CategoryCulture, participation, "Bokprat", "Book talk",
		"Vi leser en bok og snakker om den sammen.", "We read a book and talk about it together.",
		[]string{"", "ungdom", "seniorer"}, 0, [2]int{}, 20, ""},
	{20, registry.CategoryChildren, participation, "Brettspillkveld", "Board game night",
		"Brettspill og kortspill for alle som liker å spille.", "Board and card games for everyone who likes to play.",
		[]string{"ungdom", "familie", "barn"}, 0, [2]int{}, 0, ""},
	{15, registry.CategoryMusic, participation, "Gitarkurs", "Guitar course",
		"Lær grunnleggende akkorder i små grupper.", "Learn basic chords in small groups.",
		[]string{"barn", "ungdom", "nybegynnere", "voksne"}, 80, [2]int{400, 1500}, 90, ""},
	{15, registry.CategoryCulture, participation, "Dansekurs", "Dance class",
		"Dans til musikk fra mange land.", "Dance to music from many countries.",
		[]string{"barn", "ungdom", "kvinner", "seniorer"}, 60, [2]int{200, 1500}, 60, ""},
	{15, registry.CategorySeniors, participation, "Lunsjtreff", "Lunch meeting",
		"Varm lunsj og en gjest som forteller.", "A hot lunch and a guest speaker.",
		[]string{"seniorer"}, 70, [2]int{40, 80}, 20, ""},
	{12, registry.CategoryMeetingPlace, settlement, "Datahjelp", "Computer help",
		"Hjelp med mobil, PC, BankID og e-post.", "Help with phones, computers, BankID and email.",
		[]string{"", "seniorer", "nybegynnere"}, 0, [2]int{}, 10, ""},
	{10, registry.CategorySport, participation, "Klatretrening", "Climbing practice",
		"Klatring med tau og instruktør.", "Rope climbing with an instructor.",
		[]string{"barn", "ungdom", "voksne"}, 80, [2]int{300, 1500}, 80, ""},
	{10, registry.CategorySport, participation, "Basketballtrening", "Basketball practice",
		"Basketball for alle nivåer.", "Basketball for all levels.",
		[]string{"ungdom", "jenter", "gutter"}, 40, [2]int{200, 800}, 30, ""},
	{10, registry.CategoryCulture, participation, "Filmklubb", "Film club",
		"Vi ser en film og snakker om den etterpå.", "We watch a film and talk about it afterwards.",
		[]string{"", "ungdom"}, 10, [2]int{20, 50}, 0, ""},
	{8, registry.CategoryCulture, participation, "Teatergruppe", "Theatre group",
		"Improvisasjon og scenetrening.", "Improvisation and stage practice.",
		[]string{"barn", "ungdom"}, 30, [2]int{300, 1000}, 70, ""},
	{8, registry.CategoryCrafts, participation, "Tegnekurs", "Drawing course",
		"Tegning og maling med en kunstner.", "Drawing and painting with an artist.",
		[]string{"barn", "voksne", "seniorer"}, 40, [2]int{200, 800}, 60, ""},
	{6, registry.CategoryMusic, participation, "Babysang", "Baby singing",
		"Sang og rim for de minste sammen med en voksen.", "Songs and rhymes for the little ones with an adult.",
		[]string{"familie"}, 0, [2]int{}, 20, ""},
	{6, registry.CategoryCrafts, participation, "Sykkelverksted", "Bicycle workshop",
		"Lær å reparere sykkelen din selv.", "Learn to repair your own bicycle.",
		[]string{"", "ungdom"}, 0, [2]int{}, 10, ""},
	{4, registry.CategoryOutdoor, participation, "Orienteringsløp", "Orienteering race",
		"Finn postene med kart og kompass.", "Find the control points with map and compass.",
		[]string{"familie", "barn", "voksne"}, 20, [2]int{50, 150}, 40, ""},
	{3, registry.CategoryOutdoor, participation, "Kajakkpadling", "Kayaking",
		"Padling på fjorden med erfarne ledere.", "Paddling on the fjord with experienced leaders.",
		[]string{"ungdom", "voksne"}, 60, [2]int{200, 600}, 90, ""},
	{2, registry.CategoryCrafts, participation, "Keramikkverksted", "Pottery workshop",
		"Dreiing og forming i leire.", "Throwing and shaping clay.",
		[]string{"barn", "voksne"}, 90, [2]int{300, 1200}, 90, ""},
	{2, registry.CategorySport, participation, "Bueskyting", "Archery",
		"Bueskyting med instruktør og utstyr til utlån.", "Archery with an instructor and equipment to borrow.",
		[]string{"ungdom", "voksne"}, 70, [2]int{200, 800}, 90, ""},
}

// audience is who an activity is for: a title suffix and an age range.
type audience struct {
	NB, EN   string
	Min, Max int
}

var audiences = map[string]audience{
	"":            {"", "", 0, 0},
	"barn":        {" for barn", " for children", 6, 12},
	"jenter":      {" for jenter", " for girls", 8, 16},
	"gutter":      {" for gutter", " for boys", 8, 16},
	"ungdom":      {" for ungdom", " for teenagers", 13, 19},
	"voksne":      {" for voksne", " for adults", 18, 0},
	"kvinner":     {" for kvinner", " for women", 16, 0},
	"seniorer":    {" for seniorer", " for seniors", 60, 0},
	"familie":     {" for hele familien", " for the whole family", 0, 0},
	"nybegynnere": {" for nybegynnere", " for beginners", 0, 0},
}

// genTitles are the titles of the commonest kinds in the newcomers' languages.
var genTitles = map[string]map[string]string{
	"fotball": {"ar": "تدريب كرة القدم", "uk": "Футбольне тренування", "so": "Tababarka kubadda cagta",
		"prs": "تمرین فوتبال", "kmr": "Rahênana futbolê"},
	"sprakkafe": {"ar": "مقهى اللغة", "uk": "Мовне кафе", "so": "Maqaaxida luqadda", "ti": "ናይ ቋንቋ ካፌ",
		"prs": "کافه زبان", "kmr": "Kafeya zimên"},
	"leksehjelp": {"ar": "مساعدة في الواجبات المدرسية", "uk": "Допомога з домашніми завданнями",
		"so": "Caawimaad casharrada guriga", "ti": "ሓገዝ ዕዮ ገዛ", "prs": "کمک در کارخانگی", "kmr": "Alîkariya dersên malê"},
	"turgruppe": {"ar": "مجموعة المشي", "uk": "Група для прогулянок", "so": "Kooxda socodka",
		"prs": "گروه پیاده‌روی", "kmr": "Koma meşê"},
	"matklubb": {"ar": "نادي الطبخ", "uk": "Кулінарний клуб", "so": "Naadiga cunto karinta",
		"prs": "باشگاه آشپزی", "kmr": "Klûba xwarinçêkirinê"},
	"kvinnegruppe": {"ar": "مجموعة النساء", "uk": "Жіноча група", "so": "Kooxda haweenka", "ti": "ጉጅለ ደቀንስትዮ",
		"prs": "گروه زنان", "kmr": "Koma jinan"},
	"sygruppe": {"ar": "مجموعة الخياطة", "uk": "Швейна група", "so": "Kooxda tolliinta", "prs": "گروه خیاطی", "kmr": "Koma dirûtinê"},
}

// genDesc says, in a newcomer's language, that the activity is held in that
// language and Norwegian.
var genDesc = map[string]string{
	"ar":  "نشاط باللغتين العربية والنرويجية. الجميع مرحب بهم.",
	"uk":  "Заняття українською та норвезькою мовами. Ласкаво просимо всіх.",
	"so":  "Hawl af-Soomaali iyo af-Noorweeji ah. Qof walba waa la soo dhaweynayaa.",
	"ti":  "ንጥፈት ብትግርኛን ብኖርወይኛን። ኩሉ ሰብ እንቋዕ ብደሓን መጸ።",
	"prs": "فعالیت به زبان‌های دری و نارویژی. همه خوش آمدید.",
	"kmr": "Çalakî bi kurmancî û norwêcî ye. Hûn hemû bi xêr hatin.",
}

// genLang is a language an activity may be held in besides Norwegian, with
// how often (percent) and its name in Norwegian and English.
type genLang struct {
	Code   string
	P      int
	NB, EN string
}

var genLangs = []genLang{
	{"en", 25, "engelsk", "English"},
	{"ar", 12, "arabisk", "Arabic"},
	{"uk", 8, "ukrainsk", "Ukrainian"},
	{"so", 6, "somali", "Somali"},
	{"ti", 5, "tigrinja", "Tigrinya"},
	{"prs", 5, "dari", "Dari"},
	{"pl", 3, "polsk", "Polish"},
	{"kmr", 2, "kurmanji", "Kurmanji"},
	{"fr", 2, "fransk", "French"},
	{"sv", 1, "svensk", "Swedish"},
}

var (
	genVenueNB = []string{"%s skole", "%s bydelshus", "Idrettshallen %s", "Frivillighuset %s", "%s bibliotek", "Aktivitetshuset %s"}
	genFirst   = []string{"Kari", "Ola", "Ingrid", "Per", "Fatima", "Ahmed", "Olena", "Andrii", "Semhar", "Yonas",
		"Faadumo", "Abdi", "Freshta", "Ali", "Berivan", "Nour", "Silje", "Jonas", "Maria", "Hassan", "Amina", "Lars"}
	genLast = []string{"Hansen", "Johansen", "Olsen", "Larsen", "Haddad", "Hassan", "Kovalenko", "Melnyk", "Tesfay",
		"Kidane", "Cali", "Warsame", "Ahmadi", "Rahimi", "Doğan", "Al-Khatib", "Berg", "Haugen", "Nilsen", "Ali"}
	genOrgDomain = []string{"idrettslag", "frivillig", "forening", "kulturhus", "menighet", "bibliotek"}
	genStarts    = []string{"10:00", "11:00", "12:00", "16:00", "16:30", "17:00", "17:30", "18:00", "18:30", "19:00"}
	genDurations = []int{60, 90, 90, 120, 120, 150}
)

// Generate returns n synthetic but realistic activities for search
// benchmarks and load tests, the same ones for the same seed. Each belongs
// to one of orgIDs (0 when orgIDs is empty), is approved, and passes
// Validate. Titles are Norwegian compound words with an audience and a
// district ("Fotballtrening for jenter på Fjell"), with term frequencies
// skewed like a real registry's.
func Generate(seed int64, n int, orgIDs []int64) []*registry.Activity {
	r := rand.New(rand.NewPCG(uint64(seed), 0x5eed_b70e_d7a3_2026))
	total := 0
	for _, k := range genKinds {
		total += k.W
	}
	out := make([]*registry.Activity, 0, max(n, 0))
	for i := 0; i < n; i++ {
		out = append(out, generateOne(r, total, orgIDs))
	}
	return out
}

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

func percent(r *rand.Rand, p int) bool { return r.IntN(100) < p }

func generateOne(r *rand.Rand, total int, orgIDs []int64) *registry.Activity {
	// Kind, by weight.
	w := r.IntN(total)
	var k genKind
	for _, c := range genKinds {
		if w < c.W {
			k = c
			break
		}
		w -= c.W
	}
	aud := audiences[pick(r, k.Aud)]
	d := pick(r, districts)
	withPlace := percent(r, 45)

	// Languages: Norwegian almost always, sometimes one or two more.
	spoken := []string{"nb"}
	var extra []genLang
	for _, l := range genLangs {
		if len(extra) < 2 && percent(r, l.P) {
			spoken = append(spoken, l.Code)
			extra = append(extra, l)
		}
	}
	if len(extra) > 0 && percent(r, 3) {
		spoken = spoken[1:] // held in the other language only
	}
	spoken = sortedCopy(spoken)

	titleNB := k.NB + aud.NB
	titleEN := k.EN + aud.EN
	if withPlace {
		titleNB += " " + d.Prep + " " + d.Name
		titleEN += " in " + d.Name
	}
	descNB := k.DescNB
	descEN := k.DescEN
	if aud.NB != "" && aud.Min > 0 {
		if aud.Max > 0 {
			descNB += fmt.Sprintf(" For deg som er %d–%d år.", aud.Min, aud.Max)
			descEN += fmt.Sprintf(" For ages %d–%d.", aud.Min, aud.Max)
		} else {
			descNB += fmt.Sprintf(" For deg fra %d år.", aud.Min)
			descEN += fmt.Sprintf(" For ages %d and up.", aud.Min)
		}
	}
	if len(extra) > 0 {
		var nb, en []string
		if contains(spoken, "nb") {
			nb, en = append(nb, "norsk"), append(en, "Norwegian")
		}
		for _, l := range extra {
			nb, en = append(nb, l.NB), append(en, l.EN)
		}
		descNB += " Vi snakker " + joinAnd(nb, "og") + "."
		descEN += " We speak " + joinAnd(en, "and") + "."
	}

	title := registry.Text{"nb": titleNB, "en": titleEN}
	desc := registry.Text{}
	for _, l := range extra {
		if t := genTitles[k.Key][l.Code]; t != "" && genDesc[l.Code] != "" {
			title[l.Code] = t
			desc[l.Code] = genDesc[l.Code]
		}
	}

	cost := registry.Cost{Kind: registry.CostFree, Currency: Currency}
	if k.Paid > 0 && percent(r, k.Paid) {
		kr := k.Price[0] + r.IntN(k.Price[1]-k.Price[0]+1)
		kr = max(10, kr/10*10)
		cost = registry.Cost{Kind: registry.CostPaid, Price: int64(kr) * 100, Currency: Currency,
			LeisureCard: aud.Max > 0 && aud.Max <= 19 && percent(r, 70)}
		descNB += fmt.Sprintf(" Pris: %d kr per semester.", kr)
		descEN += fmt.Sprintf(" Price: %d kroner per term.", kr)
	} else {
		descNB += " Gratis."
		descEN += " Free of charge."
	}
	desc["nb"], desc["en"] = descNB, descEN

	first, last := pick(r, genFirst), pick(r, genLast)
	name := first + " " + last
	contact := registry.Contact{
		Name:  name,
		Email: emailLocal(name) + "@" + pick(r, genOrgDomain) + "-" + registry.DistrictCode(d.Name) + ".example",
	}
	if percent(r, 70) {
		contact.Phone = fmt.Sprintf("+47%s%06d", pick(r, mobilePrefixes), r.IntN(1_000_000))
	}

	reg := percent(r, k.Reg)
	join := registry.Text{}
	for l := range title {
		if reg {
			join[l] = fmt.Sprintf(signUp[l], name)
		} else {
			join[l] = walkIn[l]
		}
	}
	capacity := 0
	if reg && percent(r, 70) {
		capacity = 8 + r.IntN(8)*4
	}

	var acc []string
	for _, a := range registry.AccessibilityFeatures {
		p := 8
		if a == "step_free" || a == "wheelchair" || a == "accessible_toilet" {
			p = 45
		}
		if percent(r, p) {
			acc = append(acc, a)
		}
	}
	acc = sortedCopy(acc)

	loc := registry.Location{
		Name:     fmt.Sprintf(pick(r, genVenueNB), d.Name),
		Address:  fmt.Sprintf("%s %d", pick(r, d.Streets), 1+r.IntN(120)),
		Postcode: pick(r, d.Postcodes),
		City:     d.City,
		District: d.Name,
		Country:  Country,
		Lat:      round5(d.Lat + (r.Float64()-0.5)*0.016),
		Lng:      round5(d.Lng + (r.Float64()-0.5)*0.03),
	}

	var orgID int64
	if len(orgIDs) > 0 {
		orgID = orgIDs[r.IntN(len(orgIDs))]
	}
	return &registry.Activity{
		OrganisationID:       orgID,
		Title:                title,
		Description:          desc,
		HowToJoin:            join,
		Category:             k.Cat,
		Stage:                k.Stage,
		AgeMin:               aud.Min,
		AgeMax:               aud.Max,
		Languages:            spoken,
		Cost:                 cost,
		Accessibility:        acc,
		RegistrationRequired: reg,
		Capacity:             capacity,
		Contact:              contact,
		Location:             loc,
		Schedules:            []registry.Schedule{genSchedule(r, aud)},
		Status:               registry.StatusApproved,
	}
}

// genSchedule makes a schedule: mostly weekly, some every other week,
// monthly or once, at a time of day that suits the audience.
func genSchedule(r *rand.Rand, aud audience) registry.Schedule {
	start := pick(r, genStarts)
	if aud.Max > 0 && aud.Max <= 19 && start < "16:00" {
		start = "17:00" // children are at school in the daytime, except at weekends
	}
	mins := pick(r, genDurations)
	var h, m int
	fmt.Sscanf(start, "%d:%d", &h, &m)
	endMin := min(h*60+m+mins, 22*60)
	clock := fmt.Sprintf("%s-%02d:%02d", start, endMin/60, endMin%60)

	from := mustDate(seasonStart).AddDate(0, 0, 7*r.IntN(4))
	p := pause(r.IntN(3))
	end := ""
	if p == pauseSchool || percent(r, 30) {
		end = seasonEnd
	}
	day := dayCodes[r.IntN(7)]
	var w string
	switch x := r.IntN(100); {
	case x < 52:
		w = day + " " + clock
	case x < 70:
		second := dayCodes[r.IntN(7)]
		if second == day {
			w = day + " " + clock
		} else if weekdayOrder(second) < weekdayOrder(day) {
			w = second + "," + day + " " + clock
		} else {
			w = day + "," + second + " " + clock
		}
	case x < 82:
		w = "2W " + day + " " + clock
	case x < 94:
		nth := []string{"1", "2", "3", "-1"}[r.IntN(4)]
		w = nth + day + " " + clock
	default:
		date := mustDate("2026-09-01").AddDate(0, 0, r.IntN(290))
		w = date.Format(time.DateOnly) + " " + clock
	}
	return when(w).schedule(from, end, p)
}

// weekdayOrder puts Monday first.
func weekdayOrder(code string) int { return (int(rruleDay[code]) + 6) % 7 }

func round5(f float64) float64 {
	return float64(int64(f*100000+0.5)) / 100000
}

// joinAnd lists words the way a sentence does: "a", "a og b", "a, b og c".
func joinAnd(words []string, and string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + and + " " + words[len(words)-1]
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
