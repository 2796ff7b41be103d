package locales

import "testing"

func TestMatch(t *testing.T) {
	tests := []struct{ header, want string }{
		{"no", "nb"},
		{"nb", "nb"},
		{"no-NO", "nb"},
		{"nb-NO", "nb"},
		{"nb-NO,nb;q=0.9,no;q=0.8,en-US;q=0.5", "nb"},
		{"nn", "nn"},
		{"nn-NO,nb;q=0.8", "nn"},
		{"da", "da"},
		{"da-DK,da;q=0.9,en;q=0.8", "da"},
		{"sv-SE", "sv"},
		{"sv-FI", "sv"},
		{"fi-FI,sv;q=0.7", "sv"},
		{"en-US", "en"},
		{"en-GB,en;q=0.9", "en"},
		{"de-DE,en;q=0.5", "en"},
		{"de", ""},
		{"ar", ""},
		{"", ""},
		{"*", ""},
		{"garbage!!", ""},
		{";;;q=", ""},
	}
	for _, tt := range tests {
		if got := Match(tt.header); got != tt.want {
			t.Errorf("Match(%q) = %q, want %q", tt.header, got, tt.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"nb", "nb", true},
		{"nn", "nn", true},
		{"da", "da", true},
		{"sv", "sv", true},
		{"en", "en", true},
		{"no", "nb", true},
		{"NO", "nb", true},
		{"Nb", "nb", true},
		{" sv ", "sv", true},
		{"nb-NO", "nb", true},
		{"sv_SE", "sv", true},
		{"", "", false},
		{"de", "", false},
		{"nob", "", false},
		{"english", "", false},
		{"<script>", "", false},
	}
	for _, tt := range tests {
		got, ok := Normalize(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Normalize(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
