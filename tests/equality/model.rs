//! A generated site as data: settings, the overview, entities (with their
//! translations and page bundles), template overrides and static files.
//! Edits change the model; `files()` turns it into the text of every file of
//! the site, so that a step can write exactly the files that changed.

use std::collections::BTreeMap;

use crate::rng::Rng;
use crate::text::{self, HEADINGS};

pub use crate::text::{body, sentence, title, WORDS};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Party,
    Claim,
    Event,
    Source,
    Page,
    Proceeding,
}

/// The relation fields that hold one id, not a list.
pub const SINGLE: &[&str] = &["court", "from", "proceeding"];

/// Claim statuses (SPEC §9).
pub const STATUSES: &[&str] = &[
    "alleged",
    "pending",
    "granted",
    "denied",
    "dismissed",
    "withdrawn",
    "settled",
];

/// How a proceeding came from another (SPEC §9).
pub const VIAS: &[&str] = &[
    "refiled",
    "removed",
    "remanded",
    "appealed",
    "transferred",
    "consolidated",
];

impl Kind {
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Party => "parties",
            Kind::Claim => "claims",
            Kind::Event => "events",
            Kind::Source => "sources",
            Kind::Page => "pages",
            Kind::Proceeding => "proceedings",
        }
    }

    /// The relation fields of this kind and the kind each one takes.
    pub fn relations(self) -> &'static [(&'static str, Kind)] {
        match self {
            Kind::Claim => &[
                ("by", Kind::Party),
                ("against", Kind::Party),
                ("sources", Kind::Source),
                ("proceeding", Kind::Proceeding),
            ],
            Kind::Event => &[
                ("parties", Kind::Party),
                ("claims", Kind::Claim),
                ("sources", Kind::Source),
                ("proceeding", Kind::Proceeding),
            ],
            Kind::Proceeding => &[("court", Kind::Party), ("from", Kind::Proceeding)],
            _ => &[],
        }
    }
}

/// The words of an entity (or the overview) in the translation's language.
#[derive(Clone, Debug)]
pub struct Translation {
    pub title: String,
    pub summary: Option<String>,
    pub aliases: Option<String>,
    pub body: String,
    /// Headings by index into `HEADINGS`, with the paragraph under each.
    pub sections: Vec<(usize, String)>,
    /// A key only the main file may set, written by mistake.
    pub stray: Option<(String, String)>,
}

impl Translation {
    fn text(&self) -> String {
        let mut text = format!("---\ntitle: {}\n", quoted(&self.title));
        if let Some(summary) = &self.summary {
            text += &format!("summary: {}\n", quoted(summary));
        }
        if let Some(aliases) = &self.aliases {
            text += &format!("aliases: {aliases}\n");
        }
        if let Some((key, value)) = &self.stray {
            text += &format!("{key}: {value}\n");
        }
        format!(
            "{text}---\n\n{}\n",
            with_sections(&self.body, &self.sections, 1)
        )
    }
}

/// An entity kept as a folder, `<id>/index.md`, with a file beside it.
#[derive(Clone, Debug)]
pub struct Bundle {
    /// The file's name in the folder and its text.
    pub asset: Option<(String, String)>,
}

#[derive(Clone, Debug)]
pub struct Entity {
    pub kind: Kind,
    pub id: String,
    pub title: String,
    pub summary: Option<String>,
    pub draft: bool,
    /// Scalar front matter after title, summary and draft, as written
    /// (`("date", "2021-01-05")`, `("role", "plaintiff")`).
    pub fields: Vec<(String, String)>,
    /// Relation fields with the ids they hold, in the order of `Kind::relations`.
    pub relations: Vec<(String, Vec<String>)>,
    /// An event's `outcomes`: claim id → status.
    pub outcomes: Vec<(String, String)>,
    /// `corrections`: (date, text).
    pub corrections: Vec<(String, String)>,
    pub body: String,
    /// Headings after the body, by index into `HEADINGS`, with their paragraph.
    pub sections: Vec<(usize, String)>,
    pub translation: Option<Translation>,
    pub bundle: Option<Bundle>,
}

impl Entity {
    /// `content/<type>/<id>`: the bundle's folder, or the file without `.md`.
    pub fn stem(&self) -> String {
        format!("content/{}/{}", self.kind.folder(), self.id)
    }

