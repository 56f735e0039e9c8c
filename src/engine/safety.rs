//! The built-in safety layer: recognises a person in danger, however they describe it, in
//! Italian or English, and names the kind of emergency so the answer gives the right numbers
//! first. It belongs to the product: a Comune adds emergency words in its emergency flow, but
//! cannot remove these (see `docs/safety.md`).
//!
//! Rules are [`Lexicon`] patterns. A *strong* rule describes danger by itself ("non respira",
//! "mio marito mi picchia", "voglio farla finita"). A *weak* rule names an event that is also
//! talked about in routine messages ("incendio", "incidente", "fire"): it is set aside when the
//! message carries a routine context (the past, paperwork, courses, open days, "in caso di")
//! and no sign of urgency ("adesso", "subito", "aiuto").

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::text::lexicon::{Found, Lexicon};

mod contexts;
mod cry;
mod later;
mod learned;
mod residents;
mod rounds;
mod rules;

pub use learned::train_learned;
use learned::{LEARNED, learned};

/// A kind of emergency, each with its own answer and numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    SelfHarm,
    Medical,
    Violence,
    Child,
    Fire,
    Gas,
    Collapse,
    Flood,
    Accident,
    Intrusion,
    /// A bare cry for help, with nothing else said.
    Help,
}

impl Kind {
    pub const ALL: [Kind; 11] = [
        Kind::SelfHarm,
        Kind::Medical,
        Kind::Violence,
        Kind::Child,
        Kind::Fire,
        Kind::Gas,
        Kind::Collapse,
        Kind::Flood,
        Kind::Accident,
        Kind::Intrusion,
        Kind::Help,
    ];

    /// The name used in evaluation files, `flows explain` and logs.
    pub fn code(self) -> &'static str {
        match self {
            Kind::SelfHarm => "selfharm",
            Kind::Medical => "medical",
            Kind::Violence => "violence",
            Kind::Child => "child",
            Kind::Fire => "fire",
            Kind::Gas => "gas",
            Kind::Collapse => "collapse",
            Kind::Flood => "flood",
            Kind::Accident => "accident",
            Kind::Intrusion => "intrusion",
            Kind::Help => "help",
        }
    }

    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The Fluent id of the answer.
    pub fn message(self) -> String {
        format!(
            "{}{}",
            crate::flows::messages::EMERGENCY_PREFIX,
            self.code()
        )
    }

    /// The Fluent id of the one line said first when this danger is only possible.
    pub fn caution(self) -> &'static str {
        match self {
            Kind::SelfHarm => "safety-possible-selfharm",
            Kind::Violence => "safety-possible-violence",
            Kind::Child => "safety-possible-child",
            _ => "safety-possible",
        }
    }

    /// Numbers the answer must give, in every language: `flows check` refuses texts that
    /// lose one, so an edit cannot remove them by mistake.
    pub fn numbers(self) -> &'static [&'static str] {
        crate::flows::messages::emergency_numbers(&self.message())
    }

    /// Whether the Comune's own emergency page (local numbers, civil protection) follows the
    /// answer: it does for dangers to places and things, not for a person in a crisis.
    pub fn shows_comune_page(self) -> bool {
        !matches!(self, Kind::SelfHarm | Kind::Violence | Kind::Child)
    }
}

#[derive(Debug, Clone, Copy)]
struct Tag {
    kind: Kind,
    strength: Strength,
    lang: RuleLang,
}

/// What the safety layer found in a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alarm {
    pub kind: Kind,
    /// The language of the words that raised it, when they belong to one.
    pub lang: Option<Lang>,
    /// The rule that matched, as written (for `flows explain`).
    pub rule: &'static str,
    /// Whether the layer is sure: the emergency answer. Otherwise the danger is only possible
    /// (the learned check is worried but not confident): the citizen is told the numbers in
    /// one line, then answered as usual.
    pub sure: bool,
}

use Strength::Weak;
use contexts::{JOKE, NOT_DANGER, PAST_ATTEMPT, PLACE_OR_PAPERS, SERIOUS, SUBJECT, TOO};
use rules::{RuleLang, Strength};

/// Routine context: set weak rules aside, unless the message also shows urgency.
#[rustfmt::skip]
const ROUTINE: &[&str] = &[
    "quando sto male|quando sta male|quando mi sento male|quando si sente male|se sto male|se sta male|se mi sento male|se si sente male|when i m ill|when i am ill|when i m sick|when i am sick|una volta|ricoverat*|dimess*|ingessat*|stampelle|convalescenza|riabilitazione|fisioterapia|pasti a domicilio|assistenza domiciliare",
    "last night|the other night|the other day|got flooded|was flooded|were flooded|has been flooded|reopen*|riapert*|riapre|funding|call for|detector*|install*|installare|rilevator*|sensor*",
    "parcheggiat*|parcheggio|parcheggia|in doppia fila|in sosta|passo carrabile|blocca il garage|bloccato il garage|mi blocca l uscita|parked|parking|blocking my|blocking the|driveway|garage door",
    "serie|netflix|documentario|puntata|episodio|trailer|sindaco|mayor|send a message to|write to the|scrivere al|scrivere alla|mandare un messaggio al",
    "ieri|ieri sera|altro ieri|l altro giorno|settimana scorsa|mese scorso|anno scorso|l anno scorso|giorni fa|mesi fa|anni fa|tempo fa|scorso|scorsa|stanotte passata",
    "denuncia|denunciato|ho denunciato|a gennaio|a febbraio|a marzo|ad aprile|a maggio|a giugno|a luglio|ad agosto|a settembre|a ottobre|a novembre|a dicembre",
    "verbale|verbali|rapporto|relazione|modulo|moduli|modulistica|pratica|pratiche|certificat*|risarciment*|rimborso|rimborsi|assicurazion*|polizza|perizia|copia|denuncia fatta|sinistro|cid|constatazione amichevole|multa|multe",
    "contribut*|bando|bandi|domanda|domande|iscrizion*|iscriver*|corso|corsi|formazione|esercitazion*|simulazion*|prova di evacuazione|addestrament*|volontar*|open day|porte aperte|giornata|mostra|festa|sagra|concerto|spettacolo|film|libro|serie tv|gioco|partita|museo|storia|anniversario|commemorazion*|vittime|lapide|targa",
    "in caso di|cosa fare se|cosa fare in caso|cosa si fa|come comportarsi|cosa devo fare se|come si fa a|piano di emergenza|piano comunale|numeri utili|numero utile|numero di|informazion*|info|prevenzione|kit di emergenza|sicurezza|norme|regole|detrazion*|bonus",
    "vigili del fuoco|pompieri|caserma|protezione civile|fuochi d artificio|fuochi|botti|falo|barbecue|grigliata|camino|stufa a legna|fumo passivo|vietato fumare|fumare|fumatori|sigarett*",
    "dal ridere|da ridere|di noia|di fame|di sonno|di caldo|di freddo|da paura|scherzo|scherzando|metafora|modo di dire",
    "tassa|tasse|imu|tari|bolletta|bollette|tributi|rata|rate|caldo|afa|freddo|traffico|burocrazia|coda|code|fila|attesa|prezzo|prezzi|costo|costi|affitto|partita|juve|inter|milan|squadra",
    "da infarto|da morire dal ridere|incidente di percorso|borsa|server|divano|computer|telefono|cellulare|app|sito|ricostruzione|post terremoto|ho letto|ho sentito al tg|tg|turchia|giappone|nel mondo|orari|orario|apertura",
    "nel|del|dal + 19*|20*",
    "after the|in the|of + 19*|20*",
    "da giorni|da settimane|da mesi|da stamattina|da ieri|da tempo|tombino|tombini|si parla|notizia|notizie|giornale|telegiornale|consiglio comunale|diretta|streaming|dieta|mensa|allergia|allergico|allergica",
    "senza feriti|nessun ferito|nessuno si e fatto male|nessuno e ferito|solo danni|danni alla macchina|rischio|rischi|zone a rischio|mappa|divieto|divieti|ordinanza|ordinanze|regolamento",
    "dopo + alluvion*|allagament*|furto|rapina|rissa|aggressione|terremoto|incendio|incidente|ictus|infarto|crollo|frana|esondazione|operazione|intervento|sgombero|nubifragio|esplosione|scoppio|grandinata|tromba d aria",
    "rilievo|rilievi|avvocato|documentario|sognato|sogno|incubo|dimostrazione|suonano|allerta|bollettino|previsioni|previsto|prevista|pila scarica|batteria scarica|contrassegno|invalidita|graduatoria|mal di denti|mal di testa|mal di schiena|mal di pancia",
    "facendo morire|fate morire|fa morire|far morire|quell incidente|quell incendio|quel terremoto|quell alluvione",
    "come si chiede|come si richiede|dove chiedo|dove si chiede|a chi mi rivolgo|a chi devo rivolgermi|a chi scrivo|come faccio ricorso|come si fa ricorso",
    "after + the flood|the fire|the accident|the earthquake|the stroke|the storm|my stroke|his stroke|her stroke|the landslide",
    "documentary|dream|dreamt|dreamed|nightmare|demonstration|band|warning|alert|forecast|low battery|toothache|headache|how do i get|how can i get|where do i get|who do i contact",
    "se scoppia|se scoppiasse|se ci fosse|se dovesse|se succede|se succedesse|se arriva|nel caso|punto di raccolta|area di attesa|area di accoglienza|durante un|durante una|cosa si deve fare|cosa dobbiamo fare|cosa bisogna fare|come ci si comporta",
    "graffiti|graffito|murales|scritta|scritte|con lo spray|bombolette|imbrattat*|vandal*|sprayed|spray paint*|siren|sirena|sirene|was it a test|era una prova|overflowing|next pickup|collection day|dumped|abbandonat*|scaricato|what am i supposed to do|what are we supposed to do|what should we do|during an|during a|in an earthquake",
    "e stato incendiato|e stata incendiata|sono stati incendiati|hanno incendiato|sostituisce|sostituire|sostituirlo|replace it|fire hydrant|hydrant|idrante|fire escape|fire exit|fire door|prepare|preparare|prepararsi|sandbags|sacchi di sabbia|address of|indirizzo del|visiting hours|orari di visita|orari delle visite|for a visit|per una visita|rifare|rifarla|rifarlo|rifaccio|duplicato|smarrimento|assistenza|retta|rette|isola ecologica|centro di raccolta|ingombranti|smaltire|smaltisco|smaltimento|dove butto|dove si butta|posso buttare|estintore|estintori|rilevator* di fumo|sensor* di fumo|dove trovo|chi contatto|a chi chiedo|come chiedo|vale ancora|si paga ancora",
    "c era stato|c era stata|era stato|ha perso la madre|ha perso il padre|e morto in un|e morta in un|di lunedi|di martedi|di mercoledi|di giovedi|di venerdi|di sabato|di domenica|mese passato|anno passato|settimana passata|morendo di ansia|morendo d ansia|di ansia",
    "dove butto|dove si butta|dove lo butto|dove la butto|dove li butto|dove le butto|quale bidone|nel bidone|nell umido|isola ecologica|chi prende|li prende|la prende|lo prende|rimandate|sostituite|rimborsate|cambio di residenza|nuova residenza|dieta speciale|certificato per la dieta|chi interviene|che aiuti|un aiuto per|sto morendo dalla voglia|morendo dalla voglia|morire con questi prezzi",
    "di rabbia|di frustrazione|di vergogna|of frustration|of boredom|of embarrassment|ambulanza privata|private ambulance|disabili|disabilita|disabled|alluvionati|pubblicato|workshop|seminar|seminario|fire safety|events page|sicurezza antincendio|corso antincendio",
    "which bin|what bin|recycling centre|recycling center|where do they go|where does it go|resend|replaced|replace them|get a new one|renew it|change my address|enrol|enroll|help with rent|dying to",
    "ho trovato un portafoglio|portafoglio|oggetti smarriti|oggetto smarrito|wallet|lost property|lost and found|a che ora apre|a che ora chiude|e aperto anche|e aperta anche|aperto di notte|aperto la domenica|aperto nel weekend|per il weekend|nel weekend|numero della|numero del|what time does|open at night|open on sunday",
    "lettura del contatore|lettura contatore|lettura dei contatori|autolettura|meter reading|read the meter|passaporto|passport|visa|devo partire|biglietto aereo|volo per|flight to|chiedo per sapere|per il futuro|per curiosita|just asking|for the future|for future reference|ha il pronto soccorso|c e il pronto soccorso|c e un pronto soccorso|is there an emergency room|have an emergency room|uscit* dal reparto|dal reparto|un percorso|supporto|sostegno psicologico|un sostegno|sostegno per|lo puo seguire|la puo seguire|seguirlo|seguirla|support group|counselling|follow up",
    "silente|cardiologo|prenoto la visita|prenotare la visita|visita di controllo|care at home|needs care|carer|caregiver|badante|morto nell|morta nell|morti nell|albo|privacy|victims|charity|fundraiser|fundraising|raccolta fondi|beneficenza",
    "in case|if there is|if there s|if there was|if there were|what if|meeting point|smoke alarm|smoke detector|fire extinguisher|extinguisher|home care|throw away|dispose|where can i|where are the|who do we contact|who should i contact|died in",
    "settimane fa|cimitero|funerale|tomba|facebook|instagram|sui social|on facebook|on the news|cancelled|canceled|replacement|delayed|diverted|soppress*|deviazione|dying of heat|dying of stress|dying of boredom|dying of hunger|dying of thirst|dying of curiosity|phone is dying|battery is dying|competition|licence|license|porto d armi|requisiti|requirements|concorso",
    "yesterday|last week|last month|last year|ago|report|form|insurance|claim|copy|certificate|course|training|drill|open day|exhibition|festival|concert|movie|film|book|game|volunteer*|in case of|what to do if|what should i do if|how to|information|prevention|fire station|fire brigade|fire department|firefighters|history|memorial|fireworks|bonfire|joke|kidding|lol|haha|fine|ticket|permit|refund|compensation|tax|bill|since weeks|for days|for weeks|diet|canteen|news|show|had a|in january|in february|in march|in april|in may|in june|in july|in august|in september|in october|in november|in december|fire show|fire dance|council meeting|of laughter|laughing|stock|market|couch|sofa|server|computer|phone|opening hours|hours|reconstruction|grant|dying to|dying for|to know|no one hurt|nobody hurt|nobody was hurt|no injuries|risk|map|ban",
    "simulacro|simulacros|simulacre|exercice d evacuation|er firm|sur firm|un firm|na firm",
    "kit di pronto soccorso|cassetta di pronto soccorso|cassetta del pronto soccorso|first aid kit|corso di primo soccorso|first aid course",
    "ah ah|ha scritto mio nipote|ha scritto mio figlio|ha scritto mia figlia|scusate ha scritto|when will|it s been|residence|c e un piano|piano per i residenti|seveso|dallo scarico|tubo di scarico|marmitta|exhaust",
    "mi sta uccidendo|mi fa esplodere la testa|mi scoppia la testa|is killing me|rumore del cantiere|cantiere sotto casa|cantieri sotto casa|it s empty|its empty|old gas bottle|camping stove",
    "when do you collect|quando raccogliete|quando passate|garbage|spazzatura|immondizia|of cancer|di cancro|di tumore|malato terminale|terminally ill|palliativ*|help with care|hospice|controllo programmato|visita programmata|scheduled|check up|checkup|dove sta il pronto soccorso|dove si trova il pronto soccorso|where is the nearest",
    "waiting to happen|tutte le notti|ogni notte|every night|bar sotto casa|musica alta|schiamazzi|rumori molesti|ritiro del vetro|raccolta del vetro|non l hanno preso|nn l hanno preso|non hanno ritirato|non e passato|stamani|se scoppia|chi da l ordine|ordine di evacuare|chi decide l evacuazione",
    "cie|c i e|la carta|il documento|la serata|scene forti|adatta ai bambini|adatto ai bambini|castello|mi sono lasciat*|ci siamo lasciat*|lasciato con la ragazza|lasciata dal ragazzo|broke up|portato via la macchina|portata via la macchina|portato via l auto|portata via l auto|rimozione|carro attrezzi|towed",
    "guardia medica turistica|quando passa|quando passano|che numero ha|visite a domicilio|anche quest anno|ambulante|ambulanti|venditore|pescivendolo|tagliando|revisione dell auto|revisione della macchina|officina|gommista|meccanico|car service|mot test",
    "ristori|ristoro|avviso pubblico|indennizz*|danni della|danni del|danni dell|dove le porto|dove li porto|dove lo porto|dove la porto|dove porto|ho paura che prendano|ho paura che prenda|where do i take|where can i take|carta d identita|carta di identita|fototessera|foto per|cicatrice|prima dell incidente|prima dell intervento|id card|photo for|before the accident",
    "battery low|battery is low|batteria bassa|keeps beeping|beeping|chirping|turn it off|antifurto|allarme per casa|mi consigliate|consigliate|consigliare|burglar alarm|recommend|emergency kit|go bag|what should i put",
    "mes passado|ano passado|semana passada|del ano pasado|dopu u focu|dopu lu focu|dopo il fuoco|після пожежі|после пожара|after the fire|in caso de|n caso e|punto e raccolta|punto de racolta|l mois li fat|lmois li fat|l3am li fat|remboursement|apres l accident|constat|assurance|last spring|in the spring",
    "saptamana trecuta|luna trecuta|anul trecut|vara trecuta|la semana pasada|el mes pasado|el verano pasado|el ano pasado|la semaine derniere|le mois dernier|l annee derniere|l ete dernier|letzte woche|letzten monat|letztes jahr|w zeszlym tygodniu|w zeszlym roku|javen e kaluar|muajin e kaluar|vitin e kaluar|hangi gun|her gun|gecen hafta|gecen yil",
    "ho perso le chiavi|perso le chiavi|perse le chiavi|lost my keys|lost the keys|am pierdut cheile|pierdut cheile|perdi las llaves|perdi mis llaves|perdu mes cles|perdu les cles|schlussel verloren",
    "incontri nelle scuole|incontro nelle scuole|ha paura del terremoto|ha paura dei terremoti|paura del terremoto|scared of earthquakes|fire pit|firepit|fire pits|to buy|wood burner",
    "guardia medica e aperta|e aperta la guardia medica|guardia medica aperta|orari della guardia medica|orario della guardia medica|numero della guardia medica|is the hospital|the hospital emergency room|is the emergency room|emergency room in|where is the emergency room|emergency room open",
    "isee|el caf|un caf|el comune|me ayuda o|me ayudan con|ayuda economica|ayudas|subvencion|pedir el|pedir la|solicitar|tramite|formulario|certificado|empadronamiento|la mensa|el comedor",
    "ceneri del camino|ceneri|cenere|bidone dell umido|carbonizzat*|chi pulisce|chi lo pulisce|chi li ritira|chi la ritira|dove la porto|dove lo porto|where do i take|la copia del verbale|copia del verbale|adesso sta meglio|ora sta meglio",
    "ramaglie|sfalci|potature|erba tagliata|foglie secche|ingombranti|amianto|lastre|eternit",
    "e un test|solo un test|only a test|incendio finto|prova prova|test test|via del fuoco|carri di fuoco|sfilata|il bot e morto|bot e morto|portal crashed|iure sanguinis|cittadinanza|sono nato|ricevute|buoni libro|rent contribution|new lease|codice verde|quanto si aspetta|permisul de sedere|permesso di soggiorno|patente|evacuation route|when rain|mentow|gas cylinder|khaali gas|empty gas|accertamento di residenza|per un controllo|urgentissimo|voragine|la buca|ci ho lasciato una gomma|risarcisce|esposto|accompagnatore|reclamo|reclamation|ਸ਼ਿਕਾਇਤ|enrolment|enrollment|old school|got stolen|assistente|ingrijire la domiciliu|hausliche pflege|hilfe im haushalt|corsu|instalments|in rate|alla mensa|per il menu|ai messaggi|cosa le scrivo|cosa gli scrivo|non mi risponde ai|lo chiedo per sapere|non sta succedendo|la corrente|saltata la luce|in carossina|carrozzina|sedia a rotelle|wheelchair|nessun avviso|sistema di allerta",
    "punti di raccolta|c e un pianu|pianu d o comuni|выставка|музее|музей|ayer|cuando hubo|se escapo|el perro|ndihme sociale|nene e vetme",
    "batteria|batterie|battery|monopattino|power bank|powerbank + gonfiata|gonfiato|gonfia|swollen|si e gonfiata",
    "sta per esplodere|esplodera|esploda + il condizionatore|la testa|il telefono|la batteria|il frigo|il frigorifero",
    "condizionatore|la testa|il telefono|la batteria|il frigo|il frigorifero + sta per esplodere|esplodera|esploda",
    "il codice fiscale|codice fiscale di|tessera sanitaria di|carta d identita di|certificato di nascita di|la residenza di|iscrivere|iscrizione + mio figlio neonato|mia figlia neonata|il neonato|la neonata|il bimbo|la bimba",
    "cimenler|yilan gordum|yılan gördüm|bicilebilir|biçilebilir",
    "a voi saver prima|voglio sapere prima|vorrei sapere prima|cume a s fa|come si fa quando|come si fa quand|cosa si fa quando|per sapere prima",
    "natjecaj|opcina|opcine|opstina|opstine|nevoie de ajutor|ajutor acasa|ajutor de la|pomoc u kuci|pomoc od|daje pomoc|indirimi|sikayet|denuncio|donde lo denuncio|informe del|nereye|bilete|spectacolul|teatrul|dem get money|get money for|comune la|comune eken|caawimaad guriga|help kidaikkuma|seguro de hogar|seguro|assurance|versicherung|sigorta",
];

