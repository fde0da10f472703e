//! Edits of the facts a page depends on beyond its own file: proceedings
//! and their lineage, outcomes and the status they give a claim, dates that
//! move an event past its neighbours, corrections, the headings other pages
//! link to, and links from the overview and free pages.

use crate::edits::{pick, pick_preferring, Edit};
use crate::generate::{self, add_corrections, correction_date};
use crate::model::{self, Kind, Model, STATUSES, VIAS};
use crate::rng::Rng;
use crate::text::{self, HEADINGS};

/// A proceeding, any (`None` when there is none).
fn a_proceeding(rng: &mut Rng, model: &Model) -> Option<usize> {
    let proceedings = model.of_kind(Kind::Proceeding);
    (!proceedings.is_empty()).then(|| *rng.pick(&proceedings))
}

/// Whether `ancestor` is `of` or lies on its `from` chain.
fn descends_from(model: &Model, of: &str, ancestor: &str) -> bool {
    let mut current = of.to_owned();
    for _ in 0..=model.entities.len() {
        if current == ancestor {
            return true;
        }
        let Some(at) = model.index_of(&current) else {
            return false;
        };
        match model.entities[at].relation("from").first() {
            Some(from) => current = from.clone(),
            None => return false,
        }
    }
    true
}

/// Sets (or clears) a proceeding's `from` and `via` together.
fn set_from(model: &mut Model, at: usize, from: Option<(String, String)>) {
    let entity = &mut model.entities[at];
    let (from, via) = match from {
        Some((from, via)) => (vec![from], Some(via)),
        None => (Vec::new(), None),
    };
    *entity.relation_mut("from").expect("a proceeding") = from;
    entity.set_field("via", via);
}

pub fn edit_proceeding(rng: &mut Rng, model: &mut Model) -> Option<Edit> {
    let Some(mut at) = a_proceeding(rng, model) else {
        return add_proceeding(rng, model);
    };
    // Half the time one with a `from` (or one that others come from), so
    // that the lineage is changed and broken as often as it is made.
    let in_lineage: Vec<usize> = model
        .of_kind(Kind::Proceeding)
        .into_iter()
        .filter(|&i| {
            let id = &model.entities[i].id;
            !model.entities[i].relation("from").is_empty()
                || model
                    .entities
                    .iter()
                    .any(|e| e.relation("from").contains(id))
        })
        .collect();
    if !in_lineage.is_empty() && rng.chance(50) {
        at = *rng.pick(&in_lineage);
    }
    let id = model.entities[at].id.clone();
    let has_from = !model.entities[at].relation("from").is_empty();
    let edit = match rng.below(9) {
        0 | 8 => {
            model.entities[at].title = model::title(rng);
            Edit::said(format!("retitled proceeding {id}"))
        }
        1 | 2 => return set_from_of(rng, model, at),
        3 | 4 => {
            let derived: Vec<usize> = model
                .of_kind(Kind::Proceeding)
                .into_iter()
                .filter(|&i| !model.entities[i].relation("from").is_empty())
                .collect();
            if derived.is_empty() {
                return set_from_of(rng, model, at);
            }
            let at = *rng.pick(&derived);
            let id = model.entities[at].id.clone();
            if rng.chance(15) {
                model.entities[at].set_field("via", None);
                return Some(Edit::mistake(format!(
                    "removed the via of proceeding {id}, not its from"
                )));
            }
            set_from(model, at, None);
            Edit::said(format!("removed the from and via of proceeding {id}"))
        }
        5 if has_from => {
            let via = rng.pick(VIAS).to_string();
            model.entities[at].set_field("via", Some(via.clone()));
            Edit::said(format!("made proceeding {id} come via {via}"))
        }
        6 => {
            let courts = model.courts();
            if courts.is_empty() {
                return None;
            }
            let court = rng.pick(&courts).clone();
            *model.entities[at].relation_mut("court")? = vec![court.clone()];
            Edit::said(format!("moved proceeding {id} to the court {court}"))
        }
        _ => {
            let docket = match model.entities[at].field("docket") {
                Some(_) if rng.chance(40) => None,
                _ => Some(model::quoted(&format!("2:21-cv-{:05}", rng.below(999)))),
            };
            model.entities[at].set_field("docket", docket);
            Edit::said(format!("changed the docket of proceeding {id}"))
        }
    };
    Some(edit)
}

