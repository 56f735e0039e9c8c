//! What a message asks of the service itself rather than of a topic: a person instead of the
//! bot, or nothing at all (insults, threats, spam, which the Comuni's netiquette does not
//! accept). Criticism of the Comune is not abuse: complaints are a topic (`urp.reclamo`).

use std::sync::LazyLock;

use crate::text::lexicon::{Lexicon, stretched};
use crate::text::matcher::for_each_word;

/// Phrases asking for a person; see [`asks_for_person`].
#[rustfmt::skip]
const PERSON: &[&str] = &[
    "parlare|parlo|parli|parlarne|passare|passa|passi|passami|passate|passatemi|passarmi|mette in contatto|metta in contatto|mettete in contatto|contattare|sentire|chiamare|scrivere|mettermi in contatto|mettere in contatto|collegarmi|collegami|avere|voglio|vorrei|chiedo|serve|mi serve|c e|cerco + con|a|un|una|l|il|lo|gli|qualche + operator*~|operatric*|persona|persone|umano|umana|umani|essere umano|impiegat*~|dipendente|addett*|funzionari*|qualcuno del comune|qualcuno in carne|persona vera|persona reale|persona fisica",
    "parlare con qualcuno|parlare con una persona|parlare con un operatore|parlare con un umano|persona vera|persona reale|essere umano|operatore umano|un operatore|operatore per favore|operatore grazie",
    "talk|speak|chat|connect|put me through|transfer me + to|with + a|an|the|someone|somebody|some + human|person|operator|agent|staff|employee|officer|clerk|real|representative",
    "talk to someone|speak to someone|talk to a human|speak to a human|real person|real human|human please|a human|live agent|live person|customer service",
    "actual|real|proper + employee|person|human|operator|agent|staff|someone",
    "qualcuno di vero|qualcuno vero|c e qualcuno che risponde|qualcuno che risponde|qualcuno in carne e ossa|una persona in carne e ossa",
    "parla|parlare|chat|chattare|dammi|datemi|passatemi|metti|mettimi|mettetemi|girare|girarmi|giratemi|messa in contatto|messo in contatto|essere messa|essere messo + con|a|co|cu|un|una|n|na|col|al|alla|della|del + collega|colleghi|signorina|signora|cristiano|omm|femmena|impiegat*|addett*|persona|perzona|quaccheduno|quarcuno|quarcheduno|umano|sindaco|responsabile|operator*",
    "richiamare|richiamarmi|ricontattare|ricontattarmi|farmi chiamare|farmi richiamare|mi fate chiamare|mi fate richiamare|mi fa richiamare|mi richiamate|mi richiami",
    "cu nu cristianu|nu cristianu|no cu na machina|richiamato da qualcuno|richiamata da qualcuno|essere richiamat*|farmi richiamare",
    "chiamarla qualcuno|chiamarlo qualcuno|puo chiamarla|puo chiamarlo|chiamarmi qualcuno|mi puo chiamare qualcuno|mi chiama qualcuno",
    "parler avec|parler a + employe|une personne|quelqu un|un agent|un humain|un operateur",
    "hablar con + una persona|alguien|un empleado|una empleada|un operador|un humano",
    "fatemi chiamare|fatemi richiamare|basta con sto robot|basta con questo robot|basta robot|basta con il robot",
    "non il computer|non col computer|non con il computer|instead of this bot|person i can chat with|person i can talk to|someone i can talk to|mi rispondesse qualcuno|rispondesse qualcuno|che mi rispondesse",
    "non un bot|non una macchina|tutti computer|non un robot|non il bot|qualcuno che capisca|qualcuno che risponda|quarcuno che risponde|quarcheduno|in carne e ossi|in carne e ossa|persona vera|cristiano vero",
    "parlare|parla|parlo|parlarne|interloquire|rispondermi|rispondere|risponde|spiegare|chattare|speak|speaking|talk|talking|chat|connect|connected|contattare|contattato|contattati|contattata|contattarmi|passami|passatemi|passame|chiamatemi|chiamami|call me|phone me|ring me + operator*|operatric*|persona|umano|impiegat*|funzionari*|dirigente|assessore|tecnico|signorina|signora|qualcuno|quarcuno|uno|chi decide|employee|staff|human|person|someone|somebody|anyone|anybody|agent|officer|ufficio|office|vigili|sindaco|lei",
    "siete tutte macchine|siete tutti robot|siete macchine|siete tutti computer|qualcuno vivo|a voce|non una macchina|non con una macchina|ste machine|queste macchine|automated system|help desk person|live chat|chi e che parla|pronto pronto|anybody there|anyone there",
    "mettetemi in contatto|mettimi in contatto|metteteci in contatto|messi in contatto|in carne ed ossa|carne ed ossa|persona umana|na persona|direttamente a un funzionario|direttamente con un funzionario|direttamente con una persona|mi fa chiamare|mi fate chiamare|someone from the staff|pass me to|put me through to",
    "signorina|persona|qualcuno|impiegat*|operator* + con cui + parlare|posso parlare|parlo|parlarne",
    "passatemi|passame|passateme|passami|mi passi|mi passa|mi passate + quarcuno|quaccheduno|qualcuno|quarcheduno|qualcheduno|quacchedun",
    "voglio persona|vorrei persona|voglio umano|vorrei umano|voglio operatore|vorrei operatore|chiedo operatore|voglio impiegato|voglio funzionario|desidero un operatore|desidererei un operatore|desidero una persona|desidererei una persona",
    "contatto telefonico|colloquio telefonico|appuntamento telefonico|telefonata + con|da|di + un|una|il|la|qualcuno|funzionari*|impiegat*|operator*|ufficio|persona",
    "qualcuno che mi puo rispondere|rispondermi direttamente|c e nessuno li|ce nessuno li|c e nessuno la|uno vero dico|una persona vera|vostro collaboratore|vostra collaboratrice|un collaboratore|una collaboratrice|staff member|not a machine|anyone real|someone real|somebody real|anybody real",
    "qualcuno del comune che|qualcuno dell ufficio che + mi puo rispondere|mi risponda|mi risponde|rispondermi|mi richiami|mi chiami|mi spieghi|parlare|mi parli|di persona",
    "persona per parlare|qualcuno per parlare|operatore per parlare|umano per parlare|person to talk to|someone to talk to",
    "non capisco|no capisco|no capisce|non capisce|io no capire|i don t understand|dont understand + persona|operatore|umano|qualcuno|person|someone|human|operator",
    "parlare con una macchina|parlare con un computer|parlare con un robot|parlare con un bot|parlo con una macchina|signora vera|signorina vera|signore vero|impiegato vero|impiegata vera|cristiano overo|nu cristiano|ce sta quarcuno|ce sta qualcuno|qualcuno che parla inglese|qualcuno che parli inglese|chi parla inglese|someone who speaks english|anyone who speaks english|somebody who speaks english|someone i can chat with|someone i can talk to|talking to a machine|talk to a machine|talk to a bot|talking to a bot",
    "preferirei|preferisco|vorrei|voglio|meglio + spiegare|parlare|raccontare|spiegarlo|parlarne|raccontarlo + a un dipendente|a una dipendente|con un dipendente|con una dipendente|a un impiegato|a un impiegata|di persona|a voce|a qualcuno del comune",
    "someone|somebody|anyone|qualcuno + from the office|from the council|from the comune|dell ufficio|del comune + contact me|call me|get in touch|reach me|write to me|contattarmi|mi contatta|mi contatti|mi scriva|mi chiami",
    "the bot doesn t understand|the bot does not understand|bot doesnt understand|the bot isn t understanding|il bot non capisce|il bot non mi capisce|la chat non capisce|la chat non mi capisce|il robot non capisce|non mi capisce nessuno",
    "qualchedun de l ufficio|qualcheduno de l ufficio|no sta machineta|no sta machina|vraie personne|une vraie personne|parler a une personne|quelqu un de la mairie",
    "voglio|vorrei|datemi|passatemi|basta bot & qualcuno dell ufficio|qualcuno del comune|qualcuno dell anagrafe|qualcuno in ufficio",
    "vreau sa vorbesc cu|as vrea sa vorbesc cu + un om|un operator|o persoana|cineva|un angajat|un functionar",
    "nu cu robotul|nu cu un robot|nu cu masina|machi robot|machi robo|du masin bi|no con el robot|nicht mit dem bot|nicht mit einem roboter|pas avec le robot|pas un robot|ne z robotem|не з ботом|не с ботом|не з роботом|не с роботом",
    "bghit nhder|bghit nhdar|bghit ntkellem|bghit nhdr + m3a|maa|mea + chi wa7ed|chi wahed|chi had|chi 7ed|chi insan|chi bnadem|chi mowadaf|chi muwadaf|bnadem|insan",
    "begg wax ak nit|begg wax ak benn nit|begg wax ak ku",
    "chce rozmawiac z|chce porozmawiac z|moge porozmawiac z + czlowiekiem|człowiekiem|osoba|konsultantem|kims|kimś|pracownikiem",
    "mit einem menschen|mit einer person|mit einem mitarbeiter|mit einer mitarbeiterin|mit jemandem + sprechen|reden",
    "dua te flas me|dua me fol me|mund te flas me + nje person|nje njeri|nje operator|dike|nje punonjes",
    "falar com uma pessoa|falar com alguem|falar com um atendente|falar com um funcionario|falar com um humano",
    "поговорити з людиною|поговорити з оператором|з живою людиною|поговорить с человеком|поговорить с оператором|с живым человеком|поговорити з працівником|поговорить с сотрудником",
    "gusto kong makausap|makausap ang tao|kausapin ang tao|makausap ang isang tao|kisi insaan se baat|kisi banday se baat|operator se baat|ren gong fu wu|rengong fuwu|zhen ren|yao gen ren shuo hua",
    "not the bot|not a bot|not a robot|rather than an automated|instead of the bot|instead of a bot|anyone from the staff|someone from the council|someone from the comune|member of staff|anyone actually there|is anyone there|is anybody there|call me back|ring me back|a real one",
    // A verb of talking or connecting and a person, in the languages residents write in.
    "vorbi|vorbesc|vorbim|vorbi cu|lega|legati|conectati|dati mi|dati-mi & operator|o persoana|o persoană|un om|angajat|functionar|funcționar",
    "pasa|pasas|pasame|pásame|hablar|comunicar|comunica|comunique|comuniqueme & operador|operadora|alguien de la oficina|un humano|un empleado",
    "parler|passez moi|passer & conseiller|humain|quelqu un|operateur|opérateur|un agent|employe|employé",
    "verbinden|sprechen|reden|zuruckrufen|zurückrufen & mitarbeiter|mitarbeiterin|mensch|menschen",
    "ziednaite|z iednaite|з єднайте|зєднайте|pohovoryty|hovoryty|pogovoryty|поговорити|говорити|соедините|поговорить|говорить|pozovite|позовите|daite|дайте|можно & operatorom|оператором|оператора|operatora|liudynoiu|людиною|працівник|pratsivnyk|cheloveka|человеком|человека|zhivogo|живого",
    "me lidhni|lidhni me|me lidh & operator|dike|nje njeri|njeri",
    "3tini|3afak|n7eb nahki|n7eb nkallem|nhder m3ah|nhder m3a|nkallem & operatore|operateur|bnadem|employe|employé|chi wa7ed|chi had",
    "polaczyc mnie z|połączyć mnie z|polacz mnie z|połącz mnie z & pracownikiem|konsultantem|czlowiekiem|człowiekiem",
    "التحدث مع موظف|التكلم مع شخص|التحدث مع شخص|اتكلم مع موظف|نتكلم معاه|مع موظف|人工|转人工|工作人员|ren gong|rengong|zhuan rengong|gongzuo renyuan|zhao ren|manush er sathe kotha|manusher sathe kotha|manushan kitta pesanum|bande naal gall|njeri jo robot|einen menschen|keinen bot|un om nu robot",
    "passatimi a quarcunu|passatimi a unu|passatimi a quarcunu di|parlà cun vün|parlà con vün|parla cun vun|parla con vun|vori parla|voeuri parla|impiegà|impiega par piaser|chistionai cun una persona|passami a unu veru|qualchedun de vero|qualchedun de l ufizi",
    "mi mette in contatto cn|c e una signora dell ufficio|c e una signorina|mi passa una signorina|mi passa la signora|una signorina o un signore|qualcuno di vivo|voglio n impiegato|voglio un impiegato|una signorina dell ufficio",
    "parrari cu|parrari cun & operaturi|pirsuna|cristianu",
    "insaan se baat|insan se baat|banday se baat|koi insaan|потрібен працівник|нужен сотрудник|не бот|per favore operatore|per favore persona|c e qualcuno che mi risponde|mozhno operatora",
    "someone from the office i can|anyone from the office who|anyone from the office that|operator please|get me an operator|need to explain my situation to someone",
    "anyone human|anybody human|any human there|someone human|a human there|vojo parlar|voio parlar|vojo parla|vogio parlar|parlar co un omo|co un omo|co n omo|co na persona|ce sta n omm|nu ce sta n omm|n omm che risponne|nisciun che risponne|vorbi cu cineva de la primarie|cu cineva de la primarie|cu cineva de la comuna|cu cineva de la birou",
    "живий оператор|живой оператор|живой человек|живого человека|жива людина|живу людину|живою людиною|parlari cu|parlari cun|fammi parlari|cu sta machina|no cu sta machina|bicara dengan petugas|bicara dengan orang|berbicara dengan petugas|mat engem mensch|mensch schwatzen|yetkiliyle gorusmek|yetkili ile gorusmek|bir insanla konusmak|biriyle gorusmek|temsilciyle gorusmek|prata med en handlaggare|prata med en manniska|prata med nagon|je veux un humain|un operateur humain|une personne humaine|parler a quelqu un",
    "me mett in contatt|mettim in contatt|in contatt cun|gh e nissun|in carne e oss|mluvit s clovekem|mluvit s pracovnikem|상담원|사람 상담원|شخص حقيقي|أتكلم مع شخص|اتكلم مع شخص|تحولني لموظف|تحولني|لموظف|razgovarati s djelatnikom|razgovarati s osobom|razgovarati sa sluzbenikom|са службеником|разговарам са|la hadlo qof|qof bini aadam|iemand van de gemeente spreken|met een mens spreken|met iemand spreken|een medewerker spreken|noi chuyen voi nhan vien|nói chuyện với nhân viên|hablar con un funcionario|con un funcionario|con una funcionaria|wax ak nit|wax ak benn nit",
    "me passa n operatore|passa n operatore|makausap ng tao|makausap ang tao|kausap ng tao|operador por favor|ምስ ሰብ ክዛረብ|wax ak ab nit|du robot|kuongea na mtu|si mashine|hablar con un agente|un agente por favor|uma pessoa por favor|pessoa de verdade|passar para um funcionario|conseiller humain|razgovarati s nekim|s nekim iz ureda|quiero un humano|un humano no un robot|echten menschen|jemand vom amt anrufen|vom amt anrufen|polaczenie z pracownikiem|połączenie z pracownikiem|بندے سے بات|insanla konusabilir|insanla konuşabilir|insanla konusmak|इंसान से बात",
    "nhder m3a chi|nhdr m3a chi|nhdar m3a chi + mowadaf|muwadaf|wa7ed|insan|bnadem",
    "rozmawiac z kims|czlowiek nie bot|yetkiliyle konusabilir|yetkiliyle konuşabilir|parrari cu unu|sta machinetta|μιλήσω με υπάλληλο|με υπάλληλο|মানুষের সাথে কথা|passati a unu|banday naal gal|شي موظف|kontakt z konsultantem|me pasas con una persona|انسان سے بات|canli destek|canlı destek|faeddare cun una persona|un humain|officer se baat|nit laa begg|operator po|operator er sathe|ኦፕሬተር|sachbearbeiter|una persona de verdad|ოპერატორთან|milisw me anthrwpo|me passi uno vero|ਮੁਲਾਜ਼ਮ ਨਾਲ ਗੱਲ|atendimento humano|lidhni me operatorin|razgovaram sa nekim|ऑपरेटर से बात|nguoi that|người thật|jox ma ku ci office|மனிதருடன் பேச|temsilciye baglayin|temsilciye bağlayın",
    "me passe|me passi|passeme|passime|me pasa|me passa + qualchedun|qualcheduno|calchedun|un omo|na persona|una persona|qualchedun de l ufisio|qualchedun de l ufizio",
    "parla cu un om|vorbesc cu un om|vorbi cu un om|cu un om de la primarie|un om de la primarie|o persoana de la primarie|cu o persoana reala|cu un om adevarat|un om adevarat",
    "qualcuno che mi ascolti|qualcuno li dall altra parte|qualcuno dall altra parte|c e qualcuno li|parla cor muro|sto a parla cor muro|parlando col muro|o e tutto automatico|o e tutt automatic|tutt automatic|in contatto con uno di loro|direttamente a un vigile|direttamente con un vigile",
    "quaivun de l ufizi|on quaivun|passateme a n impiegato|passateme a|quarchidunu|di pirsuna|calicunu de beru|faeddare cun una persone|cun una persone|quarcunu du cumuni|parrari cu na persuna|cu na persuna|ca me pote rispunn|fevela cuntun|cuntun operador|person a vera|un cristian ch o me risponde|cristian che me risponde|quelcdun dl ufezi|cacchedune a lu comune|vogl na perzona|na perzona|chiamatimi na pirsuna|na pirsuna|me passi n operatore|n operatore vero|operatore vero",
    "qualcuno che parla arabo|qualcuno che parla inglese|qualcuno che parla francese|operatore che parla|mettere me con impiegato|con impiegato|voglio parla con uomo|parla con uomo|uomo di comune|no capisco bot|non capisco bot|non capisco il bot",
    "cineva acolo care vorbeste|vreau o persoana|o persoana nu robot|nu vreau robot|alguien de verdad|es una maquina|eine echte person|echte person|der mich zuruckrufen|mich zuruckrufen|можна operatore|можна оператора|не розумію бота|не понимаю бота",
    "نهضر مع شي واحد|شي واحد حقيقي|أكلم حد من البلدية|اكلم حد من البلدية|أكلم حد|chi bnadem|bnadem y3awni|dyal chi mowadaf|chi mowadaf|m3a chi mowadaf",
    "ملازم سے بات|کسی ملازم|अधिकारी से बात|किसी अधिकारी|কারো সাথে কথা|অফিসের কারো|lok er sathe kotha|kono lok er sathe|ਬੰਦੇ ਨਾਲ ਗੱਲ|ਮਸ਼ੀਨ ਨਾਲ ਨਹੀਂ|office wale naal gal|wale naal gal|pwedeng kausapin|may empleyado po|ku ma mena tontu|nekk ku ma mena|ከሰው ጋር መነጋገር|ሰራተኛ ማናገር|මිනිසෙක් එක්ක කතා|அதிகாரியுடன் பேச|get human being|human being wey|μιλησω με εναν υπαλληλο|μιλήσω με έναν υπάλληλο|με εναν υπαλληλο|με έναν υπάλληλο",
    "c e qualcuno|ce qualcuno|c e qualcheduno|c e nessuno|is someone|is anyone|is anybody|is there someone|is there anyone + in ufficio|in the office|disponibile|available|che legge|che leggono|reading this|actually reading|there to talk|a cui parlare|per parlare",
    "dipendente|dipendenti|impiegat*|funzionari*|responsabile|collega umano|personale|employee|staff|clerk|manager + chattare|chattarci|in contatto|mi chiami|mi segua|rispondermi|puo rispondermi|call me|contact me|ring me|talk|speak|chat",
    "chattare con|messo in contatto con|messa in contatto con|contatto con + un dipendente|una dipendente|un responsabile|il personale|un impiegato|un impiegata|un funzionario",
    "mi chiamate voi|chiamatemi voi|mi chiamate|mi richiamate voi|ring me|call me back|give me a call|me rappeler|m appeler|quelqu un peut me rappeler|mi telefonate|telefonatemi",
    "qualcuno al telefono|someone on the phone|qualcuno a voce|person on the phone|invece della chat|instead of the chat|non la chat|non la macchinetta|not the chat|not a bot|don t want a bot|dont want a bot|no bot|give me a person|get me a person|representative|un umano per favore",
    "vogghie parla|voggh parla|vogghiu parrari|voglio parla + cu nu cristian*|cu na persona|cu nu cristiane|cu quaccheduno",
    "ca me respunne|che me risponne|che mi risponne|ca mi rispunni|ca me risponne",
    "ከሰራተኛ ጋር|ሰራተኛ ጋር ማውራት|ምስ ሰራሕተኛ|ሰራሕተኛ ክዛረብ|व्यक्ति से बात|किसी व्यक्ति|कर्मचारी से बात|თანამშრომელთან|ადამიანთან საუბარი|නිලධාරියෙක් එක්ක|කෙනෙක් එක්ක කතා|koi banda hai|koi banda|baat karni hai|baat karna hai|kisi se baat|kisi insaan se",
];

