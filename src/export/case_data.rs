//! `case.json` (SPEC §11 "Data"): the whole published case as typed data, for
//! newsrooms and researchers who want the facts without scraping pages.
//!
//! The shape is fixed by `docs/case.schema.json` (JSON Schema, draft 2020-12):
//! every key is always present (`null` or `[]` when empty), relations are ids,
//! and each entity names its page path. Dates carry their precision.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::date::CaseDate;

/// Bumped when the shape changes in a way a reader of the file must notice.
pub(crate) const FORMAT: u32 = 1;

#[derive(Debug, Serialize)]
pub(crate) struct CaseData<'a> {
    pub(crate) format: u32,
    pub(crate) site: SiteData<'a>,
    pub(crate) proceedings: Vec<ProceedingRecord<'a>>,
    pub(crate) parties: Vec<PartyRecord<'a>>,
    pub(crate) claims: Vec<ClaimRecord<'a>>,
    pub(crate) events: Vec<EventRecord<'a>>,
    pub(crate) sources: Vec<SourceRecord<'a>>,
    pub(crate) pages: Vec<PageRecord<'a>>,
}

#[derive(Debug, Serialize)]
pub(crate) struct SiteData<'a> {
    pub(crate) title: &'a str,
    pub(crate) description: Option<&'a str>,
    pub(crate) language: &'a str,
    pub(crate) base_url: Option<&'a str>,
    /// `case` from casebook.yaml: name, court, docket, status.
    pub(crate) case: BTreeMap<&'a str, &'a str>,
    /// The overview's title and summary.
    pub(crate) overview: Common<'a>,
}

/// A date as written, with its precision.
#[derive(Debug, Serialize)]
pub(crate) struct DateData {
    /// ISO 8601 at the written precision (`2021-01`, `2021-01-10T23:59-08:00`).
    pub(crate) value: String,
    /// `year`, `month`, `day`, `minute` or `second`.
    pub(crate) precision: &'static str,
}

impl DateData {
    pub(crate) fn of(date: &CaseDate) -> DateData {
        DateData {
            value: date.iso(),
            precision: date.precision().as_str(),
        }
    }
}

/// One entry of an entity's `corrections`.
#[derive(Debug, Serialize)]
pub(crate) struct CorrectionData<'a> {
    pub(crate) date: DateData,
    pub(crate) text: &'a str,
}

/// What every entity has.
#[derive(Debug, Serialize)]
pub(crate) struct Common<'a> {
    pub(crate) id: &'a str,
    pub(crate) title: &'a str,
    pub(crate) summary: Option<&'a str>,
    /// The page's path relative to the site root (`parties/parler/`).
    pub(crate) path: &'a str,
    pub(crate) updated: Option<DateData>,
    pub(crate) corrections: Vec<CorrectionData<'a>>,
}

#[derive(Debug, Serialize)]
pub(crate) struct ProceedingRecord<'a> {
    #[serde(flatten)]
    pub(crate) common: Common<'a>,
    pub(crate) court: &'a str,
    pub(crate) docket: Option<&'a str>,
    pub(crate) from: Option<&'a str>,
    pub(crate) via: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub(crate) struct PartyRecord<'a> {
    #[serde(flatten)]
    pub(crate) common: Common<'a>,
    pub(crate) kind: &'a str,
    pub(crate) role: &'a str,
    pub(crate) aliases: &'a [String],
    pub(crate) website: Option<&'a str>,
}

/// One step of a claim's status history: the event that set the status.
#[derive(Debug, Serialize)]
pub(crate) struct StatusStep<'a> {
    pub(crate) event: &'a str,
    pub(crate) date: DateData,
    pub(crate) status: &'a str,
}

#[derive(Debug, Serialize)]
pub(crate) struct ClaimRecord<'a> {
    #[serde(flatten)]
    pub(crate) common: Common<'a>,
    pub(crate) by: Vec<&'a str>,
    pub(crate) against: Vec<&'a str>,
    pub(crate) basis: Option<&'a str>,
    /// The current status (the last outcome, else the `status` key).
    pub(crate) status: &'a str,
    pub(crate) status_history: Vec<StatusStep<'a>>,
    pub(crate) proceeding: Option<&'a str>,
    pub(crate) sources: Vec<&'a str>,
}

