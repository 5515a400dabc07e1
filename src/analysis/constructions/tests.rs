//! One table row per construction: a sentence, and the speaker phrase and content each
//! construction reads from it.

use super::{attributions, ContentForm, CueKind};
use crate::text::Doc;
use crate::Grammar;

/// (speaker phrase, content, number of quotations, form) of each attribution of `text`'s
/// first sentence.
fn read(text: &str) -> Vec<(String, String, usize, ContentForm)> {
    let doc = Doc::new(text, Grammar::builtin());
    let span = |a: usize, b: usize| {
        let (s, e) = (doc.tokens[a].span().start, doc.tokens[b - 1].span().end);
        text[s..e].to_string()
    };
    attributions(&doc, doc.sentences[0])
        .iter()
        .map(|a| {
            let speaker = a
                .speaker
                .as_ref()
                .map_or(String::new(), |n| span(n.start, n.end));
            let content = a.content().map_or(String::new(), |(s, e)| span(s, e));
            (speaker, content, a.quotes.len(), a.form)
        })
        .collect()
}

/// The analysis of `text`: each quote's speaker name ("" for none) and words.
fn credited(text: &str) -> Vec<(String, String)> {
    let r = crate::analyze(text);
    r.quotes
        .iter()
        .map(|q| {
            let name = q.speaker.as_ref().map_or("", |s| s.name.as_str());
            (name.to_string(), q.text.to_string())
        })
        .collect()
}

fn one(text: &str) -> (String, String, usize, ContentForm) {
    let r = read(text);
    assert_eq!(r.len(), 1, "{text}: {r:?}");
    r[0].clone()
}

#[test]
fn reported_clause_with_and_without_that() {
    let r = one("The agency this week said the plan was dead.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("The agency", "the plan was dead")
    );
    let r = one("Sanders, a senator from Vermont, said that the economy had stalled.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("Sanders", "the economy had stalled")
    );
}

#[test]
fn hearer_then_clause() {
    let r = one("The governor told reporters on Monday he would sign the bill.");
    assert_eq!(r.1, "he would sign the bill");
}

#[test]
fn inverted_and_postposed() {
    let r = one("\"We will rebuild,\" said Ana Ruiz, the mayor.");
    assert_eq!((r.0.as_str(), r.2), ("Ana Ruiz", 1));
    let r = one("Prices will rise next year, the central bank said.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("the central bank", "Prices will rise next year")
    );
}

#[test]
fn parenthetical_claims_the_sentence() {
    let r = one("The new tunnel, officials said, would cost more than expected.");
    assert_eq!(
        r.1,
        "The new tunnel, officials said, would cost more than expected"
    );
}

#[test]
fn relative_speaker() {
    let r = read("The blame fell on Ted Cruz, who said he would use the tactic sparingly.");
    assert!(r
        .iter()
        .any(|x| x.0 == "Ted Cruz" && x.1 == "he would use the tactic sparingly"));
    // "who" is a person's: the name in the tail of a phrase that names no person.
    let r = read("It set up a clash with Gov. Dana Pruitt, who has said she will veto it.");
    assert!(r.iter().any(|x| x.0 == "Gov. Dana Pruitt"), "{r:?}");
    // A person's phrase keeps its tail: "the mother of Ana Ruiz, who said …".
    let r = read("Police met the mother of Ana Ruiz, who said the girl had left at noon.");
    assert!(r.iter().any(|x| x.0 == "the mother of Ana Ruiz"), "{r:?}");
}

#[test]
fn participle_and_coordinated_claims() {
    let r = read("The company denied wrongdoing, adding that it would appeal.");
    assert!(r.iter().any(|x| x.1 == "it would appeal"));
    let r = read("She said the plan was sound and added that costs would fall.");
    assert!(r.iter().any(|x| x.1 == "the plan was sound"));
    assert!(r.iter().any(|x| x.1 == "costs would fall"));
}

#[test]
fn according_to_and_as_reported() {
    let r = one("According to the ministry, exports fell 3 percent in May.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("the ministry", "exports fell 3 percent in May")
    );
    let r = one("As the Tribune reported, the deal collapsed on Friday.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("the Tribune", "the deal collapsed on Friday")
    );
}

#[test]
fn quoted_as_saying() {
    let r = one("Mayor Ana Ruiz was quoted by the Tribune as saying the bridge would reopen.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("Mayor Ana Ruiz", "the bridge would reopen")
    );
}

#[test]
fn acts_with_no_clause() {
    let r = one("The senator vowed to scrap the tax on heating oil.");
    assert_eq!(
        (r.1.as_str(), r.3),
        ("to scrap the tax on heating oil", ContentForm::Infinitive)
    );
    let r = one("The council urged residents to boil their drinking water.");
    assert_eq!(r.1, "residents to boil their drinking water");
    let r = one("The mayor asked whether the bridge could reopen by June.");
    assert_eq!(r.3, ContentForm::Question);
    // (Where the act took place is no part of it.)
    let r = one("Clinton accused Trump of using divisive rhetoric at rallies.");
    assert_eq!(
        (r.1.as_str(), r.3),
        ("Trump of using divisive rhetoric", ContentForm::NounPhrase)
    );
}

#[test]
fn no_claim() {
    assert!(read("The ministry has not said whether it will appeal.").is_empty());
    assert!(read("The official asked not to be named.").is_empty());
    assert!(read("The report is due next week.").is_empty());
}

/// (speaker, content) of the one attribution of `text`.
fn pair(text: &str) -> (String, String) {
    let r = one(text);
    (r.0, r.1)
}

fn owned(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

#[test]
fn postposed_after_a_clause_ending_in_a_noun() {
    assert_eq!(
        pair("The firm lobbied for the club at the state level, said Carl Dent, a consultant."),
        owned(
            "Carl Dent",
            "The firm lobbied for the club at the state level"
        )
    );
    assert_eq!(
        pair("Even Peru has more pull through its films, says political scientist Rosa Valdez."),
        owned(
            "political scientist Rosa Valdez",
            "Even Peru has more pull through its films"
        )
    );
    assert_eq!(
        pair("Fares will rise, said lobbyist and party strategist Carl Dent."),
        owned("lobbyist and party strategist Carl Dent", "Fares will rise")
    );
}

#[test]
fn subjects_a_lone_demonstrative_and_correlatives() {
    assert_eq!(
        pair("Others say this is just a rough patch."),
        owned("Others", "this is just a rough patch")
    );
    assert_eq!(
        pair("Hale said both Ortiz and Brandt have been fair to him."),
        owned("Hale", "both Ortiz and Brandt have been fair to him")
    );
    let r = read("Hume, who calls Dunn a \"menace,\" said he doubts the plan.");
    assert_eq!((r[0].2, r[1].1.as_str()), (1, "he doubts the plan"));
}

#[test]
fn a_relative_clause_whose_subject_is_the_claim() {
    let r = read("Tanner signed a letter that he said was drafted by the firm.");
    assert_eq!(
        (r[0].0.as_str(), r[0].1.as_str()),
        ("he", "was drafted by the firm")
    );
    let r = read("Turnout rose among independents, which Democrats say could be aiding Hale.");
    assert_eq!(r[0].1, "could be aiding Hale");
    // With no relative word: the cue's subject right after a noun, or after "what".
    let r = one("It is a change Marston said could lift turnout in the suburbs.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("Marston", "could lift turnout in the suburbs")
    );
    let r = one("She dwelt on what she said were the failures of the transit board.");
    assert_eq!(r.1, "were the failures of the transit board");
}

#[test]
fn a_subject_with_a_relative_clause_in_its_aside() {
    // The tagger reads "reopened" as a past tense; the comma and verb after it settle it.
    let r = one(
        "State Rep. Dana Okafor, a member of the budget panel who now wants the audit \
         reopened, said she had read the memo.",
    );
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("State Rep. Dana Okafor", "she had read the memo")
    );
}

#[test]
fn a_gerund_clause_with_a_degree_adverb() {
    let r = one("Paula Brandt said seeing so many volunteers at the depot was a relief.");
    assert_eq!(r.1, "seeing so many volunteers at the depot was a relief");
}

#[test]
fn a_no_break_space_after_the_cue() {
    let r = one("The mayor said\u{a0}he does not expect the council to act.");
    assert_eq!(r.1, "he does not expect the council to act");
}

#[test]
fn asides_between_the_cue_and_its_clause_or_speaker() {
    assert_eq!(
        pair(
            "The chairman said \u{2014} on the radio, as it happens \u{2014} that he raised \
             $4 million."
        )
        .1,
        "he raised $4 million"
    );
    assert_eq!(
        pair("And yet, the aides say, Syria remains a priority."),
        owned("the aides", "Syria remains a priority")
    );
    assert_eq!(
        pair("Rather than raising taxes again, said Marta Sills, the city wants the gap narrowed."),
        owned("Marta Sills", "the city wants the gap narrowed")
    );
    assert_eq!(
        pair("As reported by the Harbor Ledger, the city raised its minimum wage."),
        owned("the Harbor Ledger", "the city raised its minimum wage")
    );
}

#[test]
fn what_a_poll_shows_and_what_a_name_calls() {
    let r = one("A state poll last month showed Ms. Ortiz leading Mr. Lowe among older voters.");
    assert_eq!(
        (r.1.as_str(), r.3),
        (
            "Ms. Ortiz leading Mr. Lowe among older voters",
            ContentForm::NounPhrase
        )
    );
    assert_eq!(
        pair("Critics described the push as nearly impossible to pull off.").1,
        "the push as nearly impossible to pull off"
    );
    // Three words or fewer name the act.
    assert!(read("The poll showed a tie.")
        .iter()
        .all(|r| r.1.is_empty()));
}

#[test]
fn clauses_a_cue_interrupts_or_a_gerund_opens() {
    assert_eq!(
        pair("The port authority says widening the channel will cost $40 million.").1,
        "widening the channel will cost $40 million"
    );
    assert_eq!(
        pair("That habit, they said, rewards speed over care."),
        owned("they", "That habit, they said, rewards speed over care")
    );
    assert_eq!(
        pair("Ticket sales, according to the league, have doubled since May."),
        owned(
            "the league",
            "Ticket sales, according to the league, have doubled since May"
        )
    );
    // A whole clause before the cue is the claim alone.
    assert_eq!(
        pair("The ferry was late again, according to the harbour office.").1,
        "The ferry was late again"
    );
    // A comparison's clause is no cue.
    assert!(read("The river rose faster than any forecast predicted.").is_empty());
}

#[test]
fn a_hearer_named_in_apposition_and_counted_in_phrases() {
    let r = one("Ms. Obi told a crowd of about 300 people on Friday that the mill would reopen.");
    assert_eq!(r.1, "the mill would reopen");
    let r =
        one("He told a meeting of the rowing club that the rain, not the wind, was the problem.");
    assert_eq!(r.1, "the rain, not the wind, was the problem");
}

#[test]
fn according_to_a_source_and_its_description() {
    assert_eq!(
        pair("According to the port board, a body that sets the fees, cargo fell 3 percent."),
        owned("the port board", "cargo fell 3 percent")
    );
    assert_eq!(
        pair("According to the survey, most residents, including renters, want the levy.").1,
        "most residents, including renters, want the levy"
    );
}