/// A person asked for in Chinese characters: "人工" (a human agent), "工作人员" (a member of
/// staff), "真人" (a real person).
const PERSON_HAN: &[&str] = &["人工", "工作人员", "真人"];

/// Words of a complaint: a person named beside them is its subject, not a request.
const COMPLAINT: &[&str] = &[
    "reclamo",
    "reclami",
    "lamentela",
    "comportamento",
    "scortese",
    "maleducato",
    "maleducata",
    "complaint",
    "rude",
];

/// A worker, or people, named for what they do or are ("che l'operatore non si tagli", "il comune
/// manda un operatore a casa?", "l'elenco delle persone fragili"): the person is the subject of
/// the question, not asked for.
#[rustfmt::skip]
const WORKER: &[&str] = &[
    "l operatore|gli operatori|un operatore|l addetto|gli addetti + si tagli|si taglia|si ferisca|si fa male|si faccia male|si punga|che passa|che passano|che ritira|che ritirano|ecologic*|della raccolta|dei rifiuti|a domicilio|socio sanitari*",
    "manda|mandate|mandano|viene|vengono|venga|arriva + un operatore|un operatrice|degli operatori|un addetto|a casa",
    "who can check on|to check on her|to check on him|check on her|check on him|passare a trovarl*|andare a trovarl*|elenco delle persone|persone fragili|list of people",
    "operatore ecologico|operatori ecologici|operatore socio sanitario|operatori socio sanitari|operatore sanitario|operatrice socio sanitaria|the operator who|the worker",
];

