//! Each rule's measured precision and recall, from `src/check/measured.tsv`: the labelled set in
//! `tests/gate` (rows `gate`, written by `scripts/precision.py --write`, which CI checks) and
//! local labelled samples of PolNeAR news texts (rows `polnear-…`, whose labels and texts stay
//! outside the repository). `quotecheck rule NAME`, `docs/rules.md` and the README show them.

/// The table, one row a line: rule, sample, documents, findings, right, expected, caught.
const TABLE: &str = include_str!("measured.tsv");

/// One measurement of one rule on one sample.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Measure {
    /// The rule id.
    pub rule: &'static str,
    /// `gate` (the committed labelled set) or `polnear-dev`, `polnear-train`.
    pub sample: &'static str,
    /// Documents in the sample.
    pub documents: usize,
    /// Findings labelled.
    pub findings: usize,
    /// Findings an editor would act on.
    pub right: usize,
    /// Findings the labels expect (right ones and misses), when misses were labelled.
    pub expected: Option<usize>,
    /// Expected findings that fired.
    pub caught: Option<usize>,
}

impl Measure {
    /// `right / findings`.
    pub fn precision(&self) -> Option<f64> {
        (self.findings > 0).then(|| self.right as f64 / self.findings as f64)
    }

    /// `caught / expected`.
    pub fn recall(&self) -> Option<f64> {
        match (self.caught, self.expected) {
            (Some(c), Some(e)) if e > 0 => Some(c as f64 / e as f64),
            _ => None,
        }
    }
}

/// Every row of the table (comment lines and malformed rows are skipped).
pub fn all() -> Vec<Measure> {
    TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let f: Vec<&'static str> = l.split('\t').collect();
            let num = |i: usize| f.get(i).and_then(|x| x.parse::<usize>().ok());
            Some(Measure {
                rule: f.first()?,
                sample: f.get(1)?,
                documents: num(2)?,
                findings: num(3)?,
                right: num(4)?,
                expected: num(5),
                caught: num(6),
            })
        })
        .collect()
}

/// The measurements of rule `id`.
pub fn of(id: &str) -> Vec<Measure> {
    all().into_iter().filter(|m| m.rule == id).collect()
}

fn sample_name(m: &Measure) -> String {
    match m.sample {
        "gate" => format!(
            "the labelled set in `tests/gate` ({} documents of the project's own copy)",
            m.documents
        ),
        "polnear-dev" => format!(
            "{} PolNeAR dev articles (US political news; labels kept outside the repository)",
            m.documents
        ),
        "polnear-train" => format!(
            "the {} PolNeAR train articles (a sample of their findings labelled; these texts \
             were studied while the rules were written)",
            m.documents
        ),
        other => format!("{other} ({} documents)", m.documents),
    }
}

/// The "Measured." paragraph of rule `id`'s documentation, if it has been measured.
pub fn paragraph(id: &str) -> Option<String> {
    let rows = of(id);
    if rows.is_empty() {
        return None;
    }
    let parts: Vec<String> = rows
        .iter()
        .map(|m| {
            let p = match m.precision() {
                Some(p) => format!(
                    "precision {p:.2} ({} of {} findings right)",
                    m.right, m.findings
                ),
                None => "no findings".to_string(),
            };
            let r = match (m.recall(), m.caught, m.expected) {
                (Some(r), Some(c), Some(e)) => format!(", recall {r:.2} ({c} of {e} expected)"),
                _ => String::new(),
            };
            format!("on {}: {p}{r}", sample_name(m))
        })
        .collect();
    let mut text = format!("**Measured.** {}.", parts.join("; "));
    if let Some(first) = text.get(14..15) {
        text.replace_range(14..15, &first.to_uppercase());
    }
    Some(wrap(&text, 96))
}

/// `text` with line breaks between words so that no line is longer than `width` characters.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / width + 1);
    let mut line = 0;
    for word in text.split(' ') {
        let n = word.chars().count();
        if line > 0 && line + 1 + n > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += n;
    }
    out
}