/// Makes the proceeding at `at` come from another that does not come from
/// it (now and then one that does, which closes a loop); where there is
/// none, a new proceeding comes from it instead.
fn set_from_of(rng: &mut Rng, model: &mut Model, at: usize) -> Option<Edit> {
    let id = model.entities[at].id.clone();
    let loops = rng.chance(15);
    let candidates = |loops: bool| -> Vec<String> {
        model
            .published(Kind::Proceeding)
            .into_iter()
            .filter(|other| *other != id && descends_from(model, other, &id) == loops)
            .collect()
    };
    let (candidates, loops) = match candidates(loops) {
        found if !found.is_empty() => (found, loops),
        _ => (candidates(false), false),
    };
    let via = rng.pick(VIAS).to_string();
    if candidates.is_empty() {
        if model.courts().is_empty() {
            return None;
        }
        let mut next = generate::new_entity(rng, model, Kind::Proceeding);
        *next.relation_mut("from")? = vec![id.clone()];
        next.set_field("via", Some(via.clone()));
        let said = format!("added proceeding {} coming from {id} via {via}", next.id);
        model.entities.push(next);
        return Some(Edit::said(said));
    }
    let from = rng.pick(&candidates).clone();
    set_from(model, at, Some((from.clone(), via.clone())));
    let said = format!("made proceeding {id} come from {from} via {via}");
    Some(match loops {
        true => Edit::mistake(said + ", a loop"),
        false => Edit::said(said),
    })
}

/// Puts an event or a claim into another proceeding, or into none.
pub fn move_to_proceeding(rng: &mut Rng, model: &mut Model) -> Option<Edit> {
    let mut movable = model.of_kind(Kind::Event);
    movable.extend(model.of_kind(Kind::Claim));
    let proceedings = model.published(Kind::Proceeding);
    if movable.is_empty() || proceedings.is_empty() {
        return None;
    }
    let at = *rng.pick(&movable);
    let entity = &mut model.entities[at];
    let current = entity.relation("proceeding").to_vec();
    let others: Vec<&String> = proceedings
        .iter()
        .filter(|p| !current.contains(p))
        .collect();
    let target = if others.is_empty() || (!current.is_empty() && rng.chance(25)) {
        None
    } else {
        Some((*rng.pick(&others)).clone())
    };
    let said = match &target {
        Some(p) => format!("moved {} into proceeding {p}", entity.id),
        None => format!("took {} out of its proceeding", entity.id),
    };
    *entity.relation_mut("proceeding")? = target.into_iter().collect();
    Some(Edit::said(said))
}

/// A new proceeding (with a court, added in the same save where none is
/// published), now and then coming from another, with an event or claim
/// moved into it.
pub fn add_proceeding(rng: &mut Rng, model: &mut Model) -> Option<Edit> {
    let mut said = String::new();
    if model.courts().is_empty() {
        let court = generate::court(rng, model);
        said += &format!("added the court {} and ", court.id);
        model.entities.push(court);
    }
    let proceeding = generate::new_entity(rng, model, Kind::Proceeding);
    let id = proceeding.id.clone();
    said += &format!("added proceeding {id}");
    if let Some(from) = proceeding.relation("from").first() {
        said += &format!(" from {from}");
    }
    model.entities.push(proceeding);
    let mut movable = model.of_kind(Kind::Event);
    movable.extend(model.of_kind(Kind::Claim));
    if !movable.is_empty() && rng.chance(60) {
        let at = *rng.pick(&movable);
        *model.entities[at].relation_mut("proceeding")? = vec![id.clone()];
        said += &format!(" and moved {} into it", model.entities[at].id);
    }
    Some(Edit::said(said))
}

/// Deletes a proceeding, usually after taking every reference to it away
/// (what came from it now comes from where it came from).
pub fn delete_proceeding(rng: &mut Rng, model: &mut Model) -> Option<Edit> {
    let at = a_proceeding(rng, model)?;
    let removed = model.entities.remove(at);
    let id = removed.id.clone();
    if rng.chance(15) && model.referrers(&id) > 0 {
        return Some(Edit::mistake(format!(
            "deleted proceeding {id}, still referred to"
        )));
    }
    let from = removed.relation("from").first().cloned();
    let via = removed.field("via").map(str::to_owned);
    for index in 0..model.entities.len() {
        if model.entities[index].relation("from").contains(&id) {
            let parent = from.clone().zip(via.clone());
            set_from(model, index, parent);
        }
        if let Some(ids) = model.entities[index].relation_mut("proceeding") {
            ids.retain(|p| *p != id);
        }
    }
    model.unlink_everywhere(&id);
    Some(Edit::said(format!(
        "deleted proceeding {id} and every reference to it"
    )))
}