/// Words that alone, with fillers, ask for a person.
const PERSON_WORDS: &[&str] = &[
    "operatore",
    "operatrice",
    "umano",
    "human",
    "operator",
    "agent",
    "persona",
    "operatori",
    "impiegato",
    "impiegata",
    "chiamatemi",
    "richiamatemi",
    "opeatore",
    "opertore",
    "operaore",
    "oeratore",
    "оператор",
    "оператора",
    "operatora",
    "operador",
    "operateur",
];

/// Insults and abuse aimed at people (Italian and English).
#[rustfmt::skip]
const ABUSE: &[&str] = &[
    "vaffanculo|vaffa|fanculo|affanculo|fottiti|fottetevi|stronz*|coglion*|cogliona|merdos*|pezzo di merda|pezzi di merda|figlio di puttana|figli di puttana|puttan*|troia|troie|bastard*|cornut*|ricchion*|frocio|froci|negro|negri|zingaro di merda|terrone di merda|terroni di merda|porco dio|porcodio|porca madonna|dio cane|diocane|mongoloid*|handicappat* di merda",
    "idiota|idioti|cretin*|imbecill*|deficient*|scem*|ritardat*|cerebrolesi|subnormal*|demente|dementi + sei|siete|che sei|che siete|del cazzo|di merda|bot|robot|comune",
    "sei|siete + un|una|dei|delle + idiota|idioti|cretin*|imbecill*|deficient*|coglion*|stronz*|merde|buffon*|pagliacc*|ladri di merda",
    "del cazzo|di merda|cazzo di|sto cazzo|me ne frego di voi|andate a cagare|vai a cagare|ti odio|vi odio",
    "fuck|fucking|fucker|fuck off|f off|shit|bullshit|asshole|bastard|bitch|cunt|dickhead|moron|retard|idiot|stupid bot|useless bot|dumb bot|go to hell|piss off|scum",
];