    pub fn path(&self) -> String {
        match self.bundle {
            Some(_) => format!("{}/index.md", self.stem()),
            None => format!("{}.md", self.stem()),
        }
    }

    pub fn translation_path(&self, language: &str) -> String {
        match self.bundle {
            Some(_) => format!("{}/index.{language}.md", self.stem()),
            None => format!("{}.{language}.md", self.stem()),
        }
    }

    pub fn asset_path(&self) -> Option<String> {
        let (name, _) = self.bundle.as_ref()?.asset.as_ref()?;
        Some(format!("{}/{name}", self.stem()))
    }

    pub fn field(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Sets (`Some`) or removes (`None`) a scalar field.
    pub fn set_field(&mut self, key: &str, value: Option<String>) {
        let at = self.fields.iter().position(|(k, _)| k == key);
        match (at, value) {
            (Some(i), Some(v)) => self.fields[i].1 = v,
            (Some(i), None) => {
                self.fields.remove(i);
            }
            (None, Some(v)) => self.fields.push((key.to_owned(), v)),
            (None, None) => {}
        }
    }

    /// The ids a relation field holds (none for a field the kind lacks).
    pub fn relation(&self, name: &str) -> &[String] {
        self.relations
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, ids)| ids.as_slice())
            .unwrap_or_default()
    }

    pub fn relation_mut(&mut self, name: &str) -> Option<&mut Vec<String>> {
        self.relations
            .iter_mut()
            .find(|(key, _)| key == name)
            .map(|(_, ids)| ids)
    }

    /// Whether this entity names `id`: in a relation, an outcome, its body
    /// or its translation's body.
    pub fn names(&self, id: &str) -> bool {
        self.relations
            .iter()
            .any(|(_, ids)| ids.iter().any(|i| i == id))
            || self.outcomes.iter().any(|(claim, _)| claim == id)
            || body_links_to(&self.body, id)
            || self
                .translation
                .as_ref()
                .is_some_and(|t| body_links_to(&t.body, id))
    }

    /// The anchors of this entity's headings in the main file, or in its
    /// translation.
    pub fn anchors(&self, translated: bool) -> Vec<&'static str> {
        let sections = match (&self.translation, translated) {
            (Some(translation), true) => &translation.sections,
            _ => &self.sections,
        };
        sections.iter().map(|(h, _)| HEADINGS[*h].2).collect()
    }

    fn text(&self) -> String {
        let mut text = format!("---\ntitle: {}\n", quoted(&self.title));
        if let Some(summary) = &self.summary {
            text += &format!("summary: {}\n", quoted(summary));
        }
        if self.draft {
            text += "draft: true\n";
        }
        for (key, value) in &self.fields {
            text += &format!("{key}: {value}\n");
        }
        for (key, ids) in &self.relations {
            match ids.len() {
                0 => {}
                1 if SINGLE.contains(&key.as_str()) => text += &format!("{key}: {}\n", ids[0]),
                // SPEC §3: a list field also takes a single string.
                1 if ids[0].len() % 2 == 0 => text += &format!("{key}: {}\n", ids[0]),
                _ => text += &format!("{key}: [{}]\n", ids.join(", ")),
            }
        }
        text += &outcomes_text(&self.id, &self.outcomes);
        if !self.corrections.is_empty() {
            text += "corrections:\n";
            for (date, said) in &self.corrections {
                text += &format!("  - date: {date}\n    text: {}\n", quoted(said));
            }
        }
        format!(
            "{text}---\n\n{}\n",
            with_sections(&self.body, &self.sections, 0)
        )
    }
}

/// `outcomes` as a flow or a block mapping (by the id, so that it stays put).
fn outcomes_text(id: &str, outcomes: &[(String, String)]) -> String {
    if outcomes.is_empty() {
        return String::new();
    }
    if id.len().is_multiple_of(2) {
        let pairs: Vec<String> = outcomes.iter().map(|(c, s)| format!("{c}: {s}")).collect();
        return format!("outcomes: {{{}}}\n", pairs.join(", "));
    }
    let mut text = "outcomes:\n".to_owned();
    for (claim, status) in outcomes {
        text += &format!("  {claim}: {status}\n");
    }
    text
}

