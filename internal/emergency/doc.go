// Package emergency is emergency access ("break the glass") as a workflow: a staff member
// without need-to-know states a reason and is granted four hours of access to one citizen
// (Grant, for the API's $emergency-access and the web pages alike); the grant is an AuditEvent
// in the citizen's own log, and a Task flags it to the unit lead of the asker's unit, who
// reviews it (OpenFlags). While a grant lasts, need-to-know counts it (access.Decider).
package emergency
