package webform

import (
	"bytes"
	"mime/multipart"
	"net/http/httptest"
	"strings"
	"testing"

	"veiviser/internal/apperr"
)

func multipartBody(t *testing.T, text string, files ...[]byte) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if err := mw.WriteField("need", text); err != nil {
		t.Fatal(err)
	}
	for i, f := range files {
		fw, err := mw.CreateFormFile("files", strings.Repeat("f", i+1)+".pdf")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return &buf, mw.FormDataContentType()
}

// TestReadUpload: each part is bounded before it is read; what is over a limit is refused with
// a message the form can show (a file) or as a form too large (the text).
func TestReadUpload(t *testing.T) {
	small := []byte("%PDF-1.7 small")
	tests := []struct {
		name     string
		text     string
		files    [][]byte
		code     apperr.Code
		tooLarge bool
		want     int // files read
	}{
		{"two files", "hjelp", [][]byte{small, small}, "", false, 2},
		{"no file chosen", "hjelp", [][]byte{{}}, "", false, 0},
		{"five files", "hjelp", [][]byte{small, small, small, small, small}, "", false, 5},
		{"six files", "hjelp", [][]byte{small, small, small, small, small, small}, apperr.Unprocessable, false, 0},
		{"a file at the limit", "hjelp", [][]byte{make([]byte, MaxUploadFileBytes)}, "", false, 1},
		{"a file over it", "hjelp", [][]byte{make([]byte, MaxUploadFileBytes+1)}, apperr.Unprocessable, false, 0},
		{"text over the form's limit", strings.Repeat("a", MaxFormBytes+1), nil, apperr.Invalid, true, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body, ct := multipartBody(t, tc.text, tc.files...)
			r := httptest.NewRequest("POST", "/citizen/apply", body)
			r.Header.Set("Content-Type", ct)
			values, files, err := ReadUpload(httptest.NewRecorder(), r, "files")
			if apperr.CodeOf(err) != tc.code && !(tc.code == "" && err == nil) {
				t.Fatalf("err = %v, want code %q", err, tc.code)
			}
			if TooLarge(err) != tc.tooLarge {
				t.Errorf("too large = %v", TooLarge(err))
			}
			if err == nil && (len(files) != tc.want || values.Get("need") != tc.text) {
				t.Errorf("read %d files and need %q", len(files), values.Get("need"))
			}
		})
	}
	t.Run("a plain form", func(t *testing.T) {
		r := httptest.NewRequest("POST", "/citizen/apply", strings.NewReader("need=hjelp"))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		values, files, err := ReadUpload(httptest.NewRecorder(), r, "files")
		if err != nil || values.Get("need") != "hjelp" || files != nil {
			t.Errorf("got %v %v %v", values, files, err)
		}
	})
	if !IsUploadPath("/citizen/apply") || IsUploadPath("/citizen/inquiry") {
		t.Error("IsUploadPath")
	}
}
