package kernel

// Veiviser's extensions for the user fees (internal/fees, the office's fee schedule):
//
//	fee-amount   Organization  complex, repeats: key, amount (valueMoney), from, to, source: an amount the office entered
//	fee-change   Organization  complex: year, by, at, source: what the version changed in the fee schedule
const (
	ExtFeeAmount = "fee-amount"
	ExtFeeChange = "fee-change"
)
