package registry

import (
	"testing"

	"broen"
)

func TestNormalizePhone(t *testing.T) {
	tests := []struct {
		name, country, in, want string
	}{
		{"NO mobile", "NO", "912 34 567", "+4791234567"},
		{"NO landline Oslo", "NO", "22 12 34 56", "+4722123456"},
		{"NO with country code", "NO", "+47 912 34 567", "+4791234567"},
		{"NO with 00", "NO", "0047 91234567", "+4791234567"},
		{"DK mobile", "DK", "20 12 34 56", "+4520123456"},
		{"DK with country code", "DK", "+45 20123456", "+4520123456"},
		{"SE mobile with trunk 0", "SE", "070-123 45 67", "+46701234567"},
		{"SE Stockholm landline", "SE", "08-123 456 78", "+46812345678"},
		{"SE number in Norway", "NO", "+46 70 123 45 67", "+46701234567"},
		{"international without country", "", "+47 912 34 567", "+4791234567"},
		{"00 without country", "", "0045 20 12 34 56", "+4520123456"},
		{"already E.164", "NO", "+4791234567", "+4791234567"},
		{"lower-case country", "se", "0701234567", "+46701234567"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NormalizePhone(tt.country, tt.in)
			if err != nil {
				t.Fatalf("NormalizePhone(%q, %q): %v", tt.country, tt.in, err)
			}
			if got != tt.want {
				t.Errorf("NormalizePhone(%q, %q) = %q, want %q", tt.country, tt.in, got, tt.want)
			}
		})
	}
}

func TestNormalizePhoneRejects(t *testing.T) {
	tests := []struct{ name, country, in string }{
		{"empty", "NO", ""},
		{"too short", "NO", "1234"},
		{"too long", "NO", "912345678901"},
		{"NO number starting with 1", "NO", "12345678"},
		{"letters", "NO", "91234ABC"},
		{"vanity letters", "NO", "+47 FLOWERS"},
		{"national without country", "", "91234567"},
		{"text", "SE", "ring mig"},
		{"unknown country code", "", "+999 1234567"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NormalizePhone(tt.country, tt.in)
			if err == nil {
				t.Fatalf("NormalizePhone(%q, %q) = %q, want error", tt.country, tt.in, got)
			}
			e := broen.AsError(err)
			if e == nil || e.Code != broen.EINVALID || e.MessageID != "validation.phone" {
				t.Errorf("error = %#v, want EINVALID validation.phone", err)
			}
		})
	}
}

func TestValidE164(t *testing.T) {
	for in, want := range map[string]bool{
		"+4791234567":  true,
		"+46701234567": true,
		"91234567":     false,
		"+47 91234567": false,
		"+4712":        false,
		"":             false,
	} {
		if got := validE164(in); got != want {
			t.Errorf("validE164(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestValidEmail(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"ola@example.no", true},
		{"ola.nordmann+broen@kommune.example.no", true},
		{"kari_o'hara@example.se", true},
		{"post@blåbær.no", true},
		{"a@b.dk", true},
		{"", false},
		{"ola", false},
		{"ola@", false},
		{"@example.no", false},
		{"ola@localhost", false},
		{"ola@example.", false},
		{"ola@.example.no", false},
		{"ola@example..no", false},
		{"ola@exa_mple.no", false},
		{"Ola Nordmann <ola@example.no>", false},
		{"<ola@example.no>", false},
		{" ola@example.no", false},
		{"ola nordmann@example.no", false},
		{`"ola nordmann"@example.no`, false},
		{"ola@example.no, kari@example.no", false},
		{"ola@@example.no", false},
	}
	for _, tt := range tests {
		if got := ValidEmail(tt.in); got != tt.want {
			t.Errorf("ValidEmail(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestNormalizeURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://www.example.no", "https://www.example.no"},
		{"http://example.no/aktiviteter?side=2", "http://example.no/aktiviteter?side=2"},
		{"www.example.no", "https://www.example.no"},
		{"example.dk/foreninger", "https://example.dk/foreninger"},
		{"  https://example.se  ", "https://example.se"},
		{"HTTPS://WWW.Example.NO/Sti", "https://www.example.no/Sti"},
		{"https://example.no:8443/x", "https://example.no:8443/x"},
		{"https://blåbær.no/", "https://blåbær.no/"},
		{"https://example.no/språk", "https://example.no/spr%C3%A5k"},
		{"https://example.no/spr%C3%A5k", "https://example.no/spr%C3%A5k"},
	}
	for _, tt := range tests {
		got, err := NormalizeURL(tt.in)
		if err != nil {
			t.Errorf("NormalizeURL(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("NormalizeURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if again, err := NormalizeURL(got); err != nil || again != got {
			t.Errorf("NormalizeURL not idempotent on %q: %q, %v", got, again, err)
		}
	}
}

func TestNormalizeURLRejects(t *testing.T) {
	for _, in := range []string{
		"",
		"   ",
		"ftp://example.no",
		"javascript:alert(1)",
		"mailto:ola@example.no",
		"https://user:pw@example.no",
		"https://localhost",
		"localhost:8080",
		"https://example",
		"https://exa mple.no",
		"www.example.no/min side",
		"https://",
		"//example.no",
		"https://example..no",
		"https://-example.no",
		"htp:/example.no",
		"https://exa_mple.no",
	} {
		got, err := NormalizeURL(in)
		if err == nil {
			t.Errorf("NormalizeURL(%q) = %q, want error", in, got)
			continue
		}
		if e := broen.AsError(err); e == nil || e.Code != broen.EINVALID || e.MessageID != "validation.url" {
			t.Errorf("NormalizeURL(%q) error = %v, want EINVALID validation.url", in, err)
		}
	}
}

func TestNormalizeEmail(t *testing.T) {
	if got := normalizeEmail("  Ola.Nordmann@Example.NO "); got != "Ola.Nordmann@example.no" {
		t.Errorf("normalizeEmail = %q", got)
	}
}

func TestNormalizeURLKeepsQueryAndFragment(t *testing.T) {
	for in, want := range map[string]string{
		"example.no/a?b=1&c=2#del-2": "https://example.no/a?b=1&c=2#del-2",
		"https://example.no?":        "https://example.no?",
		"https://example.no/#":       "https://example.no/",
	} {
		got, err := NormalizeURL(in)
		if err != nil || got != want {
			t.Errorf("NormalizeURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestFormatPhone(t *testing.T) {
	for in, want := range map[string]string{
		"+4732210000":  "+47 32 21 00 00",
		"+4791234567":  "+47 91 23 45 67",
		"+46812345678": "+46 8 123 456 78",
		"not a number": "not a number",
	} {
		if got := FormatPhone(in); got != want {
			t.Errorf("FormatPhone(%q) = %q, want %q", in, got, want)
		}
	}
}
