package registry

import "testing"

func TestNormalizeOrgNumber(t *testing.T) {
	tests := []struct{ in, want string }{
		{"974760673", "974760673"},
		{" 974 760 673 ", "974760673"},
		{"974\u00a0760\u00a0673", "974760673"},
		{"NO 974 760 673 MVA", "974760673"},
		{"no974760673mva", "974760673"},
		{"802482-1889", "8024821889"},
		{"SE 212000-0142", "2120000142"},
		{"DK10150817", "10150817"},
		{"10.15.08.17", "10150817"},
		{"12a45", "12A45"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := NormalizeOrgNumber(tt.in); got != tt.want {
			t.Errorf("NormalizeOrgNumber(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestValidOrgNumber(t *testing.T) {
	tests := []struct {
		name    string
		country string
		digits  string
		want    bool
	}{
		// Norway. Check digits verified by hand: 974760673 (Brønnøysundregistrene)
		// 9·3+7·2+4·7+7·6+6·5+0·4+6·3+7·2 = 173, 173 mod 11 = 8, 11-8 = 3.
		{"NO/Brreg", "NO", "974760673", true},
		{"NO/Equinor", "NO", "923609016", true},
		{"NO/checksum valid", "NO", "971524960", true},
		{"NO/check digit 11 becomes 0", "NO", "000000000", true},
		{"NO/wrong check digit", "NO", "974760674", false},
		{"NO/check digit would be 10 (sum 12)", "NO", "400000000", false},
		{"NO/check digit would be 10, last digit 1", "NO", "400000001", false},
		{"NO/too short", "NO", "97476067", false},
		{"NO/too long", "NO", "9747606730", false},
		{"NO/letters", "NO", "97476067A", false},
		{"NO/separators not normalised", "NO", "974 760 673", false},
		{"NO/empty", "NO", "", false},

		{"DK/checksum valid 10150817", "DK", "10150817", true},
		{"DK/checksum valid 25313763", "DK", "25313763", true},
		{"DK/checksum valid 24256790", "DK", "24256790", true},
		{"DK/wrong check digit", "DK", "10150818", false},
		{"DK/too short", "DK", "1015081", false},
		{"DK/too long", "DK", "101508170", false},
		{"DK/letters", "DK", "1015081X", false},
		{"DK/Norwegian number", "DK", "974760673", false},

		{"SE/556036-0793", "SE", "5560360793", true},
		{"SE/802482-1889", "SE", "8024821889", true},
		{"SE/212000-0142 municipality", "SE", "2120000142", true},
		{"SE/AB Volvo 556012-5790", "SE", "5560125790", true},
		{"SE/wrong check digit", "SE", "5560360794", false},
		{"SE/personnummer has third digit < 2", "SE", "8112289874", false},
		{"SE/too short", "SE", "556036079", false},
		{"SE/too long", "SE", "55603607930", false},
		{"SE/with dash", "SE", "556036-0793", false},
		{"SE/letters", "SE", "55603607X3", false},

		{"unknown country", "FI", "974760673", false},
		{"empty country", "", "974760673", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ValidOrgNumber(tt.country, tt.digits); got != tt.want {
				t.Errorf("ValidOrgNumber(%q, %q) = %v, want %v", tt.country, tt.digits, got, tt.want)
			}
		})
	}
}

func TestValidOrgNumberAfterNormalize(t *testing.T) {
	for _, c := range []struct{ country, written string }{
		{"NO", "NO 923 609 016 MVA"},
		{"DK", "DK-10 15 08 17"},
		{"SE", "802482-1889"},
		{"SE", "212000-0142"},
	} {
		if !ValidOrgNumber(c.country, NormalizeOrgNumber(c.written)) {
			t.Errorf("%s %q: not valid after normalising to %q", c.country, c.written, NormalizeOrgNumber(c.written))
		}
	}
}
