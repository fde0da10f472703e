//! Random edits of a generated site, as a writer makes them: most keep the
//! site valid, some break it (an unknown id, an impossible date, a broken
//! template), so that the failure and the recovery from it are tested too.

use crate::model::{self, body_links_to, Kind, Model};
use crate::rng::Rng;

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
}

impl Edit {
    fn said(description: impl Into<String>) -> Edit {
        Edit {
            description: description.into(),
            ..Edit::default()
        }
    }
}

/// Applies one random edit to `model`.
pub fn random_edit(rng: &mut Rng, model: &mut Model, templates: &Templates) -> Edit {
    let weights = [14, 10, 4, 8, 8, 7, 5, 5, 5, 5, 5, 3, 3, 2, 4];
    let edit = match rng.weighted(&weights) {
        0 => edit_body(rng, model),
        1 => edit_title(rng, model),
        2 => edit_summary(rng, model),
        3 => edit_date(rng, model),
        4 => edit_relation(rng, model),
        5 => add_entity(rng, model),
        6 => delete_entity(rng, model),
        7 => rename_entity(rng, model),
        8 => toggle_draft(rng, model),
        9 => edit_settings(rng, model),
        10 => edit_template(rng, model, templates),
        11 => edit_static(rng, model),
        12 => edit_overview(rng, model),
        13 => touch(rng, model),
        _ => break_something(rng, model, templates),
    };
    edit.unwrap_or_else(|| Edit::said("nothing to edit"))
}

/// An entity, usually one nothing refers to when `quiet` (deleting,
/// renaming or hiding one that is referred to breaks the site).
fn pick(rng: &mut Rng, model: &Model, quiet: bool) -> Option<usize> {
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

fn published_ids(model: &Model, kind: Option<Kind>) -> Vec<String> {
    model
        .entities
        .iter()
        .filter(|e| !e.draft && kind.is_none_or(|k| e.kind == k))
        .map(|e| e.id.clone())
        .collect()
}

fn edit_body(rng: &mut Rng, model: &mut Model) -> Option<Edit> {
    let at = pick(rng, model, false)?;
    let targets: Vec<String> = model.entities.iter().map(|e| e.id.clone()).collect();
    let entity = &mut model.entities[at];
    let how = match rng.below(4) {
        0 => {
            entity.body += &format!(" {}", model::sentence(rng));
            "appended a sentence to"
        }
        1 => {
            // The same number of bytes: only the watcher's report tells.
            let i = entity.body.find(|c: char| c.is_ascii_lowercase())?;
            let upper = entity.body[i..=i].to_ascii_uppercase();
            entity.body.replace_range(i..=i, &upper);
            "changed one letter of"
        }
        2 => {
            // Any entity, drafts included: a link to a draft is an error
            // unless drafts are built.
            let target = rng.pick(&targets).clone();
            entity.body += &format!("\n\n{}", model::link(rng, &target));
            "added a link to"
        }
        _ => {
            entity.body = model::body(rng, &[]);
            "rewrote, without links,"
        }
    };
    Some(Edit::said(format!("{how} the body of {}", entity.id)))
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
            // Every generated date is before 2024.
            let end = entity.field("end").is_none();
            entity.set_field("end", end.then(|| "2024-06-01".to_owned()));
            "toggled the end of"
        }
        (Kind::Source, 3) => {
            entity.set_field("date", None);
            "removed the date of"
        }
        _ => {
            entity.set_field("date", Some(model::date(rng)));
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
    let field = rng.below(kind.relations().len());
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
    let entity = model::new_entity(rng, model, kind);
    let mut description = format!("added {}", entity.path());
    if rng.chance(30) && !model.entities.is_empty() {
        // A writer links to the new page from an existing one in the same save.
        let from = rng.below(model.entities.len());
        let link = model::link(rng, &entity.id);
        model.entities[from].body += &format!("\n\n{link}");
        description += &format!(" and linked it from {}", model.entities[from].id);
    }
    model.entities.push(entity);
    Some(Edit::said(description))
}

fn delete_entity(rng: &mut Rng, model: &mut Model) -> Option<Edit> {
    let at = pick(rng, model, true)?;
    let entity = model.entities.remove(at);
    Some(Edit::said(format!("deleted {}", entity.path())))
}

fn rename_entity(rng: &mut Rng, model: &mut Model) -> Option<Edit> {
    let at = pick(rng, model, true)?;
    let old = model.entities[at].id.clone();
    let new = model.new_id(rng);
    let from = model.entities[at].path();
    model.entities[at].id = new.clone();
    let mut description = format!("renamed {old} to {new}");
    if model.referrers(&old) > 0 && rng.chance(60) {
        // The writer updates every reference in the same save.
        for entity in &mut model.entities {
            rename_references(&mut entity.body, &mut entity.relations, &old, &new);
        }
        rename_references(&mut model.overview_body, &mut Vec::new(), &old, &new);
        description += " and every reference to it";
    }
    let to = model.entities[at].path();
    Some(Edit {
        description,
        renames: vec![(from, to)],
        touched: Vec::new(),
    })
}

fn rename_references(
    body: &mut String,
    relations: &mut [(String, Vec<String>)],
    old: &str,
    new: &str,
) {
    if body_links_to(body, old) {
        for end in ["]]", "|", "#"] {
            *body = body.replace(&format!("[[{old}{end}"), &format!("[[{new}{end}"));
        }
    }
    for (_, ids) in relations {
        for id in ids.iter_mut().filter(|id| *id == old) {
            *id = new.to_owned();
        }
    }
}

fn toggle_draft(rng: &mut Rng, model: &mut Model) -> Option<Edit> {
    let at = pick(rng, model, true)?;
    let entity = &mut model.entities[at];
    entity.draft = !entity.draft;
    let state = if entity.draft { "a draft" } else { "published" };
    Some(Edit::said(format!("made {} {state}", entity.id)))
}

fn edit_settings(rng: &mut Rng, model: &mut Model) -> Option<Edit> {
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
            settings.language = if settings.language == "en" {
                "de"
            } else {
                "en"
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
    let targets = published_ids(model, None);
    match rng.below(3) {
        0 => model.overview_title = model::title(rng),
        1 => model.overview_summary = rng.chance(70).then(|| model::sentence(rng)),
        _ => model.overview_body = model::body(rng, &targets),
    }
    Some(Edit::said("edited content/index.md"))
}

fn touch(rng: &mut Rng, model: &Model) -> Option<Edit> {
    let at = pick(rng, model, false)?;
    let path = model.entities[at].path();
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
    Some(Edit::said(description))
}
