"""The word lists speaker attribution reads by.

Speech verbs, titles and role words, pronouns and honorifics, common first
names with their gender, body and organisation nouns, documents that carry
words. Every step looks words up here, so a word means the same thing to the
cue finder, the mention taker and the registry.
"""

# Lemmas as the tagger gives them: "sniped" comes out as "snip".
SPEECH_LEMMAS = frozenset(
    """say tell add warn tweet write insist describe call hail dub brand label term argue claim state
    declare announce explain note stress emphasize emphasise acknowledge admit concede reply respond
    answer ask urge caution complain suggest predict promise vow pledge threaten deny confirm recall
    repeat reiterate post joke quip remark comment observe counter retort shout yell
    whisper mutter assert maintain contend report characterize characterise blast slam criticize
    criticise praise accuse charge demand plead appeal lament boast testify reaffirm underline
    underscore summarize summarise conclude dismiss mock scoff read
    tout laud decry condemn denounce reject pronounce proclaim recount describe grumble
    sigh shrug cry exclaim murmur predict speculate estimate forecast suggest hint acknowledge
    guarantee assure reassure inform advise concur protest object interject interrupt
    continue fume thunder snap scold chide rebuke admonish rail gush muse sniff sneer laugh chuckle
    marvel wonder fret rage vent seethe gloat exult enthuse venture volunteer elaborate clarify rebut
    allege affirm attest beg implore bellow roar scream chant sob groan moan whine text email blog
    opine reason reckon surmise posit retweet chime liken attack speak talk type scrawl find
    refer mention highlight rule agree brag sing pray quote
    recommend confide disclose reveal question reflect disagree remind pen stipulate specify snipe snip gripe grouse utter holler heckle""".split()
)


# Speech verbs that are also aspect verbs: "he continued" speaks, "they would continue fighting" does not.
ASPECT_LEMMAS = frozenset("continue".split())
# Verbs that take a quoted fragment as a name for something (call it "x").
NAMING_LEMMAS = frozenset("describe call hail dub brand label term characterize characterise".split())


# Verbs that speak only with their particle: "went on about", "pointed out", "fired back".
PHRASAL_SPEECH = frozenset(
    {("go", "on"), ("point", "out"), ("lash", "out"), ("fire", "back"), ("shoot", "back"), ("hit", "back"), ("push", "back"), ("weigh", "in"), ("speak", "out"), ("cry", "out")}
)


# Verbs that tell someone something: "told a student that …".
TELL_LEMMAS = frozenset("tell assure remind warn inform promise".split())


PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f", "they": "p", "it": "n", "i": None, "we": "p"}


# An owner as the speaker ("his claim that “…”") resolves like the subject pronoun.
POSSESSIVE_PRONOUNS = {"his": "he", "hers": "she", "its": "it", "their": "they", "them": "they"}


OBJECT_PRONOUNS = frozenset("him her them me us".split())


HONORIFICS = {
    "mr": "m", "mr.": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m", "spokesman": "m",
    "chairman": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "madam": "f",
    "dame": "f", "lady": "f", "queen": "f", "princess": "f", "spokeswoman": "f", "chairwoman": "f",
    "congresswoman": "f", "congressman": "m", "businessman": "m", "businesswoman": "f",
}
#: Words written only before a person's name: "Mr Vell" is a person however the tagger labels it.
PERSONAL_HONORIFICS = frozenset("mr mrs ms miss dr sir lord lady dame".split())
#: Titles in HONORIFICS that news also writes for women: a role's pronoun
#: may follow them, a named person's gender is not decided by them.
GENERIC_MAN_TITLES = frozenset({"spokesman", "chairman", "congressman", "businessman"})


# Title words that say when or how high, not which office: "the former minister", "a senior official".
RANK_WORDS = frozenset({"former", "senior", "acting", "special"})

TITLE_WORDS = frozenset(
    """president vice prime minister foreign defence defense deputy secretary general gen gen. mr mr. mrs
    mrs. ms ms. dr dr. miss sir lady lord dame ambassador envoy special spokesman spokeswoman spokesperson
    chancellor king queen prince princess sheikh senator sen sen. rep rep. representative governor gov
    gov. mayor chief negotiator commander colonel col col. lt lt. lieutenant captain capt capt. admiral
    judge justice chairman chairwoman chair director head leader interior finance trade economy
    economic labour labor union sergeant major professor prof prof. rev rev. reverend father imam rabbi
    pope cardinal archbishop bishop ceo mediator delegate senior former acting state assistant undersecretary
    treasurer speaker commissioner secretary-general attorney lawyer analyst official officer
    premier chief-of-staff marshal brigadier mp mep msp senior-official coordinator executive managing
    spokesperson negotiator co-chair facilitator skipper coach pastor sheriff detective
    councillor councilor councilman councilwoman alderman alderwoman assemblyman assemblywoman
    congressman congresswoman lawmaker legislator superintendent nominee candidate""".split()
)


