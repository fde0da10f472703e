//! Front matter: one content file's text → a typed `Document`.
//!
//! Splits the YAML block from the Markdown body, reads the keys of the file's
//! type (SPEC §3) and checks each value that YAML types cannot: keywords,
//! dates, the `end` after `date`. Every problem comes back with its position
//! in the whole file; nothing here looks at other files.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::diagnostic::Position;
use crate::load::yaml::{Ids, Located, Marked, Pairs, Scalar, Yaml};
use crate::markdown;
use crate::model::date::CaseDate;
use crate::model::href::{self, Href};
use crate::model::language::LanguageTag;
use crate::model::{
    ClaimData, ClaimStatus, Correction, Document, Entity, EntityId, EntityKind, EventData,
    PageData, PartyData, PartyKind, Placed, Ref, Role, SourceData, SourceKind,
};

/// The front matter's YAML starts on the line below the opening `---`.
const YAML_ORIGIN: Position = Position { line: 2, column: 1 };

/// The split file: the front matter's text and the body's, with its origin.
struct Split<'a> {
    yaml: &'a str,
    body: &'a str,
    body_origin: Position,
}

fn split(text: &str) -> Result<Split<'_>, Located> {
    if text.trim().is_empty() {
        return Err((
            Position::START,
            "the file is empty: it needs front matter between two --- lines, with at least a title"
                .to_owned(),
        ));
    }
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "---" {
        return Err((
            Position::START,
            "missing front matter: the file must start with a line --- (then the YAML keys, then another ---)".to_owned(),
        ));
    }
    let yaml_start = (first_line_end + 1).min(text.len());
    let mut line_start = yaml_start;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |at| line_start + at);
        if text[line_start..line_end].trim_end() == "---" {
            let body_start = (line_end + 1).min(text.len());
            return Ok(Split {
                yaml: &text[yaml_start..line_start],
                body: &text[body_start..],
                body_origin: Position::of_offset(text, body_start, Position::START),
            });
        }
        line_start = line_end + 1;
    }
    Err((
        Position::START,
        "unclosed front matter: the opening --- has no closing --- line".to_owned(),
    ))
}

/// Keys every type has.
const COMMON: [&str; 5] = ["title", "summary", "draft", "updated", "corrections"];

