package webform

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"veiviser/internal/kernel"
)

// The pages that take files, and how much. An upload form is read part by part, each part
// bounded before it is read: the text fields together by MaxFormBytes (as any form), each file
// by FileBytes, the number of files by Files, the whole body by MaxUploadBytes (the server caps
// it before any handler runs: IsUploadPath).
const (
	MaxUploadFiles     = 5
	MaxUploadFileBytes = 5 << 20
	MaxUploadBytes     = MaxUploadFiles*MaxUploadFileBytes + 2*MaxFormBytes
)

// IsUploadPath reports whether path is a page whose form may carry files.
func IsUploadPath(path string) bool {
	switch path {
	case "/citizen/apply", "/relative/apply", "/provider/apply", "/case-officer/paper-application", "/citizen/income":
		return true
	}
	// a case's documents: /case-officer/applications/{ref}/documents
	return strings.HasPrefix(path, "/case-officer/applications/") && strings.HasSuffix(path, "/documents")
}

// File is one file as sent.
type File struct {
	Name string // its name on the sender's machine, for people only
	Data []byte
}

// ReadUpload reads a multipart form of text fields and files named fileField; a form that is
// not multipart is read as Read does, with no files. A file part without a name and content
// (no file chosen) is left out.
func ReadUpload(rw http.ResponseWriter, r *http.Request, fileField string) (url.Values, []File, error) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		if err := Read(rw, r); err != nil {
			return nil, nil, err
		}
		return r.PostForm, nil, nil
	}
	r.Body = http.MaxBytesReader(rw, r.Body, MaxUploadBytes)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, nil, formReadError(err)
	}
	values, files, text := url.Values{}, []File(nil), 0
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, formReadError(err)
		}
		if part.FormName() == fileField && part.FileName() != "" {
			if len(files) == MaxUploadFiles {
				return nil, nil, uploadError("Send høyst 5 vedlegg.", "Send at most 5 attachments.")
			}
			data, err := io.ReadAll(io.LimitReader(part, MaxUploadFileBytes+1))
			if err != nil {
				return nil, nil, formReadError(err)
			}
			if len(data) > MaxUploadFileBytes {
				return nil, nil, uploadError("Et vedlegg kan være høyst 5 MB.", "An attachment may be at most 5 MB.")
			}
			if len(data) > 0 {
				files = append(files, File{Name: part.FileName(), Data: data})
			}
			continue
		}
		b, err := io.ReadAll(io.LimitReader(part, int64(MaxFormBytes-text+1)))
		if err != nil {
			return nil, nil, formReadError(err)
		}
		if text += len(b); text > MaxFormBytes {
			return nil, nil, formReadError(&http.MaxBytesError{Limit: MaxFormBytes})
		}
		values.Add(part.FormName(), strings.ToValidUTF8(string(b), "\uFFFD"))
	}
	return values, files, nil
}

// uploadError is a file the person can replace: shown on the form (Unprocessable), not as a
// failed request.
func uploadError(nb, en string) error {
	return kernel.Violation(nb, en)
}
