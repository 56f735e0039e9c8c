# Rifiuti e raccolta (flows/rifiuti.yaml)

rifiuti-title = Rifiuti e raccolta
rifiuti-calendario = Calendario raccolta
rifiuti-domani = Cosa si raccoglie domani
rifiuti-ingombranti = Ingombranti
rifiuti-centro-raccolta = Centro di raccolta
rifiuti-abbandonati = Rifiuti abbandonati
rifiuti-prenota-ritiro = Prenota il ritiro

rifiuti-menu =
    Raccolta dei rifiuti nel Comune di Esempio: il calendario porta a porta, il ritiro gratuito degli ingombranti, il centro di raccolta e le segnalazioni.
    Il servizio è svolto da Esempio Ambiente per conto del Comune. L'Ufficio Ambiente risponde al numero 0123 456730.

rifiuti-calendario-info =
    Raccolta porta a porta: giorni di ritiro
    - lunedì: organico (umido)
    - martedì: plastica e metalli
    - mercoledì: carta e cartone
    - giovedì: organico (umido)
    - venerdì: secco residuo (indifferenziato)
    - sabato: vetro
    - domenica: nessuna raccolta

    Esponga i contenitori davanti a casa dopo le 20:00 della sera prima ed entro le 6:00 del giorno di raccolta, e li ritiri in giornata.
    Nei giorni festivi il ritiro può essere spostato: le variazioni sono nel calendario annuale, consegnato a ogni famiglia e pubblicato sul sito, dove trova anche il dizionario dei rifiuti («dove lo butto»).
    Pannolini e pannoloni: su richiesta, ritiro aggiuntivo del secco anche il martedì.

rifiuti-calendario-immagine = Tabella dei giorni di raccolta porta a porta: lunedì organico, martedì plastica e metalli, mercoledì carta e cartone, giovedì organico, venerdì secco residuo, sabato vetro, domenica nessuna raccolta. Contenitori fuori dopo le 20:00 della sera prima, entro le 6:00.

rifiuti-ingombranti-info =
    Ritiro gratuito degli ingombranti
    Mobili, materassi, elettrodomestici e altri oggetti voluminosi si ritirano gratis a domicilio, fino a 5 pezzi per volta, su prenotazione:
    - online, con il modulo sul sito del Comune;
    - per telefono a Esempio Ambiente, 0123 456735, dal lunedì al venerdì dalle 8:30 alle 12:30.

    Il giorno concordato lasci gli oggetti al piano strada, davanti al numero civico, entro le 6:00. Il servizio è per le famiglie iscritte alla TARI.
    In alternativa può portarli direttamente al centro di raccolta. Abbandonare i rifiuti per strada è vietato ed è punito con una sanzione.

rifiuti-centro-raccolta-info =
    Centro di raccolta comunale
    Via dell'Artigianato 8, zona artigianale.

    Orari:
    - lunedì e venerdì: dalle 14:00 alle 18:00
    - mercoledì: dalle 8:00 alle 12:00
    - sabato: dalle 8:00 alle 12:30 e dalle 14:00 alle 17:00

    L'accesso è gratuito per le famiglie del Comune iscritte alla TARI: porti la tessera sanitaria dell'intestatario della tassa.
    Si possono portare, già separati: ingombranti, elettrodomestici ed elettronica (RAEE), sfalci e potature, legno, metalli, olio da cucina, pile, toner, vernici e piccole quantità di calcinacci da lavori domestici.
    Non si accettano rifiuti di attività produttive, amianto e pneumatici.

rifiuti-abbandonati-info =
    Rifiuti abbandonati
    Se vede rifiuti abbandonati per strada o nel verde pubblico, li segnali con il servizio «Segnalazioni» sul sito del Comune, indicando il luogo preciso e, se può, allegando una foto. La segnalazione arriva all'Ufficio Ambiente, che ne organizza la rimozione.
    Se vede qualcuno che abbandona rifiuti, chiami la Polizia Locale allo 0123 456750.
    Per un contenitore rotto o un ritiro non effettuato contatti Esempio Ambiente allo 0123 456735.

rifiuti-domani-info = Raccolta porta a porta: i giorni cambiano da una zona all'altra.