/// Signs that something is happening now: they keep weak rules in force despite a routine
/// context.
#[rustfmt::skip]
const URGENT: &[&str] = &[
    "since last night|since yesterday evening|da ieri sera non|da stanotte non",
    "ha vomitato|sta vomitando|ha appena vomitato|bloccata in casa|bloccato in casa|siamo bloccati|sono bloccata|sono bloccato|intrappolata|intrappolato|we re trapped|we are trapped|i m trapped|i am trapped",
    "proprio adesso|proprio ora|in questo momento|subito per favore|subito vi prego|qui subito|chiamate subito|mandate subito|serve subito|correte subito|subito subito|presto|correte|venite subito|venite presto|venite qui|venite vi prego|venite per favore|venite ad aiutar*|aiuto aiuto|aiuto presto|aiuto correte|aiuto vi prego|vi prego aiuto|chiedo aiuto|aiutatemi|aiutami|sos|e urgente|aiuto urgente|urgente aiuto|urgentissimo|sta succedendo|sta accadendo",
    "ma ora|ma adesso|ma in realta|anzi no|lascia stare|non importa|but now|but actually|forget it|never mind|oddio|o dio|cavolo|accidenti|mamma mia|porca miseria|oh no|oh my god|omg",
    "e ancora dentro|sono ancora dentro|e ancora li dentro|sono ancora li dentro|e ancora intrappolat*|sono ancora intrappolat*|e ancora sotto|sono ancora sotto|ancora in casa|ancora dentro|still inside|still in the house|still trapped|still here",
    "adesso + c e|ce|brucia|bruciando|esce|escono|entra|entrando|arriva|arrivando|vedo|sento|sentiamo|vediamo",
    "c e|ce|brucia|bruciando|esce|escono|entra|entrando|arriva|arrivando + adesso",
    "e appena crollat*|e appena caduto|e appena caduta|appena successo|appena accaduto|just happened|just collapsed",
    "right now|hurry|quick|help me|help us|please help|someone help|send help|it s urgent|its urgent|urgent help",
    "ma intanto|cmq intanto|comunque intanto|pero intanto|intanto qui|intanto in casa|intanto c e|aspetti|aspetta aspetta|aspettate|scusate un attimo|scusi un attimo|oh wait|wait wait|hold on|meanwhile|in the meantime|non si spegne|non riesco a spegnerl*|won t go out|can t put it out",
    "ma prima|pero prima|prima pero|but first|sta bruciando|stanno bruciando|brucia ancora|bruciano ancora|sta prendendo fuoco|stanno prendendo fuoco|il fuoco sta prendendo|still burning|is burning now|catching fire",
    "le fiamme hanno preso|le fiamme stanno prendendo|il fuoco ha preso|il fuoco sta prendendo|the flames have reached|the flames are reaching|flames caught",
    "non sappiamo dove andare|non so dove andare|nn sappiamo dove andare|we don t know where to go|i don t know where to go",
    "lasciate stare|lasciate perdere|lascia perdere|lasciamo stare|lasciamo perdere|siamo sul tetto|siamo saliti sul tetto|we re on the roof|we are on the roof|intanto a casa|intanto da noi|intanto da me",
    "ps|p s|ps ps + sento|vedo|c e|ce|stanno|sta|hanno|sentiamo|vediamo",
    "doesn t matter actually|doesnt matter actually|never mind actually|non importa piu|lasciamo perdere",
    "a minute ago|a few minutes ago|minutes ago|un minuto fa|pochi minuti fa|qualche minuto fa|just now",
    "mandate qualcuno|mandate subito qualcuno",
    "le fiamme stanno|il fuoco sta arrivando|stanno arrivando alle finestre|arrivano alle finestre|sta arrivando alle case|arrivano alle case|non riesco a spegnere|non riusciamo a spegnere",
    "chiamate i pompieri|chiamate li pompieri|chiamate er pompieri|chiamate l ambulanza|chiamate un ambulanza|chiamate i vigili del fuoco|call the fire brigade|call an ambulance|call the ambulance",
    "fumo nero|fiamme altissime|fiamme alte",
];

/// A danger that is over, or only supposed: dated ("l'anno scorso", "months ago"), supposed ("se
/// ci fosse", "in case of"), or spoken of through its aftermath (an appeal against a fine, the
/// rubble to throw away). A finding of a physical danger (fire, flood, an accident...) is set
/// aside, even by a strong rule, when such a phrase is within a few words of it ([`OVER_NEAR`])
/// and the message shows no urgency. Self-harm, violence and a child in danger are never set
/// aside by it.
#[rustfmt::skip]
const OVER: &[&str] = &[
    "durante l alluvione|durante l incendio|durante il terremoto|durante la frana|during the flood|during the fire|during the earthquake",
    "dopo l allagamento|dopo l alluvione|dopo l incendio|dopo il terremoto|dopo la frana|dopo la piena|after the flood|after the fire|after the earthquake|reopen*|riapert*|riapre|open again|aperto di nuovo|aperta di nuovo",
    "l anno scorso|anno scorso|mese scorso|mesi fa|due anni fa|tre anni fa|qualche anno fa|tanti anni fa|molti anni fa|pochi anni fa|2 anni fa|3 anni fa|4 anni fa|5 anni fa|10 anni fa|settimane fa|l altra notte|l altra sera|l altro giorno|last autumn|last fall|last spring|settimana scorsa|estate scorsa|inverno scorso|autunno scorso|primavera scorsa",
    "non e caduto|nn e caduto|non e ancora caduto|non e crollato|nn e crollato|sembra pronto a|pronto a crollare|pronto a cadere|hasn t fallen|has not fallen|about to fall",
    "c e un piano|piano per i residenti",
    "se scoppia|chi da l ordine|ordine di evacuare|chi decide l evacuazione|who orders the evacuation",
    "un mese fa|una settimana fa|due settimane fa|un anno fa|giorni fa|l altra settimana|altra settimana|a month ago|a week ago|a year ago|days ago",
    "mese passato|anno passato|settimana passata|se ci fosse|se dovesse|se scoppiasse|se succedesse|nel caso di|in caso di|punto di raccolta|area di accoglienza|area di attesa",
    "last year|last month|last week|months ago|years ago|weeks ago|last summer|last winter",
    "in case of|if there were|what if|meeting point|since the|ever since|damaged in the|damaged by the|was damaged|were damaged",
    "non vorrei|se uno|anche se uno|se qualcuno|lo chiedo per|in case someone|if someone|se c e|se viene|se arriva|dove andare|dove si va|piano di evacuazione|prima o poi|un giorno o l altro|faccio ricorso|fare ricorso|contestare|mi ha multato|multato mentre|detriti|macerie da|dove butto|dove si butta",
    "if the river floods|if there s a flood|if there is a flood|evacuation plan|where do we go|where should we go|sooner or later|one of these days|contest it|appeal the fine|fined me|which bin|recycling centre|recycling center",
    "a gennaio|a febbraio|a marzo|ad aprile|a maggio|a giugno|a luglio|ad agosto|a settembre|a ottobre|a novembre|a dicembre|di gennaio|di febbraio|di marzo|di aprile|di maggio|di giugno|di luglio|di agosto|di settembre|di ottobre|di novembre|di dicembre",
    "who is responsible|responsible for repairs|chi e responsabile|chi deve riparare|chi lo ripara|chi la ripara|quando lo sistemate|quando la sistemate|smaltisco|smaltirli|smaltirlo|come li smaltisco|how do i dispose|how do i report|where do i report|come lo denuncio|come faccio la denuncia|sporgere denuncia|nearly choked|almost choked|nearly drowned|almost drowned|quasi soffocat*|quasi affogat*|abbiamo svuotato|svuotato la|ritiro straordinario|prenotare un ritiro|mobili fradici|danneggiat* dalla|danneggiat* dalle|danneggiat* dai|danneggiat* da",
    "nel|del|dal|of|in + 195*|196*|197*|198*|199*|200*|201*|202*",
    "ricostruzione|ricostruire|ricostruit*|rebuild*|reconstruction|gara d appalto|documenti di gara|tender|quanti morti|ci furono|how many died",
    "last night|the other night|was set on fire|were set on fire|melted|ho letto di|ho letto che|ho sentito di|in un altro comune|in another town|i read about|sul giornale|what to do if|cosa fare se|what should i do if|what do we do if|if he has a|if she has a|se gli viene|se le viene|se ha una crisi|piano di emergenza|emergency plan",
    "cosa si fa se|cosa faccio se|cosa facciamo se|come mi comporto se|come ci comportiamo se",
    "se durante|durante un allerta|durante l allerta|voglio essere preparat*|per essere preparat*|to be prepared",
    "ho sentito dire|e vero che|i heard that|is it true",
    "puo crollare|potrebbe crollare|rischia di crollare|possa crollare|could collapse|might collapse",
    "danneggiat* dal|danneggiat* dall|lesionat* dal|lesionat* dall|a natale|a capodanno|a pasqua|a ferragosto|quell incidente|quell incendio|quel terremoto|quell alluvione",
    "hanno dato fuoco|gli hanno dato fuoco|e tutto sciolto|tutto sciolto|sciolto|sciolta|ne mettete uno nuovo|ne mettete un altro|set fire to|burnt out|burned out",
    "last january|last february|last march|last april|last may|last june|last july|last august|last september|last october|last november|last december|ha gia avuto|ha avuto in passato|already had|has had one|rimasta chiusa per|rimasto chiuso per|closed because of the|closed for the",
    "punto raccolta|punti di raccolta|en caso de|punto de encuentro|en cas de|im falle|im fall eines|in caz de",
    "em caso de|o que fazer em caso|si vene o|se vene o|si venesse",
    "what do i do if|what do i do in case|if there s ever|if there is ever|asking in general|puntu di raccolta|si c e u terremotu|si veni u terremotu|na wypadek|w razie|ita depu fai|ite depo fagher|ite depimus faghere|where we suppose|if earthquake come|if flood come",
    "в прошлом месяце|минулого місяця|l an passa|l an passà|l annu passatu|l annu scorsu|l annu passau|l3am li fat|l3am li daz|ano passado|no ano passado|el ano pasado|l an dernier|l annee derniere|letztes jahr|w zeszlym roku|w zeszłym roku|anul trecut|vitin e kaluar|минулого року|в прошлом году",
    "after my accident|after his accident|after her accident|since my accident|since his accident|since her accident|dopo il mio incidente",
    "dead battery|battery is dead|change the battery|batteria scarica|pila scarica|cambiare la pila|cambiare la batteria",
    "lunedi scorso|martedi scorso|mercoledi scorso|giovedi scorso|venerdi scorso|sabato scorso|domenica scorsa|last monday|last tuesday|last wednesday|last thursday|last friday|last saturday|last sunday",
    "due overdose|tre overdose|piu overdose|dopo anni di droga|uscito dal serd|uscita dal serd|out of rehab",
    "documentario|documentari|documentary|documentaries|ho visto un film",
    "ho sentito che|e monitorata|e monitorato|monitoraggio|going to get run over|gonna get run over|will get run over|before someone gets|someone s going to get|someone is going to get|qualcuno si fara male|finira sotto una macchina|da mesi|da anni|for months|for years|chi devo avvisare|who should i tell",
    "the crash on|the accident on|the fire on|the flood on|last weekend|lo scorso weekend|lo scorso fine settimana|il weekend scorso|lo scorso week end",
    "apres l incendie|apres l inondation|apres le seisme|apres le tremblement de terre|despues del incendio|despues de la inundacion|despues del terremoto|nach dem brand|nach dem hochwasser|nach dem erdbeben|dupa incendiu|dupa inundatie|dupa cutremur|pas zjarrit|pas permbytjes|pas termetit|depois do incendio|depois da enchente|depois do terremoto",
    "after a burglary|after the burglary|after a break in|after the break in|dopo il furto|dopo un furto",
    "mi sono trasferit*|ci siamo trasferit*|we moved out|i moved out|nel verbale|nel rapporto|in the report|in the police report|escombros|quien los recoge|quien lo recoge",
    "am auzit ca|a fost evacuata|a fost evacuat|dupa un accident|am fost in spital",
    "a fost evacuata|a fost evacuat",
    "so she doesn t|so he doesn t|so she doesnt|so he doesnt|so they don t|per evitare|to avoid|to prevent|per prevenire|almost crashed|nearly crashed|quasi fatto un incidente|per poco non|quasi un incidente|stavano per fare un incidente",
    "after the + factory fire|warehouse fire|house fire|building fire|shop fire|school fire|fire at the|flood in",
    "in january|in february|in march|in april|in may|in june|in july|in august|in september|in october|in november|in december",
    "nearly hit|almost hit|nearly ran over|almost ran over|almost skidded|nearly skidded|every time it rains|ogni volta che piove|whenever it rains",
    "depuis l accident|depuis son accident|desde el accidente|seit dem unfall|accident ke baad|accident ke bad|got evicted|evicted after|sfrattat*",
    "where can i dump|dump the rubble|rubble from|um dia alguem vai|alguem vai ser atropelado|vai ser atropelado|destroyed in the|a brule dans|dans l incendie du|dans l incendie de",
    "resturi de la|restos de um|restos de un|restos del|resti dell incendio|remains of the fire|debris from the fire|had a hypo at school|once at school|at school once",
    "ora vive|adesso vive|now she lives|now he lives|ora stiamo|now we live|ahora vivimos|acum locuim|daba ana m3a|আলাদা থাকি",
    "la semana pasada|ahora esta bien|ya esta bien|noong isang taon|noong nakaraang|weer wi weesu|leegi mu ngi baax|a 1 anno|a 2 anni|a 3 anni|a 4 anni|a 5 anni|a due anni|a tre anni|da piccolo|da piccola",
    "se un bambino ha|se un bimbo ha|se mio figlio ha|se mia figlia ha|if a child has|if my son has|if my daughter has|deal with kids choking|deal with choking|how do they deal with|ila khlitha|ila khlitih|t9der tched",
    "w styczniu|w lutym|w marcu|w kwietniu|w maju|w czerwcu|w lipcu|w sierpniu|we wrzesniu|w pazdzierniku|w listopadzie|w grudniu|dofinansowanie",
    "dove se buta|se buta|quasi mi investivano|quasi mi investiva|mi hanno quasi investito|quasi investit*|acum doi ani|acum un an|acum trei ani|luna trecuta|saptamana trecuta|acum cateva luni",
    "adesso e asciutto|ora e asciutto|ieri col temporale|col temporale di ieri|la notte scorsa|notte scorsa|pe poco|aiere|ajere|in grecia|in turchia|in un altro paese|si e sentito anche qui|l avete sentito|al tg|chissa se",
    "da gennaio|da febbraio|da marzo|da aprile|da maggio|da giugno|da luglio|da agosto|da settembre|da ottobre|da novembre|da dicembre",
    "paura che un giorno|maintenant il est|maintenant elle est|a eu un accident|il y a 2 ans|il y a deux ans|il y a un an|il y a trois ans|da ultima vez|quase pegou fogo",
    "sapete se ci sono stati|ci sono stati morti|ci sono stati feriti|dopo un incidente|ho sentito al bar|hanno arrestato|arrestato per|arrested for|questo mese|this month",
    "setemane passade|nissun fer|nissun ferit|d ottobre|d agosto|d aprile|alluvionat*|siamo stati chiusi|quando si e allagato|ci ridate|da tre settimane|da due settimane|pare c ha fatte",
    "a settembri|a ottobri|a nuvembri|a dicembri|a jinnaru|a frivaru|a marzu|a aprili|a maju|a giugnu|a giugnettu|a austu|quannu c e|quannu ce|negli anni|anni 60|anni 50|anni 70|anni 80|anni 90",
    "devo cambiare indirizzo|cambiare indirizzo|la vecchia casa|dopu l incendiu|dopu l alluvioni|dopu u terremotu|sequestratu|sequestrato|ha rischiato di essere|rischiato di essere investit*",
    "int a rapina|nella rapina|durante la rapina|in the robbery|bruciato nell incendio|bruciata nell incendio|nell incendio del|prima di l alluvioni|prima dell alluvione|ricostruiri|bandu|a aprile|a agosto|a ottobre|accesso agli atti|avvenuto nel|avvenuta nel",
    "the burglars smashed|the burglars broke|di ieri|di ieri sera|dell altro giorno|at school yesterday|yesterday because|fainted yesterday|during the last|during the heatwave|durante l ultima|bus route|school bus route",
    "carbonizzat*|chi pulisce|debris from|in the storm|during the storm|nel temporale|col temporale|hit by the earthquake|hit by the flood|colpit* dal terremoto|colpit* dall alluvione|keeps setting fire|keep setting fire|continuano a dare fuoco|continua a dare fuoco",
    "پڑا تھا|اب گھر پر|paralysed|paralyzed|paralizzat*|amoon|kenn gaaju|de la un incendiu|كاد|كادت|gecen gun|geçen gün|gecen yil|geçen yıl|gecen hafta|geçen hafta|ginaaw",
    "shikayat|kal ik|pichle saal|pichhle saal|shang zhou|mei ren shou shang|meiren shoushang|despues de terremotos|ayude despues|por theke|korar por|hat sich gestern|gestern daran|ትማሊ",
    "acum doua luni|acum două luni|acum o luna|gecen ay|geçen ay|letzten monat|letzte woche|letztes wochenende|noong isang linggo|kahapon|gato mashe|gato bochor",
    "mo sta bbona|ora sta bene|adesso sta bene|now he s fine|now she s fine|adesso sta meglio|ma adesso sta meglio|ora sta meglio",
    "ho avuto incidente|ho avuto un incidente|avuto incidente|avuto infarto|avuto un infarto|infarto due volte|prova di terremoto|prova del terremoto|l an pasa|una vorta|na vorta|quest estate|in estate|mi picchiava|che mi picchiava|me ne sono andata|me ne so andata|tutti bene per fortuna|nel video di|in un video",
    "sanad ka hor|prosli mesec|prosli mjesec|prosle godine|prosle nedelje|persi|миналия месец|миналата година|ሓሊፉ ወርሒ|ዝሓለፈ ወርሒ|ቅድሚ ክልተ ዓመት|mes pasado|el mes pasado|del mes pasado|varusham aachu|oru varusham|giya awurudde|awurudde|ਪਛਲ ਮਹਨ|gecen yil|gecen ay|anul trecut|luna trecuta|depuis 3 jours|depuis trois jours|il y a un an|l annee derniere|le mois dernier|last year|a year ago|two years ago",
];

