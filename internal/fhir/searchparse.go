package fhir

import (
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"veiviser/internal/apperr"
	"veiviser/internal/search"
)

// MaxCount is the largest page size a client may ask for with _count.
const MaxCount = 1000

// ParseSearch turns a search request's parameters into a query of typ. Within one parameter a
// comma separates alternatives (OR); a repeated parameter adds a clause (AND). Anything it does
// not support (an unknown parameter or modifier, chaining, a malformed value) is an
// apperr.Invalid error naming the parameter: a search is never run with a part of it ignored. So
// is a search beyond the search limits (searchlimits.go).
func ParseSearch(typ string, params url.Values) (search.Query, error) {
	if !KnownType(typ) {
		return search.Query{}, apperr.New(apperr.Invalid, "unknown resource type %q", typ)
	}
	if err := checkSearchLimits(params); err != nil {
		return search.Query{}, err
	}
	q := search.Query{Type: typ}
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	slices.Sort(keys) // stable clause order and error choice
	for _, k := range keys {
		if msg := textProblem(k); msg != "" {
			return search.Query{}, invalid(k, "the name %s", msg)
		}
		for _, v := range params[k] {
			if msg := textProblem(v); msg != "" {
				return search.Query{}, invalid(k, "the value %s", msg)
			}
			if err := parseParam(&q, k, v, len(params[k])); err != nil {
				return search.Query{}, err
			}
		}
	}
	return q, nil
}

func invalid(param, format string, args ...any) error {
	if len(args) > 0 {
		format = sprintf(format, args...)
	}
	return apperr.WithIssues(apperr.Invalid, apperr.Issue{
		Diagnostics: "search parameter " + strconv.Quote(param) + ": " + format,
		Expression:  []string{param},
	})
}

// parseParam adds one name=value pair to q; n is how often the name occurs.
func parseParam(q *search.Query, key, value string, n int) error {
	if strings.HasPrefix(key, "_") {
		return parseCommon(q, key, value, n)
	}
	name, modifier, hasMod := strings.Cut(key, ":")
	if strings.Contains(name, ".") {
		return invalid(key, "chained parameters are not supported")
	}
	p, ok := lookupParam(q.Type, name)
	if !ok {
		return invalid(key, "not a supported search parameter of %s (supported: %s)", q.Type, paramCodes(q.Type))
	}
	if value == "" {
		return invalid(key, "the value is empty")
	}
	if hasMod && modifier == "missing" {
		b, err := strconv.ParseBool(value)
		if err != nil || (value != "true" && value != "false") {
			return invalid(key, "the :missing modifier takes true or false")
		}
		q.Clauses = append(q.Clauses, search.Clause{Param: name, Kind: p.Kind, Missing: &b})
		return nil
	}
	c := search.Clause{Param: name, Kind: p.Kind}
	if err := applyModifier(&c, p, key, modifier, hasMod); err != nil {
		return err
	}
	for _, alt := range splitUnescaped(value, ',') {
		val, err := parseValue(p, key, modifier, alt)
		if err != nil {
			return err
		}
		if c.Kind == search.String {
			val.Exact, val.Contains = modifier == "exact", modifier == "contains"
		}
		c.Values = append(c.Values, val)
	}
	q.Clauses = append(q.Clauses, c)
	return nil
}

// applyModifier checks that the modifier suits the parameter's kind.
func applyModifier(c *search.Clause, p *compiledParam, key, modifier string, hasMod bool) error {
	if !hasMod {
		return nil
	}
	switch {
	case p.Kind == search.Token && modifier == "not":
		c.Not = true
		return nil
	case p.Kind == search.String && (modifier == "exact" || modifier == "contains"):
		return nil
	case p.Kind == search.Reference && KnownType(modifier):
		if len(p.Targets) > 0 && !slices.Contains(p.Targets, modifier) {
			return invalid(key, "%s cannot refer to %s (targets: %s)", p.Code, modifier, strings.Join(p.Targets, ", "))
		}
		return nil
	}
	return invalid(key, "the modifier :%s is not supported on a %s parameter", modifier, p.Kind)
}

