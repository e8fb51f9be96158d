package demo

import (
	"fmt"
	"time"
)

// syntheticNationalID is a fødselsnummer of a synthetic person (Skatteetaten's Tenor form: 80
// added to the month), with valid check digits, so it can never be a real person's. n picks
// among the valid individual numbers for the date, to keep family members apart.
func syntheticNationalID(birth time.Time, n int) string {
	base := 0
	if birth.Year() >= 2000 {
		base = 500
	}
	for ind := base + n*7; ind < base+500; ind++ {
		digits := fmt.Sprintf("%02d%02d%02d%03d", birth.Day(), int(birth.Month())+80, birth.Year()%100, ind)
		d := make([]int, 9)
		for i := range d {
			d[i] = int(digits[i] - '0')
		}
		k1 := check(d, []int{3, 7, 6, 1, 8, 9, 4, 5, 2})
		if k1 < 0 {
			continue
		}
		k2 := check(append(d, k1), []int{5, 4, 3, 2, 7, 6, 5, 4, 3, 2})
		if k2 < 0 {
			continue
		}
		return fmt.Sprintf("%s%d%d", digits, k1, k2)
	}
	panic("no synthetic number for " + birth.Format(time.DateOnly)) // 500 tries always find one
}

// check is a mod-11 check digit; -1 when there is none (remainder 1).
func check(d, w []int) int {
	sum := 0
	for i := range w {
		sum += d[i] * w[i]
	}
	k := 11 - sum%11
	switch k {
	case 11:
		return 0
	case 10:
		return -1
	}
	return k
}
