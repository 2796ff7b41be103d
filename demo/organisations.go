package demo

import (
	"fmt"
	"hash/fnv"
	"strings"
	"unicode"

	"broen/registry"
)

// org is one demo organisation as written down here. Its email address is
// post@ its domain, its website https:// its domain, and its address that of
// its home venue.
type org struct {
	Key    string
	Name   string
	Kind   registry.OrgKind
	Venue  string
	Domain string
	Phone  string // landline, E.164
	Public bool   // shows its contact details publicly
	People []string
	Desc   registry.Text
}

var orgs = []org{
	// Voluntary organisations.
	{"redcross", "Drammen Røde Kors", registry.OrgVoluntary, "rodekors", "drammen-rodekors.no", "+4732830410", true,
		[]string{"Ingrid Haugen", "Yonas Tesfamariam", "Maria Lindqvist", "Hassan Ali"},
		registry.Text{
			"nb": "Lokalforeningen driver leksehjelp, nettverksgrupper og flyktningguide, der nybosatte blir kjent med en frivillig som viser dem byen. Alle aktivitetene våre er gratis, og alle frivillige har levert politiattest.",
			"en": "The local branch runs homework help, network groups and the refugee guide scheme, where newcomers get to know a volunteer who shows them around town. All our activities are free, and every volunteer has shown a police certificate.",
		}},
	{"frivillig", "Drammen Frivilligsentral", registry.OrgVoluntary, "frivillig", "drammenfrivilligsentral.no", "+4732041250", true,
		[]string{"Tone Berg", "Ali Reza Ahmadi", "Jens Mikkelsen"},
		registry.Text{
			"nb": "Frivilligsentralen kobler folk som vil bidra med folk som ønsker et fellesskap. Vi har språkkafé, turgrupper, seniortreff og reparasjonskafé, og hjelper deg gjerne å finne en aktivitet som passer.",
			"en": "The volunteer centre connects people who want to help with people who want company. We run a language café, walking groups, seniors' meetings and a repair café, and are happy to help you find an activity that suits you.",
		}},
	{"mjfrivillig", "Mjøndalen Frivilligsentral", registry.OrgVoluntary, "mjfrivillig", "mjondalen-frivilligsentral.no", "+4732871540", true,
		[]string{"Randi Sørensen", "Mustafa Yılmaz"},
		registry.Text{
			"nb": "Møteplass og frivilligsentral midt i Mjøndalen. Her kan du ta en kaffe, låne verktøy, bli med i jobbsøkerkafeen eller melde deg som frivillig.",
			"en": "A meeting place and volunteer centre in the middle of Mjøndalen. Drop in for coffee, borrow tools, join the job seekers' café or sign up as a volunteer.",
		}},
	{"svfrivillig", "Svelvik Frivilligsentral", registry.OrgVoluntary, "svfrivillig", "svelvik-frivilligsentral.no", "+4733772210", true,
		[]string{"Bente Aas", "Olena Hrytsenko"},
		registry.Text{
			"nb": "Frivilligsentralen i Svelvik samler frivillige og nye innbyggere til språkkafé, turer langs fjorden og familiedager.",
			"en": "Svelvik's volunteer centre brings volunteers and new residents together for a language café, walks along the fjord and family days.",
		}},
	{"folkehjelp", "Norsk Folkehjelp Drammen", registry.OrgVoluntary, "folkehjelp", "folkehjelp-drammen.no", "+4732249030", false,
		[]string{"Terje Johansen", "Sahra Warsame"},
		registry.Text{
			"nb": "Vi arrangerer sykkelkurs for kvinner, norsktrening og førstehjelpskurs på lett norsk. Alle kan bli med, uansett bakgrunn.",
			"en": "We run cycling courses for women, Norwegian practice and first-aid courses in plain Norwegian. Everyone is welcome, whatever their background.",
		}},
	{"bymisjon", "Bymisjonen i Drammen", registry.OrgVoluntary, "bymisjon", "bymisjonen-drammen.no", "+4732212880", true,
		[]string{"Kristin Moe", "Abdi Nur"},
		registry.Text{
			"nb": "Kafé Elvebredden er et varmt og rusfritt sted der alle er velkomne til en kopp kaffe, et måltid og en prat. Ingen spør hvorfor du kommer.",
			"en": "Kafé Elvebredden is a warm, alcohol-free place where everyone is welcome for a cup of coffee, a meal and a chat. Nobody asks why you came.",
		}},
	{"turlag", "Drammen Turlag", registry.OrgVoluntary, "torget", "drammen-turlag.no", "+4732836600", true,
		[]string{"Per Kristian Lunde", "Maria Lindqvist"},
		registry.Text{
			"nb": "Turlaget tar deg med ut i Drammensmarka, på Konnerud og langs Drammensfjorden. Turene våre er gratis, og vi låner ut ski og sekker til dem som trenger det.",
			"en": "The hiking club takes you out into Drammensmarka, up to Konnerud and along the Drammen fjord. Our trips are free, and we lend skis and rucksacks to those who need them.",
			"sv": "Turlaget tar dig med ut i Drammensmarka, upp till Konnerud och längs Drammensfjorden. Turerna är gratis.",
		}},
	{"kor", "Fargerike stemmer – flerkulturelt kor", registry.OrgVoluntary, "ungdomshuset", "fargerikestemmer.no", "+4732040770", true,
		[]string{"Silje Andersen", "Nour Al-Khatib"},
		registry.Text{
			"nb": "Et kor for alle som liker å synge. Vi synger på norsk, arabisk, tigrinja, ukrainsk og mange andre språk, og du trenger ikke kunne lese noter.",
			"en": "A choir for everyone who likes to sing. We sing in Norwegian, Arabic, Tigrinya, Ukrainian and many other languages, and you don't need to read music.",
		}},
	{"husflid", "Drammen Husflidslag", registry.OrgVoluntary, "husflid", "drammen-husflidslag.no", "+4732893410", false,
		[]string{"Åse Kristiansen", "Lene Dahl", "Kirsten Holm"},
		registry.Text{
			"nb": "Husflidslaget holder strikkekafé, sykurs og verksteder i gamle og nye håndverkstradisjoner. Vi har symaskiner og garn du kan låne.",
			"en": "The crafts association holds a knitting café, sewing courses and workshops in old and new craft traditions. We have sewing machines and yarn you can borrow.",
			"da": "Husflidslaget holder strikkecafé, sykurser og værksteder. Vi har symaskiner og garn, du kan låne.",
		}},
	{"speider", "Åssiden speidergruppe", registry.OrgVoluntary, "speiderhus", "assiden-speidergruppe.no", "+4732874520", true,
		[]string{"Håkon Strand", "Amina Jama"},
		registry.Text{
			"nb": "Speiding er friluftsliv, vennskap og samarbeid for barn og ungdom. Vi møtes hver uke og drar på tur en helg i måneden.",
			"en": "Scouting is outdoor life, friendship and teamwork for children and young people. We meet every week and go camping one weekend a month.",
		}},
	{"matklubb", "Matgleden Drammen", registry.OrgVoluntary, "gulskogenskole", "matgleden-drammen.no", "+4732046690", true,
		[]string{"Hilde Nygård", "Rania Haddad"},
		registry.Text{
			"nb": "Matklubben der vi lager mat fra hele verden sammen, spiser sammen og deler oppskrifter. Hver gang er det noen nye som viser fram sitt kjøkken.",
			"en": "The food club where we cook dishes from all over the world together, eat together and share recipes. Each time someone new shows us their kitchen.",
		}},
	{"seniorsenter", "Tangen seniorsenter", registry.OrgVoluntary, "seniorsenter", "tangen-seniorsenter.no", "+4732206140", true,
		[]string{"Eva Solberg", "Arne Halvorsen"},
		registry.Text{
			"nb": "Seniorsenteret er åpent for alle over 60 år. Vi har kafé med lunsj, trim, allsang, datahjelp og turer, og nye venner er alltid velkomne.",
			"en": "The seniors' centre is open to everyone over 60. We have a café serving lunch, exercise classes, sing-alongs, computer help and outings, and new friends are always welcome.",
		}},

	// Sports clubs.
	{"konnerudil", "Konnerud IL", registry.OrgSports, "konnerudpark", "konnerud-il.no", "+4732877900", true,
		[]string{"Geir Olsen", "Camilla Berge", "Marius Eriksen"},
		registry.Text{
			"nb": "Idrettslaget på Konnerud med fotball, ski, volleyball og allidrett. Alle barn skal få være med, og vi har utstyr til utlån.",
			"en": "The sports club at Konnerud with football, skiing, volleyball and multi-sport. Every child should be able to take part, and we lend out equipment.",
		}},
	{"fjellfk", "Fjell Fotballklubb", registry.OrgSports, "fjellskole", "fjell-fk.no", "+4732893010", true,
		[]string{"Kjetil Hansen", "Faisal Ahmed"},
		registry.Text{
			"nb": "Fotballklubben på Fjell har lag for jenter og gutter fra 6 år. Treningsavgiften dekkes av fritidskortet, og ingen står utenfor fordi de mangler fotballsko.",
			"en": "Fjell's football club has teams for girls and boys from age 6. The leisure card covers the training fee, and nobody is left out for lack of football boots.",
		}},
	{"handball", "Bragernes Håndballklubb", registry.OrgSports, "bragerneshallen", "bragernes-handball.no", "+4732835280", true,
		[]string{"Siri Lie", "Thomas Bakken"},
		registry.Text{
			"nb": "Håndball for barn og ungdom i Bragerneshallen. Nye spillere kan prøve gratis de første fire ukene.",
			"en": "Handball for children and young people in Bragerneshallen. New players can try it free for the first four weeks.",
		}},
	{"friidrett", "Drammen Friidrettsklubb", registry.OrgSports, "gulskogenidrett", "drammen-friidrett.no", "+4732824470", true,
		[]string{"Jon Helge Tveit", "Merhawi Kidane"},
		registry.Text{
			"nb": "Friidrett for barn, ungdom og voksne: løp, hopp og kast på Gulskogen idrettsplass og innendørs om vinteren.",
			"en": "Athletics for children, young people and adults: running, jumping and throwing at Gulskogen sports ground, and indoors in winter.",
		}},
	{"svom", "Drammen Svømmeklubb", registry.OrgSports, "badet", "drammen-svommeklubb.no", "+4732800320", true,
		[]string{"Linda Aasen", "Hodan Mohamed"},
		registry.Text{
			"nb": "Svømmeopplæring for barn og voksne i Drammensbadet. Vi har egne kurs for kvinner med kvinnelige instruktører.",
			"en": "Swimming lessons for children and adults at Drammensbadet. We have separate courses for women with female instructors.",
		}},
	{"sjakk", "Drammen Sjakklubb", registry.OrgSports, "sjakk", "drammen-sjakklubb.no", "+4732837750", true,
		[]string{"Rune Gundersen", "Karim Mansour"},
		registry.Text{
			"nb": "Sjakk for alle aldre og nivåer. Vi har kurs for barn, åpne klubbkvelder og turneringer, og brett til utlån.",
			"en": "Chess for all ages and levels. We run courses for children, open club nights and tournaments, and lend out boards.",
		}},
	{"mjif", "Mjøndalen Idrettsforening", registry.OrgSports, "mjstadion", "mjondalen-if.no", "+4732873300", true,
		[]string{"Stian Larsen", "Lina Persson"},
		registry.Text{
			"nb": "Idrettsforeningen i Mjøndalen har fotball og allidrett for barn og ungdom. Hos oss er alle velkomne, også de som aldri har spilt før.",
			"en": "Mjøndalen's sports club offers football and multi-sport for children and young people. Everyone is welcome, also those who have never played before.",
			"sv": "Idrottsföreningen i Mjøndalen har fotboll och allidrott för barn och ungdomar. Alla är välkomna.",
		}},
	{"svelvikil", "Svelvik Idrettslag", registry.OrgSports, "svhallen", "svelvik-il.no", "+4733772800", true,
		[]string{"Morten Pedersen", "Anne Grete Wold"},
		registry.Text{
			"nb": "Allidrett, turn og trim i Svelvikhallen og på tur langs fjorden.",
			"en": "Multi-sport, gymnastics and fitness in Svelvikhallen and on walks along the fjord.",
		}},
	{"cricket", "Drammen Cricketklubb", registry.OrgSports, "tangenskole", "drammen-cricket.no", "+4732204410", true,
		[]string{"Zabihullah Sultani", "Imran Qureshi"},
		registry.Text{
			"nb":  "Cricket for ungdom og voksne. Innendørs i gymsalen på Tangen om vinteren, ute på gressbanen om sommeren.",
			"en":  "Cricket for young people and adults. Indoors in the Tangen school gym in winter, outside on the grass pitch in summer.",
			"prs": "کرکت برای جوانان و بزرگسالان. در زمستان در سالون ورزشی مکتب تانگن بازی می‌کنیم.",
		}},

	// Immigrant organisations.
	{"somali", "Somalisk Kulturforening i Drammen", registry.OrgImmigrant, "somali", "somalisk-drammen.no", "+4732248810", false,
		[]string{"Faadumo Cali", "Abdirahman Yusuf"},
		registry.Text{
			"nb": "Foreningen samler somaliske familier i Drammen. Vi har leksehjelp, kvinnetreff, foreldremøter om skole og fritid og kulturkvelder for alle.",
			"en": "The association brings Somali families in Drammen together. We offer homework help, women's meetings, parents' evenings about school and leisure, and cultural evenings for everyone.",
			"so": "Ururku wuxuu isu keenaa qoysaska Soomaaliyeed ee Drammen. Waxaan leenahay caawimaad casharrada guriga, kulanka haweenka iyo habeenno dhaqameed.",
		}},
	{"eritrea", "Eritreisk Forening Drammen", registry.OrgImmigrant, "eritrea", "eritreisk-drammen.no", "+4732246620", false,
		[]string{"Semhar Tesfay", "Yonas Tesfamariam"},
		registry.Text{
			"nb": "Eritreisk Forening er et møtested for eritreere i Drammen og alle som vil bli kjent med dem. Vi har kaffeseremoni, leksehjelp og kulturkvelder.",
			"en": "The Eritrean Association is a meeting place for Eritreans in Drammen and everyone who wants to get to know them. We hold coffee ceremonies, homework help and cultural evenings.",
			"ti": "ማሕበር ኤርትራውያን ኣብ ድራመን መራኸቢ ቦታ እዩ። ስነ-ስርዓት ቡን፣ ሓገዝ ዕዮ ገዛን ምሸት ባህልን ኣለና።",
		}},
	{"afghan", "Afghansk Kulturforening Drammen", registry.OrgImmigrant, "afghan", "afghansk-drammen.no", "+4732892270", false,
		[]string{"Ali Reza Ahmadi", "Freshta Rahimi"},
		registry.Text{
			"nb":  "Foreningen for afghanere i Drammen. Vi har leksehjelp på dari og norsk, kvinnegruppe, cricket for ungdom og feirer nowruz hvert år.",
			"en":  "The association for Afghans in Drammen. We offer homework help in Dari and Norwegian, a women's group and cricket for young people, and celebrate Nowruz every year.",
			"prs": "انجمن افغان‌های درامن. ما کمک در کارخانگی به زبان دری و نارویژی، گروه زنان و کرکت برای جوانان داریم.",
		}},
	{"syrisk", "Syrisk-norsk forening Drammen", registry.OrgImmigrant, "syrisk", "syrisk-norsk-drammen.no", "+4732247730", true,
		[]string{"Nour Al-Khatib", "Khaled Haddad", "Rania Haddad"},
		registry.Text{
			"nb": "Foreningen for arabisktalende familier i Drammen. Vi har leksehjelp på arabisk og norsk, arabiskskole for barn og kvinnegruppe.",
			"en": "The association for Arabic-speaking families in Drammen. We offer homework help in Arabic and Norwegian, Arabic lessons for children and a women's group.",
			"ar": "جمعية للعائلات الناطقة بالعربية في درامن. نقدم مساعدة في الواجبات المدرسية باللغتين العربية والنرويجية، ودروساً في اللغة العربية للأطفال، ومجموعة للنساء.",
		}},
	{"ukraina", "Ukrainsk forening i Drammen", registry.OrgImmigrant, "ukraina", "ukrainsk-drammen.no", "+4732830990", true,
		[]string{"Olena Kovalenko", "Andrii Melnyk"},
		registry.Text{
			"nb": "Foreningen for ukrainere i Drammen. Vi har lørdagsskole for barn, mødregruppe, jobbnettverk og møteplass for alle aldre.",
			"en": "The association for Ukrainians in Drammen. We run a Saturday school for children, a mothers' group, a job network and a meeting place for all ages.",
			"uk": "Об’єднання українців у Драммені. У нас є суботня школа для дітей, група для мам, мережа пошуку роботи та місце зустрічей для всіх.",
		}},
	{"kurdisk", "Kurdisk kvinneforening Drammen", registry.OrgImmigrant, "kurdisk", "kurdisk-kvinneforening.no", "+4732209950", false,
		[]string{"Berivan Doğan", "Rojda Kaya"},
		registry.Text{
			"nb":  "Kvinneforeningen er et sted der kurdiske kvinner og alle andre kvinner møtes til kaffe, tur og samtale.",
			"en":  "The women's association is a place where Kurdish women and all other women meet for coffee, walks and conversation.",
			"kmr": "Komeleya jinan cihek e ku jinên kurd û hemû jinên din li hev dicivin.",
		}},
	{"kvinnekafe", "Internasjonal kvinnekafé Fjell", registry.OrgImmigrant, "bydelshus", "kvinnekafe-fjell.no", "+4732892840", true,
		[]string{"Hodan Mohamed", "Selam Gebremedhin", "Freshta Rahimi"},
		registry.Text{
			"nb": "Kafeen drives av innvandrerkvinner på Fjell. Vi lager mat, snakker norsk og hjelper hverandre med skole, jobb og hverdag. Barna kan være med.",
			"en": "The café is run by immigrant women at Fjell. We cook, speak Norwegian and help each other with school, work and daily life. Children are welcome.",
			"ar": "تدير المقهى نساء مهاجرات. نطبخ معاً ونتحدث النرويجية ونساعد بعضنا بعضاً في المدرسة والعمل والحياة اليومية.",
			"so": "Maqaaxida waxaa maamula haween soo galooti ah oo ku nool Fjell. Waxaan wada karinnaa, ku hadalnaa af-Noorweeji, isna caawinnaa.",
		}},

	// Open meeting places run by congregations and a mosque: faith-neutral
	// activities, open to everyone.
	{"stromsomenighet", "Strømsø menighet – Åpen kirkestue", registry.OrgMeetingPlace, "menighetshus", "stromso-menighet.no", "+4732211840", true,
		[]string{"Gunnhild Rasmussen", "Tor Erik Svendsen"},
		registry.Text{
			"nb": "Menighetshuset på Strømsø er åpent for alle, uansett tro og livssyn: åpen kafé, sygruppe og middag for alle. Det er ingen andakt på disse samlingene.",
			"en": "The parish hall at Strømsø is open to everyone, whatever their faith or beliefs: an open café, a sewing group and a dinner for all. There are no prayers at these gatherings.",
		}},
	{"konnerudkirke", "Konnerud menighet – kirkestua", registry.OrgMeetingPlace, "konnerudkirke", "konnerud-menighet.no", "+4732876130", true,
		[]string{"Elin Fossum", "Peder Knutsen"},
		registry.Text{
			"nb": "Kirkestua på Konnerud er et åpent møtested for familier, seniorer og nye i bydelen. Alle er velkomne, uansett tro.",
			"en": "The church hall at Konnerud is an open meeting place for families, seniors and newcomers to the district. Everyone is welcome, whatever their faith.",
		}},
	{"kultursenter", "Islamsk Kultursenter Drammen", registry.OrgMeetingPlace, "kultursenter", "iksdrammen.no", "+4732202260", true,
		[]string{"Ahmed Hassan", "Fatima Zahra Benali"},
		registry.Text{
			"nb": "Kultursenteret på Tangen har åpen kafé, sygruppe og språkkafé for alle naboer, uansett tro. Aktivitetene er i kafeen, ikke i bønnerommet.",
			"en": "The cultural centre at Tangen holds an open café, a sewing group and a language café for all neighbours, whatever their faith. The activities are in the café, not in the prayer room.",
			"ar": "يقدم المركز الثقافي في تانغن مقهى مفتوحاً ومجموعة خياطة ومقهى لغة لجميع الجيران، بغض النظر عن دينهم.",
		}},

	// Businesses.
	{"elvekanten", "Elvekanten Rekruttering AS", registry.OrgBusiness, "elvekanten", "elvekanten-rekruttering.no", "+4732205500", true,
		[]string{"Marte Hovland", "Daniel Tesfaye"},
		registry.Text{
			"nb": "Rekrutteringsbyrå i Drammen som inviterer arbeidsgivere og jobbsøkere til jobbnettverkskvelder. Vi hjelper deg med CV og jobbintervju uten kostnad.",
			"en": "A recruitment agency in Drammen that invites employers and job seekers to job network evenings. We help you with your CV and job interviews at no cost.",
		}},
	{"sparebank", "Elvebyen Sparebank", registry.OrgBusiness, "sparebank", "elvebyen-sparebank.no", "+4732212000", true,
		[]string{"Henrik Aune", "Olena Kovalenko"},
		registry.Text{
			"nb": "Lokalbanken på Strømsø holder gratis kurs i privatøkonomi for nybosatte: lønn, skatt, BankID og hvordan du unngår svindel.",
			"en": "The local bank at Strømsø holds free personal-finance courses for newcomers: pay, tax, BankID and how to avoid fraud.",
		}},

	// Public services.
	{"bibliotek", "Drammensbiblioteket", registry.OrgPublic, "bibliotek", "drammensbiblioteket.no", "+4732040500", true,
		[]string{"Anne Marit Vik", "Samir Haddad", "Iryna Bondarenko"},
		registry.Text{
			"nb": "Biblioteket på Papirbredden er åpent for alle. Her er språkkafé, leksehjelp, datahjelp og eventyrstund, og bøker på mer enn 30 språk.",
			"en": "The library at Papirbredden is open to everyone. It has a language café, homework help, computer help, story time and books in more than 30 languages.",
			"ar": "المكتبة مفتوحة للجميع. فيها مقهى لغة ومساعدة في الواجبات المدرسية وكتب بأكثر من ٣٠ لغة.",
			"uk": "Бібліотека відкрита для всіх. Тут є мовне кафе, допомога з домашніми завданнями та книжки більш ніж 30 мовами.",
		}},
	{"frisklivs", "Frisklivssentralen i Drammen", registry.OrgPublic, "helsehus", "frisklivdrammen.no", "+4732043300", true,
		[]string{"Kari Nilsen", "Mona Eide"},
		registry.Text{
			"nb": "Kommunens tilbud for deg som vil komme i gang med trening, bedre søvn eller mindre stress. Gruppene ledes av fysioterapeuter og er gratis.",
			"en": "The municipality's service for anyone who wants to get started with exercise, sleep better or feel less stressed. The groups are led by physiotherapists and are free.",
		}},
	{"fritid", "Fritid for alle – Drammen kommune", registry.OrgPublic, "radhus", "fritidforalle-drammen.no", "+4732040000", true,
		[]string{"Ole Martin Berg", "Sara Ghebremichael"},
		registry.Text{
			"nb": "Kommunens kontor for fritidskortet og Fritid for alle. Vi hjelper barn og familier å finne en fritidsaktivitet og søke støtte til kontingent og utstyr.",
			"en": "The municipality's office for the leisure card and Leisure for all. We help children and families find a leisure activity and apply for help with fees and equipment.",
		}},
	{"kulturskole", "Drammen kulturskole", registry.OrgPublic, "unionscene", "drammen-kulturskole.no", "+4732040950", true,
		[]string{"Jørgen Fjeld", "Tanja Shevchenko"},
		registry.Text{
			"nb": "Kulturskolen gir undervisning i musikk, dans, teater og visuell kunst. Noen grupper er åpne og gratis, andre har skolepenger som dekkes av fritidskortet.",
			"en": "The arts school teaches music, dance, theatre and visual arts. Some groups are open and free; others have fees that the leisure card covers.",
		}},
	{"fritidsklubb", "Fjell fritidsklubb", registry.OrgPublic, "fritidsklubb", "fjell-fritidsklubb.no", "+4732041880", true,
		[]string{"Thomas Vang", "Yasmin Omar"},
		registry.Text{
			"nb": "Den kommunale fritidsklubben på Fjell for ungdom fra 13 år. Her kan du spille, lage mat, snekre og bare henge med venner.",
			"en": "The municipal youth club at Fjell for young people from 13. Play games, cook, do woodwork or just hang out with friends.",
		}},
}

