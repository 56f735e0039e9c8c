# Risposte pronte per gli operatori: /risposte le elenca, /risposte <nome> ne invia una al
# cittadino (nella sua lingua). Il nome è quello che segue «risposta-». Ogni risposta deve
# esistere in tutte le lingue.

risposta-orari = Buongiorno, gli orari di apertura degli uffici comunali sono pubblicati alla pagina https://www.comune.esempio.it/orari. Per un appuntamento può prenotare online o telefonare al numero 0123 456700.
risposta-documenti = Grazie per la sua richiesta. Per completare la pratica le chiediamo di inviare i documenti via PEC a protocollo@pec.comune.esempio.it oppure di consegnarli all'Ufficio Protocollo, Piazza del Municipio 1.
risposta-verifica = Grazie, stiamo verificando la sua richiesta con l'ufficio competente. Le risponderemo qui appena possibile.
