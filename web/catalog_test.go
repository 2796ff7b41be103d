package web_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"broen/accounts"
	"broen/locales"
	"broen/mentoring"
	"broen/registry"
)

// idLiteral finds message IDs written as string literals in Go code and
// templates. A literal that ends in a dot is a prefix completed from code
// values ("registry.category." + code).
var idLiteral = regexp.MustCompile(`"((?:web|registry|error|validation|api|mentoring|accounts|notify)\.[a-z0-9_.]*)"`)

// dynamicIDs lists the IDs built from a prefix and a vocabulary.
func dynamicIDs(prefix string) []string {
	var codes []string
	switch prefix {
	case "registry.category.":
		for _, c := range registry.Categories {
			codes = append(codes, string(c))
		}
	case "registry.stage.":
		for _, s := range registry.Stages {
			codes = append(codes, string(s))
		}
	case "registry.orgkind.":
		for _, k := range registry.OrgKinds {
			codes = append(codes, string(k))
		}
	case "registry.access.":
		codes = registry.AccessibilityFeatures
	case "registry.language.":
		for _, l := range registry.Languages {
			codes = append(codes, l.Code)
		}
		codes = append(codes, "nn")
	case "web.lang.":
		codes = locales.Supported
	case "registry.moderation.kind.":
		codes = []string{string(registry.SubmitActivity), string(registry.SubmitOrganisation)}
	case "accounts.role.":
		for _, r := range accounts.Roles {
			codes = append(codes, string(r))
		}
	case "mentoring.household.":
		codes = strs(mentoring.Households)
	case "mentoring.gender.":
		codes = append(strs(mentoring.Genders[:3]), "unstated")
	case "mentoring.age.":
		for _, g := range append(mentoring.AgeGroups, mentoring.AgeUnstated) {
			codes = append(codes, g.Key())
		}
	case "mentoring.level.":
		codes = strs(mentoring.Levels)
	case "mentoring.nordic.":
		codes = strs(mentoring.NordicLevels)
	case "mentoring.need.", "mentoring.need_short.":
		codes = strs(mentoring.Needs)
	case "mentoring.part.":
		for _, p := range mentoring.PartsOfDay {
			codes = append(codes, p.String())
		}
	case "mentoring.children_pref.":
		codes = []string{"any", string(mentoring.ChildrenWith), string(mentoring.ChildrenWithout)}
	case "mentoring.police.":
		codes = append(strs(mentoring.PoliceCheckKinds), "none")
	case "mentoring.volunteer_status.":
		codes = strs(mentoring.VolunteerStatuses)
	case "mentoring.newcomer_status.":
		codes = strs(mentoring.NewcomerStatuses)
	case "mentoring.pairing_status.":
		codes = strs(mentoring.PairingStatuses)
	case "mentoring.answer.":
		codes = []string{"yes", "no", "none"}
	case "mentoring.decline.":
		codes = strs(mentoring.DeclineReasons)
	case "mentoring.withdraw.":
		codes = append(strs(mentoring.WithdrawReasons), string(mentoring.WithdrawPairedElsewhere), string(mentoring.WithdrawUnavailable))
	case "mentoring.end.":
		codes = strs(mentoring.EndReasons)
	case "mentoring.frequency.":
		codes = strs(mentoring.Frequencies)
	case "mentoring.outcome.":
		codes = strs(mentoring.Outcomes)
	case "mentoring.contact_kind.":
		codes = strs(mentoring.ContactKinds)
	case "mentoring.contact_outcome.":
		codes = strs(mentoring.ContactOutcomes)
	case "mentoring.checkin_outcome.":
		codes = strs(mentoring.CheckInOutcomes)
	case "mentoring.reason.":
		codes = append(slices.Clone(mentoring.ReasonCodes), "both_free_more")
	case "mentoring.rule.":
		codes = strs(mentoring.Rules)
	case "mentoring.weight.", "mentoring.weight_hint.":
		codes = mentoring.WeightNames
	default:
		return nil
	}
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = prefix + c
	}
	return out
}

func strs[T ~string](list []T) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = string(v)
	}
	return out
}

// usedIDs scans every non-test Go file and template of the module.
func usedIDs(t *testing.T) (map[string][]string, []string) {
	t.Helper()
	used := map[string][]string{}
	var unknownPrefixes []string
	root := ".."
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); name == "node_modules" || name == "testdata" || strings.HasPrefix(name, ".") && name != ".." {
				return filepath.SkipDir
			}
			return nil
		}
		if !(strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") || strings.HasSuffix(path, ".html")) {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range idLiteral.FindAllStringSubmatch(string(b), -1) {
			id := m[1]
			if strings.HasSuffix(id, ".") {
				ids := dynamicIDs(id)
				if ids == nil {
					unknownPrefixes = append(unknownPrefixes, id+" in "+path)
				}
				for _, x := range ids {
					used[x] = append(used[x], path)
				}
				continue
			}
			used[id] = append(used[id], path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return used, unknownPrefixes
}

func TestCatalogMatchesCode(t *testing.T) {
	used, unknown := usedIDs(t)
	for _, u := range unknown {
		t.Errorf("dynamic message ID prefix without a vocabulary in this test: %s", u)
	}
	if len(used) < 50 {
		t.Fatalf("found only %d message IDs in code; the scan is broken", len(used))
	}
	for _, lang := range locales.Supported {
		ids, err := locales.IDs(lang)
		if err != nil {
			t.Fatal(err)
		}
		have := map[string]bool{}
		for _, id := range ids {
			have[id] = true
		}
		var missing []string
		for id, where := range used {
			if !have[id] {
				missing = append(missing, id+" ("+where[0]+")")
			}
		}
		sort.Strings(missing)
		for _, m := range missing {
			t.Errorf("%s: used but not in active.%s.toml: %s", lang, lang, m)
		}
		if lang == "en" {
			for _, id := range ids {
				if _, ok := used[id]; !ok {
					t.Errorf("orphan message ID (in the catalogs, used nowhere): %s", id)
				}
			}
		}
	}
}