var orgIndex = func() map[string]int {
	m := make(map[string]int, len(orgs))
	for i, o := range orgs {
		if _, dup := m[o.Key]; dup {
			panic("demo: duplicate organisation " + o.Key)
		}
		m[o.Key] = i
	}
	return m
}()

func lookupOrg(key string) (int, org) {
	i, ok := orgIndex[key]
	if !ok {
		panic(fmt.Sprintf("demo: unknown organisation %q", key))
	}
	return i, orgs[i]
}

// Organisations returns the demo organisations, approved, in a fixed order.
// Activities refers to them by their index in this slice. Each call returns
// new values.
func Organisations() []*registry.Organisation {
	out := make([]*registry.Organisation, len(orgs))
	for i, o := range orgs {
		v := lookupVenue(o.Venue)
		d := lookupDistrict(v.District)
		out[i] = &registry.Organisation{
			Name:          o.Name,
			Kind:          o.Kind,
			Country:       Country,
			OrgNumber:     orgNumber(i),
			Description:   copyText(o.Desc),
			Website:       "https://" + o.Domain,
			Email:         "post@" + o.Domain,
			Phone:         o.Phone,
			ContactPublic: o.Public,
			Address:       v.Address,
			Postcode:      v.Postcode,
			City:          d.City,
			District:      v.District,
			Status:        registry.StatusApproved,
		}
	}
	return out
}

