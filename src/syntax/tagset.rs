//! The tag set: classes that are (UPOS, Penn Treebank XPOS) pairs as UD English annotates them,
//! plus [`Tag::Quote`] for a whole quotation.
//!
//! The pairs are the ones of UD English EWT and GUM seen more than about a hundred times (and
//! `PRON/WP$`, "whose"). Rarer pairs are merged into their UPOS's most common class
//! ([`Tag::from_ud`]).

/// The 17 Universal POS tags of Universal Dependencies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Upos {
    /// Adjective.
    Adj,
    /// Adposition.
    Adp,
    /// Adverb.
    Adv,
    /// Auxiliary.
    Aux,
    /// Coordinating conjunction.
    Cconj,
    /// Determiner.
    Det,
    /// Interjection.
    Intj,
    /// Noun.
    Noun,
    /// Numeral.
    Num,
    /// Particle.
    Part,
    /// Pronoun.
    Pron,
    /// Proper noun.
    Propn,
    /// Punctuation.
    Punct,
    /// Subordinating conjunction.
    Sconj,
    /// Symbol.
    Sym,
    /// Verb.
    Verb,
    /// Other.
    X,
}

impl Upos {
    /// Every UPOS, in order.
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    /// The tag as CoNLL-U writes it (`NOUN`).
    pub fn as_str(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    /// The UPOS named `s` (`NOUN`), if it is one.
    pub fn parse(s: &str) -> Option<Upos> {
        Upos::ALL.into_iter().find(|u| u.as_str() == s)
    }
}

impl std::fmt::Display for Upos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A part-of-speech tag: one byte, a (UPOS, XPOS) class.
///
/// Variant names are the pair's: `VerbVbd` is `VERB/VBD` (a past tense lexical verb), `AuxVbd`
/// is `AUX/VBD` ("was", "had", "did"), `SconjIn` is a subordinating "that"/"if"/"because",
/// `AdpIn` a preposition, `PartTo` the infinitive "to". [`Tag::Quote`] is a whole quotation as
/// one token (a [`crate::text::Doc`] makes one of each top-level quotation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[repr(u8)]
#[allow(missing_docs)] // Each variant is its (UPOS, XPOS) pair; see `Tag::name`.
pub enum Tag {
    AdjJj,
    AdjJjr,
    AdjJjs,
    /// A proper adjective ("American", "Australian"), as GUM and EWT tag some.
    AdjNnp,
    AdpIn,
    AdpRp,
    AdvRb,
    AdvRbr,
    AdvRbs,
    AdvWrb,
    AuxMd,
    AuxVb,
    AuxVbd,
    AuxVbg,
    AuxVbn,
    AuxVbp,
    AuxVbz,
    CconjCc,
    DetDt,
    DetPdt,
    DetWdt,
    IntjUh,
    NounNn,
    NounNns,
    NumCd,
    PartPos,
    PartRb,
    PartTo,
    PronDt,
    PronEx,
    PronNn,
    PronPrp,
    PronPrpS,
    PronWdt,
    PronWp,
    PronWpS,
    PropnNnp,
    PropnNnps,
    /// An e-mail or web address.
    PropnAdd,
    PunctComma,
    PunctPeriod,
    PunctColon,
    PunctLrb,
    PunctRrb,
    PunctOpenQuote,
    PunctCloseQuote,
    PunctHyph,
    PunctNfp,
    SconjIn,
    SymSym,
    SymDollar,
    VerbVb,
    VerbVbd,
    VerbVbg,
    VerbVbn,
    VerbVbp,
    VerbVbz,
    /// A foreign word; also the tag of nothing ([`Tag::default`]): no predicate holds for it.
    #[default]
    XFw,
    /// A part of a word split in two ("goes with").
    XGw,
    /// A whole quotation, marks included: UPOS `X`, XPOS `QUOTE`. Never predicted, only given.
    Quote,
}

/// Each tag's UPOS, by [`Tag::index`].
// (Indexing in a constant's evaluation cannot panic at run time: an index out of range would
// fail the build.)
#[allow(clippy::indexing_slicing)]
const UPOS: [Upos; Tag::COUNT] = {
    let mut t = [Upos::X; Tag::COUNT];
    let mut i = 0;
    while i < Tag::COUNT {
        t[i] = Tag::ALL[i].info().0;
        i += 1;
    }
    t
};

/// The tags (bits by [`Tag::index`]) whose UPOS is `a` or `b`: a class test is then one shift
/// and one bit test, no table read.
// (Indexing in a constant's evaluation cannot panic at run time.)
#[allow(clippy::indexing_slicing)]
const fn upos_bits(a: Upos, b: Upos) -> u64 {
    let mut m = 0u64;
    let mut i = 0;
    while i < Tag::COUNT {
        let u = UPOS[i] as u8;
        if u == a as u8 || u == b as u8 {
            m |= 1 << i;
        }
        i += 1;
    }
    m
}

impl Tag {
    /// The number of tags.
    pub const COUNT: usize = 60;

