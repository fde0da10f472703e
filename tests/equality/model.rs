//! A generated site as data: settings, the overview, entities, template
//! overrides and static files. Edits change the model; `files()` turns it
//! into the text of every file of the site, so that a step can write exactly
//! the files that changed.

use std::collections::BTreeMap;

use crate::rng::Rng;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Party,
    Claim,
    Event,
    Source,
    Page,
}

impl Kind {
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Party => "parties",
            Kind::Claim => "claims",
            Kind::Event => "events",
            Kind::Source => "sources",
            Kind::Page => "pages",
        }
    }

    /// The relation fields of this kind and the kind each one takes.
    pub fn relations(self) -> &'static [(&'static str, Kind)] {
        match self {
            Kind::Claim => &[
                ("by", Kind::Party),
                ("against", Kind::Party),
                ("sources", Kind::Source),
            ],
            Kind::Event => &[
                ("parties", Kind::Party),
                ("claims", Kind::Claim),
                ("sources", Kind::Source),
            ],
            _ => &[],
        }
    }
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
    pub body: String,
}

impl Entity {
    pub fn path(&self) -> String {
        format!("content/{}/{}.md", self.kind.folder(), self.id)
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

    /// The ids this entity names, in its relations and its body.
    pub fn names(&self, id: &str) -> bool {
        self.relations
            .iter()
            .any(|(_, ids)| ids.iter().any(|i| i == id))
            || body_links_to(&self.body, id)
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
                // SPEC §3: a list field also takes a single string.
                1 if ids[0].len() % 2 == 0 => text += &format!("{key}: {}\n", ids[0]),
                _ => text += &format!("{key}: [{}]\n", ids.join(", ")),
            }
        }
        format!("{text}---\n\n{}\n", self.body)
    }
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
}

impl Settings {
    fn text(&self) -> String {
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
        text
    }
}