# Abbreviated titles and the role words a later mention uses: "Sen. Tom Vale" … "the senator said".
TITLE_ABBREVIATIONS = {
    "sen": ("senator", "lawmaker"), "gov": ("governor",), "rep": ("representative", "congressman", "congresswoman", "lawmaker"),
    "lt": ("lieutenant",), "gen": ("general",), "atty": ("attorney",), "sec": ("secretary",), "pres": ("president",),
    "supt": ("superintendent",), "sgt": ("sergeant",), "det": ("detective",), "prof": ("professor",), "dr": ("doctor",),
    "adm": ("admiral",), "capt": ("captain",), "col": ("colonel",), "cmdr": ("commander",), "amb": ("ambassador",),
}


BODY_NOUNS = frozenset(
    """ministry government office council committee union army military kremlin house department agency
    company firm board cabinet party delegation team campaign embassy parliament assembly court coalition
    alliance group movement administration authority authorities commission bank federation association
    organisation organization secretariat presidency palace police statement spokesperson's mission
    junta rebels insurgents militia forces navy command management employer employers operator
    consortium bloc league front ministries governments unions side camp leadership""".split()
)


# First names whose gender the "-a ending" guess gets wrong or cannot see.
MALE_NAMES = frozenset(
    """igor hector adrian julian christian sebastian damian clement laurent jesus lucas andreas nikolas jonas
    tobias matthias elias chris francis lewis amos moses angus skyler
    nikita luca joshua ilya sasha mustafa musa isa yahya akira andrea jonah elijah mika kostya
    dmitri dmitry ivan pavel sergei sergey oleksandr mykola andriy yuri john james david michael
    ahmed mohammed muhammad omar ali hassan karim tariq jean pierre luis carlos jose juan pedro
    thomas peter paul mark hans lars jan piet kenji hiroshi wei li chen raj arjun vikram
    robert william richard joseph charles christopher daniel matthew anthony donald steven andrew
    kenneth kevin brian george edward ronald timothy jason jeffrey ryan jacob gary nicholas eric
    jonathan stephen larry justin scott brandon benjamin samuel gregory frank alexander raymond
    patrick jack dennis jerry tyler aaron adam henry nathan douglas zachary kyle walter ethan jeremy
    harold keith roger noah gerald carl sean austin arthur lawrence jesse dylan bryan joe billy
    bruce albert willie gabriel logan alan wayne roy ralph randy eugene vincent russell louis bobby
    philip johnny bernard bernie mike tom tim jim bill bob dick ted rick rudy marco
    chuck mitch harry steve ben al dan don doug ed eddie fred greg hank jake jeff
    jimmy joel jon ken kent lou matt max nate nick phil ray rob ron russ tony walt zach abe barry
    bart brad brent brett chad cliff clint cody colin craig curt curtis dale darrell darren
    dave dean derek dirk drew duane dustin dwight earl elliot elliott ernest ernie floyd franklin
    gene glenn gordon grant hal herbert herman howard hugh ian irving jared jay jerome joey kirk
    lance leon leonard leroy lester lloyd malcolm marcus martin marvin maurice melvin miles milton
    mitchell morris murray neil nelson norman oliver oscar otis owen perry pete preston reggie rex
    rod rodney roland ross rudolph seth shane sheldon sherman simon stanley stuart terrence
    theodore todd travis trevor troy vernon victor wade wallace warren wesley woody
    cory corey ezra ira nikola luka reid harvey lyndon franz friedrich jurgen klaus
    wolfgang francois jacques antoine giuseppe giovanni matteo alessandro vladimir boris
    viktor recep binyamin moshe shimon ehud yitzhak mahmoud abdullah salman bashar
    hamid javad xi shinzo narendra emmanuel nicolas angelo""".split()
)


