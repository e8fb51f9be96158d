// Package lawdata holds the legal references, deadlines, limits and amounts Veiviser's rules use,
// as dated data rather than code: the law moves (the individual-plan regulation changed on
// 2022-08-01, fees change every 1 January), and a rule that is data can be corrected without
// touching the code that applies it (law.md §7.1).
//
// Each Rule has a key, a value (a duration, an amount, a number or a text reference), the dates it
// is valid from and to, and its source. Table.At(key, date) returns the rule in force on a date.
// The national rules ship in rules/*.json (a file per area of the law), embedded in the binary; a municipality's own settings
// (for example the coordinating unit's assessment target) are the same kind of rule, marked
// Setting, and Table.With replaces them from a given date.
//
// Why an embedded JSON file and not a Go table: the rules are reviewed by people who read the law,
// not Go; a JSON file diffs line by line in review, can be exported and shown in the UI as it is,
// and a municipality's overrides arrive in the same shape (from the settings page or a file). The
// price is that a typo is found at start rather than at compile time, so New refuses a table that
// does not parse or check, and a test loads the embedded file.
//
// Dates are calendar dates: callers pass a time.Time whose location is the municipality's
// (Europe/Oslo), and only its year, month and day are used.
package lawdata
