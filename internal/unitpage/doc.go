// Package unitpage is the coordinating unit's public page (/koordinerende-enhet): what the unit
// does and how to reach it, with questions and answers, shown to anyone without sign-in and
// kept by the unit lead. The municipality's source pages are public information pages like it;
// the page's words are the unit's own, its contact details the unit's Organization's.
//
// It is kept on the unit's Organization: phone and e-mail as telecom, the visiting address as
// address, and the introduction, the opening hours and the questions and answers as extensions
// (public-intro, opening-hours, public-qa with question and answer), so another system reading
// the Organization gets the same contact details.
package unitpage
