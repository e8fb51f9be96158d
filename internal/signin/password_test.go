package signin

import (
	"strings"
	"testing"
)

func TestPasswordHashAndVerify(t *testing.T) {
	t.Parallel()
	hash, err := HashPassword("riktig hest batteri stift")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q is not in the PHC form with the configured parameters", hash)
	}
	other, err := HashPassword("riktig hest batteri stift")
	if err != nil {
		t.Fatal(err)
	}
	if other == hash {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	tests := []struct {
		password string
		want     bool
	}{
		{"riktig hest batteri stift", true},
		{"riktig hest batteri stift ", false},
		{"", false},
		{"Riktig hest batteri stift", false},
	}
	for _, tc := range tests {
		got, err := VerifyPassword(tc.password, hash)
		if err != nil || got != tc.want {
			t.Errorf("VerifyPassword(%q) = %v, %v; want %v", tc.password, got, err, tc.want)
		}
	}
}

func TestVerifyPasswordRejectsBadHashes(t *testing.T) {
	t.Parallel()
	for _, hash := range []string{
		"",
		"plain",
		"$argon2i$v=19$m=19456,t=2,p=1$c2FsdA$a2V5",
		"$argon2id$v=16$m=19456,t=2,p=1$c2FsdA$a2V5",
		"$argon2id$v=19$m=0,t=2,p=1$c2FsdA$a2V5",
		"$argon2id$v=19$m=19456,t=2,p=1$***$a2V5",
		"$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$",
	} {
		if ok, err := VerifyPassword("x", hash); ok || err == nil {
			t.Errorf("VerifyPassword(%q) = %v, %v; want false and an error", hash, ok, err)
		}
	}
}
