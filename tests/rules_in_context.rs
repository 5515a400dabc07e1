//! The checker's rules decided with the document around a finding: every false positive fixed
//! while the rules were measured has copy here that must not fire, and every miss caught has
//! copy that must. All of it is written for these tests, with invented names.

use quotecheck::check::{check_text, InputKind, Settings};

/// How many findings of `rule` the copy gets.
fn count(rule: &str, text: &str) -> usize {
    check_text(
        text,
        InputKind::Text,
        quotecheck::Grammar::builtin(),
        &Settings::default(),
    )
    .findings
    .iter()
    .filter(|f| f.rule == rule)
    .count()
}

/// Asserts every case: (what it shows, copy, expected count).
fn expect(rule: &str, cases: &[(&str, &str, usize)]) {
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|&(what, text, want)| {
            let got = count(rule, text);
            (got != want).then(|| format!("{what}: {got} findings, want {want}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{rule}:\n{}", wrong.join("\n"));
}

#[test]
fn unattributed_quote_in_context() {
    expect(
        "unattributed-quote",
        &[
            (
                "a quote standing alone after narration",
                "The bridge closed on Monday.\n\n\"Nobody told us anything about the repairs.\"\n",
                1,
            ),
            (
                "a sign",
                "A card taped to the door reads \"Beginners welcome, no partner needed.\"\n",
                0,
            ),
            (
                "a list of banned words",
                "The memo bans \"synergy,\" \"leverage\" and \"circle back.\"\n",
                0,
            ),
            (
                "a roundup line",
                "Reactions came quickly.\n\nMayor Lena Ortiz, in a statement: \"We will study \
                 the ruling with care before we say anything more about it.\"\n",
                0,
            ),
            (
                "a cue the analysis misses in the same sentence",
                "The mayor said the line was fixed.\n\n\"Fixed it? It is two years late and \
                 still leaking,\" Delacroix shot back.\n",
                0,
            ),
            (
                "a quote paragraph after a paraphrase of the same speaker",
                "Mia Tull said her grandmother was a patient teacher but an exacting one.\n\n\
                 \"She stops the whole band in the middle of a reel if the timing is off.\"\n",
                0,
            ),
            (
                "a pull quote over its credit line",
                "The river crested on Thursday.\n\n\"We lost everything we had in that \
                 house\"\n\n\u{2014} Colleen Barrow, resident\n",
                0,
            ),
            (
                "a headline and a list of links",
                "'We lost everything': families count the cost\n\nThe water rose on Wednesday.\
                 \n\nRead more:\n\"A river with a memory\": the flood of 1952, seventy years on\n",
                0,
            ),
            (
                "attributed by the next paragraph",
                "The film opens in a studio lot.\n\n\"The stories begin. The stories end. The \
                 work goes on.\"\n\nSo says the narrator at the close of the documentary.\n",
                0,
            ),
            (
                "a standalone term",
                "The council rejected the plan.\n\n\"Transition meetings.\"\n",
                0,
            ),
        ],
    );
}

#[test]
fn loaded_verb_in_context() {
    expect(
        "loaded-verb",
        &[
            (
                "an editorialising verb that attributes",
                "The minister claimed that the figures were sound.",
                1,
            ),
            (
                "a sense that attributes nothing",
                "Harbour City claimed their first league title in 17 years on Saturday. The \
                 club conceded 11 goals in four matches.",
                0,
            ),
            (
                "the precise legal verbs",
                "The indictment alleges that Leon Pryce steered three contracts to friends. \
                 Prosecutors allege that he lied to agents. His lawyer said he denied the \
                 charges.",
                0,
            ),
            (
                "a set phrase",
                "A militant group claimed responsibility for the attack on the depot, the army \
                 said.",
                0,
            ),
            (
                "an admission in a plea",
                "Ivo Brandt admitted in his plea that he had sold the access codes.",
                0,
            ),
            (
                "a plain description of the act",
                "Ekwueme has acknowledged that the unit grew too quickly. Frost complained that \
                 the referee had missed a handball.",
                0,
            ),
            (
                "a noun, not a verb",
                "The fact-checker rated 22 percent of the council's claims as true.",
                0,
            ),
        ],
    );
}

#[test]
fn vague_attribution_in_context() {
    expect(
        "vague-attribution",
        &[
            (
                "weasel subjects the analysis does not read",
                "Economists have long argued that tariffs raise prices. Analysts believe the \
                 merger will fail.",
                2,
            ),
            (
                "a vague group with nobody named",
                "Critics say the plan will raise rents.",
                1,
            ),
            (
                "backed at once by a named person",
                "Experts say the exposure is far below the limits. \"It is a tiny fraction of \
                 what a phone gives you,\" said Dr. Priya Raman, a physicist at Lakeshore \
                 University.",
                0,
            ),
            (
                "backed by a quote opening the next paragraph",
                "Many lawmakers have expressed concerns that the levy would raise costs.\n\n\"We \
                 cannot promise voters new roads and then make every mile cost more,\" said \
                 state Sen. Beatrice Olan.\n",
                0,
            ),
            (
                "a group the story places",
                "Several parents said the board had decided months ago. Some residents have \
                 argued the tower would lower property values.",
                0,
            ),
            (
                "a group placed by whom it follows, or named before",
                "Her critics say the remark was careless. The experts mostly \
                 welcomed the levy.",
                0,
            ),
            (
                "a misread quantity",
                "The square was quiet as many regulars kept to their homes.",
                0,
            ),
        ],
    );
}

#[test]
fn unsourced_claim_in_context() {
    expect(
        "unsourced-claim",
        &[
            (
                "hearsay with no source",
                "The regulator is reportedly preparing a record fine.",
                1,
            ),
            (
                "a legal hedge anchored to a charge or a crime",
                "Pryce was charged with allegedly paying bribes to two inspectors. The knife he \
                 allegedly used in the attack was found in a drain.",
                0,
            ),
            (
                "the report named in the next sentence",
                "The man is reportedly known to police. The Eastgate Sentinel reported that he \
                 had served a sentence for a similar break-in.",
                0,
            ),
            (
                "a headline",
                "Former mayor reportedly caught in new scandal\n\nThe Valley Post reported on \
                 Monday that the former mayor had sent the messages.\n",
                0,
            ),
        ],
    );
}

#[test]
fn anonymous_no_reason_in_context() {
    expect(
        "anonymous-no-reason",
        &[
            (
                "a source with no reason",
                "A person familiar with his thinking said the governor would veto the bill.",
                1,
            ),
            (
                "a reason in the next sentence",
                "Three people familiar with the talks said a deal was close. They spoke on \
                 condition of anonymity to describe private conversations.",
                0,
            ),
            (
                "another source's reason does not count",
                "A senior defence official, requesting anonymity, said the army would withdraw. \
                 The official said the decision was taken on Friday.\n\nAnother official, who \
                 spoke on condition of anonymity because the plans have not been made public, \
                 said some troops would move to the coast.\n",
                1,
            ),
            (
                "under government protocol",
                "A ministry official said the talks were paused. The official spoke on \
                 condition of anonymity under government protocol.",
                0,
            ),
            (
                "not authorized, in a contraction",
                "The group is testing ads, according to a party official who wasn't authorized \
                 to speak publicly.",
                0,
            ),
            (
                "names in the same sentence",
                "Two House members will run, said the lawmakers, Reps. Dana Pruitt and Glen \
                 Harkavy.",
                0,
            ),
            (
                "identified in apposition later",
                "An official in the mayor's office said the plan was dead.\n\nThe official, \
                 identified by the office as deputy chief of staff Ruth Anand, said a new plan \
                 would follow.\n",
                0,
            ),
            (
                "a single name",
                "An official named Budi said the ferry would sail at noon.",
                0,
            ),
            (
                "identified a few paragraphs down",
                "A senior city official said Monday that the Harbour Road contract would be \
                 cancelled because the builder had missed three deadlines.\n\nThe decision ends \
                 a two-year dispute.\n\n\"We gave them every chance,\" said Omar Haddad, the \
                 council secretary. Haddad said the contract would be cancelled on Friday \
                 because the builder had missed its deadlines.\n",
                0,
            ),
            (
                "another outlet's sources",
                "Orbis will cut 1,200 jobs, people with knowledge of the plans told the Daily \
                 Ledger.",
                0,
            ),
            (
                "an institution's routine voice",
                "The province has opened an assistance program. Officials said applications \
                 would open on Monday.",
                0,
            ),
            (
                "part of a group just named",
                "Environmental groups were divided. Some praised the ruling; others said it did \
                 nothing for fish.",
                0,
            ),
        ],
    );
}

#[test]
fn anonymous_source_in_context() {
    expect(
        "anonymous-source",
        &[
            (
                "an unnamed source",
                "A person close to the board said directors were divided.",
                1,
            ),
            (
                "names in the same sentence",
                "Two House members will run, said the lawmakers, Reps. Dana Pruitt and Glen \
                 Harkavy.",
                0,
            ),
            (
                "a single name",
                "An official named Budi said the ferry would sail at noon.",
                0,
            ),
        ],
    );
}

#[test]
fn unbalanced_quote_in_context() {
    expect(
        "unbalanced-quote",
        &[
            ("a stray closing mark", "He said\u{201d} nothing.", 1),
            (
                "inch marks",
                "Among the details: he is 6'3\" tall and has a 27\" screen.",
                0,
            ),
            (
                "markup left by a scraper",
                "<tweet pic=\"\" author=\"GovX\">Praying for all of them.</tweet>.\n<tweet \
                 pic=\"\" author=\"GovY\">Thoughts are with #Town</tweet>.\n",
                0,
            ),
            (
                "doubled single marks as double marks",
                "\u{2018}\u{2018}We lost everything,\u{2019}\u{2019} she said. \u{2018}\u{2018}\
                 The furniture, the freezer, all of it.\u{2019}\u{2019}",
                0,
            ),
        ],
    );
}
