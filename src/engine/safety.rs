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

use super::lexicon::{Found, Lexicon, Scan};
use crate::i18n::Lang;

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
        format!("safety-{}", self.code())
    }

    /// Numbers the answer must give, in every language: `flows check` refuses texts that
    /// lose one, so an edit cannot remove them by mistake.
    pub fn numbers(self) -> &'static [&'static str] {
        match self {
            Kind::SelfHarm => &["112", "02 2327 2327"],
            Kind::Violence => &["112", "1522"],
            Kind::Child => &["112", "114"],
            _ => &["112"],
        }
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
    (SelfHarm, Weak, IT, "farla finita|finirla qui|finirla per sempre"),
    (SelfHarm, Strong, IT, "uccidermi|ammazzarmi|suicidarmi|impiccarmi|spararmi|avvelenarmi|ammazzo|uccido + me|mi ammazzo|mi uccido|mi sparo|mi impicco|mi butto"),
    (SelfHarm, Strong, IT, "uccidersi|ammazzarsi|suicidarsi|impiccarsi|togliersi la vita|si vuole buttare|vuole buttarsi|si butta"),
    (SelfHarm, Strong, IT, "suicid*~|togliermi la vita|tolgo la vita|farmi del male|farmi male da solo|farmi male da sola|tagliarmi|tagliarmi le vene|autolesion*"),
    (SelfHarm, Strong, IT, "non + voglio|vorrei|ha senso|val la pena|vale la pena + piu + vivere"),
    (SelfHarm, Strong, IT, "non ha piu senso vivere|non ha senso vivere|voglio morire|vorrei morire|voglio sparire per sempre|meglio morto|meglio morta|meglio se muoio|sarebbe meglio se morissi|farmi fuori"),
    (SelfHarm, Strong, IT, "buttarmi|lanciarmi|gettarmi + ponte|finestra|treno|sotto|giu|balcone|tetto|fiume"),
    (SelfHarm, Strong, IT, "preso|prese|ingoiato|ingoiate + tutte le + pillole|pastiglie|medicine|compresse"),
    (SelfHarm, Strong, IT, "non ce la faccio piu a vivere|nessuno sentira la mia mancanza|addio a tutti|la faccio finita|faccio finita|faro finita|la finisco qui|non ci saro piu|sparire per sempre|mi sto tagliando|mi taglio di nuovo|mi sono tagliat* di nuovo|tagliarmi di nuovo"),
    (SelfHarm, Strong, IT, "non ha piu senso + niente|nulla|vivere|la vita|andare avanti"),
    (SelfHarm, Strong, EN, "kill myself|killing myself|end it all|end my life|ending my life|take my own life|taking my own life|suicid*~|want to die|wanna die|wish i was dead|wish i were dead|better off dead|hurt myself|harm myself|self harm|cut myself|cutting myself|jump off|no reason to live|not worth living"),
    (SelfHarm, Strong, EN, "don t|dont|do not + want to + live|be alive|wake up"),
    (SelfHarm, Strong, EN, "took|swallowed|taken + all + pills|my pills|the pills|tablets"),
    (SelfHarm, Strong, EN, "wants to|going to|gonna|threatening to + kill himself|kill herself|end his life|end her life|jump"),
    (SelfHarm, Strong, EN, "want to jump|going to jump|gonna jump|about to jump|on the bridge + jump|end it tonight|not be here tomorrow|won t be here tomorrow|say goodbye to everyone"),

    // Medical.
    (Medical, Strong, IT, "non|piu|smesso di|smette di|fatica a|fa fatica|difficolta a|riesce a|riesco a + respir*~"),
    (Medical, Strong, IT, "respira|respiro + male|a fatica|poco|affannat*|a stento|strano"),
    (Medical, Strong, IT, "manca + l aria|il respiro|il fiato|aria|fiato"),
    (Medical, Weak, IT, "soffoc*~|strozzat*"),
    (Medical, Strong, IT, "andato di traverso|andata di traverso|sta diventando viola|diventato viola|diventata viola|diventato blu|diventata blu|labbra viola|labbra blu"),
    (Medical, Strong, IT, "svenut*~|svien*|svenend*|svenimento|incoscient*~|priva di sensi|privo di sensi|perso i sensi|perso conoscenza|perde conoscenza|non si sveglia|non reagisce|non da segni|non risponde piu|non apre gli occhi"),
    (Medical, Strong, IT, "caduto|caduta|cadut*|cascat*|scivolat*|per terra|a terra|in terra + non + alz*|rialz*|muov*|riesce|riesco|rispond*|respir*"),
    (Medical, Strong, IT, "infarto~|ictus|arresto cardiaco|attacco cardiaco|attacco di cuore|paresi|bocca storta|faccia storta|non muove il braccio|non muove la gamba|parla strano|non riesce a parlare|biascica"),
    (Medical, Strong, IT, "dolore|dolori|male|fitta|fitte|peso|oppressione|stretta + al petto|al torace|al cuore|nel petto|petto"),
    (Medical, Strong, IT, "perde|perdendo|esce|uscendo|butta|sgorga|cola + tantissimo|tanto|molto|troppo|un sacco di + sangue"),
    (Medical, Strong, IT, "emorragia~|sanguina*~|perde sangue|perdendo sangue|perde tanto sangue|sangue ovunque|sangue dappertutto|sangue che non si ferma|pieno di sangue|piena di sangue|lago di sangue"),
    (Medical, Strong, IT, "convulsion*~|crisi epilettica|attacco epilettico|trema tutto|scossoni"),
    (Medical, Strong, IT, "overdose|troppe pillole|troppe pastiglie|troppi farmaci|avvelenat*~|intossicat*~|ha bevuto + candeggina|detersivo|ammoniaca"),
    (Medical, Strong, IT, "shock anafilattico|reazione allergica|gola gonfia|si gonfia la gola|gonfiando la gola|punto da + ape|vespa|calabrone"),
    (Medical, Strong, IT, "annega|annegando|affoga|affogando|sta affogando|sta annegando"),
    (Medical, Strong, IT, "non sento + battito|polso|il cuore|respiro|non batte piu|cuore si e fermato|e morto|e morta + adesso|ora|all improvviso|in casa|per strada"),
    (Medical, Weak, IT, "ambulanza~|malore~|sto male|sta male|sto malissimo|sta malissimo|si sente male|mi sento male|si e sentito male|si e sentita male|sto morendo|sta morendo|si e ferito|si e ferita|ferita grave|ferito grave|ustionat*|ustione grave|febbre altissima|pronto soccorso|guardia medica"),
    (Medical, Strong, EN, "not|stopped|trouble|difficulty|struggling|hard to|can t|cant|cannot|isn t|isnt|barely + breath*~"),
    (Medical, Strong, EN, "unconscious~|passed out|fainted|collapsed|not responding|unresponsive|won t wake up|wont wake up|not waking up|doesn t wake|doesnt wake|not moving|blue lips|turning blue"),
    (Medical, Strong, EN, "fell|fallen|fall|slipped + can t|cant|cannot|unable|not|won t|doesn t + get up|move|stand|respond"),
    (Medical, Strong, EN, "heart attack|cardiac arrest|stroke|chest pain|chest pains|pain in + chest|chest hurts|face drooping|slurred speech"),
    (Medical, Strong, EN, "bleeding~|bleeds|blood everywhere|lot of blood|lots of blood|losing blood|won t stop bleeding|choking|choked|seizure*~|convulsing|fitting|overdose*|poisoned|allergic reaction|anaphyla*|throat swelling|drowning|not breathing|no pulse|heart stopped"),
    (Medical, Weak, EN, "ambulance~|dying|very ill|really ill|feel sick|feeling sick|badly hurt|badly injured|seriously injured|emergency room|first aid"),

    // Violence and threats.
    (Violence, Strong, IT, "mi|ci|la|lo|li|le + picchia*~|mena|menano|ha menato|pesta|prende a botte|prende a calci|prende a pugni|ha preso a + botte|schiaffi|calci|pugni"),
    (Violence, Strong, IT, "picchiat*~|pestat*|aggredit*~|accoltellat*|sparat*|strangola*|violentat*~|stuprat*|stupro|molestat*|maltrattat*"),
    (Violence, Strong, IT, "mi|ci + minaccia|minacciano|minacciato|minacciata|vuole uccidere|vuole ammazzare|segue|sta seguendo|perseguita|perseguitano"),
    (Violence, Strong, IT, "minaccia|minacciato|minacciata + coltello|pistola|arma|morte|uccidermi|ammazzarmi"),
    (Violence, Strong, IT, "vuole uccidermi|vuole ammazzarmi|mi vuole uccidere|mi vuole ammazzare|ammazzare tutti|uccidere tutti"),
    (Violence, Weak, IT, "mi ammazza|ci ammazza|mi uccide|ci uccide"),
    (Violence, Strong, IT, "violenza domestica|violenza in casa|stalker|stalking|mi tiene chiusa|mi tiene chiuso|segregat*|sequestrat*|non mi lascia uscire|chiusa in casa + lui|non posso uscire"),
    (Violence, Strong, IT, "coltello|pistola|arma|armato|armata + minaccia|urla|in casa|fuori|qui|entrato|in mano"),
    (Violence, Strong, IT, "marito|compagno|ex|fidanzato|padre|moglie|compagna + mi|ci + picchia*|minaccia|ammazza|uccide|segue|aspetta sotto casa|fa del male|fa male"),
    (Violence, Weak, IT, "aggression*~|violenza|violenze|botte|rissa|lite + sangue|coltell*|armi"),
    (Violence, Strong, IT, "mani addosso|alzato le mani|alza le mani|prendendo a calci|prendono a calci|preso a calci|calci in testa|pugni in faccia|mi ha costrett*|mi hanno costrett*|abusato di me|abusata|mi ha violentat*|mi hanno violentat*"),
    (Violence, Strong, IT, "urla|urlano|grida|gridano|urlare|gridare + colpi|basta|aiuto|botte|la picchia|lo picchia|la sta picchiando"),
    (Violence, Strong, IT, "si sentono colpi|sento colpi|rumore di colpi|sento urla|sento delle urla + aiuto|basta|picchia*|colpi|piange"),
    (Violence, Weak, IT, "rissa|stanno litigando + forte|in strada|sotto casa|coltelli"),
    (Violence, Strong, EN, "hits me|hitting me|hit me|beats me|beating me|beat me up|beaten|attacked|attacking|assaulted|assaulting|raped|rape|stabbed|strangl*|abused|abusing me|abusive|threatening me|threatened me|threatens me|following me|stalking|stalker|locked me in|won t let me leave|wont let me leave|domestic violence|knife|gun"),
    (Violence, Strong, EN, "going to|wants to|gonna|will|trying to + kill me|kill us|hurt me|hurt us"),
    (Violence, Weak, EN, "fight|fighting|violent|violence + street|outside|blood|now"),

    // A child in danger.
    (Child, Strong, IT, "bambin*|bimb*|ragazzin*|neonat*|minore|piccolo|piccola|figlio|figlia|nipotino|nipotina + solo|sola|soli|da solo|da sola + piange|strada|per strada|statale|provinciale|superstrada|autostrada|binari|in giro|supermercato|stazione|parco|notte|freddo|pigiama|in macchina|in auto|senza genitori|nessuno|smarrit*|perso|persa"),
    (Child, Strong, IT, "bambin*|bimb*|ragazzin*|neonat*|figlio|figlia|nipote|nipotino|nipotina + scompars*|sparit*|smarrit*|rapit*|non si trova|non lo trovo|non la trovo|non torna|non e tornato|non e tornata"),
    (Child, Strong, IT, "non trovo piu|non trovo|perso di vista|persa di vista|non vedo piu + mio figlio|mia figlia|il bambino|la bambina|il bimbo|la bimba|mio nipote|mia nipote|il piccolo|la piccola"),
    (Child, Strong, IT, "bambin*|bimb*|ragazzin*|neonat*|minore|minori|figlio|figlia + maltrattat*|picchiat*|picchia|picchiano|abusat*|molestat*|violenz*|chiuso|chiusa|legat*|abbandonat*|lasciat* solo|lasciat* sola|urla da ore|piange da ore"),
    (Child, Strong, IT, "picchia|picchiano|maltratta|maltrattano|abusa|molesta + bambin*|bimb*|figli*|ragazzin*|minore|minori|neonat*"),
    (Child, Strong, IT, "chiuso in macchina|chiusa in macchina|chiuso in auto|chiusa in auto|in macchina al sole|in auto al sole|in auto sotto il sole|in macchina sotto il sole + bambin*|bimb*|neonat*|figli*"),
    (Child, Strong, IT, "bambin*|bimb*|neonat*|figli* + chiuso in macchina|chiusa in macchina|chiuso in auto|chiusa in auto|in macchina al sole|in auto al sole|in macchina sotto il sole|in auto sotto il sole"),
    (Child, Strong, EN, "child|kid|baby|toddler|boy|girl|son|daughter|children|kids + alone|lost|missing|locked in|locked car|in a hot car|in the car|left in|left alone|abandoned|beaten|being hit|abused|wandering|crying alone|disappeared|kidnapped|taken"),
    (Child, Strong, EN, "can t find|cant find|cannot find|lost + my son|my daughter|my child|my kid|my baby|the child|the kid"),
    (Child, Strong, EN, "hitting|beating|abusing|hurting + child|kid|children|kids|baby|boy|girl"),

    // Fire and smoke.
    (Fire, Strong, IT, "a fuoco|in fiamme|prende fuoco|preso fuoco|prendendo fuoco|va a fuoco|andando a fuoco|brucia tutto|sta bruciando|stanno bruciando|fiamme~|fiammate|divampa|divampato"),
    (Fire, Strong, IT, "fumo~ + esce|uscendo|escono|dalla finestra|dal tetto|dalla casa|dal palazzo|dall appartamento|dal garage|dalla cantina|dal bosco|dalla macchina|dall auto|dal cofano|ovunque|dappertutto|in casa|nero|denso|pieno|piena|tantissimo|scale"),
    (Fire, Strong, IT, "esce|uscendo|escono|vedo|c e|pieno di|piena di|tanto|tantissimo + fumo~"),
    (Fire, Strong, IT, "odore|puzza|puzzo + di bruciato|bruciato|plastica bruciata|fumo"),
    (Fire, Weak, IT, "incendi*~|fuoco~|bruciando|brucia|esplosion*~|esploso|esplosa|scoppiato|scoppiata|scoppio|fumo"),
    (Fire, Strong, EN, "on fire|in flames|caught fire|catching fire|burning down|flames|house is burning|building is burning|car is burning|smoke + coming|pouring|everywhere|from|out of|filling|thick|black|in the"),
    (Fire, Strong, EN, "smell|smells|smelling + burning|smoke"),
    (Fire, Weak, EN, "fire|burning|explosion|exploded|blaze|smoke"),

    // Gas.
    (Gas, Strong, IT, "odore|puzza|puzzo|tanfo|sento|sente|sentiamo|si sente|perdita|perde|fuoriuscita|esce|sibilo + gas~|metano~|gpl"),
    (Gas, Strong, IT, "gas~ + esce|uscendo|fuoriesce|perde|perdendo|fischia|sibila|ovunque|in casa|in cucina|nelle scale|forte"),
    (Gas, Strong, IT, "monossido~|uova marce|uovo marcio"),
    (Gas, Strong, IT, "bombola + perde|perdendo|fischia|esplos*"),
    (Gas, Weak, IT, "fuga di gas|fughe di gas|perdita di gas|odore di gas|puzza di gas"),
    (Gas, Strong, EN, "smell|smells|smelling|leak|leaking|leaks|hissing + gas"),
    (Gas, Strong, EN, "gas + leak|leaking|smell|hissing|everywhere|in the kitchen|in the house|coming out|escaping"),
    (Gas, Strong, EN, "carbon monoxide|rotten eggs|co alarm"),

    // Collapse, landslide, earthquake.
    (Collapse, Strong, IT, "crollat*~|crolla|crollando|sta crollando|venuto giu|venuta giu|venuti giu|cedut*|sta cedendo|cede|ha ceduto|cadendo a pezzi|si sta aprendo|spaccat*"),
    (Collapse, Strong, IT, "soffitto|tetto|balcone|muro|parete|palazzo|casa|solaio|pavimento|scala|ponte|capannone|cornicione|controsoffitto + caduto|caduta|crollat*|crolla|crollando|cede|cedendo|venuto giu|venuta giu|si e aperto|si e aperta|si muove|trema|scricchiol*"),
    (Collapse, Strong, IT, "crepa|crepe|crepacci*|fessur* + si allarga|si allargano|aprendo|enorme|enormi|grossa|nuova|nuove|all improvviso|scricchiol*"),
    (Collapse, Strong, IT, "sotto le macerie|macerie|sepolt*|intrappolat*|incastrat* + sotto|dentro|macerie|ascensore"),
    (Collapse, Strong, IT, "albero|ramo|palo + caduto|caduta|cadut*|crollat*|crollato + su una casa|sulla casa|sulla macchina|sull auto|su una persona|addosso|sul tetto|su un uomo|su una donna|su un bambino|sopra"),
    (Collapse, Strong, IT, "caduto|caduta|crollato|crollata|venuto giu + un albero|albero|un ramo|ramo|un palo|palo + addosso|su una|su un|sulla|sul|sopra"),
    (Collapse, Strong, IT, "scossa|scosse|terremoto~ + adesso|ora|appena|forte|fortissima|tremato|trema|tremava|crollat*|paura|sentita|sentito"),
    (Collapse, Weak, IT, "terremoto~|frana~|franat*|franando|smottament*|crollo~|valanga|slavina"),
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
    (Flood, Strong, IT, "fiume|torrente|canale|rio|fosso + uscendo|uscito|esce|sale|salendo|strada|fuori|in piena|straripa|esonda|tracima|supera|sta per uscire"),
    (Flood, Strong, IT, "intrappolat*|bloccat* + acqua|sottopasso|auto|macchina + acqua|allagat*"),
    (Flood, Strong, IT, "sott acqua|sommers* + casa|auto|macchina|strada|paese|quartiere|persone|gente"),
    (Flood, Weak, IT, "alluvion*~|allagament*~|allagat*|esondazion*~|inondazion*|tubo scoppiato|tubo rotto"),
    (Flood, Strong, EN, "water + coming in|pouring in|coming into|everywhere|rising|inside the house|in the house|up to my knees|in the basement|through the ceiling|won t stop"),
    (Flood, Strong, EN, "river|stream|creek|canal + overflow*|burst|bursting|flooding|rising fast|breaking|broke|over the banks|into the street"),
    (Flood, Strong, EN, "basement|house|flat|apartment|street|car + flooded|flooding|under water|underwater"),
    (Flood, Strong, EN, "trapped + water|underpass|flood"),
    (Flood, Weak, EN, "flood*|burst pipe"),

    // Road accidents.
    (Accident, Strong, IT, "investit*~|travolt*|falciat*|messo sotto|messa sotto|hanno preso sotto|preso sotto|preso in pieno|presa in pieno|centrato in pieno"),
    (Accident, Weak, IT, "incidente~|scontro|schianto|schiantat*|tamponament*|frontale + ferit*|sangue|grave|gravi|incastrat*|morto|morti|morta|non si muove|a terra|per terra|ambulanza|incosciente|rovesciat*|ribaltat*|fuoco|adesso|appena successo|qui"),
    (Accident, Strong, IT, "moto|motorino|bici|bicicletta|auto|macchina|camion|furgone|pedone|ciclista + contro|investit*|a terra|per terra + camion|auto|macchina|muro|palo|albero|non si muove|non risponde|sangue"),
    (Accident, Strong, IT, "ribaltat*|cappottat*|uscit* di strada|fuori strada|finit* nel fosso|finita nel fosso|finito nel fosso|contro un albero|contro il muro|contro un palo"),
    (Accident, Weak, IT, "incidente~|incidenti|scontro|schianto|schiantat*|tamponament*|sinistro stradale"),
    (Accident, Strong, EN, "hit by a car|hit by a truck|hit by a bus|run over|knocked down|knocked over by a car|hit and run|car hit|hit a pedestrian|hit a cyclist|car crashed into|overturned|flipped over"),
    (Accident, Strong, EN, "accident|crash|collision|crashed + injured|hurt|bleeding|trapped|unconscious|not moving|dead|badly|ambulance|just now|right now|on fire"),
    (Accident, Weak, EN, "accident|crash|crashed|collision|car crash"),

    // Intrusion and burglary.
    (Intrusion, Strong, IT, "ladri|ladro|ladre|malviventi|rapinator*|scassinator*|intruso|intrusi|sconosciuto|sconosciuti|qualcuno + in casa|dentro casa|dentro|entrati|entrato|entrando|sta entrando|stanno entrando|sul balcone|in giardino|forzando|forzano|scassin*|rompendo|sfondando|in camera|al piano di sotto|di sotto|sento"),
    (Intrusion, Strong, IT, "sono entrati|e entrato|e entrata|sta entrando|stanno entrando|cercano di entrare|cerca di entrare|prova a entrare|provano a entrare + casa|in casa|dalla finestra|dal balcone|dalla porta"),
    (Intrusion, Strong, IT, "forzando|forzano|forzare|scassinando|sfondando|sfondare|rompendo + porta|finestra|serratura|tapparella|portone|cancello|la porta"),
    (Intrusion, Strong, IT, "rapina~ + in corso|adesso|ora|banca|negozio|farmacia|tabaccheria|supermercato|posta"),
    (Intrusion, Strong, IT, "stanno rapinando|mi stanno rapinando|rapinando|furto in corso|furto adesso|scippo|scippat*|mi hanno scippat*|effrazione|mi sono chius* in + bagno|camera|stanza"),
    (Intrusion, Strong, IT, "sono nascost*|mi sono nascost*|nascost* + camera|bagno|armadio|stanza|sotto il letto"),
    (Intrusion, Weak, IT, "ladri|ladro|furto|rapina|rapinat*"),
    (Intrusion, Strong, IT, "c e|ci sono|ce + uno|qualcuno|un uomo|degli uomini|gente|persone|sconosciut*|un tizio|dei tizi + in casa|dentro casa|in camera|nel giardino|in giardino|sul balcone|in cantina|sul terrazzo"),
    (Intrusion, Strong, IT, "forzato|forzata|scassinato|scassinata|sfondato|sfondata|rotto|spaccato + porta|serratura|finestra|portone|cancello|vetro"),
    (Intrusion, Strong, IT, "piede di porco|passamontagna|incappucciat*|scavalcando|scavalcano|scavalcato|cercando di aprire|cercano di aprire|provando ad aprire|provano ad aprire|provano a forzare"),
    (Intrusion, Strong, EN, "trying to open + door|window|back door|front door|gate|lock"),
    (Intrusion, Strong, EN, "people|someone|somebody|man|men|stranger + in my garden|in the garden|in my yard|on my balcony|in my room"),
    (Intrusion, Strong, EN, "burglar*|intruder*|break in|breaking in|broke in|broken in|breaking into|broke into|break into|someone in my house|someone in the house|someone inside|somebody in my house|somebody inside|someone is inside|stranger in|robbery in progress|being robbed|robbing|hiding in"),
    (Intrusion, Strong, EN, "someone|somebody|man|men|people + trying to get in|trying to break|breaking|forcing + door|window|in"),
    (Intrusion, Weak, EN, "thieves|thief|robbery|robbed|burglary"),
];