#[derive(Debug, Serialize)]
pub(crate) struct EventRecord<'a> {
    #[serde(flatten)]
    pub(crate) common: Common<'a>,
    pub(crate) date: DateData,
    pub(crate) end: Option<DateData>,
    pub(crate) approximate: bool,
    pub(crate) parties: Vec<&'a str>,
    pub(crate) claims: Vec<&'a str>,
    pub(crate) sources: Vec<&'a str>,
    pub(crate) proceeding: Option<&'a str>,
    /// Claim id → the status this event gave it.
    pub(crate) outcomes: BTreeMap<&'a str, &'a str>,
}

#[derive(Debug, Serialize)]
pub(crate) struct SourceRecord<'a> {
    #[serde(flatten)]
    pub(crate) common: Common<'a>,
    pub(crate) kind: &'a str,
    pub(crate) publisher: Option<&'a str>,
    pub(crate) url: Option<&'a str>,
    pub(crate) date: Option<DateData>,
    pub(crate) language: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub(crate) struct PageRecord<'a> {
    #[serde(flatten)]
    pub(crate) common: Common<'a>,
    pub(crate) weight: f64,
}

/// The bytes of `case.json`: indented, so a reader can open it, and with a
/// final newline.
pub(crate) fn to_bytes(data: &CaseData) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(data).expect("serialisable");
    bytes.push(b'\n');
    bytes
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::{
        to_bytes, CaseData, ClaimRecord, Common, CorrectionData, DateData, EventRecord,
        PartyRecord, SiteData, StatusStep, FORMAT,
    };
    use crate::model::date::CaseDate;

    const SCHEMA: &str = include_str!("../../docs/case.schema.json");

    fn common<'a>(id: &'a str, path: &'a str) -> Common<'a> {
        Common {
            id,
            title: "Titel",
            summary: None,
            path,
            updated: None,
            corrections: Vec::new(),
        }
    }

    fn date(text: &str) -> DateData {
        DateData::of(&CaseDate::parse(text).unwrap())
    }

    #[test]
    fn a_small_case_matches_the_schema() {
        let aliases = vec!["Parler LLC".to_owned()];
        let mut event = common("klage", "events/klage/");
        event.updated = Some(date("2021-02-01"));
        event.corrections.push(CorrectionData {
            date: date("2021-02-01"),
            text: "Datum berichtigt.",
        });
        let data = CaseData {
            format: FORMAT,
            site: SiteData {
                title: "Parler gegen Amazon",
                description: None,
                language: "de",
                base_url: Some("https://example.org/"),
                case: BTreeMap::from([("docket", "2:21-cv-00031")]),
                overview: common("index", ""),
            },
            proceedings: Vec::new(),
            parties: vec![PartyRecord {
                common: common("parler", "parties/parler/"),
                kind: "company",
                role: "plaintiff",
                aliases: &aliases,
                website: None,
            }],
            claims: vec![ClaimRecord {
                common: common("kartell", "claims/kartell/"),
                by: vec!["parler"],
                against: vec![],
                basis: Some("Sherman Act § 1"),
                status: "denied",
                status_history: vec![StatusStep {
                    event: "klage",
                    date: date("2021-01-21"),
                    status: "denied",
                }],
                proceeding: None,
                sources: vec![],
            }],
            events: vec![EventRecord {
                common: event,
                date: date("2021-01-11T10:00-08:00"),
                end: None,
                approximate: false,
                parties: vec!["parler"],
                claims: vec!["kartell"],
                sources: vec![],
                proceeding: None,
                outcomes: BTreeMap::new(),
            }],
            sources: Vec::new(),
            pages: Vec::new(),
        };
        let value: serde_json::Value = serde_json::from_slice(&to_bytes(&data)).unwrap();
        assert_eq!(value["events"][0]["date"]["precision"], "minute");
        assert_eq!(value["events"][0]["path"], "events/klage/");
        let schema: serde_json::Value = serde_json::from_str(SCHEMA).unwrap();
        let validator = jsonschema::draft202012::new(&schema).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        let mut broken = value.clone();
        broken["parties"][0]["role"] = serde_json::json!(7);
        assert!(!validator.is_valid(&broken));
    }
}
