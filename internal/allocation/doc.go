// Package allocation is the allocation office (tildelingsenheten): the services it decides on,
// and, as the area grows, applications, case processing, decisions, change requests and
// appeals (law.md §2 in the project's research notes: forvaltningsloven §§ 11 a, 24-25, 27-31,
// pasient- og brukerrettighetsloven §§ 2-1 a, 7-2 and 7-5).
//
// The service catalogue (tjenesteoversikt) is data: catalogue/services.json says each service's
// words in bokmål, nynorsk and English, and names by key the rules that change with the law (the
// legal basis, the appeal deadline and appeal body, the fee), which internal/lawdata keeps dated.
// A page shows a service as it stands on a day, so next year's amounts and a renamed appeal body
// need no code.
package allocation
