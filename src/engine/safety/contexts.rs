//! The contexts that set a finding of the rules aside, or keep it: words that say nobody is in
//! danger, a grave sign beside a danger played down, a danger named as a subject, a past
//! attempt, places and papers, laughter and idioms. Read by [`super::detect_by_rules`] (see `docs/safety.md`, "How it
//! recognises them").

/// Words that say, in so many words, that nobody is in danger: they set aside every kind but
/// self-harm and a child in danger, where a wrong "no" costs too much.
#[rustfmt::skip]
pub(super) const NOT_DANGER: &[&str] = &[
    "ci vuole un|ci vorrebbe un|serve un|servirebbe un|neanche con un|nemmeno con un|manco con un|neanche se ci fosse un + terremoto|incendio|alluvione|bomba|esplosione|uragano",
    "mio gatto|mia gatta|mio cane|il gatto|il cane|la gatta|il mio criceto|my cat|my dog|the cat|the dog + sta morendo|e morto|e morta|sta male|is dying|is sick|vecchiaia|old age",
    "va nel vetro|vanno nel vetro|nel vetro o|nell indifferenziat*|nella plastica o|nell umido o|nella carta o|glass bank|bottle bank|recycling bank|glass bin",
    "verbalmente|a parole|in senso figurato|per modo di dire|senza feriti|nessun ferito|niente feriti|non ci sono feriti|nessuno ferito|nessuno si e fatto male|nessuno e rimasto ferito|non e un emergenza|non e urgente|niente di grave",
    "sparato una multa|sparata una multa|sparato un verbale|ho sognato|sognato che|ho fatto un incubo|in sogno|alla play|playstation|videogioc*|fortnite|minecraft|prima che mi venga|mi fate venire|mi fa venire",
    "avvelenat*|avvelenano|avvelenare|bocconi avvelenati|esche avvelenate + il mio cane|il cane|i cani|il mio gatto|il gatto|i gatti|my dog|my cat|the dogs|the cats",
    "i dreamt|i dreamed|in my dream|had a nightmare|video game|videogame|playstation|fortnite",
    "mi hanno sparato un|sparato un accertamento|sparato una cartella|morto e sepolto|sotto le spese|sotto i debiti|non da fastidio|non da pericolo|nessun pericolo|non e pericoloso|transennat*|investito un cane|investito un gatto|investito il cane|investito il gatto",
    "dove compro|dove comprare|dove acquistare|dove si compra|non c e nessuno dentro|dentro non c e nessuno|edificio abbandonato|casa abbandonata|scuola abbandonata|disabitat*",
    "where can i buy|where to buy|where do i buy|nobody inside|no one inside|nobody lives there|empty building|abandoned building",
    "could get hurt|might get hurt|potrebbe farsi male|si possono fare male|si puo fare male|rischia di farsi male|rischiano di farsi male|niente di urgente|nulla di urgente|non urgente|not urgent|nothing urgent",
    "get rid of|dispose of|throw away|bombola vuota|bombole vuote|empty cylinder|pieno di metano|fare il pieno|distributore di metano|distributore di gpl|distributore del metano|rifornimento|mastello|bidone del vetro|campana del vetro",
    "mai sparato|prova con l arma|prova di tiro|poligono|porto d armi|gun licence|gun license|firearms test|rievocazion*|re enactment|reenactment|rischia lo shock|rischia uno shock|dieta alla mensa|comunico la dieta|comunicare la dieta",
    "annegando|affogando|annego|affogo|sommers* + nei debiti|di debiti|nelle bollette|nelle tasse|di lavoro|nel lavoro|nella burocrazia|nelle carte",
    "sto morendo|muoio|sto per morire + per la puzza|dalla puzza|di puzza|dal freddo|dal caldo|dalla fame|di sete|dalla sete|dalla noia|di sonno|dal sonno|dalla curiosita|dalla vergogna|di stress|dallo stress|drowning in debt|drowning in bills|drowning in paperwork",
    "fire hydrant|hydrant|idrante|nothing is burning|nothing s burning|not burning anymore|non brucia piu|gia spento|gia spenti|already out",
    "corso di primo soccorso|corso di rianimazione|corso blsd|corso bls|first aid course|cpr course|kit di pronto soccorso|first aid kit",
    "dallo scarico|dal tubo di scarico|dalla marmitta|from the exhaust|scoppiata la ruota|scoppiata una gomma|scoppiata la gomma|gomma bucata|ruota bucata|flat tyre|flat tire|tyre burst|ayuda economica|ayudas|aide financiere",
    "it s empty|its empty|is empty|old gas bottle|gas bottle from|what do i do with",
    "waiting to happen|qualcuno in ufficio|qualcuno in comune|qualcuno allo sportello|qualcuno dell ufficio|someone in the office|someone at the office",
    "we sell|vendiamo|contact us today|contattaci oggi|for companies|per aziende|offerta speciale|special offer|sconto del|discount|incidente sfiorato|sfiorato l incidente|quasi un incidente|quasi fatto un incidente|near miss|di solitudine|di nostalgia|di tristezza|di fatica|dalla fatica|di stanchezza|dalla stanchezza",
    "nessuna allerta|nessun allerta|non c e nessuna allerta|non c e allerta|no alert|there is no alert|oggetti smarriti|ufficio oggetti|lost and found|lost property office",
    "sunset yesterday was on fire|sunset tonight was on fire|the sunset was on fire|tramonto era in fiamme|tramonto in fiamme",
    "fuoco di sant antonio|herpes zoster|shingles|nessun danno|senza danni|no damage|sunset was on fire|sky was on fire|sky is on fire|fire juggler*|fire show|fire dancers|giocolieri|mangiafuoco|spettacolo di fuoco|spettacolo del fuoco",
    "tutto ok ma|tutto bene ma|stiamo tutti bene|stanno tutti bene|ma sta bene|ma ora sta bene|everyone is fine|everyone s fine|but he s fine|but she s fine|puo dargli|puo darle|potrebbe dargli|potrebbe darle|puo venirgli|puo venirle|could give him|could give her",
    "treno fermo|treni fermi|treno e fermo|il treno per|incidente sulla linea|sulla linea ferroviaria|circolazione ferroviaria|train is delayed|trains are delayed|sei solo una macchina|sei una macchina|sei un bot|sei un robot|collega umano|in carne e ossa|are you a bot|are you a robot|are you a machine",
    "nuova ambulanza|comprare un ambulanza|raccolta fondi|corsa podistica|charity run|fire and flames|fuoco e fiamme|ha il gesso|col gesso|con il gesso|ingessat*|on crutches|con le stampelle|corsi di primo soccorso|corsi di rianimazione",
    "spostare il contatore|spostare il tubo del gas|allaccio del gas|allacciamento del gas|vreun ajutor|un ajutor|ajutor de la|ajutor financiar|which bin|what bin|in quale bidone|dove butto|non e gas|non e il gas|it s not gas|not a gas leak",
    "accident on the line|train stopped|trains stopped|train to|survivor of domestic violence|survivor of violence|i now live safely|now i live safely|ora vivo al sicuro|ora sono al sicuro|nevoje per ndihme me|ndihme me qira|ndihme me qirane|ndihme financiare|denuncia fatta|ho gia fatto denuncia|ho fatto la denuncia|ho sporto denuncia",
    "what should we do if|what to do if|cosa fare se|cosa si fa se|se un giorno|danno in tv|in tv stasera|stasera in tv|prima che qualcuno ci|per fortuna stanno bene|per fortuna sta bene|per fortuna nessuno",
    "siete dei ladri|siete ladri|ladri e incompetenti|siete dei delinquenti|you are thieves|you re thieves|rovinat* dall alluvione|danneggiat* dall alluvione|rovinat* dall acqua|fango dell alluvione",
    "ayuda para|ayuda con el|ayuda con la|hilfe bei|hilfe fur|aide pour|ajutor pentru|ndihme per|chiedo aiuto per|un aiuto per|aiuto per pagare|aiuto economico|help with|help paying",
    "ajutor la|ajutor cu|nevoie de ajutor la|nevoie de ajutor cu|ne poate ajuta|ma puteti ajuta cu|ayuda del|ayuda de la|alguna ayuda|hay ayuda|ayuda a domicilio|pomoc przy|pomoc dla|допомогу з|допомоги з|допомога з|допомога для|помощь с|помощь для|помощь в",
    "qualcuno a ritirare|qualcuno a sistemare|qualcuno a pulire|qualcuno a controllare|qualcuno a riparare|qualcuno a togliere|qualcuno a tagliare|qualcuno a raccogliere|qualcuno a potare|someone to fix|someone to check|someone to clean|someone to pick up|someone to collect",
    "servizi sociali|assistente sociale|assistenti sociali|social services|social worker & mi seguono|mi segue|ci seguono|ci segue|mi seguiva|follow me|follows me",
    "phone is dying|battery is dying|battery dying|telefono sta morendo|batteria scarica|telefono scarico",
    "no danger|not dangerous|hit a dog|hit a cat|ran over a dog|ran over a cat|cordoned off",
    "uscita da una situazione di violenza|uscito da una situazione di violenza|uscita da una relazione violenta|in casa protetta|ora sono al sicuro|adesso sono al sicuro|ora siamo al sicuro|i m safe now|i am safe now|we are safe now|got out of a violent|rischio di shock|rischio shock|con rischio di|dieta speciale",
    "spazzatura e per terra|spazzatura per terra|immondizia per terra|rifiuti per terra|sacchi per terra|lampione per terra|palo per terra|cartello per terra|rami per terra|ramo per terra",
    "verbally|no one was hurt|nobody was hurt|no one hurt|nobody hurt|no injuries|not an emergency|nothing serious",
    "in una casa protetta|in una casa rifugio|in casa rifugio|in a safe house|in a women s shelter|non sta succedendo niente|non sta succedendo nulla|non succede niente|non succede nulla|nothing is happening|nothing s happening",
    "mio gatto|mia gatta|mio cane|nostro gatto|nostra gatta|nostro cane|il gatto|il cane|la gatta|my cat|my dog|our cat|our dog + investit*|travolt*|run over|hit by a car|got hit",
    "stasera danno|danno stasera|in tv|alla tv|on tv|on telly|che canale|dichiarazione di nascita|registrare la nascita|register the birth|register a birth|e sono al sicuro|sono al sicuro|siamo al sicuro|i m safe|i am safe|we re safe",
    "guardia medica + numero|orari|orario|dove si trova|indirizzo|che numero",
    "any jobs|job openings|offerte di lavoro|posti di lavoro|work as a|lavorare come|visita cardiologica|visita specialistica|prenotare la visita|book an appointment|investimento sulla linea|quando riparte|ricetta|recipe|escono dai centri antiviolenza|uscite dai centri antiviolenza|uscita dal centro antiviolenza",
    "sounds like gunshots|sound like gunshots|sembrano spari|sembravano spari|is that even allowed|intestazione|successione|eredita|inheritance|widows|vedove|pomoc od|pomoc za|ima li pomoc|nemam novca|numero diretto|nessuno risponde da giorni|no one answers for days|nobody answers for days|almost got hit|nearly got hit|quasi investit*|guida come un pazzo|drives like a maniac|lost my husband in|lost my wife in|ho perso mio marito nell|ho perso mia moglie nell",
    "dopomoha z|dopomoha dlia|dopomoha vid|dopomohu z|dopomohu dlia|ye dopomoha|potribna dopomoha dlia|ndihme ne shtepi|a ka ndihme|ka ndihme",
    "sembrano colpi di pistola|sembravano colpi di pistola|sembrano dei colpi di pistola|sembrano colpi d arma|sound like gun shots|sounds like gun shots",
    "curs de prim ajutor|cursul de prim ajutor|erste hilfe kurs|kurs pierwszej pomocy|first aid class|curso de primeros auxilios|formation aux premiers secours|curso de primeiros socorros|kurs per ndihmen e pare|se puede pedir ayuda|solicitar una ayuda|cylinder khali ho gaya|wey don finish|заранее|заздалегідь|сейчас все в порядке|зараз все гаразд|fogu de sant antoni|focu di sant antoni|falo di sant antonio",
    "left an abusive relationship|left my abusive|got out of an abusive|escaped an abusive|left a violent relationship|uscita da una relazione abusiva|lasciato un marito violento|ho lasciato il mio ex violento",
    "nimeni ranit|nimeni nu a fost ranit|nu a fost nimeni ranit|daca ar fi|intreb pentru|planul familiei|kapag may sunog|kung may sunog|kapag may lindol|kung may lindol|burri nuk punon|nuk punon",
    "ajutati cu|granturi pentru|ndonje ndihme|ndihme nga komuna|open day dei vigili|dimostrazione con l auto|dimostrazione di spegnimento|un infarto ogni volta|un colpo ogni volta",
    "mi iscrivo|iscrivermi|sign up for|subscribe to|subvenciones|afectadas por|afectados por|постраждалих|пострадавших|after my husband s stroke|after my wife s stroke|after my father s stroke|after my mother s stroke|after the stroke|after his heart attack|after my heart attack|after her heart attack|after my stroke|heart attack ku apram",
    "sentito alla radio|alla radio|al telegiornale|on the radio|hace dos meses|hace un mes|hace meses|hace una semana|ayuda en casa|l3am lli fat|mat f accident|el mes pasado|el ano pasado|shangge yue|shang ge yue|qunian|qu nian",
    "c e gia stato un incidente|ce gia stato un incidente|there has already been an accident|there was already an accident|uzhe byla avariya|уже была авария|puede salir herido|puede hacerse dano|ci finira sotto|qualcuno ci finira|ammazzato la gomma|bagnat* dall alluvione|bagnat* da l alluvione|con l ultima alluvione|the last flood",
    "sono stufa di|sono stufo di|stufa di aspettare|stufo di aspettare|contra terremotos|contra los terremotos|against earthquakes|l hanno spento|hanno spento il fuoco|hanno spento l incendio|left an abusive marriage|left my abusive marriage|do te vritet|stroke er por|after his stroke|after her stroke|dopo l ictus|lost everything in the flood|perso tutto nell alluvione",
    "minaccia sempre di denunciarmi|minaccia di denunciarmi|minaccia di farmi causa|threatens to sue|threatening to sue|non sta succedendo|lo chiedo per sapere|drowning prevention|lifeguard course|corsi di salvamento|corso di salvamento|prevenzione annegamento|drowning in paperwork|drowning in debt|drowning in bills|drowning in work|panneau stop|le panneau",
    "se c e un terremoto|se ci fosse un terremoto|se arriva un terremoto|in caso di terremoto|if there was an earthquake|if there was a big earthquake|if there is an earthquake|if there s an earthquake|in case of an earthquake|planning ahead|earthquake proof|antisismic*|adeguamento sismico|dumped|fly tipping|flytipping",
    "preparedness|preparedness guide|guida per prepararsi|guida alla preparazione|kit di emergenza|emergency kit",
    "si rompe l osso del collo|rompersi l osso del collo|qualcuno ci cade dentro|qualcuno ci cade|someone will fall in|someone could fall in",
    "il cartello|un cartello|the sign|road sign|il segnale & abbattuto|a terra|per terra|caduto|divelto|piegato|knocked down|is down",
    "che minaccia e|sembra una minaccia|suona come una minaccia|sembra una minaccia di morte",
    "watch it live|live sehen|live anschauen|in diretta streaming|трансляцію|трансляцию|council session|ratssitzung|seduta del consiglio|es brennt nichts|ausgebranntes auto|ausgebrannte auto|burnt out car|burned out car",
    "wala namang nasaktan|walang nasaktan|nobody was hurt|no one was hurt|gonna break a leg|going to break a leg|is going to break a leg",
    "occupata abusivamente|occupanti abusivi|gli occupanti|attacked by another dog|attacked by a dog|dog was attacked|sotto sequestro|under seizure",
    "preso in pieno un gatto|preso in pieno un cane|investito un gatto|investito un cane|hit a cat|hit a dog|ran over a cat|ran over a dog",
    "ha perso il figlio|ha perso la figlia|lost her son|lost his son|sostegno al lutto|gruppo di sostegno",
    "nessuno l ha tolto|nessuno lo ha tolto|nessuno lo ha rimosso|nessuno l ha rimosso|chi lo toglie|quando lo togliete|quando lo rimuovete|who will remove it|nobody has removed it",
    "nun c e nessuno sotto|non c e nessuno sotto|nessuno sotto|chi lo leva|chi la leva|esercitassion|l esercitazione|esercitatzione|prova di evacuazione|prova antincendio|fogu mannu",
    "voglio fare un reclamo|vorrei fare un reclamo|volevo fare un reclamo|voglio fare reclamo|vorrei fare reclamo|fare reclamo|nuddu si fici mali|nuddu s ha fattu mali|nessuno si e fatto male|nisciuno s e fatto male|avvelena tutto|inquina tutto|perde olio",
    "cors par|vulonteri|vulontèri|volontariu|corso per volontari",
    "could break a leg|might break a leg|someone could fall|zaino di emergenza|emergency bag|go bag|first aid for babies|is it full|corso di disostruzione",
    "conseil municipal|suivre en direct|ankese per|bej ankese|simulacao|simulação|simulacro|kursu var mi|ilk yardim kursu|ilk yardım kursu|bombola gazi bosh",
    "nun e successo gnente|non e successo niente|nun e successo niente|non e successo nulla|nikt nie ucierpial|nikt nie ucierpiał|nakaharang",
    "ora sono al sicuro|adesso sono al sicuro|sono al sicuro ora|siamo al sicuro ora|ora siamo al sicuro|now i m safe|i m safe now|we re safe now|casa rifugio|in casa rifugio|ora vivo da mia sorella|ora vivo da mia madre|ora vivo da|adesso vivo da|vivo da mia sorella|alag thaki|আলাদা থাকি|nasa kaibigan ako ngayon|umalis po ako sa bahay|daba ana f casa",
    "ora sto da mia sorella|ora sto da mia madre|sto da mia sorella al sicuro|sono andata via e ora|me ne sono andata e ora|ora vivo in una casa rifugio|sono in una casa rifugio",
];