/// Threats against people or property of the Comune: flagged to the operators.
#[rustfmt::skip]
const THREAT: &[&str] = &[
    "vi|ti|vengo a + ammazzo|ammazziamo|uccido|uccidiamo|sparo|spariamo|accoltello|meno|picchio|faccio fuori|faccio saltare|brucio|bruciamo|rompo la faccia|spacco la faccia|aspetto fuori|ammazzare|uccidere|sparare|picchiare",
    "la|lo|li|le + ammazzo|ammazziamo|uccido|uccidiamo|sparo|spariamo|accoltello|picchio|faccio fuori",
    "bomba|esplosivo|faccio saltare in aria|faccio saltare il comune|do fuoco al comune|brucio il comune|metto una bomba|strage|sparatoria + comune|municipio|ufficio|uffici|sindaco|vi",
    "i will|i ll|im going to|i m going to|gonna + kill|shoot|stab|hurt|beat|burn|find + you|them|the mayor|everyone|the office|the town hall",
    "bomb|blow up|shooting + town hall|office|mayor|you",
];

/// Unsolicited advertising and scams.
#[rustfmt::skip]
const SPAM: &[&str] = &[
    "guadagna|guadagnare|guadagno + facile|soldi|euro al giorno|da casa|online",
    "bitcoin|criptovalut*|crypto|forex|trading online|investimento sicuro|casino online|scommesse|viagra|cialis|escort|incontri|clicca qui|click here|free money|earn money|make money|work from home|limited offer|offerta limitata|promo code|codice sconto|seguimi|follow me|iscriviti al mio canale|subscribe to my",
];

