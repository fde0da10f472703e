//! Random edits of a generated site, as a writer makes them: most keep the
//! site valid, some break it (an unknown id, an impossible date, a broken
//! template), so that the failure and the recovery from it are tested too.

use crate::model::{self, Kind, Model, SINGLE};
use crate::rng::Rng;
use crate::{editions, facts, generate, text};

/// The default theme's templates, to override with a marked copy.
pub struct Templates(pub Vec<(String, String)>);

/// What an edit did beyond changing the model.
#[derive(Default)]
pub struct Edit {
    pub description: String,
    /// Files moved on disk (`from`, `to`, relative to the root): a rename is
    /// made with `fs::rename` and reported under both names, as a watcher does.
    pub renames: Vec<(String, String)>,
    /// Files saved without a change.
    pub touched: Vec<String>,
    /// A mistake the writer makes on purpose: the model is not tidied up
    /// after it (dead `#heading` links stay, a contradicting status stays).
    pub mistake: bool,
}

impl Edit {
    pub fn said(description: impl Into<String>) -> Edit {
        Edit {
            description: description.into(),
            ..Edit::default()
        }
    }

    pub fn mistake(description: impl Into<String>) -> Edit {
        Edit {
            mistake: true,
            ..Edit::said(description)
        }
    }
}

type EditFn = fn(&mut Rng, &mut Model, &Templates) -> Option<Edit>;

/// Every kind of edit, by the name the log gives it, with its weight.
const EDITS: &[(&str, usize, EditFn)] = &[
    ("body", 8, |r, m, _| edit_body(r, m)),
    ("title", 5, |r, m, _| edit_title(r, m)),
    ("summary", 3, |r, m, _| edit_summary(r, m)),
    ("date", 6, |r, m, _| edit_date(r, m)),
    ("relation", 5, |r, m, _| edit_relation(r, m)),
    ("add", 5, |r, m, _| add_entity(r, m)),
    ("delete", 4, |r, m, _| delete_entity(r, m)),
    ("rename", 5, |r, m, _| rename_entity(r, m)),
    ("draft", 4, |r, m, _| toggle_draft(r, m)),
    ("settings", 4, |r, m, _| edit_settings(r, m)),
    ("template", 3, edit_template),
    ("static", 2, |r, m, _| edit_static(r, m)),
    ("overview", 3, |r, m, _| edit_overview(r, m)),
    ("touch", 2, |r, m, _| touch(r, m)),
    ("break", 4, break_something),
    ("proceeding", 6, |r, m, _| facts::edit_proceeding(r, m)),
    ("move-to-proceeding", 4, |r, m, _| {
        facts::move_to_proceeding(r, m)
    }),
    ("add-proceeding", 4, |r, m, _| facts::add_proceeding(r, m)),
    ("delete-proceeding", 3, |r, m, _| {
        facts::delete_proceeding(r, m)
    }),
    ("outcome", 6, |r, m, _| facts::edit_outcome(r, m)),
    ("reorder-outcomes", 4, |r, m, _| {
        facts::reorder_outcomes(r, m)
    }),
    ("neighbour-date", 4, |r, m, _| facts::move_next_to(r, m)),
    ("attribute", 5, |r, m, _| facts::edit_attribute(r, m)),
    ("corrections", 4, |r, m, _| facts::edit_corrections(r, m)),
    ("sections", 4, |r, m, _| facts::edit_sections(r, m)),
    ("link-from-overview-or-page", 4, |r, m, _| {
        facts::link_from_overview_or_page(r, m)
    }),
    ("translation", 9, |r, m, _| editions::edit_translation(r, m)),
    ("translations-setting", 3, |r, m, _| {
        editions::edit_translations_setting(r, m)
    }),
    ("bundle", 5, |r, m, _| editions::edit_bundle(r, m)),
];