/// Declares a front-matter struct with the keys every type has, plus its own.
/// (serde's `flatten` would lose the positions and `deny_unknown_fields`.)
macro_rules! front {
    ($vis:vis $name:ident { $($(#[$attr:meta])* $field:ident: $type:ty),* $(,)? }) => {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        $vis struct $name {
            // Optional here so that a missing title hides no other error.
            title: Option<Scalar>,
            summary: Option<Scalar>,
            #[serde(default)]
            draft: bool,
            updated: Option<Scalar>,
            #[serde(default)]
            corrections: Vec<Marked<CorrectionFront>>,
            $($(#[$attr])* $field: $type),*
        }

        impl $name {
            fn common(&self) -> Common {
                Common {
                    title: self.title.clone(),
                    summary: self.summary.clone(),
                    draft: self.draft,
                    updated: self.updated.clone(),
                    corrections: self.corrections.clone(),
                }
            }
        }
    };
}

struct Common {
    title: Option<Scalar>,
    summary: Option<Scalar>,
    draft: bool,
    updated: Option<Scalar>,
    corrections: Vec<Marked<CorrectionFront>>,
}

/// One item of `corrections`: `{date: 2021-02-03, text: "…"}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct CorrectionFront {
    date: Marked<Scalar>,
    text: String,
}

front!(OverviewFront {});

mod proceeding;
mod translation;
use proceeding::{one_ref, outcomes, proceeding};
pub(crate) use translation::parse_translation;

front!(PartyFront {
    kind: Option<String>,
    role: Option<String>,
    #[serde(default)]
    aliases: Ids,
    website: Option<String>,
});

front!(ClaimFront {
    #[serde(default)]
    by: Ids,
    #[serde(default)]
    against: Ids,
    basis: Option<String>,
    status: Option<String>,
    #[serde(default)]
    sources: Ids,
    proceeding: Option<Marked<Scalar>>,
});

front!(EventFront {
    date: Option<Scalar>,
    end: Option<Scalar>,
    #[serde(default)]
    approximate: bool,
    #[serde(default)]
    parties: Ids,
    #[serde(default)]
    claims: Ids,
    #[serde(default)]
    sources: Ids,
    proceeding: Option<Marked<Scalar>>,
    #[serde(default)]
    outcomes: Pairs,
});

front!(SourceFront {
    publisher: Option<String>,
    url: Option<String>,
    date: Option<Scalar>,
    kind: Option<String>,
    language: Option<String>,
    file: Option<String>,
});

front!(PageFront {
    weight: Option<f64>,
});

/// The keys a type accepts, for unknown-key messages.
pub(crate) fn keys_of(kind: EntityKind) -> Vec<&'static str> {
    let own: &[&str] = match kind {
        EntityKind::Party => &["kind", "role", "aliases", "website"],
        EntityKind::Claim => &["by", "against", "basis", "status", "sources", "proceeding"],
        EntityKind::Event => &[
            "date",
            "end",
            "approximate",
            "parties",
            "claims",
            "sources",
            "proceeding",
            "outcomes",
        ],
        EntityKind::Source => &["publisher", "url", "date", "kind", "language", "file"],
        EntityKind::Page => &["weight"],
        EntityKind::Proceeding => &["court", "docket", "from", "via"],
        EntityKind::Index => &[],
    };
    COMMON.iter().chain(own).copied().collect()
}

/// A file's text cut into front matter and body, its front matter read as
/// YAML: without these nothing of the file can be read.
fn front_matter(text: &str) -> Result<(Split<'_>, Yaml), Located> {
    let split = split(text)?;
    let yaml = Yaml::parse(split.yaml, YAML_ORIGIN)?;
    Ok((split, yaml))
}

/// Parses one content file of a known type: the document, if enough of it
/// could be read, and every error in it. A document with errors is still
/// loaded so that its references are checked too (the build stops anyway);
/// what was wrong in it is left at its default.
pub(crate) fn parse_document(
    kind: EntityKind,
    id: EntityId,
    file: &Path,
    text: &str,
) -> (Option<Document>, Vec<Located>) {
    let (split, yaml) = match front_matter(text) {
        Ok(parsed) => parsed,
        Err(error) => return (None, vec![error]),
    };
    let keys = keys_of(kind);
    let mut checks = Checks {
        yaml: &yaml,
        errors: Vec::new(),
        unread: Vec::new(),
    };
    let place = Place {
        id,
        file,
        split: &split,
    };
    let document = match kind {
        EntityKind::Party => checks.read(&keys).map(|front| {
            let (common, data) = party(front, &mut checks);
            Document::Party(checks.entity(common, place, data))
        }),
        EntityKind::Claim => checks.read(&keys).map(|front| {
            let (common, data) = claim(front, &mut checks);
            Document::Claim(checks.entity(common, place, data))
        }),
        EntityKind::Event => checks.read(&keys).map(|front| {
            let (common, data) = event(front, &mut checks);
            Document::Event(checks.entity(common, place, data))
        }),
        EntityKind::Source => checks.read(&keys).map(|front| {
            let (common, data) = source(front, &mut checks);
            Document::Source(checks.entity(common, place, data))
        }),
        EntityKind::Proceeding => checks.read(&keys).map(|front| {
            let (common, data) = proceeding(front, &mut checks);
            Document::Proceeding(checks.entity(common, place, data))
        }),
        EntityKind::Page => checks.read(&keys).map(|front: PageFront| {
            let data = PageData {
                weight: front.weight.unwrap_or(0.0),
            };
            Document::Page(checks.entity(front.common(), place, data))
        }),
        EntityKind::Index => checks.read(&keys).map(|front: OverviewFront| {
            Document::Overview(checks.entity(front.common(), place, ()))
        }),
    };
    // Without a readable `draft`, neither the references of the file nor the
    // references to it can be judged: it is checked, but not loaded.
    let draft_unread = checks.unread.iter().any(|key| key == "draft");
    (document.filter(|_| !draft_unread), checks.errors)
}

fn party(front: PartyFront, checks: &mut Checks) -> (Common, PartyData) {
    let common = front.common();
    let data = PartyData {
        kind: checks
            .keyword("kind", front.kind.as_deref(), PartyKind::parse)
            .unwrap_or(PartyKind::Other),
        role: checks
            .keyword("role", front.role.as_deref(), Role::parse)
            .unwrap_or(Role::Other),
        aliases: front
            .aliases
            .0
            .into_iter()
            .map(|alias| alias.value)
            .collect(),
        website: checks.url("website", front.website),
    };
    (common, data)
}

fn claim(front: ClaimFront, checks: &mut Checks) -> (Common, ClaimData) {
    if front.by.0.is_empty() && !checks.unread("by") {
        checks.error_at(
            "by",
            "a claim needs \"by\": the id of at least one party bringing it",
        );
    }
    let common = front.common();
    let data = ClaimData {
        by: refs(front.by),
        against: refs(front.against),
        basis: front.basis,
        status: checks
            .keyword("status", front.status.as_deref(), ClaimStatus::parse)
            .map(|value| Placed {
                value,
                at: checks.yaml.value_at("status"),
            }),
        sources: refs(front.sources),
        proceeding: front.proceeding.map(one_ref),
    };
    (common, data)
}

/// An event without a valid date is only loaded to check its references: a
/// file with errors never reaches the timeline.
fn event(front: EventFront, checks: &mut Checks) -> (Common, EventData) {
    let common = front.common();
    let date = match front.date {
        Some(date) => checks.date("date", date),
        None if checks.unread("date") => None,
        None => {
            checks.error_at(
                "title",
                "an event needs a \"date\" (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM)",
            );
            None
        }
    };
    let end = front.end.and_then(|end| checks.date("end", end));
    if let (Some(date), Some(end)) = (&date, &end) {
        if end.span_end() < date.span_start() {
            checks.error_at("end", &format!("the end {end} is before the date {date}"));
        }
    }
    let (outcome_claims, outcomes) = outcomes(front.outcomes, checks);
    let data = EventData {
        date: date.unwrap_or_else(|| CaseDate::parse(UNREAD_DATE).expect("a valid date")),
        end,
        approximate: front.approximate,
        parties: refs(front.parties),
        claims: refs(front.claims),
        sources: refs(front.sources),
        proceeding: front.proceeding.map(one_ref),
        outcome_claims,
        outcomes,
    };
    (common, data)
}

/// Stands in for an event date that could not be read (see `event`).
const UNREAD_DATE: &str = "1970";

fn source(front: SourceFront, checks: &mut Checks) -> (Common, SourceData) {
    let common = front.common();
    let language = front
        .language
        .and_then(|tag| match LanguageTag::parse(&tag) {
            Ok(tag) => Some(tag),
            Err(message) => {
                checks.error_at("language", &message);
                None
            }
        });
    let document = front.file.map(|name| (name, checks.yaml.value_at("file")));
    let data = SourceData {
        publisher: front.publisher,
        url: checks.url("url", front.url),
        date: front.date.and_then(|date| checks.date("date", date)),
        kind: checks
            .keyword("kind", front.kind.as_deref(), SourceKind::parse)
            .unwrap_or(SourceKind::Other),
        language,
        document,
    };
    (common, data)
}

/// Each id with the position it was written at, a repeated one too.
fn refs(ids: Ids) -> Vec<Ref> {
    ids.0
        .into_iter()
        .map(|id| Ref {
            id: id.value,
            at: id.at,
        })
        .collect()
}

/// Where an entity comes from: its id, its file and the file's parts.
struct Place<'a> {
    id: EntityId,
    file: &'a Path,
    split: &'a Split<'a>,
}

/// Value checks beyond YAML's types, collecting every problem.
struct Checks<'a> {
    yaml: &'a Yaml,
    errors: Vec<Located>,
    /// Keys written but not read (see `Read::unread`).
    unread: Vec<String>,
}

