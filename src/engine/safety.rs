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
use crate::text::lexicon::{Found, Lexicon, Scan, stretched};

mod learned;

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

/// How a rule counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strength {
    Strong,
    Weak,
}

/// The language a rule's words belong to.
type RuleLang = Option<Lang>;

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
}

use Kind::*;
use Strength::{Strong, Weak};

const IT: RuleLang = Some(Lang::It);
const EN: RuleLang = Some(Lang::En);

/// The built-in rules: (kind, strength, language, rule).
#[rustfmt::skip]
const RULES: &[(Kind, Strength, RuleLang, &str)] = &[
    // Self-harm and suicide.
    (SelfHarm, Strong, IT, "voglio|vorrei|devo|deciso|penso|pensando|sto per + farla finita"),
    (SelfHarm, Weak, IT, "farla finta|farla finita|finirla qui|finirla per sempre"),
    (SelfHarm, Strong, IT, "uccidermi~|ammazzarmi~|suicidarmi|impiccarmi~|spararmi|avvelenarmi|mi ammazzo|mi uccido|mi sparo|mi impicco|mi butto|mi lancio|mi voglio uccidere|mi voglio ammazzare|mi voglio togliere la vita|mi tolgo la vita|sto per buttarmi|ho la corda|corda pronta|mi sono tagliat*|mi taglio|tagliat* i polsi|tagliarmi i polsi|questo e un addio|vi saluto per sempre|perdonatemi per tutto|meglio se non ci fossi|lettera d addio|messaggio d addio|lettera di addio"),
    (SelfHarm, Strong, IT, "non ce la faccio piu|non ce la faccio + a vivere|a andare avanti|piu|basta"),
    (SelfHarm, Strong, IT, "e sul cornicione|e salit* sul tetto|e sul tetto e|sul parapetto|sul ponte e vuole|sul tetto e vuole"),
    (SelfHarm, Strong, IT, "ho preso|ha preso|ha ingoiato|ho ingoiato + una scatola|tutte le|tutti i + pillole|pastiglie|farmaci|medicine|compresse|di pillole|di farmaci"),
    (SelfHarm, Strong, EN, "can t go on|cant go on|i m on the bridge|im on the bridge|standing on the roof|on the ledge|cut my wrists|cutting my wrists|goodbye everyone|this is goodbye|she said she d end it|he said he d end it|better off without me"),
    (SelfHarm, Strong, IT, "uccidersi|ammazzarsi|suicidarsi|impiccarsi|togliersi la vita|si vuole buttare|vuole buttarsi"),
    (SelfHarm, Strong, IT, "suicid*~|togliermi la vita|tolgo la vita|farmi del male|farmi male da solo|farmi male da sola|tagliarmi|tagliarmi le vene|autolesion*"),
    (SelfHarm, Strong, IT, "non + voglio|vorrei|ha senso|val la pena|vale la pena + piu + vivere"),
    (SelfHarm, Strong, IT, "non ha piu senso vivere|non ha senso vivere|voglio morire|vorrei morire|voglio sparire per sempre|meglio morto|meglio morta|meglio se muoio|sarebbe meglio se morissi|farmi fuori"),
    (SelfHarm, Strong, IT, "buttarmi|lanciarmi|gettarmi + ponte|finestra|treno|sotto|giu|balcone|tetto|fiume"),
    (SelfHarm, Strong, IT, "preso|prese|ingoiato|ingoiate + tutte le + pillole|pastiglie|medicine|compresse"),
    (SelfHarm, Strong, IT, "non ce la faccio piu a vivere|nessuno sentira la mia mancanza|addio a tutti|la faccio finita|faccio finita|faro finita|la finisco qui|non ci saro piu|sparire per sempre|mi sto tagliando|mi taglio di nuovo|mi sono tagliat* di nuovo|tagliarmi di nuovo"),
    (SelfHarm, Strong, IT, "non ha piu senso + niente|nulla|vivere|la vita|andare avanti"),
    (SelfHarm, Strong, IT, "messaggio di addio|lettera di addio|biglietto di addio|ha scritto addio|mi ha scritto addio|si e chius* in bagno con le pillole"),
    (SelfHarm, Strong, IT, "sono sul ponte|sono sul tetto|sono sul cornicione|sono sui binari|sono sul binario|sono in cima & guardo giu|buttarmi|saltare|farla finita|addio|non ce la faccio|perche vi scrivo|il treno passa|passa il treno|arriva il treno|il treno arriva"),
    (SelfHarm, Strong, EN, "kill myself|kil myself|kill my self|killing myself|end it all|end my life|ending my life|take my own life|taking my own life|suicid*~|want to die|wanna die|wish i was dead|wish i were dead|better off dead|hurt myself|harm myself|self harm|cut myself|cutting myself|jump off|no reason to live|not worth living"),
    (SelfHarm, Strong, EN, "don t|dont|do not + want to + live|be alive|wake up|be here anymore|be here any more|exist anymore|exist any more"),
    (SelfHarm, Strong, EN, "took|swallowed|taken + all + pills|my pills|the pills|tablets"),
    (SelfHarm, Strong, EN, "wants to|going to|gonna|threatening to + kill himself|kill herself|end his life|end her life|jump"),
    (SelfHarm, Strong, EN, "farewell message|goodbye message|goodbye letter|suicide note|said goodbye to everyone"),
    (SelfHarm, Strong, EN, "want to jump|going to jump|gonna jump|about to jump|end it tonight|not be here tomorrow|won t be here tomorrow|say goodbye to everyone"),
    (SelfHarm, Strong, EN, "on the bridge + jump"),

    // Medical.
    (Medical, Strong, IT, "non|piu|smesso di|smette di|fatica a|fa fatica|difficolta a|riesce a|riesco a + respir*~"),
    (Medical, Strong, IT, "respira|respiro + male|a fatica|poco|affannat*|a stento|strano"),
    (Medical, Strong, IT, "manca + l aria|il respiro|il fiato|aria|fiato"),
    (Medical, Weak, IT, "soffoc*~|strozzat*"),
    (Medical, Strong, IT, "andato di traverso|andata di traverso|sta diventando viola|diventato viola|diventata viola|diventato blu|diventata blu|labbra viola|labbra blu"),
    (Medical, Strong, IT, "svenut*~|svien*|svenend*|svenimento|incoscient*~|priva di sensi|privo di sensi|perso i sensi|perso conoscenza|perde conoscenza|non si sveglia|non reagisce|non da segni|non risponde piu|non apre gli occhi"),
    (Medical, Strong, IT, "caduto|caduta|cadut*|cascat*|scivolat*|per terra|a terra|in terra + non + alz*|rialz*|muov*|riesce|riesco|rispond*|respir*"),
    (Medical, Weak, IT, "infarto~|ictus"),
    (Medical, Strong, IT, "ha un infarto|ha avuto un infarto|sta avendo un infarto|un infarto adesso|arresto cardiaco|attacco cardiaco|attacco di cuore|paresi|bocca storta|faccia storta|non muove il braccio|non muove la gamba|parla strano|non riesce a parlare|biascica"),
    (Medical, Strong, IT, "dolore|dolori|male|fitta|fitte|peso|oppressione|stretta + al petto|al torace|al cuore|nel petto|petto"),
    (Medical, Strong, IT, "perde|perdendo|esce|uscendo|butta|sgorga|cola + tantissimo|tanto|molto|troppo|un sacco di + sangue"),
    (Medical, Strong, IT, "emorragia~|sanguina*~|perde sangue|perdendo sangue|perde tanto sangue|sangue ovunque|sangue dappertutto|sangue che non si ferma|pieno di sangue|piena di sangue|lago di sangue"),
    (Medical, Strong, IT, "convulsion*~|crisi epilettica|attacco epilettico|trema tutt*|sta tremando tutt*|scossoni|occhi all indietro|occhi girati|occhi al contrario|bava alla bocca|schiuma alla bocca|rigid* e trema|irrigidit* e trema"),
    (Medical, Strong, IT, "overdose|troppe pillole|troppe pastiglie|troppi farmaci|avvelenat*~|intossicat*~"),
    (Medical, Strong, IT, "ha bevuto + candeggina|detersivo|ammoniaca"),
    (Medical, Strong, IT, "shock anafilattico|reazione allergica|gola gonfia|si gonfia la gola|gonfiando la gola"),
    (Medical, Strong, IT, "punto da + ape|vespa|calabrone"),
    (Medical, Strong, IT, "annega|annegando|affoga|affogando|sta affogando|sta annegando"),
    (Medical, Strong, IT, "non sento + battito|polso|il cuore|respiro"),
    (Medical, Strong, IT, "non batte piu|cuore si e fermato"),
    (Medical, Strong, IT, "e morto|e morta + adesso|all improvviso|in casa|per strada"),
    (Medical, Strong, IT, "non risponde|non rispondono|non si muove|non reagisce|non respira|non si sveglia|non parla + a terra|per terra|in terra|sul pavimento|steso|stesa"),
    (Medical, Strong, IT, "sangue + non si ferma|non smette|dappertutto~|ovunque|a fiotti|tantissimo|che esce|che cola"),
    (Medical, Strong, IT, "tagliat*|ferit*|squarciat* & sangue & tanto|tantissimo|molto|ferma|dappertutto~|ovunque"),
    (Medical, Strong, IT, "rantola|rantolando|cianotic*|occhi rovesciati|labbra blu|sta diventando blu|e diventato blu|e diventata blu|non ha polso|il cuore non batte|cuore non batte|chiamate il 118|chiamate un ambulanza|serve un ambulanza|mandate un ambulanza"),
    (Medical, Strong, IT, "sta per terra|sta a terra|e a terra|e per terra|steso per terra|stesa per terra|sdraiat* per terra|accasciat*|stramazzat*|crollat* a terra|svenut* a terra|un signore per terra|una signora per terra|un uomo per terra|una donna per terra|un anziano per terra|qualcuno per terra"),
    (Medical, Strong, IT, "caduto|caduta|cadut*|cascat* + dalle scale|dalla scala|dal letto|in bagno|in casa|dal balcone|dal tetto|da un albero|dall impalcatura|dal ponteggio"),
    (Medical, Strong, IT, "non riesco ad alzarmi|non riesco a rialzarmi|non riesce ad alzarsi|non riesce a rialzarsi|non si rialza|non si alza piu"),
    (Medical, Strong, IT, "braccio|gamba|mano|faccia|bocca|lato + intorpidit*|paralizzat*|storta|non si muove|addormentat* di colpo"),
    (Medical, Strong, IT, "tagliat* profond*|taglio profondo|ferita profonda|non si ferma il sangue|non smette di sanguinare|qualcosa in gola|non riesce a deglutire|si e strozzat*|si sta strozzando"),
    (Medical, Strong, IT, "troppe pastiglie|troppe pillole|troppi farmaci|troppe gocce|shock anafilattico|gonfia la gola|si gonfia la gola|reazione allergica forte|sta per svenire|si e sentit* male|s e sentit* male|non respira|nun respira"),
    (Medical, Strong, IT, "si e fatto|si e bucato|si e drogato + e non|non risponde|overdose|sta male"),
    (Medical, Strong, IT, "gonfia|gonfiando|gonfie + gola|labbra|lingua|faccia"),
    (Medical, Strong, IT, "finit* in acqua|caduto in acqua|caduta in acqua|in acqua e non|non riemerge|sott acqua e non"),
    (Medical, Strong, IT, "crisi ipoglicemica|ipoglicemia|glicemia bassissima|glicemia altissima|diabetic* e non risponde|colpo di calore|crisi respiratoria|crisi d asma|attacco d asma"),
    (Medical, Strong, EN, "can t move her arm|can t move his arm|cant move her arm|cant move his arm|think it s a stroke|foaming|throat is swelling|pulled from the water|pulled out of the water|lying on the ground|lying on the floor|man on the ground|woman on the ground|someone on the ground|collapsed on|passed out on|i can t get up|i cant get up|can t get up|cant get up|chest pain|chest pains|having a heart attack|face drooping|arm numb|can t feel my arm|slurred|turning blue|lips are blue|no pulse|not breathing|stopped breathing|choking on|fell down the stairs|fell off|fell from|swallowed|took too many|overdosed|seizure|fitting|heatstroke|heat stroke|hypo|diabetic and|unresponsive|call an ambulance|need an ambulance|send an ambulance"),
    (Medical, Weak, IT, "ambulanza~|malore~|sto male|sta male|sto malissimo|sta malissimo|si sente male|mi sento male|si e sentito male|si e sentita male|sto morendo|sta morendo|si e ferito|si e ferita|ferita grave|ferito grave|ustionat*|ustione grave|febbre altissima|pronto soccorso|guardia medica"),
    (Medical, Strong, EN, "not|stopped|trouble|difficulty|struggling|hard to|can t|cant|cannot|isn t|isnt|barely + breath*~"),
    (Medical, Strong, EN, "unconscious~|passed out|fainted|collapsed|not responding|unresponsive|won t wake up|wont wake up|not waking up|doesn t wake|doesnt wake|not moving|blue lips|turning blue"),
    (Medical, Strong, EN, "fell|fallen|fall|slipped + can t|cant|cannot|unable|not|won t|doesn t + get up|move|stand|respond"),
    (Medical, Weak, EN, "heart attack|cardiac arrest|stroke"),
    (Medical, Strong, EN, "chest pain|chest pains|chest hurts|face drooping|slurred speech"),
    (Medical, Strong, EN, "pain in + chest"),
    (Medical, Strong, EN, "bleeding~|bleeds|blood everywhere|lot of blood|lots of blood|losing blood|won t stop bleeding|choking|choked|seizure*~|convulsing|fitting|overdose*|poisoned|throat swelling|drowning|not breathing|no pulse|heart stopped"),
    (Medical, Weak, EN, "allergic reaction|anaphyla*"),
    (Medical, Strong, EN, "lying on the floor|lying on the ground|on the floor|on the ground + not moving|not responding|not breathing|won t answer|unconscious"),
    (Medical, Weak, EN, "ambulance~|dying|very ill|really ill|feel sick|feeling sick|badly hurt|badly injured|seriously injured|emergency room|first aid"),

    // Violence and threats.
    (Violence, Strong, IT, "mi|ci|la|lo|li|le + picchia*~|mena|menano|ha menato|pesta|prende a botte|prende a calci|prende a pugni|ha preso a + botte|schiaffi|calci|pugni"),
    (Violence, Strong, IT, "picchiat*~|pestat*|aggredit*~|accoltellat*|sparat*|strangola*|violentat*~|stuprat*|stupro|molestat*|maltrattat*"),
    (Violence, Strong, IT, "mi|ci + minaccia|minacciano|minacciato|minacciata|vuole uccidere|vuole ammazzare|segue|sta seguendo|perseguita|perseguitano"),
    (Violence, Strong, IT, "minaccia|minacciato|minacciata + coltello|pistola|arma|morte|uccidermi|ammazzarmi"),
    (Violence, Strong, IT, "vuole uccidermi|vuole ammazzarmi|mi vuole uccidere|mi vuole ammazzare|ammazzare tutti|uccidere tutti"),
    (Violence, Weak, IT, "mi ammazza|ci ammazza|mi uccide|ci uccide"),
    (Violence, Strong, IT, "violenza domestica|violenza in casa|stalker|stalking|mi tiene chiusa|mi tiene chiuso|segregat*|sequestrat*|non mi lascia uscire"),
    (Violence, Strong, IT, "chiusa in casa + lui|non posso uscire"),
    (Violence, Strong, IT, "coltello|pistola|arma|armato|armata + minaccia|urla|in casa|fuori|qui|entrato|in mano"),
    (Violence, Strong, IT, "marito|compagno|ex|fidanzato|padre|moglie|compagna + mi|ci + picchia*|minaccia|ammazza|uccide|segue|aspetta sotto casa|fa del male|fa male"),
    (Violence, Weak, IT, "aggression*~|violenza|violenze|botte|rissa|lite + sangue|coltell*|armi"),
    (Violence, Strong, IT, "mani addosso|alzato le mani|alza le mani|prendendo a calci|prendono a calci|preso a calci|calci in testa|pugni in faccia|mi ha costrett*|mi hanno costrett*|abusato di me|abusata|mi ha violentat*|mi hanno violentat*"),
    (Violence, Strong, IT, "urla|urlano|grida|gridano|urlare|gridare + colpi|basta|aiuto|botte|la picchia|lo picchia|la sta picchiando"),
    (Violence, Strong, IT, "si sentono colpi|sento colpi|rumore di colpi|sento urla|sento delle urla + aiuto|basta|picchia*|colpi|piange"),
    (Violence, Weak, IT, "rissa|stanno litigando + forte|in strada|sotto casa|coltelli"),
    (Violence, Strong, IT, "pestando|picchiando|massacrando|menando|prendendo a calci|prendendo a pugni + un ragazzo|una ragazza|un uomo|una donna|qualcuno|un tizio|un signore|una signora|un anziano|un ragazzino"),
    (Violence, Strong, IT, "mi ha chius*|mi hanno chius*|mi tiene chius*|ci ha chius* + in camera|in casa|in bagno|dentro|in cantina"),
    (Violence, Strong, IT, "ha un coltello|ha una pistola|ha un arma|con un coltello|con una pistola|col coltello|impugna"),
    (Violence, Strong, IT, "sta toccando|la sta toccando|mi sta toccando|mi tocca|la tocca|molestando|sta molestando|palpeggia*"),
    (Violence, Strong, IT, "mi sta minacciando|mi stanno minacciando|ho paura che mi uccida|ho paura che mi ammazzi|ho paura che mi faccia del male|aggressione in strada|aggressione in corso|chiede aiuto|chiedeva aiuto|grida aiuto|urla aiuto|violenza domestica|violenza sessuale|mi molesta|mi ha toccat*|mi ha palpat*|ha tirato fuori il coltello|ha tirato fuori una pistola|sento degli spari|sento spari|hanno sparato|stanno sparando|colpi di pistola|lo stanno pestando|la stanno pestando|mi stanno rapinando|mi ha preso il telefono e|non posso uscire mi ha chius*|mi ha chius* dentro"),
    (Violence, Weak, IT, "rissa + in piazza|davanti al bar|in strada|in corso|con coltelli|con bottiglie|a terra|sangue"),
    (Violence, Strong, EN, "fight with|fighting with + on the ground|knife|bottle|blood"),
    (Violence, Strong, EN, "is beating her|is beating him|is hitting her|is hitting him|threatened to kill|threatening to kill|is hurting me|hurting me|touching me|groping|sexual assault|being stalked|stalking me|shots fired|gunshots|someone shooting|they re kicking|kicking him|kicking her|on the ground and|i m locked in|locked in the room|locked me|won t let me out|pulled a knife|has a knife|has a gun|mugging|being mugged|robbing me"),
    (Violence, Strong, EN, "hits me|hitting me|hittin me|hit me|beats me|beating me|beatin me|beat me up|beaten|attacked|attacking|assaulted|assaulting|raped|rape|stabbed|strangl*|abused|abusing me|abusive|threatening me|threatened me|threatens me|following me|stalking|stalker|locked me in|won t let me leave|wont let me leave|domestic violence"),
    (Violence, Weak, EN, "knife|gun"),
    (Violence, Strong, EN, "with a gun|with a knife|holding a gun|holding a knife|waving a knife|waving a gun|pointing a gun|pointed a gun"),
    (Violence, Strong, EN, "going to|wants to|gonna|will|trying to + kill me|kill us|hurt me|hurt us"),
    (Violence, Weak, EN, "fight|fighting|violent|violence + street|outside|blood|now"),

    // A child in danger.
    (Child, Strong, IT, "bambin*|bimb*|ragazzin*|neonat*|minore|piccolo|piccola|figlio|figlia|nipotino|nipotina|criatur*|creatura|guaglion*|piccirill*|picciridd* + solo|sola|soli|da solo|da sola|sulo|sula|sulu + piange|strada|per strada|statale|provinciale|superstrada|autostrada|binari|in giro|supermercato|stazione|parco|notte|freddo|pigiama|in macchina|in auto|senza genitori|nessuno|smarrit*|perso|persa"),
    (Child, Strong, IT, "bambin*|bimb*|ragazzin*|neonat*|figlio|figlia|nipote|nipotino|nipotina + scompars*|sparit*|smarrit*|rapit*|non si trova|non lo trovo|non la trovo|non torna|non e tornato|non e tornata|non e mai arrivat*|non e ancora arrivat*|non e mai tornat*|non e ancora tornat*|non e mai rientrat*|non e ancora rientrat*"),
    (Child, Strong, IT, "bambin*|bimb*|piccol*|ragazzin*|neonat* & canale|fiume|lago|piscina|binari|bordo|strada|statale|balcone|finestra|davanzale & da sola|da solo|nessun adulto|non vedo adulti|senza adulti|senza genitori|nessuno lo guarda|nessuno la guarda"),
    (Child, Strong, IT, "bambin*|bimb*|ragazzin*|piccol* + che piange da solo|che piange da sola|che vaga|perso al|persa al|vicino al fiume|vicino all acqua|sul bordo|in mezzo alla strada|che attraversa da solo|sul balcone|nell auto|in auto|in macchina"),
    (Child, Strong, IT, "ho perso|e sparito|e sparita|hanno portato via|qualcuno ha preso|hanno preso + mio figlio|mia figlia|il bambino|la bambina|il bimbo|la bimba|mio nipote|mia nipote"),
    (Child, Strong, IT, "minorenne scompars*|ragazzin* scappat*|non e rientrat* da scuola|non e tornat* da scuola|caduto nella piscina|caduta nella piscina|auto rovente|sento un bambino urlare|abusi su un bambino|abusi sui bambini|tocca un bambino|tocca una bambina|adesca"),
    (Child, Strong, IT, "non trovo piu|non trovo|perso di vista|persa di vista|non vedo piu + mio figlio|mia figlia|il bambino|la bambina|il bimbo|la bimba|mio nipote|mia nipote|il piccolo|la piccola"),
    (Child, Strong, IT, "bambin*|bimb*|ragazzin*|neonat*|minore|minori|figlio|figlia + maltrattat*|picchiat*|picchia|picchiano|abusat*|molestat*|violenz*|chiuso dentro|chiusa dentro|chiuso a chiave|chiusa a chiave|chiuso in|chiusa in|legat*|abbandonat*|lasciat* solo|lasciat* sola|urla da ore|piange da ore"),
    (Child, Strong, IT, "picchia|picchiano|maltratta|maltrattano|abusa|molesta + bambin*|bimb*|figli*|ragazzin*|minore|minori|neonat*"),
    (Child, Strong, IT, "chiuso in macchina|chiusa in macchina|chiuso in auto|chiusa in auto|in macchina al sole|in auto al sole|in auto sotto il sole|in macchina sotto il sole + bambin*|bimb*|neonat*|figli*"),
    (Child, Strong, IT, "bambin*|bimb*|neonat*|figli* + chiuso in macchina|chiusa in macchina|chiuso in auto|chiusa in auto|in macchina al sole|in auto al sole|in macchina sotto il sole|in auto sotto il sole"),
    (Child, Strong, EN, "child|kid|baby|toddler|boy|girl|son|daughter|children|kids + is lost|are lost|got lost|gets lost|lost in|lost at|lost near|went missing|missing|locked in|locked car|in a hot car|in the car|left in|left alone|abandoned|beaten|being hit|abused|wandering|crying alone|disappeared|kidnapped|taken"),
    (Child, Strong, EN, "can t find|cant find|cannot find|lost + my son|my daughter|my child|my kid|my baby|the child|the kid"),
    (Child, Strong, EN, "hitting|beating|abusing|hurting + child|kid|children|kids|baby|boy|girl"),
    (Child, Strong, EN, "lost child|missing kid|missing child|child near the|kid by the water|fell in the pool|toddler in the road|grabbing a child|took my child|took my son|took my daughter|didn t come home|didnt come home|never came back from school|child screaming|abandoned baby"),
    (Child, Strong, EN, "child|kid|baby|toddler|boy|girl & river|canal|lake|pool|road|highway|motorway|street|balcony|window|tracks|railway|beach|sea|parking|mall & alone|no adults|no parents|nobody watching"),

    (Gas, Strong, IT, "manopola del fornello|fornello aperto|fornello acceso|gas aperto|rubinetto del gas aperto & odore|puzza|si sente|tanfo"),
    (Flood, Strong, IT, "sopra l argine|oltre l argine|scavalca l argine|supera l argine|passando sopra l argine|rompendo l argine"),
    (Flood, Strong, EN, "water + coming inside|is coming inside|getting inside|getting in"),
    (Collapse, Strong, EN, "balcony|roof|ceiling|wall|facade|cornice|chimney + fell|fallen|dropped|came off|came down|just fell"),
    (Collapse, Strong, IT, "sta venendo giu|stanno venendo giu|viene giu|vengono giu|scivolano|scivola & collina|montagna|fango|terreno|alberi|case|frana"),
    (Accident, Strong, IT, "urtato|urta|ha preso|ha colpito|ha investito|ha travolto|ha stirato + un pedone|una pedone|un ciclista|una ciclista|un bambino|una bambina|una persona|un uomo|una donna|un anziano|una signora|un signore|un ragazzo|una ragazza"),
    (Accident, Strong, EN, "ran over|runs over|run over|hit an old|hit a woman|hit a man|hit a boy|hit a girl"),
    (Medical, Strong, IT, "non mi riconosce|non ci riconosce|non riconosce nessuno|non riconosce piu & confus*|scotta|delira|febbre altissima|non sa dove si trova"),
    (Medical, Strong, IT, "sbattuto la testa|battuto la testa|picchiato la testa & sangue|confus*|svenut*|non risponde|vomita|perde conoscenza"),
    (Violence, Strong, IT, "puntato una pistola|puntato un coltello|puntato un arma|pistola in faccia|coltello alla gola|pistola alla tempia"),
    (Intrusion, Strong, IT, "rovista|rovistano|rovistando|fruga|frugano|frugando & cassetti|armadi|casa|camera|sotto|di sotto"),
    (Intrusion, Strong, IT, "porta scassinata|porta forzata|porta sfondata|serratura forzata|finestra forzata|vetro rotto e"),
    (SelfHarm, Strong, IT, "se io non ci fossi piu|se non ci fossi piu|meglio per tutti se|scritto le lettere per|lettere per i miei|lettera per i miei"),
    (Child, Strong, EN, "my son is gone|my daughter is gone|my child is gone|my kid is gone|son is missing|daughter is missing|child is missing|kid is missing"),
    (Child, Strong, IT, "bambin*|bimb*|piccol*|neonat*|ragazzin* + sul davanzale|sul cornicione|sulla ringhiera|sul tetto|alla finestra aperta|sul parapetto|in bilico"),
    // Fire and smoke.
    (Fire, Strong, IT, "a fuoco|in fiamme|prende fuoco|preso fuoco|prendendo fuoco|va a fuoco|andando a fuoco|brucia tutto|sta bruciando|stanno bruciando|fiamme|fiamma|fiame|fiammme|fiammate|divampa|divampato"),
    (Fire, Strong, IT, "fumo~ + esce|uscendo|escono|dalla finestra|dal tetto|dalla casa|dal palazzo|dall appartamento|dal garage|dalla cantina|dal bosco|dalla macchina|dall auto|dal cofano|ovunque|dappertutto|in casa|nero|denso|pieno|piena|tantissimo|scale"),
    (Fire, Strong, IT, "esce|uscendo|escono|vedo|c e|pieno di|piena di|tanto|tantissimo + fumo~"),
    (Fire, Strong, IT, "odore|puzza|puzzo + di bruciato|bruciato|plastica bruciata|fumo"),
    (Fire, Strong, IT, "i bidoni bruciano|bruciano i bidoni|i cassonetti bruciano"),
    (Fire, Strong, IT, "bruciano|brucia|bruciando|in fiamme|a fuoco|prendono fuoco|preso fuoco + bidoni|bidone|cassonetti|cassonetto|auto|macchina|bosco|sterpaglie|tetto|cucina|garage|cantina|camion|furgone|motorino|canna fumaria|camino"),
    (Fire, Strong, IT, "scintille|scintilla|fiammata|scoppiettio|fuma|sta fumando|esce fumo + quadro elettrico|presa|contatore|lavatrice|forno|televisore|tv|caricabatterie|ciabatta|frigo|motore|cofano|canna fumaria|comignolo|tetto"),
    (Fire, Strong, IT, "quadro elettrico|la presa|contatore|lavatrice|cofano|motore + scintille|fa scintille|fuma|sta fumando|prende fuoco|in fiamme|brucia"),
    (Fire, Strong, IT, "chiamate i pompieri|chiamate i vigili del fuoco|mandate i pompieri|mandate i vigili del fuoco|servono i pompieri|servono i vigili del fuoco|incendio in corso|incendio boschivo vicino alle case|fiamme alte|il fuoco si avvicina|fuoco si sta allargando"),
    (Fire, Strong, EN, "sparks|sparking|smoking|on fire|burning|caught fire|flames + fuse box|electrical panel|outlet|socket|panel|meter|engine|car|bins|bin|house|roof|kitchen|woods|garage"),
    (Fire, Strong, EN, "wildfire near|forest fire near|fire near the houses|flames spreading|fire spreading|call the fire brigade|call the fire department|need firefighters|send firefighters|outlet is smoking|smoke alarm going off"),
    (Fire, Weak, IT, "incendi*~|fuoco~|bruciando~|brucia|esplosion*~|esploso|esplosa|scoppiato|scoppiata|scoppio|fumo"),
    (Fire, Strong, EN, "on fire|in flames|caught fire|catching fire|burning down|flames|house is burning|building is burning|car is burning"),
    (Fire, Strong, EN, "smoke + coming|pouring|everywhere|from|out of|filling|thick|black|in the"),
    (Fire, Strong, EN, "smell|smells|smelling + burning|smoke"),
    (Fire, Weak, EN, "fire|burning|explosion|exploded|blaze|smoke"),

    // Gas.
    (Gas, Strong, IT, "odore|puzza|puzzo|tanfo|sento|sente|sentiamo|si sente|perdita|perde|fuoriuscita|esce|sibilo + gas~|metano~|gpl"),
    (Gas, Strong, IT, "gas~ + esce|uscendo|fuoriesce|perde|perdendo|fischia|sibila|ovunque|in casa|in cucina|nelle scale|forte"),
    (Gas, Strong, IT, "monossido~|uova marce|uovo marcio"),
    (Gas, Strong, IT, "bombola + perde|perdendo|fischia|esplos*"),
    (Gas, Strong, IT, "puzza|odore|puzzo + fornello|bombola|tubo del gas|caldaia"),
    (Gas, Strong, IT, "sibilo|fischio|fischia|sibila & odore|puzza|tubo|gas~"),
    (Gas, Strong, IT, "rotto|rotta|bucato|tranciato + tubo del gas|conduttura|tubo + gas~|sibilo|odore"),
    (Gas, Strong, IT, "sa di gas|tubo del gas rotto|tubo del gas tranciato|gas nel condominio|gas in casa|gas nelle scale|bombola che sfiata|bombola sta per esplodere|allarme gas|allarme del gas|rilevatore di gas|intossicat* dal gas|intossicazione da gas|gas lasciato aperto|rischio esplosione|paura che esploda|sta per esplodere|sibilo dal contatore|fischio dal contatore"),
    (Gas, Strong, IT, "mal di testa & nausea|vomito|svenut*|stordit* & stufa|caldaia|camino|braciere|tutti|tutta la famiglia"),
    (Gas, Strong, EN, "pipe is hissing|hissing sound|hissing from|gas pipe broken|gas line|gas main|rotten egg smell|smells like rotten eggs|propane tank|gas cylinder|gas bottle|gas alarm|co alarm|carbon monoxide|gas poisoning|stove left on|might explode|going to explode|about to explode"),
    (Gas, Strong, EN, "headache|headaches|dizzy & nausea|vomiting|heater|boiler|stove|everyone|whole family"),
    (Gas, Weak, IT, "fuga di gas|fughe di gas|perdita di gas|odore di gas|puzza di gas"),
    (Gas, Strong, EN, "smell|smells|smelling|leak|leaking|leaks|hissing + gas"),
    (Gas, Strong, EN, "gas + leak|leaking|smell|hissing|everywhere|in the kitchen|in the house|coming out|escaping"),
    (Gas, Strong, EN, "carbon monoxide|rotten eggs|co alarm"),

    // Collapse, landslide, earthquake.
    (Collapse, Weak, IT, "crollat*~|crolla|crollando|sta crollando|venuto giu|venuta giu|venuti giu|cedut*|sta cedendo|cede|ha ceduto|cadendo a pezzi|si sta aprendo"),
    (Collapse, Strong, IT, "soffitto|tetto|balcone|muro|parete|palazzo|casa|solaio|pavimento|scala|ponte|capannone|cornicione|controsoffitto + caduto|caduta|crollat*|crolla|crollando|cede|cedendo|venuto giu|venuta giu|si e aperto|si e aperta|si muove|trema|scricchiol*"),
    (Collapse, Strong, IT, "crepa|crepe|crepacci*|fessur* + si allarga|si allargano|aprendo|enorme|enormi|grossa|nuova|nuove|all improvviso|scricchiol*"),
    (Collapse, Strong, IT, "sotto le macerie|macerie|sepolt*|intrappolat*|incastrat* + sotto|dentro|macerie|ascensore"),
    (Collapse, Strong, IT, "albero|ramo|palo + caduto|caduta|cadut*|crollat*|crollato + su una casa|sulla casa|sulla macchina|sull auto|su una persona|addosso|sul tetto|su un uomo|su una donna|su un bambino|sopra"),
    (Collapse, Strong, IT, "caduto|caduta|crollato|crollata|venuto giu + un albero|albero|un ramo|ramo|un palo|palo + addosso|su una persona|su un uomo|su una donna|su un bambino|su un signore|su una signora|su una macchina|su un auto|sulla macchina|sull auto|su una casa|sulla casa|sul tetto|sopra una|sopra un"),
    (Collapse, Strong, IT, "scossa|scosse|terremoto~ + adesso|proprio ora|ora ora|appena|forte|fortissima|tremato|trema|tremava|crollat*|paura|sentita|sentito"),
    (Collapse, Strong, IT, "cade l intonaco|muro pericolante|cornicione pericolante|balcone pericolante|si e staccato il balcone|si e staccato un pezzo|cadono calcinacci|calcinacci in strada|stanno cadendo pezzi|si stanno aprendo crepe|si aprono crepe|il pavimento sprofonda|sprofondando|si e aperta una voragine|voragine|il terreno sta scivolando|la collina viene giu|la montagna viene giu|abbiamo sentito la scossa|ho sentito la scossa|ha tremato tutto|trema la casa|trema tutto|sta tremando tutto"),
    (Collapse, Weak, IT, "crepe nei muri|crepe sul muro|crepe nel soffitto|muro crepato"),
    (Collapse, Strong, IT, "albero|ramo|palo|lampione|cartellone|impalcatura|gru + caduto|caduta|cadut* + su una macchina|su un auto|su un passante|su una persona|su un uomo|su una donna|su una casa|sulla strada con|addosso"),
    (Collapse, Strong, IT, "sotto le macerie|sotto i calcinacci|sotto il crollo|sento qualcuno sotto|qualcuno sotto le macerie|bloccat* sotto|intrappolat* sotto"),
    (Collapse, Strong, EN, "ceiling falling|ceiling fell|ceiling came down|balcony came off|balcony fell|chunks falling|pieces falling|falling from the facade|cracks opening|crack is getting bigger|cracks getting bigger|walls cracking|ground is sliding|hill is coming down|strong tremor|house shook|whole house shook|building shook|felt a strong|sinkhole opened|under the rubble|under the debris|trapped under"),
    (Collapse, Weak, IT, "terremoto~|frana~|franat*|franando|smottament*|crollo~|valanga|slavina"),
    (Collapse, Strong, IT, "staccat*|si e staccato|si e staccata|venuto giu|venuta giu|caduto|caduta|crollat* & qualcuno sotto|persone sotto|gente sotto|c e qualcuno|c e gente|sotto ci sono|sepolt*|intrappolat*"),
    (Collapse, Strong, IT, "balcone|cornicione|calcinacci|intonaco|tegole|pezzi di muro + staccat*|caduto|caduti|cadono|stanno cadendo|venuti giu"),
    (Collapse, Strong, EN, "collapsed|collapsing|caved in|cave in|coming down|fell down|falling down + roof|ceiling|wall|building|balcony|house|bridge"),
    (Collapse, Strong, EN, "roof|ceiling|wall|building|balcony|house|bridge|floor + collapsed|collapsing|caved in|fell in|came down|coming down|cracking|is cracking|gave way|giving way"),
    (Collapse, Strong, EN, "trapped under|under the rubble|rubble|buried|tree fell on|tree has fallen on|tree on the car|tree on my car|tree on the house"),
    (Collapse, Strong, EN, "earthquake|tremor|shaking + now|just|strong|felt|building"),
    (Collapse, Weak, EN, "earthquake|landslide|mudslide|collapse|avalanche|sinkhole"),

    // Flood.
    (Flood, Strong, IT, "riempit*|piena|pieno + d acqua|di acqua|acqua"),
    (Flood, Strong, IT, "cantina|garage|scantinato|taverna|tavernetta|seminterrato|box|piano terra + acqua|allagat*|sott acqua"),
    (Flood, Strong, IT, "acqua + entra|entrando|entrata|dentro casa|in casa|sale|salendo|continua a salire|ovunque|dappertutto~|alta in casa|arriva al|fino al ginocchio|fino alle ginocchia|alla vita|nelle case|dal soffitto|non si ferma"),
    (Flood, Strong, IT, "allagat*~|allaga|allagando|allagament*~ + casa|cantina|garage|scantinato|piano terra|appartamento|negozio|adesso|ora|sta|stanno|tutto"),
    (Flood, Strong, IT, "esondando|sta esondando|esondato|esondata|sta straripando|straripando|straripato|tracimando|tracimato|rotto gli argini|ha rotto l argine|uscito dagli argini|uscendo dagli argini|rompe gli argini"),
    (Flood, Strong, IT, "fiume|torrente|canale|rio|fosso + uscendo|uscito|esce|sale|salendo|in strada|sulla strada|per strada|fuori|in piena|straripa|esonda|tracima|supera|sta per uscire"),
    (Flood, Strong, IT, "intrappolat*|bloccat* + acqua|sottopasso|auto|macchina + acqua|allagat*"),
    (Flood, Strong, IT, "sott acqua|sommers* + casa|auto|macchina|strada|paese|quartiere|persone|gente"),
    (Flood, Strong, IT, "allagamento in corso|acqua nel garage|acqua in garage|acqua in cantina|acqua in casa|acqua dentro casa|auto bloccata nel sottopasso|macchina bloccata nel sottopasso|bloccat* nel sottopasso|intrappolat* nell acqua|la macchina galleggia|l auto galleggia|si riempie d acqua|non riesco ad aprire la portiera|passa sopra il ponte|ponte e sommerso|ponte sommerso|rotto l argine|si e rotto l argine|piano terra sommerso|arriva alle ginocchia|arriva alla vita|siamo bloccati al primo piano|siamo saliti sul tetto|siamo isolati|trascina le auto|trascinat* dalla corrente|trascinat* dal fiume|trascinat* dall acqua|non riusciamo a uscire per l acqua|il tombino rigurgita|i tombini rigurgitano"),
    (Flood, Strong, EN, "garage full of water|basement full of water|house full of water|car stuck in the underpass|stuck in the underpass|car floating|can t open the car door|cant open the car door|levee|swept away|sewers overflowing|stuck on the roof|trapped by the water|water up to|cut off by the water"),
    (Flood, Weak, IT, "alluvion*~|allagament*~|allagat*|esondazion*~|inondazion*|tubo scoppiato|tubo rotto"),
    (Flood, Strong, EN, "water + coming in|pouring in|coming into|everywhere|rising|inside the house|in the house|up to my knees|in the basement|through the ceiling|won t stop"),
    (Flood, Strong, EN, "river|stream|creek|canal + overflow*|burst|bursting|flooding|rising fast|breaking|broke|over the banks|into the street"),
    (Flood, Strong, EN, "basement|house|flat|apartment|street|car + flooded|flooding|under water|underwater"),
    (Flood, Strong, EN, "trapped + water|underpass|flood"),
    (Flood, Strong, EN, "river|stream|water + going over|over the bridge|over the road|covering the road|into the houses"),
    (Flood, Weak, EN, "flood*|burst pipe"),

    // Road accidents.
    (Accident, Strong, IT, "investit*~|travolt*|falciat*|messo sotto|messa sotto|hanno preso sotto|preso sotto|preso in pieno|presa in pieno|centrato in pieno"),
    (Accident, Weak, IT, "incidente~|scontro|schianto|schiantat*|tamponament*|frontale + ferit*|sangue|grave|gravi|incastrat*|morto|morti|morta|non si muove|a terra|per terra|ambulanza|incosciente|rovesciat*|ribaltat*|fuoco|adesso|appena successo|qui"),
    (Accident, Strong, IT, "moto|motorino|bici|bicicletta|auto|macchina|camion|furgone|pedone|ciclista + contro|investit*|a terra|per terra + camion|auto|macchina|muro|palo|albero|non si muove|non risponde|sangue"),
    (Accident, Strong, IT, "ribaltat*|cappottat*|uscit* di strada|fuori strada|finit* nel fosso|finita nel fosso|finito nel fosso|contro un albero|contro il muro|contro un palo"),
    (Accident, Strong, IT, "ci sono feriti|feriti gravi|ferito grave|ferita grave|frontale tra|macchina nel fosso|auto nel fosso|auto nel canale|macchina nel canale|ciclista a terra|motociclista a terra|pedone a terra|caduto dalla moto|caduta dalla moto|caduto dal motorino|intrappolat* in macchina|intrappolat* nell auto|incastrat* nelle lamiere|incastrat* in macchina|incastrat* nell auto|non riesce a uscire dall auto|non riesce a uscire dalla macchina|bloccat* dentro l auto|bloccat* dentro la macchina|il guidatore non risponde|l autista non risponde|pirata della strada|e scappato senza fermarsi|auto ribaltata|macchina ribaltata|tamponamento a catena|maxi tamponamento"),
    (Accident, Strong, IT, "scooter|moto|motorino|bici|bicicletta|ciclista|pedone + contro|sotto + auto|macchina|camion|furgone|autobus|bus|tram|treno"),
    (Accident, Strong, EN, "car rolled over|rolled over|went off the road|off the road|pileup|pile up|cyclist hit|pedestrian hit|biker down|rider down|trapped in the car|stuck in the car|stuck in the wreck|can t get out of the car|cant get out of the car|i hit someone|hit a kid|hit a child|driver is unconscious|driver not responding|hit and run|car on its roof"),
    (Accident, Weak, IT, "incidente~|incidenti|scontro|schianto|schiantat*|tamponament*|sinistro stradale"),
    (Accident, Strong, EN, "hit by a car|hit by a truck|hit by a bus|run over|knocked down|knocked over by a car|hit and run|car hit|hit a pedestrian|hit a cyclist|car crashed into|overturned|flipped over"),
    (Accident, Strong, EN, "accident|crash|collision|crashed + injured|hurt|bleeding|trapped|unconscious|not moving|dead|badly|ambulance|just now|right now|on fire"),
    (Accident, Weak, EN, "accident|crash|crashed|collision|car crash"),

    // Intrusion and burglary.
    (Intrusion, Strong, IT, "ladri|ladro|ladre|ladi|laadri|malviventi|rapinator*|scassinator*|intruso|intrusi|sconosciuto|sconosciuti|qualcuno + in casa|dentro casa|dentro|entrati|entrato|entrando|sta entrando|stanno entrando|sul balcone|in giardino|forzando|forzano|scassin*|rompendo|sfondando|in camera|al piano di sotto|di sotto|sento"),
    (Intrusion, Strong, IT, "sono entrati|e entrato|e entrata|sta entrando|stanno entrando|cercano di entrare|cerca di entrare|prova a entrare|provano a entrare|prova ad entrare|provano ad entrare|tentano di entrare|tenta di entrare|cercando di entrare + casa|in casa|dalla finestra|dal balcone|dalla porta|dal retro|dal garage|dal cortile|dalla cantina|dal giardino|dal terrazzo"),
    (Intrusion, Strong, IT, "forzando|forzano|forzare|scassinando|sfondando|sfondare|rompendo + porta|finestra|serratura|tapparella|portone|cancello|la porta"),
    (Intrusion, Strong, IT, "rapina~ + in corso|adesso|ora|banca|negozio|farmacia|tabaccheria|supermercato|posta"),
    (Intrusion, Strong, IT, "stanno rapinando|mi stanno rapinando|rapinando|furto in corso|furto adesso|effrazione"),
    (Intrusion, Weak, IT, "scippo|scippat*|mi hanno scippat*"),
    (Intrusion, Strong, IT, "mi sono chius* in + bagno|camera|stanza"),
    (Intrusion, Strong, IT, "sono nascost*|mi sono nascost*|nascost* + camera|bagno|armadio|stanza|sotto il letto"),
    (Intrusion, Strong, IT, "allarme suona e|sento passi|qualcuno sale le scale|mi sono nascost*|sono ancora dentro|sento rumori in casa|rumori in casa|prova la maniglia|provano la maniglia|alzano la serranda|alzano la saracinesca|svaligiando|svaligiano|stanno rubando|rubano in|rubando in|sono entrati dal|e entrato dal|stanno tagliando l inferriata|tagliano l inferriata|hanno forzato|forzano|forzando|li vedo dalla telecamera|la telecamera riprende|furto in corso|scasso in corso|qualcuno sul terrazzo|qualcuno sul balcone|qualcuno in giardino|uno in giardino|uno sul balcone"),
    (Intrusion, Strong, EN, "strangers inside|breaking the window|prying|climbing the balcony|in the backyard|alarm went off and|footsteps downstairs|i m hiding|im hiding|still inside|noises in the house|noise downstairs|someone trying the handle|trying the door handle|lifting the shutter|robbing the shop|being burgled|burglary in progress|break in in progress|someone on the balcony|someone on my balcony|someone in the garden|someone in my garden|cutting the bars|forced the garage|on the camera|on my camera|camera shows"),
    (Intrusion, Weak, IT, "ladri|ladro|furto|rapina|rapinat*"),
    (Intrusion, Strong, IT, "rumori|rumore|passi & piano di sotto|di sotto|in casa|in cantina|in soffitta|in salotto & porta aperta|e aperta|sono sola|sono solo|ho paura|sono chius*|nascost*"),
    (Intrusion, Strong, IT, "telecamera|telecamere|videocamera & dentro|in casa|gente|persone|qualcuno|ladri|sconosciut*"),
    (Intrusion, Strong, IT, "gente|persone|qualcuno|sconosciut*|uomini|tizi + gira|girano|dentro casa mia|in casa mia|nel negozio|in negozio|nel mio negozio|in ufficio"),
    (Intrusion, Strong, IT, "forzato|forzata|forzando|rotto|spaccato|alzato|sollevato + la saracinesca|saracinesca|serranda|la serranda|inferriata"),
    (Intrusion, Strong, IT, "c e|ci sono|ce + uno|qualcuno|un uomo|degli uomini|gente|persone|sconosciut*|un tizio|dei tizi + in casa|dentro casa|in camera|nel giardino|in giardino|sul balcone|in cantina|sul terrazzo"),
    (Intrusion, Strong, IT, "forzato|forzata|scassinato|scassinata|sfondato|sfondata|rotto|spaccato + porta|serratura|finestra|portone|cancello|vetro"),
    (Intrusion, Strong, IT, "piede di porco|passamontagna|incappucciat*|scavalcando|scavalcano|scavalcato|cercando di aprire|cercano di aprire|provando ad aprire|provano ad aprire|provano a forzare"),
    (Intrusion, Strong, EN, "trying to open + door|window|back door|front door|gate|lock"),
    (Intrusion, Strong, EN, "men|people|someone|somebody|strangers + inside the shop|inside the house|inside my house|in the shop|in my shop"),
    (Intrusion, Strong, EN, "broke|broken|forced|forcing|smashed + the shutter|shutter|the lock|the window|the door"),
    (Intrusion, Strong, EN, "people|someone|somebody|man|men|stranger + in my garden|in the garden|in my yard|on my balcony|in my room"),
    (Intrusion, Strong, EN, "burglar*|intruder*|break in|breaking in|broke in|breaking into|broke into|break into|someone in my house|someone in the house|someone inside|somebody in my house|somebody inside|someone is inside|stranger in|robbery in progress|being robbed|robbing|hiding in"),
    (Intrusion, Strong, EN, "someone|somebody|man|men|people + trying to get in|trying to break|breaking|forcing + door|window|in"),
    (Intrusion, Weak, EN, "thieves|thief|robbery|robbed|burglary"),
    // Regional and foreign spellings, and plain descriptions of what is seen.
    (Fire, Weak, IT, "fogo|focu|fuocu|fuogo|fugo"),
    (Medical, Strong, None, "nie oddycha|nu respira|nu mai respira|no respira|no puede respirar|ne dishe|nuk merr fryme|atmet nicht|ne respire plus|ne respire pas"),
    (Violence, Strong, None, "ma bate|mă bate|ne bate|me pega|mi bije|bije me|mnie bije|mich schlagt|me frappe"),
    (Help, Strong, None, "pomocy|pomoc|ajutor|ajutati|ajutati ma|ndihme|ndihm|socorro|ayuda|ayudame|hilfe|pomogite|pomogi|yardim|imdad|musaada|najda|ساعدوني|النجدة|أنقذوني"),
    (Fire, Strong, IT, "ciapa|ciapà|chiappato|pigliato|pijato|piatu + fogo|focu|fuoco|fuocu"),
    (Flood, Strong, IT, "acqua|aqua|acqua e gia + dintra|drento|dentru|inta|indra|ind + casa|a casa|cantina"),
    (Flood, Strong, IT, "ciumi|sciume|sciumi|ciume|fiume|torrente + niscennu|nescenno|sta niscennu|sta uscendo|esce|straripa"),
    (Flood, Strong, IT, "case|casa|cantine|negozi|garage + si stanno riempiendo|si sta riempiendo|si riempiono|si stanno allagando|si sta allagando|piene d acqua|piena d acqua"),
    (Accident, Strong, IT, "ribaltat*|ribbaltat*|ribbartat*|ribartat*|capottat*|cappottat*|volato fuori strada|finito fuori strada|uscito di strada"),
    (Medical, Strong, IT, "gamba girata|gamba storta|gamba rotta|gamba spezzata|braccio rotto|braccio girato|caviglia rotta & strilla|urla|grida|piange|non si muove|a terra|per terra|sangue"),
    (Medical, Strong, IT, "non mi tiro su|non si tira su|non riesco a tirarmi su|non riesce a tirarsi su|non mi rialzo|non riesco ad alzarmi da terra|sono a terra e|so a terra|so caduta|so caduto|so scivolata|so scivolato"),
    (Violence, Strong, EN, "grabbed me|pulled me|dragged me|tried to pull me|tried to drag me|tried to grab me|chasing me|chased me|cornered me|won t let me leave|wont let me leave|locked me in"),
    (Violence, Strong, EN, "man|men|guy|someone|he|she|they + is punching|are punching|punching|kicking|is beating|are beating|beating up|slapping|choking|strangling + a woman|a man|a girl|a boy|her|him|someone|me"),
    (Intrusion, Strong, IT, "mariuoli|mariuolo|mariol*|lader|ladar|laddri|latri + casa|dint|dentro|drento|in casa|a casa"),
    (Intrusion, Strong, IT, "portano via tutto|portando via tutto|stanno rubando|sta rubando|rubano tutto|stanno svuotando|caricano la roba|stanno caricando la roba"),
    (Child, Strong, IT, "fio|fia|fiol|fiola|fijo|fija|fiju|figghiu|figghia|criatura|creatura|guaglione|guagliona|piccirillo|picciriddu|piccinin|bocia|pupo|pupa|il mio bambino|la mia bambina + spario|sparìo|sparit*|sparì|si e perso|si e persa|no lo trovo|nol trovo|non lo trovo|non la trovo|no la trovo|nun o trovo|nun a trovo|scompars*"),
    (Child, Strong, EN, "we lost our|we have lost our|can t find our|cant find our|cannot find our|lost track of our|lost track of my + son|daughter|kid|child|boy|girl|baby|toddler"),
    (SelfHarm, Strong, IT, "tutte le pastiglie|tutte le pillole|tutte le pasticche|tutte le compresse|tutti i farmaci|tutte le medicine|tutti i sonniferi|tutto il flacone|tutta la scatola|prenderle tutte|prenderle insieme|ingoiarle tutte|mandarle giu tutte|buttarle giu tutte"),
    (SelfHarm, Strong, EN, "all the pills|all my pills|all of my pills|whole bottle of|whole box of|whole pack of|swallow them all|take them all"),
    (Accident, Strong, EN, "got hit by|was hit by|been hit by|just hit by|hit by a + car|scooter|bike|motorbike|motorcycle|truck|van|bus|lorry|tram|taxi"),    (SelfHarm, Strong, EN, "wants to die|wanted to die|wanting to die|going to end it|gonna end it|end it tonight|end it now|killing himself|killing herself|kill themselves|killing themselves|cutting herself|cutting himself|goodbye text|goodbye note"),
    (SelfHarm, Strong, IT, "non mi troveranno|non ci saro piu|la faccio finita|a che serve andare avanti|a che serve vivere|starebbero meglio senza di me|stareste meglio senza di me|state meglio senza di me|essere un peso|sono un peso|la smetto di essere|chiudo tutto stanotte|stanotte la raggiungo|stanotte lo raggiungo"),
    (SelfHarm, Strong, IT, "si butta|mi butto|buttarmi|buttarsi|mi lancio|si lancia + nel fiume|dal ponte|dalla finestra|dal balcone|dal viadotto|dal davanzale|sotto il treno|sotto un treno|dal tetto"),
    (Violence, Strong, IT, "ha un coltello|ha una lama|con un coltello|col coltello|con una lama|co n cortello|co un cortello|avi u cuteddu|cu u cuteddu|cu nu curtiello|ha una pistola|ha un fucile|prendere il fucile|prende il fucile"),
    (Fire, Strong, IT, "comincia a fumare|inizia a fumare|cominciato a fumare|iniziato a fumare|sta iniziando a fumare|escono scintille|esce fumo nero|esce fumo denso"),
    (Fire, Strong, IT, "c e fuoco|ce fuoco|c e il fuoco|sento crepitare|crepita|sta bruciannu|brusa|brusa dut|fogu"),    (SelfHarm, Strong, IT, "preparato la corda|la corda in|una corda in|domani non ci saro|stasera e l ultima|e l ultima sera|stasera finisco tutto|finisco tutto stasera|vado al lago e non torno|vado al fiume e non torno|ho scritto le lettere|lettere di addio|lettera d addio|non avro bisogno di niente|ho sistemato le carte per|gli voglio bene e che mi dispiace|prendere tutte stasera"),
    (SelfHarm, Strong, IT, "starebbero tutti meglio senza di me|stareste meglio senza di me|starete meglio senza di me|meglio senza di me|a cosa serve continuare|a che serve continuare|a che serve vivere|a cosa serve vivere|me ne vado per sempre|non servira piu a nessuno|non mi servira piu|dopo stanotte non|da domani non ci saro|il mio gatto lo lascio|i miei animali li lascio"),
    (SelfHarm, Strong, EN, "a rope ready|the rope ready|got a rope|bought a rope|nobody would notice if i|no one would notice if i|if i was gone|if i were gone|written the letters|goodbye letters|last message to anyone|last message to you all"),
    (Medical, Strong, IT, "massaggio al cuore|massaggio cardiaco|faccia storta|bocca storta|non trova le parole|parla strano|ingoiato una pila|ingoiato la pila|ingoiato una batteria|ingoiato una moneta|ingoiato del detersivo|ingoiato la candeggina|sbava|confuso e sudato|sudato e confuso|tutto sudato e confuso"),
    (Medical, Strong, EN, "face is drooping|face drooping|one side of his face|one side of her face|couldn t get his words out|couldn t get her words out|slurring|swallowed a battery|swallowed a button battery|chest compressions|doing cpr|giving cpr|started cpr"),
    (Gas, Strong, IT, "caldaia|stufetta|stufa a gas|braciere|bombola & mal di testa|sonno fortissimo|sonnolenza|vomit*|nausea|non riesce a stare sveglia|svenut*|soffio strano|sibilo"),
    (Gas, Strong, EN, "boiler|heater|stove & headache|headaches|sleepy|drowsy|vomiting|throwing up|dizzy|hissing"),
    (Child, Strong, IT, "figlio|figlia|bambin*|bimb*|ragazzin* & non e mai arrivat*|non e ancora arrivat*|non e mai tornat*|non e ancora tornat*|non e mai rientrat*|non e ancora rientrat*"),
    (Child, Strong, IT, "bambin*|bimb*|ragazzin* & sul cornicione|sul davanzale|sulla ringhiera|sul parapetto|in bilico|sui binari"),
    (Child, Strong, IT, "bambin*|bimb*|neonat*|piccol* & finestrini chiusi|finestrino chiuso|finestrini alzati"),
    (Medical, Strong, IT, "non riusciamo a scendere|non riesco a scendere|bloccati sul sentiero|bloccato sul sentiero|bloccata sul sentiero|trema di freddo|gamba girata al contrario"),
    (Collapse, Strong, IT, "tettoia|pensilina|solaio|soffitto|ponteggio|impalcatura + caduta sulla gente|caduto sulla gente|sulle persone|si sta abbassando|ha fatto uno schiocco|scricchiola"),
    (Collapse, Strong, IT, "la frana ha preso|la frana ha travolto|frana sulla casa|frana sulle case|fango sulle case|fango ha preso"),
    (Accident, Strong, IT, "macchine accartocciate|auto accartocciate|moto per terra|motociclista a terra|motociclista per terra|ciclista a terra|urtato da|urtata da|investito da|investita da|mi ha preso in pieno|mi ha investito"),
    (Violence, Strong, IT, "divieto di avvicinamento|mi sta aggredendo|ci sta aggredendo|sta aggredendo|preso a pugni|prende a pugni|presa a pugni|mi ha spinto giu|mi ha spinta giu|mi ha spinto contro|mi ha spinta contro|mi ha spinto a terra|mi ha spinta a terra|chiude me in casa|mi chiude in casa|mi tiene chiusa|la fa finita con me|se scendo mi ammazza"),
    (Child, Strong, IT, "bambin*|bimb*|figli*|piccol*|nipot* & non c e piu|non lo trovo piu|non la trovo piu|si e allontanato|si e allontanata|soli in casa da|sola in casa da|solo in casa da|hanno fame e"),
    (Child, Strong, IT, "andata al largo|andato al largo|il vento la porta via|il vento lo porta via|gli fa delle cose|le fa delle cose"),
    (Child, Strong, EN, "son was gone|daughter was gone|son is gone|daughter is gone|let go of my hand|alone at home since|home alone since"),
    (Child, Strong, EN, "son|daughter|kid|child|boy|girl|baby|toddler & can t find her|can t find him|cant find her|cant find him"),
    (Flood, Strong, IT, "la corrente si e portata via|la corrente ha portato via|portata via dalla corrente|portato via dalla corrente|acqua viene dalla porta|acqua entra dalla porta|acqua sotto la porta"),
    (Flood, Strong, EN, "water is coming under the door|water coming under the door|water coming in|water is coming in|swept away|car in the river|washed away"),
    (Intrusion, Strong, IT, "sensori che scattano|i sensori scattano|l allarme scatta|allarme di casa scattato|l allarme e scattato"),
    (Gas, Strong, IT, "fuga di gas|perdita di gas|odore di gas|puzza di gas + davanti|in via|nel|nella|al|dal|qui|sotto|dentro"),
    // Threats spoken aloud, weapons taken up, and what is seen of a break-in.
    (Violence, Strong, IT, "urla|dice|grida|gridando|urlando|minaccia|ha detto + che + ci ammazza|mi ammazza|ci uccide|mi uccide|ammazza tutti|uccide tutti|ci ammazza tutti|ammazzarci"),
    (Violence, Strong, IT, "va ad ammazzare|va ad uccidere|va a uccidere|andare ad ammazzare|andare a uccidere|vuole ammazzare|vuole uccidere|vado ad ammazzare|sta andando ad ammazzare + il|la|lo|un|una|mio|mia|suo|sua|quel|quella"),
    (Violence, Strong, IT, "preso il fucile|preso la pistola|preso il coltello|preso un coltello|preso la doppietta|tirato fuori il fucile|caricato il fucile|carica il fucile"),
    (Violence, Strong, IT, "sta prendendo a + pugni|calci|testate|spallate + la porta|il portone|la finestra|la macchina"),
    (Intrusion, Strong, IT, "stanno spaccando|sta spaccando|spaccano|stanno rompendo|sta rompendo + la vetrina|vetrina|vetrine|il vetro|i vetri|la vetrata|la porta|la finestra|la serranda"),
    (Intrusion, Strong, IT, "casa del vicino|casa dei vicini|casa della vicina|appartamento del vicino|villa accanto|casa accanto & torce|torcia|persone|uomini|tizi|gente|qualcuno|sconosciut* & dentro|nella|escono|uscendo|borse|sacchi"),
    (Medical, Strong, IT, "si tiene il petto|si stringe il petto|si tocca il petto|suda freddo|sudore freddo|sudando freddo|male fino al braccio|male al braccio sinistro|dolore al braccio sinistro|formicola il braccio"),
    (Medical, Strong, IT, "nol se mov*|no se mov*|nun se mov*|un se mov*|non se mov*|nol se mof|no se mof|nol se leva|no se leva"),
    (SelfHarm, Strong, IT, "addio vi voglio bene|addio a tutti vi voglio bene|vi voglio bene addio|vi ho voluto bene|perdonatemi addio|addio perdonatemi"),
    (SelfHarm, Strong, IT, "ha la corda|ha una corda|preso la corda|preso una corda|con una corda & garage|cantina|soffitta|non risponde|addio|bosco|albero|trave"),
    (SelfHarm, Strong, EN, "nobody would even notice|nobody would notice|no one would even notice|no one would notice|nobody would miss me|no one would miss me|nobody would care if i|no one would care if i|nobody will miss me|no one will miss me"),
    (SelfHarm, Strong, EN, "looking at the water|staring at the water|looking down at the water|looking at the tracks|staring at the tracks & nobody|no one|lost|alone|can t|cant|anymore|goodbye"),
    (Child, Strong, IT, "lasciat*|lasciano|lascia + i bambini|il bambino|la bambina|i due bambini|i figli|i bimbi|i piccoli|il piccolo|la piccola|il neonato + soli|solo|sola|da soli|da solo|da sola"),
    (Child, Strong, IT, "bambin*|bimb*|figli*|piccol* & soli da ieri|soli da giorni|soli da ore|sola da ieri|solo da ieri|chiusi a chiave|chiusa a chiave|chiuso a chiave & piangono|piange|fame|nessuno"),
    (Child, Strong, EN, "kid|son|daughter|child|boy|girl|toddler|year old & got separated|separated from us|separated from me|lost in the crowd|we lost her|we lost him|can t see her anywhere|can t see him anywhere"),
    (Child, Strong, EN, "son|daughter|kid|child|boy|girl|year old & didn t come back|didnt come back|hasn t come back|hasnt come back|hasn t come home|hasnt come home|should have been home|should have been back|nobody has seen him|nobody has seen her|no one has seen him|no one has seen her"),
    // Means made ready, farewells, and what is seen of a seizure, a person down, a crash with an injured.
    (SelfHarm, Strong, IT, "comprato|procurato|preparato|nascosto|messo da parte + la corda|una corda|il veleno|del veleno|le lamette|una lametta|i sonniferi|tutti i sonniferi|tutte le pillole"),
    (SelfHarm, Strong, IT, "pillole|pastiglie|sonniferi|compresse|corda|lamette + pronte|pronta|pronti|preparat*|le ho contate|gia contate"),
    (SelfHarm, Strong, IT, "salutatemi|salutatela|salutatelo|dite addio a|ditegli che gli voglio bene + mia mamma|mia madre|mio padre|mio papa|i miei|mia moglie|mio marito|i miei figli|mia figlia|mio figlio"),
    (SelfHarm, Strong, IT, "non dovrete piu preoccuparvi|non dovrai piu preoccuparti|non saro piu un peso|non saro piu un problema|non vi daro piu fastidio|non vi disturbero piu|dopo stasera non|dopo oggi non conta|non voglio piu esserci|non voglio piu esistere|smettere di esistere|non svegliarmi piu|mi ha mandato un messaggio di addio|ci ha salutati per sempre"),
    (SelfHarm, Strong, IT, "fatto testamento|fatto il testamento|scritto il testamento & non ci sono|non ci saro|addio|lascio le chiavi|ultim*"),
    (SelfHarm, Strong, None, "metto fine|mettere fine|mettero fine|porre fine|pongo fine + a tutto|alla mia vita|a questa vita|ai miei giorni"),
    (SelfHarm, Strong, IT, "metto fine a questa storia|mettere fine a questa storia|la chiudo qui & stanotte|stasera|per sempre|stanco di tutto|stanca di tutto"),
    (SelfHarm, Strong, None, "took|swallowed|taken|ho preso|ho ingoiato|ha preso|ha ingoiato + a lot of|lots of|loads of|a bunch of|a handful of|un sacco di|troppe|una manciata di + pills|tablets|antidepressants|sleeping|painkillers|paracetamol|pillole|pastiglie|antidepressivi|sonniferi|tachipirina"),
    (Medical, Strong, EN, "drank|drunk|swallowed|ate|eaten + bleach|detergent|washing liquid|dishwasher tablet|laundry pod|ammonia|antifreeze|weed killer|rat poison"),
    (Help, Strong, None, "emergenza grave|emergenza seria|un emergenza vera|serious emergency|real emergency"),
    (SelfHarm, Strong, EN, "pills|tablets|rope|sleeping pills|razor + ready|lined up|saved up|stockpiled|counted out|in front of me"),
    (SelfHarm, Strong, EN, "texted me goodbye|texted us goodbye|texted goodbye|messaged me goodbye|sent me a goodbye|said goodbye and|tell my mum i|tell my mom i|tell my kids i|tell my mother i|won t matter after|wont matter after|after tonight nobody|nobody will need to worry|no one will need to worry|won t have to worry about me|wont have to worry about me|won t be a burden|wont be a burden|won t bother anyone anymore|on the tracks and the train|on the tracks the train|train is coming and i"),
    (Medical, Strong, IT, "steso|stesa|distes*|sdraiat*|a terra|per terra|sul marciapiede|sul pavimento + non si muove|non reagisce|immobile|non respira|non apre gli occhi"),
    (Medical, Strong, IT, "non si muove|non reagisce|immobile|non respira + a terra|per terra|steso|stesa|sul marciapiede|sul pavimento"),
    (Medical, Strong, IT, "steso|stesa|distes*|sdraiat*|accasciat* & non risponde"),
    (SelfHarm, Strong, None, "messaggio|scritto|vocale|message|texted|wrote|sent & vuole bene|vi voglio bene|perdonatemi|mi dispiace per tutto|addio|loves us|loves me|love you all|sorry for everything|goodbye & non risponde|telefono spento|spento il telefono|irraggiungibile|phone is off|not answering|isn t answering|not picking up|reach her|reach him|unreachable"),
    (SelfHarm, Strong, None, "prima di andarmene|prima di andare via per sempre|preparato tutto per andarmene|volevo solo dirlo a qualcuno|volevo solo salutare qualcuno|before i go for good|just wanted someone to know|just needed to tell someone|just wanted to tell someone"),
    (Medical, Strong, EN, "mouth is crooked|face is crooked|can t speak properly|cant speak properly|can t talk properly|cant talk properly|speech is slurred|eyes rolled back|eyes rolling back|foaming at the mouth|shaking all over|shaking uncontrollably|jerking and|won t wake|wont wake"),
    (Medical, Strong, EN, "lying|slumped|on the ground|on the floor|on the pavement & not moving|isn t moving|isnt moving|not responding|won t respond|unresponsive"),
    (Accident, Strong, IT, "scontro|incidente|investit*|tamponat*|frontale|schiantat*|si sono scontrat* & non si alza|non si rialza|non si muove|incastrat*|sangue"),
    (Accident, Strong, EN, "crash|collision|crashed|accident|hit by & not getting up|isn t getting up|not moving|isn t moving|unconscious|bleeding|trapped"),
    (Child, Strong, None, "bambin*|bimb*|ragazzin*|alunn*|figli*|boy|girl|child|kid|pupil|son|daughter & lividi|bruciature|segni di botte|burns|bruises|welts & patrigno|compagno della madre|compagno della mamma|stepdad|stepfather|boyfriend did it|does it|did it|lo picchia|la picchia|lo picchiano|beats him|beats her|hits him|hits her"),
    (Child, Strong, None, "bambin*|bimb*|ragazzin*|alunn*|figli*|boy|girl|child|kid|son|daughter & paura di tornare a casa|paura di andare a casa|terrified to go home|scared to go home|afraid to go home|lost in the woods|lost in the forest|lost on the mountain|is lost in|got lost in|went missing|has gone missing|perso nel bosco|persa nel bosco|sta facendo buio|getting dark"),
    (Violence, Strong, None, "il mio ex|la mia ex|mio ex|ex marito|ex compagno|ex fidanzato|my ex|ex husband|ex boyfriend & me la pagherai|me la paghi|me la fara pagare|sa dove abito|sa dove sono|mi segue|continua a scrivermi|mi minaccia|pay for it|knows where i|keeps texting me that|threaten*"),
    (Violence, Strong, IT, "mi ha dato uno schiaffo|mi ha dato degli schiaffi|mi ha dato uno schiaffone|mi ha schiaffeggiat*|mi ha preso a schiaffi|mi ha tirato uno schiaffo|non mi fa uscire|non mi lascia uscire|mi ha chiuso dentro|mi ha chiusa dentro|mi ha chiuso in casa|mi ha chiusa in casa"),
    (Collapse, Strong, None, "muro|casa|soffitto|parete|pavimento|palazzo|balcone|pilastro|trave|tetto|wall|ceiling|house|floor|balcony & si sta sgretolando|si sgretola|si inclina|si sta inclinando|sta cedendo|si sta staccando|sentiamo dei colpi|crumbling|is leaning|started leaning|sagging|giving way|is cracking"),
];

