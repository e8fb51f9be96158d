// Package contactrequest is the cancer coordinator's low-threshold door (issue 15 point 3): a
// person with cancer or another serious illness, or a relative, asks on a public form, without
// signing in or a referral, to be called; the coordinator answers within a time the municipality
// sets (lawdata's cancer-coordinator.contact.answer). The cancer coordinator is not statutory
// (../shared/law.md §3.2: a low-threshold service with no referral needed).
//
// A request is a Task (code contact-request) owned by the coordinating unit, about nobody: the
// person is not known to the unit yet, so the contact details are the Task's inputs.
package contactrequest
