// Package reporting is what the municipality reports about its services: the yearly
// IPLOS-melding to the municipal patient and user register (KPR, law.md §6 in the project's
// research notes), written by the operator's command `veiviser report kpr`, and the server-rendered
// charts of the unit lead's statistics page. The rules are plain Go (hours.go, kpr.go); the
// mapping of Veiviser's services to the KPR service list is data (kprservices.json); the reads
// are service_kpr.go's, through the record layer's search, and every person written has an entry
// in the access log. docs/kpr.md says what of the register's format is verified and what is not.
package reporting
