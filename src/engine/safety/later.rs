//! The rules of the later rounds of tuning, read after [`super::rounds`] in the same way: what
//! the sets measured once and the lines written for training alone showed missing (see
//! `docs/safety.md`, "How well it works").

use super::Kind::{self, *};
use super::rules::{EN, IT, RuleLang, Strength};

use Strength::Strong;

/// The rules of the later rounds: (kind, strength, language, rule).
#[rustfmt::skip]
pub(super) const RULES: &[(Kind, Strength, RuleLang, &str)] = &[
    // The twenty-seventh pair: Venetian and Roman, Spanish and Darija, water over the sockets,
    // a jump "when nobody is below", a dose asked for.
    (Flood, Strong, IT, "la xe za in casa|xe za in casa|la ze za in casa|vien su dai tombini|vien fora dai tombini|vien su dal tombin|vien dentro in casa"),
    (Flood, Strong, IT, "acqua + esce dal pavimento|sale dal pavimento|viene su dal pavimento|coperto le prese|copre le prese|arriva alle prese|sopra le prese|alle prese della corrente"),
    (SelfHarm, Strong, IT, "me taglio|me tajo|me so tajat*|me so tagliat* + n antra vorta|un altra volta|n altra volta|ancora|di nuovo|de novo|stavorta|stavolta"),
    (SelfHarm, Strong, IT, "quando salto|prima di saltare|quando mi butto|prima di buttarmi & ponte|sotto|viadotto|dal tetto|dal balcone|dalla finestra"),
    (SelfHarm, Strong, EN, "would it take|would i need|does it take to & pills|pens|insulin|tablets|paracetamol|sleeping pills|to not wake up|to end it"),
    (Violence, Strong, None, "me pego|me golpeo|me golpea|me ha pegado|me ha golpeado|estoy escondida|estoy escondido|me quiere matar|me va a matar|terminar lo que empezo"),
    (Medical, Strong, None, "ma katqderch ttnfs|ma katqderch tetnefs|ma kat9derch ttnfs|matqderch ttnfs|ma kayqderch ytnfs|ma kaqderch ytnfs|wjhha wlla zr9|wjhu wlla zr9|wjhha zr9|wjhu zr9|wlla zr9|wqfat lha chi haja|wqfat lih chi haja|wqef lih chi haja"),
    // Lines written for training alone on 2026-12-07 (an eighth writer): residents' languages
    // in their own scripts, and dangers told after a routine question.
    (Medical, Strong, None, "دل کا دورہ|بے ہوش|سانس مشکل سے|لا يستطيع التنفس|يستطيع التنفس|ما يقدرش يتنفس|ما بقاش كيتحرك|ما بقاتش كتتحرك|كيخرج ليه الدم|كيخرج ليها الدم|وجهه منتفخ|অজ্ঞান|শ্বাস নিচ্ছেন না|শ্বাস নিতে পারছে না|बेहोश|सांस नहीं|साँस नहीं"),
    (Medical, Strong, None, "liegt schlaff|atmet kaum|bewusstlos|merdivenden dustu|merdivenden düştü|kalkamiyor|kalkamıyor|basindan kan|başından kan|nefes alamiyor|nefes alamıyor|dudaklari morardi|dudakları morardı|bilinci yok"),
    (Medical, Strong, None, "se corto con|se cortó con|sale muchisima sangre|sale mucha sangre|no para de sangrar|se esta ahogando|se está ahogando|no puede toser|no puede respirar|ne respire presque plus|respire presque plus|respire mal|il s etouffe|elle s etouffe"),
    (Medical, Strong, IT, "si fici na dose|s ha fatto na dose|se fatto na dose|e tuttu blu|e tutto blu|e diventato blu|nun rispunni|nun risponne|un rispunni"),
    (Gas, Strong, None, "riechen gas|riecht nach gas|gasgeruch|cheiro forte de gas|forte de gas|cheiro de gas|cheiro a gas|olor a gas|huele a gas|odeur de gaz|ca sent le gaz|گیس لیک|گیس کی بو|गैस की तेज़ गंध|गैस की गंध|गैस लीक|رائحة الغاز|ريحة الغاز"),
    (Fire, Strong, None, "आग लगी|आग लग गई|آگ لگ گئی|آگ لگی|আগুন লেগেছে|حريق في|النار في"),
    (Flood, Strong, None, "নদী উপচে|পানি ঢুকছে|পানি উঠছে|पानी घर में|پانی گھر میں|الماء دخل|الما دخل|دخل الما|water komt binnen"),
    (Collapse, Strong, None, "arvore caiu em cima|árvore caiu em cima|parede caiu|muro caiu|soterrad*|se ha caido un arbol|se ha caído un árbol|cayo un arbol|cayó un árbol|hay gente debajo|gente atrapada|duvar coktu|duvar çöktü|altinda kaldi|altında kaldı|enkaz altinda"),
    (Accident, Strong, None, "দুর্ঘটনা হয়েছে|রক্তাক্ত|a percute|a percuté|il y a des blesses|il y a des blessés|hay heridos|ha atropellado|atropello a|atropelló a|wypadek|potracil|potrącił"),
    (Accident, Strong, IT, "uscito dal parabrezza|uscita dal parabrezza|sbalzato fuori|sbalzata fuori|c e stato un frontale|un frontale"),
    (Violence, Strong, None, "جان سے مارنے|مارنے کی دھمکی|چاقو|maz ja zabije|mąż ją zabije|zabije ja|zabije mnie|slychac uderzenia|słychać uderzenia|bije ja|bije ją"),
    (Intrusion, Strong, None, "لص يحاول|يحاول كسر باب|كسر الباب|ভেঙে ভিতরে|ভিতরে ঢুকছে|intentando abrir la puerta|intentan abrir la puerta|estan forzando la puerta|están forzando la puerta|hay alguien en mi casa|hay dos hombres en el jardin|quelqu un essaie d entrer"),
    (Intrusion, Strong, IT, "stanno scassinando|sta scassinando|scassinano|persona in corridoio|uomo in corridoio|qualcuno in corridoio|uno in corridoio + torcia|pila|luce"),
    (SelfHarm, Strong, None, "خود کو ختم|خودکشی|chhat se kood|chat se kud|kood jaunga|kood jaungi|neend ki goliyan|neend ki goli|nahi jee sakti|nahi jee sakta|nahin jee sakti|jeena nahi chahta|jeena nahi chahti|avaler une boite|avale une boite|avalé une boîte|boite de somniferes|порезала вены|порезал вены|вскрыла вены|вскрыл вены"),
    (SelfHarm, Strong, IT, "e addio + non cercatemi|non mi cercate|non cercarmi|vi voglio bene"),
    (SelfHarm, Strong, IT, "non cercatemi piu|non cercatemi + addio|vi saluto|e finita"),
    (Child, Strong, None, "ein kind & gepackt|weggezerrt|entfuhrt|entführt|ins auto gezogen|mitgenommen"),
    (Child, Strong, None, "filho|filha|menino|menina|criança|crianca & nao voltou|não voltou|ninguem a encontra|ninguém a encontra|ninguem o encontra|ninguém o encontra|desapareceu|sumiu"),
    (Child, Strong, None, "beti|beta|bachcha|bachchi|bacha|bachi & ghar nahi aayi|ghar nahi aaya|nahi mil raha|nahi mil rahi|gum ho gaya|gum ho gayi|kho gaya|kho gayi"),
    (Child, Strong, None, "ولد صغير|طفل صغير|بنت صغيرة & وحدو|وحدها|وحده|بوحده|كيبكي"),
    (Child, Strong, None, "ਬੱਚਾ|ਬੱਚੀ|ਬੱਚੇ & ਇਕੱਲਾ|ਇਕੱਲੀ|ਗੁੰਮ"),
    (Child, Strong, IT, "guaglione|guagliona|criatura|piccerillo|piccerella|bambin*|bimb* & chiuso dint a machina|chius* in macchina|chius* nella macchina|chius* dint a machina"),
];