/// Applies one random edit to `model`; unless it is a mistake, then tidies
/// up what the writer tidies up in the same save (links to a heading that
/// is gone, a claim status its outcomes now contradict).
pub fn random_edit(rng: &mut Rng, model: &mut Model, templates: &Templates) -> Edit {
    let weights: Vec<usize> = EDITS.iter().map(|(_, weight, _)| *weight).collect();
    let (name, _, edit) = EDITS[rng.weighted(&weights)];
    let mut edit = edit(rng, model, templates).unwrap_or_else(|| Edit::said("nothing to edit"));
    if !edit.mistake {
        model.repair_anchors();
        model.settle_statuses();
    }
    edit.description = match edit.mistake {
        true => format!("[{name}] {} (a mistake)", edit.description),
        false => format!("[{name}] {}", edit.description),
    };
    edit
}

/// An entity, usually one nothing refers to when `quiet` (deleting,
/// renaming or hiding one that is referred to breaks the site).
pub fn pick(rng: &mut Rng, model: &Model, quiet: bool) -> Option<usize> {
    if model.entities.is_empty() {
        return None;
    }
    if quiet && rng.chance(80) {
        let unreferenced: Vec<usize> = (0..model.entities.len())
            .filter(|&i| model.referrers(&model.entities[i].id) == 0)
            .collect();
        if !unreferenced.is_empty() {
            return Some(*rng.pick(&unreferenced));
        }
    }
    Some(rng.below(model.entities.len()))
}

/// An entity for which `prefer` holds, usually (`percent`), when there is
/// one; else any: so that an edit of what few entities have (a translation,
/// a bundle, corrections) is not mostly the adding of one.
pub fn pick_preferring(
    rng: &mut Rng,
    model: &Model,
    percent: usize,
    prefer: impl Fn(&model::Entity) -> bool,
) -> Option<usize> {
    let preferred: Vec<usize> = (0..model.entities.len())
        .filter(|&i| prefer(&model.entities[i]))
        .collect();
    if !preferred.is_empty() && rng.chance(percent) {
        return Some(*rng.pick(&preferred));
    }
    pick(rng, model, false)
}

pub fn published_ids(model: &Model, kind: Option<Kind>) -> Vec<String> {
    model
        .entities
        .iter()
        .filter(|e| !e.draft && kind.is_none_or(|k| e.kind == k))
        .map(|e| e.id.clone())
        .collect()
}

fn edit_body(rng: &mut Rng, model: &mut Model) -> Option<Edit> {
    let at = pick(rng, model, false)?;
    let id = model.entities[at].id.clone();
    let how = rng.below(4);
    // Any entity, drafts included: a link to a draft is an error unless
    // drafts are built.
    let target = &model.entities[rng.below(model.entities.len())];
    let to_draft = how == 2 && target.draft;
    let target = target.id.clone();
    let link = (how == 2).then(|| model.link(rng, &target, false));
    let body = &mut model.entities[at].body;
    let how = match (how, link) {
        (0, _) => {
            *body += &format!(" {}", model::sentence(rng));
            "appended a sentence to"
        }
        (1, _) => {
            // The same number of bytes: only the watcher's report tells.
            let i = body.find(|c: char| c.is_ascii_lowercase())?;
            let upper = body[i..=i].to_ascii_uppercase();
            body.replace_range(i..=i, &upper);
            "changed one letter of"
        }
        (_, Some(link)) => {
            *body += &format!("\n\n{link}");
            "added a link to"
        }
        _ => {
            *body = model::body(rng, Vec::new());
            "rewrote, without links,"
        }
    };
    let said = format!("{how} the body of {id}");
    match to_draft {
        true => Some(Edit::mistake(said + ", to a draft")),
        false => Some(Edit::said(said)),
    }
}

fn edit_title(rng: &mut Rng, model: &mut Model) -> Option<Edit> {
    let at = pick(rng, model, false)?;
    let entity = &mut model.entities[at];
    if let Some(first) = entity.title.get_mut(..1).filter(|_| rng.chance(30)) {
        // The same number of bytes.
        first.make_ascii_lowercase();
    } else {
        entity.title = model::title(rng);
    }
    Some(Edit::said(format!("retitled {}", entity.id)))
}

