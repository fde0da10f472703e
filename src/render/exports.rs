//! The files of SPEC §11 that are not pages, from the `Case`: the search
//! index, `events.ics`, `case.json` and each entity page's JSON-LD. The
//! formats themselves are written by `crate::export`; this module only picks
//! the facts out of the case for them, so drafts (which are not in the case)
//! can appear in none.

use rayon::prelude::*;

use crate::export::calendar::{self, CalendarEvent, CalendarInfo};
use crate::export::case_data::{
    self, CaseData, ClaimRecord, Common as CommonRecord, CorrectionData, DateData, EventRecord,
    PageRecord, PartyRecord, ProceedingRecord, SiteData, SourceRecord, StatusStep,
};
use crate::export::search::{self, SearchEntry, SearchMemo};
use crate::export::structured::{self, LdEntity, Linked};
use crate::load::config::Config;
use crate::markdown;
use crate::model::language::LanguageTag;
use crate::model::{EntityKind, EntityRef, Ref};
use crate::render::lookup::{root_of, Lookup};
use crate::render::output::OutputFile;
use crate::resolve::Target;

/// `search/index.json` and the files beside it, for one edition. With last
/// run's memo of the index (`watch`; an empty one on the first run), only
/// the entities changed since are read again, and the memo for the next
/// run comes back.
pub(super) fn search_files(
    lookup: &Lookup,
    last: Option<&SearchMemo>,
) -> (Vec<OutputFile>, Option<SearchMemo>) {
    let entries = search_entries(lookup);
    let (files, memo) = match last {
        Some(last) => {
            let (files, memo) = search::rebuild_index(&entries, &markdown::plain_text, last);
            (files, Some(memo))
        }
        None => (search::build_index(&entries, &markdown::plain_text), None),
    };
    let files = files
        .into_iter()
        .map(|file| OutputFile {
            path: file.path,
            bytes: file.bytes,
        })
        .collect();
    (files, memo)
}

/// The paths of `data_files`.
pub(super) const DATA_FILES: [&str; 2] = ["events.ics", "case.json"];

/// `events.ics` and `case.json`: the facts, the same in every edition.
pub(super) fn data_files(lookup: &Lookup, config: &Config) -> Vec<OutputFile> {
    let [calendar, data] = DATA_FILES;
    vec![
        OutputFile {
            path: calendar.into(),
            bytes: events_ics(lookup, config).into_bytes(),
        },
        OutputFile {
            path: data.into(),
            bytes: case_data::to_bytes(&case_data(lookup, config)),
        },
    ]
}

/// Every published entity as the index sees it.
fn search_entries<'l>(lookup: &'l Lookup) -> Vec<SearchEntry<'l>> {
    let case = lookup.case;
    let targets: Vec<Target> = case.targets().collect();
    targets
        .par_iter()
        .filter_map(|&target| {
            let entity = case.entity(target);
            let common = entity.common()?;
            let aliases: &[String] = match entity {
                EntityRef::Party(party) => &party.data.aliases,
                _ => &[],
            };
            Some(SearchEntry {
                kind: target.kind.as_str(),
                path: lookup.path(target),
                title: common.title,
                aliases,
                summary: common.summary,
                text: &common.body.markdown,
                text_digest: common.body.digest,
            })
        })
        .collect()
}

/// The right-hand side of the calendar's UIDs: the base URL without its
/// scheme, or, without one, the site title made into a name.
fn uid_domain(config: &Config) -> String {
    match &config.base_url {
        Some(base) => base
            .split_once("://")
            .map_or(base.as_str(), |(_, rest)| rest)
            .trim_end_matches('/')
            .to_owned(),
        None => {
            let words: Vec<String> = search::fold_words(&config.title).collect();
            format!("{}.casebook.invalid", words.join("-"))
        }
    }
}

fn events_ics(lookup: &Lookup, config: &Config) -> String {
    let domain = uid_domain(config);
    let language = config.language;
    let events: Vec<CalendarEvent> = lookup
        .case
        .events
        .iter()
        .enumerate()
        .map(|(index, event)| CalendarEvent {
            id: event.id.as_str(),
            title: &event.title,
            summary: event.summary.as_deref(),
            date: &event.data.date,
            end: event.data.end.as_ref(),
            approximate: event.data.approximate,
            url: absolute(config, lookup.path(Target::event(index))),
            updated: event.updated.as_ref(),
        })
        .collect();
    let first = lookup.case.events.first().map(|e| e.data.date);
    let approximate_note = first.map_or(String::new(), |date| {
        let exact = date.format(language, false);
        let approximate = date.format(language, true);
        approximate.trim_end_matches(&exact).trim().to_owned()
    });
    let info = CalendarInfo {
        name: &config.title,
        uid_domain: &domain,
        approximate_note: &approximate_note,
    };
    calendar::write(&info, &events)
}

