// Package intake is how a case reaches the coordinating unit: inquiries from the citizen, a
// guardian or a relative, need reports from providers, their reference numbers and deadlines,
// the unit's assessment (the long-term and coordinated test, the outcome and its reasons), the
// assessment letter, and the right to a child coordinator. It maps an inquiry to a
// ServiceRequest and an assessment to a Task.
package intake