/// A message about the aftermath as a whole (an appeal against a fine, a refund, a warranty):
/// with no sign of urgency, the physical dangers it tells of are over, however far apart the
/// words ("ricorso contro la multa: ero in doppia fila per soccorrere un signore svenuto").
#[rustfmt::skip]
const AFTERMATH: &[&str] = &[
    "ero testimone|ero il testimone|ero la testimone|fare da testimone|firmare la dichiarazione|rilasciare la testimonianza|la mia testimonianza|i was a witness|as a witness|witness statement",
    "ricorso contro|fare ricorso|faccio ricorso|presentare ricorso|ricorso al giudice|contestare la multa|contestare il verbale|contesto la multa|annullare la multa|appeal the fine|appeal against|contest the fine|rimborsarmi|risarcirmi|mi rimborsa|mi risarcisce|in garanzia|la garanzia|refund me|under warranty|prenotare il ritiro|ritiro ingombranti|ritiro degli ingombranti|ritiro dei mobili|prenoto il ritiro|bulky waste|bulky items|dalla tari|sulla tari|togliere quei metri|riduzione della tari|riduzione tari|from the tari|off the tari",
    "per fortuna niente|x fortuna niente|per fortuna nulla|per fortuna sta bene|fortunately nothing|luckily nothing|luckily he s fine|luckily she s fine",
    "reclamo formale|fare un reclamo|faccio un reclamo|presentare un reclamo|sporgere reclamo|la mia segnalazione|formal complaint|file a complaint|my complaint|ora sta bene|adesso sta bene|ora sto bene|adesso sto bene|ora e guarit*|sono guarit*|ora stanno bene|is fine now|is ok now|i m fine now|recovered|e stato ricoverato|e stata ricoverata|dopo il ricovero|dimess* dal|dimess* dall|uscit* dall ospedale|discharged from|inagibil*|pagare lo stesso|pago lo stesso|si paga lo stesso|still have to pay|uninhabitable",
    "per rifarla|per rifarlo|rifare la carta|rifare la cie|rifare il documento|rifare i documenti|to replace my|replace my passport|replace my id",
    "esenzione|esente|exemption|exempt",
    "cambiare residenza|cambio di residenza|cambio residenza|ora abito da|adesso abito da|now living with|now i live with",
    "dove la porto a smaltire|dove lo porto a smaltire|dove li porto a smaltire|dove le porto a smaltire|portarla a smaltire|portarlo a smaltire|where do i dispose of",
    "do i still pay|do i still have to pay|still pay|destroyed by a|destroyed by the|distrutta dalla|distrutto dalla|distrutta da una|distrutto da una",
    "accompagnarlo alle visite|accompagnarla alle visite|alle visite in centro|mi ha multato per|multato per|come lo dimostro|adesso sta meglio|ora sta meglio|verbale dell incidente|copia del verbale",
    "devo pagare la tari|pagare la tari per|pagare l imu per|do i have to pay the tari|pay tari for",
    "ci tocca pagare|ancora ci tocca|tocca pagare|stata rimossa|e stata rimossa|carro attrezzi|dove la ritiro|ho ancora la residenza|come la sposto",
    "cezasi|cezası|yol vermek icin|yol vermek için",
    "mo sta bbona|mo sta bbono|se po fa ricorso|fa ricorso",
    "cambio d indirizzo|cambio indirizzo|distrutta dall|distrutto dall|casa distrutta|casa crollata|la casa vecchia",
    "in che bidone|quale bidone|che bidone|da smaltire|isola ecologica|ingombranti",
];

/// Whether a message supposes or dates a danger without a sign of urgency ("prima o poi cade",
/// "last year"): the learned check then leaves physical dangers aside, as the rules do.
pub(super) fn not_danger_context(text: &str) -> bool {
    let layer = &*LAYER;
    layer.not_danger.matches(text) && !layer.too.matches(text)
}

pub(super) fn supposed_context(text: &str) -> bool {
    let layer = &*LAYER;
    !layer.supposed.find(&layer.supposed.scan(text)).is_empty() && !urgent_context(text)
}

/// Whether the message laughs or speaks in an idiom ([`JOKE`]) and does not say it is serious.
pub(super) fn joke_context(text: &str) -> bool {
    let layer = &*LAYER;
    layer.joke.matches(text) && !layer.serious.matches(text)
}

/// Whether the message names a danger as a subject ([`SUBJECT`]): "prevenzione del suicidio".
pub(super) fn subject_context(text: &str) -> bool {
    LAYER.subject.matches(text)
}

/// Whether the message says the danger is happening now ("proprio ora", "help me").
pub(super) fn urgent_context(text: &str) -> bool {
    let layer = &*LAYER;
    !layer.urgent.find(&layer.urgent.scan(text)).is_empty()
}

/// The dating and supposing phrases of [`OVER`] that hold for a whole message.
#[rustfmt::skip]
const SUPPOSED: &[&str] = &[
    "non e caduto|nn e caduto|non e ancora caduto|non e crollato|nn e crollato|sembra pronto a|pronto a crollare|pronto a cadere|hasn t fallen|has not fallen|about to fall",
    "prima o poi|un giorno o l altro|se ci fosse|se dovesse|in caso di|nel caso di|pericolant*|potrebbe cadere|rischia di cadere|l anno scorso|anni fa|mesi fa",
    "sooner or later|one of these days|in case of|if there were|what if|could fall on|might fall on|last year|years ago|months ago",
    "cosa si fa se|cosa faccio se|cosa facciamo se|come mi comporto se|se durante|durante un allerta|voglio essere preparat*|ho sentito dire|puo crollare|potrebbe crollare|rischia di crollare|could collapse|might collapse|to be prepared",
    "e tutto sciolto|tutto sciolto|ne mettete uno nuovo|ne mettete un altro|burnt out|burned out",
    "punto raccolta|en caso de|punto de encuentro|en cas de|im falle|in caz de",
    "em caso de|o que fazer em caso|si vene o|se vene o|si venesse",
    "what do i do if|what do i do in case|if there s ever|if there is ever|asking in general|puntu di raccolta|si c e u terremotu|si veni u terremotu|na wypadek|w razie|ita depu fai|ite depo fagher|ite depimus faghere|where we suppose|if earthquake come|if flood come",
    "ho sentito che|e monitorata|e monitorato|monitoraggio|going to get run over|gonna get run over|will get run over|before someone gets|someone s going to get|someone is going to get|qualcuno si fara male|finira sotto una macchina|da mesi|da anni|for months|for years|chi devo avvisare|who should i tell",
];

/// How many words may separate a dating or supposing phrase from the danger it dates: in a long
/// message, "l'anno scorso" about the tax does not date the gas smelt now.
const OVER_NEAR: usize = 6;

/// Whether a span of words lies inside another.
fn within(inner: (usize, usize), outer: (usize, usize)) -> bool {
    outer.0 <= inner.0 && inner.1 <= outer.1
}

fn words_apart(a: (usize, usize), b: (usize, usize)) -> usize {
    a.0.saturating_sub(b.1).max(b.0.saturating_sub(a.1))
}

struct Layer {
    rules: Lexicon<Tag>,
    serious: Lexicon<()>,
    not_danger: Lexicon<()>,
    too: Lexicon<()>,
    subject: Lexicon<()>,
    past_attempt: Lexicon<()>,
    place_or_papers: Lexicon<()>,
    joke: Lexicon<()>,
    over: Lexicon<()>,
    aftermath: Lexicon<()>,
    supposed: Lexicon<()>,
    routine: Lexicon<()>,
    urgent: Lexicon<()>,
}

static LAYER: LazyLock<Layer> = LazyLock::new(|| Layer {
    rules: Lexicon::new(rules::all().map(|&(kind, strength, lang, rule)| {
        (
            rule,
            Tag {
                kind,
                strength,
                lang,
            },
        )
    })),
    routine: Lexicon::new(ROUTINE.iter().map(|&r| (r, ()))),
    not_danger: Lexicon::new(NOT_DANGER.iter().map(|&r| (r, ()))),
    too: Lexicon::new(TOO.iter().map(|&r| (r, ()))),
    subject: Lexicon::new(SUBJECT.iter().map(|&r| (r, ()))),
    past_attempt: Lexicon::new(PAST_ATTEMPT.iter().map(|&r| (r, ()))),
    place_or_papers: Lexicon::new(PLACE_OR_PAPERS.iter().map(|&r| (r, ()))),
    joke: Lexicon::new(JOKE.iter().map(|&r| (r, ()))),
    serious: Lexicon::new(SERIOUS.iter().map(|&r| (r, ()))),
    over: Lexicon::new(OVER.iter().map(|&r| (r, ()))),
    aftermath: Lexicon::new(AFTERMATH.iter().map(|&r| (r, ()))),
    supposed: Lexicon::new(SUPPOSED.iter().map(|&r| (r, ()))),
    urgent: Lexicon::new(URGENT.iter().map(|&r| (r, ()))),
});

/// Builds the lexicons and trains the learned check now rather than on the first citizen
/// message.
pub fn warm_up() {
    LazyLock::force(&LAYER);
    LazyLock::force(&LEARNED);
}

/// Whether a message describes a person in danger, and which kind of danger.
pub fn detect(text: &str) -> Option<Alarm> {
    assess(text).filter(|a| a.sure)
}

