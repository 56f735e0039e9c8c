# The web console for the Comune's staff.

console-name = Sportello
console-owner = Comune di Esempio
console-tagline = Console for the Comune's staff
console-skip-to-content = Skip to content
console-language = Language
console-navigation = Sections of the console
console-nav-inbox = Requests
console-nav-audit = Activity log
console-nav-account = My account
console-logout = Sign out
console-back-to-console = Back to the console
console-minutes = { $minutes } minutes

console-role-admin = administrator
console-role-supervisor = supervisor
console-role-operator = operator
console-role-editor = editor

console-login-title = Sign in to the console
console-login-username = Username
console-login-password = Password
console-login-submit = Sign in
console-login-wrong = The username or password is not correct. Please try again.
console-login-locked = Too many failed attempts: signing in is suspended for 15 minutes. If you do not remember your password, please ask the administrator.
console-login-code-title = Verification code
console-login-code = Verification code
console-login-code-help = The six-digit code shown by your authenticator app.
console-login-code-wrong = The code is not correct or has expired. Please try again with the code shown now.

console-sso-button = Sign in with the Comune's identity
console-sso-failed = Signing in with the Comune's identity could not be completed. Please try again; if the problem continues, ask the administrator.
console-sso-unknown = Your identity was recognised, but you have no enabled console account. Please ask the administrator.

console-totp-title = Two-step verification
console-totp-intro = Add this account to your authenticator app. Use the secret key or the address below. Then type the code the app shows.
console-totp-secret = Secret key
console-totp-address = Address for the app
console-totp-confirm = Turn on verification
console-totp-active = Two-step verification is on for your account.
console-totp-done = Two-step verification has been turned on.

console-inbox-title = Requests
console-inbox-office = Office
console-inbox-all-offices = All my offices
console-inbox-search = Request number
console-inbox-filter = Filter
console-inbox-hours = Offices open and closed now
console-inbox-views = Status of the requests
console-inbox-view-waiting = Waiting
console-inbox-view-claimed = Taken
console-inbox-view-closed = Closed in the last 24 hours
console-inbox-caption = Requests listed: { $count }
console-inbox-empty = There are no requests in this list.
console-office-open = open
console-office-closed = closed
console-telegram-operator = Telegram operator { $id }

console-case-title = Request { $case }
console-case-number = Request
console-case-office = Office
console-case-channel = Channel
console-case-waiting = Wait within office hours
console-case-overdue = past the expected time
console-case-taken-by = Taken by
console-case-status = Status
console-case-opened = Opened on
console-case-path = Path in the service
console-case-conversation = Conversation
console-case-actions = Actions
console-case-claim = Take the request
console-case-reply-label = Reply to the citizen
console-case-canned = Ready reply, if the text is empty
console-case-canned-none = None
console-case-send = Send the reply
console-case-save-note = Save as an internal note
console-case-transfer-to = Transfer to the office
console-case-transfer = Transfer
console-case-close = Close the request
console-reveal-hint = { $count ->
    [one] One message from the citizen holds personal data, hidden above. You can see the original text while the request is open. Each view is recorded.
   *[other] { $count } messages from the citizen hold personal data, hidden above. You can see the original text while the request is open. Each view is recorded.
}
console-reveal-button = Show the original text
console-reveal-title = Original text of the messages with personal data
console-reveal-audited = This viewing has been recorded with your name, the date and the time. Use the data only to answer this request.
console-reveal-none = The original text is no longer available: the request is closed or contains no personal data.
console-case-window-closed = The citizen wrote more than 24 hours ago: WhatsApp allows only the approved template message. The reply will be held and sent when the citizen writes again.

console-status-waiting = waiting for an operator
console-status-claimed = taken by { $name }
console-status-closed = closed

console-line-citizen = Citizen
console-line-operator = Operator
console-line-bot = Digital assistant
console-line-note = Internal note

console-live-new-line = New message from the citizen.
console-live-changed = The list of requests has been updated.

console-done-claimed = You have taken the request.
console-done-replied = The reply has been sent to the citizen.
console-done-noted = The internal note has been saved. It was not sent to the citizen.
console-done-transferred = The request has been transferred.
console-done-closed = The request has been closed. The citizen has been asked for a rating.
console-done-closed-already = The request was already closed.
console-done-empty = Please write a text or choose a ready reply.
console-done-taken = The request is already taken by { $name }.

console-nav-dashboard = Overview
console-dashboard-title = Overview of the requests
console-nav-insights = Statistics
console-insights-title = Statistics of the digital front desk
console-insights-intro = Figures of the last 30 closed days, with no personal data: the same as the report of sportello insights.
console-insights-editor-intro = Messages the digital assistant did not understand in the last 30 days, grouped by similar wording and redacted, while the conversations are kept.
console-insights-none = No data for the period.
console-insights-digest = Last weekly digest sent to the operators
console-insights-no-digest = No weekly digest has been sent yet.
console-dashboard-caption = Requests per office: waiting, taken and closed today
console-dashboard-waiting = Waiting
console-dashboard-longest = Longest wait
console-dashboard-claimed = Taken
console-dashboard-closed-today = Closed today
console-dashboard-first-reply = First reply, median time today
console-dashboard-none = no data
console-dashboard-updated = Updated at { $time }. The table refreshes by itself.

console-nav-content = Content
console-content-title = Content of the service
console-content-intro = The answers as citizens receive them, read-only. They are edited in the files of the flows and locales folders; the command sportello flows check verifies them before they go live.
console-content-flows = Topics
console-content-emergency = emergency
console-content-file = File: { $file }
console-content-steps = Steps of { $flow }
console-content-step = Step
console-content-text = Text
console-content-choices = Choices
console-content-source = Source
console-content-verified = Verified on

console-audit-title = Activity log
console-audit-caption = Staff activity, newest first
console-audit-when = When
console-audit-user = User
console-audit-action = Action
console-audit-detail = Details
console-audit-csv = Download as CSV

console-error-title = It was not possible to continue
console-error-signed-out = The session has expired or is not valid. Please sign in again.
console-error-forbidden = Your role does not allow you to see this page.
console-error-form = The form has expired. Please reload the page and try again.
console-error-not-found = The page you asked for does not exist.
console-error-unavailable = The service is not available at the moment. Please try again shortly.
