// Package messages is the coordinating unit's messages and letters (Communication): what a
// message about a citizen must hold, and its mapping to FHIR.
package messages
