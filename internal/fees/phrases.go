package fees

import "veiviser/internal/i18n"

// phrase is one step's words in bokmål, nynorsk and English, with fmt verbs for its numbers.
type phrase struct{ nb, nn, en string }

func (p phrase) in(lang i18n.Lang) string {
	switch lang {
	case i18n.Nynorsk:
		return p.nn
	case i18n.English:
		return p.en
	}
	return p.nb
}

// The steps of the computations. Kept together so the three languages are read side by side.
var (
	pFree         = phrase{"Tjenesten er gratis", "Tenesta er gratis", "The service is free"}
	pNotCharged   = phrase{"Tjenesten har ingen egenandel", "Tenesta har ingen eigendel", "The service has no fee"}
	pHousehold    = phrase{"Husstandens skattbare nettoinntekt før særfradrag, per år", "Hushaldet si skattbare nettoinntekt før særfrådrag, per år", "The household's taxable net income before special deductions, per year"}
	pNoIncome     = phrase{"Inntekten er ikke dokumentert: høyeste sats brukes til den er det", "Inntekta er ikkje dokumentert: høgaste sats blir brukt til ho er det", "The income is not documented: the highest rate applies until it is"}
	pG            = phrase{"Grunnbeløpet (G) per %s", "Grunnbeløpet (G) per %s", "The basic amount (G) on %s"}
	pUnder2G      = phrase{"Inntekt %s G, under 2 G: statens høyeste egenandel per måned", "Inntekt %s G, under 2 G: høgaste eigendel frå staten per månad", "Income %s G, under 2 G: the state's maximum per month"}
	pBracket      = phrase{"Inntekt %s G, mellom %s og %s G: kommunens høyeste egenandel per måned", "Inntekt %s G, mellom %s og %s G: høgaste eigendel i kommunen per månad", "Income %s G, between %s and %s G: the municipality's maximum per month"}
	pTopBracket   = phrase{"Inntekt %s G, over %s G: kommunens høyeste egenandel per måned", "Inntekt %s G, over %s G: høgaste eigendel i kommunen per månad", "Income %s G, over %s G: the municipality's maximum per month"}
	pTopOnly      = phrase{"Over %s G: kommunens høyeste egenandel per måned", "Over %s G: høgaste eigendel i kommunen per månad", "Over %s G: the municipality's maximum per month"}
	pRateUnder2G  = phrase{"Husstandens inntekt under 2 G: statens høyeste egenandel per måned", "Inntekt i hushaldet under 2 G: høgaste eigendel frå staten per månad", "Household income under 2 G: the state's maximum per month"}
	pRateBracket  = phrase{"Husstandens inntekt mellom %s og %s G: høyeste egenandel per måned", "Inntekt i hushaldet mellom %s og %s G: høgaste eigendel per månad", "Household income between %s and %s G: the maximum per month"}
	pRatePerHour  = phrase{"Pris per time, inntil den høyeste egenandelen", "Pris per time, opp til den høgaste eigendelen", "The price per hour, up to the maximum"}
	pRatePerDay   = phrase{"Egenandel per døgn de første 60 døgnene i kalenderåret", "Eigendel per døger dei første 60 døgera i kalenderåret", "The fee per day for the first 60 days of the calendar year"}
	pRateDayNight = phrase{"Egenandel per dag- eller nattopphold", "Eigendel per dag- eller nattopphald", "The fee per day or night stay"}
	pRateRealCost = phrase{"Det plassen koster per måned, det høyeste vederlaget", "Det plassen kostar per månad, det høgaste vederlaget", "What the place costs a month, the highest charge"}
	pRatePerMonth = phrase{"Pris per måned", "Pris per månad", "The price per month"}
	pHours        = phrase{"%s timer per måned à %s", "%s timar per månad à %s", "%s hours a month at %s"}
	pLower        = phrase{"Du betaler det laveste, per måned", "Du betaler det lågaste, per månad", "You pay the lower, per month"}
	pGross        = phrase{"Inntekt før skatt, per år", "Inntekt før skatt, per år", "Income before tax, per year"}
	pTax          = phrase{"Skatt, per år", "Skatt, per år", "Tax, per year"}
	pInterest     = phrase{"Gjeldsrenter, per år", "Gjeldsrenter, per år", "Debt interest, per year"}
	pAllowance    = phrase{"Fribeløp, per år", "Fribeløp, per år", "The allowance (fribeløp), per year"}
	pAllowance2   = phrase{"Høyere fribeløp i dobbeltrom du ikke ønsket, per år", "Høgare fribeløp i dobbeltrom du ikkje ønskte, per år", "The higher allowance in a double room you did not want, per year"}
	pUpToG        = phrase{"%s av inntekt opp til G (%s) minus fribeløpet", "%s av inntekt opp til G (%s) minus fribeløpet", "%s of income up to G (%s) less the allowance"}
	pAboveG       = phrase{"%s av inntekt over G etter skatt og gjeldsrenter (%s)", "%s av inntekt over G etter skatt og gjeldsrenter (%s)", "%s of income above G after tax and debt interest (%s)"}
	pPerYear      = phrase{"Vederlag per år", "Vederlag per år", "The charge per year"}
	pKeep         = phrase{"Du skal beholde minst 25 %% av G og 75 %% av fribeløpet (%s) etter skatt og gjeldsrenter: vederlaget per år settes ned til", "Du skal halde att minst 25 %% av G og 75 %% av fribeløpet (%s) etter skatt og gjeldsrenter: vederlaget per år blir sett ned til", "You keep at least 25 %% of G and 75 %% of the allowance (%s) after tax and debt interest: the charge per year is lowered to"}
	pPerMonth     = phrase{"Vederlag per måned", "Vederlag per månad", "The charge per month"}
	pRealCost     = phrase{"Plassen koster %s per måned, og du betaler aldri mer", "Plassen kostar %s per månad, og du betaler aldri meir", "The place costs %s a month, and you never pay more"}
	pNoIncomeLT   = phrase{"Inntekten er ikke dokumentert: vederlaget er det plassen koster per måned", "Inntekta er ikkje dokumentert: vederlaget er det plassen kostar per månad", "The income is not documented: the charge is what the place costs a month"}
	pYouPay       = phrase{"Du betaler per måned", "Du betaler per månad", "You pay per month"}
	pShortDays    = phrase{"%s i %s à %s (døgn %s-%s av 60 i kalenderåret)", "%s i %s à %s (døger %s-%s av 60 i kalenderåret)", "%s in %s at %s (days %s-%s of 60 in the calendar year)"}
	pOver60       = phrase{"%s i %s etter 60 døgn i kalenderåret, betalt som langtidsopphold: %s av vederlaget per måned (%s)", "%s i %s etter 60 døger i kalenderåret, betalt som langtidsopphald: %s av vederlaget per månad (%s)", "%s in %s after 60 days in the calendar year, charged as a long-term stay: %s of the monthly charge (%s)"}
	pMonthTotal   = phrase{"Du betaler for %s", "Du betaler for %s", "You pay for %s"}
	pNoStay       = phrase{"Ingen døgn i %s", "Ingen døger i %s", "No days in %s"}
	pDayNight     = phrase{"%s dag- eller nattopphold à %s", "%s dag- eller nattopphald à %s", "%s day or night stays at %s"}
	pPriceList    = phrase{"Kommunens prisliste per %s, per måned", "Prislista i kommunen per %s, per månad", "The municipality's price list on %s, per month"}
)
