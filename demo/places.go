package demo

import (
	"fmt"

	"broen/registry"
)

// Country, zone and currency of the demo municipality.
const (
	Country      = "NO"
	Zone         = "Europe/Oslo"
	Currency     = "NOK"
	Municipality = "Drammen"
)

// district is one part of Drammen kommune as people name it, with the
// postcodes of its streets, its centre and a few of its street names.
type district struct {
	Name      string
	Prep      string // Norwegian preposition: "på Fjell", "i Mjøndalen"
	City      string // the postal town
	Postcodes []string
	Lat, Lng  float64
	Streets   []string
}

// districts are the districts the demo data covers, in the order they are
// listed in the municipality's own overview (centre first, then the
// outskirts).
var districts = []district{
	{"Bragernes", "på", "Drammen", []string{"3015", "3016", "3017", "3018"}, 59.7441, 10.2045,
		[]string{"Nedre Storgate", "Øvre Storgate", "Kirkegata", "Engene", "Schwensens gate", "Hans Kiærs gate"}},
	{"Strømsø", "på", "Drammen", []string{"3044", "3045"}, 59.7378, 10.2080,
		[]string{"Grønland", "Tordenskiolds gate", "Kreftings gate", "Strømsø torg", "Dronningens gate", "Knoffs gate"}},
	{"Tangen", "på", "Drammen", []string{"3041", "3042"}, 59.7355, 10.2265,
		[]string{"Svelviksveien", "Langes gate", "Tangenveien", "Grev Wedels gate"}},
	{"Åssiden", "på", "Drammen", []string{"3028", "3029"}, 59.7560, 10.1420,
		[]string{"Åssidenveien", "Buskerudveien", "Hamborgstrømveien", "Lindeveien"}},
	{"Gulskogen", "på", "Drammen", []string{"3026", "3027"}, 59.7470, 10.1720,
		[]string{"Kjøpmannsgata", "Gulskogenveien", "Pålsvei", "Bjørnstjerne Bjørnsons gate"}},
	{"Fjell", "på", "Drammen", []string{"3038", "3039"}, 59.7275, 10.1850,
		[]string{"Fjellsveien", "Ankerveien", "Vogellund", "Solbergveien"}},
	{"Konnerud", "på", "Drammen", []string{"3034", "3035"}, 59.7185, 10.1320,
		[]string{"Konnerudgata", "Haukåsveien", "Jordbrekkskogen", "Skogliveien"}},
	{"Danvik", "på", "Drammen", []string{"3043"}, 59.7320, 10.2470,
		[]string{"Danvikgata", "Svelviksveien", "Holmestrandveien", "Danvikveien"}},
	{"Austad", "på", "Drammen", []string{"3046", "3047"}, 59.7310, 10.1985,
		[]string{"Austadveien", "Austadlia", "Kloppaveien", "Rundtom"}},
	{"Mjøndalen", "i", "Mjøndalen", []string{"3050"}, 59.7500, 10.0120,
		[]string{"Stasjonsgata", "Idrettsveien", "Bruveien", "Orkideveien"}},
	{"Svelvik", "i", "Svelvik", []string{"3060"}, 59.6120, 10.4080,
		[]string{"Storgata", "Bakkegata", "Sandbakken", "Nesgata"}},
}

// Districts returns the names of the districts the demo data covers, in
// display order.
func Districts() []string {
	out := make([]string, len(districts))
	for i, d := range districts {
		out[i] = d.Name
	}
	return out
}

func lookupDistrict(name string) district {
	for _, d := range districts {
		if d.Name == name {
			return d
		}
	}
	panic("demo: unknown district " + name)
}

// venue is a place where activities are held.
type venue struct {
	Key      string
	Name     string
	Address  string
	Postcode string
	District string
	Lat, Lng float64
	Access   []string // accessibility the venue itself offers
}

var (
	accessFull   = []string{"accessible_toilet", "hearing_loop", "step_free", "wheelchair"}
	accessBasic  = []string{"accessible_toilet", "step_free", "wheelchair"}
	accessStep   = []string{"step_free"}
	accessNone   = []string(nil)
	accessLoop   = []string{"hearing_loop", "step_free"}
	accessToilet = []string{"accessible_toilet", "step_free"}
)

