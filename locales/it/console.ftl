# The web console for the Comune's staff.

console-name = Sportello
console-owner = Comune di Esempio
console-tagline = Console per il personale del Comune
console-skip-to-content = Vai al contenuto
console-language = Lingua
console-navigation = Sezioni della console
console-nav-inbox = Richieste
console-nav-audit = Registro delle attività
console-nav-account = Il mio profilo
console-logout = Esci
console-back-to-console = Torna alla console
console-minutes = { $minutes } minuti

console-role-admin = amministratore
console-role-supervisor = responsabile
console-role-operator = operatore
console-role-editor = redattore

console-login-title = Accesso alla console
console-login-username = Nome utente
console-login-password = Password
console-login-submit = Accedi
console-login-wrong = Nome utente o password non corretti. Riprovi, per favore.
console-login-locked = Troppi tentativi non riusciti: l'accesso è sospeso per 15 minuti. Se non ricorda la password, si rivolga all'amministratore.
console-login-code-title = Codice di verifica
console-login-code = Codice di verifica
console-login-code-help = Il codice di sei cifre mostrato dall'applicazione di autenticazione.
console-login-code-wrong = Il codice non è corretto o è scaduto. Riprovi con il codice mostrato ora, per favore.

console-sso-button = Accedi con l'identità del Comune
console-sso-failed = Non è stato possibile completare l'accesso con l'identità del Comune. Riprovi, per favore; se il problema continua, si rivolga all'amministratore.
console-sso-unknown = La sua identità è stata riconosciuta, ma non ha un account abilitato alla console. Si rivolga all'amministratore, per favore.

console-totp-title = Verifica in due passaggi
console-totp-intro = Aggiunga questo account alla sua applicazione di autenticazione. Usi il codice segreto o l'indirizzo qui sotto. Poi scriva il codice che l'applicazione mostra.
console-totp-secret = Codice segreto
console-totp-address = Indirizzo per l'applicazione
console-totp-confirm = Attiva la verifica
console-totp-active = La verifica in due passaggi è attiva per il suo account.
console-totp-done = La verifica in due passaggi è stata attivata.

console-inbox-title = Richieste
console-inbox-office = Ufficio
console-inbox-all-offices = Tutti i miei uffici
console-inbox-search = Numero della richiesta
console-inbox-filter = Filtra
console-inbox-hours = Uffici aperti e chiusi ora
console-inbox-views = Stato delle richieste
console-inbox-view-waiting = In attesa
console-inbox-view-claimed = In carico
console-inbox-view-closed = Chiuse nelle ultime 24 ore
console-inbox-caption = Richieste elencate: { $count }
console-inbox-empty = Non ci sono richieste in questo elenco.
console-office-open = aperto
console-office-closed = chiuso
console-telegram-operator = operatore Telegram { $id }

console-case-title = Richiesta { $case }
console-case-number = Richiesta
console-case-office = Ufficio
console-case-channel = Canale
console-case-waiting = Attesa in orario d'ufficio
console-case-overdue = oltre il tempo previsto
console-case-taken-by = In carico a
console-case-status = Stato
console-case-opened = Aperta il
console-case-path = Percorso nel servizio
console-case-conversation = Conversazione
console-case-actions = Azioni
console-case-claim = Prendi in carico
console-case-reply-label = Risposta al cittadino
console-case-canned = Risposta pronta, se il testo è vuoto
console-case-canned-none = Nessuna
console-case-send = Invia la risposta
console-case-save-note = Salva come nota interna
console-case-transfer-to = Trasferisci all'ufficio
console-case-transfer = Trasferisci
console-case-close = Chiudi la richiesta
console-reveal-hint = { $count ->
    [one] Un messaggio del cittadino contiene dati personali, oscurati qui sopra. Il testo originale resta disponibile finché la richiesta è aperta; ogni consultazione viene registrata.
   *[other] { $count } messaggi del cittadino contengono dati personali, oscurati qui sopra. Il testo originale resta disponibile finché la richiesta è aperta; ogni consultazione viene registrata.
}
console-reveal-button = Mostra il testo originale
console-reveal-title = Testo originale dei messaggi con dati personali
console-reveal-audited = Questa consultazione è stata registrata con il suo nome, la data e l'ora. Usi i dati solo per rispondere a questa richiesta.
console-reveal-none = Il testo originale non è più disponibile: la richiesta è chiusa oppure non contiene dati personali.
console-case-window-closed = Il cittadino ha scritto più di 24 ore fa: WhatsApp consente solo il messaggio modello approvato. La risposta sarà trattenuta e inviata quando il cittadino scriverà di nuovo.

