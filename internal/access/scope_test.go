package access

import "testing"

func TestParseScope(t *testing.T) {
	for _, tc := range []struct {
		in    string
		ok    bool
		typ   string
		perms string
	}{
		{"system/*.read", true, "*", "rs"},
		{"system/*.write", true, "*", "cud"},
		{"system/*.*", true, "*", "cruds"},
		{"system/CarePlan.write", true, "CarePlan", "cud"},
		{"system/Patient.rs", true, "Patient", "rs"},
		{"system/Task.cruds", true, "Task", "cruds"},
		{"system/Task.sr", false, "", ""},      // v2 letters must keep their order
		{"system/Task.rr", false, "", ""},      // each once
		{"system/Nothing.read", false, "", ""}, // not a type we hold
		{"user/*.read", false, "", ""},
		{"patient/*.read", false, "", ""},
		{"system/*", false, "", ""},
		{"system/*.", false, "", ""},
		{"", false, "", ""},
	} {
		s, ok := ParseScope(tc.in)
		if ok != tc.ok || (ok && (s.Type != tc.typ || s.Perms != tc.perms)) {
			t.Errorf("ParseScope(%q) = %+v, %v; want %s %s, %v", tc.in, s, ok, tc.typ, tc.perms, tc.ok)
		}
	}
}

func TestScopesAllow(t *testing.T) {
	for _, tc := range []struct {
		scopes []string
		i      Interaction
		typ    string
		want   bool
	}{
		{[]string{"system/*.read"}, Read, "Patient", true},
		{[]string{"system/*.read"}, Search, "Task", true},
		{[]string{"system/*.read"}, Create, "Task", false},
		{[]string{"system/CarePlan.write"}, Update, "CarePlan", true},
		{[]string{"system/CarePlan.write"}, Update, "Goal", false},
		{[]string{"system/CarePlan.write"}, Read, "CarePlan", false},
		{[]string{"system/*.cud", "system/Goal.r"}, Read, "Goal", true},
		{[]string{"system/*.cud", "system/Goal.r"}, Search, "Goal", false},
		{[]string{"garbage"}, Read, "Goal", false},
		{nil, Read, "Goal", false},
	} {
		if got := ScopesAllow(tc.scopes, tc.i, tc.typ); got != tc.want {
			t.Errorf("ScopesAllow(%v, %c, %s) = %v, want %v", tc.scopes, tc.i, tc.typ, got, tc.want)
		}
	}
}

func TestScopesCover(t *testing.T) {
	for _, tc := range []struct {
		granted []string
		asked   string
		want    bool
	}{
		{[]string{"system/*.*"}, "system/Task.read", true},
		{[]string{"system/*.read"}, "system/Task.rs", true},
		{[]string{"system/*.read"}, "system/*.write", false},
		{[]string{"system/Task.read"}, "system/*.read", false},
		{[]string{"system/*.read", "system/*.write"}, "system/*.*", true},
		{[]string{"system/*.*"}, "user/*.read", false},
	} {
		if got := ScopesCover(tc.granted, tc.asked); got != tc.want {
			t.Errorf("ScopesCover(%v, %q) = %v, want %v", tc.granted, tc.asked, got, tc.want)
		}
	}
}