/// What a rule of this module says a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Intent {
    Person,
    Worker,
    Abuse,
    Threat,
    Spam,
}

/// One lexicon for all intents, so a message is read once.
static LEXICON: LazyLock<Lexicon<Intent>> = LazyLock::new(|| {
    let tagged =
        |rules: &'static [&'static str], intent: Intent| rules.iter().map(move |&r| (r, intent));
    Lexicon::new(
        tagged(PERSON, Intent::Person)
            .chain(tagged(WORKER, Intent::Worker))
            .chain(tagged(ABUSE, Intent::Abuse))
            .chain(tagged(THREAT, Intent::Threat))
            .chain(tagged(SPAM, Intent::Spam)),
    )
});

/// Builds the lexicon now rather than on the first citizen message.
pub fn warm_up() {
    LazyLock::force(&LEXICON);
}

/// "operatore", "un operatore per favore": the word with fillers only asks for a person.
#[rustfmt::skip]
const PERSON_FILLER: &[&str] = &[
    "un", "una", "l", "per", "favore", "please", "pls", "grazie", "an", "a", "the", "subito",
    "voglio", "vorrei", "i", "want", "need", "ciao", "buongiorno", "salve", "hi", "hello",
    "cortesia", "piacere", "prego", "con", "parlare", "chat", "mi", "sono", "stufato", "stufata",
    "di", "sto", "questo", "sistema", "uffa", "basta",
];