// orgNumber returns the invented Norwegian organisation number of the i-th
// demo organisation: nine digits starting with 9, the last a mod 11 check
// digit. Bases are 7919 apart and a base without a check digit moves up by
// at most a few, so numbers never collide (for the first thousand).
func orgNumber(i int) string {
	base := 91_234_567 + i*7_919
	for {
		if c, ok := mod11(base); ok {
			return fmt.Sprintf("%08d%d", base, c)
		}
		base++
	}
}

// mod11 returns the check digit of a Norwegian organisation number's first
// eight digits, and false where none exists (a remainder of 1).
func mod11(base int) (int, bool) {
	weights := [8]int{3, 2, 7, 6, 5, 4, 3, 2}
	sum := 0
	for k := 7; k >= 0; k-- {
		sum += (base % 10) * weights[k]
		base /= 10
	}
	c := 11 - sum%11
	switch c {
	case 11:
		return 0, true
	case 10:
		return 0, false
	}
	return c, true
}

// person returns a contact person of an organisation: the name, an email
// address at the organisation's domain and an invented mobile number.
func person(o org, who int) registry.Contact {
	name := o.People[who%len(o.People)]
	return registry.Contact{
		Name:  name,
		Email: emailLocal(name) + "@" + o.Domain,
		Phone: mobile(name + "|" + o.Key),
	}
}

