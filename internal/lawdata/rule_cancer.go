package lawdata

// CancerContactAnswer is how soon the cancer coordinator calls back a person who asked on the
// public form to be contacted (a municipal setting; rules/cancer.json).
const CancerContactAnswer Key = "cancer-coordinator.contact.answer"
