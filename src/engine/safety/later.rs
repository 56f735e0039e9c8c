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
    // An eleventh writer for training alone (2026-12-07): no Italian at all, many lines in Ge'ez,
    // Devanagari, Gurmukhi, Bengali and Arabic script, Russian in Latin letters and Turkish.
    (SelfHarm, Strong, None, "መኖር አልፈልግም|ህይወቴን አጠፋለሁ|ህይወቴን ላጠፋ|ራሴን አጠፋለሁ|ራሴን ላጠፋ|ምቕጻል ኣይክእልን|ছাদ থেকে লাফ|লাফ দেবে|বাঁচতে চাই না|जान दे दूंगा|जान दे दूँगी|आत्महत्या|jaan de dega|jaan de degi|jaan le legi|jaan le lega|apni jaan|begguma dund|rey sama bopp|carta de despedida|se llevo la soga|se llevó la soga|nie dam rady dluzej|nie dam rady dłużej|zostawilem list|zostawiłem list|zostawilam list|zostawiłam list"),
    (SelfHarm, Strong, None, "goodbye post|sab khatam & phone nahi|nahi utha rahi|nahi utha raha|band hai"),
    (SelfHarm, Strong, EN, "let go when the next train|let go when the train|nobody there when i jump|no one there when i jump|when i jump|before i jump"),
    (Medical, Strong, None, "መናገር አይችልም|ኣይትዛረብን|ኣይትስትንፍስን|መተንፈስ አልቻለም|ታንቆት|አይንቀሳቀስም|अचानक गिर|जवाब नहीं दे रहे|होंठ नीले|जرعة زائدة|جرعة زائدة|عيونه مقلوبة|ما يرد علي|hindi makapagsalita|hindi maigalaw|tumagilid ang mukha|brustschmerzen|kalten schweiss|kalter schweiss|ہوش میں نہیں|ਹੋਸ਼ ਵਿੱਚ ਨਹੀਂ"),
    (Fire, Strong, None, "ሓዊ ተላዒሉ|እሳት ተነስቷል|ጭሱ በጣም|ትኪ መሊኡ|العافية شاعلة|شاعلة فال|الدخان دخل|alev cikiyor|alev çıkıyor|alevler|gorit musorka|ogon pereshel|gorit dom|gorit kvartira|горит|fire in the woods|fire in the forest|coming down the hill towards"),
    (Gas, Strong, None, "ሽታ ጋዝ|የጋዝ ሽታ|गैस की बहुत तेज़ बदबू|गैस की बदबू|pakhne gazom|pahne gazom|smierdzi gazem|śmierdzi gazem|czuc gaz|czuć gaz|chuty shypinnya"),
    (Flood, Strong, None, "ጎርፍ|ውሃው እስከ|su bir metreyi|mahsur kaldi|mahsur kaldı|flood water broke|filling the flats|flooding the flats"),
    (Collapse, Strong, None, "ተደርምሶ|ተደረመሰ|ከስር ተጨፍልቋል|बिल्डिंग गिर गई|इमारत गिर गई|छत गिर गई|چھت گر گئی|ملبے میں دبے|عمارت گر گئی|bhenge porche|fatol barche|a cair aos bocados|catlak cok hizli|çatlak çok hızlı|tas dusuyor|taş düşüyor|heyelan|duvarini yikti|duvarını yıktı|bits of wall are dropping|opened up like|crack is opening|crack opened up"),
    (Accident, Strong, None, "የመኪና አደጋ|ተገጭቶ|टक्कर हुई|खून बह रहा|फंसे हैं|ਹਾਦਸਾ|ট্রাকের নিচে|নড়ছে না|طوموبيل ضربات|ضربات دري|كيسيل منو الدم|مجروح بزاف|ضربو بعضياتهم|збили жінку|збили чоловіка|збили дитину|водій поїхав|oto bi dal na"),
    (Violence, Strong, None, "እየደበደበኝ|እገድልሻለሁ|ይወቕዓ|पीछा कर रहा|धमकी दे रहा|ਪਿੱਛਾ ਕਰ ਰਿਹਾ|ਚਾਕੂ|مجھے مار رہا|جان سے مار دے|مار دے گا|كيضرب مراتو|كيضربها|يضرب مراته|يهددها بسكين|بسكين|يلاحقني|ويهددني|b et zhenshchinu|b et menya|bet menya|muzh pyanyy|u nego nozh|zaperlas|ates edildi|ateş edildi"),
    (Violence, Strong, None, "ካራ & ይወቕዓ|ሰበይቱ|ሰብኣይ"),
    (Intrusion, Strong, None, "ሌባ|ሰራቒ|ተደብቄያለሁ|ተሓቢእና|ਘਰ ਅੰਦਰ ਵੜ|ਵੜ ਗਿਆ|شي واحد داخل الدار|مخبية فال|ouvi o vidro partir|mexer nas gavetas|fenster aufhebelt|tur aufhebelt|tür aufhebelt|aufgehebelt"),
    (Child, Strong, None, "ተቆልፎበታል"),
    (Child, Strong, None, "बच्चे|बच्चा|बच्ची & पीट रहे|मार रहे|चीख रहा|अकेला|अकेली"),
    (Child, Strong, None, "bachcha|bacha|baccha|bachon|bacche|bachche & marche|chitkar|band karke|madad maang|akele"),
    (Child, Strong, None, "دري صغير & بوحدو|وحدو|كيبكي|الواد"),
    (Child, Strong, None, "batang|bata & nahulog|tinatangay|nalulunod"),
    (Child, Strong, None, "kizi|kızı|oglu|oğlu|cocuk|çocuk & yalniz agliyor|yalnız ağlıyor|sokakta yalniz|sokakta yalnız|kayboldu"),
    (Child, Strong, EN, "son|daughter|kid|boy|girl & never came back|never got there|hasn t come back|hasnt come back"),
    // A tenth writer for training alone (2026-12-07): the dialects of every region.
    (Intrusion, Strong, IT, "ghe xe qualchedun drento|qualchedun drento casa|sento i passi de soto|u latru e|u latru|sta sfunnanno|sfunnann*|i latri so|el ladro xe"),
    (SelfHarm, Strong, IT, "el se buta dal|la se buta dal|se buta dal ponte|el se copa|la se copa|se copa|stanote la finisso|ghe digo adio|se ga taja i polsi|ga taja i polsi|no so pi bon de viver|me ne go da ndar|stanotte se ccide|se ccide|si ccide|si ochidet|s ochidet|perdonem"),
    (SelfHarm, Strong, IT, "sto sul ponte|sono sul ponte|so sul ponte|sto sul cornicione & nn voglio parlare|non voglio parlare|sappia dove sono|addio|perdonatemi"),
    (Flood, Strong, IT, "la roja la xe|xe drio entrar|e drio entrar|s e ampini d eva|ampini d eva|a monta nt la scala|pien d eva|i soma ansima|a i riva ancora|pasa sovra al pant|l aghe e jentre|aghe e jentrade|restade sul tet|ant ingiriau|in sa cresura|no podet bessire|andende cun s abba|at leadu sa machina|arrivata al primo piano|siamo saliti in soffitta|saliti in soffitta"),
    (Fire, Strong, IT, "feugo|fogh|piggiou feugo|preso foco|pijato foco|er fumo sta a sali|fum ch a ven fora|ven fora un fum|fum neigher|fum nigher|fiamme su tetto|fiamme sul tetto|cuoco dentro|canna del camin"),
    (Collapse, Strong, IT, "s e avert in du|al crola tott|e ancora danter|l e crule|crule ades|crulè|piggiou sotta|un uperari sota"),
    (Collapse, Strong, IT, "caduti sulle macchine|caduto sulla macchina|caduto sulle macchine & dentro|c e una signora|c e qualcuno|c e un signore"),
    (Medical, Strong, IT, "cheito pe e scae|no se mescia ciu|testa averta|testa rotta|molto sangue|non sveglia|non trovare le parole|non riesce a trovare le parole|il braccio non lo alza|braccio destro non lo alza|braccio sinistro non lo alza|abbiamo sonno e mal di testa|sonno e mal di testa"),
    (Accident, Strong, IT, "tolt sotta|tolta sotta|l a tolt"),
    (Violence, Strong, IT, "cotello|cun on cortel|on cortel|m ha daeto un pugno|o curtiello|c o curtiello|stongo chiusa|chiusa int o bagno|sta pistannu|pistannu|cu i bastuna|batte sul finestrino|batte sui finestrini|mi ha seguito dal|mi ha seguita dal|puntato la pistola|mi ha puntato|hanno un coltello|mi hanno accerchiato|mi hanno accerchiata"),
    (Child, Strong, IT, "figgeu|figeu|figgeua|fantin|putel & davanza|sporze|se sporze|in scio davanza"),
    (Child, Strong, IT, "resta in machina|restà in machina|restata in macchina|chiusa in macchina|chiuso in macchina & sol|sole|la ciga|piange|pien sol"),
    (Child, Strong, IT, "criaturella|criaturiello|piccerella|piccerillo & sola|solo|chiagne|mmiezo"),
    (Child, Strong, IT, "l ha fatta salire|l ha fatto salire|l hanno fatta salire & targa|in macchina|va verso|caramelle"),
];