/// Adds, changes or removes an outcome; now and then a mistake: an unknown
/// status, an outcome for what is not a claim, a claim `status` that
/// contradicts the outcomes.
pub fn edit_outcome(rng: &mut Rng, model: &mut Model) -> Option<Edit> {
    let events = model.of_kind(Kind::Event);
    let claims = model.published(Kind::Claim);
    if events.is_empty() || claims.is_empty() {
        return None;
    }
    if rng.chance(6) {
        return contradict_outcomes(rng, model);
    }
    let at = *rng.pick(&events);
    let parties = model.published(Kind::Party);
    let event = &mut model.entities[at];
    let id = event.id.clone();
    let edit = match rng.below(20) {
        0 if !parties.is_empty() => {
            let party = rng.pick(&parties).clone();
            event.outcomes.push((party.clone(), "granted".to_owned()));
            Edit::mistake(format!("gave {id} an outcome for the party {party}"))
        }
        1 => {
            let claim = rng.pick(&claims).clone();
            event.outcomes.push((claim.clone(), "grantd".to_owned()));
            Edit::mistake(format!("gave {id} the unknown outcome grantd for {claim}"))
        }
        2..=7 if !event.outcomes.is_empty() => {
            let outcome = rng.below(event.outcomes.len());
            let (claim, _) = event.outcomes.remove(outcome);
            Edit::said(format!("removed the outcome of {id} for {claim}"))
        }
        8..=13 if !event.outcomes.is_empty() => {
            let outcome = rng.below(event.outcomes.len());
            let status = rng.pick(STATUSES).to_string();
            event.outcomes[outcome].1 = status.clone();
            let claim = &event.outcomes[outcome].0;
            Edit::said(format!(
                "changed the outcome of {id} for {claim} to {status}"
            ))
        }
        _ => {
            let fresh: Vec<&String> = claims
                .iter()
                .filter(|c| event.outcomes.iter().all(|(o, _)| o != *c))
                .collect();
            if fresh.is_empty() {
                return None;
            }
            let claim = (*rng.pick(&fresh)).clone();
            let status = rng.pick(STATUSES).to_string();
            event.outcomes.push((claim.clone(), status.clone()));
            Edit::said(format!("gave {id} the outcome {status} for {claim}"))
        }
    };
    Some(edit)
}

/// Gives a claim decided by events a `status` that none of them gives it:
/// an error naming both files (SPEC §9).
fn contradict_outcomes(rng: &mut Rng, model: &mut Model) -> Option<Edit> {
    let decided: Vec<(String, String)> = model
        .entities
        .iter()
        .filter(|e| !e.draft)
        .flat_map(|e| e.outcomes.clone())
        .collect();
    if decided.is_empty() {
        return None;
    }
    let (claim, _) = rng.pick(&decided).clone();
    let given: Vec<&String> = decided
        .iter()
        .filter(|(c, _)| *c == claim)
        .map(|(_, s)| s)
        .collect();
    let other = STATUSES.iter().find(|s| given.iter().all(|g| g != *s))?;
    let at = model.index_of(&claim)?;
    model.entities[at].set_field("status", Some(other.to_string()));
    Some(Edit::mistake(format!(
        "gave {claim} the status {other}, which its outcomes contradict"
    )))
}

/// Swaps the dates of two events that decide the same claim, so that its
/// status history runs the other way round.
pub fn reorder_outcomes(rng: &mut Rng, model: &mut Model) -> Option<Edit> {
    let mut pairs = Vec::new();
    for a in model.of_kind(Kind::Event) {
        for b in model.of_kind(Kind::Event) {
            let shared = model.entities[a]
                .outcomes
                .iter()
                .find(|(c, _)| model.entities[b].outcomes.iter().any(|(d, _)| d == c));
            if let Some((claim, _)) = shared.filter(|_| a < b) {
                pairs.push((a, b, claim.clone()));
            }
        }
    }
    if pairs.is_empty() {
        return move_next_to(rng, model);
    }
    let (a, b, claim) = rng.pick(&pairs).clone();
    for key in ["date", "end", "approximate"] {
        let first = model.entities[a].field(key).map(str::to_owned);
        let second = model.entities[b].field(key).map(str::to_owned);
        model.entities[a].set_field(key, second);
        model.entities[b].set_field(key, first);
    }
    let (a, b) = (&model.entities[a].id, &model.entities[b].id);
    Some(Edit::said(format!(
        "swapped the dates of {a} and {b}, which both decide {claim}"
    )))
}

