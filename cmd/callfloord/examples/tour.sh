#!/usr/bin/env bash
# tour.sh walks a running callfloord through one call of each kind, as the
# README's "Running as a service" shows them, with the bodies of this
# directory:
#
#	./callfloord -tokens examples/tokens.yaml &
#	examples/tour.sh [BASE_URL]        # default http://127.0.0.1:8080
#
# Each call prints a line "== NAME STATUS", then the answer's body. The tour
# stops, exiting 1, at the first status it does not expect. It may run
# again on the same database: a case or dispute already stored answers 200
# instead of 201, and an event sent again changes nothing.
set -euo pipefail
export LC_ALL=C

base=${1:-http://127.0.0.1:8080}
base=${base%/}
cd "$(dirname "$0")"

body=$(mktemp)
trap 'rm -f "$body"' EXIT

json='Content-Type: application/json'
lead='Authorization: Bearer lead-token'
counselor='Authorization: Bearer counselor-token'
agent='Authorization: Bearer agent-token'
hr='Authorization: Bearer hr-token'
admin='Authorization: Bearer admin-token'

# call NAME STATUSES CURL_ARGS... runs curl once, prints its status and
# body, and stops the tour unless the status is one of STATUSES (as in
# "201|200").
call() {
	local name=$1 want=$2 status
	shift 2
	status=$(curl -sS -o "$body" -w '%{http_code}' "$@")
	printf '== %s %s\n' "$name" "$status"
	cat "$body"
	# A body that does not end its line gets a newline, so that the next
	# call's header starts a line.
	[[ -z $(tail -c 1 "$body") ]] || echo
	case "|$want|" in
	*"|$status|"*) ;;
	*)
		echo "tour.sh: $name answered $status, want $want" >&2
		exit 1
		;;
	esac
}

# created_id is the id of the record the last answer holds: a case or a
# dispute, whose JSON begins with it.
created_id() {
	sed -n 's/^{"id":"\([^"]*\)".*/\1/p' "$body"
}

# pathescape escapes an id as one path segment: a case's or a dispute's id
# holds slashes, which would otherwise split it.
pathescape() {
	local s=$1 out='' c i
	for ((i = 0; i < ${#s}; i++)); do
		c=${s:i:1}
		case $c in
		[A-Za-z0-9._~-]) out+=$c ;;
		*) out+=$(printf '%%%02X' "'$c") ;;
		esac
	done
	printf %s "$out"
}

# mood: the same triage as the lead sees it (what is owed, never the
# result) and as the counselor does, stating why she reads it.
call mood.triage-lead 200 -H "$lead" -H "$json" "$base/v1/mood/triage" -d @triage.json
call mood.triage-counselor 200 -H "$counselor" -H 'Callfloor-Purpose: weekly case review' -H "$json" \
	"$base/v1/mood/triage" -d @triage.json
call mood.score 200 -H "$agent" -H "$json" "$base/v1/mood/screenings" -d @screening.json
# the same questionnaire with an answer off the scale, for a reader of
# Chinese: the library's error comes worded in zh-CN.
call mood.score-zh 422 -H "$agent" -H 'Accept-Language: zh-CN' -H "$json" "$base/v1/mood/screenings" \
	-d '{"agent":"li.na","instrument":"gad7","answers":[0,0,4,0,0,0,0],"at":"2026-11-20T09:00:00Z"}'

# qa: score the evaluation, then li.na disputes an item and her lead
# decides it.
call qa.score 200 -H "$lead" -H "$json" "$base/v1/qa/evaluations" -d @evaluation.json
call qa.dispute '201|200' -H "$agent" -H "$json" "$base/v1/qa/disputes" -d @dispute.json
dispute=$(pathescape "$(created_id)")
call qa.dispute_apply 200 -H "$lead" -H "$json" "$base/v1/qa/disputes/$dispute/events" -d @decide.json

# coaching: open a care case, complete its first step twice (the second
# changes nothing), and ask what is due five days later.
call coaching.open '201|200' -H "$lead" -H "$json" "$base/v1/coaching/cases" -d @case.json
case_id=$(pathescape "$(created_id)")
call coaching.apply 200 -H "$lead" -H "$json" "$base/v1/coaching/cases/$case_id/events" -d @event.json
call coaching.apply-again 200 -H "$lead" -H "$json" "$base/v1/coaching/cases/$case_id/events" -d @event.json
call coaching.due 200 -H "$lead" "$base/v1/coaching/due?at=2026-11-28T09:00:00Z"

# incentives: October's statement.
call incentives.evaluate 200 -H "$hr" -H "$json" "$base/v1/incentives/statements" -d @october.json

# operations.
call policies 200 -H "$agent" "$base/v1/policies"
call readyz 200 "$base/readyz"
call admin.reload 200 -H "$admin" -H "$json" -X POST "$base/v1/admin/reload"
