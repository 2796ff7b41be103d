package registry

import "testing"

func TestNormalizePostcode(t *testing.T) {
	tests := []struct{ country, in, want string }{
		{"NO", "0150", "0150"},
		{"NO", " 0150 ", "0150"},
		{"NO", "N-0150", "0150"},
		{"NO", "NO-3015", "3015"},
		{"DK", "1050", "1050"},
		{"DK", "DK-1050", "1050"},
		{"DK", "dk-8000", "8000"},
		{"SE", "11122", "111 22"},
		{"SE", "111 22", "111 22"},
		{"SE", "111\u00a022", "111 22"},
		{"SE", "SE-111 22", "111 22"},
		{"SE", "S-41101", "411 01"},
		{"SE", "1112", "1112"},
		{"NO", "DK-1050", "DK-1050"}, // another country's prefix is not ours to drop
		{"NO", "Oslo", "Oslo"},
		{"", "0150", "0150"},
		{"NO", "", ""},
	}
	for _, tt := range tests {
		if got := NormalizePostcode(tt.country, tt.in); got != tt.want {
			t.Errorf("NormalizePostcode(%q, %q) = %q, want %q", tt.country, tt.in, got, tt.want)
		}
	}
}

func TestValidPostcode(t *testing.T) {
	tests := []struct {
		country, in string
		want        bool
	}{
		{"NO", "0150", true},
		{"NO", "3015", true},
		{"NO", "9991", true},
		{"NO", "150", false},
		{"NO", "01500", false},
		{"NO", "01a0", false},
		{"NO", " 0150", false},
		{"NO", "", false},

		{"DK", "1050", true},
		{"DK", "1000", true},
		{"DK", "9990", true},
		{"DK", "9991", false},
		{"DK", "0800", false},
		{"DK", "0999", false},
		{"DK", "105", false},
		{"DK", "10500", false},

		{"SE", "111 22", true},
		{"SE", "11122", true},
		{"SE", "981 91", true},
		{"SE", "011 22", false},
		{"SE", "1112", false},
		{"SE", "111 2", false},
		{"SE", "1112 2", false},
		{"SE", "111-22", false},
		{"SE", "111  22", false},
		{"SE", "111 2a", false},

		{"FI", "00100", false},
		{"", "0150", false},
	}
	for _, tt := range tests {
		if got := ValidPostcode(tt.country, tt.in); got != tt.want {
			t.Errorf("ValidPostcode(%q, %q) = %v, want %v", tt.country, tt.in, got, tt.want)
		}
	}
}

func TestNormalizedPostcodeIsValid(t *testing.T) {
	for _, c := range []struct{ country, in string }{
		{"NO", " N-0150"}, {"DK", "DK-2100"}, {"SE", "S-111 22"}, {"SE", "41101"},
	} {
		n := NormalizePostcode(c.country, c.in)
		if !ValidPostcode(c.country, n) {
			t.Errorf("%s %q normalised to %q, which is not valid", c.country, c.in, n)
		}
		if again := NormalizePostcode(c.country, n); again != n {
			t.Errorf("%s %q: normalising twice gives %q, then %q", c.country, c.in, n, again)
		}
	}
}
