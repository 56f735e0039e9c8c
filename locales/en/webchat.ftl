# The chat on the Comune's website: the widget's own words, and the polite refusals of the
# web chat's server.
webchat-open = Write to the Comune
webchat-title = The Comune's digital front desk
webchat-intro = Write your question: the Comune's digital assistant answers and, when needed, a member of staff. The chat uses no cookies.
webchat-close = Close the chat
webchat-input-label = Your message
webchat-send = Send
webchat-new-id = Start a new anonymous conversation
webchat-new-id-done = A new anonymous conversation has started: the previous one is no longer linked to this browser.
webchat-you = You wrote:
webchat-comune = The Comune replied:
webchat-choices = Reply options
webchat-new-window = (opens in a new window)
webchat-connecting = Connecting.
webchat-connected = Connected.
webchat-offline = The connection was interrupted: trying again in a few seconds. No message is lost.
webchat-sending = Sending.
webchat-download = Download the file with your data
webchat-download-expired = The file is no longer available. To receive a new one, write /i_miei_dati.
webchat-too-long = The message is too long: it can hold at most { $max } characters. Please split it into several messages; what you wrote has not been lost.
webchat-slow-down = Many messages arrived in a short time. Please wait a few seconds and try again: what you wrote has not been lost.
webchat-invalid = The message could not be read. Please reload the page and try again.
