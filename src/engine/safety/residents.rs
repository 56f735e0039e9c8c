//! The rules for residents' languages (Arabic, Darija and Egyptian, Hindi, Punjabi, Urdu, Bengali,
//! Nepali, Sinhala, Tamil, Malayalam, Amharic, Tigrinya, Somali, Greek, Georgian, Bulgarian,
//! Serbian and Croatian, Vietnamese, Tagalog, Pidgin, Wolof, Farsi, Pashto and others), in their
//! scripts and in Latin letters as they are typed: written for the families of the dangers that
//! three writers for training alone told in them (see `docs/safety.md`, "How well it works"), read
//! after [`super::later`] in the same way.

use super::Kind::{self, *};
use super::rules::{RuleLang, Strength};

use Strength::Strong;

/// The rules for residents' languages: (kind, strength, language, rule).
#[rustfmt::skip]
pub(super) const RULES: &[(Kind, Strength, RuleLang, &str)] = &[
    // German, Egyptian Arabic, Somali, Hindi/Urdu, Portuguese: cries for help
    (Help, Strong, None, "helft mir|hilf mir|helfen sie mir|bitte hilfe|hilfe hilfe|el7a2o*|il7a2o*|el7a2ni|elha2oni|ilha2oni|caawimaad caawimaad|i caawiya|na caawiya|i soo caawiya|gargaar gargaar|madad madad|madad karo|madad kijiye|meri madad|bachao|bachaao|me ajudem|acudam|socorro socorro"),
    // Vietnamese, Serbian/Croatian/Bosnian, Egyptian Arabic, Somali: being beaten / threatened now
    (Violence, Strong, None, "danh toi|danh em|danh me|danh con|doa giet|cam dao|ce me ubiti|da me ubije|ubit ce me|ubice me|tuce me|bije me|udara me|davi me|napao me|napala me|bydrabni|beyedrabni|byedrabni|bedrabni|bydrabny|byedrabny|hay2telni|hayemawetni|garaacaya|garaacayaa|i garaacay|i dilaya|i dhaawacaya|i weerarayaa"),
    // Vietnamese, Serbian/Croatian/Bosnian, Malayalam, Somali, Wolof: wanting to die
    (SelfHarm, Strong, None, "khong muon song|muon chet|muon tu tu|dinh tu tu|ket lieu|ket thuc cuoc doi|ket thuc tat ca|ubit cu se|ubicu se|ne zelim vise zivjeti|ne zelim vise da zivim|necu vise da zivim|zelim umrijeti|zelim da umrem|jeevikkanda|jeevikkenda|jeevikan vayya|chaakanam|chaakan pokunnu|marikkanam|aathmahathya|naftayda dil*|naftayda ka qaad*|inaan noolaado|inaan dhinto|is dilayaa|beguma dundu|begguma dundu|jeexal lepp|rey sama bopp|reyal sama bopp"),
    // Vietnamese, Serbian/Croatian/Bosnian, Malayalam: fire and smoke now
    (Fire, Strong, None, "boc chay|chay lon|chay rui|khoi den|khoi day|nhieu khoi|khoi mu|ngon lua|gust dim|crni dim|izlazi dim|dim izlazi|puno dima|pun dima|kulja dim|sve gori|gori stan|gori kuca|gori kuhinja|izbio pozar|thee pidichu|thee pidikkunnu|theepidichu|mothom puka|motham puka|puka niranju"),
    // Vietnamese, Serbian/Croatian/Bosnian, Egyptian/Moroccan Arabic: smell of gas
    (Gas, Strong, None, "mui gas|mui ga|ro ri gas|ri gas|xi gas|mui khi ga|ro khi ga|miris plina|miri na plin|smrdi na plin|curi plin|osjeca se plin|re7et gas|ree7et gas|ri7et gaz|ri7t lgaz|ri7a dyal lgaz"),
    // Vietnamese, Greek: unconscious / not breathing
    (Medical, Strong, None, "bat tinh|ngat xiu|ngung tho|khong tho duoc|khong con tho|den mporei na anapneusei|den anapneei|den mporei na anasanei|den anasainei|prizetai|lipothymise|ligothymise"),
    // Vietnamese, Serbian/Croatian/Bosnian: water coming in, river overflowing
    (Flood, Strong, None, "nuoc dang tran|nuoc tran vao|nuoc dang vao|nuoc dang len|nuoc dang ngap|nuoc ngap den|nuoc ngap vao|rijeka se izlila|reka se izlila|izlila se rijeka|izlila se reka"),
    // Vietnamese: child fell in water, child lost
    (Child, Strong, None, "be|dua be|dua nho|con toi|con em|chau & roi xuong|te xuong|chet duoi|duoi nuoc"),
    (Child, Strong, None, "con|be|chau|dua be|dua nho + bi lac|lac mat|mat tich|bien mat"),
    // Vietnamese: intrusion
    (Intrusion, Strong, None, "pha cua|cay cua|dot nhap|leo vao + vao|nha|phong"),
    // Vietnamese: fall + unconscious
    (Medical, Strong, None, "nga|xiu|ngat|te & khong tinh|bat tinh|khong tho|khong tra loi|tai xanh"),
    // Vietnamese: road accident with injured
    (Accident, Strong, None, "tai nan|dam|tong|va cham & chay mau|nam duoi duong|nam giua duong|khong tinh|bat tinh"),
    // Vietnamese: help
    (Help, Strong, None, "cuu toi|cuu em|cuu tui|cuu chung toi|cuu voi|cuu voii|cuu voiii|cuu con toi|cuu me toi"),
    // Vietnamese: collapse
    (Collapse, Strong, None, "tran nha|ban cong|mai nha|cau thang & nut|sap xuong|sap|rot xuong|dang do"),
    // Serbian/Croatian/Bosnian: accident, collapse with injured/unconscious
    (Accident, Strong, None, "udes|sudar|pregazil*|udario|udarila|oborio|oborila & lezi|ne mrda|krvari|ne dise|bez svijesti|bez svesti"),
    (Medical, Strong, None, "pao|pala|srusio|srusila|onesvijestio|onesvijestila|onesvestio|onesvestila & ne moze ustati|ne dise|ne reagira|ne reaguje|ne odgovara|bez svijesti|bez svesti|usne su mu plave|plave usne|govori cudno|strana mu ne radi|strana ne radi"),
    // Serbian/Croatian/Bosnian: wall/ceiling cracking
    (Collapse, Strong, None, "zid|plafon|strop|balkon|krov|tavanica & puca|puce|ugiba|pukotina|krcka*|pada malter|pucketa|urusava|rusi se"),
    // Serbian/Croatian/Bosnian: water coming in
    (Flood, Strong, None, "voda + ulazi|nadire|prodire|raste|do koljena|do kolena|do pojasa"),
    // Serbian/Croatian/Bosnian: child fell in / locked in / missing
    (Child, Strong, None, "mali|mala|dijete|dete|beba|klinac|sin|kcer|cerka & upao|upala|nestao|nestala|zakljucan*|voda ga nosi|voda je nosi"),
    // Serbian/Croatian/Bosnian: carbon monoxide symptoms
    (Gas, Strong, None, "plin|gas|pec|bojler|grijalica & glavobol*|vrtoglavic*|povraca|mucnin*"),
    // Serbian/Croatian/Bosnian: pills, overdose
    (SelfHarm, Strong, None, "tablete|pilule|lijekove|lekove & sve popiti|popiti sve|popit cu|progutati"),
    // Polish: ceiling cracking, child locked/lost, carbon monoxide
    (Collapse, Strong, None, "sufit|strop|sciana|balkon|dach & peka|ugina|spada|spadnie|zawali*|wali sie|pekniecie|leci tynk"),
    (Child, Strong, None, "dziecko|coreczka|corka|syn|synek|niemowle & zamkniet*|zaginal|zaginela|zgubil*|wpadl|wpadla"),
    (Gas, Strong, None, "piecyk|gaz|gazowy|piec|junkers & zawroty|wymiot*|mdlosci"),
    // Nigerian Pidgin: help, child locked/lost
    (Help, Strong, None, "abeg + help|save"),
    (Child, Strong, None, "pikin|pickin & inside car|inside motor|don lost|don loss|missing|lock"),
    // Turkish: break-in
    (Intrusion, Strong, None, "biri|birisi|hirsiz|hirsizlar & eve girdi|eve giriyor|iceri girdi|iceri giriyor|pencereden|kapiyi kiriyor|kapiyi zorluyor"),
    // Malayalam (Latin): someone opening the door
    (Intrusion, Strong, None, "aaro|kallan|kallanmar & vaathil|vathil|jannal|akathu kayari|thurakkan"),
    // Egyptian Arabic (Arabizi): collapse, collapsed person, child locked, CO
    (Collapse, Strong, None, "balakona|balkona|sa2f|7eta|7ita|3omara|3emara & bte2a3|bet2a3|bey2a3|hate2a3|byenzel|wa23et|we23et|etsha2a2|mshaqa2"),
    (Medical, Strong, None, "wa2e3|we2e3|wa2a3|3al ard|oghma & mesh beyrod|mesh betrod|msh byrod|azra2|mesh beyetnafes|mesh bytnafes"),
    (Child, Strong, None, "3ayel|el 3ayel|ebni|benti|el walad|el bent|tefl & et2afal|ma2fool 3aleh|ma2fool 3aleha|mat2afel|tayh|ta2ha"),
    (Gas, Strong, None, "daffaya|sakhan|gas|anbooba|ambooba & dayekhin|dayekh|dayekha|sda3|soda3"),
    // Moroccan Darija: kitchen fire
    (Fire, Strong, None, "l3afia|l3afya|l3afiya|lafia & cha3la|cha3lat|cha3l|ch3lat|ntfiha|ntfih|dkhan|ddkhan"),
    // Nepali (Latin): fire, self-harm, violence, collapse
    (Fire, Strong, None, "aago|aagi & lagyo|nikliyo|baliraheko|balyo|dhuwa|dhuwan|dhuan"),
    (SelfHarm, Strong, None, "bachna|jiuna|bachne|jiune + man|mann|ichha + chhaina|chaina|chhaena|chain"),
    (Violence, Strong, None, "malai|mlai + kutdai|kutiraheko|pitdai|marna khojdai|maarna khojdai|kutyo"),
    (Collapse, Strong, None, "bhitta|bhitto|chhana|chhat|ghar & chira|chiryo|charkiyo|khasla|khasdai|bhatkiyo|bhatkidai"),
    // Somali: break-in, ceiling collapsing, gas smell
    (Intrusion, Strong, None, "qof|tuug|tuugo|nin|rag & soo galaya|daaqada|jabinaya|jebinaya"),
    (Collapse, Strong, None, "saqafka|saqaf|darbiga|gidaarka|derbiga & dhacaya|dillaac*|burburaya|jajab"),
    (Gas, Strong, None, "gaas|gas & uraya|ureysa|madax xanuun|madax wareer"),
    // Persian (Latin): knife threat
    (Violence, Strong, None, "chaqu|chaghu|chaqoo|chaghoo|aslahe & tahdid*|hamle"),
    // Pashto (Latin): intruder, self-harm
    (Intrusion, Strong, None, "kor|koor + ta + nanwat*|nanawat*|nanawt*"),
    (SelfHarm, Strong, None, "zan + wazhnam|wajnam|wazhanam|wazhnum|wajnum"),
    // Bengali (Latin): knife fight, bleeding
    (Violence, Strong, None, "chhuri|churi|chaku & maramari|rokto|kupacche|kopacche"),
    // Georgian (Latin): child lost, fire, water coming in
    (Child, Strong, None, "bavshvi|shvili|bichi|gogo + dakarga|ikarga|gaqra"),
    (Fire, Strong, None, "cecxli|xandzari|kvamli & gachnda|moedo|ver vaqrob|ikideba"),
    (Flood, Strong, None, "wyali|tskali|cqali|tsqali + shemodis|shemovida|matulobs"),
    // Greek (Latin): someone breaking in
    (Intrusion, Strong, None, "kapoios|kapoioi|kapios|kleftis|kleftes + anoigei|anoigoun|spaei|spane|mpainei|mpike|prospathei"),
    // Amharic (Latin): friend's farewell message
    (SelfHarm, Strong, None, "dehna hunu & hulum|silk|dildiy*"),
    // Bulgarian (Latin): balcony/ceiling falling
    (Collapse, Strong, None, "balkonat|balkona|tavanat|tavana|stenata|pokrivat & visi|pada mazilka|padat|se sruti|se srutva|pukna|napukva"),
    // Filipino: ceiling cracking, falling
    (Collapse, Strong, None, "kisame|pader|bubong|dingding & lamat|bumabagsak|nahuhulog|gumuguho|bumubukol|lumalagutok"),
    // Sinhala (Latin): hit by a vehicle, bleeding
    (Accident, Strong, None, "car ekak|bus ekak|lorry ekak|lori ekak|bike ekak|wahanayak|wahanaya & athare giya|hepuwa|hapuna|le yanawa"),
    // French: ceiling cracking
    (Collapse, Strong, None, "plafond|mur|balcon|toit|plancher & se fissure|tombent|s effondre|s ecroule|craque|menace de tomber"),
    // Spanish: child missing
    (Child, Strong, None, "hija|hijo|nino|nina|bebe & no aparece|no lo encuentro|no la encuentro|desaparecid*|se perdio"),
    // Romanian: fell, not responding
    (Medical, Strong, None, "a cazut|cazut|lesinat|lesinata|s a prabusit & nu mai raspunde|nu raspunde|nu respira|nu mai respira|inconstient*|nu se misca"),
    // Tamil: help
    (Help, Strong, None, "உதவ + பணணஙக|please|பணணங*"),
    // Language: Serbian/Croatian/Bosnian + Bulgarian (Latin): car crash with someone hurt or not moving
    (Accident, Strong, None, "sudar|sudarila|sudarili|udario|udarila|udarilo|udari|blasna|sgazi|pregazi|pregazio|pregazila|oborio|oborila|sletio|sletjela|prevrnuo|prevrnula & ne mice|ne mrda|ne mrdna|ne se dvizhi|krvari|kurvi|lezi|lezhi|zarobljen|zarobljena|zarobljeni|zaglavljen|zaglavljena|bez svijesti|bez svesti"),
    // Language: Serbian/Croatian/Bosnian (Latin): lost child, child fallen into water
    (Child, Strong, None, "dete|dijete|djete|djecak|decak|djevojcica|devojcica|beba|sin|sinko|cerka|kcer|kcerka|klinac|mali|mala & izgubio se|izgubila se|izgubilo se|izgubilo|nestao|nestala|nestalo|ne mozemo da ga nadjemo|ne mozemo ga naci|ne mozemo je naci|ne nalazimo"),
    (Child, Strong, None, "dete|dijete|djecak|decak|djevojcica|devojcica|beba|sin|cerka|kcer|mali|mala & upao|upala|upalo|pao|pala|palo & bazen|bazenu|vodu|rijeku|reku|jezero|more|kanal"),
    // Language: Serbian/Croatian/Bosnian (Latin): wall/roof/balcony collapsing
    (Collapse, Strong, None, "zid|strop|plafon|krov|balkon|zgrada|kuca|tavan|stepenice|kamenje|cigle|fasada & rusi|urusava|urusio|urusila|urusilo|srusio|srusila|srusilo|obrusava|pucaju|puca|raspada"),
    // Language: Serbian/Croatian/Bosnian + Bulgarian (Latin): something burning, smoke coming out
    (Fire, Strong, None, "gori|gorimo|zapalio|zapalila|zapalilo|izgarya|pozhar & dim|vatra|plamen|plamenovi|pozar|dima|pechkata|kuhnyata|stalbishteto"),
    (Fire, Strong, None, "dim|dima|plamen|vatra + izlazi|izlaze|kulja|suklja|ulazi|ide|idu|se siri|miris paljevine|mirise na paljevinu"),
    // Language: Serbian/Croatian/Bosnian (Latin): water rising in the house, river overflowing
    (Flood, Strong, None, "voda|vodom|reka|rijeka & do kolena|do koljena|do pojasa|do struka|nadire|prodire|ulazi u kucu|ulazi u stan|izlila|poplavila"),
    // Language: Serbian/Croatian/Bosnian (Latin): gas / rotten-egg smell
    (Gas, Strong, None, "smrdi|mirise|miris|zaudara|osjeca se|oseca se & pokvarena jaja|pokvarenih jaja|trula jaja|trulih jaja|plin|plina|gas|gasa"),
    // Language: Serbian/Croatian/Bosnian (Latin): break-in through window/door
    (Intrusion, Strong, None, "razbio|razbili|razbija|provalio|provalili|provaljuje|obio|obili|obija + je|su|se|nam|mi|u|kroz|prozor|vrata|staklo|stan|kucu"),
    // Language: Serbian/Croatian/Bosnian (Latin): fell and does not get up / answer / breathe, seizure
    (Medical, Strong, None, "pao|pala|srusio se|srusila se|onesvijestio|onesvijestila|onesvestio|onesvestila & ne dize|ne dise|ne odgovara|ne reagira|ne reaguje|trese se|bez svijesti|bez svesti|ne mice|ne mrda|ne dolazi k sebi"),
    // Language: Serbian/Croatian/Bosnian (Latin): jumping from a bridge, overdose
    (SelfHarm, Strong, None, "skocit|skociti|skocicu|skocim|skoci & sa mosta|s mosta|sa zgrade|s krova|sa krova|kroz prozor|sa balkona"),
    (SelfHarm, Strong, None, "popila|popio|progutala|progutao & tablete|tableta|tabletki|lijekove|lekove|pilule"),
    // Language: Serbian/Croatian/Bosnian (Latin): threatened / beaten
    (Violence, Strong, None, "me ubiti|me ubije|me ubit|me zaklati|me zakolje|me tuce|me bije|me davi"),
    // Language: Bulgarian (Latin): cutting wrists
    (SelfHarm, Strong, None, "reje|rezhe|reze|nareza|sreza & venite"),
    // Language: Greek (Greeklish): house burning, husband hitting me
    (Fire, Strong, None, "kaigetai|kaiete|kegete|kaigete|fotia|pyrkagia|pirkagia & spiti|diamerisma|polykatoikia|kouzina|kapno|kapnos|kapnoi"),
    (Violence, Strong, None, "me xtypaei|me xtypa|me htypaei|me chtypaei|me xtipaei|me xtipa|me dernei|me derni|me skotosei|tha me skotosei"),
    // Language: Persian (Finglish): chest pain, numbness
    (Medical, Strong, None, "sinash|sinam|sineh|ghalbesh|ghalbam|bi hess|bihess|bihes + dard|tir|shode|shodeh"),
    // Language: Persian + Pashto (Latin): hitting me, knife, locked myself in
    (Violence, Strong, None, "mano mizane|mano mizaneh|mara mizanad|mano zad|mano kotak|chaghoo dare|chaghu dare|chaqu dare|chaghoo dastesh|chaghu dastesh|ghofl kardam|ma wahi|ma waahi|ma wahee|ma wahai|chaqu ye|chaku ye|chaqu pa las"),
    // Language: Pashto (Latin): water coming in
    (Flood, Strong, None, "oba|obo|obe + nanawzi|nanawatale|nanawate|nanawzee|rawukhatale|rawakhatale|rawokhatale|raghale|khatale"),
    // Language: Persian / Bengali / Nepali / Sinhala (Latin): fire caught, smoke
    (Fire, Strong, None, "atish|atash|aatish|agun|aagun|aago|ago|gini & gerefte|gerefteh|grefte|dood|dhoa|dhowa|dhuwa|dhuwan|lagse|legeche|lagche|lagyo|lageko|lagecha|gihin|gihilla|dumaya|duma"),
    // Language: Vietnamese (no diacritics): crash with bleeding / unconscious person
    (Accident, Strong, None, "tai nan|dam xe|tong xe|dung xe|bi xe & chay mau|mat mau|bat tinh|nam duoi dat|nam bat dong|khong cu dong"),
    // Language: Vietnamese (no diacritics): child lost or alone
    (Child, Strong, None, "con|be|em be|dua be|be trai|be gai|tre em|tre con|chau|dua tre & bi lac|lac mat|di lac|mat tich|tim khong thay|khong tim thay|mot minh|khong co ai"),
    // Language: Vietnamese (no diacritics): ceiling/wall/balcony falling, cracking
    (Collapse, Strong, None, "tran nha|tran|tuong|ban cong|mai nha|cau thang|gach|toa nha|tang tren & sap xuong|sup xuong|sap do|roi xuong|do xuong|dang rung|nut ra|nut toac|sap sap"),
    // Language: Vietnamese (no diacritics): house on fire, black smoke
    (Fire, Strong, None, "nha|hang xom|can ho|bep|phong|tang + chay roi|dang chay|boc chay|chay lon"),
    (Fire, Strong, None, "khoi|khoi den & ngom|boc len|bay ra|ra cua so|mu mit|day nha|den ngom"),
    // Language: Vietnamese (no diacritics): water flooding in
    (Flood, Strong, None, "nuoc + tran vao|vao nha|ngap|dang len|len toi|len den|dang dang"),
    // Language: Vietnamese (no diacritics): help me
    (Help, Strong, None, "cuu* + toi|em|tui|con|chung toi|voi|me|nguoi"),
    (Help, Strong, None, "cu|cuu* + toi|em|tui|con + voi"),
    // Language: Vietnamese (no diacritics): someone breaking in
    (Intrusion, Strong, None, "pha cua|pha khoa|cay cua|dot nhap|leo vao|ke trom|ke la & vao nha|trong nha|mot minh|tren lau|duoi nha"),
    // Language: Vietnamese (no diacritics): do not want to live
    (SelfHarm, Strong, None, "khong muon song|tu sat|ket lieu|ket thuc cuoc song|ket thuc cuoc doi|toi se ket thuc|muon chet di"),
    // Language: Somali: thief came in, house burning, wall/ceiling cracking, crash with blood
    (Intrusion, Strong, None, "tuug|tuugo|burcad & soo galay|soo galayo|soo gelayo|jabiyay|jebiyay|daaqada|albaabka"),
    (Fire, Strong, None, "gubanaya|gubanayo|dab qabsaday|dab ka kacay|dab baa|dab ayaa|qiiq & guri|guriga|daaqada|jikada|dabaqa|badan|soo baxaya|ka baxaya"),
    (Collapse, Strong, None, "darbi*|derbi*|saqaf*|dhisma*|balakoon* & dillaacay|dillaacaya|dhacaya|burburaya|burburay|soo dhacaya"),
    (Accident, Strong, None, "shil|gaari|gaadhi|baabuur|mooto & jiiday|jiidhay|ku dhuftay|dhiig|dhiigbax|miyir"),
    // Language: Somali + Turkish: child lost or alone
    (Child, Strong, None, "wiil*|gabar*|ilmo*|cunug*|canug*|cocuk|cocugu|cocugum|bebek|oglum|kizim|kızım & lumay|maqan|la waayay|waayay|ma helin|ma heli karno|tek basina|tek basına|kayboldu|kaybolmus|kaybolmuş|annesi babasi yok|annesi yok|kimse yok|yalniz basina|yalnız basına"),
    // Language: Somali: suicide, husband beating me / knife
    (SelfHarm, Strong, None, "is dilayaa|is dilaya|isdilayaa|is dili|is dilo|noolaado|inaan dhinto"),
    (Violence, Strong, None, "i garaacaya|i garaacay|i garaaca|i dilaya|i dilayaa|mindi ayuu|mindi ayay|mindi haysta|mindi sita|mindi wata"),
    // Language: Somali / Vietnamese / Amharic / Tigrinya (Latin): smell of gas with symptoms
    (Gas, Strong, None, "gas|gaas|gaaska|yegas|gaz|gazi & ur|urta|uriya|urayaa|madax xanuun|neef|shita|sheta|shtta|mui|nong nac|ro ri"),
    // Language: Egyptian / Moroccan Arabic (Arabizi): balcony, wall, ceiling falling/cracking
    (Collapse, Strong, None, "balakona|balkona|balakon|sa2f|saa2f|ha2et|toob|3omara|l7it|7it|lsa9f|sa9f|ljebs|l3imara & bt2a3|beto2a3|beyo2a3|biyo2a3|bet2a3|wa2a3et|we23et|shro5|shoro5|t9esser|mt9esser|kayt9esser|kaytaye7|kaytay7|taye7|t7ell"),
    // Language: Egyptian / Moroccan Arabic (Arabizi): fire, smoke coming out
    (Fire, Strong, None, "dokhan|dd5an|d5an|do5an|dokhkhan|dukhan|dkhan|7ari2a|7ari2|7areeq|7ri9a|l7ri9|lma7rou9|ma7rou9 & tale3|tal3a|tal3|kharej|5arej|khrej|kaykhrej|tay5rej|3al sellem|ri7t|re7et|ta7tena|fo2ena"),
    // Language: Egyptian / Moroccan Arabic (Arabizi): gas cylinder leaking / smell
    (Gas, Strong, None, "amboba|anboba|ambouba|el gaz|gaz|ghaz|lbota|lbouta & re7a|re7et|ri7a|ri7t|bet saffar|saffar|betsaffar|tasreeb|mafto7"),
    // Language: Egyptian / Moroccan Arabic (Arabizi): window broken, someone got in
    (Intrusion, Strong, None, "kasar|kaser|kesser|kasr|ksar|kessar|da5al|dakhal|d5al & shebak|shobbak|shbak|sherjem|sserjem|serjem|lbab|el bab|ezaz|9zaz|7aramy|7arami|sare2"),
    // Language: Egyptian Arabic (Arabizi): do not want to live
    (SelfHarm, Strong, None, "msh|mesh|mish|mosh + 3ayez|3ayza|3awez|3awza + a3eesh|a3ish|a3ech|a3eish"),
    // Language: Bulgarian / Malayalam / Somali / Arabizi / Hindi-Nepali: cries for help
    (Help, Strong, None, "pomosht|pomosh|pomognete|spasete me|rakshikkane|rakshikkanee|rakshikane|rekshikkane|rakshikkoo|i caawiya|i caawiyaa|naga caawiya|i badbaadiya|el7a2o*|el7a2ou*|il7a2o*|al7a2o*|7a2ooni|7a2ouni|7a2oony|sa3dooni|sa3douni|bachau bachau|bachaw bachaw|mujhe bachau|malai bachau|hamlai bachau"),
    // Language: Sinhala (Latin): help
    (Help, Strong, None, "udaw|udau|udav + karanna|karapalla|karapan|karanu|karannako"),
    // Language: Nepali (Latin): heater fumes, person not waking; no wish to live
    (Gas, Strong, None, "heater|hitar|gas|gyas|gyaas|angeethi|koila & uthdai chaina|uthdaina|bolda chaina|boldaina|behosh bhayo|tauko dukhyo|ringata"),
    (SelfHarm, Strong, None, "bachna|bachne|jiuna|baachna + mann|man + chaina|lagdaina|chhaina"),
    // Language: Malayalam (Latin): cannot live any more
    (SelfHarm, Strong, None, "jeevikkan|jeevikan + vayya|pattunnilla|pattilla|thonnunnilla|venda"),
    // Language: Tagalog: help us, collapsed and not breathing
    (Help, Strong, None, "tulungan + nyo|niyo|ninyo|mo|nyu + ko|ako|kami|po"),
    (Medical, Strong, None, "natumba|nahimatay|bumagsak|nawalan ng malay & di humihinga|hindi humihinga|di gumagalaw|hindi gumagalaw|walang malay|di makahinga|hindi makahinga"),
    // Language: Nigerian Pidgin: help me, child locked in a car / lost
    (Help, Strong, None, "help me|help mee*|help us & abeg|biko"),
    (Child, Strong, None, "pikin & inside car|inside motor|lock inside|door lock|don lost|missing|alone|nobody|drown|inside water"),
    // Language: Polish: small child alone / missing
    (Child, Strong, None, "dziewczynka|dziewczynke|chlopiec|chlopczyk|dziecko|dzieciak|maluch|coreczka|synek & sama|sam|samo|zaginal|zaginela|zaginelo|zgubil sie|zgubila sie|zgubilo sie|nikogo"),
    // Language: French: small child alone / lost
    (Child, Strong, None, "garcon|fille|fillette|enfant|gamin|gamine|bebe|petit|petite & tout seul|toute seule|perdu|perdue|disparu|disparue|personne autour|introuvable|sans ses parents"),
    // Language: Romanian: jumping to die
    (SelfHarm, Strong, None, "ma arunc|sa ma arunc + de|in|pod|podul|bloc|blocul|geam|fereastra"),
    // Language: Ukrainian (Latin): someone climbing in, breaking glass
    (Intrusion, Strong, None, "khtos|hto|ktos|kto to|ktoto & lize|liz|lizut|zalizaie|zaliz|vlamuiet*|lamaie|lamaiut|rozbyva*|rozbyv"),
    // Language: Georgian / Amharic (Latin): crash, person lying, bleeding
    (Accident, Strong, None, "avaria|manqana|manqanam|mekina|mekinaw & sisxli|dzirs|ugonod|gechech|gechew|dem yifesal|tegnito"),
    // Language: Tigrinya (Latin): cannot live any more
    (SelfHarm, Strong, None, "kenabri|kenbri|kenabir|kenebri + aykielen|aykeln|aykiyelen"),
    // Greek: chest pain, seizure, not breathing
    (Medical, Strong, None, "σφιγγει|πιανει|ποναει + στηθος"),
    (Medical, Strong, None, "αφρους|αφρο & στομα"),
    (Medical, Strong, None, "σφαδαζει|δεν αναπνεει|δεν ανασαινει|λιποθυμησε|λιποθυμαει"),
    // Greek: accident
    (Accident, Strong, None, "τρακαρισμα|τρακαρε|χτυπησε|παρεσυρε & αιμορραγει|αιμα|κατω|αναισθητος"),
    // Greek: collapse
    (Collapse, Strong, None, "πεφτουν + σοβα*|κομματια"),
    (Collapse, Strong, None, "ρωγμη|ρωγμες|ταβανι & μεγαλωνει|τριξιμο|κρακ|πεφτουν"),
    // Greek: gas
    (Gas, Strong, None, "μυριζει|μυριζω|μυρωδια + γκαζι|υγραεριο|χαλασμενα αυγα"),
    (Gas, Strong, None, "σφυριγμα & σωληνα|φιαλη|κουζινα"),
    // Greek: intrusion
    (Intrusion, Strong, None, "σπαει|σπανε|παραβιαζει|παραβιαζουν + πορτα|παραθυρο|κλειδαρια"),
    // Greek: self-harm
    (SelfHarm, Strong, None, "θα + τελειωσω|αυτοκτονησω|σκοτωθω"),
    (SelfHarm, Strong, None, "δεν αντεχω αλλο|θελω να πεθανω|αποψε τελειωνει|εγραψα γραμματα"),
    // Greek: violence
    (Violence, Strong, None, "με + χτυπαει|δερνει|χτυπα"),
    (Violence, Strong, None, "κλειστηκα + μπανιο|δωματιο|τουαλετα"),
    // Bulgarian: medical
    (Medical, Strong, None, "не може + да диша|да си поеме"),
    (Medical, Strong, None, "задави|задави се|посинява|посиня|припадна и не"),
    // Bulgarian: child alone in danger
    (Child, Strong, None, "детето|бебето|дете & само|сам & перваза|прозореца|балкона|терасата"),
    // Bulgarian: collapse
    (Collapse, Strong, None, "се + срути|срутва|напука|люлее"),
    // Bulgarian: fire
    (Fire, Strong, None, "гори + колата|къщата|апартамента|блока|кола|мазето"),
    (Fire, Strong, None, "пламъците|пламъци & стигат|излизат|горе|етаж"),
    // Bulgarian: flood
    (Flood, Strong, None, "реката преля|реката излезе"),
    (Flood, Strong, None, "водата + расте|влиза|нахлува|е в двора|е в къщата"),
    // Bulgarian: gas
    (Gas, Strong, None, "мирише|миризма + на газ|газ"),
    // Bulgarian: intrusion
    (Intrusion, Strong, None, "някои + разбива|чупи|се опитва да отвори|влиза"),
    (Intrusion, Strong, None, "разбиват|разбива + вратата|прозореца"),
    // Bulgarian: violence
    (Violence, Strong, None, "бие + жена|жена си|детето|децата|майка си"),
    (Violence, Strong, None, "писъци|крещи & удари|бие"),
    // Bulgarian: self-harm
    (SelfHarm, Strong, None, "не искам + да живея|повече да живея"),
    (SelfHarm, Strong, None, "ще се самоубия|ще сложа край"),
    // Bulgarian: help
    (Help, Strong, None, "помощ помощ|помогнете помогнете"),
    // Serbian (Cyrillic): gas, violence
    (Gas, Strong, None, "осећа се|смрди|мирише + гас"),
    (Violence, Strong, None, "туче + жену|дете|мајку"),
    (Violence, Strong, None, "вриштање|вришти & нож|туче"),
    // Georgian: accident
    (Accident, Strong, None, "სისხლი სდის|მანქანა შევარდა|დაეჯახა"),
    // Georgian: child alone
    (Child, Strong, None, "ბავშვი|ბიჭი|გოგო & მარტო & ტირის|დაიკარგა"),
    // Georgian: collapse
    (Collapse, Strong, None, "იბზარება|ჩამოინგრა|ინგრევა|ქვები ცვივა"),
    // Georgian: fire
    (Fire, Strong, None, "ცეცხლია|იწვის|კვამლი გამოდის"),
    // Georgian: flood
    (Flood, Strong, None, "წყალი + შემოდის|ადის|შემოვიდა"),
    // Georgian: gas
    (Gas, Strong, None, "გაზის + სუნი*"),
    // Georgian: medical
    (Medical, Strong, None, "შეტევა & არ ჩერდება|კანკალებს"),
    (Medical, Strong, None, "ვერ სუნთქავს|არ სუნთქავს|გული წაუვიდა"),
    // Georgian: self-harm
    (SelfHarm, Strong, None, "აღარ მინდა + ცხოვრება|სიცოცხლე"),
    (SelfHarm, Strong, None, "ყველაფერს დავამთავრებ|ბოლო წერილია|თავს მოვიკლავ"),
    // Georgian: violence
    (Violence, Strong, None, "მცემს|მირტყამს|ჩავიკეტე"),
    // Amharic/Tigrinya: water coming in
    (Flood, Strong, None, "ውሃ|ማይ & እየገባ ነው|ይኣቱ ኣሎ"),
    // Amharic/Tigrinya: fallen and unresponsive
    (Medical, Strong, None, "ወድቃ|ወድቋል|ወዲቓ|ወዲቑ & አትነሳም|አትናገርም|አትመልስም|አይነሳም|ኣይትምለስን|ኣይትትንፈስን|አትተነፍስም"),
    // Amharic/Tigrinya: self-harm
    (SelfHarm, Strong, None, "ክነብር ኣይደልን|መኖር አልፈልግም"),
    (SelfHarm, Strong, None, "ራሴን + ላጠፋ|ልገድል"),
    (SelfHarm, Strong, None, "ክውድኦ እየ"),
    // Arabic (MSA, Egyptian, Maghrebi): help
    (Help, Strong, None, "الحقونا|الحقوناا|الحقوني|انقذوني|انقذونا|عتقوني|عتقونا|اعتقوني"),
    // Arabic: not breathing, unresponsive after a fall
    (Medical, Strong, None, "مش بيتنفس|ما بيتنفسش|مبيتنفسش|انه بيتنفس|ما كيتنفسش|مكيتنفسش|لا يتنفس|مغمى عليه|مغمى عليها|فاقد الوعي|فاقدة الوعي"),
    (Medical, Strong, None, "وقع|وقعت|سقط|سقطت|طاح|طاحت|ابويا|ابوي|امي|بابا|ماما & مش بيرد|ومش بيرد|مبيردش|ما بيردش|ما كيجاوبش|مكيجاوبش|ما يرد|لا يرد"),
    // Arabic: walls/ceiling cracking, collapsing
    (Collapse, Strong, None, "السقف|سقف|الحيط|الحيطة|الحايط|الجدار|الدرج|العمارة & يتشقق|ويتشقق|بيتشقق|كيتشقق|تتشقق|تشققت|طقطقة|الطقطيق|ينهار|بينهار|كيطيح|تسقط منه|وتسقط منه|ينزل منه جبس|انتفخ"),
    // Arabic: strong gas smell
    (Gas, Strong, None, "ريحة|رايحة|ريحت + البوطا|بوطا|البوتاجاز|بوتاجاز|الغاز|غاز|الانبوبة + بزاف|جامدة|قوية|كتير|كثيرة|فالدار|فالكوزينة|في البيت|في المطبخ"),
    (Gas, Strong, None, "ريحة البوطا|ريحة الغاز|ريحة غاز|رايحة الغاز & كيضرنا|كيدوخ|دايخين|ناعسين|يدوخ|بيدوخ|دايخ|مغمى"),
    // Arabic: wanting to die
    (SelfHarm, Strong, None, "اخر يوم ليا|اخر يوم في حياتي|هموت نفسي|هنتحر|عايز اموت|عاوز اموت|عايزة اموت|بغيت نموت|نقتل راسي|نقتل نفسي|اقتل نفسي|سانتحر|ساقتل نفسي|مفيش حاجة تستاهل"),
    // Persian: help
    (Help, Strong, None, "کمک کنید|کمکم کنید|کمک کنین|کمکم کنین|به دادم برسید|به دادمون برسید|نجاتم بدید|نجاتمون بدید"),
    // Persian: being beaten
    (Violence, Strong, None, "منو|مارو|مامانمو|بچمو|منرو + میزنه|میزنن|کتک میزنه|داره میزنه|میکشه"),
    (Violence, Strong, None, "کتکم میزنه|داره کتکم|کتکم زد|داره منو میکشه"),
    // Persian: someone breaking in
    (Intrusion, Strong, None, "یکی|دزد|دزدا|یه مرد|غریبه & میاد تو خونه|اومده تو خونه|اومدن تو خونه|اومد تو خونه|وارد خونه شد|وارد خونه شده|داره میاد تو"),
    (Intrusion, Strong, None, "پنجره|پنجرہ|درو|قفل|شیشه + رو|را + شکسته|شکست|شکوند|شکوندن|شکستن|میشکنه|داره میشکنه"),
    // Persian: water entering the house
    (Flood, Strong, None, "اب|سیل + داره|دارہ + میاد تو|میاد داخل|میره تو|بالا میاد|بالا میره"),
    (Flood, Strong, None, "خونه رو اب گرفته|خونه رو اب گرفت|خونمون رو اب برده"),
    // Persian: fire, smoke
    (Fire, Strong, None, "اتیش|اتش + گرفت|گرفته|گرفتہ|گرفتن"),
    (Fire, Strong, None, "پر دود|پر دوده|پر از دود|دود سیاه|داره میسوزه|داره اتیش میگیره"),
    // Persian: gas smell
    (Gas, Strong, None, "بوی گاز|بو گاز|بوی گازه + خیلی|شدید|شدیده|زیاد|زیاده|پیچیده|همه جا"),
    // Persian: unconscious, seizure, overdose
    (Medical, Strong, None, "بیهوشه|بیهوش شده|بیهوش افتاده|از هوش رفته|از هوش رفت|نفس نمیکشه|نفس نمی کشه|تشنج کرده|داره تشنج|تشنج داره|کف از دهنش|بیدار نمیشه|نمیتونم بیدارش کنم|قرص زیاد خورده|داره سکته میکنه"),
    // Persian: wanting to die
    (SelfHarm, Strong, None, "نمیخوام زنده باشم|نمی خوام زنده باشم|نمیخوام زندگی کنم|خودمو میکشم|خودمو بکشم|خودکشی کنم|خودمو خلاص میکنم|خودمو خلاص می کنم|دیگه نمیکشم|دیگه نمی کشم"),
    (SelfHarm, Strong, None, "امشب|امروز|همین الان & تمومش میکنم|تمومش می کنم|خودمو خلاص|خودمو میکشم"),
    // Persian: walls, ceiling, stairs cracking and falling
    (Collapse, Strong, None, "سقف|پله|پله های|پله ها|دیوار|ساختمون|ساختمان & ترک میخوره|ترک می خوره|ترک برداشته|ترک بزرگ|میریزه|میریزن|داره میریزه|دارن میریزن|داره فرو میریزه|ترق ترق|گچ میریزه"),
    // Persian: road accident, bleeding
    (Accident, Strong, None, "تصادف شده|تصادف کرده|تصادف کردن|زیرش گرفت|زیر گرفت|زیر گرفته|خونی افتاده|غرق خون|داره خونریزی|خونریزی شدید|خون زیادی ازش"),
    // Persian: child lost
    (Child, Strong, None, "بچم|بچه|بچه ام|پسرم|دخترم|بچمون|پسر کوچیکم & گم شده|گم شد|گمش کردم|گم کردم|گمشده|پیداش نمیکنیم|پیداش نمی کنم"),
    // Pashto: help
    (Help, Strong, None, "مرسته|مرستہ + وکړي|وکړه|وکړی|راسره وکړي"),
    (Help, Strong, None, "ژر راشي|ژر راشه|ما وژغوري|وژغوري"),
    // Pashto: being beaten
    (Violence, Strong, None, "مېړه|میړه|خاوند|پلار|ورور|یو سړی|څوک + مې|می|ما + وهي|وهی|ووهلم|ووهلو|وژني|ووژني"),
    // Pashto: someone breaking in
    (Intrusion, Strong, None, "څوک|غل|غله|غلو|سړی & کور ته ننوځي|ننوځي|ننوت|ننوتل|راننوت|راننوتل|ننوتی"),
    (Intrusion, Strong, None, "کړکۍ|کړکی|دروازه|ور + ماته کړه|مات کړه|ماتوي|ماتوی|ماته کړ|مات کړ"),
    // Pashto: water entering the house
    (Flood, Strong, None, "اوبه + کور ته|کوټې ته|کوټه کې|کوټې کې|کور کې + ننوځي|راننوځي|ننوتلې|ننوتلي|پورته کېږي|پورته کیږي"),
    // Pashto: fire, smoke
    (Fire, Strong, None, "اور + لګېدلی|لګیدلی|لګېدلې|لګیدلې|بل دی|لګېدلی دی"),
    (Fire, Strong, None, "لوګی|لوګي|لوگی|دود & راوځي|راوځی|راووځي|ډک دی|ډکه ده|پورته کېږي"),
    // Pashto: gas smell
    (Gas, Strong, None, "ګاز|گاز + بوی|بو + ډېر|ډیر|راځي|راځی|خپور"),
    // Pashto: not breathing, unresponsive after a fall
    (Medical, Strong, None, "ساه + نه|نشي|نشی + راځي|راځی|ځي|ځی|اخلي|اخلی|اخیستلای|اخیستلی"),
    (Medical, Strong, None, "پرېوت|پریوت|راولوېد|راولوید|ولوېد|ولوید|لوېدلی|لویدلی & ځواب نه ورکوي|ځواب نه ورکوی|خبرې نه کوي|خبرې نه کوی|نه خوځېږي|نه خوځیږي|بې هوښه|بیهوښه|بې سده"),
    // Pashto: wanting to die
    (SelfHarm, Strong, None, "ژوند نه غواړم|ځان وژنم|ځان ووژنم|ځان به ووژنم|ځان مړ کړم|ځان به مړ کړم"),
    // Pashto: walls, roof cracking and falling
    (Collapse, Strong, None, "چت|چهت|دېوال|دیوال|ودانۍ|ودانی & درزونه کوي|درزونه کوی|چاودېږي|چاودیږي|راغورځېږي|راغورځیږي|ښکته راځي|ښکته راځی|ړنګېږي|ړنګیږي|نړېږي|نړیږي"),
    // Pashto: road accident, bleeding
    (Accident, Strong, None, "سړک|سرک|لار|چوک & پېښه شوې|پېښه شوی|حادثه شوې|حادثه شوی|ټکر شوی|ټکر شوې|ټکر وکړ"),
    (Accident, Strong, None, "وینو کې پروت|وینو کې پرته|وینه ترې ځي|وینه ترې ځی|وینه ورڅخه ځي|وینې ترې ځي"),
    // Pashto: child lost
    (Child, Strong, None, "زوی|لور|ماشوم|ماشومه|بچی|بچې|زویه & ورک شو|ورک شوی|ورکه شوه|ورکه شوې|ورک دی|ورکه ده"),
    // Urdu: help
    (Help, Strong, None, "خدا کے لیے مدد|خدا کے ليے مدد|مدد کرو|مجھے بچاو|ہمیں بچاو|بچاو بچاو"),
    // Urdu: child lost
    (Child, Strong, None, "بچہ|بچی|بیٹا|بیٹی|بچے|میرا بیٹا|میری بیٹی & گم ہو گیا|گم ہو گيی|گم ہو گیا ہے|کھو گیا|کھو گيی|لاپتہ ہے|نہیں مل رہا|نہیں مل رہی"),
    // Urdu: break-in
    (Intrusion, Strong, None, "دروازہ|دروازے|کھڑکی|تالا + توڑ کر|توڑ دیا|توڑ دی|توڑ رہا|توڑ رہے"),
    (Intrusion, Strong, None, "کويی|چور|ڈاکو & اندر ا گیا|اندر گھس|گھس ایا|گھس ايے|اندر ا گيے"),
    // Nepali: road accident with bleeding / fall
    (Accident, Strong, None, "दरघटन & रगत*|ढलक|लडर|बहश|बहस"),
    (Accident, Strong, None, "रगत + बगरहक|बगद*|बगदछ|रकदन"),
    // Nepali: child lost
    (Child, Strong, None, "छर|बचच|नन & हरय|हरए|भटटदन|भटदन"),
    // Nepali: break-in
    (Intrusion, Strong, None, "झयल|ढक|ढकक + फडर|फटल*|तडर|भचर"),
    (Intrusion, Strong, None, "कह|चर + घरभतर + पसय|पसर|आउदछ|आउदछन|पसद*"),
    // Nepali: water or mud entering, landslide
    (Flood, Strong, None, "पन|मट|हल|बढ + घरभतर + पसय|पसद*|आउदछ|आय|छर*"),
    // Nepali: husband beating, fight with weapons
    (Violence, Strong, None, "मलई|हमलई|आमलई|छरलई + कटरहक|कटद*|पटरहक|पटद*|मररहक"),
    (Violence, Strong, None, "झगड* & छर|चक|पसतल|बनदक|हतयर & गरद*|गरदछन|भइरहक|गररहक"),
    // Nepali: help
    (Help, Strong, None, "बचउनहस|बचउ|बचऊ|बचइदनहस|bachaunuhos|bachau"),
    // Nepali: overdose, unconscious, not breathing
    (Medical, Strong, None, "ओभरडज"),
    (Medical, Strong, None, "आख + खलदन|खलकदन"),
    (Medical, Strong, None, "हस|हश + छन|छइन"),
    (Medical, Strong, None, "सस + फरदन|फरकदन|रकक*"),
    (Medical, Strong, None, "सस + फरन + छन|छइन|गहर|सकदन*"),
    // Nepali: gas smell
    (Gas, Strong, None, "गयस* + गनध|गध|लक|चहवट*"),
    // Nepali: earthquake ongoing, walls cracking, people trapped
    (Collapse, Strong, None, "भकमप + गइरहक|आइरहक|गइरह*|आउदछ"),
    (Collapse, Strong, None, "भतत|छत|पखल + चरकय|चरकद*|भतकय|भतकद*|खसय|खसद*"),
    (Collapse, Strong, None, "भतर|मनछ|मनसह|परवर & थचए|थचय|थचएक|दबए|दबय"),
    // Hindi: child lost
    (Child, Strong, None, "बट|बचच|लडक + ख गय|ख गई|ख गय ह|ख गई ह"),
    (Child, Strong, None, "beta|beti|bacha|baccha|bachcha + kho + gaya|gayi|gai"),
    // Punjabi: accident, bleeding
    (Accident, Strong, None, "ਐਕਸਡਟ|ਹਦਸ + ਹਇਆ|ਹ ਗਆ|ਹਇਆ ਹ"),
    (Accident, Strong, None, "ਲਹ ਲਹਨ|ਲਹਲਹਨ|ਖਨ ਵਗ*"),
    // Punjabi: child lost
    (Child, Strong, None, "ਬਚ|ਮਡ|ਕੜ|ਪਤ|ਧ + ਗਆਚ|ਗਆਚ*|ਗਮ"),
    // Punjabi: gas smell / leak
    (Gas, Strong, None, "ਗਸ|ਸਲਡਰ + ਬ|ਬਦਬ|ਲਕ"),
    // Punjabi: help
    (Help, Strong, None, "ਮਦਦ ਕਰ ਜ|ਬਚਓ|ਬਚ ਲਓ|ਮਦਦ ਮਦਦ|madad karo"),
    // Tamil: break-in
    (Intrusion, Strong, None, "கதவ|ஜனனல|பட + உடககறஙக|உடசச*|உடககறன"),
    // Tamil: child missing
    (Child, Strong, None, "கழநத|மகன|மகள|பயன|பணண|பசஙக & கணம|கணவலல|கணல|தலஞசடட*"),
    // Tamil: husband beating, knife
    (Violence, Strong, None, "எனன|எஙகள|அமமவ + அடககறர|அடககறன|அடககறஙக|அடசசடட*|அடககரர"),
    (Violence, Strong, None, "கயல + கதத|அரவள|தபபகக"),
    (Violence, Strong, None, "கதத|அரவள + வசசரகக*"),
    // Tamil: ceiling cracking, plaster falling
    (Collapse, Strong, None, "வரசல + பரச*|பரதக*|அதகம*"),
    (Collapse, Strong, None, "சணணமப|கர|கரய|மறகர*|சவர|சமன* + வழத|இடயத|இடஞசகக*"),
    // Tamil: chest pain, breathing difficulty, fainting
    (Medical, Strong, None, "நஞச + வல|வலனன|வலகக*"),
    (Medical, Strong, None, "மசச + மடயல|கஷடபபட*|வரல|இலல"),
    (Medical, Strong, None, "மயஙக + வழநத*|கடககற*"),
    // Tamil: water entering the house
    (Flood, Strong, None, "தணணர|தணண|வளளம + வடடககளள|வடடககள|வடடகக|உளள + வரத|வநதடசச|வநதடச|பகத|வநதரசச|ஏறத"),
    // Tamil: help
    (Help, Strong, None, "உதவ உதவ|கபபததஙக|கபபறறஙக|kaapathunga|kapathunga"),
    // Malayalam: mud / water entering the house
    (Flood, Strong, None, "ചള|മണണ|ഉരൾപടടൽ + ഒഴക*|ഇടചച|ഇരചചകയറ*"),
    (Flood, Strong, None, "വളള + വടടൽ|വടടനകതത*|അകതത* + കയറനന|കയറ*"),
    // Malayalam: unconscious, not breathing
    (Medical, Strong, None, "ബധ + കടട|കടട|ഇലല|പയ|മറഞഞ*"),
    (Medical, Strong, None, "ബധമലല|ബധകടട*"),
    (Medical, Strong, None, "ശവസ + ഇലല|ഇലലനന|എടകകനനലല|കടടനനലല"),
    // Malayalam: break-in
    (Intrusion, Strong, None, "ജനൽ|ജനല|വതൽ|കതക + പടടചച|പളചച|തകർതത|പടടകകനന|പളകകനന|തകർകകനന"),
    (Intrusion, Strong, None, "ആര|കളളൻ + അകതത*|വടടൽ + കയറ*"),
    // Malayalam: gas smell / leak
    (Gas, Strong, None, "ഗയസ*|സലണട* + മണ|ലകക|ചർച*|ശശ"),
    // Malayalam: wall cracking, ceiling breaking
    (Collapse, Strong, None, "വളളൽ + വലത*|കടകനന|വർധ*"),
    (Collapse, Strong, None, "മചച|സലഗ|മൽകകര|പലസററർ + പടടനന|വഴനന|ഇടയനന|തകരനന|ഇടഞഞ*"),
    // Malayalam: husband beating
    (Violence, Strong, None, "എനന|എനനയ|ഞങങള|മകന|മകള|അമമയ + തലലനന|തലലകയണ|അടകകനന|ഉപദരവകകനന"),
    // Malayalam: child locked in car, child fell in water / missing
    (Child, Strong, None, "കടട*|കഞഞ* & കറൽ|കറനകതത* & പടട*|ലകക*|കടങങ*"),
    (Child, Strong, None, "കഞഞ*|കടട|കടടയ|മകൻ|മകൾ + കളതതൽ|പഴയൽ|കണറൽ|വളളതതൽ + വണ"),
    (Child, Strong, None, "കഞഞ*|കടട|കടടയ|മകൻ|മകൾ & കണനനലല|കണതയ"),
    // Malayalam: help
    (Help, Strong, None, "രകഷകകണ"),
    // Sinhala: child alone / crying / locked in
    (Child, Strong, None, "ළමය*|බබ|බබව|දරව* & අඬනව|තනයම|lock|නතවල"),
    // Sinhala: gas smell / leak
    (Gas, Strong, None, "ගස|සලනඩර* + ගඳ|ගද|ලක|සදද*|ශශ"),
    // Sinhala: vehicle collision
    (Accident, Strong, None, "හපපණ|හපපල|ඇකසඩනට* & නගටනන|ලය|තවල|වටල|ඉකමනට"),
    // Sinhala: wall cracking, dust falling
    (Collapse, Strong, None, "පලම|ඉරතලම + ලක|වඩ*"),
    (Collapse, Strong, None, "කඩ|සමනත|වහල|වහලය|බතතය + වටනව|කඩන"),
    // Sinhala: husband beating, knife
    (Violence, Strong, None, "මට|අපට|අමමට|ළමයනට + ගහනව|ගහනන"),
    (Violence, Strong, None, "පහය*|කතත + අරන|අත|අතන"),
    // Sinhala: wanting to die
    (SelfHarm, Strong, None, "ජවත + වනන + ඕන න|බ|ආස න"),
    (SelfHarm, Strong, None, "මම + මරනව|සයදව*"),
    // Sinhala: help
    (Help, Strong, None, "උදව කරනනක|බරගනනක|උදව උදව"),
    // Bengali: unconscious, foam at mouth
    (Medical, Strong, None, "জঞন + নই|হরয*"),
    (Medical, Strong, None, "মখ + ফন|ফন*"),
    // The second round: the families of what a third writer in residents' languages told
    // that the rules above missed.
    // Serbian/Croatian/Bosnian (Latin): vehicle off the road, injured people
    (Accident, Strong, None, "autobus|auto|kamion|kombi|automobil + sleteo|sletio|sletjelo|sletelo|sletjela|sletela|prevrnuo|prevrnulo"),
    (Accident, Strong, None, "ima + povredjenih|povredenih|povređenih|povrijedenih|povrijeđenih|ozlijedenih|ozlijeđenih|ranjenih"),
    // Serbian/Croatian/Bosnian (Latin): suicide intent, farewell
    (SelfHarm, Strong, None, "vise + me + nece + bolit|boliti|biti"),
    (SelfHarm, Strong, None, "ubit cu se|ubiti cu se|ubicu se|ubit se cu|ubiti se cu|ubijem se"),
    (SelfHarm, Strong, None, "podijelio|podelio|podijelila|podelila|razdijelio|poklonio + sam + stvari"),
    // Kurmanji Kurdish: accident, blood, child alone, water entering, thief inside, husband beating
    (Accident, Strong, None, "qeza|qezayek + cebu|cebuye|qewimi"),
    (Accident, Strong, None, "xwin + te|dihere|diherike|dirije|berdibe"),
    (Child, Strong, None, "zarok*|kurek*|kecek* & winda bu|wenda bu|winda ye|wenda ye"),
    (Child, Strong, None, "zarok* & digiri & kes ne|kes tune|bi tene"),
    (Flood, Strong, None, "av + dikeve|ketiye|te|dihere + mal*|hundir*|xani*"),
    (Intrusion, Strong, None, "diz|dizek|dizan + ketiye|ketine|dikeve|dikevin"),
    (Intrusion, Strong, None, "xwe + vediserim|vedisertim|vesartiye"),
    (Violence, Strong, None, "min + ledide|ledixe|dikute"),
    // Bengali (Latin letters): fit/foaming, not breathing, gas smell, thief inside and hiding
    (Medical, Strong, None, "khichuni|khicuni|khinchuni|kichuni + hocche|hoche|hoise|hoyeche|uthche|utheche"),
    (Medical, Strong, None, "mukh + diye + fena|rokto|rakto"),
    (Medical, Strong, None, "nishash|nishshash|nisshash|shash + nite + parche na|parchena|pare na"),
    (Gas, Strong, None, "gas er gondho|gaser gondho|gas er gandho|gaser gandho + ashche|asche|pacchi|paschi|beroche|berocche"),
    (Intrusion, Strong, None, "chor|dakat|keu + dhukeche|dhukechhe|dhukse|dhukche|dhuke porche|dhuke poreche"),
    (Intrusion, Strong, None, "lukiye|lukie + achi|aachi|ashi|achhi"),
    // Persian (Finglish): crash, car hit a person
    (Accident, Strong, None, "tasadof|tasadoof + shod|shode|karde|kard"),
    (Accident, Strong, None, "mashin|motor|kamiun & zad|zade|zadesh & pesar|dokhtar|bache|adam|yeki|ye nafar"),
    // Tigrinya / Amharic (Latin letters): help me
    (Help, Strong, None, "hagzuni|hagezuni|hagizuni|hagzuwni|hagzini|erdugn|irdugn|erduny|irduny"),
    // Pashto (Latin letters): crash, bleeding
    (Accident, Strong, None, "tasadum|tasadom|tasadam + shawi|shawe|shaway|shawai|shawy|shawey"),
    (Accident, Strong, None, "weena|wina|weeni|wine + baheegi|bahegi|baheri|baheezi"),
    // Nepali (Latin letters): hit by vehicle, bleeding
    (Accident, Strong, None, "gadi|gaadi|bus|truck|bike|motor|car & thokyo|thokkyo|hanyo|kichyo"),
    (Accident, Strong, None, "ragat + bagirako|bagdai|bagi rako|aairako|airako|aaudai"),
    // Vietnamese (without tones; the d-stroke stays đ): car hit a person, heavy bleeding, not moving
    (Accident, Strong, None, "xe + tong|đam|dam|can + nguoi|tre|em be|ba|ong|anh|chi"),
    (Accident, Strong, None, "mau + nhieu lam|chay nhieu|khong ngung|me man"),
    (Medical, Strong, None, "khong + cu + đong|dong"),
    // Macedonian / Bulgarian (Latin letters): crash with trapped person, house on fire, intruder, hiding
    (Accident, Strong, None, "soobrakjajka|soobrakajka|soobrakjaka & sega|zaglaven|zaglavena|zaglaveni|zaklescen|zakleshten|povredeni"),
    (Accident, Strong, None, "kamion|kola|avtobus|avtomobil|kolata + udri|udrija|blasna|blasnal"),
    (Fire, Strong, None, "gori|izgore|se zapali + kukjata|kujnata|kuhnyata|kukata|kashtata|stanot|zgradata|apartmanot|apartamenta"),
    (Intrusion, Strong, None, "nyakoi|niakoi|nyakoy|nekoj|nekoi + vleze|vlezna|vleguva|provali"),
    (Intrusion, Strong, None, "skrih|skrihme|kriya|kriia + se"),
    // Bambara (Latin letters): building collapsing, fire, water entering, gas smell, person collapsed
    (Collapse, Strong, None, "boon|kogo + be + ka + ben|bin|ci"),
    (Fire, Strong, None, "tasuma + be + so|n|siginyogon|ka|jeni"),
    (Flood, Strong, None, "ji + be + don|yelen + so|boon|kono"),
    (Gas, Strong, None, "gazi kasa|gaz kasa|gazi ka kasa|gaz ka kasa"),
    (Medical, Strong, None, "a te wuli|a te kuma|a te ninakili|a te nii ta & binna|binnen|ba|fa|den"),
    // Somali: CO alarm and symptoms, overdose, wish to die
    (Gas, Strong, None, "qalabka|qalab + co|gaaska|qiiqa + ayaa + qaylinaya|qeylinaya|dhawaaqaya"),
    (Gas, Strong, None, "qof walba|dhammaanteen|dhamaanteen & madax xanuun|madaxa xanuun & lallabo|matag|suuxay"),
    (SelfHarm, Strong, None, "kiniinno badan|kiniin badan|kiniinada badan|kiniinno & qaadatay|qaatay|liqday|liqay"),
    (SelfHarm, Strong, None, "waan + dhiman|is dili|isdili + rabaa|doonaa"),
    // Oromo: sting, cannot breathe, being beaten
    (Medical, Strong, None, "hafuura + baafachuu|fudhachuu + dadhabe|dadhabde|hin dandeenye|hin dandeessu"),
    (Medical, Strong, None, "kanniisaan|kanniisni + qaba ame|qabame|idde|iddee"),
    (Violence, Strong, None, "na + rukutaa|rukute|reebaa|reebe + jira|jirti"),
    // Malayalam (Latin letters): child fell into water / missing, husband beating
    (Child, Strong, None, "kunju|kutti|kuttikal|mol|mon + pool|kulam|vellathil|kinattil|il + veenu|veennu"),
    (Child, Strong, None, "neenthan ariyilla|neendan ariyilla|neentan ariyilla & veenu|veennu|mungi|mungunnu"),
    (Child, Strong, None, "kunju|kutti|mol|mon & kanunnilla|kananilla|kaanunnilla|kaananilla|kanilla"),
    (Violence, Strong, None, "enne + thallunnu|adikkunnu|thallukayanu|upadravikkunnu"),
    // Tamil (Latin letters): child missing
    (Child, Strong, None, "paiyan|ponnu|kuzhandhai|kuzhanthai|kolandha|pillai|payyan & kaanom|kaanala|kanom|kaanavillai|kanala"),
    // Spanish: child fallen into water and not coming out
    (Child, Strong, None, "cayo|caido|cae + a la|al|en la|en el + piscina|agua|rio|pozo|canal|mar"),
    (Child, Strong, None, "nino|nina|crio|bebe|hijo|hija & no sale|no respira|no sale del agua"),
    // Hindi (Latin letters): child locked in a car
    (Child, Strong, None, "bacha|bachcha|baccha|bachha|bachi|bachchi|bacchi + gari|gaadi|car|kaar + me|mein + band"),
    // Punjabi (Latin letters): wall/roof fell, person trapped under
    (Collapse, Strong, None, "kandh|deewar|diwar|chhat + dig|dig gayi|dig gai|dig pai|digg gayi"),
    (Collapse, Strong, None, "kandh|deewar|diwar|chhat|malba|malbe & thalle aa gya|thalle aa gaya|thalle aa gayi|thalle dab gya|neeche dab gaya|neeche dab gaye"),
    // Sinhala (Latin letters): intruder inside, hiding
    (Intrusion, Strong, None, "horek|hora|horu|kenek|kauru hari|minihek & ethul wela|ethul una|ethul wuna|ethulata awa"),
    (Intrusion, Strong, None, "hangila|hengila|hangeela + inne|innawa|innava"),
    // Romanian: suicide intent
    (SelfHarm, Strong, None, "termin cu viata|imi iau viata|pun capat vietii|ma sinucid|ma omor|nu mai vreau sa traiesc"),
    (SelfHarm, Strong, None, "nu mai pot & termin cu toate|ma duc la rau|ma arunc|ma duc la pod"),
    // Oromo: car rolled over, people bleeding
    (Accident, Strong, None, "konkolaata* + gad + galagal*|garagal*|kufe|kufte"),
    (Accident, Strong, None, "dhiiga|dhiigni|dhiigaa + jira|jiru|jirti|dhangalaa*|yaa*"),
    // Oromo: earthquake now, house fell, people under it
    (Collapse, Strong, None, "manni|mani|gamoon|dallaan|dallaa + ollaa|keenya|koo|isaanii + kufe|kufte|diigame|diigamte|caccabe"),
    (Collapse, Strong, None, "namoonni|namni|nama|ijoolleen + jala + jiru|jira|jirti|hafan|hafe"),
    // Oromo: forest/house burning now, fire coming
    (Fire, Strong, None, "gubachaa jira|gubachaa jiru|gubachaa jirti|gubataa jira|gubataa jiru"),
    (Fire, Strong, None, "ibiddi|ibidda + gara + keenya*|koo|mana + dhufaa|dhufe|seene"),
    // Oromo: mudslide buried a house, water entering
    (Flood, Strong, None, "dhoqq* & gad dhuf*|haguug*|awwaal*|keessa jira"),
    (Flood, Strong, None, "bishaan|lolaan + mana + seenaa|seene|guutaa|haguug*"),
    // Oromo: smell of gas
    (Gas, Strong, None, "foolii|foolin|urgaa|ajaa + gaaz*|gaas*"),
    // Oromo: help me
    (Help, Strong, None, "na gargaaraa|nu gargaaraa|na birmadhaa|nu birmadhaa"),
    // Bambara: car hit a person, blood flowing
    (Accident, Strong, None, "mobili|mobli|moto|sotigi|boli + ye + mogo|den|muso|ce + kari|bugo|tintin"),
    (Accident, Strong, None, "joli be boli|joli be bon|joli b a boli"),
    // Bambara: small child alone, crying, nobody with him
    (Child, Strong, None, "denmisen*|den fitini|dennin & kelen na|tununa|be kasi|mogo si te"),
    // Bambara: thief in the house now, I am hiding
    (Intrusion, Strong, None, "sonya*|sonyalikela* & so kono|bon kono|sisan|dogolen|don"),
    (Intrusion, Strong, None, "n dogolen|an dogolen|ne dogolen"),
    // Bambara: help
    (Help, Strong, None, "an deme|aw ye n deme|aw ye an deme|deme deme"),
    // Bambara: don't want to live, will end it tonight
    (SelfHarm, Strong, None, "te fe ka balo|n yere faga|ne yere faga|n b a bee ban|n be a bee ban"),
    // Persian/Dari: small child alone in the street, crying
    (Child, Strong, None, "bache|bacheh|bachche|kudak|koodak & tanha|gom shode|gum shode|gerye mikone|gerye mikonad|geryeh mikone|kasi nist|hichkas nist"),
    // Punjabi: small child alone on the road, crying
    (Child, Strong, None, "bacha|bachcha|bache|bacche|bachi|bacchi|nikka|nikki|nyana|nyani & ikalla|ikalli|kalla|kalli|roanda|rondi|gawach*|koi nal nai|koi nal nahi"),
    // Somali: small child alone near the river, nobody with him
    (Child, Strong, None, "ilmo|ilmaha|ilmaa|cunug|cunuga|wiil yar|gabar yar & keligiis|keligeed|kaligiis|kaligeed|lumay|lumtay|cidna lama"),
    // Somali: fainted, convulsing, foam at the mouth
    (Medical, Strong, None, "wuu|way|ayuu|ayay + suuxay|suuxday|suuxsan|gariirayaa|gariiraya"),
    (Medical, Strong, None, "xumbo + afka|afkeeda|afkiisa"),
    (Medical, Strong, None, "ma neefsanayo|ma neefsan karo|ma neefsaneyso|neefsan kari"),
    // Hindi/Urdu: crack in the wall growing, noises, building may fall
    (Collapse, Strong, None, "crack|daraar|darar|dararein & bada ho raha|badh rahi|badh raha|awaaz aa rahi|awaj aa rahi|aawaz aa rahi|girne wali|girne wala"),
    (Collapse, Strong, None, "deewar|diwar|deewaar|chhat|chhath|building + gir|girne|hil + rahi|raha|wali|wala"),
    // Darija (Latin/arabizi): ceiling cracking, noises, people under it
    (Collapse, Strong, None, "ssa9f|sa9f|ssaqf|saqf|ssqef|l7it|lhit|l7ayt & kaytsa9at|kaytsaqat|kaysa9at|tay7|taye7|ghadi ytih|mnfou5|mnfokh|tartaqa|kaytfarga3"),
    // Croatian/Serbian: chimney on fire, sparks
    (Fire, Strong, None, "dimnjak* & gori|zapali*|iskre|plamen*"),
    // Croatian/Serbian/Macedonian: choking, cannot breathe
    (Medical, Strong, None, "se gusi|se guse|se gusim|gusi se|guse se"),
    (Medical, Strong, None, "ne moze|nemoze|ne mogu + disati|disat|da dise|da disem|dihati"),
    (Medical, Strong, None, "zapel*|zapeo & hrana|zalogaj|kost|komad"),
    // Macedonian: does not want to live anymore
    (SelfHarm, Strong, None, "ne sakam|nesakam + poveke|povekje|veke|vekje + da + zhiveam|ziveam|zhivam|zivam"),
    (SelfHarm, Strong, None, "kje se ubijam|ke se ubijam|sakam da umram|sakam da se ubijam"),
    // Kurdish Kurmanji: house burning, smoke from the window
    (Fire, Strong, None, "disewite|dishewite|disewitin"),
    (Fire, Strong, None, "du|duman|dukel + ji + pencere*|deri*|mal* + derdikeve|derdikevin|derte"),
    // Kurdish Kurmanji: smell of gas, dizzy
    (Gas, Strong, None, "behna|bihna|behn|bihn + gaz|gaze|gazi"),
    // Kurdish Kurmanji: fell down and does not get up, not responding
    (Medical, Strong, None, "ranabe|ranabin & bersiv nade|ket erde|nalive|bihna wi naye|hise xwe"),
    (Medical, Strong, None, "hise|his + xwe + winda"),
    // Georgian (Latin): smoke and fire, cannot get out
    (Fire, Strong, None, "cecxli|cecxlia|cecxlis|tsetskhli|xandari|khandari & chans|gachnda|ekidia|modis|ver gavdivart|ver gamovdivart"),
    (Fire, Strong, None, "kvamli|kvamlia + amodis|modis|gamodis|ishleba"),
    // Georgian (Latin): does not want to live, will end everything
    (SelfHarm, Strong, None, "agar + minda + cxovreba|sicocxle|tskhovreba|sitsotskhle"),
    (SelfHarm, Strong, None, "yvelafers davamtavreb|yvelafers vamtavreb|tavs movikla|tavs moviklav"),
    // Ukrainian (Latin): smoke from the neighbours' window, smell of burning
    (Fire, Strong, None, "vikna|vikon|kvartyry|budynku|dakhu + jde|ide|valyt + dym"),
    (Fire, Strong, None, "pakhne + horilym|horilyi|garyu|dymom"),
    // Greek (Latin): smell of gas
    (Gas, Strong, None, "mirizei|myrizei|mirizi|myrizi|mirodia|myrodia + gkazi|gazi|gkaz|aerio|aeria"),
    // Greek (Latin): cannot speak, face drooping, arm not moving
    (Medical, Strong, None, "den|de + mporei|borei + na + milisei|milaei|anapnefsei|anapneusei|kounithei|stathei"),
    (Medical, Strong, None, "stoma + tou|tis + stravose|strabose|stravwse|stravothike"),
    (Medical, Strong, None, "den kounietai|de kounietai|den kouniete|den anapneei|den anapnei|den antidra"),
    // Greek (Latin): cannot take it anymore, tonight it all ends
    (SelfHarm, Strong, None, "den antexo|de antexo|den antexw & allo|teleionoun|teleiwnoun|sygnomi|signomi|zoi"),
    (SelfHarm, Strong, None, "teleionoun ola|teleiwnoun ola|thelo na pethano|thelw na pethanw|tha autoktoniso|tha autoktonisw|tha skototho|tha skotwthw"),
    // Greek (Latin): neighbour beating his wife, shouting for help
    (Violence, Strong, None, "xtypaei|chtypaei|htypaei|xtipaei|xtypa|chtypa + ti|tin|to|ta|ton|me + gynaika|gyneka|gineka|paidi|paidia|mitera|mana"),
    (Violence, Strong, None, "fonazei|fonazoun|fonazi|fonaze + voitheia|voithia|voitheia"),
    // Wolof: help us for God's sake
    (Help, Strong, None, "dimbali|dimbalileen|wallu|walluleen + leen|lene|len|ma|nu"),
    // Tamil (Latin): face drooping, cannot speak, cannot lift arm
    (Medical, Strong, None, "mugam|mukam|vaai|vaay & koniduchu|konichu|kooniduchu|konalaa|saanjiduchu|izhuthuchu"),
    (Medical, Strong, None, "pesa|pesave|moochu|moocchu|swasam|kai thooka|kaal thooka + mudiyala|mudiyalai|mudiyale|mudila|vidamudiyala"),
    // Bengali (Latin): will finish himself, holding a strip of sleeping pills
    (SelfHarm, Strong, None, "nijeke + shesh|sesh|mere + kore|felbe|felbo|dibe|debo|dibo"),
    (SelfHarm, Strong, None, "ghumer oshudh|ghumer osudh|ghumer oshud|ghumer bori & pata|sob|onek|kheye fel*|niye bose|khabe|kheyeche"),
    (SelfHarm, Strong, None, "bachte chai na|atmohotta korbo|attohotta korbo|atmohotta korbe|attohotta korbe"),
    // Vietnamese: standing on a bridge, saying goodbye
    (SelfHarm, Strong, None, "tren cau|mep cau|san thuong|noc nha & xin loi|met lam|vinh biet|nhay xuong|khong muon song|muon chet"),
    (SelfHarm, Strong, None, "khong muon song|con muon chet|toi muon chet|em muon chet|anh muon chet"),
    // French: saying goodbye, everything prepared, ending it tonight
    (SelfHarm, Strong, None, "dire au revoir|dire adieu|vous dire adieu|faire mes adieux & tout prepare|j arrete|en finir|ce soir|cette nuit"),
    (SelfHarm, Strong, None, "ce soir j arrete tout|cette nuit j arrete tout|je vais en finir|mettre fin a mes jours"),
    // Pashto (Latin): cannot live anymore, tonight I end everything
    (SelfHarm, Strong, None, "zhwand*|jwand*|zwand* & nashum|na shum|nashom|nashem|nashoom"),
    (SelfHarm, Strong, None, "khatamawam|khatamaom|khatamavam & har sa|nan shpa|nan shpe|zhwand*"),
    (SelfHarm, Strong, None, "zan + wazhnam|wajnam|wazhanam"),
    // Macedonian/Bulgarian/Serbian: being beaten, threatened with death
    (Violence, Strong, None, "ме тепа|ме тепаат|ме удира|ме удираат|ме дави|ме бие|ме бият|ме пребива|ме туче|ме бије"),
    (Violence, Strong, None, "ке ме убие|ке не убие|ще ме убие|ще ни убие|ке ме убијат|ще ме убият|хоће да ме убије|хоће да ме убију"),
    // Macedonian/Bulgarian/Serbian: someone breaking in now
    (Intrusion, Strong, None, "некој|некои|крадец|крадци|някой|неко|лопов|лопови + ја|го|ни|ми + крши|кршат|разбива|разбиват|провалува|чупи|чупят|обија|обијају"),
    (Intrusion, Strong, None, "некој|некои|някой|непознат|непознати|неко & крши|кршат|разбива|разбиват|провалува|чупи|чупят|обија|обијају & врата*|прозор*|балкон*|ключалка*|брава*"),
    // Macedonian/Bulgarian/Serbian: child fallen into water / alone and lost
    (Child, Strong, None, "дете|детето|бебе|бебето|детенце|синот|ќерката|керката|синът|дъщеря ми|дечак|девојчица & падна|паднало|падна во|падна в|пропадна|пао|пала & вода*|река*|реката|канал*|бунар*|кладенец*|езеро*|базен*|шахта*"),
    (Child, Strong, None, "дете|детенце|бебе|дечак|девојчица|момченце|девојченце|момиченце & само|изгубено|изгубен|изгубена & плаче|нема никог|нема никој|нема никого|няма никой|нема родител*|няма родител*"),
    (Child, Strong, None, "водата|реката|течението + го|ја|я|ги + носи|однесе|отнесе|влече|завлече"),
    // Macedonian/Bulgarian/Serbian: fell and does not get up / unconscious
    (Medical, Strong, None, "падна|паднал|паднала|пао|пала|се онесвести|припадна & не станува|не става|не се буди|не се събужда|не дише|не диша|не реагира|не зборува|не говори|не отговаря|не одговара"),
    (Medical, Strong, None, "не се събужда|не се буди|не реагира|в безсъзнание|без свест|загуби съзнание|изгуби свест & диша рядко|диша много рядко|едва диша|едвам диша|дише ретко|дише многу ретко|тешко дише|хърка|сини|посиня*|посинел*|хапчета|таблети|предозира*|взе нещо|пиеше"),
    (Medical, Strong, None, "устните|усните|лицето|устата + му|и|й|ѝ + са|се|е|су + сини|посинели|посиняха|модри|поплавеле"),
    // Bulgarian/Macedonian/Serbian: car crash with person trapped, car overturned, pedestrian hit
    (Accident, Strong, None, "заклещен|заклещена|заклещени|затиснат|затисната|приклещен|приклештен|заглавен|заглављен & кола|колата|автомобил*|катастрофа|кърви|крвари|камион*|возило*"),
    (Accident, Strong, None, "кола|колата|автомобил|автомобилът|камион|камионът|бус|автобус|аутомобил|возило|колата му + се + обърна|преобърна|преврте|превртела|превртео|превртело|преобрна"),
    (Accident, Strong, None, "блъсна|блъснаха|удари|прегази|згази|ударио|ударила|удрил|удрила|прегазио + човек|пешеходец|пешак|пешака|дете|детето|жена|човека|бабата|дядото"),
    // Bulgarian/Macedonian/Serbian: roof or wall caved in, people inside
    (Collapse, Strong, None, "покрив*|таван*|тавана|стена|стената|къщата|сградата|плафон*|кровот|куќата|зградата|кров|зид|зидот & хлътна|се срути|срути|рухна|пропадна|се събори|се урна|се сруши|се урушио|се срушио|се срушила|падна врз|пропаднал"),
    (Collapse, Strong, None, "под развалините|под рушевините|под урнатините"),
    // Bulgarian/Macedonian/Serbian: suicide now
    (SelfHarm, Strong, None, "покрива|покрив|моста|мост|блока|прозореца|ръба|терасата|мостот|покривот|кровот|крову & не виждам смисъл|сбогом|ще скоча|скачам|ке скокнам|ќе скокнам|скокам|збогум|ћу да скочим|скочићу"),
    (SelfHarm, Strong, None, "не виждам смисъл|няма смисъл + да живея|в живота|от живота"),
    (SelfHarm, Strong, None, "ще се самоубия|ще сложа край на|искам да умра|не искам да живея|ке се убијам|ке се самоубијам|не сакам да живеам|сакам да умрам|ке си го земам животот|хоћу да умрем|убићу се|не желим да живим"),
    // Macedonian/Bulgarian: repeated cry for help, call an ambulance
    (Help, Strong, None, "упомош|спасете ме|спасете не|спасете ни|помагайте"),
    (Help, Strong, None, "помош + помош"),
    (Help, Strong, None, "повикајте|викнете|јавете|пратете + итна помош|брза помош|полиција"),
    // Georgian: beaten, threatened with death
    (Violence, Strong, None, "მომკლავს|მომკლავენ|მოგკლავ|მოგკლავო|მოგკლავთ|მკლავს|მცემს|მცემენ|მირტყამს|მირტყამენ|მახრჩობს"),
    // Georgian: door being broken, someone got in
    (Intrusion, Strong, None, "კარს|კარი|ფანჯარას|ფანჯარა|საკეტს + ამტვრევს|ამტვრევენ|ანგრევს|ანგრევენ|ლეწავს|ლეწავენ|ტეხავს|ტეხავენ"),
    (Intrusion, Strong, None, "ვიღაც|ვიღაცა|ქურდი|ქურდები|უცნობი|უცნობები|ვიღაცეები & შემოვიდა|შემოიჭრა|შემოძვრა|შემოდის|შემოდიან|შემოვიდნენ|შემოიჭრნენ|შემოძვრნენ"),
    (Intrusion, Strong, None, "ვიმალები|ვიმალებით|დავიმალე|დავიმალეთ & სახლში|ოთახში|კარადაში|აბაზანაში|ვიღაც|ხმა არ"),
    // Georgian: small child on a railing or window sill
    (Child, Strong, None, "ბავშვი|ბიჭი|გოგო|გოგონა|ბავშვები|ბიჭუნა & მოაჯირზე|რაფაზე|ფანჯარაზე|სახურავზე|კიდეზე|მოაჯირს"),
    // Greek: someone breaking the door/window, someone got in
    (Intrusion, Strong, None, "σπασει|σπασουν|σπαει|σπανε|παραβιαζει|παραβιαζουν|κλωτσαει + την|το|τα + πορτα|παραθυρο|κλειδαρια|παραθυρα"),
    (Intrusion, Strong, None, "καποιος|καποιοι|κλεφτης|κλεφτες|διαρρηκτης|διαρρηκτες|αγνωστος|αγνωστοι & μπηκε|μπηκαν|μπαινει|μπαινουν|προσπαθει να μπει|προσπαθουν να μπουν"),
    // Amharic/Tigrinya: child missing
    (Child, Strong, None, "ልጄ|ልጃችን|ልጁ|ልጅቷ|ህፃኑ|ህጻኑ|ህፃን|ትንሹ|ትንሿ|ቆልዓ|ቆልዓይ|ወደይ|ጓለይ|ሕፃን + ጠፋ|ጠፍቷል|ጠፋብኝ|ጠፋችብኝ|ጠፍታለች|ጠፊኡ|ጠፊኣ|ጠፊኡና|ጠፊኡኒ|አላገኘነውም|አላገኘናትም|ኣይረኸብናዮን"),
    // Amharic/Tigrinya: wall or roof collapsed, person under it
    (Collapse, Strong, None, "ግድግዳ|ግድግዳው|ጣሪያ|ጣሪያው|ጣራ|ጣራው|ቤቱ|ህንፃ|ሕንፃ|ህንፃው|መንደቕ|ናሕሲ & ወድቆ|ወደቀ|ፈረሰ|ፈርሶ|ተደርምሶ|ተደረመሰ|ፈሪሱ|ወዲቑ|ተፈሪሱ"),
    (Collapse, Strong, None, "ከስሩ ቀረ|ስር ቀረ|ስር ተቀበረ|ተጨፍልቋል|ትሕቲኡ ተሪፉ"),
    // Amharic/Tigrinya: flood water trapping people
    (Flood, Strong, None, "ውሃ|ውሃው|ጎርፍ|ጎርፉ|ወንዙ|ማይ|ውሕጅ & ሞልቶ|ሞላ|ገባ|እየገባ|ወሰደ|ወሰደው|ወሰዳቸው|ኣትዩ|ወሲዱ|ወሲዱዎ & መኪና|ሰዎች|ቤት|ቤታችን|ተይዘዋል|ተይዘናል|ተዓጊቶም|ሰባት|ገዛ"),
    // Amharic/Tigrinya: choking, cannot breathe, turning blue
    (Medical, Strong, None, "መተንፈስ|ምስትንፋስ + አቃተው|አቃታት|አቃተኝ|አቃተው|አልቻለም|አልቻለችም|ስኢኑ|ስኢና|ኣይክእልን"),
    (Medical, Strong, None, "ተቀርቅሮ|ተቀርቅሮበት|ታንቆ|ታነቀ|ታነቀች|ተሓኒቑ & ጉሮሮ*|መተንፈስ|ሰማያዊ|ምግብ"),
    (Medical, Strong, None, "ፊቱ|ፊቷ|ከንፈሩ|ከንፈሯ|ገጹ + ሰማያዊ"),
    // Amharic: last message, ending own life
    (SelfHarm, Strong, None, "የመጨረሻ + መልእክቴ|መልዕክቴ|ቃሌ|ደብዳቤዬ"),
    (SelfHarm, Strong, None, "ራሴን + ላጠፋ|አጠፋለሁ|ልገድል|እገድላለሁ|ላጠፋው|ማጥፋት"),
    (SelfHarm, Strong, None, "መኖር + አልፈልግም|ሰለቸኝ"),
    // Tigrinya: ending own life
    (SelfHarm, Strong, None, "ሂወተይ|ህይወተይ|ሕይወተይ|ርእሰይ|ርእሰ & ክውድኣ|ክውድእ|ከቋርጽ|ከቋርጻ|ከጥፍእ|ከጥፍኣ|ክቐትል|ክቀትል|ክቐትላ"),
    // Arabic (Moroccan Darija): stroke signs, can no longer speak or move
    (Medical, Strong, None, "فمو|فمها|فمه|وجهو|وجهها|وجهه + تعوج|تعوجات|معوج|معوجة|تلوى|مايل"),
    (Medical, Strong, None, "فجاة|بغتة|دابا|دغيا & بقاش|بقاتش|مابقاش|مابقاتش & كيهضر|كتهضر|كيتكلم|كتتكلم|كيحرك*|كتحرك*|كيتحرك|كتتحرك|كيتنفس|كتتنفس"),
    // Arabic (Egyptian, Levantine): stroke, cannot speak or move, chest pain
    (Medical, Strong, None, "وشه|وشها|بقه|بقها|تمه|تمها|بوزه + اتعوج|اتعوجت|معوج|معوجة|مايل|مايلة"),
    (Medical, Strong, None, "فجاة|دلوقتي|هلق|هلا|حالا & مش قادر|مش قادرة|ما بيقدر|ما بتقدر|مبقاش|مبقتش|ما عم يقدر|ما عم تقدر & يتكلم|تتكلم|يحرك|تحرك|يتنفس|تتنفس"),
    (Medical, Strong, None, "وجع|الم|وجعه|وجعها|بيوجعه|بيوجعها|ضغط|تقل + صدره|صدرها|صدري|صدرو|الصدر"),
    (Medical, Strong, None, "عرقان|عرقانة|بيعرق|بتعرق|كيعرق|كتعرق|عرق بارد & صدره|صدرها|صدري|صدرو|الصدر|دراعه|دراعها|ذراعه"),
    // Persian, Urdu: chest pain now
    (Medical, Strong, None, "سینه|سینش|سینم|سینے میں|چھاتی میں|قفسه سینه + درد میکنه|درد داره|شدید درد|تیز درد|درد ہو رہا|درد ہو رہی|درد شدیدی|تیر میکشه"),
    // Arabic (Egyptian, Levantine, Darija): fight with a knife or weapon
    (Violence, Strong, None, "ماسك|ماسكة|معاه|معاها|شايل|شايلة|طالع ب|شاد|شادة|حامل + سكينة|سكين|مطوة|مطواة|سلاح|مسدس|خنجر|جنوي|موس|ساطور"),
    (Violence, Strong, None, "خناقة|خناقه|عركة|مضاربة|هوشة|طوشة|مدابزة|مضاربه & سكينة|سكين|مطوة|مطواة|سلاح|مسدس|خنجر|جنوي|ساطور|دم|بيجري ورا|كيجري ورا|عم يلحق"),
    // Arabic (Darija, Egyptian): smell of butane gas, people dizzy
    (Gas, Strong, None, "ريحة|ريحت|رايحة|ريحه + البوطة|بوطة|البوطا|لبوطة|الغاز|غاز|لغاز|البوتاجاز|الانبوبة|الجرة"),
    (Gas, Strong, None, "دايخين|دايخ|دايخة|كيدوخ|كيدوخو|دايخه|دايخون|مدوخين & البوطة|بوطة|البوطا|الغاز|غاز|لغاز|البوتاجاز|الانبوبة"),
    // Arabic (Egyptian, Levantine, Darija): swallowing all the pills
    (SelfHarm, Strong, None, "هاخد|هبلع|هشرب|حاخد|حبلع|رح اخد|رح ابلع|غادي ناخد|غادي نشرب|غانشرب|غاناخد|بلعت + كل|جميع|ڭاع|گاع + البرشام|الحبوب|الدوا|الدواء|برشام|حبوب|الكينة|الدوايات|الادوية|الفانيد|الاقراص"),
    (SelfHarm, Strong, None, "هموت|هقتل|حموت|حقتل|بدي موت|بدي اقتل|باغي نموت|باغي نقتل|غادي نقتل|غادي نموت|عايز اموت|عايزة اموت|عايز اقتل|عايزة اقتل + نفسي|روحي|راسي"),
    // Persian, Urdu: swallowing all the pills
    (SelfHarm, Strong, None, "همه|تمام + قرص|قرصا|قرصها|قرصامو|قرصهامو|داروها|داروهامو + میخورم|بخورم|رو میخورم"),
    (SelfHarm, Strong, None, "ساری|سب|تمام + گولیاں|دوايیاں|دوايی + کھا لوں|کھا لوں گا|کھا لوں گی|کھا رہا|کھا رہی|کھا لیاں"),
    // Kurdish (Sorani): cannot live on, ending everything tonight
    (SelfHarm, Strong, None, "ناتوانم|ناتوانێت|ناتوانی|يیتر ناتوانم + بژیم|بژیت|بژی"),
    (SelfHarm, Strong, None, "هەموو + شتێک|شت + تەواو دەکەم|تەواو يەکەم|کۆتایی پێدێنم|کۆتایی پێ دێنم"),
    (SelfHarm, Strong, None, "خۆم|خوم + دەکوژم|بکوژم|يەکوژم|دەکوژمەوە|بکوژمەوە"),
    (SelfHarm, Strong, None, "دەمەوێت|دەمەوێ|يەمەوێت|يەمەوێ|حەز دەکەم + بمرم|خۆم بکوژم"),
    // Kurdish (Sorani): ceiling or wall collapsing, people under rubble
    (Collapse, Strong, None, "خەریکە|خەریکی|وا خەریکە + دەڕووخێت|بڕووخێت|دەڕمێت|دەرووخێت|دەڕووخێ|يەڕووخێت|بڕمێت|دەکەوێت|بکەوێت"),
    (Collapse, Strong, None, "بنمیچ*|دیوار*|سەقف*|خانوو*|ماڵەکە*|باڵەخانە* + ڕووخا|ڕمی|ڕووخاوە|دەڕووخێت|ڕما"),
    (Collapse, Strong, None, "لە ژێر|لەژێر|ژێر + داروپەردوو|خاشاک|ياوار|داڕووخاو|دیوارەکە|بنمیچەکە + ماوە|ماون|گیراوە|گیراون|ماوەتەوە|ماونەتەوە"),
    // Persian: earthquake, wall or building came down, someone trapped
    (Collapse, Strong, None, "دیوار|سقف|ساختمون|ساختمان|خونه|خانه|دیواره|سقفه + ریخت|ریخته|فرو ریخت|ریزش کرد|ریزش کرده|اومد پایین|فرو ریخته"),
    (Collapse, Strong, None, "زیرش|زیرشون|زیر اوار|زیر دیوار + مونده|موندن|مانده|ماندن|گیر کرده|گیر کردن|گیر افتاده|گیرافتاده"),
    // Urdu, Punjabi (Shahmukhi): cannot live any more, ending myself
    (SelfHarm, Strong, None, "نيیں|نہیں|نہی|نیں + جی + سکدا|سکدی|سکتا|سکتی|سکدے|سکتے"),
    (SelfHarm, Strong, None, "اپنا اپ|اپنے اپ|اپنے اپ نوں|اپنے اپ کو|خود کو|خود نوں|اپنی جان + مکا|مکا دیاں|ختم کر|مار|مار لوں|مار دیاں|ختم کر لوں|ختم کر دوں|لے لوں|لے لاں"),
    (SelfHarm, Strong, None, "مرنا + چاہتا|چاہتی|چاہندا|چاہندی|چاندا|چاندی"),
    // Malayalam: chest pain, breathlessness, unconscious
    (Medical, Strong, None, "ശവസ + മടടനന|കടടനനലല|കടടനനല|എടകകൻ പററനനലല|എടകകൻ പററനനല|നലചച|ഇലല"),
    (Medical, Strong, None, "നഞചവദന|നഞച വദന|നഞചൽ വദന|നഞചവദനയണ & ഇപപൾ|വയർകകനന|ശവസ|തലകറങങനന|ഛർദദകകനന|ബധ"),
    (Medical, Strong, None, "ബധ + ഇലല|പയ|കടട|കടടവണ|നഷടപപടട"),
    (Medical, Strong, None, "ബധമലല|ബധകടട"),
    // Malayalam: vehicle hit a person, lying on the road, not moving
    (Accident, Strong, None, "റഡൽ|നലതത + കടകകനന|വണകടകകനന|വണ കടകകനന|കടപപണട"),
    (Accident, Strong, None, "അനങങനനലല|അനങങനനല & കടകകനന|ഇടചച|ഇടചചടട|വണ|ബധ|ചര|രകത"),
    // Nepali, Hindi: earthquake now, house collapsed, people trapped
    (Collapse, Strong, None, "घर|परखल|भवन|छत|घरक छन|मकन|दवर|इमरत|बलडग + ढलय|भतकय|खसय|ढलदछ|भतकदछ|गर गय|गर गई|ढह गय|ढह गई"),
    (Collapse, Strong, None, "भकमप|भइचल|भकप + गय|आय|गइरहक|आइरहक|आ रह|ह रह + अहल|भरखर|अभ|अभ अभ"),
    (Collapse, Strong, None, "अहल|भरखर|अभ|अभ अभ + भकमप|भइचल|भकप + गय|आय|आ रह"),
    (Collapse, Strong, None, "मनछ|मनस|मलब|आदम|भतर|नच + परए|थचए|थचएक|परएक|दब|दब गए|दब ह|फस|फसक|दबक"),
    // Bengali: farewell before suicide, no longer wanting to live
    (SelfHarm, Strong, None, "বচত + চই ন|চইন|ইচছ করছ ন"),
    (SelfHarm, Strong, None, "আতমহতয + করব|করছ|কর ফলব"),
    (SelfHarm, Strong, None, "নজক + শষ|মর ফলব|খতম"),
    (SelfHarm, Strong, None, "আর + কউক + কষট + দব ন"),
    (SelfHarm, Strong, None, "ভলবসতম & বদয|বল দও|আজকর পর|কষম কর|আর থকব ন"),
    (SelfHarm, Strong, None, "মর + যত চই|যত ইচছ করছ"),
    // Bengali: gas or carbon monoxide, alarm ringing, people sick
    (Gas, Strong, None, "বযলর*|গজর|হটর|অযলরম|এলরম & মথ বযথ|মথ ঘরছ|বম করছ|অজঞন|বম"),
    // Punjabi (Gurmukhi), Hindi, Bengali, Urdu: water inside the house now
    (Flood, Strong, None, "ਪਣ + ਘਰ ਅਦਰ|ਅਦਰ|ਗਡਆ ਤਕ|ਲਕ ਤਕ|ਕਮਰ ਤਕ|ਵੜ ਗਆ|ਵੜ ਰਹ|ਭਰ ਗਆ|ਚੜਹ ਰਹ"),
    (Flood, Strong, None, "ਗਡਆ|ਲਕ|ਕਮਰ|ਗਲ + ਤਕ + ਪਣ"),
    (Flood, Strong, None, "पन + घस|घस गय|घस रह|भर रह|अदर आ रह|घर म आ रह|अदर आ गय|घर म घस"),
    (Flood, Strong, None, "পন + ঢকছ|ঢক গছ|ঢক পডছ|ঘর ঢকছ|ঘর ঢক"),
    (Flood, Strong, None, "پانی + گھر میں ا|اندر ا|گھس|داخل ہو رہا|بھر رہا"),
    // Hindi, Nepali: vehicle hit someone, lying on the road
    (Accident, Strong, None, "एकसडट|दरघटन|टककर|ठककर & सडक पर पड|सडकम लडक|बहश|बहस|खन बह|खन नकल|रगत|फस|हल नह|हलरहक छन|हलमट टट"),
    // Hindi, Nepali: wish to die, farewell
    (SelfHarm, Strong, None, "बचन + मन छन|इचछ छन"),
    (SelfHarm, Strong, None, "मरन + मन लगय|मन छ|चहनछ"),
    (SelfHarm, Strong, None, "सबलई मय & जनछ|अलबद|मफ"),
    (SelfHarm, Strong, None, "आतमहतय + गरछ|गरदछ|गरनछ|कर लग|करन ज|कर रह"),
    (SelfHarm, Strong, None, "खद क|अपन आप क + खतम|मर + कर दग|कर लग|डलग|लग|दग"),
];
