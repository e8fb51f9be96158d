package web

import (
	"net/url"
	"strings"
	"time"

	"veiviser/internal/kernel"
)

// form is one HTML form as a page shows it: what the person has typed (from the request, or
// restored from their draft), and the errors of a refused submission, in the order of the
// fields so the error summary reads like the form.
type form struct {
	Key      string // the draft's key: the form and the record it is about, e.g. "inquiry"
	Values   url.Values
	Errors   []fieldError
	Restored time.Time // when the draft shown was saved; zero when nothing was restored
}

// fieldError is a message about one field: a catalog text (EN empty; the page translates NB), or
// a workflow's own reason (kernel.Text with its English).
type fieldError struct {
	Field string
	Msg   kernel.Text
	Args  []any // when Msg.NB is a catalog format: the values it is filled with (names), not translated
}

func newForm(key string, values url.Values) *form {
	if values == nil {
		values = url.Values{}
	}
	return &form{Key: key, Values: values}
}

// Get is the field's value as typed.
func (f *form) Get(name string) string { return f.Values.Get(name) }

// Trimmed is the value without surrounding space.
func (f *form) Trimmed(name string) string { return strings.TrimSpace(f.Values.Get(name)) }

// Has reports whether a checkbox or radio with this value is chosen.
func (f *form) Has(name, value string) bool {
	for _, v := range f.Values[name] {
		if v == value {
			return true
		}
	}
	return false
}

// Error is the field's error, or nil.
func (f *form) Error(name string) *fieldError {
	for i := range f.Errors {
		if f.Errors[i].Field == name {
			return &f.Errors[i]
		}
	}
	return nil
}

// Invalid records a message about a field, in bokmål (a catalog key: the page shows it in the
// reader's language); the first message per field wins.
func (f *form) Invalid(name, nb string) { f.InvalidText(name, kernel.Text{NB: nb}) }

// InvalidF records a message that is a catalog format filled with values (a name the person
// typed or chose), so each language gets its own words around them.
func (f *form) InvalidF(name, nb string, args ...any) {
	if f.Error(name) == nil {
		f.Errors = append(f.Errors, fieldError{Field: name, Msg: kernel.Text{NB: nb}, Args: args})
	}
}

// InvalidText records a workflow's message about a field, which carries its own English.
func (f *form) InvalidText(name string, msg kernel.Text) {
	if f.Error(name) == nil {
		f.Errors = append(f.Errors, fieldError{Field: name, Msg: msg})
	}
}

// Require records a message when the field is empty.
func (f *form) Require(name, nb string) {
	if f.Trimmed(name) == "" {
		f.Invalid(name, nb)
	}
}

// RequireDate records a message when the field is not a date (yyyy-mm-dd, as <input
// type="date"> sends it) and returns the date.
func (f *form) RequireDate(name, nb string) time.Time {
	t, err := time.Parse(time.DateOnly, f.Trimmed(name))
	if err != nil {
		f.Invalid(name, nb)
	}
	return t
}

// Limit records a message when the field holds more than max characters: the domain's limit
// for what the field is stored as (kernel.MaxName, kernel.MaxText, kernel.MaxLongText), so the
// message stands at the field, in the words the domain would refuse it with.
func (f *form) Limit(name string, max int) {
	f.limit(name, kernel.Text{NB: "Teksten", EN: "The text"}, f.Trimmed(name), max)
}

// LimitLines is Limit for a text area stored one entry a line.
func (f *form) LimitLines(name string, max int) {
	for _, l := range strings.Split(f.Get(name), "\n") {
		f.limit(name, kernel.Text{NB: "En linje", EN: "A line"}, strings.TrimSpace(l), max)
	}
}

func (f *form) limit(name string, what kernel.Text, value string, max int) {
	if err := kernel.CheckText(what, value, max); err != nil {
		f.InvalidText(name, textOf(err))
	}
}

// OK reports whether the form has no errors.
func (f *form) OK() bool { return len(f.Errors) == 0 }

// fieldView is what the field templates need: the form, the field's name and its texts.
type fieldView struct {
	F            *form
	Name         string
	Label        string // bokmål, a catalog key; with LabelArgs a format for them
	LabelArgs    []any
	Hint         string
	Type         string // input type; "" is text
	Options      []option
	Required     bool
	Autocomplete string
}

// option is one choice of a radio group or a select. Nb is a catalog key, unless Plain: a name
// or another value from the records, shown as it is.
type option struct {
	Value string
	Nb    string
	Args  []any // when Nb is a format: the values it is filled with, not translated
	Plain bool
}

// field starts a field view: {{template "input" (field .Form "need" "Behov")}}. The label is
// bokmål; the page shows it in the reader's language.
func field(f *form, name, label string) fieldView {
	return fieldView{F: f, Name: name, Label: label}
}

// WithArgs makes the label a format filled with args (names, dates), which are not translated:
// ((field .Form "see-x" "Hva får %s se?").WithArgs .Name).
func (v fieldView) WithArgs(args ...any) fieldView { v.LabelArgs = args; return v }

// WithHint adds a hint shown under the label and tied to the input by aria-describedby.
func (v fieldView) WithHint(nb string) fieldView { v.Hint = nb; return v }

// Typed sets the input type (date, email, tel, number).
func (v fieldView) Typed(t string) fieldView { v.Type = t; return v }

// Req marks the field required (the label says so; the server checks it).
func (v fieldView) Req() fieldView { v.Required = true; return v }

// Choices sets a radio group's options from value, bokmål pairs.
func (v fieldView) Choices(pairs ...string) fieldView {
	for i := 0; i+1 < len(pairs); i += 2 {
		v.Options = append(v.Options, option{Value: pairs[i], Nb: pairs[i+1]})
	}
	return v
}

// WithOptions sets a radio group's options when they come from the records.
func (v fieldView) WithOptions(opts []option) fieldView { v.Options = opts; return v }

// Value is the field's current value.
func (v fieldView) Value() string { return v.F.Get(v.Name) }

// Err is the field's error, or nil.
func (v fieldView) Err() *fieldError { return v.F.Error(v.Name) }

// ID is the input's id: the form key and the name, so two forms on a page do not clash.
func (v fieldView) ID() string { return fieldID(v.F.Key, v.Name) }

func fieldID(key, name string) string {
	r := strings.NewReplacer("/", "-", "_", "-", ".", "-", " ", "-")
	return "f-" + r.Replace(key) + "-" + r.Replace(name)
}

// DescribedBy lists the hint's and the error's ids for aria-describedby.
func (v fieldView) DescribedBy() string {
	var ids []string
	if v.Hint != "" {
		ids = append(ids, v.ID()+"-hint")
	}
	if v.Err() != nil {
		ids = append(ids, v.ID()+"-error")
	}
	return strings.Join(ids, " ")
}