fn edit_summary(rng: &mut Rng, model: &mut Model) -> Option<Edit> {
    let at = pick(rng, model, false)?;
    let entity = &mut model.entities[at];
    entity.summary = match entity.summary {
        Some(_) if rng.chance(40) => None,
        _ => Some(model::sentence(rng)),
    };
    Some(Edit::said(format!("changed the summary of {}", entity.id)))
}

fn edit_date(rng: &mut Rng, model: &mut Model) -> Option<Edit> {
    let mut dated = model.of_kind(Kind::Event);
    dated.extend(model.of_kind(Kind::Source));
    if dated.is_empty() {
        return None;
    }
    let entity = &mut model.entities[*rng.pick(&dated)];
    let how = match (entity.kind, rng.below(4)) {
        (Kind::Event, 1) => {
            let approximate = entity.field("approximate").is_none();
            entity.set_field("approximate", approximate.then(|| "true".to_owned()));
            "toggled approximate on"
        }
        (Kind::Event, 2) => {
            let start = text::start_of(entity.field("date")?);
            let end = entity.field("end").is_none();
            entity.set_field("end", end.then(|| text::end_after(rng, start)));
            "toggled the end of"
        }
        (Kind::Source, 3) => {
            entity.set_field("date", None);
            "removed the date of"
        }
        _ => {
            let (date, start) = text::dated(rng);
            entity.set_field("date", Some(date));
            if entity.field("end").is_some() {
                // The end moves along, or goes.
                let end = rng.chance(75).then(|| text::end_after(rng, start));
                entity.set_field("end", end);
            }
            "moved"
        }
    };
    Some(Edit::said(format!("{how} {}", entity.id)))
}

fn edit_relation(rng: &mut Rng, model: &mut Model) -> Option<Edit> {
    let mut related = model.of_kind(Kind::Event);
    related.extend(model.of_kind(Kind::Claim));
    if related.is_empty() {
        return None;
    }
    let at = *rng.pick(&related);
    let kind = model.entities[at].kind;
    // The one-id fields have edits of their own (`facts`).
    let lists: Vec<usize> = (0..kind.relations().len())
        .filter(|&i| !SINGLE.contains(&kind.relations()[i].0))
        .collect();
    let field = *rng.pick(&lists);
    let (name, target) = kind.relations()[field];
    let candidates = published_ids(model, Some(target));
    let ids = &mut model.entities[at].relations[field].1;
    let keeps_one = name == "by" && ids.len() == 1;
    let removable = !ids.is_empty() && !keeps_one;
    let how = if removable && rng.chance(50) {
        ids.remove(rng.below(ids.len()));
        "removed one of"
    } else {
        let fresh: Vec<&String> = candidates.iter().filter(|id| !ids.contains(id)).collect();
        if fresh.is_empty() {
            return None;
        }
        ids.push((*rng.pick(&fresh)).clone());
        "added one to"
    };
    let id = &model.entities[at].id;
    Some(Edit::said(format!("{how} the {name} of {id}")))
}

fn add_entity(rng: &mut Rng, model: &mut Model) -> Option<Edit> {
    let kinds = [
        Kind::Event,
        Kind::Party,
        Kind::Claim,
        Kind::Source,
        Kind::Page,
    ];
    let kind = kinds[rng.weighted(&[6, 1, 1, 1, 1])];
    let entity = generate::new_entity(rng, model, kind);
    let mut description = format!("added {}", entity.path());
    if rng.chance(30) && !model.entities.is_empty() {
        // A writer links to the new page from an existing one in the same save.
        let from = rng.below(model.entities.len());
        let link = model.link(rng, &entity.id, false);
        model.entities[from].body += &format!("\n\n{link}");
        description += &format!(" and linked it from {}", model.entities[from].id);
    }
    model.entities.push(entity);
    Some(Edit::said(description))
}

