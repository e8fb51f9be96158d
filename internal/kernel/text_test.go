package kernel

import (
	"testing"

	"veiviser/internal/apperr"
)

func TestTextErr(t *testing.T) {
	for _, tc := range []struct {
		text Text
		code apperr.Code
		want string
	}{
		{Text{NB: "Mangler 100 %.", EN: "Missing 100 %."}, apperr.Unprocessable, "Mangler 100 %. / Missing 100 %."},
		{Text{NB: "Bare bokmål."}, apperr.Forbidden, "Bare bokmål."},
	} {
		err := tc.text.Err(tc.code)
		if !apperr.Is(err, tc.code) {
			t.Errorf("%q: not a %s error: %v", tc.want, tc.code, err)
		}
		if err.Message != tc.want {
			t.Errorf("message %q, want %q", err.Message, tc.want)
		}
	}
}