#[test]
fn tagger_misreadings_mended_before_the_constructions() {
    // Existential "there" read as an adverb.
    let r = one("Okafor said there probably was no money left for the pier.");
    assert_eq!(r.1, "there probably was no money left for the pier");
    // A contracted existential "there" the tagger read as a verb.
    let r = one("Okafor says there's a long wait for a berth at the pier.");
    assert_eq!(r.1, "there's a long wait for a berth at the pier");
    // A curly contraction is no plural noun ("mines").
    let r =
        one("Lindqvist, who has sparred with the council for years, said he’s had one meeting.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("Lindqvist", "he’s had one meeting")
    );
    // A nationality adjective standing for a name before a speech verb.
    let r = one("A lifelong sailor, Breton said he'd sell the boat.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("Breton", "he'd sell the boat")
    );
    // A past tense read as a participle, or as a noun, before "and" and a second verb.
    let r = read("Halvorsen left in March and said he had written three reports.");
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].1, "he had written three reports");
    let r = read("The tribunal adjourned and said the town already owed the money.");
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].1, "the town already owed the money");
}

#[test]
fn a_request_for_permission_is_no_reported_question() {
    let r = read("A farmer stood up and asked if he could read a letter to the panel.");
    assert!(r.iter().all(|x| x.1.is_empty()), "{r:?}");
    let r = one("The mayor asked whether the pier could reopen by May.");
    assert_eq!(
        (r.1.as_str(), r.3),
        (
            "whether the pier could reopen by May",
            ContentForm::Question
        )
    );
}

#[test]
fn participles_by_means_opening_and_after_a_comma() {
    let r = one("Vance ended the meeting by saying the audit had cleared him.");
    assert_eq!(
        (r.1.as_str(), r.3),
        ("the audit had cleared him", ContentForm::Clause)
    );
    let r = read("Arguing that the levy was unfair, Dunmore said she would vote against it.");
    assert_eq!(r.len(), 2, "{r:?}");
    assert_eq!(r[0].1, "the levy was unfair");
    assert_eq!(r[1].1, "she would vote against it");
    // A speech verb with an object before a clause: the clause after its "-ing" form.
    let r = one("The tenant sued the landlord, alleging the repairs breached the lease.");
    assert_eq!(r.1, "the repairs breached the lease");
}

#[test]
fn as_clauses_requests_and_subjects_the_tagger_misread() {
    let r = one("As the regulator recently noted, complaints about bills have doubled.");
    assert_eq!(r.1, "complaints about bills have doubled");
    let r = one("As a survey from last spring found, most riders want later trains.");
    assert_eq!(r.1, "most riders want later trains");
    let r = one("Neighbours urged her not to sell the orchard until the court ruled.");
    assert_eq!(r.1, "her not to sell the orchard until the court ruled");
    let r = one("Nearly half said they would pay more for greener power.");
    assert_eq!(r.1, "they would pay more for greener power");
    let r = one("Retired Col. Ines Ferro said on Sunday that the base should stay open.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("Retired Col. Ines Ferro", "the base should stay open")
    );
    // A bare infinitive after "help" stays in its clause; the main verb comes later.
    let r = one(
        "Ferro, who toured three towns to help rally volunteers behind the plan, said she expects \
         a close vote.",
    );
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("Ferro", "she expects a close vote")
    );
}

#[test]
fn a_noun_phrase_after_a_postposed_cue_is_a_tail() {
    let r =
        one("\"We will not close the pool,\" Mayor Ines Ferro said 20 minutes into the meeting.");
    assert_eq!((r.0.as_str(), r.1.as_str()), ("Mayor Ines Ferro", ""));
    assert!(r.2 >= 1, "{r:?}");
    let r = one("\"It was a fair deal,\" Ferro said in an interview with radio host Tom Quill.");
    assert!(r.1.is_empty() && r.2 >= 1, "{r:?}");
    // With no quotation before it, a long object of "reiterate" is what was said.
    let r = one("Ferro reiterated her commitment to the new pool plan.");
    assert_eq!(r.1, "her commitment to the new pool plan");
}

#[test]
fn subjects_after_a_colon_a_time_or_an_opening_gerund() {
    let r = read("Ferro points to the queues as proof: She says the ferry needs a second boat.");
    assert_eq!(
        r.last().map(|x| x.1.as_str()),
        Some("the ferry needs a second boat")
    );
    let r = one("Earlier Tuesday, her chief of staff, Ola Brandt, said the vote would be close.");
    assert_eq!(r.0, "Ola Brandt");
    let r = one("Striking nurses say that the wards are short of staff.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("Striking nurses", "the wards are short of staff")
    );
}

#[test]
fn participles_coordinated_and_absolute() {
    let r = read(
        "She hedged, pointing to her votes on the budget and saying that deficits would grow.",
    );
    assert_eq!(r.last().map(|x| x.1.as_str()), Some("deficits would grow"));
    let r = read("Ferro trails in third, with 31 percent saying they would never back her.");
    let last = r.last().expect("an attribution");
    assert_eq!(
        (last.0.as_str(), last.1.as_str()),
        ("31 percent", "they would never back her")
    );
}

#[test]
fn a_subject_after_a_time_then_coordination_and_parentheticals() {
    let r = one("Councillor Ines Ferro said Friday she, too, wants an audit.");
    assert_eq!(r.1, "she, too, wants an audit");
    let r = read("Ferro thanked the crew for the rescue, then says she will fund a second boat.");
    assert_eq!(
        r.last().map(|x| x.1.as_str()),
        Some("she will fund a second boat")
    );
    let r = one("But, the former fire chief added, it is not the way to recruit.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("the former fire chief", "it is not the way to recruit")
    );
    let r = one("The delay, they said, raised new doubts about the contract.");
    assert!(r.1.contains("raised new doubts"), "{r:?}");
}

#[test]
fn adverbial_clauses_inside_and_before_the_attribution() {
    let r = one(
        "Ferro, after the dispute over the harbour lease ended in May, said that the ferry \
         would stay.",
    );
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("Ferro", "the ferry would stay")
    );
    let r = one("The fares rose twice, and as the auditor noted, riders paid more for less.");
    assert_eq!(r.1, "riders paid more for less");
    let r =
        one("Ines Ferro, the council's finance chief, explained to reporters why the fares rose.");
    assert_eq!(r.1, "why the fares rose");
}

#[test]
fn no_claim_in_times_phrasal_verbs_reflexives_or_a_person_finding() {
    let r = read("As the mayor spoke in the hall, protesters gathered outside.");
    assert!(r.iter().all(|x| x.1.is_empty()), "{r:?}");
    let r = read("As long as Ferro continues to lead, donors will follow her.");
    assert!(r.iter().all(|x| x.1.is_empty()), "{r:?}");
    let r = read("The two banks called off a $4 billion merger after the ruling.");
    assert!(r.iter().all(|x| x.1.is_empty()), "{r:?}");
    let r = read("They opened a cafe called Second Shift in the old mill.");
    assert!(r.iter().all(|x| x.1.is_empty()), "{r:?}");
    let r = read("The port has found itself at the centre of the dispute.");
    assert!(r.iter().all(|x| x.1.is_empty()), "{r:?}");
    let r = read("Ferro found a way to keep the ferry running through the winter.");
    assert!(r.iter().all(|x| x.1.is_empty()), "{r:?}");
    // A document's finding and a naming after a noun phrase subject stay.
    let r = one("The audit found that the port had lost money.");
    assert_eq!(r.1, "the port had lost money");
    let r = one("In fact, according to a survey by the union, most nurses want shorter shifts.");
    assert_eq!(r.1, "most nurses want shorter shifts");
}

#[test]
fn an_organisation_named_with_and() {
    let r =
        one("Rents rose 6 per cent, the Northland Transit and Harbour Authority said on Monday.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        (
            "the Northland Transit and Harbour Authority",
            "Rents rose 6 per cent"
        )
    );
}

#[test]
fn clauses_opened_by_connectives_and_as_after_a_time() {
    let r =
        one("Doubts grew in May after a memo by the harbour master suggested the pier was unsafe.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("a memo by the harbour master", "the pier was unsafe")
    );
    let r = one("Two weeks ago, as the Courier reported, the ferry ran aground twice.");
    assert_eq!(r.1, "the ferry ran aground twice");
}

#[test]
fn long_openers_negated_postmodifiers_and_earlier_acts() {
    let r =
        one("One juror not on the original panel, Ola Brandt, told the Courier she had doubts.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("Ola Brandt", "she had doubts")
    );
    let r = one(
        "But without the chance to meet voters at fairs and markets, Brandt said, she would rely \
         on radio.",
    );
    assert_eq!(r.1, "she would rely on radio");
    let r = read("Brandt, after first saying she would not run, filed her papers on Friday.");
    assert_eq!(r.last().map(|x| x.1.as_str()), Some("she would not run"));
    let r = read("Having warned that the pier was unsafe, the engineer closed it.");
    assert_eq!(r.first().map(|x| x.1.as_str()), Some("the pier was unsafe"));
}

#[test]
fn names_opening_with_a_gerund_and_nouns_after_an_opening_and() {
    let r = one("Rolling Meadow Farms, a dairy co-operative, says that milk prices fell again.");
    assert!(r.1.ends_with("milk prices fell again"), "{r:?}");
    let r = one("And aides to Mayor Ines Ferro said the budget would pass.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("aides to Mayor Ines Ferro", "the budget would pass")
    );
}

#[test]
fn coordinated_and_possessed_speakers_before_the_cue() {
    let r = one("Turnout was low in the north, teachers and school officials told the Courier.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        (
            "teachers and school officials",
            "Turnout was low in the north"
        )
    );
    let r = one("And yet, Ferro's aides say, the ferry remains her first priority.");
    assert_eq!(r.1, "the ferry remains her first priority");
}

#[test]
fn participles_after_a_participle_verb_pointed_out_and_councillors() {
    let r =
        read("The tribunal struck down the bylaw on Monday, warning that the council had erred.");
    assert_eq!(
        r.last().map(|x| x.1.as_str()),
        Some("the council had erred")
    );
    let r = one("As the auditor pointed out, the fares rose twice in a year.");
    assert_eq!(r.1, "the fares rose twice in a year");
    let r = one("Cr Ines Ferro said the pool would reopen in May.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("Cr Ines Ferro", "the pool would reopen in May")
    );
}

#[test]
fn an_as_clause_whose_verb_takes_a_particle() {
    let r = one("As Ferro pointed out, riders can pay on board for two more weeks.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("Ferro", "riders can pay on board for two more weeks")
    );
}

#[test]
fn a_quotation_that_goes_on_with_an_interrupted_clause() {
    let r = one("The delay, she said, \"cost the town a whole summer.\"");
    assert_eq!(
        r.1,
        "The delay, she said, \"cost the town a whole summer.\""
    );
    // A quotation opening a new sentence in capitals stays direct.
    let r = one("She said, \"It is fine.\"");
    assert_eq!((r.1.as_str(), r.2), ("", 1));
}