    /// Every tag, in order of [`Tag::index`].
    pub const ALL: [Tag; Tag::COUNT] = {
        use Tag::*;
        [
            AdjJj,
            AdjJjr,
            AdjJjs,
            AdjNnp,
            AdpIn,
            AdpRp,
            AdvRb,
            AdvRbr,
            AdvRbs,
            AdvWrb,
            AuxMd,
            AuxVb,
            AuxVbd,
            AuxVbg,
            AuxVbn,
            AuxVbp,
            AuxVbz,
            CconjCc,
            DetDt,
            DetPdt,
            DetWdt,
            IntjUh,
            NounNn,
            NounNns,
            NumCd,
            PartPos,
            PartRb,
            PartTo,
            PronDt,
            PronEx,
            PronNn,
            PronPrp,
            PronPrpS,
            PronWdt,
            PronWp,
            PronWpS,
            PropnNnp,
            PropnNnps,
            PropnAdd,
            PunctComma,
            PunctPeriod,
            PunctColon,
            PunctLrb,
            PunctRrb,
            PunctOpenQuote,
            PunctCloseQuote,
            PunctHyph,
            PunctNfp,
            SconjIn,
            SymSym,
            SymDollar,
            VerbVb,
            VerbVbd,
            VerbVbg,
            VerbVbn,
            VerbVbp,
            VerbVbz,
            XFw,
            XGw,
            Quote,
        ]
    };

    /// The tag's index, `0..Tag::COUNT`.
    #[inline]
    pub fn index(self) -> usize {
        self as usize
    }

    /// The tag with index `i`, if there is one.
    #[inline]
    pub fn from_index(i: usize) -> Option<Tag> {
        Tag::ALL.get(i).copied()
    }

    /// Its Universal POS tag (`X` for [`Tag::Quote`]).
    pub fn upos(self) -> Upos {
        // (Read from a table: the analysis asks for it millions of times.)
        UPOS.get(self as usize).copied().unwrap_or(Upos::X)
    }

    /// Its Penn Treebank tag as UD English writes it (`VBD`, `-LRB-`, `` ` ``; `QUOTE` for
    /// [`Tag::Quote`]).
    pub fn xpos(self) -> &'static str {
        self.info().1
    }