/// Moves an event next to another in the timeline: onto the same date
/// (the tie is broken by precision, then id), to the start of its month
/// or year, or to a fresh date of any precision.
pub fn move_next_to(rng: &mut Rng, model: &mut Model) -> Option<Edit> {
    let events = model.of_kind(Kind::Event);
    if events.len() < 2 {
        return None;
    }
    let at = *rng.pick(&events);
    let other = *rng.pick(&events);
    let other_date = model.entities[other].field("date")?.to_owned();
    let other_id = model.entities[other].id.clone();
    let (date, how) = match rng.below(3) {
        0 => (other_date, format!("onto the date of {other_id}")),
        1 => {
            let start = text::start_of(&other_date);
            let coarse = match rng.below(2) {
                0 => format!("{}", start.year),
                _ => format!("{}-{:02}", start.year, start.month),
            };
            (coarse, format!("to the month or year of {other_id}"))
        }
        _ => (text::date(rng), "to a new date".to_owned()),
    };
    let event = &mut model.entities[at];
    let start = text::start_of(&date);
    event.set_field("date", Some(date));
    if event.field("end").is_some() || rng.chance(15) {
        event.set_field("end", Some(text::end_after(rng, start)));
    }
    Some(Edit::said(format!("moved {} {how}", event.id)))
}

/// Sets, changes or removes `updated`; adds, edits or removes a
/// correction; now and then one without a text, or with an impossible date.
pub fn edit_corrections(rng: &mut Rng, model: &mut Model) -> Option<Edit> {
    let at = pick_preferring(rng, model, 65, |e| !e.corrections.is_empty())?;
    let entity = &mut model.entities[at];
    let id = entity.id.clone();
    let count = entity.corrections.len();
    let edit = match rng.below(16) {
        0 => {
            entity
                .corrections
                .push((correction_date(rng), String::new()));
            Edit::mistake(format!("gave {id} a correction without a text"))
        }
        1 if count > 0 => {
            entity.corrections[rng.below(count)].0 = "2022-02-30".to_owned();
            Edit::mistake(format!("gave a correction of {id} an impossible date"))
        }
        2..=4 if entity.field("updated").is_some() => {
            let updated = rng.chance(70).then(|| correction_date(rng));
            entity.set_field("updated", updated);
            Edit::said(format!("changed or removed the updated date of {id}"))
        }
        5..=7 if count > 0 => {
            entity.corrections[rng.below(count)].1 = model::sentence(rng);
            Edit::said(format!("reworded a correction of {id}"))
        }
        8 | 9 if count > 0 => {
            entity.corrections[rng.below(count)].0 = correction_date(rng);
            Edit::said(format!("redated a correction of {id}"))
        }
        10 | 11 if count > 0 => {
            entity.corrections.remove(rng.below(count));
            Edit::said(format!("removed a correction of {id}"))
        }
        _ if count == 0 => {
            add_corrections(rng, entity);
            Edit::said(format!("gave {id} an updated date and corrections"))
        }
        _ => {
            entity
                .corrections
                .push((correction_date(rng), model::sentence(rng)));
            entity.set_field("updated", Some(correction_date(rng)));
            Edit::said(format!("added a correction to {id}"))
        }
    };
    Some(edit)
}

/// Adds or removes a heading other pages can link to, in the main file or
/// its translation or both. The writer usually fixes the links to a heading
/// that is gone; now and then not.
pub fn edit_sections(rng: &mut Rng, model: &mut Model) -> Option<Edit> {
    let at = pick_preferring(rng, model, 60, |e| {
        !e.sections.is_empty() || e.translation.is_some()
    })?;
    let entity = &mut model.entities[at];
    let id = entity.id.clone();
    let translation_only = entity.translation.is_some() && rng.chance(35);
    let in_main = !translation_only;
    let in_translation = translation_only || (entity.translation.is_some() && rng.chance(60));
    let current = match (&entity.translation, translation_only) {
        (Some(translation), true) => &translation.sections,
        _ => &entity.sections,
    };
    let heading = match current.is_empty() || rng.chance(40) {
        true => rng.below(HEADINGS.len()),
        false => rng.pick(current).0,
    };
    let adds = current.iter().all(|(h, _)| *h != heading);
    let mut change = |sections: &mut Vec<(usize, String)>| {
        sections.retain(|(h, _)| *h != heading);
        if adds {
            sections.push((heading, text::paragraph(rng)));
        }
    };
    if in_main {
        change(&mut entity.sections);
    }
    if let Some(translation) = entity.translation.as_mut().filter(|_| in_translation) {
        change(&mut translation.sections);
    }
    let anchor = HEADINGS[heading].2;
    let whose = match (in_main, in_translation) {
        (true, true) => "and its translation",
        (false, true) => "(its translation only)",
        _ => "(main file only)",
    };
    let said = match adds {
        true => format!("added the heading #{anchor} to {id} {whose}"),
        false => format!("removed the heading #{anchor} from {id} {whose}"),
    };
    let link = format!("[[{id}#{anchor}");
    let linked = model.entities.iter().any(|e| {
        e.body.contains(&link)
            || e.translation
                .as_ref()
                .is_some_and(|t| t.body.contains(&link))
    });
    if !adds && linked && rng.chance(12) {
        return Some(Edit::mistake(said + ", still linked to"));
    }
    Some(Edit::said(said))
}

