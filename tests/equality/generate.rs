//! New sites, entities, translations and page bundles, each valid on its own
//! and referring only to published entities already in the model.

use std::collections::BTreeMap;

use crate::model::{
    self, quoted, sentence, title, Bundle, Edition, Entity, Kind, Model, Settings, Translation,
    STATUSES, VIAS,
};
use crate::rng::Rng;
use crate::text::{self, dated, end_after};

/// A valid site: a few parties, sources, proceedings, claims, events and
/// maybe a page; now and then in two languages, with bundles, corrections.
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
            translations: rng.chance(20).then(|| edition(rng)),
        },
        overview_title: title(rng),
        overview_summary: rng.chance(70).then(|| sentence(rng)),
        overview_body: String::new(),
        overview_translation: None,
        entities: Vec::new(),
        templates: BTreeMap::new(),
        statics: BTreeMap::new(),
        raw: BTreeMap::new(),
        counter: 0,
    };
    let proceedings = rng.weighted(&[3, 3, 3, 1]);
    let counts = [
        (Kind::Party, rng.range(2, 3)),
        (Kind::Source, rng.range(1, 2)),
        (Kind::Proceeding, proceedings),
        (Kind::Claim, rng.range(1, 2)),
        (Kind::Event, rng.range(3, 5)),
        (Kind::Page, rng.range(0, 1)),
    ];
    for (kind, count) in counts {
        if kind == Kind::Proceeding && count > 0 && model.courts().is_empty() {
            let court = court(rng, &mut model);
            model.entities.push(court);
        }
        for _ in 0..count {
            let entity = new_entity(rng, &mut model, kind);
            model.entities.push(entity);
        }
    }
    model.settle_statuses();
    let links = model.some_links(rng, false);
    model.overview_body = model::body(rng, links);
    if model.settings.translations.is_some() {
        for at in 0..model.entities.len() {
            if rng.chance(40) {
                let translation = new_translation(rng, &model, Some(at));
                model.entities[at].translation = Some(translation);
            }
        }
        if rng.chance(50) {
            model.overview_translation = Some(new_translation(rng, &model, None));
        }
    }
    // A translation made later may lack a heading an earlier one links to.
    model.repair_anchors();
    for at in 0..model.entities.len() {
        if rng.chance(8) {
            make_bundle(rng, &mut model.entities[at]);
        }
    }
    model
}

/// How `translations` names the further language.
pub fn edition(rng: &mut Rng) -> Edition {
    match rng.below(3) {
        0 => Edition::Bare,
        1 => Edition::Empty,
        _ => Edition::Titled(title(rng)),
    }
}

/// A published party of kind `court`.
pub fn court(rng: &mut Rng, model: &mut Model) -> Entity {
    let mut court = new_entity(rng, model, Kind::Party);
    court.set_field("kind", Some("court".to_owned()));
    court.set_field("role", Some("court".to_owned()));
    court
}