// venues lists every place the demo activities are held.
var venues = []venue{
	// Bragernes
	{"radhus", "Drammen rådhus, møterom Elva", "Engene 1", "3015", "Bragernes", 59.7437, 10.2035, accessFull},
	{"frivillig", "Drammen Frivilligsentral", "Nedre Storgate 13", "3015", "Bragernes", 59.7433, 10.2016, accessBasic},
	{"husflid", "Husflidshuset", "Kirkegata 10", "3016", "Bragernes", 59.7449, 10.2061, accessStep},
	{"sjakk", "Sjakklubbens lokaler", "Øvre Storgate 22", "3018", "Bragernes", 59.7454, 10.1978, accessNone},
	{"bragerneshallen", "Bragerneshallen", "Hans Kiærs gate 8", "3018", "Bragernes", 59.7470, 10.1990, accessBasic},
	{"ungdomshuset", "Ungdomshuset Bragernes, salen", "Øvre Storgate 15", "3018", "Bragernes", 59.7451, 10.1990, accessToilet},
	{"torget", "Bragernes torg, ved fontenen", "Bragernes torg 1", "3017", "Bragernes", 59.7446, 10.2047, accessNone},
	{"elvekanten", "Elvekanten Rekruttering, 4. etasje", "Nedre Storgate 42", "3015", "Bragernes", 59.7425, 10.1985, accessFull},
	{"ukraina", "Ukrainsk forening, kjelleren i Schwensens gate", "Schwensens gate 6", "3015", "Bragernes", 59.7440, 10.2100, accessNone},
	// Strømsø
	{"bibliotek", "Drammensbiblioteket, Papirbredden", "Grønland 32", "3045", "Strømsø", 59.7388, 10.2132, accessFull},
	{"rodekors", "Drammen Røde Kors, Frivillighetshuset", "Tordenskiolds gate 46", "3044", "Strømsø", 59.7366, 10.2079, accessBasic},
	{"menighetshus", "Strømsø menighetshus", "Strømsø torg 9", "3044", "Strømsø", 59.7381, 10.2050, accessLoop},
	{"bymisjon", "Bymisjonen, Kafé Elvebredden", "Dronningens gate 20", "3044", "Strømsø", 59.7392, 10.2070, accessBasic},
	{"badet", "Drammensbadet", "Knoffs gate 13", "3044", "Strømsø", 59.7358, 10.2018, accessFull},
	{"unionscene", "Union Scene", "Grønland 60", "3045", "Strømsø", 59.7395, 10.2187, accessFull},
	{"syrisk", "Syrisk-norsk forening, Kreftings gate", "Kreftings gate 12", "3044", "Strømsø", 59.7372, 10.2101, accessStep},
	{"sparebank", "Elvebyen Sparebank, møtesalen", "Strømsø torg 2", "3044", "Strømsø", 59.7384, 10.2041, accessFull},
	// Tangen
	{"seniorsenter", "Tangen seniorsenter", "Langes gate 14", "3041", "Tangen", 59.7362, 10.2241, accessFull},
	{"tangenskole", "Tangen skole, gymsalen", "Tangenveien 20", "3041", "Tangen", 59.7349, 10.2289, accessBasic},
	{"kultursenter", "Islamsk Kultursenter Drammen, kafeen", "Svelviksveien 11", "3041", "Tangen", 59.7345, 10.2262, accessToilet},
	{"eritrea", "Eritreisk forening, foreningslokalet", "Grev Wedels gate 9", "3042", "Tangen", 59.7340, 10.2312, accessStep},
	{"folkehjelp", "Norsk Folkehjelp Drammen", "Svelviksveien 3", "3041", "Tangen", 59.7352, 10.2250, accessStep},
	// Åssiden
	{"speiderhus", "Åssiden speiderhus", "Åssidenveien 70", "3029", "Åssiden", 59.7585, 10.1385, accessNone},
	{"assidenskole", "Åssiden skole, biblioteket", "Buskerudveien 141", "3028", "Åssiden", 59.7551, 10.1450, accessBasic},
	// Gulskogen
	{"gulskogensenter", "Gulskogen senter, aktivitetsrommet 2. etasje", "Kjøpmannsgata 21", "3027", "Gulskogen", 59.7466, 10.1738, accessFull},
	{"gulskogenidrett", "Gulskogen idrettsplass", "Gulskogenveien 10", "3027", "Gulskogen", 59.7482, 10.1690, accessStep},
	{"gulskogengard", "Gulskogen gård", "Gulskogenveien 19", "3027", "Gulskogen", 59.7490, 10.1700, accessStep},
	{"gulskogenskole", "Gulskogen skole, skolekjøkkenet", "Pålsvei 5", "3026", "Gulskogen", 59.7459, 10.1775, accessBasic},
	// Fjell
	{"fjellskole", "Fjell skole", "Fjellsveien 18", "3038", "Fjell", 59.7279, 10.1862, accessBasic},
	{"bydelshus", "Fjell bydelshus", "Fjellsveien 25", "3038", "Fjell", 59.7270, 10.1841, accessFull},
	{"fritidsklubb", "Fjell fritidsklubb", "Vogellund 3", "3039", "Fjell", 59.7262, 10.1818, accessToilet},
	{"afghan", "Afghansk kulturforening, foreningsrommet", "Ankerveien 4", "3038", "Fjell", 59.7286, 10.1880, accessStep},
	// Konnerud
	{"konnerudpark", "Konnerud idrettspark", "Haukåsveien 2", "3034", "Konnerud", 59.7176, 10.1310, accessStep},
	{"konnerudhallen", "Konnerudhallen", "Haukåsveien 6", "3034", "Konnerud", 59.7181, 10.1302, accessBasic},
	{"konnerudkirke", "Konnerud kirke, kirkestua", "Konnerudgata 190", "3035", "Konnerud", 59.7205, 10.1365, accessLoop},
	// Danvik
	{"somali", "Somalisk kulturforening, foreningslokalet", "Svelviksveien 80", "3043", "Danvik", 59.7318, 10.2495, accessStep},
	{"danvikskole", "Danvik skole", "Danvikgata 8", "3043", "Danvik", 59.7328, 10.2448, accessBasic},
	// Austad
	{"helsehus", "Austad helsehus, Frisklivssentralen", "Austadveien 16", "3047", "Austad", 59.7304, 10.1970, accessFull},
	{"austadskole", "Austad skole, aulaen", "Austadveien 40", "3047", "Austad", 59.7296, 10.1950, accessBasic},
	{"kurdisk", "Kurdisk kvinneforening, Austadlia", "Austadlia 2", "3046", "Austad", 59.7318, 10.2004, accessStep},
	// Mjøndalen
	{"mjfrivillig", "Mjøndalen Frivilligsentral", "Stasjonsgata 6", "3050", "Mjøndalen", 59.7496, 10.0108, accessBasic},
	{"mjstadion", "Mjøndalen stadion", "Idrettsveien 4", "3050", "Mjøndalen", 59.7508, 10.0166, accessStep},
	// Svelvik
	{"svfrivillig", "Svelvik Frivilligsentral", "Storgata 32", "3060", "Svelvik", 59.6118, 10.4083, accessBasic},
	{"svhallen", "Svelvikhallen", "Bakkegata 4", "3060", "Svelvik", 59.6135, 10.4052, accessBasic},
	{"svstrand", "Svelvik brygge, ved ferjekaia", "Storgata 1", "3060", "Svelvik", 59.6126, 10.4102, accessNone},
}

var venueIndex = func() map[string]int {
	m := make(map[string]int, len(venues))
	for i, v := range venues {
		if _, dup := m[v.Key]; dup {
			panic("demo: duplicate venue " + v.Key)
		}
		lookupDistrict(v.District)
		m[v.Key] = i
	}
	return m
}()

func lookupVenue(key string) venue {
	i, ok := venueIndex[key]
	if !ok {
		panic(fmt.Sprintf("demo: unknown venue %q", key))
	}
	return venues[i]
}

// location returns the venue as an activity location.
func (v venue) location() registry.Location {
	d := lookupDistrict(v.District)
	return registry.Location{
		Name:     v.Name,
		Address:  v.Address,
		Postcode: v.Postcode,
		City:     d.City,
		District: v.District,
		Country:  Country,
		Lat:      v.Lat,
		Lng:      v.Lng,
	}
}