/// A body followed by its sections, each heading in the given variant.
fn with_sections(body: &str, sections: &[(usize, String)], variant: usize) -> String {
    let mut text = body.to_owned();
    for (heading, paragraph) in sections {
        let heading = if variant == 0 {
            HEADINGS[*heading].0
        } else {
            HEADINGS[*heading].1
        };
        text += &format!("\n\n## {heading}\n\n{paragraph}");
    }
    text
}

pub fn body_links_to(body: &str, id: &str) -> bool {
    ["]]", "|", "#"]
        .iter()
        .any(|end| body.contains(&format!("[[{id}{end}")))
}

#[derive(Clone, Debug)]
pub struct Settings {
    pub title: String,
    pub description: Option<String>,
    pub language: &'static str,
    pub base_url: Option<String>,
    pub case_name: Option<String>,
    pub docket: Option<String>,
    /// The translation's edition, when `translations` lists it.
    pub translations: Option<Edition>,
}

/// How `translations` lists the one further language.
#[derive(Clone, Debug)]
pub enum Edition {
    /// `translations: [en]`
    Bare,
    /// `en:` with nothing under it.
    Empty,
    /// `en:` with a title of its own.
    Titled(String),
}

impl Settings {
    fn text(&self, edition: &str) -> String {
        let mut text = format!("title: {}\n", quoted(&self.title));
        if let Some(description) = &self.description {
            text += &format!("description: {}\n", quoted(description));
        }
        text += &format!("language: {}\n", self.language);
        if let Some(url) = &self.base_url {
            text += &format!("base_url: {url}\n");
        }
        if self.case_name.is_some() || self.docket.is_some() {
            text += "case:\n";
            if let Some(name) = &self.case_name {
                text += &format!("  name: {}\n", quoted(name));
            }
            if let Some(docket) = &self.docket {
                text += &format!("  docket: {}\n", quoted(docket));
            }
        }
        match &self.translations {
            None => {}
            Some(Edition::Bare) => text += &format!("translations: [{edition}]\n"),
            Some(Edition::Empty) => text += &format!("translations:\n  {edition}:\n"),
            Some(Edition::Titled(title)) => {
                text += &format!(
                    "translations:\n  {edition}:\n    title: {}\n",
                    quoted(title)
                )
            }
        }
        text
    }
}

#[derive(Clone, Debug)]
pub struct Model {
    pub settings: Settings,
    pub overview_title: String,
    pub overview_summary: Option<String>,
    pub overview_body: String,
    pub overview_translation: Option<Translation>,
    pub entities: Vec<Entity>,
    /// `templates/<name>` → text.
    pub templates: BTreeMap<String, String>,
    /// `static/<name>` → text.
    pub statics: BTreeMap<String, String>,
    /// Any other file, by path, as written (for deliberately broken files).
    pub raw: BTreeMap<String, String>,
    /// Makes every new id unique.
    pub counter: usize,
}

