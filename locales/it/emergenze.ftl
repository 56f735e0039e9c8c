# Emergenze (flows/emergenze.yaml)

emergenze-title = Emergenze
emergenze-allerta = Allerta meteo
emergenze-protezione-civile = Protezione civile

emergenze-info =
    In caso di emergenza chiami subito il 112, numero unico di emergenza: è gratuito, risponde 24 ore su 24 ed è raggiungibile da qualsiasi telefono, anche da cellulare senza credito. Lo usi per incendi, incidenti, malori, fughe di gas e ogni situazione di pericolo.

    Protezione Civile comunale, reperibilità 24 ore su 24: 0123 456799, per strade allagate, alberi caduti e danni causati dal maltempo.

    Questa chat non è un servizio di emergenza: non attenda qui una risposta.

emergenze-allerta-info =
    Allerta meteo
    Il bollettino di allerta è pubblicato ogni giorno, entro le 14:00, dal Centro funzionale della Protezione civile regionale. Il Comune riporta le allerte in vigore sulla prima pagina del sito, sui canali social ufficiali e con un SMS agli iscritti al servizio «Allerta Esempio». Nei casi gravi arrivano sul cellulare anche i messaggi IT-alert.
    Codici: gialla (fenomeni intensi in zone limitate), arancione (fenomeni diffusi e pericolosi), rossa (fenomeni molto gravi ed estesi). Le eventuali ordinanze di chiusura di scuole e parchi sono pubblicate sul sito.

    Cosa fare con l'allerta arancione o rossa:
    - eviti sottopassi, scantinati, piani interrati e le rive dei corsi d'acqua;
    - esca solo se è necessario e non vada a spostare l'auto;
    - in caso di allagamento salga ai piani alti e stacchi luce e gas;
    - segua le indicazioni della Protezione Civile e delle forze dell'ordine.

    In caso di pericolo chiami il 112.

emergenze-protezione-civile-info =
    Protezione Civile comunale
    Reperibilità 24 ore su 24: 0123 456799.
    Ufficio: Via Garibaldi 20, presso il Comando di Polizia Locale, dal lunedì al venerdì dalle 9:00 alle 12:00; email protezionecivile@comune.esempio.it.

    Il Piano comunale di protezione civile è sul sito, con le aree di attesa dove radunarsi in caso di emergenza: Piazza del Municipio, parcheggio del Palazzetto dello Sport in Via dello Sport, giardini di Via Verdi.
    Il Gruppo comunale di volontari di protezione civile accoglie maggiorenni residenti o domiciliati nel Comune: per entrare a farne parte scriva all'ufficio.

    In caso di pericolo chiami il 112.
