# The chat on the Comune's website: the widget's own words, and the polite refusals of the
# web chat's server.
webchat-open = Scrivi al Comune
webchat-title = Sportello digitale del Comune
webchat-intro = Scriva la sua domanda: risponde l'assistente digitale del Comune e, quando serve, un operatore. La chat non usa cookie.
webchat-close = Chiudi la chat
webchat-input-label = Il suo messaggio
webchat-send = Invia
webchat-new-id = Inizia una nuova conversazione anonima
webchat-new-id-done = È iniziata una nuova conversazione anonima: la precedente non è più collegata a questo browser.
webchat-you = Lei ha scritto:
webchat-comune = Il Comune ha risposto:
webchat-choices = Opzioni di risposta
webchat-new-window = (si apre in una nuova finestra)
webchat-connecting = Collegamento in corso.
webchat-connected = Collegamento attivo.
webchat-offline = Collegamento interrotto: nuovo tentativo tra pochi secondi. I messaggi non vanno persi.
webchat-sending = Invio in corso.
webchat-download = Scarica il file con i suoi dati
webchat-download-expired = Il file non è più disponibile. Per riceverne uno nuovo scriva /i_miei_dati.
webchat-too-long = Il messaggio è troppo lungo: può contenere al massimo { $max } caratteri. La preghiamo di dividerlo in più messaggi; il testo scritto non è andato perso.
webchat-slow-down = Sono arrivati molti messaggi in poco tempo. Attenda qualche secondo e riprovi: il testo scritto non è andato perso.
webchat-invalid = Il messaggio non è stato compreso. La preghiamo di ricaricare la pagina e riprovare.