/// A person named beside a pet: "anche il cane sta male" says the people are ill too, so the
/// pet's words in [`NOT_DANGER`] do not set the danger aside; so does "noi siamo dentro" beside
/// an empty house that is falling, and a grave sign beside a danger played down ("not urgent
/// probably" before a pain going down the left arm, "niente di grave" before water up to the
/// ceiling).
#[rustfmt::skip]
pub(super) const TOO: &[&str] = &[
    "anche il cane|anche il gatto|pure il cane|pure il gatto|anche i cani|the dog too|the cat too|even the dog|even the cat|also the dog|also the cat",
    "noi siamo dentro|ma noi siamo dentro|sul nostro tetto|addosso a noi|we are inside|we re inside|on our roof",
    "non sono al sicuro|non siamo al sicuro|nn sono al sicuro|not safe|i m not safe|i am not safe",
    "throat feels tight|throat is closing|can t breathe|cant breathe|cannot breathe|sta entrando nei|sta entrando in casa|entra in casa|prova a spostare le macchine|si e accasciato|si e accasciata|ha male al collo|mi ammazza|mi uccide|coltello in mano|ha il coltello|has a knife|knife in his hand|dalla presa|dalla spina|dal quadro elettrico|feel sleepy|sleepy since|tanta sonnolenza|tanto sonno",
    "qualcuno che non esce|con qualcuno dentro|c e qualcuno dentro|someone still inside|someone inside|non riesce a muovere le gambe|non sente le gambe|can t move his legs|can t move her legs|lips look blue|lips are blue|lips look kind of blue|labbra blu|labbra viola|left arm|braccio sinistro|fino al soffitto|sale anche sulle scale|sale sulle scale|still rising|sta ancora salendo|can t wake him|can t wake her|non si sveglia|non respira|not breathing",
    "sibilo fortissimo|nuvola bianca|gli operai scappano|scappano tutti|everyone is running",
    "preso fuoco e fiamme|fiamme su tetto|fiamme sul tetto|cuoco dentro",
];

