package demo

// The citizens of the demo, and their relatives. Made-up names; synthetic identity numbers.
var citizens = []citizen{
	{"p-astrid", "Astrid", "Lyngmo", date(1961, 5, 14), "female"},
	{"p-olav", "Olav", "Brekkhus", date(1949, 2, 3), "male"},
	{"p-gunn", "Gunn", "Tverrå", date(1972, 9, 21), "female"},
	{"p-henrik", "Henrik", "Moldskred", date(1985, 12, 2), "male"},
	{"p-sigrid", "Sigrid", "Auneberg", date(1955, 7, 30), "female"},
	{"p-trond", "Trond", "Elvebakk", date(1968, 3, 11), "male"},
	{"p-marte", "Marte", "Rustad", date(1986, 6, 8), "female"},
	{"p-emma", "Emma", "Rustad", date(2016, 4, 19), "female"},
	{"p-noah", "Noah", "Rustad", date(2019, 10, 5), "male"},
	{"p-ivar", "Ivar", "Fossli", date(1958, 1, 27), "male"},
	{"p-berit", "Berit", "Hovdenak", date(1979, 8, 16), "female"},
	{"p-jon", "Jon", "Vikeland", date(1944, 11, 9), "male"},
	{"p-ragnar", "Ragnar", "Stensli", date(1952, 4, 1), "male"},
	{"p-solveig", "Solveig", "Bakkerud", date(1990, 2, 24), "female"},
	{"p-petter", "Petter", "Grøndal", date(1975, 6, 17), "male"},
	{"p-hilde", "Hilde", "Sørbø", date(1983, 3, 29), "female"},
	{"p-arne", "Arne", "Lindtveit", date(1960, 10, 13), "male"},
	{"p-tone", "Tone", "Rognstad", date(1970, 12, 22), "female"},
	{"p-frida", "Frida", "Nesheim", date(2008, 7, 7), "female"},
	{"p-eldar", "Eldar", "Kvamsøy", date(1947, 5, 5), "male"},
}

type relative struct{ id, patient, name, code string }

var relatives = []relative{
	{"rp-astrid-bjorn", "p-astrid", "Bjørn Lyngmo", "HUSB"},
	{"rp-emma-marte", "p-emma", "Marte Rustad", "MTH"},
	{"rp-noah-marte", "p-noah", "Marte Rustad", "MTH"},
	{"rp-solveig-anne", "p-solveig", "Anne Bakkerud", "SIS"},
	{"rp-frida-geir", "p-frida", "Geir Nesheim", "FTH"},
}
