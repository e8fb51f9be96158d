// Package accesslog is the access log (law.md §5): every read, search, create, update and
// delete of a citizen's data is an AuditEvent, one per citizen it reached (entries.go). Writes
// store theirs in the write's own transaction (WriteAudit, the one builder of a write's
// entries, for the API and the web alike); reads go through Log, which commits the entries of
// concurrent requests together (NewLog) or appends them to a journal on disk first and stores
// them in the background (OpenJournal), and answers each request only once its entry is
// durable. Who may read the log is need-to-know's (access.Decider.AccessLogReach).
package accesslog