fn delete_entity(rng: &mut Rng, model: &mut Model) -> Option<Edit> {
    let at = pick(rng, model, true)?;
    let entity = model.entities.remove(at);
    let said = format!("deleted {}", entity.path());
    match model.referrers(&entity.id) {
        0 => Some(Edit::said(said)),
        _ => Some(Edit::mistake(said + ", still referred to")),
    }
}

/// Renames an entity's file (with its translation), or its bundle's folder.
fn rename_entity(rng: &mut Rng, model: &mut Model) -> Option<Edit> {
    let at = pick(rng, model, true)?;
    let before = model.entities[at].clone();
    let old = before.id.clone();
    let new = model.new_id(rng);
    model.entities[at].id = new.clone();
    let mut description = format!("renamed {old} to {new}");
    let referred = model.referrers(&old) > 0;
    let updated = referred && rng.chance(60);
    if updated {
        // The writer updates every reference in the same save.
        model.rename_references(&old, &new);
        description += " and every reference to it";
    }
    let after = &model.entities[at];
    let edition = model.edition();
    let renames = if before.bundle.is_some() {
        description += " (a bundle's folder)";
        vec![(before.stem(), after.stem())]
    } else {
        let mut renames = vec![(before.path(), after.path())];
        if before.translation.is_some() {
            renames.push((
                before.translation_path(edition),
                after.translation_path(edition),
            ));
        }
        renames
    };
    Some(Edit {
        description,
        renames,
        mistake: referred && !updated,
        ..Edit::default()
    })
}

fn toggle_draft(rng: &mut Rng, model: &mut Model) -> Option<Edit> {
    let at = pick(rng, model, true)?;
    let referred = model.referrers(&model.entities[at].id) > 0;
    let entity = &mut model.entities[at];
    entity.draft = !entity.draft;
    let state = if entity.draft { "a draft" } else { "published" };
    let said = format!("made {} {state}", entity.id);
    match entity.draft && referred {
        // An error unless drafts are built.
        true => Some(Edit::mistake(said + ", still referred to")),
        false => Some(Edit::said(said)),
    }
}

fn edit_settings(rng: &mut Rng, model: &mut Model) -> Option<Edit> {
    let multilingual = model.settings.translations.is_some() || model.has_translation_files();
    let settings = &mut model.settings;
    let what = match rng.below(6) {
        0 => {
            settings.title = model::title(rng);
            "the site title"
        }
        1 => {
            settings.description = match settings.description {
                Some(_) => None,
                None => Some(model::sentence(rng)),
            };
            "the description"
        }
        2 => {
            // With translations, only the region changes: the other of de
            // and en stays the translations' language.
            settings.language = match (settings.language, multilingual) {
                ("en", false) => "de",
                ("en", true) => "en-GB",
                ("de", false) => "en",
                ("de", true) => "de-AT",
                ("en-GB", _) => "en",
                _ => "de",
            };
            "the language"
        }
        3 => {
            settings.base_url = match settings.base_url {
                Some(_) => None,
                None => Some("https://example.org/case/".to_owned()),
            };
            "base_url"
        }
        4 => {
            settings.case_name = match settings.case_name {
                Some(_) if rng.chance(50) => None,
                _ => Some(model::title(rng)),
            };
            "the case name"
        }
        _ => {
            settings.docket = match settings.docket {
                Some(_) => None,
                None => Some("2:21-cv-00270".to_owned()),
            };
            "the docket"
        }
    };
    Some(Edit::said(format!("changed {what} in casebook.yaml")))
}

/// `text` with a visible mark that says which edit made it.
fn marked(name: &str, text: &str, mark: usize) -> String {
    let note = format!("<!-- edit {mark} -->");
    let block = "{% block content %}";
    if let Some(at) = text.find(block).filter(|_| name != "base.html") {
        let at = at + block.len();
        return format!("{}{note}{}", &text[..at], &text[at..]);
    }
    if let Some(body) = text.find("<body") {
        let at = body + text[body..].find('>').expect("a closed body tag") + 1;
        return format!("{}{note}{}", &text[..at], &text[at..]);
    }
    format!("{text}{note}")
}