/// A danger named as a subject (an evening on suicide prevention): a finding that lies inside
/// such a phrase is not an emergency.
#[rustfmt::skip]
pub(super) const SUBJECT: &[&str] = &[
    "bici|bicicletta|monopattino|triciclo|pallone|giocattolo|seggiolino|passeggino vuoto|scarpa|scarpe|zainetto + da bambino|da bambina|da bimbo|da bimba|per bambini + abbandonat*|in mezzo alla strada|per strada|sul marciapiede|nel parco|al parco",
    "child s bike abandoned|kid s bike abandoned|child s bike in the middle of the road|kid s bike in the middle of the road",
    "escape from the burning house|escape dalla casa in fiamme",
    "escape room|escape game|halloween escape|haunted house|casa stregata|casa infestata + burning house|house on fire|burning building|casa in fiamme",
    "il suicidio di mio|il suicidio di mia|il suicidio del|il suicidio della|dopo il suicidio di|the suicide of my|after my brother s suicide|after my sister s suicide|after my son s suicide|after my daughter s suicide|after my father s suicide|after my mother s suicide",
    "da ammazzarsi|roba da ammazzarsi|da suicidio|da spararsi",
    "prevenzione del suicidio|prevenzione dei suicidi|prevenzione suicidio|prevenzione al suicidio|suicide prevention|suicide awareness|preventing suicide",
    "non ce la faccio piu|non ce la faccio + a gestir*|a seguirl*|a starle dietro|a stargli dietro|a star dietro|ad assisterl*|a curarl*|a badare|a occuparmene|a occuparmi di|a pagare|con le spese|con l affitto|con le bollette|da solo con|da sola con|da solo a|da sola a|da sola c e|da solo c e|da sola ce|da solo ce|centro diurno",
    "lost + my son s|my daughter s|my child s|my kid s|my baby s|the child s|the kid s",
    "perso un figlio per suicidio|perso una figlia per suicidio|perso un figlio per|lost a child to suicide|lost my son to suicide|lost my daughter to suicide|lost our son to suicide|lost our daughter to suicide|we lost our son to suicide|we lost our daughter to suicide|lost her son to suicide|lost his son to suicide|vuole morire a casa sua|vuole morire in casa sua|morire a casa sua|wants to die at home|die at home",
    "si e suicidato|si e suicidata|si sono suicidati|si era suicidato|si era suicidata|si suicido|morto suicida|morta suicida|committed suicide|took his own life|took her own life",
    "earthquake assembly point|the assembly point for|flood warnings|allerte meteo per",
    "smoke alarm in the|smoke detector in the|smoke alarm in our|smoke detector in our|smoke alarm in my|smoke detector in my",
    "rilevatori di gas e fumo in casa|rilevatori di fumo in casa|rilevatore di fumo in casa|sensori di fumo in casa|sensore di fumo in casa|rilevatori di fumo e gas in casa",
    "multumesc pentru ajutor|gracias por la ayuda|gracias por tu ayuda|gracias por su ayuda|danke fur die hilfe|danke fur ihre hilfe|merci pour l aide|merci pour votre aide|thanks for the help|thank you for the help|thanks for your help|grazie per l aiuto|grazie dell aiuto|grazie per il vostro aiuto",
    "qualcuno puo aiutare in casa|qualcuno che aiuti in casa|qualcuno per aiutare in casa|qualcuno che lo aiuti in casa|qualcuno che la aiuti in casa|someone to help at home|someone to help in the house",
    "auxilio para|auxilio maternidade|auxilio doenca|auxilio emergencial|pedido do auxilio|pedido de auxilio|szukam pomocy|pomocy finansowej|pomoc finansowa|pomocy socjalnej|pomoc socjalna|pomocy dla|pomocy przy|pomocy w",
    "someone is going to get run over|someone s going to get run over|somebody is going to get run over|is going to get run over|before someone gets run over|qualcuno finira investito|prima o poi qualcuno viene investito",
    "autisti per l ambulanza|autisti x l ambulanza|autista dell ambulanza|autisti dell ambulanza|autista di ambulanza|autisti di ambulanza|guidare l ambulanza|ambulance driver|ambulance drivers|volontari in ambulanza|volontario in ambulanza",
    "cartello + pericolo frane|pericolo frana|caduta massi|pericolo incendio|pericolo di incendio",
    "mi sono sentit* aggredit*|mi sono sentit* minacciat*|ci siamo sentit* aggredit*|felt attacked|felt threatened",
    "rischiato l infarto|rischiato un infarto|rischiato l ictus|rischiato un ictus",
    "can t find|cant find|cannot find|can not find + my son s|my daughter s|my child s|my kid s|my baby s|the child s|the kid s",
    "project on the|project about the|project on|progetto sull|progetto sulla|ricerca sull|ricerca sulla + flood|flooding|fire|earthquake|landslide|alluvione|incendio|terremoto|frana",
    "casa rifugio per|casa rifugio dopo|centro antiviolenza per|casa protetta per + violenza domestica|violenza|maltrattamenti|donne maltrattate",
    "mi ha minacciato di|mi ha minacciata di|mi hanno minacciato di|mi hanno minacciata di|mi hanno minacciato per telefono di|ci ha minacciato di|ci hanno minacciati di|minacciato di|minacciata di + sequestrar*|pignorar*|bloccarmi|bloccare|farmi perdere|denunciarmi|farmi causa|togliermi|multarmi|chiudermi|tagliarmi la luce|staccarmi",
    "vittime di|vittime della|donne vittime di + violenza domestica|violenza|violenze",
    "divieto di avvicinamento + da un anno|da due anni|da mesi|da anni|sostegno economico",
    "ha subito un furto|ho subito un furto|abbiamo subito un furto|hanno subito un furto|subito un furto con scasso",
    "pomoc domowa|pomoc domową|pomocy domowej|pomoc dla starszych|pomoc dla seniorow|pomoc w domu|ofron komuna ndihme|komuna ndihme|ndihme ne shtepi|ndihmë në shtëpi|kujdes ne shtepi",
    "me ndihmoni|më ndihmoni + si ta|si te|ku e|ku te|ku mund|a mund",
    "panchina|panchine|altalena|cestino|fontanella|marciapiede|asfalto|sedia|tavolo + sfonnat*|sfondat*",
    "la guardia medica|guardia medica + dov e|dove|orari|orario|numero|telefono|indirizzo|apre",
    "drowning rescue|rescue certificate",
    "explosion der farben|esplosione di colori|explosion of colours|explosion of colors",
    "on the main road|on the road + where that kid got|where a kid got|where the kid got|where that kid was|where a kid was",
    "концерт группы|группы|группа|гурту|гурт + пожар|пожара|пожежа",
    "victims of domestic violence|victims of violence|for victims of + violence|domestic violence",
    "মারধর করত|dopo anni di violenze|anni di violenze|after years of abuse|comunita per minori",
    "ramo|albero|palo|cartello|ramo enorme + e per terra|a terra|per terra",
    "plan para|plan de|piano per + incendios|incendios forestales|inundaciones|terremotos|incendi boschivi",
    "ha perso il figlio in|ha perso la figlia in|perso il figlio in|perso la figlia in|lost her son in|lost his son in + un incidente|incidente|an accident|a crash",
    "ho paura di tagliarmi|tagliarmi una gamba|tagliarmi un dito|tagliarmi con la motosega",
    "comunita per minori + dopo anni di violenze|violenze|maltrattamenti",
    "murale|disegno|graffiti|scritte + teschi|sangue",
    "figlia e rimasta chiusa in bagno|figlio e rimasto chiuso in bagno|e rimasta chiusa in bagno|e rimasto chiuso in bagno",
    "mobbile|mobile|armadio|divano + je crollate|e crollato|crollat*",
    "vigilanza armata|guardie armate|armed security|autista d ambulanza|autisti d ambulanza",
    "proiezione di|film|spettacolo|mostra|il film + incendio|terremoto|alluvione",
    "in therapy for self harm|therapy for self harm|treatment for self harm|in cura per autolesionismo",
    "demolition of the collapsed|demolizione dell ala crollata",
    "workplace accident|accident at work|infortunio sul lavoro|incidente sul lavoro",
    "domestic violence team|violence team|centro antiviolenza",
    "marito|compagno|ex|padre|fidanzato + mi picchiava|mi maltrattava|mi minacciava + ora se n e andato|ora e andato via|ora vivo|ora sono",
    "pichle saal|pichhle saal + suicide ki koshish|suicide attempt|suicide",
    "li kan kayderbni|kan kayderbni|kan kaydrebni|picchiava me + adesso|ora",
    "conferencia sobre|conferenza sul|conferenza sulla|conferenza su|conference on|a talk on|a talk about|incontro sul|incontro sulla|convegno sul|convegno sulla",
];

