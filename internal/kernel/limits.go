package kernel

import (
	"strconv"
	"unicode/utf8"

	"veiviser/internal/apperr"
)

// The longest text one stored field may hold, in characters. They bound what a record, each of
// its versions and every page that shows it can grow to, far above what a person writes (a
// tester's 2 MB comment grew the plan by 2.3 MB a version), and they are the same for the web's
// forms and the API.
const (
	// MaxName is a name or a title: a plan's, a measure's and its scope, a cooperation partner,
	// a service, a meeting's place, a proposed coordinator, a course.
	MaxName = 200
	// MaxText is a paragraph in a person's words, about a page: a comment, a goal, a need, a
	// contribution, a reason, a note, a progress report, an inquiry.
	MaxText = 4000
	// MaxLongText is a long text, about five pages: a meeting's minutes, how the plan's services
	// are coordinated, a message or letter.
	MaxLongText = 20000
)

// Field is one stored text with its limit, named for the message that refuses it.
type Field struct {
	Name  Text // e.g. {"Kommentaren", "The comment"}
	Value string
	Max   int
}

// CheckTexts refuses the first field of after longer than its limit (Unprocessable, naming the
// field, its length and the limit), unless the same text is stored already (in before): a
// record stored before the limits can still be changed in its other parts.
func CheckTexts(after, before []Field) error {
	var stored map[string]bool
	for _, f := range after {
		if len(f.Value) <= f.Max || utf8.RuneCountInString(f.Value) <= f.Max { // bytes first: never fewer than runes
			continue
		}
		if stored == nil {
			stored = make(map[string]bool, len(before))
			for _, b := range before {
				stored[b.Value] = true
			}
		}
		if !stored[f.Value] {
			return f.tooLong()
		}
	}
	return nil
}

// CheckText refuses one text longer than max, named name.
func CheckText(name Text, value string, max int) error {
	return CheckTexts([]Field{{Name: name, Value: value, Max: max}}, nil)
}

func (f Field) tooLong() error {
	n := utf8.RuneCountInString(f.Value)
	return Text{
		NB: f.Name.NB + " har " + grouped(n, "\u00a0") + " tegn; høyst " + grouped(f.Max, "\u00a0") + " er tillatt. Skriv kortere.",
		EN: f.Name.EN + " has " + grouped(n, ",") + " characters; at most " + grouped(f.Max, ",") + " are allowed. Write less.",
	}.Err(apperr.Unprocessable)
}

// grouped writes n with sep between thousands: 20 000 in bokmål (a no-break space), 20,000 in
// English.
func grouped(n int, sep string) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + sep + s[i:]
	}
	return s
}

// Fields collects Field values.
type Fields []Field

func (fs *Fields) Add(name Text, max int, values ...string) {
	for _, v := range values {
		*fs = append(*fs, Field{Name: name, Value: v, Max: max})
	}
}