/// Messages made only of these words (at least one of the first group) are a bare cry for help.
#[rustfmt::skip]
const HELP_WORDS: &[&str] = &[
    "aiuto", "aiut", "ajutateme", "aiutatemi", "aiutami", "aiutateci", "aiutate", "aiutatela", "aiutatelo", "soccorso",
    "soccorsi", "sos", "help", "helpme", "mayday", "emergenza", "emergency", "urgente", "urgent",
    "pericolo", "danger", "correte", "venite", "presto", "subito", "salvatemi", "salvami", "aiuti",
    "aiutarmi", "aiutateme", "aiutame", "ajuto", "hellp", "halp", "hepl", "aiuot", "aiutu", "ajutu", "ajutor", "ndihme", "ndihm",
    "socorro", "ayuda", "ayudame", "ajuda", "secours", "aide", "aidez", "hilfe", "dopomoha",
    "pomogite", "pomogi", "pomoc", "pomocy", "yardim", "imdad", "musaada", "najda",
];
#[rustfmt::skip]
const HELP_FILLER: &[&str] = &[
    "me", "mi", "ci", "vi", "prego", "per", "favore", "piacere", "please", "pls", "plz",
    "qualcuno", "someone", "somebody", "anyone", "i", "need", "ho", "bisogno", "di", "un", "una",
    "c", "e", "is", "it", "s", "an", "a", "ti", "la", "il", "l", "now", "ora", "adesso", "sono",
    "in", "siamo", "we", "are", "am", "qui", "here", "vi", "supplico", "scongiuro", "quick",
    "fast", "hurry", "questa", "this", "un", "serve", "servono", "ambulanza", "ambulance", "x",
    "va", "rog", "por", "favor", "moi", "au", "bitte", "mir", "uns", "nous", "ju", "lutem", "te",
    "mene", "vas", "prosim", "prosze", "voi", "us", "pe", "carita", "rispondete", "rispondetemi",
    "risponda", "answer", "respond",
];