#[test]
fn a_compound_before_a_name_and_a_particle_after_the_verb() {
    let r = read("Radio talk show host Glenn Bach minced no words on Tuesday.");
    assert!(r.iter().all(|x| x.1.is_empty()), "{r:?}");
    let r = read("If you watch the tape, he talked about how hard the winter was.");
    assert!(r.iter().all(|x| !x.1.starts_with("If you watch")), "{r:?}");
}

#[test]
fn belief_with_its_holder() {
    let r = one("Some analysts believe the recall could cost $2 billion.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("Some analysts", "the recall could cost $2 billion")
    );
}

#[test]
fn belief_that_clause_and_postposed() {
    let r = one("Officials fear that the talks will collapse.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("Officials", "the talks will collapse")
    );
    let r = one("The talks will collapse, some diplomats believe.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("some diplomats", "The talks will collapse")
    );
}

#[test]
fn no_belief_without_a_clause_or_inside_speech() {
    // A noun, an object, a passive, an infinitive: no clause credited to anyone.
    for s in [
        "Their fear of a recession grew.",
        "Residents fear the worst.",
        "The deal is expected to close in May.",
        "She hopes to win the seat.",
        "Residents packed the meeting because they felt the council had ignored them.",
    ] {
        assert!(read(s).is_empty(), "{s}: {:?}", read(s));
    }
    // Speech whose clause holds a belief stays one claim, the belief part of it.
    let r = one("The mayor said she thinks the budget is sound.");
    assert_eq!(r.1, "she thinks the budget is sound");
}

#[test]
fn a_belief_claims_no_quotation() {
    let r = one("Analysts believe the merger is \"a done deal\".");
    assert_eq!((r.1.as_str(), r.2), ("the merger is \"a done deal\"", 0));
}

#[test]
fn as_clause_with_a_third_person_read_as_a_noun() {
    let r = one(
        "But as Dana Whitfield points out in her column, holding town halls gives the mayor \
         an edge.",
    );
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        (
            "Dana Whitfield",
            "holding town halls gives the mayor an edge"
        )
    );
}

#[test]
fn lead_in_continued_to() {
    let r = one("Kellerman continued to insist that the vote had been fair.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("Kellerman", "the vote had been fair")
    );
}

#[test]
fn ordinal_in_a_court_name() {
    let r = one("A panel of the Court of Appeals for the 9th Circuit said the law was valid.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        (
            "A panel of the Court of Appeals for the 9th Circuit",
            "the law was valid"
        )
    );
}

#[test]
fn a_question_relayed() {
    let r = read("The paper said Ruiz asked whether the case was going anywhere.");
    assert!(
        r.iter()
            .any(|a| a.0 == "Ruiz" && a.1 == "whether the case was going anywhere"),
        "{r:?}"
    );
    assert!(
        !r.iter().any(|a| a.0 == "The paper" && !a.1.is_empty()),
        "{r:?}"
    );
}

#[test]
fn a_document_and_its_author_in_an_aside() {
    let r = one(
        "The research, by the Primary Care Research Unit at Kingsbridge University, found that \
         rural practices were twice as likely to close their lists.",
    );
    assert_eq!(
        r.0,
        "The research, by the Primary Care Research Unit at Kingsbridge University"
    );
}

#[test]
fn a_name_owning_a_descriptor_s_object_leaves_the_source_unnamed() {
    let r = crate::analyze("A source close to Ines Varga's campaign said she would not run again.");
    let s = r.quotes.first().and_then(|q| q.speaker.as_ref()).unwrap();
    assert_eq!(s.name, "A source close to Ines Varga's campaign");
    assert!(s.anonymous);
    // The same source close to someone unnamed.
    let r = crate::analyze("A source close to the skipper said she would retire.");
    assert!(
        r.quotes
            .first()
            .and_then(|q| q.speaker.as_ref())
            .unwrap()
            .anonymous
    );
}

#[test]
fn a_communications_firm_is_the_company_and_a_decision_a_document() {
    let r = crate::analyze(
        "Vellor Communications said on Monday it had found the fault. The company said repairs \
         would take a week. The panel's decision said the ban would stand.",
    );
    let speaker = |i: usize| r.quotes[i].speaker.as_ref().unwrap();
    assert_eq!(speaker(1).name, "Vellor Communications");
    let e = &r.entities[speaker(2).entity];
    assert_eq!(e.kind, crate::report::EntityKind::Document, "{}", e.name);
}

#[test]
fn a_verb_of_manner_reports_its_that_clause() {
    let r = one("The ferryman shouted that the gangway had slipped.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("The ferryman", "the gangway had slipped")
    );
    assert!(read("The ferryman shouted at the gulls on the pier.").is_empty());
}

#[test]
fn an_as_clause_between_a_subject_and_its_predicate() {
    let r = one("The ferry line, as the Gazette reported in May, has cut two sailings.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        (
            "the Gazette",
            "The ferry line, as the Gazette reported in May, has cut two sailings"
        )
    );
    // An "as" clause of time reports nothing.
    assert!(read("The ferry line, as it grew, cut two sailings.").is_empty());
}

#[test]
fn pointing_out_after_a_comma_is_a_claim_of_its_own() {
    assert_eq!(
        credited("The harbour board defended the fees, pointing out that dredging had doubled."),
        [("The harbour board".into(), "dredging had doubled".into())]
    );
}

#[test]
fn a_hearer_verb_s_gerund_after_a_preposition_takes_its_hearer() {
    assert_eq!(
        credited("The keeper was booked after telling linesmen that the goal was offside."),
        [("The keeper".into(), "the goal was offside".into())]
    );
}

#[test]
fn a_noun_cue_s_clause_after_a_time_or_place() {
    assert_eq!(
        credited("The harbourmaster repeated his pledge in March that no berth would close."),
        [("The harbourmaster".into(), "no berth would close".into())]
    );
    assert_eq!(
        credited("Pilots mocked her claim last spring that the channel was deep enough.")[0].1,
        "the channel was deep enough"
    );
}

#[test]
fn a_noun_cue_and_its_clause_as_the_subject_of_a_reported_clause() {
    let r = one("A spokesman said her claim that the weir leaked is simply false.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        (
            "A spokesman",
            "her claim that the weir leaked is simply false"
        )
    );
}

#[test]
fn a_request_for_anonymity_is_no_claim() {
    assert!(read("She asked that her name not be used.").is_empty());
    // The relative clause's subjunctive leaves the main verb to its subject.
    let r = one(
        "A student, who asked that his name not be used because he feared retaliation, said \
         the fight started over a seat.",
    );
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("A student", "the fight started over a seat")
    );
}

#[test]
fn quoted_as_saying_before_a_possessive() {
    let r = one(
        "The agency OTA quoted Deputy Minister Radu Feher as saying Valdoria's proposal would \
         fail.",
    );
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        (
            "Deputy Minister Radu Feher",
            "Valdoria's proposal would fail"
        )
    );
}

#[test]
fn a_comma_then_a_clause_after_an_opening_cue() {
    let r = one("You said yesterday, the rents are still climbing.");
    assert_eq!(r.1, "the rents are still climbing");
    // An aside between commas opening with a conjunction or a verb, then the clause.
    let r = one("Ilse Brandt says, if elected, she will reopen the ferry office.");
    assert_eq!(r.1, "if elected, she will reopen the ferry office");
    let r = one("Ilse Brandt says, sink or swim, her crew is sailing on Sunday.");
    assert_eq!(r.1, "sink or swim, her crew is sailing on Sunday");
    // Not a relative clause after the comma.
    assert!(read("Ilse Brandt said, which surprised nobody.").is_empty());
    // Not a participle's comma before the sentence's own verb.
    let r = read("A senior aide, requesting anonymity, said the vote would slip.");
    assert!(r.iter().all(|x| !x.1.starts_with("said")), "{r:?}");
}

#[test]
fn a_second_speech_participle_after_and() {
    let r = read(
        "Ortiz issued a statement saying she would not back the plan and insisting that \
         lawmakers should start over.",
    );
    let contents: Vec<&str> = r.iter().map(|x| x.1.as_str()).collect();
    assert_eq!(
        contents,
        ["she would not back the plan", "lawmakers should start over"]
    );
    // As after a comma: a second participle with an infinitive is an act, not a claim.
    let r = read("She sent a letter saying the work goes on and vowing to run again.");
    let forms: Vec<(&str, ContentForm)> = r.iter().map(|x| (x.1.as_str(), x.3)).collect();
    assert_eq!(
        forms,
        [
            ("the work goes on", ContentForm::Clause),
            ("to run again", ContentForm::Infinitive)
        ]
    );
}

#[test]
fn a_quotation_then_its_speaker() {
    // A modal after a quotation gives prepared words.
    let r = one("\"Our port will grow,\" she will say.");
    assert_eq!(r.0, "she");
    assert!(r.2 > 0);
    // A noun before a title is no inverted cue.
    let r = one("\"The bill goes too far,\" state Sen. Jo Halvern (D) said on the floor.");
    assert_eq!(r.0, "state Sen. Jo Halvern");
    assert!(r.2 > 0);
    // After the quotation, "that" after the hearer opens a relative clause.
    let r = one("\"We are not done,\" the governor told a crowd that aides put at 900.");
    assert_eq!((r.0.as_str(), r.1.as_str()), ("the governor", ""));
    assert!(r.2 > 0);
    let r = one("\"We had doubts,\" remembered Ines Garro, the firm's former spokeswoman.");
    assert_eq!(r.0, "Ines Garro");
    assert!(r.2 > 0);
}

#[test]
fn a_modal_alone_reports_nothing() {
    assert!(read("She will say the plan works.").is_empty());
}

#[test]
fn a_crowd_speaks_and_a_document_reads() {
    let r = one("\"Bridges now!\" the crowd shouted back.");
    assert_eq!((r.0.as_str(), r.2 > 0), ("the crowd", true));
    let r = one("\"We welcome the talks,\" the statement read.");
    assert_eq!((r.0.as_str(), r.2 > 0), ("the statement", true));
    // A sign that reads something is nobody's words.
    let r = read("The sign on the gate reads: \"Closed for the storm.\"");
    assert!(r.iter().all(|x| x.2 == 0 && x.1.is_empty()), "{r:?}");
    // A modal before a colon and a quotation: the words are given.
    let r = one("A spokesman for the mayor could only quip: \"The calendar was full.\"");
    assert_eq!((r.0.as_str(), r.2 > 0), ("A spokesman for the mayor", true));
}

#[test]
fn a_quotation_after_an_aside() {
    let r = one(
        "Ortiz said on Twitter on Monday, in reference to her son, \"Next year he starts school!\"",
    );
    assert_eq!((r.0.as_str(), r.2), ("Ortiz", 1));
    let r = one("The mayor said in the spring, when the story broke, \"I sent no files.\"");
    assert_eq!((r.0.as_str(), r.2), ("The mayor", 1));
}

