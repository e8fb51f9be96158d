package oauth

// HashToken is how a token is kept, for the benchmark's look-ups.
var HashToken = hash