/// [`detect`], and also a danger that is only possible (`sure` false).
pub fn assess(text: &str) -> Option<Alarm> {
    detect_by_rules(text).or_else(|| learned(text))
}

/// The rules alone, without the learned check: the whole message, then each of its sentences
/// alone, so that a danger told after a routine question ("volevo chiedere della TARI... mio
/// marito è caduto e non si muove") is not set aside by the question's words.
pub fn detect_by_rules(text: &str) -> Option<Alarm> {
    rules_on(text, text, true).or_else(|| {
        let sentences = sentences(text);
        if sentences.len() < 2 || settled(text) {
            return None;
        }
        // Alone, a sentence keeps the routine context of the whole message (weak rules stay set
        // aside by it), and a bare cry counts only as the last sentence, or before pleas alone:
        // "URGENTE! la carta scade domani" is a routine question, "volevo chiedere della TARI.
        // aiutatemi. vi prego" is not.
        let layer = &*LAYER;
        let last_said = sentences
            .iter()
            .rposition(|s| !cry::only_fillers(&layer.rules.scan(s)))
            .unwrap_or(0);
        sentences
            .iter()
            .enumerate()
            .find_map(|(i, sentence)| rules_on(sentence, text, i >= last_said))
    })
}

/// Words anywhere in a message that put its danger out of the present (a date, a subject, a
/// joke, a past attempt, "nobody is hurt"): then its sentences are not read alone. An aftermath
/// ("ritiro ingombranti", "ricorso contro") is read in each sentence alone instead, so a danger
/// told after a question about one is still heard.
fn settled(text: &str) -> bool {
    let layer = &*LAYER;
    not_danger_context(text)
        || joke_context(text)
        || layer.over.matches(text)
        || layer.subject.matches(text)
        || layer.past_attempt.matches(text)
}

/// The sentences of a message: split after `.`, `!`, `?`, `…` and line breaks, those with a
/// letter in them.
fn sentences(text: &str) -> Vec<&str> {
    text.split(['.', '!', '?', '…', '\n', '。', '！', '？', '؟', '।'])
        .map(str::trim)
        .filter(|p| p.chars().any(char::is_alphabetic))
        .collect()
}

/// The rules on one text, with the routine context read in `context` (the text itself, or the
/// whole message of a sentence); a bare cry is read when `cry`.
fn rules_on(text: &str, context: &str, cry: bool) -> Option<Alarm> {
    let layer = &*LAYER;
    let scan = layer.rules.scan(text);
    let mut found = layer.rules.find_all(&scan);
    if !found.is_empty() && not_danger_context(text) {
        found.retain(|f| matches!(f.value.kind, Kind::SelfHarm | Kind::Child));
    }
    if !found.is_empty() {
        let subjects = layer.subject.find_all(&layer.subject.scan(text));
        if !subjects.is_empty() {
            found.retain(|f| !subjects.iter().any(|s| within(f.span, s.span)));
        }
    }
    if !found.is_empty() && joke_context(text) {
        found.clear();
    }
    let mut routine = lazy_bool(|| !layer.routine.find(&layer.routine.scan(context)).is_empty());
    let mut urgent = lazy_bool(|| urgent_context(text));
    if found.iter().any(|f| f.value.kind == Kind::SelfHarm) {
        let attempts = layer.past_attempt.find_all(&layer.past_attempt.scan(text));
        if !attempts.is_empty() && routine() && !urgent() {
            found.retain(|f| {
                f.value.kind != Kind::SelfHarm || !attempts.iter().any(|a| within(f.span, a.span))
            });
        }
    }
    if !found.is_empty() {
        let over = layer.over.find_all(&layer.over.scan(text));
        let after = !over.is_empty() || layer.aftermath.matches(text);
        if after && !urgent() {
            let whole = layer.aftermath.matches(text);
            let near = |f: &Found<'_, Tag>| {
                over.iter()
                    .any(|p| words_apart(p.span, f.span) <= OVER_NEAR)
            };
            let mut papers = lazy_bool(|| layer.place_or_papers.matches(text));
            found.retain(|f| match f.value.kind {
                Kind::SelfHarm | Kind::Child => true,
                Kind::Violence => !(near(f) && papers()),
                _ => !(whole || near(f)),
            });
        }
    }
    let best = pick(&found, routine, urgent);
    if let Some(f) = best {
        return Some(Alarm {
            kind: f.value.kind,
            lang: f.value.lang,
            rule: f.rule,
            sure: true,
        });
    }
    // A command (`/emergenza`, `/help`) is not a cry for help: the engine answers it.
    if text.trim_start().starts_with('/') {
        return None;
    }
    han_danger(text).or_else(|| cry::bare_cry(&scan).filter(|_| cry))
}

/// Dangers written in Chinese characters, which come as one word per run of characters: the
/// words are looked for inside the message.
#[rustfmt::skip]
const HAN_DANGER: &[(&str, Kind)] = &[
    ("晕倒", Kind::Medical), ("叫不醒", Kind::Medical), ("不呼吸", Kind::Medical), ("没有呼吸", Kind::Medical),
    ("昏迷", Kind::Medical), ("心脏病发", Kind::Medical), ("流血不止", Kind::Medical), ("噎住", Kind::Medical),
    ("着火", Kind::Fire), ("失火", Kind::Fire), ("火灾", Kind::Fire), ("浓烟", Kind::Fire),
    ("煤气味", Kind::Gas), ("漏气", Kind::Gas), ("燃气泄漏", Kind::Gas), ("煤气泄漏", Kind::Gas),
    ("水涌进", Kind::Flood), ("涌进来", Kind::Flood), ("进水", Kind::Flood), ("淹水", Kind::Flood), ("被淹", Kind::Flood), ("洪水", Kind::Flood),
    ("倒塌", Kind::Collapse), ("塌了", Kind::Collapse), ("压在下面", Kind::Collapse),
    ("车祸", Kind::Accident), ("被车撞", Kind::Accident), ("撞倒", Kind::Accident),
    ("打我", Kind::Violence), ("要杀", Kind::Violence), ("家暴", Kind::Violence), ("拿着刀", Kind::Violence),
    ("小偷", Kind::Intrusion), ("有人闯进", Kind::Intrusion), ("撬门", Kind::Intrusion),
    ("自杀", Kind::SelfHarm), ("不想活", Kind::SelfHarm), ("结束生命", Kind::SelfHarm),
    ("孩子不见", Kind::Child), ("孩子丢", Kind::Child), ("孩子走丢", Kind::Child), ("找不到孩子", Kind::Child),
    ("救命", Kind::Help), ("救救我", Kind::Help),
    ("燃气味", Kind::Gas), ("一氧化碳", Kind::Gas), ("淹了", Kind::Flood), ("锁在车里", Kind::Child),
    ("摔倒", Kind::Medical), ("没反应", Kind::Medical), ("流了很多血", Kind::Medical), ("安眠药", Kind::SelfHarm), ("想死", Kind::SelfHarm),
    ("墙倒了", Kind::Collapse), ("压住", Kind::Collapse), ("拿刀", Kind::Violence), ("威胁", Kind::Violence), ("撬", Kind::Intrusion),
    ("孩子…被打", Kind::Child),
    ("玻璃碎", Kind::Intrusion), ("有人在客厅", Kind::Intrusion), ("躲在", Kind::Intrusion),
    ("水淹", Kind::Flood), ("淹进", Kind::Flood), ("漫进", Kind::Flood), ("水涨", Kind::Flood),
    ("说话不清", Kind::Medical), ("脸歪", Kind::Medical), ("胸口很痛", Kind::Medical), ("胸口痛", Kind::Medical), ("躺着不动", Kind::Medical),
    ("山体滑坡", Kind::Collapse), ("滑坡", Kind::Collapse), ("埋了", Kind::Collapse),
    ("相撞", Kind::Accident), ("撞了", Kind::Accident),
    ("孩子…不见了", Kind::Child), ("小孩…不见了", Kind::Child), ("小孩…一个人", Kind::Child), ("孩子…一个人", Kind::Child), ("没有大人", Kind::Child),
    ("天花板鼓", Kind::Collapse), ("走丢了", Kind::Child), ("水进到", Kind::Flood), ("出不去", Kind::Flood),
    ("天花板…掉灰", Kind::Collapse),
    ("裂缝…越来越大", Kind::Collapse),
    ("黑烟", Kind::Fire), ("冒烟", Kind::Fire), ("全是烟", Kind::Fire),
];

/// A past or a settled matter named in Chinese characters: last year, last month, last week,
/// before, last time, yesterday, "everyone is fine", "do I still have to pay", a warning to
/// subscribe to, a pick-up to book.
const HAN_PAST: &[&str] = &[
    "去年",
    "上个月",
    "上周",
    "以前",
    "上次",
    "昨天",
    "没事",
    "还要交",
    "预警",
    "订阅",
    "预约",
];

fn han_danger(text: &str) -> Option<Alarm> {
    if !text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        || HAN_PAST.iter().any(|p| text.contains(p))
    {
        return None;
    }
    // "孩子…不见了": each part, in this order.
    let found = |word: &str| {
        let mut rest = text;
        word.split('…').all(|part| match rest.find(part) {
            Some(at) => {
                rest = &rest[at + part.len()..];
                true
            }
            None => false,
        })
    };
    let &(word, kind) = HAN_DANGER.iter().find(|(w, _)| found(w))?;
    Some(Alarm {
        kind,
        lang: None,
        rule: word,
        sure: true,
    })
}

/// Whether routine context without urgency sets a weak finding aside: the same test applies to
/// the emergency words a Comune adds in its emergency flow.
pub fn routine_context(text: &str) -> bool {
    let layer = &*LAYER;
    !layer.routine.find(&layer.routine.scan(text)).is_empty() && !urgent_context(text)
}

fn lazy_bool(f: impl FnOnce() -> bool) -> impl FnMut() -> bool {
    let mut f = Some(f);
    let mut value = false;
    move || {
        if let Some(f) = f.take() {
            value = f();
        }
        value
    }
}

/// The most serious finding that counts: strong ones always; weak ones unless the routine
/// context says otherwise. Kinds are ordered by how much a wrong answer would cost.
fn pick<'a>(
    found: &'a [Found<'a, Tag>],
    mut routine: impl FnMut() -> bool,
    mut urgent: impl FnMut() -> bool,
) -> Option<&'a Found<'a, Tag>> {
    let mut weak_allowed: Option<bool> = None;
    let mut best: Option<&Found<'a, Tag>> = None;
    for f in found {
        if f.value.strength == Weak {
            let allowed = *weak_allowed.get_or_insert_with(|| !routine() || urgent());
            if !allowed {
                continue;
            }
        }
        let better = match best {
            None => true,
            Some(b) => {
                (f.value.kind, f.value.strength == Weak) < (b.value.kind, b.value.strength == Weak)
            }
        };
        if better {
            best = Some(f);
        }
    }
    best
}

/// Every built-in rule, as written, with its kind (for `docs/safety.md` and the tests).
pub fn rules() -> impl Iterator<Item = (Kind, &'static str)> {
    rules::all().map(|&(kind, _, _, rule)| (kind, rule))
}

#[cfg(test)]
mod tests {
    use super::{Kind, assess, detect};

    fn kind(text: &str) -> Option<Kind> {
        detect(text).map(|a| a.kind)
    }

    /// Each text is recognised as its kind.
    /// The rules alone, without the learned check, find each case's kind.
    fn assert_rule_kinds(cases: &[(&str, Kind)]) {
        for &(text, expected) in cases {
            assert_eq!(
                super::detect_by_rules(text).map(|a| a.kind),
                Some(expected),
                "{text}"
            );
        }
    }

    /// None of these messages raises the alarm.
    fn assert_no_alarm(texts: &[&str]) {
        for text in texts {
            assert_eq!(detect(text), None, "{text}");
        }
    }

    fn assert_kinds(cases: &[(&str, Kind)]) {
        for &(text, expected) in cases {
            assert_eq!(kind(text), Some(expected), "{text}");
        }
    }

    #[test]
    fn a_danger_told_after_a_routine_question_is_read_in_its_own_sentence() {
        // Whole, a cry among a question's words is none; its last sentence alone is one.
        let text = "chiedevo della TARI... aiutatemi";
        assert_eq!(super::rules_on(text, text, true), None);
        assert_eq!(
            super::detect_by_rules(text).map(|a| a.kind),
            Some(Kind::Help)
        );
        // A cry that opens a routine question, and a danger dated elsewhere in the message,
        // are not read alone.
        for text in [
            "URGENTE!!! la carta d'identità scade domani e parto, c'è un appuntamento?",
            "Help! I missed the canteen deadline yesterday, can I still enrol?",
            "L'anno scorso la cantina si è allagata. Posso avere la riduzione della TARI?",
        ] {
            assert_eq!(super::detect_by_rules(text), None, "{text}");
        }
    }

    #[test]
    fn a_danger_told_after_a_question_about_an_aftermath_is_heard_in_its_own_sentence() {
        // A bulky-waste booking or an appeal settles only its own sentence.
        assert_kinds(&[
            (
                "volevo prenotare il ritiro degli ingombranti. Mio padre non respira più",
                Kind::Medical,
            ),
            (
                "ricorso contro la multa... scusate, esce fumo nero dalla cantina e mia figlia è giù",
                Kind::Fire,
            ),
        ]);
        assert_no_alarm(&[
            "ricorso contro la multa: ero in doppia fila per soccorrere un signore svenuto",
            "volevo prenotare il ritiro degli ingombranti. Il divano è rovinato dall'alluvione di marzo.",
        ]);
    }

    #[test]
    fn a_cry_in_dialect_with_an_address_or_a_plea_is_heard() {
        for text in [
            "aggiutateme pe carità",
            "agiuttu prego",
            "jutateme",
            "currit",
            "aiutooo subito via manzoni 8",
            "via manzoni 8 aiuto",
            "aiuto aiuto aiuto virgola via Tevere 8 punto",
            "ሓገዝ በጃኹም",
            "मदद करो",
            "مساعدة بسرعة",
            "helppppp 12 via Leopardi",
            "aiut! facite ambress, ve prech",
        ] {
            assert_eq!(kind(text), Some(Kind::Help), "{text}");
        }
        // "via" that means "by", a cry word in a street's name, and an address with a question
        // are no cry.
        assert_no_alarm(&[
            "aiuto via email",
            "corso di primo soccorso",
            "aiuto per la tari in via roma 3",
        ]);
    }

    #[test]
    fn a_cry_followed_only_by_pleas_is_still_the_last_thing_said() {
        assert_kinds(&[
            (
                "Buongiorno, volevo la carta d'identità. Aiuto. Aiutatemi. Vi prego.",
                Kind::Help,
            ),
            (
                "scusate per la tari ma ora aiutatemi per favore aiuto",
                Kind::Help,
            ),
        ]);
        assert_no_alarm(&[
            "Aiuto! come si fa l'ISEE?",
            "Aiuto. Non trovo il modulo della mensa.",
        ]);
    }

    #[test]
    fn residents_languages_in_their_scripts_and_in_latin_letters_are_read() {
        assert_rule_kinds(&[
            ("मेरा पति मुझे मार रहा है, मदद करो", Kind::Violence),
            ("ولدي تلف ليا فالسوق ما لقيتوش", Kind::Child),
            ("أخي أخذ حبوب كثيرة ولا يستيقظ", Kind::Medical),
            (
                "Σεισμός τώρα, έπεσε ο τοίχος, ο παππούς είναι από κάτω",
                Kind::Collapse,
            ),
            (
                "Bir adam üç gündür beni takip ediyor, şimdi kapının önünde bekliyor",
                Kind::Violence,
            ),
            ("mima t7at f l ard o ma katjawbch", Kind::Medical),
        ]);
    }

    #[test]
    fn each_kind_is_recognised_without_the_obvious_word() {
        let cases = [
            ("mia madre è caduta e non riesce ad alzarsi", Kind::Medical),
            ("my dad fell and can't get up", Kind::Medical),
            ("non respira più!!", Kind::Medical),
            ("esce fumo dalla finestra dei vicini", Kind::Fire),
            ("sento puzza di gas in cucina", Kind::Gas),
            ("i smell gas in the kitchen", Kind::Gas),
            ("l'acqua sta entrando in casa", Kind::Flood),
            ("the river is overflowing", Kind::Flood),
            ("è crollato il soffitto della cucina", Kind::Collapse),
            ("hanno investito un ragazzo in bici", Kind::Accident),
            ("mio marito mi picchia", Kind::Violence),
            ("my husband hits me", Kind::Violence),
            ("ci sono i ladri in casa", Kind::Intrusion),
            ("voglio farla finita", Kind::SelfHarm),
            ("I want to end it all", Kind::SelfHarm),
            (
                "c'è un bambino da solo al supermercato che piange",
                Kind::Child,
            ),
            ("aiuto", Kind::Help),
            ("HELP ME PLEASE", Kind::Help),
        ];
        assert_kinds(&cases);
    }