    /// Its CoNLL-U FEATS, derived from the XPOS (`Mood=Ind|Tense=Past|VerbForm=Fin` for a
    /// `VBD`), or `_`.
    pub fn feats(self) -> &'static str {
        self.info().2
    }

    /// `UPOS/XPOS`, the name the model file and the trainer use (`VERB/VBD`).
    pub fn name(self) -> &'static str {
        self.info().3
    }

    /// The tag named `UPOS/XPOS`, exactly (no merging), if it is one.
    pub fn from_name(name: &str) -> Option<Tag> {
        Tag::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The class of a UD (UPOS, XPOS) pair: the pair itself when it is a class, else the most
    /// common class of the UPOS (`NOUN/FW` is `NOUN/NN`, `SYM/NFP` is `SYM/SYM`). `None` when
    /// `upos` is not a UPOS.
    pub fn from_ud(upos: &str, xpos: &str) -> Option<Tag> {
        let u = Upos::parse(upos)?;
        let exact = Tag::ALL
            .into_iter()
            .find(|t| *t != Tag::Quote && t.upos() == u && t.xpos() == xpos);
        Some(exact.unwrap_or(match u {
            Upos::Adj => Tag::AdjJj,
            Upos::Adp => Tag::AdpIn,
            Upos::Adv => Tag::AdvRb,
            Upos::Aux => Tag::AuxVb,
            Upos::Cconj => Tag::CconjCc,
            Upos::Det => Tag::DetDt,
            Upos::Intj => Tag::IntjUh,
            Upos::Noun => Tag::NounNn,
            Upos::Num => Tag::NumCd,
            Upos::Part => Tag::PartRb,
            Upos::Pron => Tag::PronPrp,
            Upos::Propn => Tag::PropnNnp,
            Upos::Punct => Tag::PunctNfp,
            Upos::Sconj => Tag::SconjIn,
            Upos::Sym => Tag::SymSym,
            Upos::Verb => Tag::VerbVb,
            Upos::X => Tag::XFw,
        }))
    }

    /// (UPOS, XPOS, FEATS, name).
    const fn info(self) -> (Upos, &'static str, &'static str, &'static str) {
        use Upos as U;
        const FIN_PAST: &str = "Mood=Ind|Tense=Past|VerbForm=Fin";
        const FIN_PRES: &str = "Mood=Ind|Tense=Pres|VerbForm=Fin";
        const FIN_3SG: &str = "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin";
        const PART: &str = "Tense=Past|VerbForm=Part";
        match self {
            Tag::AdjJj => (U::Adj, "JJ", "Degree=Pos", "ADJ/JJ"),
            Tag::AdjJjr => (U::Adj, "JJR", "Degree=Cmp", "ADJ/JJR"),
            Tag::AdjJjs => (U::Adj, "JJS", "Degree=Sup", "ADJ/JJS"),
            Tag::AdjNnp => (U::Adj, "NNP", "Degree=Pos", "ADJ/NNP"),
            Tag::AdpIn => (U::Adp, "IN", "_", "ADP/IN"),
            Tag::AdpRp => (U::Adp, "RP", "_", "ADP/RP"),
            Tag::AdvRb => (U::Adv, "RB", "_", "ADV/RB"),
            Tag::AdvRbr => (U::Adv, "RBR", "Degree=Cmp", "ADV/RBR"),
            Tag::AdvRbs => (U::Adv, "RBS", "Degree=Sup", "ADV/RBS"),
            Tag::AdvWrb => (U::Adv, "WRB", "PronType=Int,Rel", "ADV/WRB"),
            Tag::AuxMd => (U::Aux, "MD", "VerbForm=Fin", "AUX/MD"),
            Tag::AuxVb => (U::Aux, "VB", "VerbForm=Inf", "AUX/VB"),
            Tag::AuxVbd => (U::Aux, "VBD", FIN_PAST, "AUX/VBD"),
            Tag::AuxVbg => (U::Aux, "VBG", "VerbForm=Ger", "AUX/VBG"),
            Tag::AuxVbn => (U::Aux, "VBN", PART, "AUX/VBN"),
            Tag::AuxVbp => (U::Aux, "VBP", FIN_PRES, "AUX/VBP"),
            Tag::AuxVbz => (U::Aux, "VBZ", FIN_3SG, "AUX/VBZ"),
            Tag::CconjCc => (U::Cconj, "CC", "_", "CCONJ/CC"),
            Tag::DetDt => (U::Det, "DT", "_", "DET/DT"),
            Tag::DetPdt => (U::Det, "PDT", "_", "DET/PDT"),
            Tag::DetWdt => (U::Det, "WDT", "PronType=Int,Rel", "DET/WDT"),
            Tag::IntjUh => (U::Intj, "UH", "_", "INTJ/UH"),
            Tag::NounNn => (U::Noun, "NN", "Number=Sing", "NOUN/NN"),
            Tag::NounNns => (U::Noun, "NNS", "Number=Plur", "NOUN/NNS"),
            Tag::NumCd => (U::Num, "CD", "NumType=Card", "NUM/CD"),
            Tag::PartPos => (U::Part, "POS", "_", "PART/POS"),
            Tag::PartRb => (U::Part, "RB", "_", "PART/RB"),
            Tag::PartTo => (U::Part, "TO", "_", "PART/TO"),
            Tag::PronDt => (U::Pron, "DT", "_", "PRON/DT"),
            Tag::PronEx => (U::Pron, "EX", "_", "PRON/EX"),
            Tag::PronNn => (U::Pron, "NN", "_", "PRON/NN"),
            Tag::PronPrp => (U::Pron, "PRP", "PronType=Prs", "PRON/PRP"),
            Tag::PronPrpS => (U::Pron, "PRP$", "Poss=Yes|PronType=Prs", "PRON/PRP$"),
            Tag::PronWdt => (U::Pron, "WDT", "PronType=Int,Rel", "PRON/WDT"),
            Tag::PronWp => (U::Pron, "WP", "PronType=Int,Rel", "PRON/WP"),
            Tag::PronWpS => (U::Pron, "WP$", "Poss=Yes|PronType=Int,Rel", "PRON/WP$"),
            Tag::PropnNnp => (U::Propn, "NNP", "Number=Sing", "PROPN/NNP"),
            Tag::PropnNnps => (U::Propn, "NNPS", "Number=Plur", "PROPN/NNPS"),
            Tag::PropnAdd => (U::Propn, "ADD", "_", "PROPN/ADD"),
            Tag::PunctComma => (U::Punct, ",", "_", "PUNCT/,"),
            Tag::PunctPeriod => (U::Punct, ".", "_", "PUNCT/."),
            Tag::PunctColon => (U::Punct, ":", "_", "PUNCT/:"),
            Tag::PunctLrb => (U::Punct, "-LRB-", "_", "PUNCT/-LRB-"),
            Tag::PunctRrb => (U::Punct, "-RRB-", "_", "PUNCT/-RRB-"),
            Tag::PunctOpenQuote => (U::Punct, "``", "_", "PUNCT/``"),
            Tag::PunctCloseQuote => (U::Punct, "''", "_", "PUNCT/''"),
            Tag::PunctHyph => (U::Punct, "HYPH", "_", "PUNCT/HYPH"),
            Tag::PunctNfp => (U::Punct, "NFP", "_", "PUNCT/NFP"),
            Tag::SconjIn => (U::Sconj, "IN", "_", "SCONJ/IN"),
            Tag::SymSym => (U::Sym, "SYM", "_", "SYM/SYM"),
            Tag::SymDollar => (U::Sym, "$", "_", "SYM/$"),
            Tag::VerbVb => (U::Verb, "VB", "VerbForm=Inf", "VERB/VB"),
            Tag::VerbVbd => (U::Verb, "VBD", FIN_PAST, "VERB/VBD"),
            Tag::VerbVbg => (U::Verb, "VBG", "VerbForm=Ger", "VERB/VBG"),
            Tag::VerbVbn => (U::Verb, "VBN", PART, "VERB/VBN"),
            Tag::VerbVbp => (U::Verb, "VBP", FIN_PRES, "VERB/VBP"),
            Tag::VerbVbz => (U::Verb, "VBZ", FIN_3SG, "VERB/VBZ"),
            Tag::XFw => (U::X, "FW", "Foreign=Yes", "X/FW"),
            Tag::XGw => (U::X, "GW", "_", "X/GW"),
            Tag::Quote => (U::X, "QUOTE", "_", "QUOTE"),
        }
    }

    /// Whether the tag's bit is set in `bits` (by [`Tag::index`]; every index is below 64).
    #[inline]
    fn in_bits(self, bits: u64) -> bool {
        bits >> (self as u32 & 63) & 1 != 0
    }

    /// A verb: lexical or auxiliary (`VERB` or `AUX`).
    pub fn is_verb(self) -> bool {
        self.in_bits(const { upos_bits(Upos::Verb, Upos::Aux) })
    }

    /// An auxiliary or modal (`AUX`: "is", "has", "will", "did").
    pub fn is_aux(self) -> bool {
        self.in_bits(const { upos_bits(Upos::Aux, Upos::Aux) })
    }

    /// A finite verb form: `VBD`, `VBP`, `VBZ` or `MD`.
    pub fn is_finite(self) -> bool {
        matches!(
            self,
            Tag::AuxMd
                | Tag::AuxVbd
                | Tag::AuxVbp
                | Tag::AuxVbz
                | Tag::VerbVbd
                | Tag::VerbVbp
                | Tag::VerbVbz
        )
    }

    /// A past tense (`VBD`).
    pub fn is_past(self) -> bool {
        matches!(self, Tag::VerbVbd | Tag::AuxVbd)
    }

    /// A past participle (`VBN`).
    pub fn is_participle(self) -> bool {
        matches!(self, Tag::VerbVbn | Tag::AuxVbn)
    }

    /// A gerund or present participle (`VBG`).
    pub fn is_gerund(self) -> bool {
        matches!(self, Tag::VerbVbg | Tag::AuxVbg)
    }

    /// A base form (`VB`: an infinitive, an imperative, a subjunctive).
    pub fn is_base(self) -> bool {
        matches!(self, Tag::VerbVb | Tag::AuxVb)
    }

    /// A noun, common or proper (`NOUN` or `PROPN`; see [`Tag::is_proper`]).
    pub fn is_noun(self) -> bool {
        self.in_bits(const { upos_bits(Upos::Noun, Upos::Propn) })
    }

    /// A proper noun (`PROPN`).
    pub fn is_proper(self) -> bool {
        self.in_bits(const { upos_bits(Upos::Propn, Upos::Propn) })
    }

    /// A plural noun (`NNS` or `NNPS`).
    pub fn is_plural(self) -> bool {
        matches!(self, Tag::NounNns | Tag::PropnNnps)
    }

    /// A pronoun (`PRON`: personal, possessive, demonstrative, relative, "there" …).
    pub fn is_pronoun(self) -> bool {
        self.in_bits(const { upos_bits(Upos::Pron, Upos::Pron) })
    }

    /// A determiner (`DET`).
    pub fn is_det(self) -> bool {
        self.in_bits(const { upos_bits(Upos::Det, Upos::Det) })
    }

    /// An adjective (`ADJ`).
    pub fn is_adj(self) -> bool {
        self.in_bits(const { upos_bits(Upos::Adj, Upos::Adj) })
    }

    /// An adverb (`ADV`; not the negation "not", which is `PART/RB`).
    pub fn is_adv(self) -> bool {
        self.in_bits(const { upos_bits(Upos::Adv, Upos::Adv) })
    }

    /// An adposition (`ADP`: a preposition, or a verb particle `RP`).
    pub fn is_adp(self) -> bool {
        self.in_bits(const { upos_bits(Upos::Adp, Upos::Adp) })
    }

    /// A subordinating conjunction (`SCONJ`: "that", "if", "because", "whether").
    pub fn is_sconj(self) -> bool {
        self == Tag::SconjIn
    }

    /// A coordinating conjunction (`CCONJ`).
    pub fn is_cconj(self) -> bool {
        self == Tag::CconjCc
    }

    /// A numeral (`NUM`).
    pub fn is_num(self) -> bool {
        self == Tag::NumCd
    }

    /// Punctuation (`PUNCT`).
    pub fn is_punct(self) -> bool {
        self.in_bits(const { upos_bits(Upos::Punct, Upos::Punct) })
    }

    /// A whole quotation ([`Tag::Quote`]).
    pub fn is_quote(self) -> bool {
        self == Tag::Quote
    }

    /// The infinitive marker "to" (`PART/TO`).
    pub fn is_to(self) -> bool {
        self == Tag::PartTo
    }
}