#[test]
fn speakers_after_a_quotation() {
    let r = one("\"The mayor is restless,\" Lena Voss and Arif Khan wrote.");
    assert_eq!((r.0.as_str(), r.2 > 0), ("Lena Voss and Arif Khan", true));
    let r =
        one("\"The damage cannot be measured,\" prosecutors wrote in asking for a longer term.");
    assert_eq!((r.0.as_str(), r.2 > 0), ("prosecutors", true));
    let r = one("\"The road will reopen by Friday,\" according to WKRN.");
    assert_eq!((r.0.as_str(), r.1.as_str(), r.2), ("WKRN", "", 1));
    let r = one("\"What a night!\" beamed Rosa Kettering.");
    assert_eq!((r.0.as_str(), r.2), ("Rosa Kettering", 1));
}

#[test]
fn a_question_word_opens_no_verb_group() {
    // "when asked" is no verb group of "when": the speaker is the subject, MSNBC the hearer.
    let r = one("\"The worry is fair,\" Vance, 61, told WKRN Monday when asked.");
    assert_eq!((r.0.as_str(), r.2 > 0), ("Vance", true));
}

#[test]
fn a_title_with_a_preposition_inside() {
    let r = one("\"Welcome, all,\" said master of ceremonies Idris Kanaan.");
    assert_eq!(
        (r.0.as_str(), r.2),
        ("master of ceremonies Idris Kanaan", 1)
    );
}

#[test]
fn subjects_the_tagger_misreads() {
    // A surname read as an adverb, right before a speech verb.
    let r = one("Sternly said he has worked with both parties on the bill.");
    assert_eq!(r.0, "Sternly");
    // A participle read as a past inside the speaker's aside, and a base form after a verb.
    let r = one(
        "Nora Flint, an auditor who has helped review the contracts signed to date, said \
         she saw no fraud.",
    );
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("Nora Flint", "she saw no fraud")
    );
}

#[test]
fn quotations_in_real_copy() {
    // "to" before a base form, whatever the tagger calls it, makes no finite verb.
    let r = one("\"The plan is sound,\" Ortiz said in a short speech to fired-up volunteers.");
    assert_eq!((r.0.as_str(), r.2 > 0), ("Ortiz", true));
    // A demonstrative object before a colon and a quotation: the words follow.
    let r = one("Rhea Mott tweeted this: \"The count is wrong.\"");
    assert_eq!((r.0.as_str(), r.2), ("Rhea Mott", 1));
    // A quotation's closing comma before a participle.
    let r =
        read("\"He is the best,\" Tovar said on \"Sunday Desk,\" adding, \"He has no chance.\"");
    assert!(r.iter().any(|x| x.0.is_empty() && x.2 == 1), "{r:?}");
    // A second participle after "by … and".
    let r =
        read("He hinted at the governor by mentioning the bridge and adding, \"I know who pays.\"");
    assert!(r.iter().any(|x| x.2 == 1), "{r:?}");
}

#[test]
fn chants_and_exhortations() {
    let r = one("\"Fix the roads!\" protesters chanted.");
    assert_eq!((r.0.as_str(), r.2 > 0), ("protesters", true));
    let r = one("\"Let's get to work,\" exhorted her introducer, singer Ada Marsh.");
    assert_eq!(r.2, 1);
}

#[test]
fn a_closing_source_relays_a_speech_act() {
    let doc_text = "The Speaker told her team on Tuesday that she would not put the bill to a \
                    vote, one of the people said.";
    let doc = Doc::new(doc_text, Grammar::builtin());
    let r = attributions(&doc, doc.sentences[0]);
    let told = r
        .iter()
        .find(|a| doc.tok_text(a.cue().0) == "told")
        .expect("told");
    assert!(told.content().is_some() && told.chain.len() == 1, "{r:?}");
    // A finding, or a request, is the closing source's own claim.
    let r = one("Kettland has asked its neighbours to share radar data, three diplomats said.");
    assert_eq!(r.0, "three diplomats");
}

#[test]
fn a_plural_noun_the_tagger_read_as_a_verb() {
    // "aides/VBZ": the lexicon's plural noun opens a subject, so the first claim ends before it.
    let r = read(
        "The leader told reporters that he expected it to pass, though aides to Mr. Aldridge \
         privately acknowledged that the count was close.",
    );
    assert_eq!(r[0].1, "he expected it to pass", "{r:?}");
}

#[test]
fn according_to_a_source_relays_a_named_speaker() {
    let doc_text = "According to a report by the Sentinel, the governor's chief of staff, Hollis \
                    Greer, told aides last month that the suit had become a distraction.";
    let doc = Doc::new(doc_text, Grammar::builtin());
    let r = attributions(&doc, doc.sentences[0]);
    let told = r
        .iter()
        .find(|a| doc.tok_text(a.cue().0) == "told")
        .expect("told");
    assert!(told.content().is_some(), "{r:?}");
    assert!(
        r.iter()
            .all(|a| a.kind != CueKind::According || a.content().is_none()),
        "{r:?}"
    );
}

#[test]
fn a_credit_line_after_a_quotation() {
    let text = "\"I have been doing this for 30 years.\"\n\n\u{2014} Darlene Kowal, 67, a voter";
    let doc = Doc::new(text, Grammar::builtin());
    let r = attributions(&doc, doc.sentences[1]);
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].quotes[..], [0]);
    // A dash opening a line of prose is no credit line.
    let text = "The vote failed.\n\n\u{2014} Darlene Kowal, 67, a voter";
    let doc = Doc::new(text, Grammar::builtin());
    assert!(attributions(&doc, doc.sentences[1]).is_empty());
}

#[test]
fn a_line_of_quotations_credited_at_its_end() {
    // A dash, a horizontal bar or a spaced hyphen after the quotations, then the name.
    let text =
        "Readers wrote in.\n\n\u{201c}The ferry is never on time.\u{201d} \u{2015} Tomas Holm\n\
        \u{201c}I gave up on it.\u{201d}\u{2014} Ines Varga, 61, of Tarsk.\n\
        \"The board should go.\" - Karl Pike";
    let r = credited(text);
    let names: Vec<&str> = r.iter().map(|x| x.0.as_str()).collect();
    assert_eq!(names, ["Tomas Holm", "Ines Varga", "Karl Pike"], "{r:?}");
    // Not a quotation with prose after it on the line, nor a dash inside a sentence.
    let r = credited("\"The ferry is late\" \u{2014} Tomas Holm wrote it on a sign.");
    assert!(r.iter().all(|x| x.0.is_empty()), "{r:?}");
    let r = credited("Some called the plan \"reckless\" \u{2014} Tomas Holm among them.");
    assert!(r.iter().all(|x| x.0 != "Tomas Holm"), "{r:?}");
}

#[test]
fn an_embedded_post_credited_to_its_author() {
    let r = credited(
        "The ferry was late again. Third time this week! pic.twitter.com/aB3dE \
         \u{2014} Karl Pike (@karl_pike_7) March 3, 2026\n\nMore copy follows here.",
    );
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].0, "Karl Pike");
    assert!(
        r[0].1.starts_with("The ferry was late again. Third time"),
        "{r:?}"
    );
    // No handle, or a sentence after the date: no post.
    let r = credited("The ferry was late again \u{2014} Karl Pike (March 3, 2026)\n\nMore.");
    assert!(r.is_empty(), "{r:?}");
    let r = credited(
        "The ferry was late again \u{2014} Karl Pike (@kp) March 3, 2026, and the board met on \
         Tuesday to look at the timetable once more.",
    );
    assert!(r.is_empty(), "{r:?}");
    assert!(r.iter().all(|x| x.0 != "Tomas Holm"), "{r:?}");
}

#[test]
fn the_lines_of_a_transcript() {
    let text = "The host spoke to the mayor on Tuesday. An edited transcript follows:\n\n\
        HOLLOWAY: Were they blindsided? Some say so.\n\n\
        OKAFOR-LIND: Look, I understand the frustration.\n\n\
        HOLLOWAY: Will the ferry come back?";
    let r = credited(text);
    let got: Vec<(&str, &str)> = r.iter().map(|x| (x.0.as_str(), x.1.as_str())).collect();
    assert_eq!(
        got,
        [
            ("HOLLOWAY", "Were they blindsided? Some say so."),
            ("OKAFOR-LIND", "Look, I understand the frustration."),
            ("HOLLOWAY", "Will the ferry come back?"),
        ]
    );
    // A quoted transcript: each line opens with a mark, the last closes.
    let text = "Intro.\n\n\"HOLM: Were they blindsided?\n\n\"PIKE: Look, I understand.\n\n\
        \"HOLM: Will the ferry come back?\"";
    let r = credited(text);
    let got: Vec<(&str, &str)> = r.iter().map(|x| (x.0.as_str(), x.1.as_str())).collect();
    assert_eq!(
        got,
        [
            ("HOLM", "Were they blindsided?"),
            ("PIKE", "Look, I understand."),
            ("HOLM", "Will the ferry come back?"),
        ]
    );
    // A line of quotations is their speaker's.
    let r = credited("KOVAC: \"We lost jobs.\"\n\nTHE FACTS: Not so.\n\nLUND: \"We cut crime.\"");
    let got: Vec<(&str, &str)> = r.iter().map(|x| (x.0.as_str(), x.1.as_str())).collect();
    assert_eq!(got, [("KOVAC", "We lost jobs."), ("LUND", "We cut crime.")]);
    // A lone label, or one of common words ("THE FACTS:"), is nobody's line.
    let r = credited("The vote was close.\n\nUPDATE: The council met again on Friday.");
    assert!(r.is_empty(), "{r:?}");
    let r = credited(
        "The vote was close.\n\nTHE FACTS: The claim is wrong.\n\nTHE RECORD: The mill closed.",
    );
    assert!(r.is_empty(), "{r:?}");
}

#[test]
fn a_relative_clause_on_the_source_of_according_to() {
    let r = one("According to Pike, who spoke on condition of anonymity, the ferry will close.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("Pike", "the ferry will close")
    );
}

#[test]
fn a_subject_with_an_adjective_and_its_complement() {
    let r = one("The member most critical of the plan said it would fail.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("The member most critical of the plan", "it would fail")
    );
    let r = one("The official most involved in the talks said they had stalled.");
    assert_eq!(r.1, "they had stalled");
}

#[test]
fn a_subject_with_a_relative_clause_and_no_relative_word() {
    let r = one("The pilots we surveyed said the harbour was shallow.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("The pilots", "the harbour was shallow")
    );
    let r = one("The skippers we spoke to said the channel was silting up.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("The skippers", "the channel was silting up")
    );
    // A pronoun that is the subject: its own verb.
    let r = one("I said the harbour was shallow.");
    assert_eq!(r.0, "I");
}

#[test]
fn a_clause_after_a_gerund_or_a_hearer_in_the_tail() {
    let r = one("Pike admitted under questioning he had not paid the fee.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("Pike", "he had not paid the fee")
    );
    let r = one("Pike insisted to reporters the ferry was safe.");
    assert_eq!((r.0.as_str(), r.1.as_str()), ("Pike", "the ferry was safe"));
    // A participle on the tail's noun cues nothing of its own.
    let r = one("Pike said in a statement posted on Facebook that the ferry would return.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("Pike", "the ferry would return")
    );
    // An infinitive after the verb is no hearer.
    assert!(read("Pike wants to campaign this year.").is_empty());
}

