package web

import "testing"

// TestLocalPath: where a person is sent after signing in or after a form
// is a path on this site, whatever the link says.
func TestLocalPath(t *testing.T) {
	for _, s := range []string{"/", "/manage", "/mentoring/volunteers/3?tab=x#y", "/activities?q=%2F%2Fx"} {
		if !localPath(s) {
			t.Errorf("localPath(%q) = false", s)
		}
	}
	for _, s := range []string{"", "manage", "//evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil.example",
		"/%2F/evil.example", "https://evil.example/", "/a\\b", "\\\\evil.example", " /x", "/x\x7f"} {
		if localPath(s) {
			t.Errorf("localPath(%q) = true", s)
		}
		if got := safeNext(s); got != "/account" {
			t.Errorf("safeNext(%q) = %q", s, got)
		}
	}
}

func TestJSONPath(t *testing.T) {
	for in, want := range map[string]string{
		"Profile.children_ages": "children_ages", "Profile.coords.lat": "coords.lat", "capacity": "capacity",
		"police_check.shown_on": "police_check.shown_on", "Profile": "Profile",
	} {
		if got := jsonPath(in); got != want {
			t.Errorf("jsonPath(%q) = %q, want %q", in, got, want)
		}
	}
}
