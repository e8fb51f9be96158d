package coordination

import (
	"veiviser/internal/allocation"
	"veiviser/internal/consent"
	"veiviser/internal/contactrequest"
	"veiviser/internal/coordinators"
	"veiviser/internal/emergency"
	"veiviser/internal/intake"
	"veiviser/internal/lawdata"
	"veiviser/internal/meetings"
	"veiviser/internal/messages"
	"veiviser/internal/pathways"
	"veiviser/internal/plan"
	"veiviser/internal/unitpage"
	"veiviser/internal/workflow"
)

// Options configures a Service.
type Options = workflow.Options

// DefaultUnit is the coordinating unit's Organization id when Options names none.
const DefaultUnit = workflow.DefaultUnit

// DefaultOffice is the allocation office's Organization id when Options names none.
const DefaultOffice = workflow.DefaultOffice

// Service runs the workflows.
type Service struct {
	*registerService
	*intakeService
	*consentService
	*planService
	*meetingService
	*emergencyService
	*unitPageService
	*letterService
	*allocationService
	*pathwayService
	*contactService
	wf *workflow.Base
}

// The areas' services, embedded under names of their own so that each area's methods are the
// Service's (the web and the tests call one Service) while each lives in its area's package.
type (
	registerService   = coordinators.Service
	intakeService     = intake.Service
	consentService    = consent.Service
	planService       = plan.Service
	meetingService    = meetings.Service
	emergencyService  = emergency.Service
	unitPageService   = unitpage.Service
	letterService     = messages.Service
	allocationService = allocation.Service
	pathwayService    = pathways.Service
	contactService    = contactrequest.Service
)

// New returns a Service.
func New(opts Options) (*Service, error) {
	wf, err := workflow.New(opts)
	if err != nil {
		return nil, err
	}
	register, consents := coordinators.NewService(wf), consent.NewService(wf)
	plans := plan.NewService(wf, consents, register)
	office, err := allocation.NewService(wf)
	if err != nil {
		return nil, err
	}
	paths, err := pathways.NewService(wf)
	if err != nil {
		return nil, err
	}
	return &Service{allocationService: office, pathwayService: paths, registerService: register, intakeService: intake.NewService(wf), consentService: consents,
		planService: plans, meetingService: meetings.NewService(wf, plans), emergencyService: emergency.NewService(wf), unitPageService: unitpage.NewService(wf),
		letterService: messages.NewService(wf), contactService: contactrequest.NewService(wf), wf: wf}, nil
}

// Unit is the coordinating unit's Organization id.
func (s *Service) Unit() string { return s.wf.Unit() }

// Law is the law table the deadlines come from.
func (s *Service) Law() *lawdata.Table { return s.wf.Law() }