/// Routine context: set weak rules aside, unless the message also shows urgency.
#[rustfmt::skip]
const ROUTINE: &[&str] = &[
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
    "in case|if there is|if there s|if there was|if there were|what if|meeting point|smoke alarm|smoke detector|fire extinguisher|extinguisher|home care|throw away|dispose|where can i|where are the|who do we contact|who should i contact|died in",
    "settimane fa|cimitero|funerale|tomba|facebook|instagram|sui social|on facebook|on the news|cancelled|canceled|replacement|delayed|diverted|soppress*|deviazione|dying of heat|dying of stress|dying of boredom|dying of hunger|dying of thirst|dying of curiosity|phone is dying|battery is dying|competition|licence|license|porto d armi|requisiti|requirements|concorso",
    "yesterday|last week|last month|last year|ago|report|form|insurance|claim|copy|certificate|course|training|drill|open day|exhibition|festival|concert|movie|film|book|game|volunteer*|in case of|what to do if|what should i do if|how to|information|prevention|fire station|fire brigade|fire department|firefighters|history|memorial|fireworks|bonfire|joke|kidding|lol|haha|fine|ticket|permit|refund|compensation|tax|bill|since weeks|for days|for weeks|diet|canteen|news|show|had a|in january|in february|in march|in april|in may|in june|in july|in august|in september|in october|in november|in december|fire show|fire dance|council meeting|of laughter|laughing|stock|market|couch|sofa|server|computer|phone|opening hours|hours|reconstruction|grant|dying to|dying for|to know|no one hurt|nobody hurt|nobody was hurt|no injuries|risk|map|ban",
];