#[test]
fn a_floating_determiner_between_the_subject_and_its_verb() {
    let r = one("The skippers all said the ferry was safe.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("The skippers", "the ferry was safe")
    );
    let r = one("The mayor and the harbour master both said the ferry was safe.");
    assert_eq!(r.0, "The mayor and the harbour master");
    // Standing alone, the determiner is the subject.
    assert_eq!(one("All said the ferry was safe.").0, "All");
}

#[test]
fn an_outlet_title_or_a_date_before_the_name_after_said() {
    let r = credited("The port reopened.\n\n\"The ferry was late,\" said WKRP host Ann Lee.");
    assert_eq!(r[0].0, "Ann Lee");
    let r = credited("The port reopened.\n\n\"The ferry was late,\" said 9/11 survivor Kim Bay.");
    assert_eq!(r[0].0, "Kim Bay");
    // The verb "host" is still one.
    let r = one("Tarsk will host the summit, the mayor said.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("the mayor", "Tarsk will host the summit")
    );
}

#[test]
fn correlatives_joined_places_and_a_present_tense_read_as_a_noun() {
    let r = one("A spokeswoman says neither the mayor nor her staff knew of the leak.");
    assert_eq!(r.1, "neither the mayor nor her staff knew of the leak");
    let r = one("Both the mayor and her staff said they knew of the leak.");
    assert_eq!(r.0, "Both the mayor and her staff");
    let r = one("Skippers in Tarsk and around the coast say the channel needs a survey.");
    assert_eq!(r.0, "Skippers in Tarsk and around the coast");
    let r = one("But this week, officials at the port say, the board has softened.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("officials at the port", "the board has softened")
    );
    // A noun "say" after a possessive stays one.
    assert_eq!(
        one("The board will have its say, the mayor said.").0,
        "the mayor"
    );
}

#[test]
fn a_finding_closing_its_sentence_after_a_long_subject() {
    let r =
        one("Ridership fell by a third, a Gazette analysis of newly filed ticket reports shows.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        (
            "a Gazette analysis of newly filed ticket reports",
            "Ridership fell by a third"
        )
    );
}

#[test]
fn a_quantity_opening_the_reported_clause() {
    let r = one("Karl Pike says too much is asked of the ferry crews.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("Karl Pike", "much is asked of the ferry crews")
    );
}

#[test]
fn a_first_person_hearer_and_a_programme_after_its_outlet() {
    let r = one("The change this year, he told me on Monday, is that the board is listening.");
    assert_eq!(
        r.1,
        "The change this year, he told me on Monday, is that the board is listening"
    );
    let r = read("Pike told WKRP's \"Morning Harbour\" that nobody would question the record.");
    assert!(
        r.iter()
            .any(|x| x.1 == "nobody would question the record" && x.2 == 0),
        "{r:?}"
    );
}

#[test]
fn names_the_tagger_read_as_verbs() {
    let r = one("\"This might end it,\" Will wrote.");
    assert_eq!((r.0.as_str(), r.2 > 0), ("Will", true));
    // (The fix-ups are tested on the tagger's misreadings in syntax::fixup.)
    let r = one("Halsted told KQRT: \"I answered the message.\"");
    assert_eq!((r.0.as_str(), r.2), ("Halsted", 1));
    let r = read("Halsted continued by saying, \"We will take this to the high court.\"");
    assert!(r.iter().any(|x| x.2 == 1), "{r:?}");
}

#[test]
fn a_closing_cue_with_a_tail_after_a_quotation() {
    let r = one("\"Nobody is listening,\" Barlow concludes on the race.");
    assert_eq!((r.0.as_str(), r.2 > 0), ("Barlow", true));
    let r = one("\"The ministry acts within the law,\" the Norwegians state in the report.");
    assert_eq!((r.0.as_str(), r.2 > 0), ("the Norwegians", true));
}

#[test]
fn a_later_that_clause_relays_a_named_speaker() {
    let doc_text = "Prosecutors wrote that the scheme was designed to buy access, and that Rourke \
                    had bragged to one donor that the candidates never ask questions.";
    let doc = Doc::new(doc_text, Grammar::builtin());
    let r = attributions(&doc, doc.sentences[0]);
    let span = |(s, e): (usize, usize)| {
        doc_text[doc.tokens[s].span().start..doc.tokens[e - 1].span().end].to_string()
    };
    let contents: Vec<String> = r.iter().filter_map(|a| a.content().map(span)).collect();
    assert_eq!(
        contents,
        [
            "the scheme was designed to buy access",
            "the candidates never ask questions"
        ]
    );
    assert!(r.iter().any(|a| a.relayed_by().is_some()), "{r:?}");
}

#[test]
fn a_relative_clause_relays_a_named_speaker() {
    let doc_text = "She said she was troubled by a call in which Rourke told an associate that \
                    he kept a second passport.";
    let doc = Doc::new(doc_text, Grammar::builtin());
    let r = attributions(&doc, doc.sentences[0]);
    let told = r
        .iter()
        .find(|a| doc.tok_text(a.cue().0) == "told")
        .expect("told");
    assert!(
        told.relayed_by().is_some() && told.content().is_some(),
        "{r:?}"
    );
}

#[test]
fn a_coordinated_verb_leaves_the_first_verbs_quotation() {
    let r = read(
        "Rep. Dwayne Kess said the bill \"spends like Democrats wrote it\" and accused \
         leadership of \"negotiating against ourselves.\"",
    );
    assert_eq!(r[0].1, "the bill \"spends like Democrats wrote it\"");
    assert_eq!(r[1].2, 1, "{r:?}");
}

#[test]
fn a_name_whose_first_word_is_a_place() {
    let r = one("A spokesman for Ortiz, Jordan Pell, said she had not decided.");
    assert_eq!(r.0, "Jordan Pell");
    let r = one("Residents of Pelican Island, B.C., say the ferry is late.");
    assert_eq!(r.0, "Residents of Pelican Island");
}

#[test]
fn as_a_speaker_with_an_aside_put_it() {
    let r = one("As Dana Whitt, the second-ranking senator, put it: \"The nominee has no path.\"");
    assert_eq!((r.0.as_str(), r.2), ("Dana Whitt", 1));
}

#[test]
fn an_advocacy_groups_name_goes_on_through_for() {
    let r = one("\"Ten seconds,\" Citizens for a Sound Senate, a super PAC, posted on X.");
    assert_eq!(r.0, "Citizens for a Sound Senate");
    let r = one("Americans for Prosperity said the ad would run in May.");
    assert_eq!(r.0, "Americans for Prosperity");
}

#[test]
fn a_noun_cue_with_its_owner() {
    let r = one("Mr. Lund's claim that the vote was rigged has been disputed.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("Mr. Lund's", "the vote was rigged")
    );
    // Not a relative clause ("his statement that was read out"), nor a noun with no owner.
    assert!(read("His statement that was read out on Monday ran long.").is_empty());
    assert!(read("The claim that the vote was rigged drew scorn.").is_empty());
    // A verb's object: "mocked her insistence that …" is her claim; "repeated his claim" is
    // the subject's.
    let r = one("Critics mocked her insistence that the plan would work.");
    assert_eq!((r.0.as_str(), r.1.as_str()), ("her", "the plan would work"));
    let r = one("The mayor repeated his claim that the audit was wrong.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("The mayor", "the audit was wrong")
    );
}

#[test]
fn according_to_after_a_colon_and_inside_a_clause() {
    let r = one("The numbers are stark: according to polls, the levy has 31 percent support.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("polls", "the levy has 31 percent support")
    );
    let r = one("The agency spends, according to its audit, $4 million a year on consultants.");
    assert_eq!(
        r.1,
        "The agency spends, according to its audit, $4 million a year on consultants"
    );
    // Not before a clause of its own.
    let r = one("The plan failed in May, according to the audit, and costs rose.");
    assert_eq!(r.1, "The plan failed in May");
}

#[test]
fn no_inverted_speaker_in_a_series_or_after_words_with_no_verb() {
    // A verb in a series of the subject's acts.
    assert!(read("The envoy spoke French, quoted the treaty and visited the port.").is_empty());
    // A pronoun after the verb is its object.
    assert!(read("The clerk found the note, reported it to the police.").is_empty());
    // Words with no verb before the comma are the verb's subject.
    let r = read("The mayor's son, Tomas, defended his father on Tuesday.");
    assert!(r.iter().all(|x| x.0 != "his father"), "{r:?}");
    // But a quotation before the comma holds the claim's verb.
    let r = one("The plan \"has a long way to go,\" said Ana Ruiz, the mayor.");
    assert_eq!(r.0, "Ana Ruiz");
}

#[test]
fn a_programme_title_is_a_hearer_or_a_venue() {
    let r = one("The governor told KXT's \"Capitol Week\" on Sunday that he would run.");
    assert_eq!((r.1.as_str(), r.2), ("he would run", 0));
    let r = one("The governor said on KXT's \"Capitol Week\" that he would run.");
    assert_eq!((r.1.as_str(), r.2), ("he would run", 0));
    let r = one("The senator told \"Harbour Week Tonight\" that the deal was close.");
    assert_eq!((r.1.as_str(), r.2), ("the deal was close", 0));
}

#[test]
fn according_to_after_a_subordinate_verb_claims_the_clause_before() {
    let r = one(
        "Nine people were held after the march began, according to the Hale Centre, a watchdog.",
    );
    assert_eq!(r.1, "Nine people were held after the march began");
}

#[test]
fn a_name_and_a_colon_before_a_clause() {
    let r = one("Dana Velk: The ferry fare will not rise this year");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("Dana Velk", "The ferry fare will not rise this year")
    );
    let r = one("Ana Lee at the summit: talks will go on.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("Ana Lee", "talks will go on")
    );
    // A headline's claim may have no verb, and a document may speak there; not a topic's
    // label nor a list of names.
    let r = one("Karl Pike: Island Skippers Uneasy Over Ferry Plans\n\nMore.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("Karl Pike", "Island Skippers Uneasy Over Ferry Plans")
    );
    let r = one("Poll: Harbour Towns Turn on Mayor Over Fares\n\nMore.");
    assert_eq!(r.0, "Poll");
    assert!(read("Ice storm: More than 180,000 without power in Tarsk\n\nMore.").is_empty());
    assert!(read("Rovers: Hale, Dunne, Obi and Lee\n\nMore.").is_empty());
    // Not a list of names, a transcript's letter, or a sentence with a cue of its own.
    assert!(read("Rovers: Hale, Dunne, Obi.").is_empty());
    assert!(read("Q: Will you run for mayor again?").is_empty());
    let r = one("Dana Velk: Lee says the talks are over.");
    assert_eq!(r.0, "Lee");
}

#[test]
fn a_role_then_a_name_with_its_article() {
    let r = one("Parish spokesman the Rev. Amos Quill said the bells would ring at noon.");
    assert_eq!(r.0, "Parish spokesman the Rev. Amos Quill");
    assert_eq!(r.1, "the bells would ring at noon");
}

#[test]
fn findings_that_find_nothing_and_a_title_in_the_subjects_aside() {
    assert!(read("Each year, a new wave of students finds its way to the city.").is_empty());
    let r = read("He also found himself in a dispute with the council.");
    assert!(r.iter().all(|x| x.1.is_empty()), "{r:?}");
    let r = one("Hale, the author of \"Salt and Rumour,\" about the port, \
         said the days of one paper are gone.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("Hale", "the days of one paper are gone")
    );
}

