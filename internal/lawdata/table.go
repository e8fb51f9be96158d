package lawdata

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"time"

	"veiviser/internal/apperr"
)

// The national rules, one file per area of the law (rules/*.json), so each area adds its own.
//
//go:embed rules/*.json
var ruleFiles embed.FS

// Table is a checked, immutable set of rules. The zero Table holds nothing; use New.
type Table struct {
	rules map[Key][]parsedRule // per key, sorted by ValidFrom, periods not overlapping
}

type parsedRule struct {
	Rule
	from Date
	to   Date // the zero Date when open
	open bool
}

// New returns the national rules embedded in the binary: every file of rules/, together.
func New() (*Table, error) {
	names, err := fs.Glob(ruleFiles, "rules/*.json")
	if err != nil {
		return nil, fmt.Errorf("law table: %w", err)
	}
	var rules []Rule
	for _, name := range names {
		data, err := ruleFiles.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("law table: %w", err)
		}
		rs, err := decode(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		rules = append(rules, rs...)
	}
	return build(rules)
}

// Parse reads and checks a JSON array of rules.
func Parse(data []byte) (*Table, error) {
	rules, err := decode(data)
	if err != nil {
		return nil, err
	}
	return build(rules)
}

func decode(data []byte) ([]Rule, error) { return DecodeStrict[[]Rule](data, "the law table") }

// DecodeStrict reads data (dated data shipped as JSON: the law table, the pathways'
// definitions) as a T, refusing a field T does not have, so a misspelt key is an error rather
// than a rule silently left out. what names the data in the error.
func DecodeStrict[T any](data []byte, what string) (T, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var v T
	if err := dec.Decode(&v); err != nil {
		return v, apperr.New(apperr.Invalid, "%s is not valid JSON: %v", what, err)
	}
	return v, nil
}

// Rules returns every rule, by key and date, for showing the table to people.
func (t *Table) Rules() []Rule {
	var out []Rule
	for _, k := range t.keys() {
		for _, r := range t.rules[k] {
			out = append(out, r.Rule)
		}
	}
	return out
}

func (t *Table) keys() []Key { return slices.Sorted(maps.Keys(t.rules)) }

// At returns the rule for key in force on day's date. It is a NotFound error when no rule is in
// force then: a missing amount must stop the work, not silently use last year's.
func (t *Table) At(key Key, day time.Time) (Rule, error) {
	d := DateOf(day)
	for _, r := range t.rules[key] {
		if r.covers(d) {
			return r.Rule, nil
		}
	}
	return Rule{}, apperr.New(apperr.NotFound, "no rule %q is in force on %s", key, d)
}

func (r parsedRule) covers(d Date) bool {
	return !d.Before(r.from) && (r.open || !r.to.Before(d))
}

// With returns a copy of t where each given rule, which must be a municipal setting, replaces
// that key's value for its period: from its ValidFrom on when it is open, from ValidFrom to
// ValidTo when it has an end (the office's amounts for one year), the periods around it kept and
// cut short where they meet it. The rules apply in the order given.
func (t *Table) With(settings ...Rule) (*Table, error) {
	all := t.Rules()
	for _, s := range settings {
		if !t.isSetting(s.Key) {
			return nil, apperr.New(apperr.Unprocessable, "%q is not a municipal setting; national rules change only in rules/*.json", s.Key)
		}
		from, err := ParseDate(s.ValidFrom)
		if err != nil {
			return nil, apperr.New(apperr.Invalid, "%s: %v", s.Key, err)
		}
		to := Date{}
		if s.ValidTo != "" {
			if to, err = ParseDate(s.ValidTo); err != nil {
				return nil, apperr.New(apperr.Invalid, "%s: %v", s.Key, err)
			}
		}
		all = cutAround(all, s.Key, from, to, s.ValidTo == "")
		s.Setting = true
		all = append(all, s)
	}
	return build(all)
}

func (t *Table) isSetting(k Key) bool {
	rs := t.rules[k]
	return len(rs) > 0 && rs[0].Setting
}