#[derive(Clone, Debug)]
pub struct Model {
    pub settings: Settings,
    pub overview_title: String,
    pub overview_summary: Option<String>,
    pub overview_body: String,
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
    /// Every file of the site, by path relative to the root.
    pub fn files(&self) -> BTreeMap<String, String> {
        let mut files = BTreeMap::new();
        files.insert("casebook.yaml".to_owned(), self.settings.text());
        let mut overview = format!("---\ntitle: {}\n", quoted(&self.overview_title));
        if let Some(summary) = &self.overview_summary {
            overview += &format!("summary: {}\n", quoted(summary));
        }
        overview += &format!("---\n\n{}\n", self.overview_body);
        files.insert("content/index.md".to_owned(), overview);
        for entity in &self.entities {
            files.insert(entity.path(), entity.text());
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

    /// How many other entities, or the overview, name `id`.
    pub fn referrers(&self, id: &str) -> usize {
        let from_entities = self
            .entities
            .iter()
            .filter(|e| e.id != id && e.names(id))
            .count();
        from_entities + usize::from(body_links_to(&self.overview_body, id))
    }

    /// A fresh id, unique in the model.
    pub fn new_id(&mut self, rng: &mut Rng) -> String {
        self.counter += 1;
        format!("{}-{}", rng.pick(WORDS), self.counter)
    }
}

/// A YAML double-quoted scalar.
pub fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

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

/// A wiki link to `id`, in one of its forms.
pub fn link(rng: &mut Rng, id: &str) -> String {
    match rng.below(3) {
        0 => format!("[[{id}]]"),
        1 => format!("[[{id}|{}]]", rng.pick(WORDS)),
        _ => format!("See [[{id}]]."),
    }
}

/// A body of a few blocks linking to some of `targets`.
pub fn body(rng: &mut Rng, targets: &[String]) -> String {
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
    for _ in 0..rng.range(0, 2) {
        if targets.is_empty() {
            break;
        }
        let target = rng.pick(targets).clone();
        let at = rng.below(blocks.len());
        blocks[at] += &format!(" {}", link(rng, &target));
    }
    blocks.join("\n\n")
}

fn paragraph(rng: &mut Rng) -> String {
    (0..rng.range(1, 4))
        .map(|_| sentence(rng))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A date in one of the forms of SPEC §3, in 2019–2023.
pub fn date(rng: &mut Rng) -> String {
    let (year, month, day) = (rng.range(2019, 2023), rng.range(1, 12), rng.range(1, 28));
    match rng.weighted(&[2, 3, 10, 2, 2, 2]) {
        0 => format!("{year}"),
        1 => format!("{year}-{month:02}"),
        2 => format!("{year}-{month:02}-{day:02}"),
        3 => format!("\"{year}-{month:02}-{day:02}\""),
        4 => format!(
            "{year}-{month:02}-{day:02}T{:02}:{:02}:00Z",
            rng.below(24),
            rng.below(60)
        ),
        _ => format!("{year}-{month:02}-{day:02}T{:02}:30+02:00", rng.below(24)),
    }
}

/// A valid site: a few parties, claims, sources, events and one page.
pub fn generate(rng: &mut Rng) -> Model {
    let mut model = Model {
        settings: Settings {
            title: title(rng),
            description: rng.chance(50).then(|| sentence(rng)),
            language: if rng.chance(70) { "en" } else { "de" },
            base_url: rng
                .chance(50)
                .then(|| "https://example.org/case/".to_owned()),
            case_name: rng.chance(60).then(|| title(rng)),
            docket: rng.chance(40).then(|| "2:21-cv-00031".to_owned()),
        },
        overview_title: title(rng),
        overview_summary: rng.chance(70).then(|| sentence(rng)),
        overview_body: String::new(),
        entities: Vec::new(),
        templates: BTreeMap::new(),
        statics: BTreeMap::new(),
        raw: BTreeMap::new(),
        counter: 0,
    };
    let counts = [
        (Kind::Party, rng.range(3, 5)),
        (Kind::Source, rng.range(1, 3)),
        (Kind::Claim, rng.range(1, 3)),
        (Kind::Event, rng.range(3, 8)),
        (Kind::Page, rng.range(0, 1)),
    ];
    for (kind, count) in counts {
        for _ in 0..count {
            let entity = new_entity(rng, &mut model, kind);
            model.entities.push(entity);
        }
    }
    let parties: Vec<String> = model
        .of_kind(Kind::Party)
        .iter()
        .map(|&i| model.entities[i].id.clone())
        .collect();
    model.overview_body = body(rng, &parties);
    model
}

/// A new, valid entity of `kind` that refers only to published entities
/// already in the model.
pub fn new_entity(rng: &mut Rng, model: &mut Model, kind: Kind) -> Entity {
    let id = model.new_id(rng);
    let published = |k: Kind| -> Vec<String> {
        model
            .entities
            .iter()
            .filter(|e| e.kind == k && !e.draft)
            .map(|e| e.id.clone())
            .collect()
    };
    let mut fields = Vec::new();
    match kind {
        Kind::Party => {
            let role = ["plaintiff", "defendant", "court", "third-party", "other"][rng.below(5)];
            let party_kind = if role == "court" {
                "court"
            } else {
                *rng.pick(&["person", "company", "organization"])
            };
            fields.push(("kind".to_owned(), party_kind.to_owned()));
            fields.push(("role".to_owned(), role.to_owned()));
        }
        Kind::Claim => {
            fields.push(("basis".to_owned(), quoted(&title(rng))));
            let status = *rng.pick(&["alleged", "pending", "granted", "denied", "dismissed"]);
            fields.push(("status".to_owned(), status.to_owned()));
        }
        Kind::Event => {
            fields.push(("date".to_owned(), date(rng)));
            if rng.chance(10) {
                fields.push(("approximate".to_owned(), "true".to_owned()));
            }
        }
        Kind::Source => {
            fields.push((
                "kind".to_owned(),
                (*rng.pick(&["article", "filing", "order"])).to_owned(),
            ));
            if rng.chance(60) {
                fields.push(("date".to_owned(), date(rng)));
            }
        }
        Kind::Page => fields.push(("weight".to_owned(), rng.range(1, 9).to_string())),
    }
    let mut relations = Vec::new();
    for &(field, target) in kind.relations() {
        let candidates = published(target);
        let wanted = if field == "by" { 1 } else { rng.range(0, 2) };
        let mut ids: Vec<String> = Vec::new();
        for _ in 0..wanted.min(candidates.len()) {
            let id = rng.pick(&candidates).clone();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        relations.push((field.to_owned(), ids));
    }
    let targets: Vec<String> = model
        .entities
        .iter()
        .filter(|e| !e.draft)
        .map(|e| e.id.clone())
        .collect();
    Entity {
        kind,
        id,
        title: title(rng),
        summary: rng.chance(50).then(|| sentence(rng)),
        draft: false,
        fields,
        relations,
        body: body(rng, &targets),
    }
}