/// Signs that something is happening now: they keep weak rules in force despite a routine
/// context.
#[rustfmt::skip]
const URGENT: &[&str] = &[
    "proprio adesso|proprio ora|in questo momento|subito|presto|correte|venite|aiuto aiuto|aiuto presto|aiuto correte|aiuto vi prego|vi prego aiuto|chiedo aiuto|aiutatemi|aiutami|sos|e urgente|aiuto urgente|urgente aiuto|urgentissimo|sta succedendo|sta accadendo",
    "ma ora|ma adesso|ma in realta|anzi no|lascia stare|non importa|but now|but actually|forget it|never mind|oddio|o dio|cavolo|accidenti|mamma mia|porca miseria|oh no|oh my god|omg",
    "e ancora dentro|sono ancora dentro|e ancora li dentro|sono ancora li dentro|e ancora intrappolat*|sono ancora intrappolat*|e ancora sotto|sono ancora sotto|ancora in casa|ancora dentro|still inside|still in the house|still trapped|still here",
    "adesso & c e|ce|sta|stanno|brucia|bruciando|esce|escono|entra|entrando|arriva|arrivando|vedo|sento|sentiamo|vediamo",
    "right now|hurry|quick|help me|help us|please help|someone help|send help|it s urgent|its urgent|urgent help",
];