#[test]
fn a_naming_participle_after_the_subject_names_nothing_said() {
    let r = read(
        "A residents' league called Harbour Watch, founded by two fishermen, has begun a petition.",
    );
    assert!(r.iter().all(|x| x.1.is_empty()), "{r:?}");
    let r = one("Critics called Dana Lee a liar and left.");
    assert_eq!(r.1, "Dana Lee a liar");
}

#[test]
fn a_party_after_an_article_names_no_one() {
    let doc = crate::text::Doc::new(
        "The governor, a Republican in his first term, called the bill \"badly built\" on Friday.",
        crate::Grammar::builtin(),
    );
    let a = super::attributions(&doc, doc.sentences[0]);
    let spk = a[0].speaker.as_ref().unwrap();
    assert_eq!(spk.kind, crate::analysis::np::NpKind::Role);
    assert!(a[0]
        .appositives
        .iter()
        .all(|n| n.kind != crate::analysis::np::NpKind::Name));
}

#[test]
fn an_inverted_speaker_with_a_role_or_relative_clause_inside_the_claim() {
    // The name, its role and the verb after them read like a clause after "said"; after a
    // subject set off by one comma, the verb is inverted and the claim the sentence.
    let r = one("The ferry levy, said Tove Sandvik, an economist, would halve the island's trade.");
    assert_eq!(r.0, "Tove Sandvik");
    assert!(
        r.1.starts_with("The ferry levy") && r.1.ends_with("trade"),
        "{r:?}"
    );
    let r =
        one("And the coach, said Ilse Marr, who played for him, never forgives a late arrival.");
    assert_eq!(r.0, "Ilse Marr");
    assert!(r.1.ends_with("never forgives a late arrival"), "{r:?}");
    // A subject with an aside of its own keeps its clause: "Dorn, 61, said Ilse Marr, the
    // treasurer, would quit."
    let r = one("Dorn, 61, said Ilse Marr, the treasurer, would quit.");
    assert_eq!(r.0, "Dorn");
}

#[test]
fn an_evaluative_object_with_its_nouns_infinitive() {
    let r = one("The senator denounced the council's plan to close two rural clinics.");
    assert_eq!(r.1, "the council's plan to close two rural clinics");
    assert_eq!(r.3, ContentForm::NounPhrase);
    // Not a speech verb's infinitive, whose words are a claim of their own.
    let r = read("Ines Varga announced the launch of a hotline to explain the voting rules.");
    assert_eq!(r[0].1, "the launch of a hotline", "{r:?}");
}

#[test]
fn a_that_clause_whose_verb_the_tagger_missed() {
    let r = one("The economists estimated that imports cost 40,000 jobs.");
    assert_eq!(r.1, "imports cost 40,000 jobs");
}

/// The chain of the first attribution of `text`'s first sentence, each link as written.
fn chain(text: &str) -> Vec<String> {
    let doc = Doc::new(text, Grammar::builtin());
    let r = attributions(&doc, doc.sentences[0]);
    r[0].chain
        .iter()
        .map(|n| {
            let (s, e) = (
                doc.tokens[n.start].span().start,
                doc.tokens[n.end - 1].span().end,
            );
            text[s..e].to_string()
        })
        .collect()
}

#[test]
fn an_outlet_whose_name_goes_on_through_of_relays() {
    let text = "Speaking to the Press Trust of India, a senior official said the line was late.";
    assert_eq!(chain(text), ["the Press Trust of India"]);
}

#[test]
fn a_spokesperson_or_lawyer_the_words_came_through_relays() {
    let text = "Karl Pike, through a spokesperson, said he was sorry.";
    assert_eq!(chain(text), ["a spokesperson"]);
    let text = "Karl Pike said through his lawyer that he was innocent.";
    assert_eq!(chain(text), ["his lawyer"]);
}

#[test]
fn an_outlet_named_in_its_possessive_relays() {
    let text = "Karl Pike said on NBC's \"Harbour Week\" that the pier was unsafe.";
    assert_eq!(chain(text), ["NBC's"]);
    let text = "Karl Pike told the BBC's morning programme that the pier was unsafe.";
    assert_eq!(chain(text), ["the BBC's"]);
}

#[test]
fn the_outlet_a_speaker_wrote_in_relays() {
    let text = "Writing in the Tarsk Gazette on Monday, Ana Lee argued that the pier was unsafe.";
    assert_eq!(chain(text), ["the Tarsk Gazette"]);
    let text = "In an op-ed for the Tarsk Gazette, Ana Lee wrote that the pier was unsafe.";
    assert_eq!(chain(text), ["the Tarsk Gazette"]);
    // (With no outlet after it, "writing" is the verb: "writing in a note that …".)
    let r = read("Pike cut the rating, writing in a note to clients that the pier was unsafe.");
    assert!(r.iter().any(|x| x.1 == "the pier was unsafe"), "{r:?}");
}

#[test]
fn a_title_before_a_verb_is_no_inverted_quotation() {
    let r = read("A chapter titled \"Nobody Came\" tells the story of her father's farm.");
    assert!(r.iter().all(|x| x.0 != "the story"), "{r:?}");
    let r = one("\"Nobody came,\" said Lena Arvidsson.");
    assert_eq!(r.0, "Lena Arvidsson");
}

#[test]
fn a_sentence_closed_by_a_colon_announces_its_speaker() {
    // The words come in the next paragraph: the attribution claims nothing yet, but names
    // its speaker (read by the floor of the sentence).
    for (text, speaker) in [
        (
            "The ferry company cut two sailings, and the Harbor Party responded:",
            "the Harbor Party",
        ),
        (
            "The Marlow Trust explains its aims in the following terms:",
            "The Marlow Trust",
        ),
        ("The chairman, Ruth Okoye, responded:", "Ruth Okoye"),
    ] {
        let r = read(text);
        assert!(
            r.iter().any(|x| x.0 == speaker && x.1.is_empty()),
            "{text}: {r:?}"
        );
    }
    // Not a verb with more to come after it.
    let r = read("Ruth Okoye responded to the ruling and then left for the airport:");
    assert!(r.is_empty(), "{r:?}");
}

#[test]
fn a_speech_verb_opening_the_sentence_before_its_speaker_and_a_quotation() {
    let r = one("Countered Dana Pell, who rents the corner unit, \"Nobody asked the tenants.\"");
    assert_eq!(r.0, "Dana Pell");
    let r = one("Added the mayor: \"Nobody here will pay a cent more.\"");
    assert_eq!(r.0, "the mayor");
    // No quotation after it: no attribution of this shape.
    assert!(read("Said to be the oldest mill in the county, the building was sold.").is_empty());
}

#[test]
fn a_verb_that_takes_no_clause_reports_none() {
    // (speak: clause=no in verbs.txt.)
    let r = read(
        "The mayor spoke for 40 minutes, a long time for a ribbon cutting, and the crowd thinned.",
    );
    assert!(r.iter().all(|x| x.1.is_empty()), "{r:?}");
    let r = one("The chief spoke about the night the river rose.");
    assert_eq!(r.1, "the night the river rose");
    let r = one("The chief spoke to reporters: \"We lost the bridge.\"");
    assert_eq!(r.0, "The chief");
}

#[test]
fn according_to_after_an_opening_or_a_subordinating_word() {
    // The clause after the cue is the claim: its verb quoted, or after "after".
    let r = one(
        "By 2040, according to the port authority, harbour traffic \"will double, at the \
         very least.\"",
    );
    assert!(r.1.starts_with("harbour traffic"), "{r:?}");
    let r = one("She sold the farm after, according to her son, the bank took the house.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("her son", "the bank took the house")
    );
}

#[test]
fn a_place_with_its_region_after_a_comma_in_the_tail() {
    for text in [
        "The mayor said at a rally in Dayton, Ohio, on Monday that the levy was small.",
        "The mayor told a rally in Dayton, Ohio, on Monday that the levy was small.",
        "The mayor told a rally in Bend, Oregon on Monday that the levy was small.",
    ] {
        let r = one(text);
        assert_eq!(
            (r.0.as_str(), r.1.as_str()),
            ("The mayor", "the levy was small"),
            "{text}"
        );
    }
}

#[test]
fn an_adverbial_clause_after_an_attribution_that_follows_a_quotation() {
    let r = read(
        "\"Ask me again in March,\" Okafor, who leads the race for the county seat, said \
         when a reporter pressed her on the levy.",
    );
    assert!(r.iter().all(|x| x.1.is_empty()), "{r:?}");
    // (With no quotation before it, a question the speaker answered is still read.)
    let r = one("Okafor said when the vote would be held.");
    assert_eq!(r.1, "when the vote would be held");
}

#[test]
fn a_hyphen_set_off_by_spaces_is_a_dash() {
    let r = one("The dockers' guild - which has backed Holm - said Holm needs more time.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("The dockers' guild", "Holm needs more time")
    );
    // A hyphen inside a word is none.
    let r = one("The well-known skipper said the crossing was calm.");
    assert_eq!(r.1, "the crossing was calm");
}

#[test]
fn a_quotation_closing_with_the_comma_before_a_participle_is_the_claims() {
    let r = read(
        "Holm said the plan was \"dead on arrival,\" adding that the board should start over.",
    );
    let contents: Vec<&str> = r.iter().map(|x| x.1.as_str()).collect();
    assert_eq!(
        contents,
        [
            "the plan was \"dead on arrival,\"",
            "the board should start over"
        ]
    );
}

#[test]
fn a_reported_clause_opening_with_its_adverbial() {
    let r = one("Holm said if the vote went her way, the two ferry lines would merge by June.");
    assert_eq!(
        r.1,
        "if the vote went her way, the two ferry lines would merge by June"
    );
    let r = one("Holm said when the audit is done, the board will publish it.");
    assert_eq!(r.1, "when the audit is done, the board will publish it");
    // A question after a verb of request stays one.
    let r = one("Holm asked if the audit was done.");
    assert_eq!(r.1, "if the audit was done");
}

#[test]
fn an_attribution_in_a_relative_clause_cuts_no_claim_around_it() {
    let r =
        read("Holm said the council should sue the landlord that has promised a \"quick fix\".");
    let claim = "the council should sue the landlord that has promised a \"quick fix\"";
    assert!(r.iter().any(|x| x.1 == claim), "{r:?}");
}

#[test]
fn a_speech_verb_read_as_a_noun_before_that() {
    let r = one("Critics of the plan argue that the ferry should stay public.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("Critics of the plan", "the ferry should stay public")
    );
}

#[test]
fn quoted_as_saying_after_a_year_or_a_publication() {
    for text in [
        "Holm was quoted by the Harbour Ledger in 2023 as saying the ferry would stay public.",
        "Holm was quoted in the Harbour Ledger in 2023 as saying the ferry would stay public.",
    ] {
        let r = one(text);
        assert_eq!(
            (r.0.as_str(), r.1.as_str()),
            ("Holm", "the ferry would stay public"),
            "{text}"
        );
    }
}