// emailLocal writes a name as the local part of an email address:
// "Åse Kristiansen" → "ase.kristiansen".
func emailLocal(name string) string {
	var parts []string
	name = strings.ReplaceAll(name, "ı", "i") // Turkish dotless i has no decomposition
	for _, f := range strings.Fields(registry.Fold(name)) {
		var b strings.Builder
		for _, r := range f {
			if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
				b.WriteRune(r)
			}
		}
		if b.Len() > 0 {
			parts = append(parts, b.String())
		}
	}
	return strings.Join(parts, ".")
}

// mobilePrefixes are the first two digits of Norwegian mobile numbers.
var mobilePrefixes = []string{"40", "41", "45", "46", "47", "48", "90", "91", "92", "93", "94", "95", "97", "98", "99"}

// mobile derives an invented Norwegian mobile number from seed.
func mobile(seed string) string {
	h := fnv.New64a()
	h.Write([]byte(seed))
	v := h.Sum64()
	return fmt.Sprintf("+47%s%06d", mobilePrefixes[v%uint64(len(mobilePrefixes))], (v/16)%1_000_000)
}

func copyText(t registry.Text) registry.Text {
	if t == nil {
		return nil
	}
	out := make(registry.Text, len(t))
	for k, v := range t {
		out[k] = v
	}
	return out
}