/// A set of tags, a bit each by [`Tag::index`]: a tag is tested against it with one shift and
/// one bit test, however many classes and tags it unites (where a chain of class tests would
/// test each in turn).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TagSet(u64);

impl TagSet {
    /// No tag.
    pub const EMPTY: TagSet = TagSet(0);
    /// The verbs, lexical or auxiliary ([`Tag::is_verb`]).
    pub const VERB: TagSet = TagSet(upos_bits(Upos::Verb, Upos::Aux));
    /// The nouns, common or proper ([`Tag::is_noun`]).
    pub const NOUN: TagSet = TagSet(upos_bits(Upos::Noun, Upos::Propn));
    /// The common nouns (`NOUN`: [`Tag::is_noun`] and not [`Tag::is_proper`]).
    pub const COMMON_NOUN: TagSet = TagSet(upos_bits(Upos::Noun, Upos::Noun));
    /// The determiners ([`Tag::is_det`]).
    pub const DET: TagSet = TagSet(upos_bits(Upos::Det, Upos::Det));
    /// The adjectives ([`Tag::is_adj`]).
    pub const ADJ: TagSet = TagSet(upos_bits(Upos::Adj, Upos::Adj));
    /// The adverbs ([`Tag::is_adv`]).
    pub const ADV: TagSet = TagSet(upos_bits(Upos::Adv, Upos::Adv));
    /// The adpositions ([`Tag::is_adp`]).
    pub const ADP: TagSet = TagSet(upos_bits(Upos::Adp, Upos::Adp));
    /// The auxiliaries ([`Tag::is_aux`]).
    pub const AUX: TagSet = TagSet(upos_bits(Upos::Aux, Upos::Aux));
    /// The pronouns ([`Tag::is_pronoun`]).
    pub const PRONOUN: TagSet = TagSet(upos_bits(Upos::Pron, Upos::Pron));
    /// The proper nouns ([`Tag::is_proper`]).
    pub const PROPER: TagSet = TagSet(upos_bits(Upos::Propn, Upos::Propn));