fn edit_template(rng: &mut Rng, model: &mut Model, templates: &Templates) -> Option<Edit> {
    let overridden: Vec<String> = model.templates.keys().cloned().collect();
    if !overridden.is_empty() && rng.chance(35) {
        let name = rng.pick(&overridden).clone();
        model.templates.remove(&name);
        return Some(Edit::said(format!("deleted templates/{name}")));
    }
    let (name, text) = rng.pick(&templates.0);
    model.counter += 1;
    model
        .templates
        .insert(name.clone(), marked(name, text, model.counter));
    Some(Edit::said(format!("overrode templates/{name}")))
}

fn edit_static(rng: &mut Rng, model: &mut Model) -> Option<Edit> {
    let name = *rng.pick(&["notes.txt", "img/logo.svg", "style.css"]);
    if model.statics.contains_key(name) && rng.chance(40) {
        model.statics.remove(name);
        return Some(Edit::said(format!("deleted static/{name}")));
    }
    model.statics.insert(name.to_owned(), model::sentence(rng));
    Some(Edit::said(format!("wrote static/{name}")))
}

fn edit_overview(rng: &mut Rng, model: &mut Model) -> Option<Edit> {
    match rng.below(3) {
        0 => model.overview_title = model::title(rng),
        1 => model.overview_summary = rng.chance(70).then(|| model::sentence(rng)),
        _ => {
            let links = model.some_links(rng, false);
            model.overview_body = model::body(rng, links);
        }
    }
    Some(Edit::said("edited content/index.md"))
}

fn touch(rng: &mut Rng, model: &Model) -> Option<Edit> {
    let at = pick(rng, model, false)?;
    let entity = &model.entities[at];
    let mut paths = vec![entity.path()];
    if entity.translation.is_some() {
        paths.push(entity.translation_path(model.edition()));
    }
    paths.extend(entity.asset_path());
    let path = rng.pick(&paths).clone();
    Some(Edit {
        description: format!("saved {path} unchanged"),
        touched: vec![path],
        ..Edit::default()
    })
}

/// An edit that makes the site invalid.
fn break_something(rng: &mut Rng, model: &mut Model, templates: &Templates) -> Option<Edit> {
    let at = pick(rng, model, false)?;
    let others: Vec<String> = model
        .entities
        .iter()
        .filter(|e| e.kind != Kind::Event)
        .map(|e| e.id.clone())
        .collect();
    let entity = &mut model.entities[at];
    let id = entity.id.clone();
    let description = match rng.below(8) {
        0 => {
            entity.set_field("partys", Some("[x]".to_owned()));
            format!("misspelt a key in {id}")
        }
        1 => {
            let text = format!("---\ntitle: Bad name\n---\n\nAbout [[{id}]].\n");
            model
                .raw
                .insert("content/parties/Bad_Name.md".to_owned(), text);
            "added content/parties/Bad_Name.md".to_owned()
        }
        2 if entity.kind == Kind::Event => {
            entity.set_field("date", Some("2021-02-30".to_owned()));
            format!("gave {id} an impossible date")
        }
        3 if entity.kind == Kind::Event => {
            entity.set_field("end", Some("2018-01-01".to_owned()));
            format!("ended {id} before it began")
        }
        4 if !entity.relations.is_empty() => {
            entity.relations[0].1.push("no-such-id".to_owned());
            format!("named an unknown id in {id}")
        }
        5 => {
            let (name, text) = rng.pick(&templates.0);
            model
                .templates
                .insert(name.clone(), format!("{text}{{{{ broken"));
            format!("broke templates/{name}")
        }
        6 if !others.is_empty() => {
            let other = rng.pick(&others).clone();
            let text =
                format!("---\ntitle: Twin\ndate: 2021-01-01\n---\n\nA twin of [[{other}]].\n");
            model.raw.insert(format!("content/events/{other}.md"), text);
            format!("added an event with the id of {other}")
        }
        _ => {
            entity.body += " [[unclosed";
            format!("left a [[ open in {id}")
        }
    };
    Some(Edit::mistake(description))
}