func parseValue(p *compiledParam, key, modifier, s string) (search.Value, error) {
	if s == "" {
		return search.Value{}, invalid(key, "an empty alternative between commas")
	}
	switch p.Kind {
	case search.Token:
		return parseToken(key, s)
	case search.String:
		t := NormalizeText(unescape(s))
		if t == "" {
			return search.Value{}, invalid(key, "the value is blank")
		}
		return search.Value{Text: t}, nil
	case search.Reference:
		return parseRefValue(p, key, modifier, unescape(s))
	case search.Date:
		return parseDateValue(key, s)
	case search.Number:
		return parseNumberValue(key, s)
	}
	return search.Value{}, invalid(key, "unsupported parameter kind %s", p.Kind)
}

func parseToken(key, s string) (search.Value, error) {
	parts := splitUnescaped(s, '|')
	switch len(parts) {
	case 1:
		return search.Value{AnySystem: true, Code: unescape(parts[0])}, nil
	case 2:
		v := search.Value{System: unescape(parts[0]), Code: unescape(parts[1])}
		if v.System == "" && v.Code == "" {
			return search.Value{}, invalid(key, "give a code, system|code, |code or system|")
		}
		return v, nil
	}
	return search.Value{}, invalid(key, "a token is code, system|code, |code or system|; %q has more than one |", s)
}

func parseRefValue(p *compiledParam, key, modifier, s string) (search.Value, error) {
	var v search.Value
	switch {
	case ValidID(s):
		v.RefID = s
		if KnownType(modifier) {
			v.RefType = modifier
		}
	default:
		t, id := ParseReference(s)
		if t == "" {
			return v, invalid(key, "expected Type/id or an id of a type this server holds (absolute URLs are not supported), got %q", s)
		}
		if KnownType(modifier) && modifier != t {
			return v, invalid(key, "the value %q is not a %s", s, modifier)
		}
		v.RefType, v.RefID = t, id
	}
	if v.RefType != "" && len(p.Targets) > 0 && !slices.Contains(p.Targets, v.RefType) {
		return v, invalid(key, "%s cannot refer to %s (targets: %s)", p.Code, v.RefType, strings.Join(p.Targets, ", "))
	}
	return v, nil
}

var prefixes = []search.Prefix{search.Eq, search.Ne, search.Lt, search.Gt, search.Le, search.Ge, search.Sa, search.Eb, search.Ap}

// splitPrefix separates a two-letter comparison prefix; eq when there is none.
func splitPrefix(key, s string) (search.Prefix, string, error) {
	if len(s) >= 2 && s[0] >= 'a' && s[0] <= 'z' {
		p := search.Prefix(s[:2])
		if !slices.Contains(prefixes, p) {
			return "", "", invalid(key, "unknown prefix %q (use eq, ne, lt, gt, le, ge, sa, eb or ap)", s[:2])
		}
		return p, s[2:], nil
	}
	return search.Eq, s, nil
}

func parseDateValue(key, s string) (search.Value, error) {
	p, rest, err := splitPrefix(key, s)
	if err != nil {
		return search.Value{}, err
	}
	// a '+' of a time zone that was not percent-encoded arrives as a space
	d, ok := parseDate(strings.ReplaceAll(rest, " ", "+"))
	if !ok {
		return search.Value{}, invalid(key, "expected a date YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss][Z|+hh:mm], got %q", rest)
	}
	lo, hi := d.span()
	return search.Value{Prefix: p, Low: lo, High: hi}, nil
}

func parseNumberValue(key, s string) (search.Value, error) {
	p, rest, err := splitPrefix(key, s)
	if err != nil {
		return search.Value{}, err
	}
	f, err := strconv.ParseFloat(rest, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return search.Value{}, invalid(key, "expected a number, got %q", rest)
	}
	return search.Value{Prefix: p, Number: f}, nil
}

// splitUnescaped splits s at every sep not preceded by a backslash; escapes are kept.
func splitUnescaped(s string, sep byte) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case sep:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// unescape resolves the search escapes \, \| \$ and \\.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func paramCodes(typ string) string {
	ps := supportedParams[typ]
	codes := make([]string, 0, len(ps)+7)
	for _, p := range ps {
		codes = append(codes, p.Code)
	}
	return strings.Join(codes, ", ")
}
