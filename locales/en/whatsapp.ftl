## WhatsApp

# The button that opens a list of options (at most 20 characters).
whatsapp-list-button = See the options
# For the operators' topic: a reply could not reach the citizen on WhatsApp yet.
whatsapp-operator-held = Reply on hold: more than 24 hours have passed since the citizen's last message. WhatsApp allows only the approved template, which has been sent; the reply will be delivered when the citizen writes again.
whatsapp-operator-held-again = Reply on hold: the citizen has not written since the notice already sent. The reply will be delivered when they write again.
whatsapp-operator-held-failed = Reply on hold: more than 24 hours have passed since the citizen's last message and the notice template could not be sent. The reply will be delivered if the citizen writes again.
