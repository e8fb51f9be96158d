// Package apperr holds Veiviser's one error type and the one table that maps its codes to HTTP
// status and FHIR issue types. Every layer returns *Error for failures a caller should see; anything
// else is an internal error whose text never reaches the user.
package apperr

import (
	"errors"
	"fmt"
	"net/http"
)

// Code says what kind of failure an error is.
type Code string

// The codes. Keep this list and the table below in step.
const (
	Invalid            Code = "invalid"             // malformed request: bad JSON, bad id, unknown parameter
	NotFound           Code = "not_found"           // no such resource (or one the caller may not see)
	Gone               Code = "gone"                // the resource was deleted
	Conflict           Code = "conflict"            // the write collides with the current state
	PreconditionFailed Code = "precondition_failed" // If-Match names a version that is not current
	Unprocessable      Code = "unprocessable"       // well-formed but fails validation or a business rule
	Unauthorized       Code = "unauthorized"        // no valid sign-in
	Forbidden          Code = "forbidden"           // signed in, but the scope does not cover the operation
	NotSupported       Code = "not_supported"       // the operation or interaction is not implemented
	MethodNotAllowed   Code = "method_not_allowed"  // the HTTP method is not allowed here
	TooManyRequests    Code = "too_many_requests"   // rate limited
	Unavailable        Code = "unavailable"         // the database cannot serve now (down, restarting, its disk full): try again
	Internal           Code = "internal"            // a bug or an outage; details only in the log
)

type mapping struct {
	status    int
	issueType string // FHIR R4 issue-type code
}

// table is the one place where a code becomes an HTTP status and a FHIR issue type.
var table = map[Code]mapping{
	Invalid:            {http.StatusBadRequest, "invalid"},
	NotFound:           {http.StatusNotFound, "not-found"},
	Gone:               {http.StatusGone, "deleted"},
	Conflict:           {http.StatusConflict, "conflict"},
	PreconditionFailed: {http.StatusPreconditionFailed, "conflict"},
	Unprocessable:      {http.StatusUnprocessableEntity, "processing"},
	Unauthorized:       {http.StatusUnauthorized, "login"},
	Forbidden:          {http.StatusForbidden, "forbidden"},
	NotSupported:       {http.StatusNotImplemented, "not-supported"},
	MethodNotAllowed:   {http.StatusMethodNotAllowed, "not-supported"},
	TooManyRequests:    {http.StatusTooManyRequests, "throttled"},
	Unavailable:        {http.StatusServiceUnavailable, "transient"},
	Internal:           {http.StatusInternalServerError, "exception"},
}

// HTTPStatus is the HTTP status for a code.
func HTTPStatus(c Code) int {
	if m, ok := table[c]; ok {
		return m.status
	}
	return http.StatusInternalServerError
}

// IssueType is the FHIR issue-type code for a code.
func IssueType(c Code) string {
	if m, ok := table[c]; ok {
		return m.issueType
	}
	return "exception"
}

// Issue is one problem found in a request, as it will appear in an OperationOutcome.
type Issue struct {
	Severity    string   // fatal, error, warning, information; "" means error
	Type        string   // FHIR issue type; "" means the type of the error's code
	Diagnostics string   // what is wrong, for a person
	Expression  []string // FHIRPath of the element, e.g. "CarePlan.status"
}

// Error is a failure the caller is told about.
type Error struct {
	Code    Code
	Message string  // for the caller; never internal detail
	Issues  []Issue // optional detail, one per problem
	Err     error   // the cause, for the log only
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// New returns an error with a formatted message.
func New(c Code, format string, args ...any) *Error {
	return &Error{Code: c, Message: fmt.Sprintf(format, args...)}
}

// WithIssues returns an error carrying one or more issues; the message is the first issue's text.
func WithIssues(c Code, issues ...Issue) *Error {
	msg := string(c)
	if len(issues) > 0 {
		msg = issues[0].Diagnostics
	}
	return &Error{Code: c, Message: msg, Issues: issues}
}

// CodeOf is the code of err, Internal when err carries none.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// Is reports whether err carries code c.
func Is(err error, c Code) bool { return err != nil && CodeOf(err) == c }

// As returns err's *Error, or an Internal one that hides err's text.
func As(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: Internal, Message: "internal error", Err: err}
}

// Wrap adds context to err for the log; a nil err stays nil. Use as
// `defer apperr.Wrap(&err, "store.Get(%s/%s)", typ, id)`.
func Wrap(errp *error, format string, args ...any) {
	if *errp == nil {
		return
	}
	var e *Error
	if errors.As(*errp, &e) {
		// keep the code and the caller's message; add context to the logged cause
		*errp = &Error{Code: e.Code, Message: e.Message, Issues: e.Issues,
			Err: fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), causeOf(e))}
		return
	}
	*errp = fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), *errp)
}

func causeOf(e *Error) error {
	if e.Err != nil {
		return e.Err
	}
	return errors.New(e.Message)
}