/// A new, valid entity of `kind` that refers only to published entities
/// already in the model. A proceeding needs a published court.
pub fn new_entity(rng: &mut Rng, model: &mut Model, kind: Kind) -> Entity {
    let id = model.new_id(rng);
    let mut relations = Vec::new();
    for &(field, target) in kind.relations() {
        let candidates = match field {
            "court" => model.courts(),
            _ => model.published(target),
        };
        let wanted = match field {
            "by" | "court" => 1,
            "from" | "proceeding" => usize::from(rng.chance(60)),
            _ => rng.range(0, 2),
        };
        let mut ids: Vec<String> = Vec::new();
        for _ in 0..wanted.min(candidates.len()) {
            let id = rng.pick(&candidates).clone();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        relations.push((field.to_owned(), ids));
    }
    let links = model.some_links(rng, false);
    let mut entity = Entity {
        kind,
        id,
        title: title(rng),
        summary: rng.chance(50).then(|| sentence(rng)),
        draft: false,
        fields: Vec::new(),
        relations,
        outcomes: Vec::new(),
        corrections: Vec::new(),
        body: model::body(rng, links),
        sections: if rng.chance(40) {
            model::sections(rng)
        } else {
            Vec::new()
        },
        translation: None,
        bundle: None,
    };
    own_fields(rng, model, &mut entity);
    if rng.chance(10) {
        add_corrections(rng, &mut entity);
    }
    entity
}

/// The keys of the entity's own type (SPEC §3, §9).
fn own_fields(rng: &mut Rng, model: &Model, entity: &mut Entity) {
    let has_from = !entity.relation("from").is_empty();
    let fields = &mut entity.fields;
    match entity.kind {
        Kind::Party => {
            let role = ["plaintiff", "defendant", "court", "third-party", "other"][rng.below(5)];
            let party_kind = if role == "court" {
                "court"
            } else {
                *rng.pick(&["person", "company", "organization"])
            };
            fields.push(("kind".to_owned(), party_kind.to_owned()));
            fields.push(("role".to_owned(), role.to_owned()));
            if rng.chance(20) {
                fields.push(("aliases".to_owned(), aliases(rng)));
            }
        }
        Kind::Claim => {
            fields.push(("basis".to_owned(), quoted(&title(rng))));
            if rng.chance(70) {
                let status = *rng.pick(&["alleged", "pending", "granted", "denied", "dismissed"]);
                fields.push(("status".to_owned(), status.to_owned()));
            }
        }
        Kind::Event => {
            let (date, start) = dated(rng);
            fields.push(("date".to_owned(), date));
            if rng.chance(20) {
                fields.push(("end".to_owned(), end_after(rng, start)));
            }
            if rng.chance(10) {
                fields.push(("approximate".to_owned(), "true".to_owned()));
            }
            let claims = model.published(Kind::Claim);
            if !claims.is_empty() && rng.chance(40) {
                let claim = rng.pick(&claims).clone();
                entity
                    .outcomes
                    .push((claim, rng.pick(STATUSES).to_string()));
            }
        }
        Kind::Source => {
            fields.push((
                "kind".to_owned(),
                (*rng.pick(&["article", "filing", "order"])).to_owned(),
            ));
            if rng.chance(60) {
                fields.push(("date".to_owned(), text::date(rng)));
            }
        }
        Kind::Page => fields.push(("weight".to_owned(), rng.range(1, 9).to_string())),
        Kind::Proceeding => {
            if rng.chance(50) {
                fields.push((
                    "docket".to_owned(),
                    quoted(&format!("21-{}", rng.below(999))),
                ));
            }
            if has_from {
                fields.push(("via".to_owned(), rng.pick(VIAS).to_string()));
            }
        }
    }
}

pub fn aliases(rng: &mut Rng) -> String {
    format!("[{}]", quoted(&title(rng)))
}

/// An `updated` date and one or two corrections.
pub fn add_corrections(rng: &mut Rng, entity: &mut Entity) {
    entity.set_field("updated", Some(correction_date(rng)));
    for _ in 0..rng.range(1, 2) {
        entity
            .corrections
            .push((correction_date(rng), sentence(rng)));
    }
}

/// A day (the form corrections are usually dated in), now and then a month.
pub fn correction_date(rng: &mut Rng) -> String {
    let (year, month, day) = (rng.range(2021, 2025), rng.range(1, 12), rng.range(1, 28));
    if rng.chance(85) {
        format!("{year}-{month:02}-{day:02}")
    } else {
        format!("{year}-{month:02}")
    }
}

/// A translation of the entity at `of` (the overview for `None`), with links
/// valid in the translation's edition. Its headings are usually the main
/// file's.
pub fn new_translation(rng: &mut Rng, model: &Model, of: Option<usize>) -> Translation {
    let entity = of.map(|at| &model.entities[at]);
    let links = model.some_links(rng, true);
    let sections = match entity {
        Some(entity) if rng.chance(80) => entity
            .sections
            .iter()
            .map(|(heading, _)| (*heading, text::paragraph(rng)))
            .collect(),
        Some(_) => model::sections(rng),
        None => Vec::new(),
    };
    let party = entity.is_some_and(|e| e.kind == Kind::Party);
    Translation {
        title: title(rng),
        summary: rng.chance(60).then(|| sentence(rng)),
        aliases: (party && rng.chance(30)).then(|| aliases(rng)),
        body: model::body(rng, links),
        sections,
        stray: None,
    }
}

/// The files a bundle may hold, each with its text.
pub fn asset(rng: &mut Rng) -> (String, String) {
    let word = rng.pick(model::WORDS);
    match rng.below(3) {
        0 => ("complaint.pdf".to_owned(), format!("%PDF-1.4 {word}\n")),
        1 => (
            "scan.svg".to_owned(),
            format!("<svg xmlns=\"http://www.w3.org/2000/svg\"><text>{word}</text></svg>\n"),
        ),
        _ => ("notes.txt".to_owned(), sentence(rng)),
    }
}

/// How a body links a file of its bundle.
pub fn asset_link(name: &str) -> String {
    if name.ends_with(".svg") {
        format!("![a scan]({name})")
    } else {
        format!("[the file]({name})")
    }
}

/// Makes `entity` a folder with (usually) a file, linked from its body or
/// named by a source's `file`.
pub fn make_bundle(rng: &mut Rng, entity: &mut Entity) {
    let asset = rng.chance(85).then(|| asset(rng));
    if let Some((name, _)) = &asset {
        if rng.chance(50) {
            entity.body += &format!("\n\n{}", asset_link(name));
        }
        if entity.kind == Kind::Source && rng.chance(50) {
            entity.set_field("file", Some(name.clone()));
        }
    }
    entity.bundle = Some(Bundle { asset });
}

/// Removes every mention of the bundle's file: links in the body, `file`.
pub fn unlink_asset(entity: &mut Entity) {
    let Some((name, _)) = entity.bundle.as_ref().and_then(|b| b.asset.clone()) else {
        return;
    };
    entity.body = entity
        .body
        .replace(&format!("\n\n{}", asset_link(&name)), "");
    entity.body = entity.body.replace(&asset_link(&name), "");
    if entity.field("file") == Some(name.as_str()) {
        entity.set_field("file", None);
    }
}
