package fhirapi

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"veiviser/internal/fhir"
	"veiviser/internal/records"
	"veiviser/internal/store"
)

// Bundles are spliced together from the stored resource bytes: no resource is parsed or encoded
// again on the way out.
//
// Searchset bundles carry no total: the access rules to come narrow what a caller may see, and a
// count (or an empty last page computed from one) would tell them what was held back.

// postLinkParams are the only parameters the links of a POST _search repeat: they shape the
// result but name nobody. The links point at Type/_search; to follow one, POST the same form body
// to it (URL parameters win over the body's). So an identity number given in the form never
// appears in a URL, not even in a next link.
var postLinkParams = []string{"_sort", "_include", "_revinclude", "_summary", "_elements"}

func (a *api) searchBundle(r *http.Request, res records.SearchResult, post bool) []byte {
	return appendSearchset(make([]byte, 0, bundleSize(res.Page.Records, res.Page.Included)), a.baseURL(r), res, post)
}

func bundleSize(sets ...[]store.Record) int {
	n := 512
	for _, recs := range sets {
		for _, rec := range recs {
			n += len(rec.Body) + 128
		}
	}
	return n
}

func appendSearchset(b []byte, base string, res records.SearchResult, post bool) []byte {
	q := res.Query
	path := base + "/" + q.Type
	if post {
		path += "/_search"
	}
	keep := linkParams(res.Params, post)
	b = append(b, `{"resourceType":"Bundle","type":"searchset","link":[`...)
	b = appendPageLinks(b, path, keep, q.Count, q.Offset, res.Page.HasMore)
	if len(res.Page.Records)+len(res.Page.Included) > 0 {
		b = append(b, `,"entry":[`...)
		for i, rec := range res.Page.Records {
			b = appendSearchEntry(b, i > 0, base, rec, "match")
		}
		for i, rec := range res.Page.Included {
			b = appendSearchEntry(b, i > 0 || len(res.Page.Records) > 0, base, rec, "include")
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

func appendSearchEntry(b []byte, comma bool, base string, rec store.Record, mode string) []byte {
	if comma {
		b = append(b, ',')
	}
	b = append(b, `{"fullUrl":`...)
	b = appendFullURL(b, base, rec)
	b = append(b, `,"resource":`...)
	b = append(b, rec.Body...)
	b = append(b, `,"search":{"mode":"`...)
	b = append(b, mode...)
	return append(b, `"}}`...)
}

func appendFullURL(b []byte, base string, rec store.Record) []byte {
	return appendJSONString(b, base+"/"+rec.Type+"/"+rec.ID)
}

// linkParams are the client's parameters to repeat in links, without the paging ones.
func linkParams(params url.Values, post bool) url.Values {
	keep := make(url.Values, len(params))
	for k, v := range params {
		if k == "_count" || k == "_offset" || (post && !slices.Contains(postLinkParams, k)) {
			continue
		}
		keep[k] = v
	}
	return keep
}

// appendPageLinks appends a page's links, self and (when there are) next and previous, and
// closes the link array.
func appendPageLinks(b []byte, path string, keep url.Values, count, offset int, hasMore bool) []byte {
	b = appendLink(b, "self", path, keep, count, offset)
	if hasMore {
		b = append(b, ',')
		b = appendLink(b, "next", path, keep, count, offset+count)
	}
	if offset > 0 {
		b = append(b, ',')
		b = appendLink(b, "previous", path, keep, count, max(0, offset-count))
	}
	return append(b, ']')
}

func appendLink(b []byte, relation, path string, params url.Values, count, offset int) []byte {
	v := make(url.Values, len(params)+2)
	for k, vs := range params {
		v[k] = vs
	}
	v.Set("_count", strconv.Itoa(count))
	v.Set("_offset", strconv.Itoa(offset))
	b = append(b, `{"relation":"`...)
	b = append(b, relation...)
	b = append(b, `","url":`...)
	b = appendJSONString(b, path+"?"+v.Encode())
	return append(b, '}')
}

func (a *api) historyBundle(r *http.Request, res records.HistoryResult) []byte {
	return appendHistory(make([]byte, 0, bundleSize(res.Records)), a.baseURL(r), res)
}

func appendHistory(b []byte, base string, res records.HistoryResult) []byte {
	q := res.Query
	path := base
	if q.Type != "" {
		path += "/" + q.Type
	}
	if q.ID != "" {
		path += "/" + q.ID
	}
	path += "/_history"
	keep := url.Values{}
	if !q.Since.IsZero() {
		keep.Set("_since", q.Since.UTC().Format(time.RFC3339Nano))
	}
	b = append(b, `{"resourceType":"Bundle","type":"history","link":[`...)
	b = appendPageLinks(b, path, keep, q.Count, q.Offset, res.HasMore)
	if len(res.Records) > 0 {
		b = append(b, `,"entry":[`...)
		for i, rec := range res.Records {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendHistoryEntry(b, base, rec)
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// appendHistoryEntry writes one version with the request that made it: a deletion has no resource.
func appendHistoryEntry(b []byte, base string, rec store.Record) []byte {
	method, url, status := "PUT", rec.Type+"/"+rec.ID, http.StatusOK
	switch {
	case rec.Deleted:
		method, status = "DELETE", http.StatusNoContent
	case rec.VersionID == 1:
		method, url, status = "POST", rec.Type, http.StatusCreated
	}
	b = append(b, `{"fullUrl":`...)
	b = appendFullURL(b, base, rec)
	if !rec.Deleted {
		b = append(b, `,"resource":`...)
		b = append(b, rec.Body...)
	}
	b = append(b, `,"request":{"method":"`...)
	b = append(b, method...)
	b = append(b, `","url":`...)
	b = appendJSONString(b, url)
	b = append(b, `},"response":`...)
	b = appendResponse(b, status, rec, false)
	return append(b, '}')
}

// appendResponse writes a Bundle entry's response element (without outcome).
func appendResponse(b []byte, status int, rec store.Record, location bool) []byte {
	b = append(b, `{"status":`...)
	b = appendJSONString(b, strconv.Itoa(status)+" "+http.StatusText(status))
	if rec.VersionID > 0 {
		if location && !rec.Deleted {
			b = append(b, `,"location":`...)
			b = appendJSONString(b, versionPath(rec))
		}
		b = append(b, `,"etag":`...)
		b = appendJSONString(b, records.ETag(rec.VersionID))
		b = append(b, `,"lastModified":`...)
		b = appendJSONString(b, fhir.FormatInstant(rec.LastUpdated))
	}
	return append(b, '}')
}

// responseBundle is the batch-response or transaction-response, one entry per request entry.
func (a *api) responseBundle(r *http.Request, res records.BundleResult) []byte {
	base := a.baseURL(r)
	b := make([]byte, 0, 4096)
	b = append(b, `{"resourceType":"Bundle","type":`...)
	b = appendJSONString(b, res.Type)
	b = append(b, `,"entry":[`...)
	for i, e := range res.Entries {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendResponseEntry(b, base, e)
	}
	return append(b, "]}"...)
}

func appendResponseEntry(b []byte, base string, e records.EntryResult) []byte {
	b = append(b, '{')
	switch {
	case e.Err != nil:
		b = append(b, `"response":{"status":`...)
		b = appendJSONString(b, strconv.Itoa(e.Status)+" "+http.StatusText(e.Status))
		b = append(b, `,"outcome":`...)
		b = fhir.OperationOutcome(e.Err).AppendJSON(b)
		return append(b, "}}"...)
	case e.Search != nil:
		b = append(b, `"resource":`...)
		b = appendSearchset(b, base, *e.Search, false)
		b = append(b, ',')
	case e.History != nil:
		b = append(b, `"resource":`...)
		b = appendHistory(b, base, *e.History)
		b = append(b, ',')
	case e.Record.Body != nil:
		b = append(b, `"fullUrl":`...)
		b = appendFullURL(b, base, e.Record)
		b = append(b, `,"resource":`...)
		b = append(b, e.Record.Body...)
		b = append(b, ',')
	}
	b = append(b, `"response":`...)
	b = appendResponse(b, e.Status, e.Record, true)
	return append(b, '}')
}

// appendJSONString writes s as a JSON string. Our strings here are URLs, ids and status texts;
// escaping what JSON requires is enough.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, `\u00`...)
			b = append(b, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&0xf])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}