/// A past attempt named ("dopo il tentato suicidio di agosto"): a self-harm finding inside such
/// a phrase counts as a weak one, set aside by a routine context (a date, a follow-up asked for)
/// without a sign of urgency.
#[rustfmt::skip]
pub(super) const PAST_ATTEMPT: &[&str] = &[
    "tentato suicidio|tentativo di suicidio|tentato il suicidio|tentata il suicidio|tentati suicidi|tentativi di suicidio|attempted suicide|suicide attempt|tried to kill himself|tried to kill herself|tried to take his own life|tried to take her own life",
];

/// Places and papers: a violence that a date sets apart from now ("la settimana scorsa hanno
/// aggredito una ragazza lì") told to ask for a street light, cameras or a document stolen is
/// not an emergency.
#[rustfmt::skip]
pub(super) const PLACE_OR_PAPERS: &[&str] = &[
    "lampion*|illuminazione|luce|luci|luce spenta|buio pesto|telecamer*|videosorveglianza|carta d identita|documenti|passaporto|patente|street light*|streetlight*|lighting|cctv|cameras|identity card|documents|passport|driving licence",
    "stato di famiglia|certificato|certificate|court case|processo|tribunale|mosa3ada|sostegno|aiuto per|aiuti per|contributo|grant|imu|tari|assistente sociale|social worker|psicologo|support group",
];

