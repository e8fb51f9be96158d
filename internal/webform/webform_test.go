package webform

import (
	"net/http/httptest"
	"strings"
	"testing"

	"veiviser/internal/apperr"
)

// TestRead: a form within the limit is read; one over it is refused as too large before it is
// read in full, with the message in bokmål and English.
func TestRead(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		tooLarge bool
	}{
		{"within the limit", "text=" + strings.Repeat("a", MaxFormBytes-10), false},
		{"over it", "text=" + strings.Repeat("a", MaxFormBytes+1), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/", strings.NewReader(tc.body))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			err := Read(httptest.NewRecorder(), r)
			if TooLarge(err) != tc.tooLarge {
				t.Fatalf("Read = %v, too large %v", err, tc.tooLarge)
			}
			if tc.tooLarge {
				if !apperr.Is(err, apperr.Invalid) || !strings.Contains(err.Error(), "Skjemaet er for stort") || !strings.Contains(err.Error(), "The form is too large") {
					t.Errorf("the refusal says %q", err)
				}
				return
			}
			if err != nil || len(r.PostForm.Get("text")) != MaxFormBytes-10 {
				t.Errorf("Read = %v, text of %d bytes", err, len(r.PostForm.Get("text")))
			}
		})
	}
}