    #[test]
    fn routine_messages_with_alarming_words_are_not_emergencies() {
        assert_no_alarm(&[
            "domani che rifiuto devo mettere fuori",
            "the fire station open day",
            "the accident of yesterday: how do I get the police report",
            "come divento volontario della protezione civile",
            "l'incidente di settimana scorsa, come ho il verbale",
            "ho calcolato male la tari",
            "aiuto con la domanda di residenza",
            "fino alle 3",
            "orari dei fuochi d'artificio della festa",
        ]);
    }

    #[test]
    fn allusions_means_and_signs_are_recognised_by_rules() {
        let cases = [
            (
                "ho comprato la corda, volevo dirlo a qualcuno",
                Kind::SelfHarm,
            ),
            ("I've got the pills ready on the table", Kind::SelfHarm),
            ("grazie di tutto, salutatemi mia mamma", Kind::SelfHarm),
            ("sono sul binario, il treno passa tra poco", Kind::SelfHarm),
            (
                "dad sent us a message saying sorry for everything and his phone is off",
                Kind::SelfHarm,
            ),
            (
                "mia moglie ha gli occhi all'indietro e la bava alla bocca",
                Kind::Medical,
            ),
            (
                "un signore steso sul marciapiede, non si muove",
                Kind::Medical,
            ),
            (
                "her mouth is crooked and she can't speak properly",
                Kind::Medical,
            ),
            (
                "scontro tra moto e auto, il ragazzo non si alza",
                Kind::Accident,
            ),
            (
                "a boy showed me burns on his arm, his stepdad does it",
                Kind::Child,
            ),
            (
                "my ex says he knows where I am tonight and I'll pay for it",
                Kind::Violence,
            ),
            (
                "mio marito non mi fa uscire e mi ha dato uno schiaffo",
                Kind::Violence,
            ),
            (
                "il muro della cantina si sta sgretolando e la casa si inclina",
                Kind::Collapse,
            ),
        ];
        assert_rule_kinds(&cases);
        assert_eq!(kind("aiuto per favore rispondete"), Some(Kind::Help));
    }

    #[test]
    fn typed_in_a_hurry_the_danger_is_still_heard() {
        let cases = [
            ("la cucina sta brucinado aiutoo", Kind::Fire),
            ("he is beatin me", Kind::Violence),
            ("ci sono i ladi in casa", Kind::Intrusion),
            ("voglio farla finta", Kind::SelfHarm),
            ("voglio ammazzrmi", Kind::SelfHarm),
            ("i want to kil myself", Kind::SelfHarm),
            ("hellp", Kind::Help),
        ];
        assert_kinds(&cases);
    }

    #[test]
    fn others_in_danger_told_in_the_third_person_are_recognised() {
        assert_kinds(&[
            (
                "mia sorella mi scrive che il marito l'ha chiusa in camera, vi prego",
                Kind::Violence,
            ),
            (
                "mio fratello è sulla finestra e dice che si butta",
                Kind::SelfHarm,
            ),
            (
                "un mio amico ha scritto su whatsapp che vuole morire",
                Kind::SelfHarm,
            ),
            (
                "un tizio mi manda messaggi da settimane e adesso è sotto casa",
                Kind::Violence,
            ),
            (
                "due tizi mi stanno aggredendo vicino alla stazione",
                Kind::Violence,
            ),
            (
                "we can't find our 6 year old daughter in the shopping centre",
                Kind::Child,
            ),
            (
                "ho una fitta fortissima al braccio sinistro e sudo",
                Kind::Medical,
            ),
            (
                "il sottopasso è diventato un lago e ci sono macchine dentro",
                Kind::Flood,
            ),
            (
                "un furgone brucia nel parcheggio del supermercato",
                Kind::Fire,
            ),
            (
                "mi ha mandato un vocale di addio e ora ha il telefono staccato",
                Kind::SelfHarm,
            ),
        ]);
    }

    #[test]
    fn a_bare_cry_is_heard_with_a_typo_or_an_urgent_word() {
        for text in [
            "auitoo",
            "aiutoo",
            "aiutio",
            "help me right now",
            "I need help immediately",
        ] {
            assert_eq!(kind(text), Some(Kind::Help), "{text}");
        }
    }

    #[test]
    fn what_is_swallowed_planned_or_seen_happening_is_recognised_by_rules() {
        let cases = [
            (
                "la piccola ha ingoiato una pila a bottone del telecomando",
                Kind::Medical,
            ),
            (
                "my toddler swallowed a dishwasher tablet and he is coughing",
                Kind::Medical,
            ),
            ("punto da un calabrone, mi si chiude la gola", Kind::Medical),
            ("sono incinta e sto perdendo molto sangue", Kind::Medical),
            (
                "stanotte mi sdraio sui binari, non cercatemi",
                Kind::SelfHarm,
            ),
            (
                "sono seduta sul davanzale, volevo solo dire addio",
                Kind::SelfHarm,
            ),
            (
                "mio cognato urla che mi fa la pelle, sta salendo le scale",
                Kind::Violence,
            ),
            ("she said she'll kill me if I call anyone", Kind::Violence),
            (
                "stanno picchiando un ragazzo davanti al bar",
                Kind::Violence,
            ),
            (
                "un finto tecnico dell'acqua sta aprendo i cassetti di mia nonna",
                Kind::Intrusion,
            ),
            (
                "l'escavatore ha tranciato la conduttura del gas, sibila forte",
                Kind::Gas,
            ),
            (
                "tutti in famiglia abbiamo nausea e sonno, la caldaia va da ieri",
                Kind::Gas,
            ),
            (
                "il solaio della cantina si è abbassato, ho paura che crolli",
                Kind::Collapse,
            ),
            (
                "mio figlio di 5 anni è salito in macchina con uno sconosciuto",
                Kind::Child,
            ),
            (
                "i miei genitori non tornano da due giorni e siamo soli",
                Kind::Child,
            ),
            ("aiutatimi prestu", Kind::Help),
        ];
        assert_kinds(&cases);
    }

    #[test]
    fn what_a_pivot_people_trapped_or_a_child_forced_away_tell_is_recognised_by_rules() {
        let cases = [
            (
                "volevo prenotare il ritiro ingombranti ma intanto sento puzza di gas in cantina",
                Kind::Gas,
            ),
            (
                "chiedevo degli ingombranti, aspetti, la friggitrice ha preso fuoco",
                Kind::Fire,
            ),
            (
                "il sottopasso si sta allagando e ci sono persone bloccate in macchina",
                Kind::Flood,
            ),
            (
                "è venuto giù il soffitto della palestra e sentiamo delle voci sotto",
                Kind::Collapse,
            ),
            (
                "il compagno di mia sorella la tiene per la gola contro il muro",
                Kind::Violence,
            ),
            (
                "la neonata dei vicini è sola in casa e piange da stamattina",
                Kind::Child,
            ),
            (
                "hanno trascinato un ragazzino dentro un furgone bianco davanti al parco",
                Kind::Child,
            ),
            (
                "my son has not come home from school, his phone is off",
                Kind::Child,
            ),
        ];
        assert_kinds(&cases);
    }

    #[test]
    fn a_child_shut_in_a_car_a_fire_spreading_and_dialect_are_recognised_by_rules() {
        let cases = [
            (
                "una bimba chiusa in auto sotto il sole al supermercato, urla",
                Kind::Child,
            ),
            ("a toddler locked in a car in the heat, crying", Kind::Child),
            ("le fiamme del bosco stanno arrivando alle case", Kind::Fire),
            (
                "chiedevo della tari ma prima: puzza di uova marce in cantina",
                Kind::Gas,
            ),
            ("ho deciso, tanto domani non ci saro piu", Kind::SelfHarm),
            (
                "il vicino si lamenta da stamattina e non apre la porta",
                Kind::Medical,
            ),
            (
                "un albero e caduto su una macchina con dentro una signora",
                Kind::Collapse,
            ),
            ("uno la sta menando in piazza", Kind::Violence),
        ];
        assert_rule_kinds(&cases);
        assert!(detect("aiutateci, priesto!").is_some());
    }

    #[test]
    fn a_pet_run_over_a_shelter_reached_and_an_aftermath_asked_about_are_not_emergencies() {
        assert_no_alarm(&[
            "il nostro cane e stato investito, a chi lo dico per il microchip?",
            "sono in una casa protetta coi bambini, mi serve un contributo",
            "allerta meteo: qui non succede niente, la scuola domani apre?",
            "la batteria del monopattino e gonfia, ho paura che prenda fuoco: dove la porto?",
            "la campana del vetro bruciata e tutta sciolta, ne mettete un'altra?",
            "c'e un avviso pubblico per i danni della grandinata?",
        ]);
    }

    #[test]
    fn past_attempts_burdens_and_dated_assaults_asked_about_are_not_emergencies() {
        assert_no_alarm(&[
            "dopo il tentativo di suicidio di mia sorella a marzo c'è un sostegno per noi familiari?",
            "mio padre ha la demenza e non ce la faccio più a seguirlo da sola, chi mi aiuta a casa?",
            "mettete più luce al parcheggio, il mese scorso hanno aggredito una signora",
            "my son choked on a grape at the canteen last month, do they cut the fruit?",
            "come ci comportiamo se durante l'allerta l'acqua sale in casa?",
            "mio zio sta morendo in Albania e devo partire, il passaporto quanto ci mette?",
        ]);
    }

    #[test]
    fn subjects_pets_and_services_that_name_a_danger_are_not_emergencies() {
        assert_no_alarm(&[
            "corso sulla prevenzione del suicidio per insegnanti, come mi iscrivo?",
            "hanno avvelenato il gatto della vicina, chi chiamo?",
            "a che ora chiude il pronto soccorso pediatrico la domenica?",
            "the skate park was set on fire last night, will it be repaired?",
            "what to do if my daughter has a seizure during the school trip?",
            "la taverna si è allagata, posso avere una riduzione della tari?",
            "ho trovato un portafoglio vicino all'incidente di stamattina, a chi lo porto?",
        ]);
    }

    #[test]
    fn aftermaths_as_a_whole_pets_and_recycling_are_not_emergencies() {
        assert_no_alarm(&[
            "vorrei fare ricorso contro la multa: avevo lasciato l'auto per aiutare una signora svenuta",
            "il caricabatterie ha preso fuoco appena comprato, il negozio deve rimborsarmi?",
            "dopo l'allagamento del garage ho tanti mobili rovinati, come prenoto il ritiro?",
            "il mio cane sta morendo di vecchiaia, c'è un veterinario aperto la domenica?",
            "un piatto rotto va nel vetro o nell'indifferenziata?",
            "ci vuole un terremoto perché l'ufficio tecnico risponda?",
            "pago l'imu in ritardo? non vorrei morire di multe",
            "is the library open again after the basement got flooded?",
            "a car is blocking my garage, who do I call?",
            "una macchina parcheggiata davanti al mio garage da stamattina, chi chiamo?",
        ]);
    }

    #[test]
    fn figures_of_speech_aftermaths_and_generic_questions_are_not_emergencies() {
        assert_no_alarm(&[
            "sto annegando nei debiti, c'è un aiuto del comune?",
            "sto morendo per la puzza dell'umido, quando passate?",
            "i vecchi rilevatori di fumo vanno nei raee?",
            "la casa crollata col terremoto del 2016, la residenza dove risulta?",
            "gara d'appalto per la ricostruzione del ponte crollato",
            "cosa si deve fare durante un terremoto?",
            "what am I supposed to do in an earthquake if I'm driving?",
            "dopo l'allagamento la scuola è chiusa, lo scuolabus passa?",
            "the recycling bin basically exploded, it's overflowing, when is the pickup?",
            "ieri un piccolo incidente, niente feriti: dove ritiro il verbale?",
            "c'è un albero pericolante nel parco, prima o poi cade su qualcuno",
        ]);
    }

    #[test]
    fn a_danger_dated_in_the_past_or_supposed_is_not_an_emergency() {
        assert_no_alarm(&[
            "la cantina allagata l'anno scorso non la uso più, posso toglierla dalla tari?",
            "il palazzo crollato mesi fa: dove trovo l'ordinanza?",
            "se domani ci fosse un terremoto forte, dov'è l'area di accoglienza?",
            "in case of an earthquake where is the meeting point",
        ]);
        // The past never sets aside violence, self-harm or a child in danger.
        assert_eq!(
            kind("mio marito mi picchia da mesi, l'anno scorso sono andata via ma è tornato"),
            Some(Kind::Violence)
        );
        assert_eq!(
            kind("l'anno scorso ci ho provato e stanotte voglio farla finita"),
            Some(Kind::SelfHarm)
        );
    }

    #[test]
    fn the_past_dates_only_what_is_near_it() {
        let text = format!(
            "l'anno scorso ho pagato la tari in ritardo {} e sento puzza di gas forte in cucina",
            "e ho una domanda sulla rata ".repeat(5)
        );
        assert_eq!(kind(&text), Some(Kind::Gas));
    }

    #[test]
    fn regional_and_foreign_cries_are_heard() {
        for (text, expected) in [
            ("Ghe xe fogo in cusina, la padela ga ciapà fogo", Kind::Fire),
            ("Stanno 'e mariuoli dint'a casa mia", Kind::Intrusion),
            ("ajutor va rog", Kind::Help),
            ("qualcuno mi aiuti", Kind::Help),
            ("we lost our son in the old town, hes 6", Kind::Child),
        ] {
            assert_eq!(kind(text), Some(expected), "{text}");
        }
    }

    #[test]
    fn everyday_phrases_that_share_words_with_a_danger_are_not_emergencies() {
        assert_no_alarm(&[
            "il bancomat ha ingoiato la carta, cosa faccio?",
            "il telefono qui non mi prende, mi richiamate?",
            "il modulo non c'è più sul sito",
            "non lo trovo più il bollettino della tari",
            "non torno più in quell'ufficio, nessuno risponde",
            "sono stufa di aspettare, ho sonno",
            "the rope swing in the park is broken",
            "I won't be here on Tuesday for the collection",
            "can we take the kid to the summer festival?",
        ]);
        // No rule reads "spinto" as a push when it means "urged".
        assert_eq!(
            super::detect_by_rules("mi ha spinto a scrivervi il vicino"),
            None
        );
    }

    #[test]
    fn urgency_keeps_a_weak_word_in_force_despite_routine_context() {
        assert_eq!(
            kind("c'è un incendio adesso vicino al museo"),
            Some(Kind::Fire)
        );
    }

    #[test]
    fn the_most_serious_kind_wins() {
        assert_eq!(
            kind("c'è stato un incidente e mio figlio non respira"),
            Some(Kind::Medical)
        );
    }

    #[test]
    fn water_rising_a_child_missing_or_shut_in_a_car_and_a_siege_at_home_are_recognised() {
        assert_kinds(&[
            ("sta entrando acqua dalla porta della cantina", Kind::Flood),
            ("in taverna l'acqua è già alta mezzo metro", Kind::Flood),
            ("the water in the basement keeps rising", Kind::Flood),
            (
                "al campo scuola manca una bambina, la cerchiamo ovunque",
                Kind::Child,
            ),
            (
                "mio figlio di 7 anni non si trova, era qui un attimo fa",
                Kind::Child,
            ),
            (
                "c'è un bimbo chiuso da solo in macchina qui nel piazzale",
                Kind::Child,
            ),
            (
                "neonato in una macchina parcheggiata al sole, nessuno intorno",
                Kind::Child,
            ),
            (
                "è ubriaco e ci siamo chiuse in bagno, lui grida",
                Kind::Violence,
            ),
            (
                "mio marito sta sfondando la porta della camera",
                Kind::Violence,
            ),
            (
                "il mio ex mi ha trovata al lavoro e mi aspetta sotto",
                Kind::Violence,
            ),
            ("qualcuno risponda vi prego", Kind::Help),
        ]);
    }