/// What a message asks of the service itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// The citizen asks, in words, to talk to a person.
    pub person: bool,
    pub conduct: Conduct,
}

/// Reads a message once for every intent.
pub fn read(text: &str) -> Reading {
    let scan = LEXICON.scan(text);
    let found: Vec<Intent> = LEXICON.find(&scan).iter().map(|f| *f.value).collect();
    // A complaint about a member of staff ("un reclamo per il comportamento di un impiegato")
    // names a person without asking for one: it goes to the URP as a complaint.
    let complaint = scan.words.iter().any(|w| COMPLAINT.contains(&w.as_str()));
    // Chinese comes as one word per run of characters: the request is looked for inside it.
    let han = scan
        .words
        .iter()
        .any(|w| PERSON_HAN.iter().any(|h| w.contains(h)));
    let worker = found.contains(&Intent::Worker);
    let person = ((found.contains(&Intent::Person) || han) && !complaint && !worker) || {
        let mut asked = false;
        let only = scan.words.iter().all(|w| {
            asked |= PERSON_WORDS.contains(&w.as_str());
            PERSON_WORDS.contains(&w.as_str()) || PERSON_FILLER.contains(&w.as_str())
        });
        asked && only
    };
    let conduct = if found.contains(&Intent::Threat) {
        Conduct::Threat
    } else if found.contains(&Intent::Abuse) {
        Conduct::Abuse
    } else if found.contains(&Intent::Spam) {
        Conduct::Spam
    } else {
        Conduct::Fine
    };
    Reading { person, conduct }
}

