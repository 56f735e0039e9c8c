## WhatsApp

# The button that opens a list of options (at most 20 characters).
whatsapp-list-button = Vedere le opzioni
# For the operators' topic: a reply could not reach the citizen on WhatsApp yet.
whatsapp-operator-held = Risposta in attesa: sono passate più di 24 ore dall'ultimo messaggio del cittadino. WhatsApp consente solo il modello approvato, che è stato inviato; la risposta verrà consegnata quando il cittadino scriverà di nuovo.
whatsapp-operator-held-again = Risposta in attesa: il cittadino non ha ancora scritto dopo l'avviso già inviato. La risposta verrà consegnata quando scriverà di nuovo.
whatsapp-operator-held-failed = Risposta in attesa: sono passate più di 24 ore dall'ultimo messaggio del cittadino e non è stato possibile inviare il modello di avviso. La risposta verrà consegnata se il cittadino scriverà di nuovo.