    #[test]
    fn a_danger_over_or_told_in_a_complaint_and_services_named_like_one_are_not_emergencies() {
        assert_no_alarm(&[
            "in caso di frana dove andiamo? ora non c'è nessuna allerta, lo chiedo prima",
            "un mese fa c'è stato un incidente con mio figlio investito, ora sta bene, mi serve il rilievo",
            "dopo il ricovero per la caduta mia madre torna a casa, c'è l'assistenza domiciliare?",
            "voglio fare un reclamo formale: il muro crollato del parco è ancora lì da mesi",
            "il capannone è crollato con la neve ed è inagibile, si paga lo stesso l'imu?",
            "ho trovato un coltellino svizzero per strada, lo porto agli oggetti smarriti?",
            "la guardia medica turistica che numero ha quest'anno?",
            "a che ora passa il venditore ambulante di frutta?",
            "dove faccio il tagliando della macchina?",
        ]);
    }

    #[test]
    fn things_fallen_on_people_a_chimney_alight_and_a_plea_that_it_is_serious_are_recognised() {
        assert_kinds(&[
            (
                "è caduta la tettoia su mio figlio in cortile",
                Kind::Collapse,
            ),
            (
                "il ponteggio del cantiere è venuto giù, ci sono persone sotto",
                Kind::Collapse,
            ),
            ("the scaffolding came down in the square", Kind::Collapse),
            ("la trave della stalla si è appena spaccata", Kind::Collapse),
            (
                "la canna fumaria sta facendo un fumo nero, credo abbia preso fuoco",
                Kind::Fire,
            ),
            ("esce fumo dal tetto della casa accanto", Kind::Fire),
            ("è grave, rispondetemi", Kind::Help),
            ("aiuto non so cosa fare", Kind::Help),
        ]);
    }

    #[test]
    fn sales_pitches_near_misses_a_towed_car_and_a_shaky_tree_are_not_emergencies() {
        assert_no_alarm(&[
            "vendiamo estintori e cassette di primo soccorso per aziende, offerta speciale",
            "incidente sfiorato all'incrocio, quando mettete il semaforo?",
            "mi hanno portato via la macchina col carro attrezzi, dove la ritiro?",
            "il palo della luce non è caduto ma sembra pronto a cadere, chi lo controlla?",
            "la serata horror al castello con scene di sangue è adatta ai bambini?",
            "per la cie di mia figlia piccola serve anche la mamma?",
            "mio nonno sta morendo di solitudine, c'è un centro anziani?",
        ]);
    }

    #[test]
    fn someone_under_rubble_a_sofa_alight_a_strange_smell_and_children_left_alone_are_recognised() {
        assert_kinds(&[
            (
                "scrivo per la tari ma è appena venuto giù il muro e mio padre è rimasto sotto",
                Kind::Collapse,
            ),
            ("il phon ha preso la tenda e adesso brucia", Kind::Fire),
            (
                "c'è una puzza fortissima vicino alla caldaia, mi gira la testa",
                Kind::Gas,
            ),
            (
                "il torrente è arrivato alle porte delle case in basso",
                Kind::Flood,
            ),
            (
                "hanno lasciato i bambini soli in casa da stamattina e piangono",
                Kind::Child,
            ),
            (
                "my daughter wandered off near the lake, she is 4",
                Kind::Child,
            ),
            ("non scherzo, ho preparato la corda", Kind::SelfHarm),
        ]);
    }

    #[test]
    fn noise_every_night_a_question_about_evacuation_and_a_crossing_waiting_for_an_accident_are_not_emergencies()
     {
        assert_no_alarm(&[
            "musica alta tutte le notti dal locale sotto casa, chi chiamo?",
            "se scoppia un incendio nel bosco chi decide l'evacuazione?",
            "that crossing is an accident waiting to happen",
            "c'è qualcuno in comune che mi risponde di persona?",
            "la plastica non l'hanno presa stamani, la lascio fuori?",
        ]);
    }

    #[test]
    fn drains_gushing_a_gas_tap_left_open_a_child_not_home_and_a_teacher_who_hits_are_recognised() {
        assert_kinds(&[
            (
                "dai tombini esce acqua come una fontana, il bar si sta riempendo",
                Kind::Flood,
            ),
            (
                "il torrente ha passato il ponte e abbiamo l'acqua dentro casa",
                Kind::Flood,
            ),
            (
                "ho aperto il gas e mi sono sdraiato, tanto ormai",
                Kind::SelfHarm,
            ),
            ("stanotte dormo e non mi sveglierò più", Kind::SelfHarm),
            ("mandate qualcuno subito per favore", Kind::Help),
            (
                "mia figlia non è tornata da scuola e sono le sei",
                Kind::Child,
            ),
            (
                "un bambino piccolo cammina da solo in mezzo alla strada",
                Kind::Child,
            ),
            (
                "la babysitter schiaffeggia la bambina, ha i lividi",
                Kind::Child,
            ),
            (
                "mio zio è epilettico, sta avendo una crisi per terra",
                Kind::Medical,
            ),
            ("è crollata la pensilina e c'è gente sotto", Kind::Collapse),
        ]);
    }

    #[test]
    fn noise_that_is_killing_me_an_empty_gas_bottle_and_a_scheduled_visit_are_not_emergencies() {
        assert_no_alarm(&[
            "il rumore del cantiere mi sta uccidendo, fino a che ora possono lavorare?",
            "the garbage is a real emergency here, when do you collect it?",
            "my old gas bottle for the camping stove is empty, where does it go?",
            "dove si trova il pronto soccorso? domani ho un controllo programmato",
        ]);
    }

    #[test]
    fn strangers_inside_a_lock_being_cut_barely_breathing_and_i_cannot_talk_are_recognised() {
        assert_kinds(&[
            (
                "c'è gente dentro la casa di mio fratello e lui è via",
                Kind::Intrusion,
            ),
            (
                "sento armeggiare alla porta del garage, sono ancora lì",
                Kind::Intrusion,
            ),
            (
                "un anziano per terra al parco, respira appena",
                Kind::Medical,
            ),
            ("nn posso parlare, è tornato", Kind::Violence),
            ("stasera sparisco per sempre, vado al ponte", Kind::SelfHarm),
            (
                "mia figlia è uscita da scuola e non è mai arrivata a casa",
                Kind::Child,
            ),
        ]);
    }

    #[test]
    fn a_burst_tyre_exhaust_smoke_a_plan_asked_about_and_a_grandchild_typing_are_not_emergencies() {
        assert_no_alarm(&[
            "mi è scoppiata la gomma della bici, dove la riparo?",
            "l'autobus butta fumo nero dalla marmitta, chi lo controlla?",
            "vicino alla fabbrica c'è un piano per i residenti in caso di incidente?",
            "ah ah scusate ha scritto mio nipote",
            "dopo l'alluvione i mobili rovinati sono ancora in strada, quando li venite a prendere?",
        ]);
    }

    #[test]
    fn smoke_rising_sparks_on_a_sofa_a_hissing_pipe_and_someone_inside_what_fell_are_recognised() {
        assert_kinds(&[
            (
                "forse è niente ma sale fumo dal garage e il rilevatore suona",
                Kind::Fire,
            ),
            (
                "la presa ha fatto scintille e il divano fa fimme",
                Kind::Fire,
            ),
            (
                "in laboratorio un tubo sibila e ci gira la testa, abbiamo tutti mal di testa",
                Kind::Gas,
            ),
            (
                "è crollato il fienile e il nonno era dentro",
                Kind::Collapse,
            ),
            ("u picciriddu nun si trova cchiù", Kind::Child),
        ]);
    }

    #[test]
    fn a_first_aid_course_a_lucky_escape_a_child_s_bike_and_tiredness_are_not_emergencies() {
        assert_no_alarm(&[
            "quando c'è il corso di primo soccorso per imparare il massaggio cardiaco?",
            "ieri si è strozzato con un boccone, per fortuna niente, chi controlla la mensa?",
            "c'è una bici da bambino abbandonata in cortile da giorni",
            "ho perso il kit di pronto soccorso della macchina",
            "sto morendo di stanchezza con mio padre allettato, c'è un aiuto?",
        ]);
    }

    #[test]
    fn a_plea_to_send_help_a_whisper_a_venetian_fall_and_being_followed_are_recognised() {
        assert_kinds(&[
            ("vi supplico mandate aiuto siamo bloccati", Kind::Help),
            (
                "non posso parlare forte, lui è nell'altra stanza",
                Kind::Violence,
            ),
            (
                "mio pare xe cascado par tera e no el se alsa",
                Kind::Medical,
            ),
            (
                "mi stanno seguendo da due isolati, sono sola e ho paura",
                Kind::Violence,
            ),
            (
                "ho perso tutto, tanto ormai niente ha più senso",
                Kind::SelfHarm,
            ),
        ]);
    }

    #[test]
    fn someone_sent_to_mend_things_social_services_that_follow_and_a_deaf_citizen_are_not_emergencies()
     {
        assert_no_alarm(&[
            "vi prego mandate qualcuno a ritirare il divano che è in strada da un mese",
            "please please send someone to fix the pothole in via Roma",
            "mi seguono i servizi sociali da due anni, sono sola con due figli, c'è un contributo?",
            "non posso parlare al telefono perché sono sorda, mi sente qualcuno via chat?",
            "tanto ormai la tari è scaduta, non serve più a niente pagarla?",
            "il nonno è cascato in bagno l'anno scorso, ora serve un maniglione, c'è un contributo?",
        ]);
    }

    #[test]
    fn dangers_told_in_german_spanish_french_romanian_albanian_and_darija_are_recognised() {
        assert_kinds(&[
            ("Feuer! Es brennt in der Garage, Via Roma 3", Kind::Fire),
            ("hay humo saliendo de la cocina del vecino", Kind::Fire),
            ("ça sent le gaz partout dans l'immeuble", Kind::Gas),
            ("das Wasser steigt, wir sind oben im Haus", Kind::Flood),
            (
                "alguien ha entrado en el apartamento, estoy en el baño",
                Kind::Intrusion,
            ),
            (
                "il me suit depuis la gare et il veut me tuer",
                Kind::Violence,
            ),
            ("nu mai vreau sa traiesc, azi termin totul", Kind::SelfHarm),
            ("fetita mea de 4 ani, nu o gasesc pe plaja", Kind::Child),
            ("mein Vater ist bewusstlos im Garten", Kind::Medical),
            (
                "un accidente en la rotonda, hay dos heridos",
                Kind::Accident,
            ),
            ("el techo del garaje se ha derrumbado", Kind::Collapse),
            ("rajli kay drebni daba", Kind::Violence),
        ]);
    }

    #[test]
    fn a_wall_about_to_fall_a_room_flooding_a_child_at_the_bottom_of_a_pool_and_a_pan_alight_are_recognised()
     {
        assert_kinds(&[
            (
                "la grondaia si sta staccando e sotto ci sono i bambini che giocano",
                Kind::Collapse,
            ),
            (
                "si sta allagando la cantina e non riusciamo a uscire",
                Kind::Flood,
            ),
            ("un ragazzino è fermo sul fondo della piscina", Kind::Child),
            (
                "la friggitrice ha preso fuoco e la cappa brucia",
                Kind::Fire,
            ),
            (
                "al semaforo uno tira i capelli a una ragazza",
                Kind::Violence,
            ),
            (
                "da quando è morto lui non resisto, stanotte lo raggiungo",
                Kind::SelfHarm,
            ),
            (
                "mi ha scritto ci vediamo dall'altra parte e non risponde",
                Kind::SelfHarm,
            ),
        ]);
    }

    #[test]
    fn help_to_pay_rent_shingles_a_delayed_train_and_a_robot_asked_about_are_not_emergencies() {
        assert_no_alarm(&[
            "necesito ayuda para pagar la cantina del colegio",
            "dove posso fare il vaccino contro il fuoco di sant'antonio?",
            "il treno è fermo per un incidente sulla linea, a che ora riparte?",
            "c'è qualcuno lì dentro o sei un bot?",
            "ho perso le chiavi al mercato, nu le gasesc",
            "per il temporale di stanotte (nessun danno) dove vedo le allerte?",
            "the fire show in the square is on saturday?",
            "la multa è roba da ammazzarsi, come faccio ricorso?",
        ]);
    }

    #[test]
    fn a_cry_with_an_address_a_knife_in_romanian_a_lost_child_in_neapolitan_and_a_neighbour_who_does_not_open_are_recognised()
     {
        assert_kinds(&[
            ("aiutooo siamo in via Manzoni 12", Kind::Help),
            ("un tip ma ameninta cu cutitul in statie", Kind::Violence),
            ("o criaturo s'è perzo 'o mercato", Kind::Child),
            ("Djali im ka humbur ne plazh", Kind::Child),
            ("es riecht im Keller stark nach Gas", Kind::Gas),
            ("s'abba est intrende in domo", Kind::Flood),
            (
                "l'antifurto del negozio suona e dalla telecamera vedo gente dentro",
                Kind::Intrusion,
            ),
            (
                "bussiamo da stamattina alla vicina anziana e non apre, si sente un lamento",
                Kind::Medical,
            ),
        ]);
    }

    #[test]
    fn help_asked_to_pay_an_insult_and_furniture_ruined_by_a_past_flood_are_not_emergencies() {
        assert_no_alarm(&[
            "chiedo aiuto per pagare la tari, sono in via Roma 3",
            "siete dei ladri e degli incompetenti tutti quanti",
            "i mobili rovinati dall'alluvione li posso lasciare in strada?",
        ]);
    }

    #[test]
    fn chest_pain_told_plainly_a_sofa_alight_in_neapolitan_a_crash_with_someone_screaming_and_a_child_late_from_school_are_recognised()
     {
        assert_kinds(&[
            ("mi fa malissimo il petto da un'ora", Kind::Medical),
            ("sudo freddo e ho la nausea, sono solo", Kind::Medical),
            ("my dad fell in the garden and can't get up", Kind::Medical),
            ("Opa ist gestürzt und blutet am Kopf", Kind::Medical),
            (
                "s'è appicciato 'o divano e 'o fummo sta dappertutto",
                Kind::Fire,
            ),
            ("miros puternic a gaz pe scara", Kind::Gas),
            (
                "scontro all'incrocio, un ragazzo incastrato nella macchina",
                Kind::Accident,
            ),
            ("ka rënë tavani, babai është poshtë", Kind::Collapse),
            ("ma fille a disparu au marché, je la cherche", Kind::Child),
            ("am pierdut copilul la mare", Kind::Child),
            (
                "mio figlio doveva tornare da scuola alle 13 e il cellulare è spento",
                Kind::Child,
            ),
            (
                "mi perseguita da mesi e ora la sua macchina è ferma sotto casa",
                Kind::Violence,
            ),
            (
                "the old man next door has been moaning since last night, he fell and can't get up",
                Kind::Medical,
            ),
        ]);
    }

    #[test]
    fn a_charity_run_a_plaster_cast_a_gas_meter_moved_and_a_smoke_detector_to_bin_are_not_emergencies()
     {
        assert_no_alarm(&[
            "la corsa podistica per comprare la nuova ambulanza quando si fa?",
            "mia figlia ha il gesso al braccio, può prendere lo scuolabus?",
            "devo spostare il contatore del gas per i lavori, chi chiamo?",
            "which bin for an old smoke detector?",
            "il tombino puzza, non è gas, è fogna",
            "the Fire and Flames concert is on Saturday?",
        ]);
    }

    #[test]
    fn water_from_the_drains_a_gas_alarm_a_poisoned_child_and_a_farewell_are_recognised() {
        assert_kinds(&[
            (
                "water is rising from the drains into the basement",
                Kind::Flood,
            ),
            ("the gas alarm is going off and I feel dizzy", Kind::Gas),
            ("jari yedhreb fi mratou daba", Kind::Violence),
            ("curge sange mult din picior", Kind::Medical),
            ("une moto vient de renverser un piéton", Kind::Accident),
            ("están rompiendo la puerta de atrás", Kind::Intrusion),
            (
                "mon fils a avalé des médicaments de sa grand-mère",
                Kind::Child,
            ),
            ("ormai è finita, domani non mi vedrete più", Kind::SelfHarm),
        ]);
    }

    #[test]
    fn a_train_stopped_a_survivor_safe_now_a_robbery_reported_and_a_power_cut_are_not_emergencies()
    {
        for text in [
            "train to Milan stopped because of an accident on the line, when does it leave?",
            "I'm a survivor of domestic violence, I now live safely, is there rent support?",
            "mi hanno rapinato la settimana scorsa, denuncia fatta, come rifaccio la patente?",
            "il mio capo mi uccide se arrivo tardi, a che ora apre l'anagrafe?",
        ] {
            assert_eq!(detect(text), None, "{text}");
            assert_eq!(assess(text), None, "{text}");
        }
    }

