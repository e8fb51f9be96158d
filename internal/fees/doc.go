// Package fees computes the user fees of the allocation office's services by the national fee
// regulation (egenandelsforskriften, FOR-2011-12-16-1349) and the municipality's price list
// (law.md §2.6), line by line so a decision letter can show how the amount came about.
//
// Every amount comes from the law table (lawdata, rules/fees.json, plus what the office enters
// for a new year at /unit/fees): nothing here holds a krone. A computation for a day whose year
// has no amount in the table fails with a NotFound error, and the caller says that the amount
// is not yet known rather than reuse last year's.
//
// A computation is made of Lines, each a phrase with its numbers; Text renders them in one
// language, so one computation serves the citizen's letter in bokmål and the carer's in English.
// The package is plain Go with no store: the allocation area reads the decisions and the income
// statements and calls it.
package fees
