package contactrequest

import (
	"testing"
	"time"

	"veiviser/internal/testutil"
)

// TestLimiter: a client is limited after PerClient requests in the window and free again once
// the window has passed, another client is not limited by it, and the global cap holds for all.
func TestLimiter(t *testing.T) {
	clock := testutil.NewClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	l := NewLimiter(clock.Now)
	l.PerClient, l.Global = 2, 3
	steps := []struct {
		client string
		want   bool
	}{{"a", true}, {"a", true}, {"a", false}, {"b", true}, {"c", false}}
	for i, s := range steps {
		if got := l.Allow(s.client); got != s.want {
			t.Errorf("step %d (%s): allowed %v, want %v", i, s.client, got, s.want)
		}
	}
	clock.Advance(l.Window + time.Second)
	if !l.Allow("a") || !l.Allow("c") {
		t.Error("the window passed and a client is still limited")
	}
}

// TestCheck: the request's own rule.
func TestCheck(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	good := Request{Input: Input{Name: "Åse", Email: "a@b.no", Who: WhoRelative, Consent: true}, Received: now, AnswerBy: now}
	if err := Check(good); err != nil {
		t.Fatal(err)
	}
	for name, edit := range map[string]func(*Request){
		"no name":    func(r *Request) { r.Name = "" },
		"no contact": func(r *Request) { r.Email = "" },
		"no consent": func(r *Request) { r.Consent = false },
		"bad who":    func(r *Request) { r.Who = "x" },
		"bad answer": func(r *Request) { r.Answer = &Answer{At: now, How: "fax"} },
	} {
		r := good
		edit(&r)
		if Check(r) == nil {
			t.Errorf("%s: passed", name)
		}
	}
	r := good
	r.Answer = &Answer{At: now, How: ByEmail, Note: "ok", By: "Practitioner/k1"}
	back, err := FromFHIR(ToFHIR(r, "ke"))
	if err != nil || back.Answer == nil || *back.Answer != *r.Answer || back.Input != r.Input || !back.AnswerBy.Equal(r.AnswerBy) {
		t.Errorf("round trip: %+v, %v", back, err)
	}
}