FEMALE_NAMES = frozenset(
    """anne marie hillary billie heather elizabeth catherine sarah ingrid ruth helen karen margaret alice chloe zoe lucy
    rachel esther miriam nour leila yasmin yasmine carmen isabel mercedes ines agnes astrid sigrid
    beatrice claire sophie amelie emily judith hannah mary jane susan ellen grace rose nadine
    noor amal ayesha beatriz dolores luz pilar rocio consuelo soledad nur fatou aminata mei ling yuki keiko priya anjali ingeborg birgit karin kirsten
    hilde greta maud elif zeynep ayse nilufar gulnara shirin
    patricia jennifer linda barbara jessica nancy lisa betty sandra ashley kimberly donna michelle
    dorothy carol amanda melissa deborah stephanie rebecca sharon laura cynthia kathleen amy shirley
    angela pamela nicole emma samantha katherine christine debra carolyn janet virginia julie joyce
    victoria olivia lauren joan evelyn megan cheryl martha jacqueline frances gloria ann teresa
    kathryn janice madison doris abigail julia judy denise amber marilyn beverly danielle
    theresa sophia diana brittany natalie isabella charlotte
    chelsea nikki madeleine sheryl katie gretchen
    tammy debbie patty jeanne jeanine wendy hope katrina keisha loretta sonia elena maxine
    dianne diane eleanor jill kay lynn gail peggy sally sue sylvia tina tara vanessa
    valerie yvonne beth betsy bonnie brooke candace carrie cathy connie courtney doreen eileen
    elaine erica erin fiona gwen heidi holly irene jenny joanne jodi josephine joy kate kathy katy
    kristen kristin lori lynne marcia margo marsha maureen meg melinda meredith michele molly monica
    nadia naomi nora paula penny phyllis priscilla rita roberta rosa roxanne sabrina sheila sherry
    stacey stacy suzanne tamara tanya terri trisha ursula vicki vivian wanda yolanda abby adrienne
    alison allison amelia annie april audrey becky bernadette caroline cecilia cindy colleen
    crystal deirdre edith eva faith gabrielle geraldine harriet iris jeanette joanna june kara
    katharine kristina lillian liz louise lydia madeline marjorie marlene maya mia nina norma pam
    rachael renee rhonda rosemary ruby serena melanie shelley stella vera carly gina rebekah
    federica mette""".split()
)


FIRST_NAMES = MALE_NAMES | FEMALE_NAMES


# Relatives a first-person writer speaks of, with their gender.
KIN_NOUNS = {
    "father": "m", "mother": "f", "dad": "m", "mom": "f", "mum": "f", "brother": "m", "sister": "f",
    "husband": "m", "wife": "f", "son": "m", "daughter": "f", "grandfather": "m", "grandmother": "f",
    "uncle": "m", "aunt": "f",
}


# First names that are also ordinary words ("Hope is fading", "Grant money"): never a person on their own.
WORDLIKE_FIRST_NAMES = frozenset(
    """hope faith joy grace june april may rose ruby iris crystal amber penny mark grant dean bill will pat
    sue rich frank art chase max ray drew gene guy jack miles rob sally summer dawn ivy holly pearl bob don
    gail hal kay earl lance rod wade rex cliff gay carol victor noah""".split()
)


# Words that make a run of proper nouns an organisation, not a person.
ORG_WORDS = frozenset(
    """terminal terminals inc ltd llc corp corporation group holdings fund foundation institute university
    agency airlines airways bank network news times post party alliance front movement council union
    committee ministry commission brigade brigades forces organisation organization association federation
    court assembly parliament congress senate cross crescent nations program programme service services
    company co industries industry authority port office house caucus campaign league club society
    journal press magazine tribune television tv radio channel energy oil gas motors capital partners
    technologies systems media entertainment pharmaceuticals airline airlines solutions cooperative
    co-op collective syndicate guild chamber trust centre center show grants""".split()
)


# Nouns that introduce an organisation's name: "the consultancy Fennick Marine".
ORGANISATION_NOUNS = frozenset(
    """consultancy firm company insurer broker bank group agency newspaper paper channel broadcaster outlet
    charity ngo association publisher magazine think-tank tank network fund airline carrier shipper
    lender manufacturer maker producer retailer operator developer investor startup start-up""".split()
)


# Words whose possessor is a country or a body, not a person: "Kelmora's ombudsman".
STATE_WORDS = frozenset(
    """minister president ombudsman ambassador envoy army navy troops soldiers border capital
    negotiators prisoners citizens economy territory airspace""".split()
)


# Things that carry someone's words: when the sentence names the person behind
# one ("the union put out a statement that branded …"), that person is the speaker.
CARRIER_NOUNS = frozenset(
    """ad advert advertisement spot commercial video footage clip statement letter memo comment remark message
    language tweet post email speech complaint filing brochure leaflet flyer poster pamphlet
    dispatch bulletin readout read-out communique communiqué release announcement notice update""".split()
)


# Documents that speak for themselves ("the report said"): never a person's role.
WRITTEN_SOURCES = CARRIER_NOUNS | frozenset(
    """report study survey poll document book article paper analysis review audit ruling verdict order law bill
    plan deal draft text website page account motion petition manifesto""".split()
)


# Occasions someone speaks at: "an official in a briefing" is the official, not the briefing.
OCCASION_NOUNS = frozenset(
    """briefing interview conference statement speech address meeting hearing session rally debate broadcast
    programme program show appearance event call video podcast webinar""".split()
)