    #[test]
    fn a_baby_turning_blue_a_seizure_in_spanish_a_flare_up_from_a_stove_and_a_man_waiting_below_are_recognised()
     {
        assert_kinds(&[
            ("mi bebé se tragó una moneda y está azul", Kind::Child),
            (
                "convulsiona en el suelo con espuma en la boca",
                Kind::Medical,
            ),
            ("mi hijo se perdió en el mercado", Kind::Child),
            (
                "a car just hit a scooter and the rider is screaming",
                Kind::Accident,
            ),
            (
                "aksident, makina përplasi një djalë, nuk lëviz",
                Kind::Accident,
            ),
            (
                "il camino ha fatto una fiammata e ora brucia il divano",
                Kind::Fire,
            ),
            (
                "ho sentito delle voci di sotto e sono sola in casa",
                Kind::Intrusion,
            ),
            (
                "un'auto ha tamponato lo scooter, c'è gente che grida",
                Kind::Accident,
            ),
            ("me patri è ristatu sutta i travi da stadda", Kind::Collapse),
            ("a munnizza sta pigghiannu focu sutta a casa", Kind::Fire),
            ("ju lutem ndihmoni", Kind::Help),
            (
                "da giorni mi aspetta sotto casa e ora guarda le mie finestre",
                Kind::Violence,
            ),
            (
                "he is dragging her by the hair into the car",
                Kind::Violence,
            ),
        ]);
    }

    #[test]
    fn what_to_do_if_a_luckily_unhurt_class_and_a_tomorrow_that_may_come_are_not_emergencies() {
        assert_no_alarm(&[
            "what should we do if there's a gas leak in the street, is there a plan?",
            "il pulmino ha avuto un incidente la settimana scorsa, per fortuna stanno bene, che mezzo usano ora?",
            "se un giorno c'è da evacuare per un incendio, chi viene a prendere mia madre?",
        ]);
    }

    #[test]
    fn a_hillside_still_moving_a_house_falling_on_ours_a_child_locked_in_a_car_and_a_bleeding_cut_are_recognised()
     {
        assert_kinds(&[
            (
                "c'è una frana, la terra si muove ancora sopra le case",
                Kind::Collapse,
            ),
            (
                "la casa disabitata accanto sta crollando sul nostro tetto, noi siamo dentro",
                Kind::Collapse,
            ),
            (
                "el muro del capanon xe cascà, ghe xe uno soto",
                Kind::Collapse,
            ),
            (
                "un boato e ora la palazzina non c'è più, polvere ovunque",
                Kind::Collapse,
            ),
            (
                "mio fijo nun è tornato da scola e er telefono è spento",
                Kind::Child,
            ),
            ("Mein Sohn ist im Wald verschwunden", Kind::Child),
            (
                "ho chiuso le chiavi in macchina con dentro il bambino",
                Kind::Child,
            ),
            ("huele muchísimo a gas en la cocina", Kind::Gas),
            (
                "puzza fortissima vicino ai contatori del palazzo",
                Kind::Gas,
            ),
            ("il s'est coupé le bras, du sang partout", Kind::Medical),
            (
                "il mio ex mi ha tagliato le gomme e dice che me la fa pagare",
                Kind::Violence,
            ),
            ("aiuto aiuto mandate qualcuno", Kind::Help),
            ("vreau sa termin totul in seara asta", Kind::SelfHarm),
        ]);
    }

    #[test]
    fn a_danger_the_learned_check_only_fears_is_possible_not_sure() {
        // Not sure enough for the emergency answer, worrying enough for the numbers first.
        let text = "my neighbour hasn't been seen for a week and there's a smell";
        assert_eq!(detect(text), None);
        let alarm = assess(text).expect("a possible danger");
        assert!(!alarm.sure);
        assert!(alarm.kind.caution().starts_with("safety-possible"));
        // A sure alarm is sure in both; a plain question is neither.
        assert!(assess("c'è puzza di gas in cucina").is_some_and(|a| a.sure));
        assert_eq!(assess("quando si paga la tari"), None);
        assert_eq!(assess("/menu"), None);
    }

    #[test]
    fn a_danger_deep_inside_a_long_message_is_found() {
        let text = format!(
            "{} e adesso c'è puzza di gas {}",
            "buongiorno scrivo per la tari ".repeat(100),
            "grazie ".repeat(100)
        );
        assert_eq!(kind(&text), Some(Kind::Gas));
    }

    #[test]
    fn the_learned_check_catches_a_description_no_rule_names() {
        let text = "il vicino ha la faccia blu e non parla";
        assert_eq!(super::detect_by_rules(text), None);
        assert_eq!(kind(text), Some(Kind::Medical));
        // Never on a command, never on a plain question.
        assert_eq!(detect("/menu"), None);
        assert_eq!(detect("quando si paga la tari"), None);
    }

    #[test]
    fn fumes_hisses_strangers_and_farewells_are_recognised_by_rules() {
        let cases = [
            (
                "la stufa in salotto fa un odore strano e mio marito è stordito",
                Kind::Gas,
            ),
            (
                "the boiler is hissing and we all feel dizzy with a headache",
                Kind::Gas,
            ),
            ("ka ere gazi te shkallet e pallatit", Kind::Gas),
            (
                "my son says he is going to cut himself tonight",
                Kind::SelfHarm,
            ),
            (
                "mia madre dice che va a raggiungerlo, da quando è morto papà non mangia",
                Kind::SelfHarm,
            ),
            (
                "un ragazzo è seduto sui binari e non si sposta",
                Kind::SelfHarm,
            ),
            ("je vais me jeter par la fenêtre", Kind::SelfHarm),
            (
                "un uomo che non conosco sta portando via un bambino verso la macchina",
                Kind::Child,
            ),
            (
                "my neighbour's girl has bruises again and is scared to go home",
                Kind::Child,
            ),
            (
                "un pino è caduto sulla roulotte, dentro ci sono i nonni",
                Kind::Collapse,
            ),
            ("the roof has caved in at the gym", Kind::Collapse),
            (
                "qualcuno sta provando la maniglia della porta del retro",
                Kind::Intrusion,
            ),
            ("jemand ist in der Garage, ich höre ihn", Kind::Intrusion),
            (
                "sono sola in casa e sento qualcuno che cammina in cantina",
                Kind::Intrusion,
            ),
            (
                "in garage sta a entra l'acqua, è già a mezza gamba",
                Kind::Flood,
            ),
            ("el agua entra por la puerta del bajo", Kind::Flood),
            (
                "mio zio trema per terra con la schiuma alla bocca",
                Kind::Medical,
            ),
            (
                "la nonna si tiene la gola ed è diventata viola",
                Kind::Medical,
            ),
            ("accidente en la rotonda, hay heridos", Kind::Accident),
            (
                "mi ha seguita fino a casa e ora suona il citofono di continuo",
                Kind::Violence,
            ),
            ("al bar uno ha tirato fuori un coltello", Kind::Violence),
        ];
        assert_rule_kinds(&cases);
    }

    #[test]
    fn cries_with_an_address_and_dangers_in_more_languages_are_recognised_by_rules() {
        let cases = [
            ("please come fast, corso italia 3", Kind::Help),
            ("oddio aiutatemi subito", Kind::Help),
            ("venite presto non posso parlare", Kind::Help),
            ("sos sono in via roma 8 fate presto", Kind::Help),
            ("horyt budynok, dym vsiudy", Kind::Fire),
            ("lma dakhel l cuzina", Kind::Flood),
            ("mia figlia si è bevuta la varichina e vomita", Kind::Child),
            (
                "we lost our son at the fair ten minutes ago, green jacket",
                Kind::Child,
            ),
            ("el vecino dice que la va a matar", Kind::Violence),
            (
                "ho sentito rompere il vetro e ora ci sono passi in cucina",
                Kind::Intrusion,
            ),
            ("the whole stairwell reeks of gas", Kind::Gas),
            (
                "scontro frontale sulla provinciale, gente dentro le auto",
                Kind::Accident,
            ),
            (
                "my dad went grey and sweaty and his left arm feels heavy",
                Kind::Medical,
            ),
            ("i keep thinking about ending it tonight", Kind::SelfHarm),
        ];
        assert_rule_kinds(&cases);
        assert_no_alarm(&[
            "venite subito a ritirare il divano?",
            "ho trovato un portafoglio per terra dopo la rissa di sabato, lo porto a voi?",
            "il treno per Bologna è fermo per un investimento sulla linea, quando riparte?",
            "the warehouse partly collapsed in the earthquake: is there an exemption from IMU?",
            "lost my son's identity card, how do I get a new one?",
        ]);
    }

    #[test]
    fn stabbings_wells_gates_and_cries_in_more_languages_are_recognised_by_rules() {
        assert_rule_kinds(&[
            ("ka zjarr ne pallat, shume tym", Kind::Fire),
            ("zawji kaydrabni kol nhar", Kind::Violence),
            ("a mi' fratello j'hanno dato na cortellata", Kind::Violence),
            ("nuer bu jian le, 4 sui", Kind::Child),
            ("my boy fell down the well in the garden", Kind::Child),
            (
                "mia figlia non è più tornata da scuola e il telefono è spento",
                Kind::Child,
            ),
            (
                "due stanno scavalcando il cancello del cortile",
                Kind::Intrusion,
            ),
            (
                "i'm up on the bridge and i don't want to go back down",
                Kind::SelfHarm,
            ),
            ("aiutami nn riesco a scrivere", Kind::Help),
            ("please help i'm scared", Kind::Help),
        ]);
        assert_no_alarm(&[
            "the fireworks every night sound like gunshots, is that allowed?",
            "my wife died, how do I change the name on the IMU?",
            "c'è un gruppo per chi ha perso un figlio per suicidio?",
            "nonno dice che vuole morire a casa sua, non in una RSA: c'è l'assistenza domiciliare?",
            "la casa è crollata col terremoto e ora abito da mia figlia, devo cambiare residenza?",
            "quest'ansia che mi uccide per il concorso, ci sono corsi di preparazione?",
        ]);
        assert_eq!(kind("succurso! currite!"), Some(Kind::Help));
    }

    #[test]
    fn a_birth_registered_a_toy_lost_and_a_victim_now_safe_are_not_emergencies() {
        assert_no_alarm(&[
            "è nata in ambulanza la settimana scorsa, come si fa la dichiarazione di nascita?",
            "ho trovato un peluche di un bambino al parco, lo porto agli oggetti smarriti?",
            "sono uscita da casa sua dopo anni di violenza domestica e sono al sicuro, c'è un aiuto per l'affitto?",
            "la palestra è rimasta chiusa per l'allarme antincendio, si recupera la lezione?",
            "our garage was flooded last october, is the grant still open?",
            "stasera danno un film sull'incendio del 1980 in tv",
            "qual è il numero della guardia medica?",
            "mio figlio ha già avuto una crisi allergica, serve un certificato per la mensa?",
        ]);
        // Not safe is not safe.
        assert!(detect("non sono al sicuro, mio marito mi picchia ancora").is_some());
    }

    #[test]
    fn rubble_in_romanian_pills_in_spanish_steps_on_the_stairs_and_dialect_cries_are_recognised_by_rules()
     {
        assert_rule_kinds(&[
            ("s-a daramat zidul, fratele meu e sub moloz", Kind::Collapse),
            (
                "xe vegnù zo el teto dea casa, me nona jera drento",
                Kind::Collapse,
            ),
            (
                "aksident rrugor te ura, nje grua e plagosur",
                Kind::Accident,
            ),
            (
                "due auto si sono scontrate davanti al bar, c'è un ferito",
                Kind::Accident,
            ),
            (
                "ghe xe do omeni drento casa, i sta rompendo tuto",
                Kind::Intrusion,
            ),
            (
                "mi sono nascosta nell'armadio, ci sono due uomini",
                Kind::Intrusion,
            ),
            (
                "non aspetto nessuno ma ho sentito la porta aprirsi e dei passi",
                Kind::Intrusion,
            ),
            (
                "someone is in the garden trying every door",
                Kind::Intrusion,
            ),
            (
                "mi hija se ha tomado un frasco de pastillas, tiene 4 años",
                Kind::Child,
            ),
            (
                "non lo vedo più, era qui un minuto fa vicino alle giostre",
                Kind::Child,
            ),
            ("my nephew fell through the ice at the pond", Kind::Child),
            ("hay humo en todo el pasillo y no podemos salir", Kind::Fire),
            ("a casa di me vicinu sta abbruciannu", Kind::Fire),
            ("l'acqua arriva alle ginocchia in camera", Kind::Flood),
            (
                "the cellar is filling up fast and dad is down there",
                Kind::Flood,
            ),
            ("mi hermano dice que se va a matar", Kind::SelfHarm),
            ("vojo morì, basta", Kind::SelfHarm),
            ("ho la lametta in mano e stavolta lo faccio", Kind::SelfHarm),
            (
                "ho aperto il gas e chiuso le finestre, addio",
                Kind::SelfHarm,
            ),
            ("er vicino me sta a menà sotto casa", Kind::Violence),
            (
                "ha tirato fuori il coltello davanti a tutti",
                Kind::Violence,
            ),
        ]);
        assert_no_alarm(&[
            "mio zio si è suicidato l'anno scorso, come si chiede il certificato di morte?",
            "c'è un contributo per i rilevatori di fumo in casa degli anziani?",
            "the smoke alarm keeps beeping, battery low, how do I change it?",
            "che antifurto mi consigliate contro i ladri?",
            "what goes in an emergency kit for floods?",
            "multumesc pentru ajutor, la revedere",
            "mio padre vive solo, qualcuno può aiutare in casa qualche ora?",
            "existe auxilio para pagar a conta de luz?",
            "szukam pomocy w sprawie zasiłku dla dzieci",
            "o que fazer em caso de terremoto?",
        ]);
    }

    #[test]
    fn smoke_in_german_a_wood_burning_a_child_made_to_get_in_a_car_and_a_door_kicked_in_are_recognised_by_rules()
     {
        assert_rule_kinds(&[
            ("Feuer im Keller, überall Rauch", Kind::Fire),
            (
                "il bosco sopra il paese sta bruciando e il vento spinge verso le case",
                Kind::Fire,
            ),
            (
                "vuole dire addio a sua madre prima di farlo",
                Kind::SelfHarm,
            ),
            (
                "mio fratello nn vuole più vivere, è in camera",
                Kind::SelfHarm,
            ),
            (
                "il compagno della madre le fa del male, è una bambina di 9 anni",
                Kind::Child,
            ),
            (
                "hanno fatto salire un bambino in un furgone bianco, piangeva",
                Kind::Child,
            ),
            (
                "è uscito di casa mentre dormivo e non lo troviamo, ha 4 anni",
                Kind::Child,
            ),
            ("my 5 year old is missing at the market", Kind::Child),
            (
                "mi niña no está, estaba en la playa hace diez minutos",
                Kind::Child,
            ),
            (
                "l'acqua sta salendo in cantina e non sappiamo dove andare",
                Kind::Flood,
            ),
            ("water at my knees in the kitchen", Kind::Flood),
            ("a strata è tutta acqua, semu chiusi", Kind::Flood),
            (
                "uno con una bottiglia rotta in mano vuole colpire un ragazzo",
                Kind::Violence,
            ),
            (
                "c'è uno in camera da letto, l'ho visto dallo specchio",
                Kind::Intrusion,
            ),
            ("cineva încearcă să intre în casă", Kind::Intrusion),
            (
                "came home and the back door has been kicked in, i can hear someone",
                Kind::Intrusion,
            ),
            ("u nonnu nun rispira", Kind::Medical),
            (
                "a wall just came down on a car with someone in it",
                Kind::Collapse,
            ),
            ("s'è scassata a casa, ce stanno gente sotto", Kind::Collapse),
            (
                "un coche ha volcado en la curva, hay heridos",
                Kind::Accident,
            ),
            ("please someone come, i can't explain now", Kind::Help),
            ("aiuto, serve qualcuno qui subito", Kind::Help),
        ]);
        assert_no_alarm(&[
            "di notte sparano petardi, sembrano colpi di pistola: è permesso?",
            "la batteria della bici elettrica si è gonfiata, ho paura che esploda: dove la porto a smaltire?",
            "la frana sopra la strada è monitorata? ho sentito che si muove ancora",
            "mia figlia ha paura del terremoto dopo la scossa dell'altra notte, fate incontri nelle scuole?",
            "that crossing has no light, someone is going to get run over",
            "il muro di cinta ha una crepa che si allarga da mesi, chi devo avvisare?",
            "cercate autisti per l'ambulanza comunale?",
            "what is a good fire pit to buy for the garden?",
        ]);
    }

