package access

import (
	"strings"

	"veiviser/internal/fhir"
)

// Interaction is what a request does to a resource type, as the letters of SMART v2 scopes
// name it.
type Interaction byte

// The interactions. Read covers read, vread and history; Search covers search (and _include).
const (
	Create Interaction = 'c'
	Read   Interaction = 'r'
	Update Interaction = 'u'
	Delete Interaction = 'd'
	Search Interaction = 's'
)

// IsWrite reports whether i changes data.
func (i Interaction) IsWrite() bool { return i == Create || i == Update || i == Delete }

// Scope is a parsed SMART system scope: system/Type.perm, where Type may be * and perm is
// v1 read, write or *, or a v2 subset of "cruds" in that order (rs, cud, cruds, ...).
type Scope struct {
	Type  string // "*" for every type
	Perms string // the v2 letters it grants
}

// ParseScope reads one scope; ok is false for anything else (user/ and patient/ scopes too: an
// API client acts as a system, and people sign in with a session).
func ParseScope(s string) (Scope, bool) {
	rest, ok := strings.CutPrefix(s, "system/")
	if !ok {
		return Scope{}, false
	}
	typ, perm, ok := strings.Cut(rest, ".")
	if !ok || (typ != "*" && !fhir.KnownType(typ)) {
		return Scope{}, false
	}
	switch perm {
	case "read":
		return Scope{typ, "rs"}, true
	case "write":
		return Scope{typ, "cud"}, true
	case "*":
		return Scope{typ, "cruds"}, true
	}
	if perm == "" || !isOrderedSubset(perm, "cruds") {
		return Scope{}, false
	}
	return Scope{typ, perm}, true
}

// isOrderedSubset reports whether s is made of letters of all, each once, in all's order.
func isOrderedSubset(s, all string) bool {
	j := 0
	for i := 0; i < len(s); i++ {
		k := strings.IndexByte(all[j:], s[i])
		if k < 0 {
			return false
		}
		j += k + 1
	}
	return true
}

// Allows reports whether the scope grants i on typ.
func (s Scope) Allows(i Interaction, typ string) bool {
	return (s.Type == "*" || s.Type == typ) && strings.IndexByte(s.Perms, byte(i)) >= 0
}

// covers reports whether s grants everything o grants.
func (s Scope) covers(o Scope) bool {
	if s.Type != "*" && s.Type != o.Type {
		return false
	}
	for i := 0; i < len(o.Perms); i++ {
		if strings.IndexByte(s.Perms, o.Perms[i]) < 0 {
			return false
		}
	}
	return true
}

// ScopesAllow reports whether any of scopes grants i on typ; malformed scopes grant nothing.
func ScopesAllow(scopes []string, i Interaction, typ string) bool {
	for _, raw := range scopes {
		if s, ok := ParseScope(raw); ok && s.Allows(i, typ) {
			return true
		}
	}
	return false
}

// ScopesCover reports whether the granted scopes together grant everything the scope asked
// grants (a client narrowing its token's scope may ask only for what it holds).
func ScopesCover(granted []string, asked string) bool {
	a, ok := ParseScope(asked)
	if !ok {
		return false
	}
	for i := 0; i < len(a.Perms); i++ {
		one := Scope{Type: a.Type, Perms: a.Perms[i : i+1]}
		covered := false
		for _, raw := range granted {
			if g, ok := ParseScope(raw); ok && g.covers(one) {
				covered = true
				break
			}
		}
		if !covered {
			return false
		}
	}
	return true
}
