// Package meetings is the responsibility group's meetings and the follow-up tasks agreed in
// them: planning and holding a meeting (an Appointment, then an Encounter with minutes),
// follow-ups with an owner and a due date from the law table, and when one is late.
package meetings