fn absolute(config: &Config, path: &str) -> Option<String> {
    config.base_url.as_ref().map(|base| format!("{base}{path}"))
}

fn ids(refs: &[Ref]) -> Vec<&str> {
    refs.iter().map(|r| r.id.as_str()).collect()
}

fn common_record<'a>(lookup: &'a Lookup, target: Target) -> CommonRecord<'a> {
    let entity = lookup.case.entity(target);
    let common = entity.common();
    CommonRecord {
        id: entity.id(),
        title: entity.title(),
        summary: common.and_then(|c| c.summary),
        path: lookup.path(target),
        updated: common.and_then(|c| c.updated).map(DateData::of),
        corrections: common.map_or(Vec::new(), |c| {
            c.corrections
                .iter()
                .map(|correction| CorrectionData {
                    date: DateData::of(&correction.date),
                    text: &correction.text,
                })
                .collect()
        }),
    }
}

fn case_data<'a>(lookup: &'a Lookup, config: &'a Config) -> CaseData<'a> {
    let info = config.case.as_ref();
    let case_meta = [
        ("name", info.and_then(|c| c.name.as_deref())),
        ("court", info.and_then(|c| c.court.as_deref())),
        ("docket", info.and_then(|c| c.docket.as_deref())),
        ("status", info.and_then(|c| c.status.as_deref())),
    ];
    CaseData {
        format: case_data::FORMAT,
        site: SiteData {
            title: &config.title,
            description: config.description.as_deref(),
            language: &config.language_tag,
            base_url: config.base_url.as_deref(),
            case: case_meta
                .into_iter()
                .filter_map(|(key, value)| Some((key, value?)))
                .collect(),
            overview: common_record(lookup, Target::OVERVIEW),
        },
        proceedings: targets_of(lookup, EntityKind::Proceeding, proceeding_record),
        parties: targets_of(lookup, EntityKind::Party, party_record),
        claims: targets_of(lookup, EntityKind::Claim, |common, entity| {
            claim_record(lookup, common, entity)
        }),
        events: targets_of(lookup, EntityKind::Event, event_record),
        sources: targets_of(lookup, EntityKind::Source, source_record),
        pages: targets_of(lookup, EntityKind::Page, |common, entity| {
            let EntityRef::Page(page) = entity else {
                return None;
            };
            Some(PageRecord {
                common,
                weight: page.data.weight,
            })
        }),
    }
}

fn party_record<'a>(common: CommonRecord<'a>, entity: EntityRef<'a>) -> Option<PartyRecord<'a>> {
    let EntityRef::Party(party) = entity else {
        return None;
    };
    Some(PartyRecord {
        common,
        kind: party.data.kind.as_str(),
        role: party.data.role.as_str(),
        aliases: &party.data.aliases,
        website: party.data.website.as_deref(),
    })
}

fn proceeding_record<'a>(
    common: CommonRecord<'a>,
    entity: EntityRef<'a>,
) -> Option<ProceedingRecord<'a>> {
    let EntityRef::Proceeding(proceeding) = entity else {
        return None;
    };
    let data = &proceeding.data;
    Some(ProceedingRecord {
        common,
        court: data.court.as_ref().map_or("", |court| court.id.as_str()),
        docket: data.docket.as_deref(),
        from: data.from.as_ref().map(|from| from.id.as_str()),
        via: data.via.map(|via| via.as_str()),
    })
}

