package allocation

import (
	"bytes"
	"strings"
	"time"

	"veiviser/internal/kernel"
)

// Attachment is a file sent with an application: a PDF or an image.
type Attachment struct {
	ID          string
	Name        string // the file's name as sent, for people; its type comes from its content
	ContentType string
	Data        []byte
	Subject     string // Patient/...
	Author      string // who sent it
	Created     time.Time
	// Case is the case Task (Task/case-<reference>) a document the office added belongs to;
	// "" for a file sent with the application.
	Case string
}

// The limits of what is sent with one application. The web reads no more than these before
// refusing (MaxUpload bounds the whole request), and the write rule holds them for the API.
const (
	MaxAttachmentBytes = 5 << 20
	MaxAttachments     = 5
	MaxUpload          = MaxAttachments*MaxAttachmentBytes + 1<<20
)

// kinds are the file types accepted, each known by how its content starts (a file's name or
// the type a browser claims says nothing about what it holds).
var kinds = []struct {
	contentType string
	magic       []byte
}{
	{"application/pdf", []byte("%PDF-")},
	{"image/png", []byte("\x89PNG\r\n\x1a\n")},
	{"image/jpeg", []byte("\xff\xd8\xff")},
}

// Sniff is the content type of data by its content; "" when it is none of the accepted kinds.
func Sniff(data []byte) string {
	for _, k := range kinds {
		if bytes.HasPrefix(data, k.magic) {
			return k.contentType
		}
	}
	return ""
}

// ValidateAttachment checks one file: not empty, within the size limit, of an accepted kind by
// its content, and named.
func ValidateAttachment(a Attachment) error {
	switch {
	case len(a.Data) == 0:
		return kernel.Violation("Vedlegget er tomt.", "The attachment is empty.")
	case len(a.Data) > MaxAttachmentBytes:
		return kernel.Violation("Et vedlegg kan være høyst 5 MB.", "An attachment may be at most 5 MB.")
	case Sniff(a.Data) == "":
		return kernel.Violation("Vedlegg må være PDF, PNG eller JPEG.", "Attachments must be PDF, PNG or JPEG.")
	case a.ContentType != Sniff(a.Data):
		return kernel.Violation("Vedleggets type stemmer ikke med innholdet.", "The attachment's type does not match its content.")
	case strings.TrimSpace(a.Name) == "" || len(a.Name) > kernel.MaxName:
		return kernel.Violation("Vedlegget må ha et navn på høyst 200 tegn.", "The attachment needs a name of at most 200 characters.")
	case a.Subject == "" || a.Author == "":
		return kernel.Violation("Vedlegget må gjelde en person og ha en avsender.", "The attachment must name the citizen and who sent it.")
	}
	return nil
}
