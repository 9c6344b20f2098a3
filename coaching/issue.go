package coaching

import (
	"time"

	"github.com/callfloor/callfloor"
	"github.com/callfloor/callfloor/internal/enum"
	"github.com/callfloor/callfloor/internal/msg"
	"github.com/callfloor/callfloor/internal/msg/msgerr"
)

// Channel is the way an issue an employee raised reached the manager. The
// practice asks a manager to open many channels and listen on all of
// them; a case records which one an issue came through, so that a center
// can see which channels its people use and which stay silent.
//
// The set is fixed in Go, not declared by the policy: a channel is stored
// in every case, and a stored case must read back under any later policy,
// which a channel a newer policy no longer declared would prevent.
type Channel string

// The channels the practice names for hearing employees out.
const (
	// ChannelTalk is a face-to-face talk with the manager (面谈).
	ChannelTalk Channel = "talk"
	// ChannelPhone is a phone call to the manager (电话).
	ChannelPhone Channel = "phone"
	// ChannelMail is a mail to the manager (邮件).
	ChannelMail Channel = "mail"
	// ChannelSuggestionBox is a note in the suggestion box (意见箱).
	ChannelSuggestionBox Channel = "suggestion_box"
	// ChannelForum is an open discussion meeting held to hear the team
	// (沟通座谈会).
	ChannelForum Channel = "forum"
	// ChannelTraining is a training session (培训).
	ChannelTraining Channel = "training"
	// ChannelEvent is a team activity or gathering (员工活动, 聚会).
	ChannelEvent Channel = "event"
)

var channels = []Channel{ChannelTalk, ChannelPhone, ChannelMail, ChannelSuggestionBox, ChannelForum, ChannelTraining, ChannelEvent}

// Channels lists every channel, in the order of the constants above.
func Channels() []Channel { return append([]Channel(nil), channels...) }

// String gives the channel's name, as in "suggestion_box".
func (ch Channel) String() string { return string(ch) }

// MarshalText gives the channel's name; a value that is not one of the
// constants is an error.
func (ch Channel) MarshalText() ([]byte, error) {
	return enum.Marshal(msg.EnumCoachingChannel{}, ch, channels)
}

// UnmarshalText reads a channel's name and refuses any other text.
func (ch *Channel) UnmarshalText(b []byte) error {
	return unmarshal(ch, msg.EnumCoachingChannel{}, b, channels)
}

func knownChannel(ch Channel) bool {
	for _, x := range channels {
		if x == ch {
			return true
		}
	}
	return false
}

// The records an issue answered on the spot keeps on its first step,
// after the step's own records.
const (
	// RecordAnswerGiven is the answer the employee was given in the first
	// talk: the feedback that closes the case.
	RecordAnswerGiven = "answer_given"
	// RecordEmployeeConfirmation is the employee's confirmation that the
	// answer settles the issue, in their words or as the host keeps it.
	RecordEmployeeConfirmation = "employee_confirmation"
)

// RecordSuggestionAdopted is the record of a step that says the
// employee's constructive suggestion was adopted, and what was adopted.
// A step keeps it only under optional_records, since most issues are no
// such suggestion; the default's employee_issue keeps it on its feedback
// step. AdoptedSuggestions counts the closed cases that hold it, for the
// reward the practice asks for: with no visible answer, employees stop
// speaking up.
const RecordSuggestionAdopted = "suggestion_adopted"

// OpenIssue starts a case of kind EmployeeIssue for subject, recording the
// channel the issue came through. It is Open with a channel: an opening
// that Open refuses, OpenIssue refuses alike, and a channel that is not
// one of the Channel constants is an *callfloor.InputError at "channel".
// Open itself leaves the channel empty, for a host that does not record it.
func (p *Policy) OpenIssue(subject string, ch Channel, at time.Time) (Case, error) {
	if !p.ready() {
		return Case{}, ErrZeroPolicy
	}
	if ch == "" {
		return Case{}, msgerr.Required(p.loc, "channel", msg.CoachingBecauseIssueChannel{})
	}
	if !knownChannel(ch) {
		return Case{}, msgerr.NotSupported(p.loc, "channel", msg.CoachingWhatChannel{}, string(ch), names(channels))
	}
	c, err := p.Open(EmployeeIssue, subject, at)
	if err != nil {
		return Case{}, err
	}
	if w := p.workflows[EmployeeIssue]; !w.view.EmployeeRaised {
		return Case{}, inputErr(p.loc, callfloor.ErrForbidden, "channel", msg.CoachingInputIssueWorkflowNotRaised{EmployeeIssue: text(EmployeeIssue)})
	}
	c.Channel = ch
	return c, nil
}

// checkChannel refuses a stored case's channel that is not one of the
// constants, or that a case of a workflow not raised by the employee
// holds.
func checkChannel(loc *msg.Locale, c *Case, w *workflow, root callfloor.Path) error {
	switch {
	case c.Channel == "":
	case !knownChannel(c.Channel):
		return msgerr.NotSupported(loc, root.Child("channel"), msg.CoachingWhatChannel{}, string(c.Channel), names(channels))
	case !w.view.EmployeeRaised:
		return inputErr(loc, callfloor.ErrInvalid, root.Child("channel"), msg.CoachingInputChannelNotIssue{Kind: text(c.Kind)})
	}
	return nil
}

// spotRecords lists what the first step keeps when the issue is answered
// on the spot: the step's own records, then the answer and the
// employee's confirmation.
func spotRecords(own []string) []string {
	out := make([]string, 0, len(own)+2)
	out = append(out, own...)
	return append(out, RecordAnswerGiven, RecordEmployeeConfirmation)
}

// spotListed reports whether a step's records, required or optional,
// already use a name the on-the-spot path keeps, which would make the two
// records one.
func spotListed(lists ...[]string) string {
	for _, records := range lists {
		for _, r := range records {
			if r == RecordAnswerGiven || r == RecordEmployeeConfirmation {
				return r
			}
		}
	}
	return ""
}
