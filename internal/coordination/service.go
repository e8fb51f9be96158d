package coordination

import (
	"veiviser/internal/coordinators"
	"veiviser/internal/lawdata"
	"veiviser/internal/workflow"
)

// Options configures a Service.
type Options = workflow.Options

// DefaultUnit is the coordinating unit's Organization id when Options names none.
const DefaultUnit = workflow.DefaultUnit

// Service runs the workflows.
type Service struct {
	*coordinators.Service
	wf *workflow.Base
}

// New returns a Service.
func New(opts Options) (*Service, error) {
	wf, err := workflow.New(opts)
	if err != nil {
		return nil, err
	}
	return &Service{Service: coordinators.NewService(wf), wf: wf}, nil
}

// Unit is the coordinating unit's Organization id.
func (s *Service) Unit() string { return s.wf.Unit() }

// Law is the law table the deadlines come from.
func (s *Service) Law() *lawdata.Table { return s.wf.Law() }
