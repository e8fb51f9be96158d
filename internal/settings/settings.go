// Package settings is the municipality's own settings, kept by its administrator in the web: the
// name shown on every page, the contact details, and the language a first visit is shown in
// (bokmål, or nynorsk where that is the municipality's official written form).
package settings

import (
	"net/mail"
	"slices"
	"strings"

	"veiviser/internal/i18n"
	"veiviser/internal/kernel"
)

// Site is the municipality's settings.
type Site struct {
	Municipality    string // e.g. "Fjellvik kommune"
	Phone           string
	Email           string
	Address         string
	DefaultLanguage i18n.Lang
}

// The settings' keys in the store.
const (
	keyMunicipality = "municipality"
	keyPhone        = "phone"
	keyEmail        = "email"
	keyAddress      = "address"
	keyLanguage     = "default-language"
)

// Limits of each setting, in characters.
const (
	MaxName    = 200
	MaxPhone   = 40
	MaxEmail   = 254
	MaxAddress = 500
)

// Check is the write rule of the settings: each within its limit, the e-mail an address, the
// language one of the three. The error names the first setting that is wrong, in bokmål and
// English.
func (s Site) Check() error {
	for _, f := range []struct {
		what  kernel.Text
		value string
		max   int
	}{
		{kernel.Text{NB: "Kommunens navn", EN: "The municipality's name"}, s.Municipality, MaxName},
		{kernel.Text{NB: "Telefonnummeret", EN: "The phone number"}, s.Phone, MaxPhone},
		{kernel.Text{NB: "E-postadressen", EN: "The e-mail address"}, s.Email, MaxEmail},
		{kernel.Text{NB: "Adressen", EN: "The address"}, s.Address, MaxAddress},
	} {
		if err := kernel.CheckText(f.what, f.value, f.max); err != nil {
			return err
		}
	}
	if strings.TrimSpace(s.Municipality) == "" {
		return kernel.Violation("Skriv kommunens navn.", "Write the municipality's name.")
	}
	if s.Email != "" {
		if a, err := mail.ParseAddress(s.Email); err != nil || a.Address != s.Email {
			return kernel.Violation("E-postadressen er ikke gyldig.", "The e-mail address is not valid.")
		}
	}
	if strings.ContainsAny(s.Phone+s.Municipality, "\r\n") {
		return kernel.Violation("Navnet og telefonnummeret står på én linje.", "The name and the phone number go on one line.")
	}
	if !slices.Contains(i18n.All, s.DefaultLanguage) {
		return kernel.Violation("Velg bokmål, nynorsk eller engelsk.", "Choose bokmål, nynorsk or English.")
	}
	return nil
}