// cutAround makes room for key's period [from, to] (to the end of time when open): the rules
// inside it are dropped, and one overlapping its start or its end is cut short to the day before
// or starts again the day after.
func cutAround(rules []Rule, key Key, from, to Date, open bool) []Rule {
	var out []Rule
	for _, r := range rules {
		if r.Key != key {
			out = append(out, r)
			continue
		}
		rf, _ := ParseDate(r.ValidFrom)
		rOpen := r.ValidTo == ""
		rt, _ := ParseDate(r.ValidTo)
		switch {
		case !rOpen && rt.Before(from), !open && to.Before(rf): // before or after the new period
			out = append(out, r)
			continue
		}
		if rf.Before(from) {
			head := r
			head.ValidTo = from.addDays(-1).String()
			out = append(out, head)
		}
		if !open && (rOpen || to.Before(rt)) {
			tail := r
			tail.ValidFrom = to.addDays(1).String()
			out = append(out, tail)
		}
	}
	return out
}

func (d Date) addDays(n int) Date { return DateOf(d.Time(time.UTC).AddDate(0, 0, n)) }

// build checks the rules and indexes them by key.
func build(rules []Rule) (*Table, error) {
	t := &Table{rules: map[Key][]parsedRule{}}
	for i, r := range rules {
		p, err := check(r)
		if err != nil {
			return nil, apperr.New(apperr.Unprocessable, "law table rule %d (%s): %v", i, r.Key, err)
		}
		t.rules[r.Key] = append(t.rules[r.Key], p)
	}
	for k, rs := range t.rules {
		slices.SortFunc(rs, func(a, b parsedRule) int { return CompareDates(a.from, b.from) })
		if err := checkSequence(rs); err != nil {
			return nil, apperr.New(apperr.Unprocessable, "law table %s: %v", k, err)
		}
	}
	return t, nil
}

// CompareDates orders a and b as slices.SortFunc wants: -1, 0 or 1.
func CompareDates(a, b Date) int {
	switch {
	case a.Before(b):
		return -1
	case b.Before(a):
		return 1
	}
	return 0
}

// checkSequence refuses overlapping periods, mixed kinds and a key that is a setting only at times.
func checkSequence(rs []parsedRule) error {
	for i := 1; i < len(rs); i++ {
		prev, cur := rs[i-1], rs[i]
		if prev.open || !prev.to.Before(cur.from) {
			return fmt.Errorf("the rule from %s overlaps the one from %s", cur.ValidFrom, prev.ValidFrom)
		}
		if prev.Value.Kind != cur.Value.Kind || prev.Setting != cur.Setting {
			return fmt.Errorf("the rules from %s and %s differ in kind or setting", prev.ValidFrom, cur.ValidFrom)
		}
	}
	return nil
}

func check(r Rule) (parsedRule, error) {
	p := parsedRule{Rule: r, open: r.ValidTo == ""}
	if r.Key == "" || r.Source == "" {
		return p, fmt.Errorf("a rule needs a key and a source")
	}
	var err error
	if p.from, err = ParseDate(r.ValidFrom); err != nil {
		return p, err
	}
	if !p.open {
		if p.to, err = ParseDate(r.ValidTo); err != nil {
			return p, err
		}
		if p.to.Before(p.from) {
			return p, fmt.Errorf("validTo %s is before validFrom %s", r.ValidTo, r.ValidFrom)
		}
	}
	return p, checkValue(r.Value)
}

func checkValue(v Value) error {
	switch v.Kind {
	case KindDuration:
		if v.N <= 0 || !slices.Contains([]Unit{WorkingDays, Days, Weeks, Months, Years}, v.Unit) {
			return fmt.Errorf("a duration needs n > 0 and a unit (working-days, days, weeks, months, years)")
		}
	case KindAmount:
		if v.Øre <= 0 {
			return fmt.Errorf("an amount needs ore > 0")
		}
	case KindNumber:
		if v.N <= 0 {
			return fmt.Errorf("a number needs n > 0")
		}
	case KindText:
		if v.Text == "" {
			return fmt.Errorf("a text needs text")
		}
	default:
		return fmt.Errorf("unknown kind %q", v.Kind)
	}
	return nil
}