/// Messages made only of these words (at least one of the first group) are a bare cry for help.
#[rustfmt::skip]
const HELP_WORDS: &[&str] = &[
    "aiuto", "aiutatemi", "aiutami", "aiutateci", "aiutate", "aiutatela", "aiutatelo", "soccorso",
    "soccorsi", "sos", "help", "helpme", "mayday", "emergenza", "emergency", "urgente", "urgent",
    "pericolo", "danger", "correte", "venite", "presto", "subito", "salvatemi", "salvami",
];
#[rustfmt::skip]
const HELP_FILLER: &[&str] = &[
    "me", "mi", "ci", "vi", "prego", "per", "favore", "piacere", "please", "pls", "plz",
    "qualcuno", "someone", "somebody", "anyone", "i", "need", "ho", "bisogno", "di", "un", "una",
    "c", "e", "is", "it", "s", "an", "a", "ti", "la", "il", "l", "now", "ora", "adesso", "sono",
    "in", "siamo", "we", "are", "am", "qui", "here", "vi", "supplico", "scongiuro", "quick",
    "fast", "hurry", "questa", "this", "un", "serve", "servono", "ambulanza", "ambulance", "x",
];

/// Routine context: set weak rules aside, unless the message also shows urgency.
#[rustfmt::skip]
const ROUTINE: &[&str] = &[
    "ieri|ieri sera|altro ieri|l altro giorno|settimana scorsa|mese scorso|anno scorso|l anno scorso|giorni fa|mesi fa|anni fa|tempo fa|scorso|scorsa|stanotte passata",
    "verbale|verbali|rapporto|relazione|modulo|moduli|modulistica|pratica|pratiche|certificat*|risarciment*|rimborso|rimborsi|assicurazion*|polizza|perizia|copia|denuncia fatta|sinistro|cid|constatazione amichevole|multa|multe",
    "contribut*|bando|bandi|domanda|domande|iscrizion*|iscriver*|corso|corsi|formazione|esercitazion*|simulazion*|prova di evacuazione|addestrament*|volontar*|open day|porte aperte|giornata|mostra|festa|sagra|concerto|spettacolo|film|libro|serie tv|gioco|partita|museo|storia|anniversario|commemorazion*|vittime|lapide|targa",
    "in caso di|cosa fare se|cosa fare in caso|cosa si fa|come comportarsi|cosa devo fare se|come si fa a|piano di emergenza|piano comunale|numeri utili|numero utile|numero di|informazion*|info|prevenzione|kit di emergenza|sicurezza|norme|regole|detrazion*|bonus",
    "vigili del fuoco|pompieri|caserma|protezione civile|fuochi d artificio|fuochi|botti|falo|barbecue|grigliata|camino|stufa a legna|fumo passivo|vietato fumare|fumare|fumatori|sigarett*",
    "dal ridere|da ridere|di noia|di fame|di sonno|di caldo|di freddo|da paura|scherzo|scherzando|metafora|modo di dire",
    "tassa|tasse|imu|tari|bolletta|bollette|tributi|rata|rate|caldo|afa|freddo|traffico|burocrazia|coda|code|fila|attesa|prezzo|prezzi|costo|costi|affitto|partita|juve|inter|milan|squadra",
    "senza feriti|nessun ferito|nessuno si e fatto male|nessuno e ferito|solo danni|danni alla macchina|rischio|rischi|zone a rischio|mappa|divieto|divieti|ordinanza|ordinanze|regolamento",
    "yesterday|last week|last month|last year|ago|report|form|insurance|claim|copy|certificate|course|training|drill|open day|exhibition|festival|concert|movie|film|book|game|volunteer*|in case of|what to do if|what should i do if|how to|information|prevention|fire station|fire brigade|fire department|firefighters|history|memorial|fireworks|bonfire|joke|kidding|lol|haha|fine|ticket|permit|refund|compensation|tax|bill|dying to|dying for|to know|no one hurt|nobody hurt|nobody was hurt|no injuries|risk|map|ban",
];