#[test]
fn a_naming_verb_with_an_aside_on_its_object() {
    let r = crate::analyze("Holm called the ferry survey, which drew 410 replies, \"a fig leaf.\"");
    let q: Vec<(String, String)> = r
        .quotes
        .iter()
        .map(|q| (format!("{:?}", q.kind), q.text.to_string()))
        .collect();
    assert_eq!(q, [("Partial".to_string(), "a fig leaf.".to_string())]);
}

#[test]
fn an_adverbial_clause_between_the_verb_and_that() {
    let r = one("One juror said as she left the courthouse that the photos had settled it.");
    assert_eq!(r.1, "the photos had settled it");
    // With no "that" clause after it, the adverbial clause is the verb's tail.
    assert!(read("Holm said as he left the depot.")
        .iter()
        .all(|x| x.1.is_empty()));
}

#[test]
fn a_unions_local_after_a_title_names_no_person() {
    let r = credited(
        "Ines Varga, president of Harbour Pilots Union Local 88, said the union would strike. \
         She accused the port of \"cutting corners.\"",
    );
    let speakers: Vec<&str> = r.iter().map(|(s, _)| s.as_str()).collect();
    assert!(
        !speakers.is_empty() && speakers.iter().all(|s| *s == "Ines Varga"),
        "{speakers:?}"
    );
}

#[test]
fn an_aside_between_dashes_inside_a_claim() {
    let r = one("Inspectors said the hull had two old — and later reported — cracks near the bow.");
    assert_eq!(
        r.1,
        "the hull had two old — and later reported — cracks near the bow"
    );
}

#[test]
fn what_someone_will_say_cuts_no_claim() {
    let r =
        read("Holm said she was sure that pensioners will complain \"loudly\" about the fares.");
    assert!(
        r.iter().any(
            |x| x.1 == "she was sure that pensioners will complain \"loudly\" about the fares"
        ),
        "{r:?}"
    );
}

#[test]
fn a_parenthetical_before_a_contracted_clause() {
    let r = one("But, the deputy harbour master added, it's a risk worth taking.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("the deputy harbour master", "it's a risk worth taking")
    );
}

#[test]
fn a_relative_clause_holding_a_clause_of_its_own_before_the_verb() {
    let r = one(
        "The trust, which has faced criticism over the grant it won while under review, said \
         that the audit found no fault.",
    );
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("The trust", "the audit found no fault")
    );
}

#[test]
fn a_noun_read_as_a_verb_inside_a_relative_clause() {
    let r = one(
        "Dale Pike, a deckhand who had a big part in the club race win in 2019, said the route \
         is safe.",
    );
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("Dale Pike", "the route is safe")
    );
}

#[test]
fn a_perfect_verb_across_an_adverbial() {
    let r = one("Her aides have in recent weeks said the mayor was weighing a run.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("Her aides", "the mayor was weighing a run")
    );
}

#[test]
fn a_relative_words_preposition_opens_no_subject() {
    let r = credited(
        "Holm, who in the past has argued that the ferry should be sold, told the Ledger she \
         would not.",
    );
    assert!(r.len() == 2 && r.iter().all(|x| x.0 == "Holm"), "{r:?}");
}

#[test]
fn the_main_verb_after_a_names_apposition_before_its_object() {
    let r = credited(
        "Dana Pike, a planner at the port, credited those gains to new cranes, saying the yard \
         was busier.",
    );
    assert_eq!(r, [("Dana Pike".into(), "the yard was busier".into())]);
}

#[test]
fn at_least_a_number_with_a_relative_clause_opens_the_claim() {
    let r = one(
        "A clerk said at least two trustees who voted for the cut had privately raised doubts.",
    );
    assert_eq!(
        r.1,
        "at least two trustees who voted for the cut had privately raised doubts"
    );
}

#[test]
fn a_closing_attribution_whose_subject_has_a_capitalised_modifier() {
    let r = one(
        "Valmora agreed to sell Duarte to Kingsbridge, the Serranian club announced on Tuesday.",
    );
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        (
            "the Serranian club",
            "Valmora agreed to sell Duarte to Kingsbridge"
        )
    );
}

#[test]
fn a_participle_on_the_subject_before_an_aside() {
    let r = credited(
        "A company employee involved in the trial, speaking on condition of anonymity as he was \
         not authorised to speak to the media, said recruitment had been delayed.",
    );
    let q: Vec<&str> = r.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(q, ["recruitment had been delayed"]);
}

#[test]
fn a_documents_agent_names_who_it_speaks_for() {
    let r = one(
        "Turnout fell to 41%, according to figures published by the Harbour Election Board late \
         on Monday.",
    );
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        (
            "figures published by the Harbour Election Board",
            "Turnout fell to 41%"
        )
    );
}

#[test]
fn a_past_form_before_a_title_and_a_name_is_a_modifier() {
    let r =
        credited("The mediator, retired judge Ilse Marken, said she would reconvene the talks.");
    let q: Vec<&str> = r.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(q, ["Ilse Marken"]);
}

#[test]
fn an_organisations_name_goes_on_through_of_before_a_possessive() {
    let r = credited(
        "The Port Authority of Kelso's pricing board raised dues on Monday. The authority said \
         the rise was needed.",
    );
    assert_eq!(
        r,
        [(
            "Port Authority of Kelso".into(),
            "the rise was needed".into()
        )]
    );
}

#[test]
fn critics_of_an_organisation_are_a_vague_group() {
    let r = crate::analyze("Critics of the ferry company say the new fares are too steep.");
    let anonymous: Vec<bool> = r
        .quotes
        .iter()
        .filter_map(|q| q.speaker.as_ref().map(|s| s.anonymous))
        .collect();
    assert_eq!(anonymous, [true]);
}

#[test]
fn a_second_speaker_joined_by_and_without_a_comma() {
    let r = read("One rider said the ferry was late and another said the crew was rude.");
    let got: Vec<(&str, &str)> = r.iter().map(|x| (x.0.as_str(), x.1.as_str())).collect();
    assert_eq!(
        got,
        [
            ("One rider", "the ferry was late"),
            ("another", "the crew was rude")
        ]
    );
    // (After the claim's quoted words, the speaker's next act with its own object.)
    let r =
        read("Pike said the fee \"was a scandal\" and accused the board of hiding the accounts.");
    let got: Vec<&str> = r.iter().map(|x| x.1.as_str()).collect();
    assert_eq!(
        got,
        [
            "the fee \"was a scandal\"",
            "the board of hiding the accounts"
        ]
    );
    // (Not a subject joined to another: the first clause has no verb before the "and".)
    let r = read("Pike said the mayor and the harbour master had agreed.");
    assert_eq!(r.len(), 1, "{r:?}");
}

#[test]
fn a_participle_in_an_apposition_before_the_verb() {
    let r = one(
        "Karl Pike, head of the Tarsk Fund, a group allied with the ferry owners, said the \
         talks had failed.",
    );
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("Karl Pike", "the talks had failed")
    );
}

#[test]
fn a_year_with_its_century_elided_is_no_quotation() {
    for text in [
        "Ana Lee said in '08 that the harbour had flooded twice.",
        "Ana Lee said in \u{2018}08 that the harbour had flooded twice.",
    ] {
        let r = one(text);
        assert_eq!(r.1, "the harbour had flooded twice", "{text}");
        assert_eq!(r.2, 0, "{text}");
    }
}

#[test]
fn an_adverbial_clause_opening_the_claim_after_the_verb() {
    let r = one("Lee said because the poll came early, its lead meant little.");
    assert_eq!(r.1, "because the poll came early, its lead meant little");
    let r = read("Lee said because Pike is well liked, \"he is a fine surrogate.\"");
    assert_eq!(
        r[0].1,
        "because Pike is well liked, \"he is a fine surrogate.\""
    );
    // (A tail's connective stays the verb's: "said as she left".)
    let r = one("Lee said as she left the court, the ruling would stand.");
    assert_eq!(r.1, "the ruling would stand");
}

#[test]
fn an_evaluative_verbs_object_with_its_relative_clause_or_naming_as() {
    let r = one("The board announced new rules that make it harder for owners to sell.");
    assert_eq!(r.1, "new rules that make it harder for owners to sell");
    let r = one("Lee dismissed the report as a work of fiction.");
    assert_eq!(r.1, "the report as a work of fiction");
    // (Three words or fewer name the act: no claim.)
    let r = read("Lee dismissed the report.");
    assert!(r.iter().all(|x| x.1.is_empty()), "{r:?}");
}

#[test]
fn an_organisation_named_before_its_apposition_closes_its_own_claim() {
    let r = credited(
        "Holm Marine, the shipbuilder that has anchored the waterfront for a century, will cut \
         640 jobs, the company said Tuesday.",
    );
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].0, "Holm Marine");
}

#[test]
fn a_verb_joined_to_a_relative_clause_is_its_nouns() {
    let r = credited(
        "The vote is a setback for Ana Lee, who made the ferry her cause and has said \
         repeatedly that the town cannot grow without it.",
    );
    assert_eq!(
        r,
        [(
            "Ana Lee".to_string(),
            "the town cannot grow without it".to_string()
        )]
    );
}

#[test]
fn what_someone_asked_for_is_no_claim() {
    let r = read("Pike told jurors that Lee had asked the board for an audit and been refused.");
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].0, "Pike");
}

#[test]
fn a_jurisdiction_before_an_agencys_name_is_part_of_it() {
    let r = one("Cases rose in two counties, the state Department of Health said.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        (
            "the state Department of Health",
            "Cases rose in two counties"
        )
    );
}

#[test]
fn a_hearer_with_a_title_or_a_named_bodys_hearing() {
    let r = one("Pike told host Ana Lee the agency had failed.");
    assert_eq!(r.1, "the agency had failed");
    let r =
        one("Pike told a Senate harbour committee hearing on Thursday that the agency had failed.");
    assert_eq!(r.1, "the agency had failed");
    // (An attribution verb's participle on the venue stays a verb: the quotation is the claim.)
    let r =
        read("\"We will win,\" she said at a news conference announcing that the town would sue.");
    assert!(r.iter().all(|x| x.1 != "the town would sue"), "{r:?}");
}

#[test]
fn a_clause_before_an_interrupting_cue_whose_quotation_follows() {
    let r = credited("The ferries were empty, he added, \"but people still need to cross.\"");
    let words: Vec<&str> = r.iter().map(|x| x.1.as_str()).collect();
    assert_eq!(
        words,
        ["The ferries were empty", "but people still need to cross."]
    );
    // (Not a time of the telling, nor narration strung together with commas.)
    let r = credited("As the meeting ended, Lee said, \"We will be back.\"");
    assert_eq!(r.len(), 1, "{r:?}");
    let r = credited("In May, as the pier closed, Lee said, \"We will be back.\"");
    assert_eq!(r.len(), 1, "{r:?}");
}

#[test]
fn a_transcript_line_going_on_past_its_first_sentence_is_its_speakers() {
    let text = "HOLM: Will the ferry run?\n\nLEE: It will run. I've said it for weeks and \
                nobody listens.\n\nHOLM: And the fares?\n";
    let r = credited(text);
    assert!(
        r.iter().all(|x| !x.0.contains("I've") && x.0 != "I"),
        "{r:?}"
    );
    assert!(
        r.iter()
            .any(|x| x.0 == "LEE" && x.1.ends_with("nobody listens.")),
        "{r:?}"
    );
}

