// Package workflow is the plumbing every area's service and write rule shares, and nothing of
// any area: the record layer, the law table, the clock and new ids (Base); who asks
// (Principal) and need-to-know (Base.Reach); reads that parse and transactions that write only
// what changed, each write logged (records.go); names and contacts of the people a page lists
// (people.go); and what a write rule knows besides the records it reads (RuleEnv, rule.go).
//
// One Base serves every area of one server: the areas' services hold it, the web and the demo
// reach the areas through internal/areas, which builds it.
package workflow