/// Words that say, in so many words, that nobody is in danger: they set aside every kind but
/// self-harm and a child in danger, where a wrong "no" costs too much.
#[rustfmt::skip]
const NOT_DANGER: &[&str] = &[
    "verbalmente|a parole|in senso figurato|per modo di dire|senza feriti|nessun ferito|niente feriti|non ci sono feriti|nessuno ferito|nessuno si e fatto male|nessuno e rimasto ferito|non e un emergenza|non e urgente|niente di grave",
    "sparato una multa|sparata una multa|sparato un verbale|ho sognato|sognato che|ho fatto un incubo|in sogno|alla play|playstation|videogioc*|fortnite|minecraft|prima che mi venga|mi fate venire|mi fa venire",
    "i dreamt|i dreamed|in my dream|had a nightmare|video game|videogame|playstation|fortnite",
    "mi hanno sparato un|sparato un accertamento|sparato una cartella|morto e sepolto|sotto le spese|sotto i debiti|non da fastidio|non da pericolo|nessun pericolo|non e pericoloso|transennat*|investito un cane|investito un gatto|investito il cane|investito il gatto",
    "dove compro|dove comprare|dove acquistare|dove si compra|non c e nessuno dentro|dentro non c e nessuno|edificio abbandonato|casa abbandonata|scuola abbandonata|disabitat*",
    "where can i buy|where to buy|where do i buy|nobody inside|no one inside|nobody lives there|empty building|abandoned building",
    "could get hurt|might get hurt|potrebbe farsi male|si possono fare male|si puo fare male|rischia di farsi male|rischiano di farsi male|niente di urgente|nulla di urgente|non urgente|not urgent|nothing urgent",
    "get rid of|dispose of|throw away|bombola vuota|bombole vuote|empty cylinder|pieno di metano|fare il pieno|distributore|rifornimento|mastello|bidone del vetro|campana del vetro",
    "mai sparato|prova con l arma|prova di tiro|poligono|porto d armi|gun licence|gun license|firearms test|rievocazion*|re enactment|reenactment|rischia lo shock|rischia uno shock|dieta alla mensa|comunico la dieta|comunicare la dieta",
    "annegando|affogando|annego|affogo|sommers* + nei debiti|di debiti|nelle bollette|nelle tasse|di lavoro|nel lavoro|nella burocrazia|nelle carte",
    "sto morendo|muoio|sto per morire + per la puzza|dalla puzza|di puzza|dal freddo|dal caldo|dalla fame|di sete|dalla sete|dalla noia|di sonno|dal sonno|dalla curiosita|dalla vergogna|di stress|dallo stress|drowning in debt|drowning in bills|drowning in paperwork",
    "fire hydrant|hydrant|idrante|nothing is burning|nothing s burning|not burning anymore|non brucia piu|gia spento|gia spenti|already out",
    "phone is dying|battery is dying|battery dying|telefono sta morendo|batteria scarica|telefono scarico",
    "no danger|not dangerous|hit a dog|hit a cat|ran over a dog|ran over a cat|cordoned off",
    "uscita da una situazione di violenza|uscito da una situazione di violenza|uscita da una relazione violenta|in casa protetta|ora sono al sicuro|adesso sono al sicuro|ora siamo al sicuro|i m safe now|i am safe now|we are safe now|got out of a violent|rischio di shock|rischio shock|con rischio di|dieta speciale",
    "spazzatura e per terra|spazzatura per terra|immondizia per terra|rifiuti per terra|sacchi per terra|lampione per terra|palo per terra|cartello per terra|rami per terra|ramo per terra",
    "verbally|no one was hurt|nobody was hurt|no one hurt|nobody hurt|no injuries|not an emergency|nothing serious",
];

