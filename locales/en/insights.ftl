# Statistical report of the digital front desk (sportello insights): texts for staff.

insights-title = Digital front desk report
insights-period = Period: from { $from } to { $to }
insights-filter-office = Office: { $office }
insights-filter-channel = Channel: { $channel }
insights-none = No data for the requested period.
insights-overview = Summary
insights-figure = Figure
insights-value = Value
insights-conversations = Conversations
insights-messages-in = Messages received
insights-messages-out = Messages sent
insights-citizens-new = Citizens writing for the first time
insights-citizens-returning = Returning citizens
insights-resolved = Resolved by the digital assistant
insights-handed-off = Handed to an operator
insights-repeated = Same question asked again that day
insights-dropped = Stopped before an answer
insights-emergencies = Emergencies answered
insights-not-understood = Messages not understood
insights-calls-avoided = Calls to the switchboard avoided (estimate)
insights-calls-note = Estimate: conversations resolved by the assistant multiplied by { $share }.
insights-by-channel = Conversations by channel
insights-by-lang = Conversations by language
insights-by-hour = Conversations by day of the week and hour
insights-trend = Day by day
insights-topics = Topics
insights-drop-offs = Steps where conversations stop
insights-offices = Offices
insights-emergency-kinds = Emergencies by kind
insights-not-understood-reasons = Messages not understood by reason
insights-channel = Channel
insights-lang = Language
insights-day = Day
insights-weekday = Day of the week
insights-hour = Hour
insights-topic = Topic
insights-step = Step
insights-office = Office
insights-steps-shown = Steps shown
insights-handoffs = Handed to an operator
insights-reason = Reason
insights-kind = Kind
insights-count = Number
insights-first-reply = Mean wait for the first reply
insights-close = Mean time to close
insights-first-reply-open = Mean wait for the first reply within office hours
insights-late = First replies later than the office's limit
insights-close-open = Mean time to close within office hours
insights-ratings = Ratings received
insights-rating-mean = Mean rating (1 to 5)
insights-minutes = { $minutes } minutes
insights-chart = Chart: { $title }
insights-reason-asked = the citizen asked
insights-reason-not_understood = not understood twice
insights-reason-flow = part of the topic's path
insights-reason-threat = threat reported to the operators
insights-miss-out_of_scope = question outside the topics covered
insights-miss-refused = suggestion declined by the citizen
insights-miss-handoff = second question not understood
insights-open-data-written = Open data written to { $dir }: { $files } files.
insights-open-data-title = Statistics of the Comune's digital front desk
insights-open-data-description = Data of the digital front desk on Telegram and WhatsApp: conversations, messages, topics, requests to the offices, emergencies. The data are by day, channel and language. There is no personal data. Cells with fewer than { $min } cases are empty.
insights-unanswered = Messages not understood by similar wording (text masked, for editors)
insights-wording = Wording
insights-first-half = First half of the period
insights-second-half = Second half of the period

# Weekly digest for the operators' group.
insights-digest-title = Weekly digest of the digital front desk: week from { $from } to { $to }
insights-digest-line = { $figure }: { $value } (previous week: { $previous })
insights-digest-unanswered = Questions most often not understood:
insights-digest-unanswered-item = { $count ->
    [one] once
   *[other] { $count } times
}: { $text }
insights-digest-unanswered-none = No question went without an answer this week.
insights-digest-late = Offices with first replies later than their limit:
insights-digest-late-office = { $office }: { $late ->
    [one] one first reply
   *[other] { $late } first replies
} out of { $replies } after more than { $limit } minutes of office hours; mean wait within office hours { $minutes } minutes.
insights-digest-late-none = No office went past its limit for the first reply.
insights-digest-week = Last weekly digest sent: week from { $from } to { $to }.
