// Package coordination puts the coordinating unit's areas together for the web and the API,
// and builds the pages that span them. It holds no rule and writes nothing itself:
//
//   - Service (service.go) is every area's service under one value: coordinators (the
//     register and appointments), intake, consent, plan, meetings and emergency access, each
//     embedded, so the web calls one Service while each method lives in its area's package.
//   - Rules (rules.go) is every area's write rule as one records.Rule, registered in
//     records.Options so that it runs inside the transaction of every write, whichever door
//     it comes in by.
//   - The role workspaces (workspace.go), one citizen's case (case.go), the citizen's access
//     log page (accesslog.go) and the API's view of a citizen's records under the consent
//     (apiview.go) read across areas, so they are here rather than in any one of them.
//
// Every method takes a context carrying the access.Principal; outside need-to-know the answer
// is apperr.NotFound, as for a missing record, and every read of a citizen's data is logged.
package coordination