/// A danger that is over, or only supposed: dated ("l'anno scorso", "months ago"), supposed ("se
/// ci fosse", "in case of"), or spoken of through its aftermath (an appeal against a fine, the
/// rubble to throw away). A finding of a physical danger (fire, flood, an accident...) is set
/// aside, even by a strong rule, when such a phrase is within a few words of it ([`OVER_NEAR`])
/// and the message shows no urgency. Self-harm, violence and a child in danger are never set
/// aside by it.
#[rustfmt::skip]
const OVER: &[&str] = &[
    "l anno scorso|anno scorso|mese scorso|mesi fa|due anni fa|tre anni fa|qualche anno fa|tanti anni fa|molti anni fa|pochi anni fa|2 anni fa|3 anni fa|4 anni fa|5 anni fa|10 anni fa|settimane fa|l altra notte|l altra sera|l altro giorno|last autumn|last fall|last spring|settimana scorsa|estate scorsa|inverno scorso|autunno scorso|primavera scorsa",
    "mese passato|anno passato|settimana passata|se ci fosse|se dovesse|se scoppiasse|se succedesse|nel caso di|in caso di|punto di raccolta|area di accoglienza|area di attesa",
    "last year|last month|last week|months ago|years ago|weeks ago|last summer|last winter",
    "in case of|if there were|what if|meeting point|since the|ever since|damaged in the|damaged by the|was damaged|were damaged",
    "in che bidone|quale bidone|che bidone|non vorrei|se uno|anche se uno|se qualcuno|lo chiedo per|in case someone|if someone|se c e|se viene|se arriva|dove andare|dove si va|piano di evacuazione|prima o poi|un giorno o l altro|faccio ricorso|fare ricorso|contestare|mi ha multato|multato mentre|detriti|macerie da|da smaltire|isola ecologica|ingombranti|dove butto|dove si butta",
    "if the river floods|if there s a flood|if there is a flood|evacuation plan|where do we go|where should we go|sooner or later|one of these days|contest it|appeal the fine|fined me|which bin|recycling centre|recycling center",
    "a gennaio|a febbraio|a marzo|ad aprile|a maggio|a giugno|a luglio|ad agosto|a settembre|a ottobre|a novembre|a dicembre|di gennaio|di febbraio|di marzo|di aprile|di maggio|di giugno|di luglio|di agosto|di settembre|di ottobre|di novembre|di dicembre",
    "who is responsible|responsible for repairs|chi e responsabile|chi deve riparare|chi lo ripara|chi la ripara|quando lo sistemate|quando la sistemate|smaltisco|smaltirli|smaltirlo|come li smaltisco|how do i dispose|how do i report|where do i report|come lo denuncio|come faccio la denuncia|sporgere denuncia|nearly choked|almost choked|nearly drowned|almost drowned|quasi soffocat*|quasi affogat*|abbiamo svuotato|svuotato la|ritiro straordinario|prenotare un ritiro|mobili fradici|danneggiat* dalla|danneggiat* dalle|danneggiat* dai|danneggiat* da",
    "nel|del|dal|of|in + 195*|196*|197*|198*|199*|200*|201*|202*",
    "ricostruzione|ricostruire|ricostruit*|rebuild*|reconstruction|gara d appalto|documenti di gara|tender|quanti morti|ci furono|how many died",
    "danneggiat* dal|danneggiat* dall|lesionat* dal|lesionat* dall|a natale|a capodanno|a pasqua|a ferragosto|quell incidente|quell incendio|quel terremoto|quell alluvione",
];

