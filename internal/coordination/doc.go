// Package coordination is the coordinating unit's workflows as services that the web UI and
// the FHIR API share: inquiries and the unit lead's inbox, the assessment and its letter, the
// coordinator register and appointments, consent, the individual plan (goals, measures,
// participants, evaluations, meetings and follow-up tasks, comments and goal proposals), its log,
// versions and differences, the workspaces of each role, and the citizen's view of who has seen
// their data.
//
// Every method takes a context carrying the access.Principal and asks two questions before it
// acts: may this principal see this citizen at all (need-to-know, from access.Decider; outside
// reach the answer is apperr.NotFound, as for a missing record) and may they do this to this part
// (care.MayEdit with the consent in force; inside reach a refusal is apperr.Forbidden). The rules
// themselves are care's; this package reads and writes the records as FHIR through care's
// fhirmap functions and records.Service, so every write is versioned and logged (an AuditEvent in
// the write's own transaction) and every read of a citizen's data is logged through accesslog.Log.
//
// Rules (rules.go) is the same set of rules as a records.Rule: registered in records.Options, it
// runs inside the write transaction of every write, whichever door it comes in by, so an API
// client cannot bypass them.
//
// Storage choices: an inquiry's reference number comes from a store-backed counter, one Task
// (code sequence, about nobody) per year whose version number is the sequence (an update with If-Match on the version
// read; a concurrent writer gets a conflict and retries), safe on SQLite and PostgreSQL alike;
// numbers are never reused, though a failed submission may leave a gap. The plan log is a
// repeating extension on the CarePlan (ExtensionBase+"plan-log": at, by, event, text in bokmål
// and English), one entry per change, so each CarePlan version carries who changed it, when and
// what; versions are the CarePlan's history.
//
// API stability: the exported types and method signatures are used by internal/web. Changes are
// additive; a changed signature is noted in its doc comment.
package coordination