/// Links an entity of any kind (now and then one of its headings) from the
/// overview or a free page, in the main language or the translation.
pub fn link_from_overview_or_page(rng: &mut Rng, model: &mut Model) -> Option<Edit> {
    let targets: Vec<String> = model
        .entities
        .iter()
        .filter(|e| !e.draft)
        .map(|e| e.id.clone())
        .collect();
    if targets.is_empty() {
        return None;
    }
    let target = rng.pick(&targets).clone();
    let pages: Vec<usize> = model
        .of_kind(Kind::Page)
        .into_iter()
        .filter(|&i| model.entities[i].id != target)
        .collect();
    let on_page = !pages.is_empty() && rng.chance(40);
    let page = on_page.then(|| *rng.pick(&pages));
    let translated = match page {
        Some(at) => model.entities[at].translation.is_some() && rng.chance(40),
        None => model.overview_translation.is_some() && rng.chance(40),
    };
    let link = model.link(rng, &target, translated);
    let (body, place) = match page {
        Some(at) => {
            let entity = &mut model.entities[at];
            let place = format!("the page {}", entity.id);
            match (&mut entity.translation, translated) {
                (Some(t), true) => (&mut t.body, place + "'s translation"),
                _ => (&mut entity.body, place),
            }
        }
        None => match (&mut model.overview_translation, translated) {
            (Some(t), true) => (&mut t.body, "the overview's translation".to_owned()),
            _ => (&mut model.overview_body, "the overview".to_owned()),
        },
    };
    *body += &format!("\n\n{link}");
    Some(Edit::said(format!("linked {link} from {place}")))
}

/// Changes what a page shows of another: a party's kind, role, aliases or
/// website, a source's kind, publisher, url or language, a claim's basis,
/// a free page's weight (the navigation of every page).
pub fn edit_attribute(rng: &mut Rng, model: &mut Model) -> Option<Edit> {
    let at = pick(rng, model, false)?;
    // A proceeding's court must stay a court (SPEC §9).
    let is_court_of_proceeding = model
        .entities
        .iter()
        .any(|e| e.relation("court").contains(&model.entities[at].id));
    let entity = &mut model.entities[at];
    let id = entity.id.clone();
    let (key, value) = match (entity.kind, rng.below(4)) {
        (Kind::Party, 0) if !is_court_of_proceeding => {
            let role = ["plaintiff", "defendant", "third-party", "other"][rng.below(4)];
            entity.set_field("kind", Some("company".to_owned()));
            ("role", Some(role.to_owned()))
        }
        (Kind::Party, 1) => ("aliases", rng.chance(70).then(|| generate::aliases(rng))),
        (Kind::Party, 2) => {
            let site = format!("https://example.org/{}", rng.pick(model::WORDS));
            ("website", rng.chance(70).then_some(site))
        }
        (Kind::Party, _) => {
            let kind = ["person", "organization", "government", "other"][rng.below(4)];
            match is_court_of_proceeding {
                true => ("role", Some("court".to_owned())),
                false => ("kind", Some(kind.to_owned())),
            }
        }
        (Kind::Source, 0) => {
            let kind = ["article", "filing", "order", "statement", "other"][rng.below(5)];
            ("kind", Some(kind.to_owned()))
        }
        (Kind::Source, 1) => (
            "publisher",
            rng.chance(70).then(|| model::quoted(&model::title(rng))),
        ),
        (Kind::Source, 2) => {
            let url = format!("https://example.com/{}", rng.pick(model::WORDS));
            ("url", rng.chance(70).then_some(url))
        }
        (Kind::Source, _) => {
            let language = ["en", "de", "es-MX", "zh-Hant-TW"][rng.below(4)];
            ("language", rng.chance(70).then(|| language.to_owned()))
        }
        (Kind::Claim, _) => ("basis", Some(model::quoted(&model::title(rng)))),
        (Kind::Page, _) => ("weight", Some(rng.range(0, 9).to_string())),
        _ => return None,
    };
    let said = match &value {
        Some(value) => format!("set {key} of {id} to {value}"),
        None => format!("removed {key} of {id}"),
    };
    entity.set_field(key, value);
    Some(Edit::said(said))
}