    #[test]
    fn cyrillic_pinyin_darija_a_hiding_place_and_a_rope_made_ready_are_recognised_by_rules() {
        assert_rule_kinds(&[
            ("на кухні дуже пахне газом", Kind::Gas),
            ("в подъезде сильный запах газа", Kind::Gas),
            ("горить квартира на третьому поверсі", Kind::Fire),
            ("хтось ламає двері, ми сховалися у ванній", Kind::Intrusion),
            ("чоловік не дихає, що робити", Kind::Medical),
            ("мой сын пропал, не могу найти ребенка", Kind::Child),
            ("рятуйте", Kind::Help),
            ("jiu ming a, kuai lai ren", Kind::Help),
            ("wo jia zhao huo le", Kind::Fire),
            ("kayna ri7a dial gaz f lcouzina", Kind::Gas),
            ("bnti ma rj3atch mn lmdrassa", Kind::Child),
            (
                "djali im nuk është kthyer nga shkolla, telefoni i fikur",
                Kind::Child,
            ),
            ("o mașină a lovit un biciclist, zace pe jos", Kind::Accident),
            ("Ich habe meine Tochter im Park verloren", Kind::Child),
            (
                "je suis sur le pont, j'ai pas envie de redescendre",
                Kind::SelfHarm,
            ),
            ("nobody will miss me anyway", Kind::SelfHarm),
            (
                "la corda è già in cantina, stasera chiudo tutto",
                Kind::SelfHarm,
            ),
            (
                "ho un occhio nero, ho paura che torni di là",
                Kind::Violence,
            ),
            ("non posso chiamare, è nella stanza accanto", Kind::Violence),
            (
                "a man is pointing a gun at the customers, we are hiding",
                Kind::Violence,
            ),
            ("someone is in my flat, i'm under the bed", Kind::Intrusion),
            (
                "from the camera i see a man in a hood in the cellar, granny is alone",
                Kind::Intrusion,
            ),
            (
                "dalla telecamera vedo un tizio incappucciato che sale le scale, mia madre è sola",
                Kind::Intrusion,
            ),
            (
                "my dad just dropped on the floor at the market and isn't moving",
                Kind::Medical,
            ),
            ("someone is doing cpr on him at the bar", Kind::Medical),
            ("my 9 yo says her uncle has been touching her", Kind::Child),
            (
                "il torrente ha scavalcato l'argine del campo sportivo",
                Kind::Flood,
            ),
            ("mandate qualcuno al 3 di via roma, presto", Kind::Help),
            (
                "mio figlio doveva essere sullo scuolabus, a scuola non c'è e la fermata è vuota",
                Kind::Child,
            ),
            (
                "due ragazzi si stanno accoltellando al parco",
                Kind::Violence,
            ),
            ("he's beating a woman outside the bar", Kind::Violence),
            (
                "un tizio sta cercando di portare via una bambina dalle giostre",
                Kind::Child,
            ),
            ("está entrando agua en el sótano", Kind::Flood),
            ("quieren entrar por la ventana, estoy sola", Kind::Intrusion),
            (
                "sento uno che armeggia con la serratura del portone",
                Kind::Intrusion,
            ),
            (
                "there's ash falling on the cars and an orange glow above the woods",
                Kind::Fire,
            ),
            (
                "nel sottopasso allagato c'è una macchina dentro",
                Kind::Flood,
            ),
            ("s'è pigliato tutte 'e pillole, nun se sceta", Kind::Medical),
            ("l'è crulà el tecc e gh'è el nonu sota", Kind::Collapse),
            ("my sister says she's going to hang herself", Kind::SelfHarm),
            (
                "nessuno si accorgerebbe se sparissi, ho scritto una lettera",
                Kind::SelfHarm,
            ),
            (
                "è caruto 'o muro, ce stanno cristiane sotto",
                Kind::Collapse,
            ),
            (
                "cineva a spart geamul, sunt ascunsă în baie",
                Kind::Intrusion,
            ),
            ("fiica mea nu s-a întors de la școală", Kind::Child),
            ("acaban de atropellar a un niño en la plaza", Kind::Accident),
            (
                "la strada si è aperta all'improvviso davanti alle case",
                Kind::Collapse,
            ),
            (
                "il fienile ha preso, le fiamme arrivano alla stalla",
                Kind::Fire,
            ),
        ]);
    }

    #[test]
    fn a_toy_in_the_road_an_escape_game_a_witness_and_a_relative_s_suicide_are_not_emergencies() {
        assert_no_alarm(&[
            "ho trovato un monopattino da bambino in mezzo alla strada, lo porto da voi?",
            "the halloween escape room in the burning house: places left for saturday?",
            "ho un fuoco nel cuore per il barista, che gli scrivo?",
            "sono il testimone dell'incidente in via roma, devo firmare la dichiarazione?",
            "il tamponamento di venerdì scorso: come ho il verbale?",
            "mio cugino dopo tre overdose è in comunità di recupero, ci sono borse lavoro?",
            "dopo il suicidio di mia sorella cerco un gruppo di sostegno per famiglie",
            "ho visto un documentario sugli incendi in australia, che impressione",
            "mio figlio ha il raffreddore da fieno, la mensa può togliere il kiwi?",
            "il trattore parcheggiato sotto casa da mesi, chi lo rimuove?",
            "c'è un buco enorme nella strada davanti alla scuola da mesi",
            "vado al mare e non torno fino a settembre, posso delegare per la cie?",
            "mandate qualcuno a tagliare l'erba in via roma, presto",
            "lo scuolabus oggi non è passato e nessuno sa niente, mia figlia ha perso la scuola",
            "Допоможіть, будь ласка, як отримати довідку про склад сім'ї?",
            "хочу записатися до лікаря, де пожежна частина?",
            "Mein Sohn hat seinen Ausweis im Park verloren",
            "non posso telefonare in orario d'ufficio, posso scrivere qui?",
        ]);
        // A number alone is a rating or a choice, not a possible danger either.
        for rating in ["1", "2", "3", "4", "5", "12"] {
            assert_eq!(assess(rating), None, "{rating}");
        }
    }

    #[test]
    fn polish_urdu_tagalog_sardinian_and_dangers_told_in_passing_are_recognised_by_rules() {
        assert_rule_kinds(&[
            ("pali się mieszkanie na drugim piętrze", Kind::Fire),
            ("pomóżcie", Kind::Help),
            ("ghar mein gas ki boo aa rahi hai", Kind::Gas),
            ("abbu behosh ho gaye hain", Kind::Medical),
            ("mera bhai mujhe maar raha hai", Kind::Violence),
            ("nabangga ang kotse sa may kanto", Kind::Accident),
            ("aiutu, curriti in piazza", Kind::Help),
            ("u picciriddu s'è affucatu cu na caramella", Kind::Medical),
            ("you ren qiao kai men le", Kind::Intrusion),
            ("bunica a luat toate pastilele", Kind::SelfHarm),
            (
                "ho già scritto le lettere, domani non serve che mi cerchiate",
                Kind::SelfHarm,
            ),
            (
                "mio padre è in garage con il motore acceso da un'ora",
                Kind::SelfHarm,
            ),
            (
                "is there a form for my cat? i won't need it after tonight",
                Kind::SelfHarm,
            ),
            (
                "il bambino del piano di sopra piange da ore, è sempre solo",
                Kind::Child,
            ),
            ("he is slamming her against the car", Kind::Violence),
            (
                "a woman is lying on the pavement and isn't moving",
                Kind::Medical,
            ),
            (
                "c'è puzza in casa, ci gira la testa e abbiamo un sonno strano",
                Kind::Gas,
            ),
            (
                "la nonna è chiusa in bagno con la stufetta e non risponde",
                Kind::Gas,
            ),
            (
                "water is pouring into the basement, already up to my knees",
                Kind::Flood,
            ),
            (
                "qualcuno ha spaccato il vetro della finestra, sono sola in casa",
                Kind::Intrusion,
            ),
            ("у коридорі повно диму", Kind::Fire),
            ("hamare ghar mein aag lag gayi hai", Kind::Fire),
            ("amar meye hariye geche bazar e", Kind::Child),
            ("may sunog sa kabilang kalye", Kind::Fire),
            ("dimbali leen ma", Kind::Help),
            ("ma mère ne respire plus", Kind::Medical),
            ("czuć gaz w piwnicy", Kind::Gas),
            // First aid given now is no course: the set-aside names the course.
            ("ich mache erste hilfe, er atmet nicht", Kind::Medical),
        ]);
    }

    #[test]
    fn a_past_accident_a_past_abuse_a_general_question_and_a_detector_s_battery_are_not_emergencies()
     {
        assert_no_alarm(&[
            "since my accident I use a wheelchair: is there a parking badge?",
            "I left an abusive relationship last year, is there help with the deposit for a flat?",
            "what do I do if there's ever a flood? asking in general",
            "unni è u puntu di raccolta pi u terremotu?",
            "the smoke detector in the school corridor has a dead battery, it chirps all day",
            "¿cuándo empieza el curso de primeros auxilios del ayuntamiento?",
            "the first aid class at the library: is it free?",
        ]);
    }

    #[test]
    fn the_round_on_the_twenty_sixth_pair_reads_dialects_hidden_calls_and_dangers_played_down() {
        assert_rule_kinds(&[
            (
                "s'è abbattutu 'u muru da casa, c'è me frati sutta",
                Kind::Collapse,
            ),
            ("runął dach w stodole, ktoś jest w środku", Kind::Collapse),
            ("madad chahiye, jaldi aao", Kind::Help),
            ("quaidun al sfunda la porta de cà", Kind::Intrusion),
            ("я хочу покінчити з усім сьогодні", Kind::SelfHarm),
            ("amar bhai amake marche", Kind::Violence),
            (
                "may aksidente sa kanto, may sugatan na lalaki",
                Kind::Accident,
            ),
            ("bba tah f lkuzina w ma kayhderch", Kind::Medical),
            ("wldi sghir tla3 l sta7 w ana khayfa", Kind::Child),
            (
                "vorrei ordinare due pizze in via Roma 3, per favore presto, lui è ancora in casa",
                Kind::Violence,
            ),
            (
                "niente di grave, ma il ciclista che ho urtato non sente le gambe",
                Kind::Medical,
            ),
            (
                "nothing urgent, just a heavy pain in my chest that goes down my left arm",
                Kind::Medical,
            ),
            (
                "non è niente di grave, però l'acqua in taverna è arrivata fino al soffitto",
                Kind::Flood,
            ),
            (
                "the kids have headaches and are dizzy and the thing on the wall keeps beeping",
                Kind::Gas,
            ),
            (
                "which is the tallest bridge around here, I want it to be quick",
                Kind::SelfHarm,
            ),
            (
                "my toddler was right here and now she's nowhere, the gate is open",
                Kind::Child,
            ),
            (
                "sono chiusa in bagno, stavolta non si ferma",
                Kind::Violence,
            ),
            (
                "there's an orange glow under the door and it is hot to the touch",
                Kind::Fire,
            ),
            ("Annem mutfakta yere düştü, nefes almıyor", Kind::Medical),
            ("我奶奶在厨房晕倒了，叫不醒", Kind::Medical),
            ("ልጄ ጠፋ", Kind::Child),
            ("srušio se zid na kuću", Kind::Collapse),
            ("biyo ayaa guriga soo galaya", Kind::Flood),
            ("jutimi!", Kind::Help),
            ("tulong po!", Kind::Help),
            (
                "non è niente di grave, ma ha il coltello in mano e dice che mi ammazza",
                Kind::Violence,
            ),
        ]);
    }

    #[test]
    fn hypothetical_quakes_a_course_a_past_crash_abroad_and_dumped_rubble_are_not_emergencies() {
        assert_no_alarm(&[
            "se c'è un terremoto mentre siamo a letto, conviene uscire? chiedo in generale",
            "kapag may sunog sa paaralan, saan ang labasan? para lang malaman",
            "am avut un accident luna trecuta, nimeni ranit, cum iau raportul?",
            "someone dumped rubble from a renovation by the river path",
            "is there a grant to make the house earthquake-proof?",
            "may tulong po ba para sa mga senior na mag-isa sa bahay?",
            "我的护照在去年的火灾中烧掉了，怎么补办？",
            "come mi iscrivo alle allerte meteo per le alluvioni?",
            "l'affitto mi sta strangolando, ci sono aiuti?",
            "Допоможіть, будь ласка, як отримати довідку?",
        ]);
    }

    #[test]
    fn the_round_on_the_twenty_seventh_pair_reads_dialects_scripts_and_dangers_after_a_question() {
        assert_rule_kinds(&[
            (
                "l'acqua la vien su dai tombini e la xe za in casa",
                Kind::Flood,
            ),
            (
                "volevo chiedere della scuola... intanto a casa l'acqua esce dal pavimento e ha coperto le prese",
                Kind::Flood,
            ),
            (
                "per il ritiro ingombranti di domani... lasciate stare, il fiume è uscito e siamo sul tetto",
                Kind::Flood,
            ),
            ("me taglio n'antra vorta, stavorta de più", Kind::SelfHarm),
            (
                "a che ora chiudono il ponte? voglio che sotto non passi nessuno quando salto",
                Kind::SelfHarm,
            ),
            (
                "how many of these pills would it take. I'm done",
                Kind::SelfHarm,
            ),
            (
                "mi pareja me pegó y estoy escondida en el garaje",
                Kind::Violence,
            ),
            ("mrati ma katqderch ttnfs, wjhha wlla zr9", Kind::Medical),
            (
                "میرے والد کو دل کا دورہ پڑا ہے، وہ بے ہوش ہیں",
                Kind::Medical,
            ),
            ("আমার মা অজ্ঞান হয়ে পড়ে আছেন", Kind::Medical),
            ("हमारे घर में गैस की गंध है", Kind::Gas),
            ("河水漫进我们家了", Kind::Flood),
            ("孩子在公园不见了", Kind::Child),
            ("救救我", Kind::Help),
            ("aggiudu", Kind::Help),
            ("duvar çöktü, işçi altında kaldı", Kind::Collapse),
            ("uma árvore caiu em cima de um carro", Kind::Collapse),
            ("Wir riechen Gas in der Küche", Kind::Gas),
            (
                "orario isola ecologica? ps sento che stanno scassinando la porta del vicino",
                Kind::Intrusion,
            ),
            (
                "il vigile mi ha fatto la multa... ma ora fuori c'è stato un frontale, uno è uscito dal parabrezza",
                Kind::Accident,
            ),
            (
                "meri beti school se ghar nahi aayi, phone band hai",
                Kind::Child,
            ),
        ]);
    }

    #[test]
    fn a_past_burglary_a_threat_of_a_fine_a_road_sign_and_a_refuge_left_are_not_emergencies() {
        assert_no_alarm(&[
            "my passport was stolen in a burglary last weekend, how do I get a new ID card?",
            "Bonjour, il y a des aides après l'incendie du marché couvert?",
            "after the crash on monday there is still glass on the bypass",
            "il cartello \"pericolo frane\" sulla provinciale è caduto, lo rimettete?",
            "volevo fare un reclamo, l'impiegato mi ha urlato contro, mi sono sentita aggredita",
            "il medico dice che ho rischiato l'infarto, come cambio medico di base?",
            "can I pay the canteen online? I can't find my kid's code",
            "sono uscita da una casa rifugio per violenza domestica, ci sono aiuti per l'affitto?",
            "un tizio mi ha minacciato di sequestrarmi l'auto per l'IMU, è vero?",
            "il mio circolo ha subito un furto con scasso, c'è un contributo per l'antifurto?",
            "ho perso la password del portale scuola, mi sparo",
            "Dzień dobry, czy gmina ma pomoc domową dla starszych?",
            "la guardia medica stanotte dov'è?",
            "my daughter is diabetic, can the canteen give the carb counts so she doesn't end up in a hypo?",
        ]);
    }

    #[test]
    fn every_kind_has_its_numbers_and_a_text_id() {
        for k in Kind::ALL {
            assert!(k.numbers().contains(&"112"));
            assert_eq!(Kind::from_code(k.code()), Some(k));
            assert!(k.message().starts_with("safety-"));
            // The checker keeps the numbers of the answers it knows: every kind's is listed.
            assert!(crate::flows::messages::EMERGENCY_ANSWERS.contains(&k.message().as_str()));
        }
    }
}
