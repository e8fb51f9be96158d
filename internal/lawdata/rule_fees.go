package lawdata

// The keys of the user fees (egenandelsforskriften, law.md §2.6), in rules/fees.json. They are
// all settings: the state's amounts change every 1 January (G every 1 May), and the office's
// administrator enters the year's amounts from the circular (/unit/fees) without a new release;
// the municipality's own prices are settings by nature.
const (
	// G is folketrygdens grunnbeløp, the unit the fee brackets and the long-term charge count in.
	G Key = "fee.g"
	// ShortStayFeePerDay is the national maximum fee per day for a short-term stay.
	ShortStayFeePerDay Key = "fee.short-stay.per-day"
	// DayNightStayFeePerDay is the national maximum for a day or night stay in an institution.
	DayNightStayFeePerDay Key = "fee.day-night-stay.per-day"
	// PracticalAssistanceFeeUnder2G is the national maximum monthly fee for practical assistance
	// when the household's income is under 2 G.
	PracticalAssistanceFeeUnder2G Key = "fee.practical-assistance.under-2g"
	// PracticalAssistanceBracket2G to 5G are the municipality's monthly maximums at 2-3 G, 3-4 G,
	// 4-5 G and over 5 G.
	PracticalAssistanceBracket2G Key = "fee.practical-assistance.bracket-2g"
	PracticalAssistanceBracket3G Key = "fee.practical-assistance.bracket-3g"
	PracticalAssistanceBracket4G Key = "fee.practical-assistance.bracket-4g"
	PracticalAssistanceBracket5G Key = "fee.practical-assistance.bracket-5g"
	// PracticalAssistancePerHour is the municipality's price per hour, charged up to the cap.
	PracticalAssistancePerHour Key = "fee.practical-assistance.per-hour"
	// LongTermAllowance is the fribeløp per year deducted before the 75 % share; the higher
	// LongTermAllowanceDoubleRoom applies in a double room the resident did not want.
	LongTermAllowance           Key = "fee.long-term.allowance"
	LongTermAllowanceDoubleRoom Key = "fee.long-term.allowance.double-room"
	// LongTermRealCost is the real cost of a place per month: the highest long-term charge.
	LongTermRealCost Key = "fee.long-term.real-cost.per-month"
	// SafetyAlarmPerMonth and MealPerPortion are the municipal price list.
	SafetyAlarmPerMonth Key = "fee.safety-alarm.per-month"
	MealPerPortion      Key = "fee.meal.per-portion"
)

// FeeKeys are the fee rules in the order the office's fee schedule shows them.
func FeeKeys() []Key {
	return []Key{G, ShortStayFeePerDay, DayNightStayFeePerDay, PracticalAssistanceFeeUnder2G,
		PracticalAssistanceBracket2G, PracticalAssistanceBracket3G, PracticalAssistanceBracket4G,
		PracticalAssistanceBracket5G, PracticalAssistancePerHour, LongTermAllowance,
		LongTermAllowanceDoubleRoom, LongTermRealCost, SafetyAlarmPerMonth, MealPerPortion}
}
