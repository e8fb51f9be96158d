package kernel

// Veiviser's extensions for the user fees (internal/fees, the office's fee schedule):
//
//	fee-amount   Organization  complex, repeats: key, amount (valueMoney), from, to, source: an amount the office entered
//	fee-change   Organization  complex: year, by, at, source: what the version changed in the fee schedule
//	unwanted-double-room  ServiceRequest  valueBoolean: a stay in a double room the resident did not want (the higher allowance)
const (
	ExtFeeAmount          = "fee-amount"
	ExtFeeChange          = "fee-change"
	ExtUnwantedDoubleRoom = "unwanted-double-room"
)