    /// The set of bits `bits` by [`Tag::index`] (the model's ambiguity classes are such bits).
    pub const fn of_bits(bits: u64) -> TagSet {
        TagSet(bits)
    }

    /// Whether the two sets share a tag.
    pub fn overlaps(self, other: TagSet) -> bool {
        self.0 & other.0 != 0
    }

    /// The set of `tags`.
    // (Indexing in a constant's evaluation cannot panic at run time.)
    #[allow(clippy::indexing_slicing)]
    pub const fn of(tags: &[Tag]) -> TagSet {
        let mut s = TagSet::EMPTY;
        let mut i = 0;
        while i < tags.len() {
            s = s.with(tags[i]);
            i += 1;
        }
        s
    }

    /// The participles and gerunds ([`Tag::is_participle`], [`Tag::is_gerund`]).
    pub const PARTICIPLE: TagSet =
        TagSet::of(&[Tag::VerbVbn, Tag::AuxVbn, Tag::VerbVbg, Tag::AuxVbg]);

    /// The set without tag `t`.
    pub const fn without(self, t: Tag) -> TagSet {
        TagSet(self.0 & !(1 << (t as u32 & 63)))
    }

    /// The set with tag `t` too.
    pub const fn with(self, t: Tag) -> TagSet {
        TagSet(self.0 | 1 << (t as u32 & 63))
    }

