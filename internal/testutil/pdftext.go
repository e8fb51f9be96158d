package testutil

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// PDFText is the text of a PDF as poppler's pdftotext reads it (a real PDF reader, as a screen
// reader's text comes from one), with its lines joined by spaces so a sentence broken across
// lines is found whole. It skips the test when pdftotext is missing: scripts/test installs
// poppler-utils.
func PDFText(t testing.TB, pdf []byte) string {
	t.Helper()
	out := pdfTool(t, "pdftotext", pdf, "-enc", "UTF-8")
	return strings.Join(strings.Fields(out), " ")
}

// PDFInfo is what poppler's pdfinfo says of a PDF ("Tagged: yes", "Pages: 2", "Title: ...").
func PDFInfo(t testing.TB, pdf []byte) string {
	t.Helper()
	return pdfTool(t, "pdfinfo", pdf)
}

func pdfTool(t testing.TB, tool string, pdf []byte, args ...string) string {
	t.Helper()
	path, err := exec.LookPath(tool)
	if err != nil {
		t.Skipf("%s not found; scripts/test installs poppler-utils", tool)
	}
	file := filepath.Join(t.TempDir(), "letter.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	args = append(args, file)
	if tool == "pdftotext" {
		args = append(args, "-")
	}
	var out, errOut bytes.Buffer
	cmd := exec.Command(path, args...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v: %s", tool, err, errOut.String())
	}
	return out.String()
}