/// Whether a message supposes or dates a danger without a sign of urgency ("prima o poi cade",
/// "last year"): the learned check then leaves physical dangers aside, as the rules do.
pub(super) fn supposed_context(text: &str) -> bool {
    let layer = &*LAYER;
    !layer.supposed.find(&layer.supposed.scan(text)).is_empty()
        && layer.urgent.find(&layer.urgent.scan(text)).is_empty()
}

/// The dating and supposing phrases of [`OVER`] that hold for a whole message.
#[rustfmt::skip]
const SUPPOSED: &[&str] = &[
    "prima o poi|un giorno o l altro|se ci fosse|se dovesse|in caso di|nel caso di|pericolant*|potrebbe cadere|rischia di cadere|l anno scorso|anni fa|mesi fa",
    "sooner or later|one of these days|in case of|if there were|what if|could fall on|might fall on|last year|years ago|months ago",
];

/// How many words may separate a dating or supposing phrase from the danger it dates: in a long
/// message, "l'anno scorso" about the tax does not date the gas smelt now.
const OVER_NEAR: usize = 6;

fn words_apart(a: (usize, usize), b: (usize, usize)) -> usize {
    a.0.saturating_sub(b.1).max(b.0.saturating_sub(a.1))
}

/// Laughter and idioms: "mi ammazzo dalle risate", "mi ammazzo di lavoro" are not dangers,
/// whatever their words.
#[rustfmt::skip]
const JOKE: &[&str] = &[
    "mi ammazzo di lavoro|mi ammazzo di fatica|mi ammazzo di studio|ci ammazziamo di lavoro|killing myself laughing",
    "sparit* + dalla graduatoria|dall elenco|dalla lista|dal sistema|dal portale|dal registro",
    "nella graduatoria|dalla graduatoria|nell elenco + mio figlio|mia figlia|il nome|il bambino + e sparit*|sparit*|non c e piu",
    "will kill me if i m late|will kill me if i am late|will kill me if i forget|kill me if i miss|boss will kill me|mi ammazza se faccio tardi|mi ammazza se arrivo tardi|mi uccide se faccio tardi|mi ammazza se mi dimentico|il capo mi ammazza|il capo mi uccide",
    "barzelletta|barzellette|dalle risate|dal ridere|dalle risa|a ridere|dal gran ridere|ahah|ahahah|hahaha|scherzo|scherzavo|sto scherzando|of laughter|just kidding|jk|lmao|rofl",
];

