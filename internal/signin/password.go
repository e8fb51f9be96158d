// Package signin signs people in: argon2id password hashes, the login form's handlers, lockout
// after repeated failures, sessions kept in the database (so every instance on one PostgreSQL
// shares them) and the middleware that puts the signed-in person's access.Principal in the
// request context.
package signin

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// The argon2id parameters of new hashes. They are OWASP's first recommended configuration
// (19 MiB, two passes, one lane): about 30-50 ms on one core, so a sign-in stays quick on a small
// shared server while a stolen hash still costs an attacker 19 MiB per guess. A hash records its
// own parameters, so raising these later leaves existing hashes valid.
const (
	argonMemoryKiB = 19 * 1024
	argonTime      = 2
	argonThreads   = 1
	argonSaltLen   = 16 // bytes; RFC 9106 recommends 128 bits
	argonKeyLen    = 32 // bytes
)

// HashPassword returns the argon2id hash of password in the PHC string format:
// $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>, both base64 without padding.
func HashPassword(password string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("password salt: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemoryKiB, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemoryKiB, argonTime,
		argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// errBadHash means a stored hash is not an argon2id PHC string this code can read.
var errBadHash = errors.New("password hash: not an argon2id PHC string")

// VerifyPassword reports whether password matches the PHC hash, comparing in constant time.
func VerifyPassword(password, hash string) (bool, error) {
	p, err := parseHash(hash)
	if err != nil {
		return false, err
	}
	key := argon2.IDKey([]byte(password), p.salt, p.time, p.memory, p.threads, uint32(len(p.key)))
	return subtle.ConstantTimeCompare(key, p.key) == 1, nil
}

type phc struct {
	memory, time uint32
	threads      uint8
	salt, key    []byte
}

func parseHash(hash string) (phc, error) {
	// "", "argon2id", "v=19", "m=..,t=..,p=..", salt, key
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return phc{}, errBadHash
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return phc{}, fmt.Errorf("%w: version %q", errBadHash, parts[2])
	}
	var p phc
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.memory, &p.time, &p.threads); err != nil ||
		p.memory == 0 || p.time == 0 || p.threads == 0 {
		return phc{}, fmt.Errorf("%w: parameters %q", errBadHash, parts[3])
	}
	var err error
	if p.salt, err = base64.RawStdEncoding.DecodeString(parts[4]); err != nil {
		return phc{}, fmt.Errorf("%w: salt: %v", errBadHash, err)
	}
	if p.key, err = base64.RawStdEncoding.DecodeString(parts[5]); err != nil || len(p.key) == 0 {
		return phc{}, fmt.Errorf("%w: key", errBadHash)
	}
	return p, nil
}