    /// The tags of either set.
    pub const fn or(self, other: TagSet) -> TagSet {
        TagSet(self.0 | other.0)
    }

    /// Whether `t` is in the set.
    #[inline]
    pub fn has(self, t: Tag) -> bool {
        t.in_bits(self.0)
    }
}

impl std::fmt::Display for Tag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_sets_hold_the_tags_their_class_tests_pass() {
        let s = TagSet::ADV
            .or(TagSet::ADJ)
            .with(Tag::VerbVbn)
            .with(Tag::SconjIn);
        for t in Tag::ALL {
            assert_eq!(TagSet::VERB.has(t), t.is_verb(), "{t:?}");
            assert_eq!(TagSet::NOUN.has(t), t.is_noun(), "{t:?}");
            assert_eq!(TagSet::COMMON_NOUN.has(t), t.is_noun() && !t.is_proper());
            assert_eq!(TagSet::DET.has(t), t.is_det(), "{t:?}");
            assert_eq!(TagSet::ADJ.has(t), t.is_adj(), "{t:?}");
            assert_eq!(TagSet::ADV.has(t), t.is_adv(), "{t:?}");
            assert_eq!(TagSet::ADP.has(t), t.is_adp(), "{t:?}");
            assert_eq!(TagSet::AUX.has(t), t.is_aux(), "{t:?}");
            assert_eq!(TagSet::PRONOUN.has(t), t.is_pronoun(), "{t:?}");
            assert!(!TagSet::EMPTY.has(t));
            let want = t.is_adv() || t.is_adj() || matches!(t, Tag::VerbVbn | Tag::SconjIn);
            assert_eq!(s.has(t), want, "{t:?}");
            let verbal = t.is_participle() || t.is_gerund();
            assert_eq!(TagSet::PARTICIPLE.has(t), verbal, "{t:?}");
            assert!(TagSet::of(&[Tag::NumCd, t]).has(t));
            let adv = TagSet::ADV.without(Tag::AdvWrb);
            assert_eq!(adv.has(t), t.is_adv() && t != Tag::AdvWrb, "{t:?}");
        }
    }

    #[test]
    fn class_tests_read_the_upos() {
        for t in Tag::ALL {
            let u = t.upos();
            assert_eq!(t.is_verb(), matches!(u, Upos::Verb | Upos::Aux), "{t:?}");
            assert_eq!(t.is_aux(), u == Upos::Aux, "{t:?}");
            assert_eq!(t.is_noun(), matches!(u, Upos::Noun | Upos::Propn), "{t:?}");
            assert_eq!(t.is_proper(), u == Upos::Propn, "{t:?}");
            assert_eq!(t.is_pronoun(), u == Upos::Pron, "{t:?}");
            assert_eq!(t.is_det(), u == Upos::Det, "{t:?}");
            assert_eq!(t.is_adj(), u == Upos::Adj, "{t:?}");
            assert_eq!(t.is_adv(), u == Upos::Adv, "{t:?}");
            assert_eq!(t.is_adp(), u == Upos::Adp, "{t:?}");
            assert_eq!(t.is_punct(), u == Upos::Punct, "{t:?}");
        }
    }

    #[test]
    fn indices_names_and_pairs_agree() {
        for (i, t) in Tag::ALL.into_iter().enumerate() {
            assert_eq!(t.index(), i);
            assert_eq!(Tag::from_index(i), Some(t));
            assert_eq!(Tag::from_name(t.name()), Some(t));
            if t != Tag::Quote {
                assert_eq!(t.name(), format!("{}/{}", t.upos(), t.xpos()));
                assert_eq!(Tag::from_ud(t.upos().as_str(), t.xpos()), Some(t));
            }
            // The tables agree with the tag's description.
            assert_eq!(t.upos(), t.info().0);
            let finite = matches!(t.xpos(), "VBD" | "VBP" | "VBZ" | "MD");
            assert_eq!(t.is_finite(), t.is_verb() && finite, "{t}");
        }
        assert_eq!(Tag::from_index(Tag::COUNT), None);
    }

    #[test]
    fn rare_pairs_merge_into_their_upos() {
        assert_eq!(Tag::from_ud("NOUN", "FW"), Some(Tag::NounNn));
        assert_eq!(Tag::from_ud("SYM", "NFP"), Some(Tag::SymSym));
        assert_eq!(Tag::from_ud("VERB", "NNP"), Some(Tag::VerbVb));
        assert_eq!(Tag::from_ud("ADP", "TO"), Some(Tag::AdpIn));
        assert_eq!(Tag::from_ud("NOPE", "NN"), None);
    }

    #[test]
    fn predicates_read_the_pair() {
        assert!(Tag::AuxVbd.is_verb() && Tag::AuxVbd.is_aux() && Tag::AuxVbd.is_past());
        assert!(Tag::VerbVbd.is_finite() && !Tag::VerbVbd.is_aux());
        assert!(Tag::AuxMd.is_finite() && !Tag::VerbVbn.is_finite());
        assert!(Tag::VerbVbn.is_participle() && Tag::VerbVbg.is_gerund());
        assert!(Tag::VerbVb.is_base() && !Tag::VerbVb.is_finite());
        assert!(Tag::PropnNnps.is_noun() && Tag::PropnNnps.is_proper());
        assert!(Tag::PropnNnps.is_plural() && Tag::NounNns.is_plural());
        assert!(!Tag::NounNn.is_proper() && !Tag::PronNn.is_noun());
        assert!(Tag::PartTo.is_to() && !Tag::AdpIn.is_to());
        assert!(Tag::SconjIn.is_sconj() && !Tag::AdpIn.is_sconj() && Tag::AdpIn.is_adp());
        assert!(Tag::Quote.is_quote() && Tag::Quote.upos() == Upos::X);
        assert!(Tag::PunctLrb.is_punct() && Tag::NumCd.is_num());
        assert_eq!(Tag::NounNns.feats(), "Number=Plur");
        assert!(Tag::VerbVbz.feats().contains("VerbForm=Fin"));
        let nothing = Tag::default();
        assert!(!nothing.is_verb() && !nothing.is_noun() && !nothing.is_punct());
    }
}
