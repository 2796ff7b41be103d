package registry

// Category is an activity's main kind. The codes are stable API values; the
// names people read are in the locale catalogs as registry.category.<code>.
type Category string

const (
	CategorySport        Category = "sport"
	CategoryOutdoor      Category = "outdoor"
	CategoryCulture      Category = "culture"
	CategoryMusic        Category = "music"
	CategoryCrafts       Category = "crafts"
	CategoryLanguageCafe Category = "language_cafe"
	CategoryHomework     Category = "homework_help"
	CategoryFoodClub     Category = "food_club"
	CategoryMeetingPlace Category = "meeting_place"
	CategoryJobNetwork   Category = "job_network"
	CategoryChildren     Category = "children_youth"
	CategoryWomen        Category = "women"
	CategorySeniors      Category = "seniors"
	CategoryFamilies     Category = "families"
)

// Categories lists every category in display order.
var Categories = []Category{
	CategorySport, CategoryOutdoor, CategoryCulture, CategoryMusic, CategoryCrafts,
	CategoryLanguageCafe, CategoryHomework, CategoryFoodClub, CategoryMeetingPlace,
	CategoryJobNetwork, CategoryChildren, CategoryWomen, CategorySeniors, CategoryFamilies,
}

// Valid reports whether c is a known category.
func (c Category) Valid() bool {
	for _, k := range Categories {
		if k == c {
			return true
		}
	}
	return false
}

// Stage is the integration stage an activity serves (IMDi's three stages).
type Stage string

const (
	StageSettlement    Stage = "settlement"
	StageQualification Stage = "qualification"
	StageParticipation Stage = "participation"
)

// Stages lists the integration stages in order.
var Stages = []Stage{StageSettlement, StageQualification, StageParticipation}

// Valid reports whether s is a known stage.
func (s Stage) Valid() bool {
	return s == StageSettlement || s == StageQualification || s == StageParticipation
}

// Accessibility features an activity or its venue can offer. Codes are stable;
// names are registry.access.<code> in the catalogs.
var AccessibilityFeatures = []string{
	"wheelchair", "step_free", "accessible_toilet", "hearing_loop",
	"sign_language", "visual_aid", "quiet_room", "childcare",
}

// ValidAccessibility reports whether code is a known accessibility feature.
func ValidAccessibility(code string) bool {
	for _, k := range AccessibilityFeatures {
		if k == code {
			return true
		}
	}
	return false
}
