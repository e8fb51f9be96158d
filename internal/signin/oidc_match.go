package signin

import (
	"context"
	"errors"
	"fmt"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/store"
)

// oidcUser redeems the code and returns the enabled user the verified claims name; errNoUser
// when none does.
func (s *Service) oidcUser(ctx context.Context, p *oidcProvider, f oidcFlow, code string) (store.User, error) {
	if code == "" {
		return store.User{}, errors.New("callback without code")
	}
	d, err := p.provider(ctx)
	if err != nil {
		return store.User{}, err
	}
	cctx := p.withClient(ctx)
	tok, err := p.oauth2Config(d).Exchange(cctx, code, oauth2.VerifierOption(f.Verifier))
	if err != nil {
		return store.User{}, fmt.Errorf("redeeming the code: %w", err)
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok || raw == "" {
		return store.User{}, errors.New("token response without id_token")
	}
	// signature by the issuer's published keys, iss, aud = our client id, exp against our clock
	idt, err := d.Verifier(&oidc.Config{ClientID: p.cfg.ClientID, Now: s.now}).Verify(cctx, raw)
	if err != nil {
		return store.User{}, fmt.Errorf("verifying the ID token: %w", err)
	}
	if !equalSecret(f.Nonce, idt.Nonce) {
		return store.User{}, errors.New("ID token nonce does not match this sign-in")
	}
	value, err := s.oidcClaim(cctx, p, d, idt, tok)
	if err != nil {
		return store.User{}, err
	}
	if value == "" {
		return store.User{}, fmt.Errorf("%w: claim %s missing or empty", errNoUser, p.cfg.Claim)
	}
	return s.matchOIDCUser(ctx, p.cfg.Kind, value)
}

// oidcClaim reads the matching claim from the ID token, or else from the userinfo endpoint:
// ID-porten puts pid in the ID token, while many staff directories give preferred_username
// or email only there. Userinfo must be about the ID token's subject.
func (s *Service) oidcClaim(ctx context.Context, p *oidcProvider, d *oidc.Provider, idt *oidc.IDToken, tok *oauth2.Token) (string, error) {
	var claims map[string]any
	if err := idt.Claims(&claims); err != nil {
		return "", fmt.Errorf("ID token claims: %w", err)
	}
	if v, ok := claims[p.cfg.Claim].(string); ok && v != "" {
		return v, nil
	}
	if d.UserInfoEndpoint() == "" {
		return "", nil
	}
	ui, err := d.UserInfo(ctx, oauth2.StaticTokenSource(tok))
	if err != nil {
		return "", fmt.Errorf("userinfo: %w", err)
	}
	if ui.Subject != idt.Subject {
		return "", errors.New("userinfo is about another subject than the ID token")
	}
	claims = nil
	if err := ui.Claims(&claims); err != nil {
		return "", fmt.Errorf("userinfo claims: %w", err)
	}
	v, _ := claims[p.cfg.Claim].(string)
	return v, nil
}

// matchOIDCUser finds the user a provider's claim value names. A citizen is the user recording
// that national identity number. A staff member is the user with that username who holds a
// staff role, so a citizen's local account that happens to share a directory name is never
// opened through the staff directory. Disabled users match nobody.
func (s *Service) matchOIDCUser(ctx context.Context, kind, value string) (store.User, error) {
	var u store.User
	var err error
	switch kind {
	case OIDCCitizen:
		if !ValidNationalID(value) {
			return store.User{}, fmt.Errorf("%w: the claim is no national identity number", errNoUser)
		}
		u, err = s.accounts.UserByNationalID(ctx, value)
	default:
		u, err = s.accounts.UserByUsername(ctx, NormalizeUsername(value))
		if err == nil && !hasStaffRole(u) {
			return store.User{}, fmt.Errorf("%w: user %s holds no staff role", errNoUser, u.ID)
		}
	}
	if apperr.Is(err, apperr.NotFound) {
		return store.User{}, errNoUser
	}
	if err != nil {
		return store.User{}, err
	}
	if u.Disabled {
		return store.User{}, fmt.Errorf("%w: user %s is disabled", errNoUser, u.ID)
	}
	return u, nil
}

func hasStaffRole(u store.User) bool {
	for _, r := range u.Roles {
		if access.Role(r) != access.Citizen && access.Role(r) != access.Relative {
			return true
		}
	}
	return false
}

// ValidNationalID reports whether s has the form of a Norwegian national identity number
// (fødselsnummer or d-nummer): 11 digits. The check digits are not verified, so synthetic
// test numbers work too.
func ValidNationalID(s string) bool {
	if len(s) != 11 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