console-status-waiting = in attesa di un operatore
console-status-claimed = in carico a { $name }
console-status-closed = chiusa

console-line-citizen = Cittadino
console-line-operator = Operatore
console-line-bot = Assistente digitale
console-line-note = Nota interna

console-live-new-line = Nuovo messaggio del cittadino.
console-live-changed = L'elenco delle richieste è stato aggiornato.

console-done-claimed = Ha preso in carico la richiesta.
console-done-replied = La risposta è stata inviata al cittadino.
console-done-noted = La nota interna è stata salvata. Non è stata inviata al cittadino.
console-done-transferred = La richiesta è stata trasferita.
console-done-closed = La richiesta è stata chiusa. Al cittadino è stata chiesta una valutazione.
console-done-closed-already = La richiesta era già chiusa.
console-done-empty = Scriva un testo o scelga una risposta pronta, per favore.
console-done-taken = La richiesta è già in carico a { $name }.

console-nav-dashboard = Andamento
console-dashboard-title = Andamento delle richieste
console-nav-insights = Statistiche
console-insights-title = Statistiche dello sportello digitale
console-insights-intro = Dati degli ultimi 30 giorni conclusi, senza dati personali: gli stessi del rapporto di sportello insights.
console-insights-editor-intro = Qui ci sono i messaggi che l'assistente digitale non ha capito negli ultimi 30 giorni. Sono divisi per frasi simili. I dati personali sono coperti. Restano qui finché le conversazioni sono conservate.
console-insights-none = Nessun dato per il periodo.
console-insights-digest = Ultima sintesi settimanale inviata agli operatori
console-insights-no-digest = Nessuna sintesi settimanale è stata ancora inviata.
console-dashboard-caption = Richieste per ufficio: in attesa, in carico e chiuse oggi
console-dashboard-waiting = In attesa
console-dashboard-longest = Attesa più lunga
console-dashboard-claimed = In carico
console-dashboard-closed-today = Chiuse oggi
console-dashboard-first-reply = Prima risposta, tempo mediano di oggi
console-dashboard-none = nessun dato
console-dashboard-updated = Aggiornato alle { $time }. La tabella si aggiorna da sola.

console-nav-content = Contenuti
console-content-title = Contenuti del servizio
console-content-intro = Le risposte come le ricevono i cittadini, in sola lettura. Si modificano nei file delle cartelle flows e locales; il comando sportello flows check le verifica prima della pubblicazione.
console-content-flows = Argomenti
console-content-emergency = emergenza
console-content-file = File: { $file }
console-content-steps = Passaggi di { $flow }
console-content-step = Passaggio
console-content-text = Testo
console-content-choices = Scelte
console-content-source = Fonte
console-content-verified = Verificato il

console-audit-title = Registro delle attività
console-audit-caption = Attività del personale, dalla più recente
console-audit-when = Quando
console-audit-user = Utente
console-audit-action = Azione
console-audit-detail = Dettagli
console-audit-csv = Scarica in formato CSV

console-error-title = Non è stato possibile procedere
console-error-signed-out = La sessione è scaduta o non è valida. Acceda di nuovo, per favore.
console-error-forbidden = Il suo ruolo non consente di vedere questa pagina.
console-error-form = Il modulo è scaduto. Ricarichi la pagina e riprovi, per favore.
console-error-not-found = La pagina richiesta non esiste.
console-error-unavailable = Il servizio non è disponibile in questo momento. Riprovi tra poco, per favore.