/// Greetings, thanks, goodbyes and the politeness around them.
#[rustfmt::skip]
const COURTESY: &[&str] = &[
    "buongiorno", "buonasera", "buonanotte", "buon", "pomeriggio", "salve", "ciao", "hello",
    "hi", "hey", "good", "morning", "afternoon", "evening", "grazie", "mille", "tante", "molte",
    "infinite", "thanks", "thank", "you", "so", "much", "very", "a", "lot", "gentilissimi",
    "gentilissima", "gentilissimo", "gentili", "gentile", "ringrazio", "la", "vi", "ti", "le",
    "arrivederci", "buona", "giornata", "serata", "bye", "goodbye", "see", "ok", "okay", "va",
    "bene", "perfetto", "ottimo", "tutto", "chiaro", "dell", "per", "l", "aiuto", "help",
    "your", "cortesia", "cordiali", "saluti", "a", "presto", "tutti", "ragazzi", "e", "and",
    "attendo", "aspetto", "attendiamo", "aspettiamo", "capito", "ricevuto", "waiting", "wait",
];

/// Whether a short message that asks nothing opens with a greeting ("buongiorno, sono Mario
/// Rossi"); "hello, which bus goes to the airport?" asks something.
pub fn greets(text: &str) -> bool {
    const GREETINGS: &[&str] = &[
        "buongiorno",
        "buonasera",
        "salve",
        "ciao",
        "hello",
        "hi",
        "hey",
        "good",
    ];
    const SHORT: usize = 6;
    let (mut first, mut words) = (None, 0);
    for_each_word(text, |w| {
        first.get_or_insert_with(|| stretched(w, GREETINGS));
        words += 1;
        words <= SHORT
    });
    !text.contains('?') && words <= SHORT && first.is_some_and(|w| GREETINGS.contains(&w.as_str()))
}

/// Whether a message is only courtesy (greetings, thanks, goodbyes), with nothing asked.
/// "aiuto" counts only beside another courtesy word ("grazie dell'aiuto"): alone it is a cry
/// for help, which the safety layer answers.
pub fn only_courtesy(text: &str) -> bool {
    let (mut courtesy, mut all) = (false, true);
    for_each_word(text, |w| {
        let w = stretched(w, COURTESY);
        all &= COURTESY.contains(&w.as_str());
        courtesy |= all && !matches!(w.as_str(), "aiuto" | "help");
        all
    });
    courtesy && all
}

/// What the netiquette makes of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conduct {
    Fine,
    /// Insults, vulgarity, discrimination.
    Abuse,
    /// Advertising, scams.
    Spam,
    /// A threat against people or the Comune: the operators must know.
    Threat,
}

#[cfg(test)]
mod tests {
    use super::{Conduct, read};

    fn asks_for_person(text: &str) -> bool {
        read(text).person
    }

    fn conduct(text: &str) -> Conduct {
        read(text).conduct
    }

