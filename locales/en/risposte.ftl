# Ready replies for operators: /risposte lists them, /risposte <name> sends one to the
# citizen (in their language). The name is what follows "risposta-". Every reply must exist
# in every language.

risposta-orari = Hello, the opening hours of the municipal offices are published at https://www.comune.esempio.it/orari. For an appointment you can book online or call 0123 456700.
risposta-documenti = Thank you for your request. To complete the procedure, please send the documents by certified email (PEC) to protocollo@pec.comune.esempio.it or hand them in at the Records Office, Piazza del Municipio 1.
risposta-verifica = Thank you, we are checking your request with the competent office. We will answer you here as soon as possible.