impl Model {
    /// The language of translations: the one of `de` and `en` that is not
    /// the main language. (While translations exist, the main language only
    /// changes its region, see `edits::edit_settings`.)
    pub fn edition(&self) -> &'static str {
        if self.settings.language.starts_with("de") {
            "en"
        } else {
            "de"
        }
    }

    /// Whether any file is a translation.
    pub fn has_translation_files(&self) -> bool {
        self.overview_translation.is_some() || self.entities.iter().any(|e| e.translation.is_some())
    }

    /// Every file of the site, by path relative to the root.
    pub fn files(&self) -> BTreeMap<String, String> {
        let edition = self.edition();
        let mut files = BTreeMap::new();
        files.insert("casebook.yaml".to_owned(), self.settings.text(edition));
        let mut overview = format!("---\ntitle: {}\n", quoted(&self.overview_title));
        if let Some(summary) = &self.overview_summary {
            overview += &format!("summary: {}\n", quoted(summary));
        }
        overview += &format!("---\n\n{}\n", self.overview_body);
        files.insert("content/index.md".to_owned(), overview);
        if let Some(translation) = &self.overview_translation {
            files.insert(format!("content/index.{edition}.md"), translation.text());
        }
        for entity in &self.entities {
            files.insert(entity.path(), entity.text());
            if let Some(translation) = &entity.translation {
                files.insert(entity.translation_path(edition), translation.text());
            }
            if let Some(bundle) = &entity.bundle {
                if let Some((name, text)) = &bundle.asset {
                    files.insert(format!("{}/{name}", entity.stem()), text.clone());
                }
            }
        }
        for (name, text) in &self.templates {
            files.insert(format!("templates/{name}"), text.clone());
        }
        for (name, text) in &self.statics {
            files.insert(format!("static/{name}"), text.clone());
        }
        files.extend(self.raw.clone());
        files
    }

    pub fn of_kind(&self, kind: Kind) -> Vec<usize> {
        (0..self.entities.len())
            .filter(|&i| self.entities[i].kind == kind)
            .collect()
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.entities.iter().position(|e| e.id == id)
    }

    pub fn published(&self, kind: Kind) -> Vec<String> {
        self.entities
            .iter()
            .filter(|e| e.kind == kind && !e.draft)
            .map(|e| e.id.clone())
            .collect()
    }

    /// The published parties of kind `court`, which a proceeding may name.
    pub fn courts(&self) -> Vec<String> {
        self.entities
            .iter()
            .filter(|e| e.kind == Kind::Party && !e.draft && e.field("kind") == Some("court"))
            .map(|e| e.id.clone())
            .collect()
    }

    /// How many other entities, or the overview, name `id`.
    pub fn referrers(&self, id: &str) -> usize {
        let from_entities = self
            .entities
            .iter()
            .filter(|e| e.id != id && e.names(id))
            .count();
        let from_overview = body_links_to(&self.overview_body, id)
            || self
                .overview_translation
                .as_ref()
                .is_some_and(|t| body_links_to(&t.body, id));
        from_entities + usize::from(from_overview)
    }

    /// A fresh id, unique in the model.
    pub fn new_id(&mut self, rng: &mut Rng) -> String {
        self.counter += 1;
        format!("{}-{}", rng.pick(WORDS), self.counter)
    }

    /// A wiki link to `id` in one of its forms; from a translation when
    /// `translated`, whose `#heading` links are checked against the target's
    /// translation.
    pub fn link(&self, rng: &mut Rng, id: &str, translated: bool) -> String {
        let anchors = self
            .index_of(id)
            .map(|i| self.entities[i].anchors(translated))
            .unwrap_or_default();
        if !anchors.is_empty() && rng.chance(40) {
            let anchor = rng.pick(&anchors);
            return match rng.below(2) {
                0 => format!("[[{id}#{anchor}]]"),
                _ => format!("[[{id}#{anchor}|{}]]", rng.pick(WORDS)),
            };
        }
        match rng.below(3) {
            0 => format!("[[{id}]]"),
            1 => format!("[[{id}|{}]]", rng.pick(WORDS)),
            _ => format!("See [[{id}]]."),
        }
    }

    /// Zero to two links to published entities of any kind.
    pub fn some_links(&self, rng: &mut Rng, translated: bool) -> Vec<String> {
        let targets: Vec<&Entity> = self.entities.iter().filter(|e| !e.draft).collect();
        if targets.is_empty() {
            return Vec::new();
        }
        (0..rng.range(0, 2))
            .map(|_| {
                let id = rng.pick(&targets).id.clone();
                self.link(rng, &id, translated)
            })
            .collect()
    }

    /// Calls `change` on every body of the site, with whether it is a
    /// translation's.
    pub fn each_body(&mut self, mut change: impl FnMut(&mut String, bool)) {
        change(&mut self.overview_body, false);
        if let Some(translation) = &mut self.overview_translation {
            change(&mut translation.body, true);
        }
        for entity in &mut self.entities {
            change(&mut entity.body, false);
            if let Some(translation) = &mut entity.translation {
                change(&mut translation.body, true);
            }
        }
    }

    /// Makes every reference to `old` one to `new`, as a writer who renames
    /// a file updates every page that names it.
    pub fn rename_references(&mut self, old: &str, new: &str) {
        self.each_body(|body, _| {
            for end in ["]]", "|", "#"] {
                *body = body.replace(&format!("[[{old}{end}"), &format!("[[{new}{end}"));
            }
        });
        for entity in &mut self.entities {
            let relations = entity.relations.iter_mut().flat_map(|(_, ids)| ids);
            let outcomes = entity.outcomes.iter_mut().map(|(claim, _)| claim);
            for id in relations.chain(outcomes).filter(|id| *id == old) {
                *id = new.to_owned();
            }
        }
    }

    /// Turns every link to `id` into plain text.
    pub fn unlink_everywhere(&mut self, id: &str) {
        self.each_body(|body, _| *body = unlinked(body, id));
    }

    /// Drops the `#heading` of every link to a heading its target (in the
    /// link's edition) no longer has, as the writer who removed the heading
    /// would.
    pub fn repair_anchors(&mut self) {
        let snapshot = self.clone();
        self.each_body(|body, translated| {
            *body = without_dead_anchors(body, |id, anchor| {
                snapshot
                    .index_of(id)
                    .is_none_or(|i| snapshot.entities[i].anchors(translated).contains(&anchor))
            });
        });
    }

    /// Keeps each claim's `status` key consistent with the outcomes for it,
    /// as SPEC §9 asks: where an event decides the claim, the key goes, or
    /// takes the one status every outcome agrees on.
    pub fn settle_statuses(&mut self) {
        for at in self.of_kind(Kind::Claim) {
            let id = self.entities[at].id.clone();
            let decided: Vec<String> = self
                .entities
                .iter()
                .flat_map(|e| &e.outcomes)
                .filter(|(claim, _)| *claim == id)
                .map(|(_, status)| status.clone())
                .collect();
            let claim = &mut self.entities[at];
            let Some(status) = claim.field("status").map(str::to_owned) else {
                continue;
            };
            if decided.iter().all(|s| *s == status) {
                continue;
            }
            let agreed = decided.iter().all(|s| *s == decided[0]);
            claim.set_field("status", agreed.then(|| decided[0].clone()));
        }
    }
}

