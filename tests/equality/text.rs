//! The words of a generated site: titles, sentences, bodies, the headings
//! that `[[id#heading]]` links point to, and dates of every precision.

use crate::rng::Rng;

pub const WORDS: &[&str] = &[
    "motion", "hearing", "order", "appeal", "notice", "filing", "ruling", "brief", "claim",
    "court", "hosting", "contract", "breach", "relief", "docket", "record", "exhibit", "witness",
    "service", "outage", "server", "counsel", "remand", "verdict",
];

/// Words that test escaping and non-ASCII text where they end up in HTML.
const ODD_WORDS: &[&str] = &[
    "Müller",
    "&",
    "<b>",
    "\"quoted\"",
    "§ 230",
    "O'Neil",
    "Ärger",
];

/// The headings a body can link to: the text in the main file, the text in
/// a translation, and the anchor both give (explicit `{#id}` or the slug of
/// the text, SPEC §4 and the README's "Heading ids").
pub const HEADINGS: &[(&str, &str, &str)] = &[
    ("Background", "Hintergrund {#background}", "background"),
    (
        "The ruling {#ruling}",
        "Die Entscheidung {#ruling}",
        "ruling",
    ),
    (
        "What happened next",
        "Wie es weiterging {#what-happened-next}",
        "what-happened-next",
    ),
    (
        "Über uns & die Methode (2021)",
        "Über uns & die Methode (2021)",
        "über-uns-die-methode-2021",
    ),
];

/// A title of two to five words, now and then with an odd one.
pub fn title(rng: &mut Rng) -> String {
    let mut words: Vec<String> = (0..rng.range(2, 5))
        .map(|_| rng.pick(WORDS).to_string())
        .collect();
    if rng.chance(25) {
        let at = rng.below(words.len());
        words[at] = rng.pick(ODD_WORDS).to_string();
    }
    capitalized(words.join(" "))
}

/// `text` with its first letter upper case (when ASCII).
pub fn capitalized(mut text: String) -> String {
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    text
}

pub fn sentence(rng: &mut Rng) -> String {
    let mut words: Vec<String> = (0..rng.range(4, 12))
        .map(|_| rng.pick(WORDS).to_string())
        .collect();
    if rng.chance(20) {
        let at = rng.below(words.len());
        words[at] = format!("*{}*", words[at]);
    }
    capitalized(words.join(" ")) + "."
}

pub fn paragraph(rng: &mut Rng) -> String {
    (0..rng.range(1, 4))
        .map(|_| sentence(rng))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A body of a few blocks with `links` (whole wiki links, as written) put
/// into random blocks.
pub fn body(rng: &mut Rng, links: Vec<String>) -> String {
    let mut blocks = vec![paragraph(rng)];
    if rng.chance(40) {
        blocks.push(format!("## {}", title(rng).replace(['<', '>'], "")));
        blocks.push(paragraph(rng));
    }
    if rng.chance(30) {
        blocks.push(format!("- {}\n- {}", sentence(rng), sentence(rng)));
    }
    if rng.chance(15) {
        // Nothing inside code is a link (SPEC §4).
        blocks.push("`[[not-a-link]]` stays as it is.".to_owned());
    }
    for link in links {
        let at = rng.below(blocks.len());
        blocks[at] += &format!(" {link}");
    }
    blocks.join("\n\n")
}

/// A date: its text and the first day of its span, with its precision
/// (0 year, 1 month, 2 day, 3 time).
#[derive(Clone, Copy, Debug)]
pub struct Start {
    pub year: usize,
    pub month: usize,
    pub day: usize,
    pub precision: usize,
}

/// A date in one of the forms of SPEC §3, in 2019–2023.
pub fn date(rng: &mut Rng) -> String {
    dated(rng).0
}

/// A date in one of the forms of SPEC §3, in 2019–2023, with its start.
pub fn dated(rng: &mut Rng) -> (String, Start) {
    let (year, month, day) = (rng.range(2019, 2023), rng.range(1, 12), rng.range(1, 28));
    let form = rng.weighted(&[2, 3, 10, 2, 2, 2, 2]);
    let text = match form {
        0 => format!("{year}"),
        1 => format!("{year}-{month:02}"),
        2 => format!("{year}-{month:02}-{day:02}"),
        3 => format!("\"{year}-{month:02}-{day:02}\""),
        4 => format!(
            "{year}-{month:02}-{day:02}T{:02}:{:02}:00Z",
            rng.below(24),
            rng.below(60)
        ),
        5 => format!("{year}-{month:02}-{day:02}T{:02}:30+02:00", rng.below(24)),
        _ => format!(
            "\"{year}-{month:02}-{day:02}T{:02}:{:02}:{:02}\"",
            rng.below(24),
            rng.below(60),
            rng.below(60)
        ),
    };
    let precision = match form {
        0 => 0,
        1 => 1,
        2 | 3 => 2,
        _ => 3,
    };
    let start = Start {
        year,
        month,
        day,
        precision,
    };
    (text, start)
}

/// An `end` that is not before `start` (SPEC §3): a later day of the same
/// month, a later month of the same year, or a later year, each at a
/// precision of its own.
pub fn end_after(rng: &mut Rng, start: Start) -> String {
    let Start {
        year, month, day, ..
    } = start;
    match rng.below(3) {
        0 if start.precision >= 2 && day < 28 => {
            format!("{year}-{month:02}-{:02}", rng.range(day + 1, 28))
        }
        1 if start.precision >= 1 && month < 12 => {
            let later = rng.range(month + 1, 12);
            if rng.chance(50) {
                format!("{year}-{later:02}")
            } else {
                format!("{year}-{later:02}-{:02}", rng.range(1, 28))
            }
        }
        _ => {
            let later = rng.range(year + 1, 2024);
            match rng.below(3) {
                0 => format!("{later}"),
                1 => format!("{later}-{:02}", rng.range(1, 12)),
                _ => format!("{later}-{:02}-{:02}", rng.range(1, 12), rng.range(1, 28)),
            }
        }
    }
}

/// The start of a date as written (`"2021-03-04T10:00Z"` → 2021-03-04,
/// time precision). Only for dates this test wrote.
pub fn start_of(written: &str) -> Start {
    let written = written.trim_matches('"');
    let (day, time) = match written.split_once('T') {
        Some((day, _)) => (day, true),
        None => (written, false),
    };
    let parts: Vec<usize> = day.split('-').map(|p| p.parse().unwrap_or(1)).collect();
    Start {
        year: parts[0],
        month: parts.get(1).copied().unwrap_or(1),
        day: parts.get(2).copied().unwrap_or(1),
        precision: if time { 3 } else { parts.len() - 1 },
    }
}
