package accounts

import (
	"slices"
	"strings"
	"testing"

	"broen"
)

func validUser() *User {
	return &User{Email: "kari@example.no", Name: "Kari Nordmann", Role: RoleEditor, Locale: "nb",
		OrganisationIDs: []int64{3}}
}

func TestUserNormalize(t *testing.T) {
	u := &User{Email: "  Kari.Nordmann@Example.NO ", Name: "  Kari \t Nordmann\n", Role: " Editor ",
		OrganisationIDs: []int64{5, 2, 5, 3, 2}}
	u.Normalize()
	if u.Email != "kari.nordmann@example.no" || u.Name != "Kari Nordmann" || u.Role != RoleEditor || u.Locale != "nb" {
		t.Errorf("normalized: %+v", u)
	}
	if !slices.Equal(u.OrganisationIDs, []int64{2, 3, 5}) {
		t.Errorf("OrganisationIDs = %v", u.OrganisationIDs)
	}
	u = &User{Locale: " SV "}
	u.Normalize()
	if u.Locale != "sv" || u.OrganisationIDs != nil {
		t.Errorf("normalized: %+v", u)
	}
	// Normalize does not change the caller's slice.
	ids := []int64{2, 1}
	u = &User{OrganisationIDs: ids}
	u.Normalize()
	if ids[0] != 2 {
		t.Error("Normalize sorted the caller's slice")
	}
}

func TestUserValidate(t *testing.T) {
	tests := []struct {
		name string
		mod  func(*User)
		want map[string]string
	}{
		{"OK", func(*User) {}, nil},
		{"OKCoordinatorWithoutOrganisation", func(u *User) { u.Role, u.OrganisationIDs = RoleCoordinator, nil }, nil},
		{"OKCoordinatorWithOrganisation", func(u *User) { u.Role = RoleCoordinator }, nil},
		{"OKEveryLocale", func(u *User) { u.Locale = "nn" }, nil},
		{"OKUnicodeName", func(u *User) { u.Name = "Åse Ødegård-Bæk" }, nil},
		{"OKLongestName", func(u *User) { u.Name = strings.Repeat("ø", MaxUserNameLen) }, nil},
		{"ErrEmailRequired", func(u *User) { u.Email = "" }, map[string]string{"email": "validation.required"}},
		{"ErrEmailNoAt", func(u *User) { u.Email = "kari.example.no" }, map[string]string{"email": "validation.email"}},
		{"ErrEmailNoDot", func(u *User) { u.Email = "kari@localhost" }, map[string]string{"email": "validation.email"}},
		{"ErrEmailDotEnd", func(u *User) { u.Email = "kari@example." }, map[string]string{"email": "validation.email"}},
		{"ErrEmailDoubleDot", func(u *User) { u.Email = "kari@example..no" }, map[string]string{"email": "validation.email"}},
		{"ErrEmailDisplayName", func(u *User) { u.Email = "Kari <kari@example.no>" }, map[string]string{"email": "validation.email"}},
		{"ErrEmailTwo", func(u *User) { u.Email = "kari@example.no, ola@example.no" }, map[string]string{"email": "validation.email"}},
		{"ErrEmailTooLong", func(u *User) { u.Email = strings.Repeat("a", 250) + "@example.no" }, map[string]string{"email": "validation.too_long"}},
		{"ErrNameRequired", func(u *User) { u.Name = "" }, map[string]string{"name": "validation.required"}},
		{"ErrNameTooLong", func(u *User) { u.Name = strings.Repeat("ø", MaxUserNameLen+1) }, map[string]string{"name": "validation.too_long"}},
		{"ErrNameControl", func(u *User) { u.Name = "Kari\x00" }, map[string]string{"name": "validation.text"}},
		{"ErrRole", func(u *User) { u.Role = "admin" }, map[string]string{"role": "validation.choice"}},
		{"ErrRoleEmpty", func(u *User) { u.Role = "" }, map[string]string{"role": "validation.choice"}},
		{"ErrLocale", func(u *User) { u.Locale = "no" }, map[string]string{"locale": "validation.choice"}},
		{"ErrEditorWithoutOrganisation", func(u *User) { u.OrganisationIDs = nil }, map[string]string{"organisation_ids": MsgOrganisationRequired}},
		{"ErrOrganisationID", func(u *User) { u.OrganisationIDs = []int64{0} }, map[string]string{"organisation_ids": "validation.choice"}},
		{"ErrSeveral", func(u *User) { u.Email, u.Name = "", "" }, map[string]string{"email": "validation.required", "name": "validation.required"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := validUser()
			tt.mod(u)
			err := u.Validate()
			if tt.want == nil {
				if err != nil {
					t.Fatalf("got %v", err)
				}
				return
			}
			e := broen.AsError(err)
			if e == nil || e.Code != broen.EINVALID || e.MessageID != "validation.invalid" {
				t.Fatalf("got %v, want EINVALID", err)
			}
			if len(e.Fields) != len(tt.want) {
				t.Errorf("fields %v, want %v", e.Fields, tt.want)
			}
			for f, id := range tt.want {
				if e.Fields[f] != id {
					t.Errorf("field %s: %q, want %q (all: %v)", f, e.Fields[f], id, e.Fields)
				}
			}
		})
	}
}

func TestMessages(t *testing.T) {
	seen := map[string]bool{}
	for _, id := range Messages {
		if seen[id] {
			t.Errorf("duplicate %s", id)
		}
		seen[id] = true
		if !strings.HasPrefix(id, "validation.") && !strings.HasPrefix(id, "accounts.") {
			t.Errorf("%s is under neither validation. nor accounts.", id)
		}
	}
	ids := slices.Sorted(slices.Values(Messages))
	for i := 1; i < len(ids); i++ {
		if strings.HasPrefix(ids[i], ids[i-1]+".") {
			t.Errorf("%s is a prefix of %s", ids[i-1], ids[i])
		}
	}
}

func TestUserUpdateApply(t *testing.T) {
	u := validUser()
	ids := []int64{7, 8}
	name := "Ola"
	UserUpdate{Name: &name, OrganisationIDs: &ids}.Apply(u)
	ids[0] = 99
	if u.Name != "Ola" || !slices.Equal(u.OrganisationIDs, []int64{7, 8}) || u.Email != "kari@example.no" {
		t.Errorf("after apply: %+v", u)
	}
}