/// `body` with each wiki link `[[inner]]` that `replace` answers for
/// replaced, brackets and all, by its answer. A link does not span lines
/// (SPEC §4); an unclosed `[[` is left as it is.
pub fn map_links(body: &str, replace: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(open) = rest.find("[[") {
        out += &rest[..open];
        let after = &rest[open + 2..];
        let line_end = after.find('\n').unwrap_or(after.len());
        let Some(close) = after[..line_end].find("]]") else {
            out += "[[";
            rest = after;
            continue;
        };
        let inner = &after[..close];
        match replace(inner) {
            Some(replacement) => out += &replacement,
            None => out += &format!("[[{inner}]]"),
        }
        rest = &after[close + 2..];
    }
    out + rest
}

/// The target id and the anchor of a link's inside (`id#anchor|text`).
pub fn link_target(inner: &str) -> (&str, Option<&str>) {
    let target = inner.split('|').next().unwrap_or_default();
    match target.split_once('#') {
        Some((id, anchor)) => (id, Some(anchor)),
        None => (target, None),
    }
}

/// `body` without the `#anchor` of each `[[id#anchor…]]` that `keeps`
/// refuses.
fn without_dead_anchors(body: &str, keeps: impl Fn(&str, &str) -> bool) -> String {
    map_links(body, |inner| match link_target(inner) {
        (id, Some(anchor)) if !keeps(id, anchor) => {
            let text = &inner[id.len() + 1 + anchor.len()..];
            Some(format!("[[{id}{text}]]"))
        }
        _ => None,
    })
}

/// `body` with every link to `id` turned into plain text, as a writer
/// does before deleting the page it led to.
pub fn unlinked(body: &str, id: &str) -> String {
    map_links(body, |inner| {
        (link_target(inner).0 == id).then(|| inner.split('|').nth(1).unwrap_or("that").to_owned())
    })
}

/// A YAML double-quoted scalar.
pub fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Up to two headings (no heading twice), each with a paragraph.
pub fn sections(rng: &mut Rng) -> Vec<(usize, String)> {
    let mut sections: Vec<(usize, String)> = Vec::new();
    for _ in 0..rng.weighted(&[3, 3, 2]) {
        let heading = rng.below(HEADINGS.len());
        if sections.iter().all(|(h, _)| *h != heading) {
            sections.push((heading, text::paragraph(rng)));
        }
    }
    sections
}