fn claim_record<'a>(
    lookup: &'a Lookup,
    common: CommonRecord<'a>,
    entity: EntityRef<'a>,
) -> Option<ClaimRecord<'a>> {
    let EntityRef::Claim(claim) = entity else {
        return None;
    };
    let case = lookup.case;
    let index = case.target(claim.id.as_str())?.index;
    let status_history = case
        .histories
        .get(index)
        .map(|history| {
            history
                .steps
                .iter()
                .map(|step| {
                    let event = &case.events[step.event];
                    StatusStep {
                        event: event.id.as_str(),
                        date: DateData::of(&event.data.date),
                        status: step.status.as_str(),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    Some(ClaimRecord {
        common,
        by: ids(&claim.data.by),
        against: ids(&claim.data.against),
        basis: claim.data.basis.as_deref(),
        status: lookup.status(index).as_str(),
        status_history,
        proceeding: claim.data.proceeding.as_ref().map(|r| r.id.as_str()),
        sources: ids(&claim.data.sources),
    })
}

fn event_record<'a>(common: CommonRecord<'a>, entity: EntityRef<'a>) -> Option<EventRecord<'a>> {
    let EntityRef::Event(event) = entity else {
        return None;
    };
    Some(EventRecord {
        common,
        date: DateData::of(&event.data.date),
        end: event.data.end.as_ref().map(DateData::of),
        approximate: event.data.approximate,
        parties: ids(&event.data.parties),
        claims: ids(&event.data.claims),
        sources: ids(&event.data.sources),
        proceeding: event.data.proceeding.as_ref().map(|r| r.id.as_str()),
        outcomes: event
            .data
            .outcome_claims
            .iter()
            .zip(&event.data.outcomes)
            .map(|(claim, outcome)| (claim.id.as_str(), outcome.status.as_str()))
            .collect(),
    })
}

fn source_record<'a>(common: CommonRecord<'a>, entity: EntityRef<'a>) -> Option<SourceRecord<'a>> {
    let EntityRef::Source(source) = entity else {
        return None;
    };
    Some(SourceRecord {
        common,
        kind: source.data.kind.as_str(),
        publisher: source.data.publisher.as_deref(),
        url: source.data.url.as_deref(),
        date: source.data.date.as_ref().map(DateData::of),
        language: source.data.language.as_ref().map(LanguageTag::as_str),
    })
}

/// The records of every entity of `kind`, in display order.
fn targets_of<'a, R>(
    lookup: &'a Lookup,
    kind: EntityKind,
    record: impl Fn(CommonRecord<'a>, EntityRef<'a>) -> Option<R>,
) -> Vec<R> {
    let case = lookup.case;
    case.all(kind)
        .filter_map(|target| record(common_record(lookup, target), case.entity(target)))
        .collect()
}

/// The JSON-LD of an entity page, ready to sit inside its script element.
/// `prefix` is the edition's folder (`en/`, or empty for the main edition).
pub(super) fn json_ld(lookup: &Lookup, config: &Config, prefix: &str, target: Target) -> String {
    let case = lookup.case;
    let entity = case.entity(target);
    // Without a base URL, URLs are relative to the page, as its links are.
    let root = root_of(lookup.path(target));
    let edition = |path: &str| absolute(config, &format!("{prefix}{path}"));
    let url = edition(lookup.path(target)).unwrap_or_else(|| "./".to_owned());
    let linked = |refs: &[Ref]| -> Vec<Linked> {
        refs.iter()
            .filter_map(|r| case.target(&r.id))
            .map(|other| linked(lookup, &edition, &root, other))
            .collect()
    };
    let common = entity.common();
    let mut ld = LdEntity {
        kind: target.kind.as_str(),
        name: if entity.title().is_empty() {
            &config.title
        } else {
            entity.title()
        },
        description: common.and_then(|c| c.summary),
        url,
        updated: common.and_then(|c| c.updated).map(|date| date.iso()),
        ..LdEntity::default()
    };
    match entity {
        EntityRef::Party(party) => {
            ld.sub_kind = Some(party.data.kind.as_str());
            ld.aliases = &party.data.aliases;
            ld.same_as = party.data.website.as_deref();
        }
        EntityRef::Claim(claim) => {
            ld.basis = claim.data.basis.as_deref();
        }
        EntityRef::Event(event) => {
            ld.date = Some(event.data.date.iso());
            ld.end = event.data.end.map(|end| end.iso());
        }
        EntityRef::Source(source) => {
            ld.sub_kind = Some(source.data.kind.as_str());
            ld.same_as = source.data.url.as_deref();
            ld.date = source.data.date.map(|date| date.iso());
            ld.publisher = source.data.publisher.as_deref();
            ld.language = source.data.language.as_ref().map(LanguageTag::as_str);
        }
        EntityRef::Page(_) | EntityRef::Proceeding(_) | EntityRef::Overview(_) => {}
    }
    ld.relations = entity
        .relations()
        .map(|(relation, refs)| (relation.as_str(), linked(refs)))
        .collect();
    structured::script_text(&structured::entity(&ld))
}

fn linked<'a>(
    lookup: &'a Lookup,
    absolute: &dyn Fn(&str) -> Option<String>,
    root: &str,
    target: Target,
) -> Linked<'a> {
    let entity = lookup.case.entity(target);
    let sub_kind = match entity {
        EntityRef::Party(party) => Some(party.data.kind.as_str()),
        EntityRef::Source(source) => Some(source.data.kind.as_str()),
        _ => None,
    };
    let path = lookup.path(target);
    Linked {
        kind: target.kind.as_str(),
        sub_kind,
        name: entity.title(),
        url: absolute(path).unwrap_or_else(|| format!("{root}{path}")),
    }
}
