# Menu principale (flows/menu.yaml)

menu-title = Menu principale

menu-welcome =
    Sono l'assistente digitale del Comune di Esempio.
    Posso darle informazioni sui servizi comunali, sulle scadenze e sui numeri utili in caso di emergenza, oppure passare la sua richiesta a un operatore.
    Scriva pure la sua domanda, ad esempio «quando scade la TARI?», oppure scelga un argomento.
    In caso di emergenza chiami subito il 112.

menu-thanks = Grazie a lei. Se le serve altro, scriva la sua domanda o scelga un argomento dal menu principale.