#[test]
fn who_is_the_noun_before_it_not_across_by_or_to() {
    let r =
        one("Pike was sentenced Monday to four years in prison by a judge who said he had lied.");
    assert_eq!((r.0.as_str(), r.1.as_str()), ("a judge", "he had lied"));
}

#[test]
fn a_participle_closing_a_speakers_phrase_is_no_word_of_it() {
    let r = one("The crash happened at 9 a.m., a report released Wednesday found.");
    assert_eq!(r.0, "a report");
}

#[test]
fn an_adverbial_clause_inside_a_subjects_relative_clause() {
    let r = one(
        "A worker who asked not to be named because he feared for his job said the pier leaked.",
    );
    assert!(r.0.starts_with("A worker who"), "{r:?}");
    assert_eq!(r.1, "the pier leaked");
}

#[test]
fn a_hearer_after_a_documents_to_and_a_body_before_a_clauses_name() {
    let r = one("The Harbour Association said in a letter to council that it had raised $9,000.");
    assert_eq!(r.1, "it had raised $9,000");
    let r = one("He told the court Lee went on taking deposits.");
    assert_eq!(r.1, "Lee went on taking deposits");
    // (A body's noun before a name and a speech verb still names it: one speaker.)
    let r = one("The carmaker Veltra said the plant would close.");
    assert_eq!(r.0, "The carmaker Veltra");
}

#[test]
fn a_native_of_a_place_is_the_person_named_and_next_is_no_name() {
    let text = "Two winters ago, Sofie Brandt could not stand at the top of a jump. Next week, \
                the Holm native will start the season ranked sixth.\n\n\"I used to count the \
                steps,\" the Holm native said.\n";
    let r = credited(text);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].0, "Sofie Brandt");
}

#[test]
fn a_plural_group_before_of_takes_no_portfolio() {
    let r = credited("Some residents of Upper Tarsk Road say the district waited too long.");
    assert_eq!(r[0].0, "Some residents of Upper Tarsk Road");
}

#[test]
fn an_apposition_whose_noun_names_no_speaker_adds_nothing() {
    let r = read(
        "At least two must have police experience, a provision added in February at the urging \
         of Karl Pike.",
    );
    assert!(r.iter().all(|x| x.1.is_empty()), "{r:?}");
    // (A speaker's noun there still speaks: "…, a spokesman added in a statement.")
    let r = one("The pier will reopen in May, a spokesman added in a statement.");
    assert_eq!(r.1, "The pier will reopen in May");
}

#[test]
fn a_quotation_opening_the_reported_clause() {
    let r = one("Pike said \"local crews\" must lead the repairs, and Lee agreed.");
    assert_eq!(r.1, "\"local crews\" must lead the repairs");
    let r = one("Lee said \"hardly any\" riders would take the late ferry.");
    assert_eq!(r.1, "\"hardly any\" riders would take the late ferry");
    // (A quotation with its own stop, or its own cue, is the words said.)
    let r = one("Lee said \"We are done.\" The board left.");
    assert_eq!((r.1.as_str(), r.2), ("", 1));
    let r = credited("She said \"no\" twice.");
    assert_eq!(r, [("She".to_string(), "no".to_string())]);
}

#[test]
fn a_speech_participle_after_quoted_words_claims() {
    let text = "\"The fares will fall next year,\" Pike said on Monday, suggesting that the ferry \
                board had already agreed.";
    let r = credited(text);
    assert_eq!(r.len(), 2, "{r:?}");
    assert_eq!(r[1].1, "the ferry board had already agreed");
    assert_eq!(r[1].0, "Pike");
}

#[test]
fn a_cited_object_with_a_second_noun_joined_to_it() {
    let r = one("Lee cited rising fuel costs and a shortage of drivers.");
    assert_eq!(r.1, "rising fuel costs and a shortage of drivers");
    assert_eq!(r.3, ContentForm::NounPhrase);
    // (Not a noun that is a clause's subject: "and the board said …" is a claim of its own.)
    let r =
        read("Pike denounced the closure of the ferry route and the board said it would appeal.");
    assert_eq!(r[0].1, "the closure of the ferry route");
    // (A source cited is a link of the chain, not what was said.)
    let r =
        credited("The Ledger reported, citing two council officials, that the pool would close.");
    assert_eq!(
        r,
        [(
            "two council officials".to_string(),
            "the pool would close".to_string()
        )]
    );
}

#[test]
fn a_speech_participle_after_a_dash() {
    let r = credited("Pike changed his pick on the spot – saying the home side had earned it.");
    assert_eq!(
        r,
        [(
            "Pike".to_string(),
            "the home side had earned it".to_string()
        )]
    );
}

#[test]
fn a_name_then_a_speech_participle_after_with() {
    let r = credited(
        "The fight spilled into the chamber, with Mayor Ana Lee warning she would veto the plan.",
    );
    assert_eq!(
        r,
        [("Ana Lee".to_string(), "she would veto the plan".to_string())]
    );
}

#[test]
fn quoted_as_saying_after_a_month() {
    let r = one("He was quoted by the Tarsk Gazette in June as saying the town needed a mayor.");
    assert_eq!(r.1, "the town needed a mayor");
}

#[test]
fn a_hearer_with_a_relative_clause_and_no_inverted_hearer() {
    let text = "Ana Lee, who voted for the plan, told the Tarsk Gazette, which first reported the \
                ruling, she stood by her vote.";
    let r = credited(text);
    assert_eq!(
        r,
        [("Ana Lee".to_string(), "she stood by her vote".to_string())]
    );
}

#[test]
fn a_noun_phrase_then_a_quotation_going_on_as_its_verb() {
    let r = one("One ad claims Pike \"voted to sell our wells.\"");
    assert_eq!(r.1, "Pike \"voted to sell our wells.\"");
    // (A quotation opening with a preposition is an adverbial: the words alone.)
    let r = one("The board promised a shuttle bus \"before the doors close.\"");
    assert_eq!((r.1.as_str(), r.2), ("", 1));
}

#[test]
fn a_reflexive_after_a_speakers_title_only_stresses_it() {
    let text = "Governor Wendell Stroud spoke first.\n\nThe governor himself wrote on Saturday: \
                \"Nice crowd.\"\n";
    let r = credited(text);
    assert_eq!(
        r,
        [("Wendell Stroud".to_string(), "Nice crowd.".to_string())]
    );
}

#[test]
fn a_list_of_nouns_opening_the_reported_clause() {
    let r = one("The trust said maternity, surgery and intensive care would run as normal.");
    assert_eq!(
        r.1,
        "maternity, surgery and intensive care would run as normal"
    );
    // (Any number of items: each comma is the list's.)
    let r = one("The trust said maternity, surgery, radiology and intensive care would run.");
    assert_eq!(
        r.1,
        "maternity, surgery, radiology and intensive care would run"
    );
}

#[test]
fn a_particle_the_tagger_joins_to_its_verb_and_a_quoted_infinitive() {
    let r = one("Lowrie called on residents to boil their water.");
    assert_eq!(r.1, "residents to boil their water");
    let r = read(
        "Lowrie called on ministers to \u{2018}get round the table\u{2019} with both sides and \
         told the Post he had written to the minister.",
    );
    assert_eq!(
        r[0].1,
        "ministers to \u{2018}get round the table\u{2019} with both sides"
    );
    assert_eq!(r[1].1, "he had written to the minister");
}

#[test]
fn a_second_request_joined_by_and_and_a_documents_it() {
    let text = "The board's report came out on Monday.\n\nCity records show the city paid $2 \
                million.\n\nThe report makes 19 recommendations. It urges the department to \
                replace its software by 2027 and calls on the council to give the board more \
                power.\n";
    let r = credited(text);
    assert_eq!(r.len(), 3, "{r:?}");
    assert_eq!(r[1].1, "the department to replace its software by 2027");
    assert_eq!(r[2].1, "the council to give the board more power");
    assert!(r[1..].iter().all(|x| x.0.contains("report")), "{r:?}");
}

#[test]
fn a_role_opening_an_interrupted_claim_is_no_antecedent() {
    let text = "The district hired consultants in May.\n\nThe report, prepared by Vale Planning, \
                found enrolment had fallen by a third. The board could save about $3 million a \
                year, it said, by closing two schools.\n";
    let r = credited(text);
    assert_eq!(r.len(), 2, "{r:?}");
    assert_eq!(r[1].0, "The report");
}

#[test]
fn an_apposition_on_an_evaluative_verbs_object() {
    let r = one(
        "Joanna Pike accused her opponent, businessman Gil Castellan, of \"selling the water to \
         the highest bidder\" during his term.",
    );
    assert_eq!(
        r.1,
        "her opponent, businessman Gil Castellan, of \"selling the water to the highest bidder\""
    );
}

#[test]
fn a_noun_before_an_auxiliary_and_a_verb_after_two_plurals() {
    let r = one("Rautio conceded the October forecast had been \"too optimistic.\"");
    assert_eq!(r.1, "the October forecast had been \"too optimistic.\"");
    let r = one(
        "A lawsuit filed Thursday in Etterby on behalf of two customers alleges that the firm \
         ignored warnings.",
    );
    assert_eq!(r.1, "the firm ignored warnings");
    let r = one(
        "A proposed class action filed Thursday in Etterby on behalf of two customers alleges \
         that the firm ignored warnings.",
    );
    assert_eq!(r.0, "A proposed class action");
}

#[test]
fn as_first_reported_by_an_outlet() {
    let r = one("Halvorsen had been looking for a buyer, as first reported by Ledgerline.");
    assert_eq!(
        (r.0.as_str(), r.1.as_str()),
        ("Ledgerline", "Halvorsen had been looking for a buyer")
    );
}

#[test]
fn an_organisations_statement_speaks_for_it() {
    let text = "Halvorsen Foods will close its Vossford plant.\n\nThe company's statement said \
                production would move to Etterby.\n\nThe board's own facilities audit found the \
                roof was failing.\n";
    let r = credited(text);
    assert_eq!(r.len(), 2, "{r:?}");
    assert_eq!(r[0].0, "Halvorsen Foods");
    // (A document with words of its own between owner and noun stays a document.)
    assert_eq!(r[1].0, "The board's own facilities audit");
}

#[test]
fn a_given_names_gender_outweighs_an_apposition_that_may_name_a_firm() {
    let text = "Board president Evander Holmqvist said buyers were waiting.\n\nInvestors are now \
                trying to sell, said Farida Hollingbrook, a mortgage broker in the harbour \
                district.\n\nShe said many of them had paid deposits.\n";
    let r = credited(text);
    assert_eq!(r.len(), 3, "{r:?}");
    assert_eq!(r[2].0, "Farida Hollingbrook");
}

#[test]
fn who_after_a_names_apposition_is_the_name() {
    let r = credited(
        "One of the fires was in the home of Ellis Quarshie, a nurse, who said the heater had \
         begun to smoke.",
    );
    assert_eq!(
        r,
        [(
            "Ellis Quarshie".to_string(),
            "the heater had begun to smoke".to_string()
        )]
    );
}