UTTERANCE_NOUNS = frozenset("answer reply response statement message words comment remark tweet post letter note verdict".split())


# Verbs whose object is seen or heard doing something: "heard protesters chanting “…”" (the protesters speak).
PERCEPTION_VERBS = frozenset("hear see watch show film record catch find leave quote cite feature depict picture overhear".split())


# Nouns for a claim that a quote can spell out: "her claim that the deal was “dead”".
CLAIM_NOUNS = UTTERANCE_NOUNS | frozenset(
    "claim promise pledge warning prediction assertion accusation insistence vow assessment slogan motto catchphrase phrase mantra refrain".split()
)


# Plural nouns for groups of people a "they" may stand for, by lemma.
GROUP_NOUNS = frozenset(
    """critic opponent supporter official leader lawmaker analyst expert observer resident voter activist
    diplomat negotiator economist investor protester demonstrator commentator advocate ally rival member
    worker parent student family relative victim delegate senator legislator representative minister
    organizer organiser researcher scientist doctor lawyer attorney prosecutor farmer owner executive
    audience congregation""".split()
)


# Plural nouns for people whose view a sentence reports: "Critics see the deal as “…”".
PEOPLE_NOUNS = frozenset(
    """critics opponents supporters officials leaders lawmakers analysts experts observers residents voters
    activists diplomats negotiators economists investors protesters demonstrators commentators
    historians scholars advocates allies rivals democrats republicans conservatives liberals""".split()
)


# Words that open a participle clause: "while chanting", "after saying".
PARTICIPLE_MARKS = frozenset("while when after before since as".split())


# Conjunctions that open a subordinate clause: its subject is not the sentence's speaker.
SUBORDINATORS = frozenset("when whenever if unless because although though while as after before since until once".split())


NOT_PERSON_LABELS = {"GPE", "LOC", "NORP", "FAC", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "LANGUAGE", "QUANTITY"}


BODY_ENTITY_LABELS = {"ORG", "GPE", "NORP", "FAC"}


# Labels the small model puts on unfamiliar personal names ("Skipper Magnus Eidsvik" as an EVENT).
ODD_NAME_LABELS = {"EVENT", "WORK_OF_ART", "PRODUCT", "LAW", "LANGUAGE"}


DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}


# Verbs whose passive subject is the one spoken to: "Vell was asked, “…”", "the aide was charged".
ADDRESSING_LEMMAS = frozenset("ask tell charge accuse question urge order instruct advise".split())


# Verbs that set someone off saying something: "the ruling prompted Vell to call it “…”".
CAUSING_VERBS = frozenset("prompt lead spur cause force drive push provoke inspire move get compel".split())


# Lower-case words inside names: "van der Berg", "al-Mansour", "de la Cruz".
NAME_PARTICLES = {"van", "der", "de", "la", "del", "di", "da", "von", "al", "el", "bin", "ibn", "le", "du", "dos", "das"}


# Nouns for people, bodies, roles and documents that may speak ("the spokesman", "the ministry",
# "officials", "the report"), including those a thing-like ending would hide ("the delegation").
AGENT_NOUNS = (
    TITLE_WORDS | BODY_NOUNS | ORG_WORDS | ORGANISATION_NOUNS | WRITTEN_SOURCES | GROUP_NOUNS | PEOPLE_NOUNS
    | STATE_WORDS | frozenset(KIN_NOUNS) | frozenset(
        """side sides party parties team delegation government administration opposition coalition
        federation confederation association commission organisation organization foundation
        institution union presidency mission authority authorities management""".split()
    )
)

# Last words of the names of events and places, which the small model sometimes tags as people.
EVENT_WORDS = frozenset(
    """conference summit forum convention congress festival games cup olympics championship expo fair
    dialogue talks accords accord agreement treaty plan initiative format process square street avenue
    bridge airport hotel palace plant station""".split()
)

# Events, states of affairs and acts: the subject of a speech verb in news, but never a speaker
# ("Talks continue “…”", "Tensions rose, with …", "rejected the sanctions, terming them “…”").
THING_NOUNS = frozenset(
    """talk talks negotiation negotiations tension tensions sanction sanctions round move decision meeting
    summit ceasefire truce war conflict fighting attack attacks strike strikes offer proposal process
    atmosphere situation crisis violence progress effort efforts step steps event events development
    developments news issue issues question questions matter change changes price prices market markets
    economy trade deadline vote election campaign visit trip call calls session sessions gesture shakeup fact""".split()
)
# Endings of nouns for acts and states ("escalation", "agreement", "readiness").
ABSTRACT_SUFFIXES = ("tion", "sion", "ment", "ness", "ity", "ance", "ence")