struct Layer {
    rules: Lexicon<Tag>,
    not_danger: Lexicon<()>,
    joke: Lexicon<()>,
    over: Lexicon<()>,
    supposed: Lexicon<()>,
    routine: Lexicon<()>,
    urgent: Lexicon<()>,
}

static LAYER: LazyLock<Layer> = LazyLock::new(|| Layer {
    rules: Lexicon::new(RULES.iter().map(|&(kind, strength, lang, rule)| {
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
    joke: Lexicon::new(JOKE.iter().map(|&r| (r, ()))),
    over: Lexicon::new(OVER.iter().map(|&r| (r, ()))),
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
    detect_by_rules(text).or_else(|| learned(text))
}

/// The rules alone, without the learned check.
pub fn detect_by_rules(text: &str) -> Option<Alarm> {
    let layer = &*LAYER;
    let scan = layer.rules.scan(text);
    let mut found = layer.rules.find(&scan);
    if !found.is_empty() && layer.not_danger.matches(text) {
        found.retain(|f| matches!(f.value.kind, Kind::SelfHarm | Kind::Child));
    }
    if !found.is_empty() && layer.joke.matches(text) {
        found.clear();
    }
    let routine = lazy_bool(|| !layer.routine.find(&layer.routine.scan(text)).is_empty());
    let mut urgent = lazy_bool(|| !layer.urgent.find(&layer.urgent.scan(text)).is_empty());
    if !found.is_empty() {
        let over = layer.over.find(&layer.over.scan(text));
        if !over.is_empty() && !urgent() {
            found.retain(|f| {
                matches!(f.value.kind, Kind::SelfHarm | Kind::Child | Kind::Violence)
                    || !over
                        .iter()
                        .any(|p| words_apart(p.span, f.span) <= OVER_NEAR)
            });
        }
    }
    let best = pick(&found, routine, urgent);
    if let Some(f) = best {
        return Some(Alarm {
            kind: f.value.kind,
            lang: f.value.lang,
            rule: f.rule,
        });
    }
    // A command (`/emergenza`, `/help`) is not a cry for help: the engine answers it.
    if text.trim_start().starts_with('/') {
        return None;
    }
    bare_cry(&scan)
}

/// Whether routine context without urgency sets a weak finding aside: the same test applies to
/// the emergency words a Comune adds in its emergency flow.
pub fn routine_context(text: &str) -> bool {
    let layer = &*LAYER;
    !layer.routine.find(&layer.routine.scan(text)).is_empty()
        && layer.urgent.find(&layer.urgent.scan(text)).is_empty()
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

fn bare_cry(scan: &Scan) -> Option<Alarm> {
    // "S.O.S." is read as three one-letter words.
    let spelt: String = scan.words.concat();
    if scan.words.len() > 1 && scan.words.iter().all(|w| w.len() == 1) && spelt == "sos" {
        return Some(Alarm {
            kind: Kind::Help,
            lang: None,
            rule: "bare cry for help",
        });
    }
    let mut cry = None;
    for w in &scan.words {
        let w = stretched(w, HELP_WORDS);
        if HELP_WORDS.contains(&w.as_str()) {
            cry.get_or_insert(w);
        } else if !HELP_FILLER.contains(&w.as_str()) {
            return None;
        }
    }
    let word = cry?;
    let word = word.as_str();
    let lang = match word {
        "help" | "helpme" | "emergency" | "urgent" | "danger" | "mayday" => Some(Lang::En),
        "sos" => None,
        _ => Some(Lang::It),
    };
    Some(Alarm {
        kind: Kind::Help,
        lang,
        rule: "bare cry for help",
    })
}

/// Every built-in rule, as written, with its kind (for `docs/safety.md` and the tests).
pub fn rules() -> impl Iterator<Item = (Kind, &'static str)> {
    RULES.iter().map(|&(kind, _, _, rule)| (kind, rule))
}

#[cfg(test)]
mod tests {
    use super::{Kind, detect};

    fn kind(text: &str) -> Option<Kind> {
        detect(text).map(|a| a.kind)
    }

    /// Each text is recognised as its kind.
    fn assert_kinds(cases: &[(&str, Kind)]) {
        for &(text, expected) in cases {
            assert_eq!(kind(text), Some(expected), "{text}");
        }
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
        for text in [
            "domani che rifiuto devo mettere fuori",
            "the fire station open day",
            "the accident of yesterday: how do I get the police report",
            "come divento volontario della protezione civile",
            "l'incidente di settimana scorsa, come ho il verbale",
            "ho calcolato male la tari",
            "aiuto con la domanda di residenza",
            "fino alle 3",
            "orari dei fuochi d'artificio della festa",
        ] {
            assert_eq!(detect(text), None, "{text}");
        }
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
        for (text, expected) in cases {
            let found = super::detect_by_rules(text).map(|a| a.kind);
            assert_eq!(found, Some(expected), "{text}");
        }
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
    fn figures_of_speech_aftermaths_and_generic_questions_are_not_emergencies() {
        for text in [
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
        ] {
            assert_eq!(detect(text), None, "{text}");
        }
    }

    #[test]
    fn a_danger_dated_in_the_past_or_supposed_is_not_an_emergency() {
        for text in [
            "la cantina allagata l'anno scorso non la uso più, posso toglierla dalla tari?",
            "il palazzo crollato mesi fa: dove trovo l'ordinanza?",
            "se domani ci fosse un terremoto forte, dov'è l'area di accoglienza?",
            "in case of an earthquake where is the meeting point",
        ] {
            assert_eq!(detect(text), None, "{text}");
        }
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
        for text in [
            "il bancomat ha ingoiato la carta, cosa faccio?",
            "il telefono qui non mi prende, mi richiamate?",
            "il modulo non c'è più sul sito",
            "non lo trovo più il bollettino della tari",
            "non torno più in quell'ufficio, nessuno risponde",
            "sono stufa di aspettare, ho sonno",
            "the rope swing in the park is broken",
            "I won't be here on Tuesday for the collection",
            "can we take the kid to the summer festival?",
        ] {
            assert_eq!(detect(text), None, "{text}");
        }
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