/// Laughter and idioms: "mi ammazzo dalle risate", "mi ammazzo di lavoro" are not dangers,
/// whatever their words.
#[rustfmt::skip]
pub(super) const JOKE: &[&str] = &[
    "rumore|cantiere|cantieri|lavori|musica|noise|building work & mi sta uccidendo|mi fa esplodere la testa|mi scoppia la testa|is killing me|drives me crazy",
    "morire|morto|morta|muoio|morendo + di sanzioni|di multe|di tasse|di burocrazia|di interessi|di bollette|di scartoffie|di moduli|of paperwork|of fines|of taxes",
    "mi ammazzo di lavoro|mi ammazzo di fatica|mi ammazzo di studio|ci ammazziamo di lavoro|killing myself laughing",
    "sparit* + dalla graduatoria|dall elenco|dalla lista|dal sistema|dal portale|dal registro",
    "nella graduatoria|dalla graduatoria|nell elenco + mio figlio|mia figlia|il nome|il bambino + e sparit*|sparit*|non c e piu",
    "will kill me if i m late|will kill me if i am late|will kill me if i forget|kill me if i miss|boss will kill me|il mio capo mi uccide|il mio capo mi ammazza|mi uccide se arrivo tardi|mi ammazza se faccio tardi|mi ammazza se arrivo tardi|mi uccide se faccio tardi|mi ammazza se mi dimentico|il capo mi ammazza|il capo mi uccide",
    "affitto|bollette|tasse|mutuo|rata & mi sta strangolando|mi strangola|mi stanno strangolando",
    "e un incubo|appuntamento|la cie|in fila|la coda|luglio|password|portale|spid|pin|codice & mi sparo",
    "barzelletta|barzellette|dalle risate|dal ridere|dalle risa|a ridere|dal gran ridere|ahah|ahahah|hahaha|scherzo|scherzavo|sto scherzando|of laughter|just kidding|jk|lmao|rofl",
    "heart is on fire|heart on fire|cuore in fiamme|il mio cuore brucia|my heart burns",
    "ansia che mi uccide|l ansia mi uccide|questa ansia mi uccide|anxiety is killing me",
    "incendio nel cuore|un fuoco nel cuore|fuoco nel cuore|brucio d amore|brucio per lei|brucio per lui|fire in my heart|burning with love",
    "sembra una sparatoria|sembrano spari|sembra un bombardamento|sembra la guerra|sounds like a shootout|sounds like a war zone|sparato cifre|sparano cifre|sparato prezzi|e un esecuzione",
    "scena del crimine|scena der crimine|ci s affoga|ci si affoga|ci si annega",
    "russa come un terremoto|russa come un treno|russa come un trattore|un terremoto di bambino|un terremoto di figlio|esplosione di brufoli|esplosione di gusto|esplosione di sapori|esplosione di colori|aahah|aahhah|ahahaha|ahahahah|ahhaha",
    "mi uccide|mi ammazza|mi uccidera|mi ammazzera|mi fa fuori + se non porto|se non compro|se non prendo|se mi dimentico|se mi scordo|se dimentico|se arrivo senza|se non le porto|se non gli porto",
    "figlio e un terremoto|figlia e un terremoto|bambino e un terremoto|bimbo e un terremoto|piccinn e nu terremot|stu piccinn e nu terremot|toddler is a hurricane|kid is a hurricane|son is a hurricane|daughter is a hurricane|sono due terremoti",
    "sto affogando nei|sto affogando nel|affogando nei compiti|affogando nel lavoro|affogando nelle bollette|drowning in paperwork|drowning in homework|drowning in work",
    "incendio in bocca|bocca in fiamme|bocca che brucia|gola in fiamme|carbonara was fire|pizza was fire|that was fire|was straight fire|is straight fire|cuore e esploso|mi e esploso il cuore|il mio cuore e esploso",
    "crollo dal sonno|crollo di sonno|sto crollando dal sonno|crollando dal sonno|svenut* quando ho visto|svenut* a vedere|svenut* per il preventivo|svenut* dal prezzo",
    "hitze bringt mich|caldura asta ma omoara|caldura ma omoara|sicaktan oluyorum|questo caldo mi uccide|il caldo mi uccide|il caldo mi ammazza|sto caldo me ammazza|this heat is killing me|the heat is killing me",
    "serie|film|telefilm|videogioco|videogame|movie|tv show + tutta sparatorie|tutto sparatorie|piena di sangue|pieno di sangue|sparatorie e sangue|full of shootings|full of blood",
    "trattoria|ristorante|pizzeria|prezzi & che nun te rapina|che non ti rapina|prezzi da rapina|rip off",
    "swallowed by the atm|atm swallowed|atm ate my card|card got swallowed|bancomat mi ha mangiato|bancomat si e mangiato",
    "wanna die of fear tonight|morire dal ridere|a fa a pastiera|a fare la pastiera|aiutatemi a scegliere|help me choose|help me pick|help me decide|credit la banca|ajutati cu un credit",
    "mi sta per esplodere la testa|mi esplode la testa|mi scoppia la testa|mi sta per scoppiare la testa|sta per esplodere la testa",
    "killing myself over this|killing myself over the|killing me over this|sto morendo di fame|muoio di fame|morendo di fame|sto morendo di sete|muoio di sete",
];

/// Words that say a message is no joke: laughter and idioms ([`JOKE`]) then set nothing aside.
#[rustfmt::skip]
pub(super) const SERIOUS: &[&str] = &[
    "non scherzo|nn scherzo|non sto scherzando|nn sto scherzando|stavolta non scherzo|dico sul serio|sono serio|sono seria|not joking|i m not joking|not kidding|i m serious|i mean it",
    "ha preso fuoco|hanno preso fuoco|sta prendendo fuoco|e preso fuoco",
];