/// Signs that something is happening now: they keep weak rules in force despite a routine
/// context.
#[rustfmt::skip]
const URGENT: &[&str] = &[
    "adesso|proprio ora|in questo momento|subito|presto|correte|venite|aiuto|aiutatemi|aiutami|sos|urgente|urgentissimo|sta succedendo|sta accadendo",
    "now|right now|hurry|quick|help|please help|happening|urgent",
];

struct Layer {
    rules: Lexicon<Tag>,
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
    urgent: Lexicon::new(URGENT.iter().map(|&r| (r, ()))),
});

/// Builds the lexicons now rather than on the first citizen message.
pub fn warm_up() {
    LazyLock::force(&LAYER);
}

/// Whether a message describes a person in danger, and which kind of danger.
pub fn detect(text: &str) -> Option<Alarm> {
    let layer = &*LAYER;
    let scan = layer.rules.scan(text);
    let found = layer.rules.find(&scan);
    let routine = lazy_bool(|| !layer.routine.find(&layer.routine.scan(text)).is_empty());
    let urgent = lazy_bool(|| !layer.urgent.find(&layer.urgent.scan(text)).is_empty());
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
    let mut cry = None;
    for w in &scan.words {
        if HELP_WORDS.contains(&w.as_str()) {
            cry.get_or_insert(w.as_str());
        } else if !HELP_FILLER.contains(&w.as_str()) {
            return None;
        }
    }
    let word = cry?;
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
        for (text, expected) in cases {
            assert_eq!(kind(text), Some(expected), "{text}");
        }
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
    fn every_kind_has_its_numbers_and_a_text_id() {
        for k in Kind::ALL {
            assert!(k.numbers().contains(&"112"));
            assert_eq!(Kind::from_code(k.code()), Some(k));
            assert!(k.message().starts_with("safety-"));
        }
    }
}