impl Checks<'_> {
    /// The front matter as far as it can be read; its errors are kept.
    fn read<T: DeserializeOwned>(&mut self, keys: &[&str]) -> Option<T> {
        let read = self.yaml.deserialize(keys);
        self.errors.extend(read.errors);
        self.unread = read.unread;
        read.value
    }

    /// Whether `key` was written but not read (misspelled, or a wrong
    /// value): its own error is reported, so it is not missing too.
    fn unread(&self, key: &str) -> bool {
        self.unread.iter().any(|written| written == key)
    }

    fn error_at(&mut self, key: &str, message: &str) {
        self.errors
            .push((self.yaml.value_at(key), message.to_owned()));
    }

    fn keyword<T>(
        &mut self,
        key: &str,
        value: Option<&str>,
        parse: fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        match parse(value?) {
            Ok(parsed) => Some(parsed),
            Err(message) => {
                self.error_at(key, &message);
                None
            }
        }
    }

    /// A URL field: a link that runs code is an error at its value.
    fn url(&mut self, key: &str, value: Option<String>) -> Option<String> {
        let url = value?;
        if let Href::RunsCode(scheme) = href::classify(&url) {
            self.error_at(key, &href::runs_code_message(&url, &scheme));
            return None;
        }
        Some(url)
    }

    fn date(&mut self, key: &str, value: Scalar) -> Option<CaseDate> {
        match CaseDate::parse(&value.0) {
            Ok(date) => Some(date),
            Err(error) => {
                self.error_at(key, &error.to_string());
                None
            }
        }
    }

    /// Each correction with a valid date and a text; the others are reported
    /// at their own place in the list.
    fn corrections(&mut self, written: Vec<Marked<CorrectionFront>>) -> Vec<Correction> {
        let mut corrections = Vec::new();
        for item in written {
            let date = CaseDate::parse(&item.value.date.value.0);
            let text = item.value.text.trim().to_owned();
            if text.is_empty() {
                let message = "a correction needs a \"text\": what was corrected".to_owned();
                self.errors.push((item.at, message));
            }
            match date {
                Err(error) => self.errors.push((item.value.date.at, error.to_string())),
                Ok(date) if !text.is_empty() => corrections.push(Correction { date, text }),
                Ok(_) => {}
            }
        }
        corrections
    }

    fn entity<T>(&mut self, common: Common, place: Place, data: T) -> Entity<T> {
        let title = match common.title {
            Some(title) => {
                if title.0.trim().is_empty() {
                    self.error_at("title", "the title is empty");
                }
                title.0
            }
            // Written wrong: that error is reported already.
            None if self.unread("title") => String::new(),
            None => {
                let message = "missing required key \"title\"".to_owned();
                self.errors.push((Position::START, message));
                String::new()
            }
        };
        let updated = common.updated.and_then(|date| self.date("updated", date));
        let corrections = self.corrections(common.corrections);
        let body = markdown::scan(place.split.body.to_owned(), place.split.body_origin);
        self.errors.extend(body.problems.iter().cloned());
        Entity {
            id: place.id,
            title,
            summary: common
                .summary
                .map(|summary| summary.0)
                .filter(|s| !s.trim().is_empty()),
            draft: common.draft,
            updated,
            corrections,
            file: place.file.to_path_buf(),
            body: body.into(),
            assets: Vec::new(),
            data,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_document;
    use crate::diagnostic::Position;
    use crate::model::{Document, EntityId, EntityKind};
    use std::path::Path;

    fn parse(kind: EntityKind, text: &str) -> Result<Document, Vec<(Position, String)>> {
        let (document, errors) = parse_document(
            kind,
            EntityId::parse("x").unwrap(),
            Path::new("content/x.md"),
            text,
        );
        match document {
            Some(document) if errors.is_empty() => Ok(document),
            _ => Err(errors),
        }
    }

    #[test]
    fn any_type_takes_updated_and_corrections() {
        let Ok(Document::Party(party)) = parse(
            EntityKind::Party,
            "---\ntitle: x\nupdated: 2021-02-03\ncorrections:\n  - date: 2021-02-01\n    text: Tippfehler.\n  - {date: 2021-02-03, text: Datum.}\n---\n",
        ) else {
            panic!("not a party");
        };
        assert_eq!(party.updated.unwrap().to_string(), "2021-02-03");
        let texts: Vec<&str> = party.corrections.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["Tippfehler.", "Datum."]);
    }

    #[test]
    fn a_correction_without_text_or_with_an_impossible_date_is_reported_at_its_place() {
        let errors = parse(
            EntityKind::Event,
            "---\ntitle: x\ndate: 2021\ncorrections:\n  - {date: 2021-02-30, text: a}\n  - date: 2021-03-01\n    text: \" \"\nupdated: 2021-13\n---\n",
        )
        .unwrap_err();
        let messages: Vec<(Position, &str)> =
            errors.iter().map(|(at, m)| (*at, m.as_str())).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert_eq!(messages[0].0, Position::new(8, 10));
        assert!(messages[0].1.starts_with("impossible date"), "{messages:?}");
        assert_eq!(messages[1].0, Position::new(5, 12));
        assert!(messages[1].1.starts_with("impossible date"), "{messages:?}");
        assert_eq!(
            messages[2],
            (
                Position::new(6, 5),
                "a correction needs a \"text\": what was corrected"
            )
        );
    }

    #[test]
    fn reads_an_event() {
        let Ok(Document::Event(event)) = parse(
            EntityKind::Event,
            "---\ntitle: Klage\ndate: 2021-01-11\nparties: [parler, aws]\n---\nText [[aws]].\n",
        ) else {
            panic!("not an event");
        };
        assert_eq!(event.data.date.to_string(), "2021-01-11");
        assert_eq!(event.data.parties[1].id, "aws");
        assert_eq!(event.data.parties[1].at, Position::new(4, 19));
        assert_eq!(event.body.links[0].at, Position::new(6, 6));
    }

    #[test]
    fn every_reference_keeps_the_position_it_was_written_at() {
        let Ok(Document::Claim(claim)) = parse(
            EntityKind::Claim,
            "---\ntitle: x\nby: [aws, aws]\nagainst:\n  - parler\n  - parler\nsources: one\n---\n",
        ) else {
            panic!("not a claim");
        };
        let written = |refs: &[crate::model::Ref]| -> Vec<(String, Position)> {
            refs.iter().map(|r| (r.id.clone(), r.at)).collect()
        };
        let at = |id: &str, line, column| (id.to_owned(), Position::new(line, column));
        assert_eq!(
            written(&claim.data.by),
            vec![at("aws", 3, 6), at("aws", 3, 11)]
        );
        assert_eq!(
            written(&claim.data.against),
            vec![at("parler", 5, 5), at("parler", 6, 5)]
        );
        assert_eq!(written(&claim.data.sources), vec![at("one", 7, 10)]);
    }

    #[test]
    fn a_missing_title_points_at_the_opening_line() {
        assert_eq!(
            parse(EntityKind::Party, "---\nkind: company\n---\n").unwrap_err(),
            vec![(Position::START, "missing required key \"title\"".to_owned())]
        );
    }

    #[test]
    fn unclosed_and_missing_front_matter() {
        assert_eq!(
            parse(EntityKind::Party, "---\ntitle: x\n").unwrap_err()[0].1,
            "unclosed front matter: the opening --- has no closing --- line"
        );
        assert!(parse(EntityKind::Party, "title: x\n").unwrap_err()[0]
            .1
            .starts_with("missing front matter"));
        assert!(parse(EntityKind::Party, "\n \n").unwrap_err()[0]
            .1
            .starts_with("the file is empty"));
    }

    #[test]
    fn impossible_dates_point_at_the_value() {
        let errors =
            parse(EntityKind::Event, "---\ntitle: x\ndate: 2021-02-30\n---\n").unwrap_err();
        assert_eq!(
            errors,
            vec![(
                Position::new(3, 7),
                "impossible date \"2021-02-30\": February 2021 has 28 days".to_owned()
            )]
        );
    }

    #[test]
    fn bad_keywords_point_at_the_value() {
        let errors = parse(EntityKind::Party, "---\ntitle: x\nrole: plaintif\n---\n").unwrap_err();
        assert_eq!(errors[0].0, Position::new(3, 7));
        assert!(errors[0]
            .1
            .starts_with("unknown role \"plaintif\" (did you mean \"plaintiff\"?)"));
    }

    #[test]
    fn unknown_keys_are_reported_with_suggestions() {
        let errors = parse(
            EntityKind::Event,
            "---\ntitle: x\ndate: 2021\npartys: [a]\n---\n",
        )
        .unwrap_err();
        assert_eq!(
            errors,
            vec![(
                Position::new(4, 1),
                "unknown key \"partys\" (did you mean \"parties\"?)".to_owned()
            )]
        );
    }

    #[test]
    fn end_before_date_is_an_error() {
        let errors = parse(
            EntityKind::Event,
            "---\ntitle: x\ndate: 2021-05-03\nend: 2021-04\n---\n",
        )
        .unwrap_err();
        assert_eq!(errors[0].0, Position::new(4, 6));
    }

    #[test]
    fn claims_need_someone_bringing_them() {
        let errors = parse(EntityKind::Claim, "---\ntitle: x\n---\n").unwrap_err();
        assert!(errors[0].1.contains("needs \"by\""));
    }
}
