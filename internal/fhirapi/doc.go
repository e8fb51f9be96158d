// Choices this API makes where R4 leaves room, in one place:
//
//   - Delete of a resource that does not exist, or is already deleted, answers 204 and writes
//     nothing (R4 http.html: "Upon successful deletion, or if the resource does not exist at all,
//     the server should return ... 204 No Content"). A read after a deletion answers 410, and the
//     deletion shows in history as an entry with request.method DELETE and no resource.
//   - Update of an id that does not exist (or was deleted) creates it: 201, updateCreate true.
//   - If-Match takes W/"n" (also "n"); a version that is not current is 412, a malformed value 400.
//     Two writers racing on one version: one wins, the other gets 412 or, when the store catches
//     the race at commit, 409.
//   - AuditEvent is read-only here (405 on create, update, delete); the server writes it through
//     records.Service.RecordAuditEvent.
//   - Searchset bundles carry no total: once access rules narrow results, a count would reveal
//     what was held back. Paging links carry _count and _offset and are otherwise opaque.
//   - POST [type]/_search: the self/next/previous links point at [type]/_search and repeat only
//     the parameters that shape the result (_sort, _include, _revinclude, _summary, _elements) plus
//     _count and _offset, never the criteria, so an identity number sent in the form never ends up
//     in a URL. To follow such a link, POST the same form body to it; parameters in the URL win
//     over the body's. GET searches repeat the whole query in their links.
//   - Request bodies: application/fhir+json or application/json (415 otherwise), gzip accepted,
//     at most 10 MB after decoding (413). Responses are gzipped when asked for and at least 512
//     bytes; _format and _pretty are ignored (JSON only).
//   - Bundles: a transaction runs in one store transaction in the order DELETE, POST, PUT, GET;
//     urn:uuid fullUrls of POST and PUT entries are rewritten in every entry's references, and
//     references are checked after all writes, so entries may point at each other. Conditional
//     update and delete (url with "?") are not supported (501); vread and history inside a
//     transaction are refused (they cannot see its writes), in a batch they work. A failing
//     transaction answers with the failing entry's status and an OperationOutcome naming
//     Bundle.entry[i].
//   - References must resolve to an existing, not deleted resource of a type we hold and the
//     element allows (422 otherwise). Contained references and absolute http(s) URLs are not
//     checked (an absolute URL may name another server's resource).

package fhirapi
