package web

import (
	"net/http"

	"veiviser/internal/access"
)

// Route is one page's method and path, and its handler, for internal/server's routes.
type Route struct {
	Pattern string
	Handler http.Handler
}

// Routes are every page of the web UI, by area: the one list of them (internal/server registers
// them beside the API's, sign-in's and the operations' routes, with the web's headers).
func (w *Web) Routes() []Route {
	hf := func(pattern string, h http.HandlerFunc) Route { return Route{Pattern: pattern, Handler: h} }
	routes := []Route{
		// the shell: the start page, drafts, static files
		hf("GET /{$}", w.Home),
		hf("POST /drafts", w.SaveDraft),
		hf("POST /language", w.ChooseLanguage),
		hf("GET /admin/settings", w.SettingsPage),
		hf("POST /admin/settings", w.SaveSettings),
		{Pattern: "GET /static/", Handler: w.Static()},

		// the coordinating unit's public page, and the unit lead's form for it
		hf("GET /koordinerende-enhet", w.PublicUnitPage),
		hf("GET /unit/public-page", w.PublicPageForm),
		hf("POST /unit/public-page", w.SavePublicPage),

		// the cancer coordinator: the public contact form and the handlers' list of its requests
		hf("GET /kreftkoordinator", w.CancerContactForm),
		hf("POST /kreftkoordinator", w.SendCancerContact),
		hf("GET /coordinator/contacts", w.CoordinatorContacts),
		hf("POST /coordinator/contacts/{id}/answer", w.AnswerContact),

		// the allocation office: the public service catalogue, applications, the office's inbox
		hf("GET /tjenester", w.ServiceCatalogue),
		hf("GET /tjenester/{code}", w.CatalogueService),
		hf("GET /citizen/apply", w.applyForm(access.Citizen)),
		hf("POST /citizen/apply", w.apply(access.Citizen)),
		hf("GET /relative/apply", w.applyForm(access.Relative)),
		hf("GET /provider/apply", w.applyForm(access.ServiceProvider)),
		hf("POST /provider/apply", w.apply(access.ServiceProvider)),
		hf("POST /relative/apply", w.apply(access.Relative)),
		hf("GET /citizen/applications", w.CitizenApplications),
		hf("GET /citizen/income", w.IncomePage),
		hf("POST /citizen/income", w.SendIncome),
		hf("GET /case-officer/paper-application", w.PaperApplicationForm),
		hf("POST /case-officer/paper-application", w.RegisterPaperApplication),
		hf("GET /case-officer/applications/{ref}", w.OfficeApplication),
		hf("POST /case-officer/applications/{ref}/assign", w.AssignToMe),
		hf("POST /case-officer/applications/{ref}/preliminary-reply", w.SendPreliminaryReply),
		hf("GET /case-officer/attachments/{id}", w.OfficeAttachment),
		hf("POST /case-officer/applications/{ref}/decide/{service}", w.Decide),
		hf("POST /case-officer/applications/{ref}/assessment", w.SaveAssessment),
		hf("POST /case-officer/applications/{ref}/notes", w.AddCaseNote),
		hf("POST /case-officer/applications/{ref}/documents", w.AddCaseDocuments),
		hf("POST /case-officer/decisions/{id}/sign", w.SignDecision),
		hf("POST /case-officer/decisions/{id}/paper-appeal", w.RegisterPaperAppeal),
		hf("GET /case-officer/decisions/{id}/letter.pdf", w.OfficeDecisionLetter),
		hf("POST /case-officer/appeals/{id}/reassess", w.ReassessAppeal),
		hf("POST /case-officer/appeals/{id}/outcome", w.RecordAppealOutcome),
		hf("POST /case-officer/appeals/{id}/carry-out", w.CarryOutOutcome),
		hf("GET /case-officer/waiting-list", w.WaitingListPage),
		hf("GET /case-officer/fees", w.FeeListPage),
		hf("GET /case-officer/fees.csv", w.FeeListCSV),
		hf("POST /case-officer/waiting-list/{id}/offer", w.OfferPlaceForm),
		hf("POST /case-officer/waiting-list/{id}/answer", w.AnswerOnBehalf),
		hf("POST /citizen/waiting-list/{id}/answer", w.CitizenAnswerOffer),
		hf("GET /citizen/decisions/{id}/appeal", w.appealForm(access.Citizen)),
		hf("POST /citizen/decisions/{id}/appeal", w.sendAppeal(access.Citizen)),
		hf("GET /relative/decisions/{id}/appeal", w.appealForm(access.Relative)),
		hf("POST /relative/decisions/{id}/appeal", w.sendAppeal(access.Relative)),
		hf("GET /relative/letters", w.RelativeLetters),
		hf("GET /relative/letters/{id}/pdf", w.RelativeLetterPDF),
		hf("GET /citizen/letters/{id}/pdf", w.CitizenLetterPDF),
		hf("GET /unit/statistics", w.UnitStatistics),
		hf("GET /unit/statistics.csv", w.UnitStatisticsCSV),
		hf("GET /unit/catalogue", w.CatalogueEditList),
		hf("GET /unit/catalogue/{code}", w.CatalogueEditForm),
		hf("POST /unit/catalogue/{code}", w.SaveCatalogueService),
		hf("GET /unit/fees", w.FeeSchedulePage),
		hf("POST /unit/fees", w.SaveFeeSchedule),
		hf("GET /citizen/decisions/{id}/change", w.ChangeForm),
		hf("POST /citizen/decisions/{id}/change", w.SendChange),

		// intake: inquiries, the unit's inbox and the assessment
		hf("GET /citizen/inquiry", w.inquiryForm(access.Citizen)),
		hf("POST /citizen/inquiry", w.sendInquiry(access.Citizen)),
		hf("GET /relative/inquiry", w.inquiryForm(access.Relative)),
		hf("POST /relative/inquiry", w.sendInquiry(access.Relative)),
		hf("GET /provider/need-report", w.NeedReportForm),
		hf("POST /provider/need-report", w.SendNeedReport),
		hf("GET /unit/inbox", w.UnitInbox),
		hf("GET /unit/cases/{patient}", w.UnitCase),
		hf("GET /unit/inquiries/{id}", w.AssessPage),
		hf("POST /unit/inquiries/{id}", w.Assess),
		hf("POST /unit/inquiries/{id}/consent", w.RecordInquiryConsent),

		// the coordinator register and appointments
		hf("GET /citizen/coordinator", w.CitizenCoordinator),
		hf("GET /unit/appoint", w.AppointPage),
		hf("POST /unit/appoint", w.Appoint),
		hf("GET /unit/coordinators", w.RegisterPage),
		hf("POST /unit/coordinators", w.AddCoordinator),
		hf("GET /unit/coordinators/{id}", w.CoordinatorEntry),
		hf("POST /unit/coordinators/{id}", w.EditCoordinator),
		hf("POST /unit/coordinators/{id}/courses", w.AddCourse),

		// consent
		hf("GET /citizen/consent", w.CitizenConsent),
		hf("POST /citizen/consent", w.GiveConsent),
		hf("GET /citizen/consent/{id}/withdraw", w.ConfirmWithdraw),
		hf("POST /citizen/consent/{id}/withdraw", w.Withdraw),
		hf("GET /coordinator/citizens/{patient}/consent", w.citizenFormPage(consentFormKey, w.renderConsent)),
		hf("POST /coordinator/citizens/{patient}/consent", w.RecordConsent),

		// the individual plan
		hf("GET /coordinator/citizens/{patient}", w.citizenFormPage(caseFormKey, w.renderCase)),
		hf("POST /coordinator/citizens/{patient}/plan", w.OpenPlan),

		// care pathways (their lists are on the coordinator's and the unit lead's start pages)
		hf("POST /coordinator/citizens/{patient}/pathways", w.StartPathway),
		hf("POST /coordinator/citizens/{patient}/pathways/{id}/{form}", w.PathwayPost),
		hf("GET /coordinator/plans/{plan}", w.PlanPage),
		hf("POST /coordinator/plans/{plan}/{form}", w.PlanPost),
		hf("POST /coordinator/plans/{plan}/proposals/{proposal}", w.AcceptProposal),
		hf("GET /coordinator/plans/{plan}/log", w.PlanLog),
		hf("GET /coordinator/plans/{plan}/versions", w.PlanVersions),
		hf("GET /citizen/plan", w.myPlan(access.Citizen)),
		hf("POST /citizen/plan/comment", w.planWrite(access.Citizen, "comment")),
		hf("POST /citizen/plan/proposal", w.planWrite(access.Citizen, "proposal")),
		hf("POST /citizen/plan/contribution", w.planWrite(access.Citizen, "contribution")),
		hf("POST /citizen/plan/goals/{goal}", w.planWrite(access.Citizen, "goal")),
		hf("GET /relative/plan", w.myPlan(access.Relative)),
		hf("POST /relative/plan/comment", w.planWrite(access.Relative, "comment")),
		hf("GET /provider/plans/{plan}", w.ProviderPlan),
		hf("POST /provider/plans/{plan}/measures/{measure}/progress", w.RecordProgress),

		// meetings and their follow-up tasks
		hf("GET /coordinator/plans/{plan}/meetings/{meeting}", w.MeetingPage),
		hf("POST /coordinator/plans/{plan}/meetings/{meeting}", w.MeetingPost),
		hf("POST /coordinator/tasks/{task}/complete", w.CompleteTask),

		// the administrator's user administration
		hf("GET /admin/users", w.AdminUsers),
		hf("GET /admin/users/new", w.NewUserPage),
		hf("POST /admin/users/new", w.AddUser),
		hf("GET /admin/units", w.UnitsPage),
		hf("POST /admin/units", w.AddUnit),
		hf("POST /admin/users/{id}/disable", w.AdminSetDisabled(true)),
		hf("POST /admin/users/{id}/enable", w.AdminSetDisabled(false)),
		hf("POST /admin/users/{id}/password", w.AdminSetPassword),

		// the access log and emergency access
		hf("GET /citizen/access-log", w.CitizenAccessLog),
		hf("GET /citizen/letters", w.CitizenLetters),
		hf("GET /citizen/my-data", w.MyData),
		hf("GET /citizen/my-data/veiviser.json", w.MyDataDownload("json")),
		hf("GET /citizen/my-data/veiviser.pdf", w.MyDataDownload("pdf")),
		hf("GET /emergency", w.EmergencyForm),
		hf("POST /emergency", w.EmergencyLookup),
		hf("POST /emergency/confirm", w.EmergencyConfirm),
		hf("GET /emergency/citizens/{patient}", w.EmergencyCase),
		hf("POST /unit/emergency/{task}/reviewed", w.EmergencyReviewed),
	}
	for _, role := range access.Roles() { // each role's workspace, its start page
		routes = append(routes, Route{Pattern: "GET " + workspacePaths[role], Handler: w.Workspace(role)})
	}
	return routes
}