    #[test]
    fn asking_for_a_person_in_words() {
        for text in [
            "vorrei parlare con una persona vera",
            "anyone human there??",
            "vojo parlar co un omo, no co un computer",
            "Bună, pot vorbi cu cineva de la primărie?",
            "ma nu' ce sta n'omm che risponne?",
            "мені потрібен живий оператор",
            "Bir yetkiliyle görüşmek istiyorum",
            "Ik wil graag iemand van de gemeente spreken",
            "사람 상담원 연결해 주세요",
            "posso parlare con un operatore?",
            "mi passi un impiegato per favore",
            "operatore",
            "can I talk to a human",
            "real person please",
            "mi passi qualcuno della ragioneria?",
            "io non capisco, una persona per parlare?",
            "c'è qualcuno del comune che mi risponda di persona?",
            "vorrei essere richiamata da un operatore, si può?",
            "preferirei che mi rispondesse qualcuno, non il computer",
            "is there someone I can talk to instead of this bot?",
            "basta con questo robot, fatemi richiamare",
            "mio nonno non scrive, può chiamarlo qualcuno del comune?",
            "je voudrais parler avec un employé",
            "puedo hablar con una persona?",
            "vorrei essere richiamata da qualcuno del comune",
            "ghe xe qualchedun de l'ufficio che me risponde? no sta machineta",
            "je voudrais parler à une vraie personne",
            "basta bot, voglio qualcuno dell'ufficio",
            "vreau să vorbesc cu o persoană",
            "bghit nhder m3a chi wa7ed, machi robot",
            "Chcę porozmawiać z kimś z urzędu",
            "Kann ich mit einem Mitarbeiter sprechen?",
            "dua të flas me një person",
            "можна поговорити з оператором?",
            "famme parlà cu quarcuno, pe piacere",
            "se poate vorbi cu un funcționar?",
            "¿me comunica con un operador?",
            "passez-moi un conseiller s'il vous plaît",
            "Können Sie mich mit einer Mitarbeiterin verbinden?",
            "дайте живого человека",
            "me lidhni me dikë nga zyra",
            "3tini chi wa7ed mn lbaladiya, 3afak",
            "proszę połączyć mnie z konsultantem",
            "能转人工吗",
            "vogghiu parrari cu na pirsuna",
        ] {
            assert!(asks_for_person(text), "{text}");
        }
        for text in [
            "come cambio operatore telefonico",
            "quando scade la tari",
            "persona giuridica imu",
            "mio zio vive solo, c'è qualcuno del comune che può passare a trovarlo?",
            "le siringhe vanno chiuse bene, che l'operatore non si punga",
            "il comune manda un operatore per aiutare mio nonno a lavarsi?",
            "gli operatori ecologici passano anche di domenica?",
            "c'è un elenco delle persone fragili per l'evacuazione?",
            "pot vorbi cu cineva despre ajutorul de chirie? am nevoie de informatii",
            "dopo l'alluvione ho il garage pieno, passa qualcuno a ritirare la roba?",
            "¿cuánto cuesta la cantina para un niño?",
            "wann ist der Wertstoffhof geöffnet?",
        ] {
            assert!(!asks_for_person(text), "{text}");
        }
    }

    #[test]
    fn courtesy_alone_is_recognised() {
        for text in [
            "grazie, buona giornata!",
            "ciaooo",
            "thank you so much",
            "Buongiorno",
        ] {
            assert!(super::only_courtesy(text), "{text}");
        }
        for text in [
            "grazie, quando scade la tari?",
            "ciao ho un problema",
            "aiuto",
        ] {
            assert!(!super::only_courtesy(text), "{text}");
        }
    }

    #[test]
    fn a_greeting_opens_a_message() {
        assert!(super::greets("Buongiorno, sono Mario Rossi"));
        assert!(super::greets("ciaooo come va"));
        assert!(!super::greets("vorrei dire buongiorno"));
    }

    #[test]
    fn insults_threats_and_spam_are_told_apart_from_criticism() {
        assert_eq!(conduct("siete dei cretini"), Conduct::Abuse);
        assert_eq!(conduct("vaffanculo"), Conduct::Abuse);
        assert_eq!(conduct("vi vengo a sparare"), Conduct::Threat);
        assert_eq!(
            conduct("guadagna soldi facili da casa clicca qui"),
            Conduct::Spam
        );
        assert_eq!(
            conduct("il servizio rifiuti è pessimo, voglio fare un reclamo"),
            Conduct::Fine
        );
        assert_eq!(conduct("siete lenti, aspetto da un mese"), Conduct::Fine);
        // Everyday phrases that share a word with a threat.
        for text in [
            "ho bisogno del calendario della differenziata, dove lo trovo?",
            "la carta d'identità non la trovo più",
            "non vi trovo mai al telefono",
            "la tari la pago di meno se vivo da solo?",
            "il modulo lo brucio se sbaglio?",
        ] {
            assert_eq!(conduct(text), Conduct::Fine, "{text}");
        }
    }
}
