//! Edits of what lives beside a main file: its translation (and the
//! `translations` setting that allows it) and its page bundle's file.

use crate::edits::{pick_preferring, Edit};
use crate::generate::{self, asset, asset_link, edition, make_bundle, new_translation};
use crate::model::{self, Bundle, Entity, Model};
use crate::rng::Rng;

/// Adds, edits or deletes a translation of an entity or the overview; now
/// and then a mistake: a fact set in a translation, a translation of no
/// main file.
pub fn edit_translation(rng: &mut Rng, model: &mut Model) -> Option<Edit> {
    let language = model.edition();
    if model.settings.translations.is_none() {
        // The writer lists the language and translates a first page.
        model.settings.translations = Some(edition(rng));
        let at = (!model.entities.is_empty()).then(|| rng.below(model.entities.len()));
        let translation = new_translation(rng, model, at);
        let name = at.map_or("the overview".to_owned(), |i| model.entities[i].id.clone());
        *translation_of(model, at) = Some(translation);
        return Some(Edit::said(format!(
            "listed {language} under translations and translated {name}"
        )));
    }
    if rng.chance(4) {
        let ghost = format!("content/parties/ghost-{}.{language}.md", model.counter);
        let text = "---\ntitle: A ghost\n---\n\nNo main file.\n";
        model.raw.insert(ghost.clone(), text.to_owned());
        return Some(Edit::mistake(format!(
            "added {ghost}, which translates nothing"
        )));
    }
    let overview = model.entities.is_empty() || rng.chance(15);
    let at = if overview {
        None
    } else {
        Some(pick_preferring(rng, model, 65, |e| {
            e.translation.is_some()
        })?)
    };
    let name = at.map_or("the overview".to_owned(), |i| model.entities[i].id.clone());
    let existing = match at {
        Some(i) => model.entities[i].translation.is_some(),
        None => model.overview_translation.is_some(),
    };
    if !existing {
        let translation = new_translation(rng, model, at);
        *translation_of(model, at) = Some(translation);
        return Some(Edit::said(format!("translated {name} into {language}")));
    }
    let targets: Vec<String> = model
        .entities
        .iter()
        .filter(|e| !e.draft)
        .map(|e| e.id.clone())
        .collect();
    let link = (!targets.is_empty()).then(|| {
        let target = rng.pick(&targets).clone();
        model.link(rng, &target, true)
    });
    let slot = translation_of(model, at);
    let translation = slot.as_mut().expect("checked");
    let said = match (rng.below(8), link) {
        (0, _) => {
            *slot = None;
            format!("deleted the {language} translation of {name}")
        }
        (1, _) if at.is_some() => {
            let (key, value) = match rng.below(2) {
                0 => ("date", "2021-01-01"),
                _ => ("status", "granted"),
            };
            translation.stray = Some((key.to_owned(), value.to_owned()));
            return Some(Edit::mistake(format!(
                "set {key} in the {language} translation of {name}"
            )));
        }
        (2, _) => {
            translation.title = model::title(rng);
            format!("retitled the {language} translation of {name}")
        }
        (3, _) => {
            translation.summary = match translation.summary {
                Some(_) if rng.chance(40) => None,
                _ => Some(model::sentence(rng)),
            };
            format!("changed the summary of the {language} translation of {name}")
        }
        (4 | 5, Some(link)) => {
            translation.body += &format!("\n\n{link}");
            format!("linked {link} from the {language} translation of {name}")
        }
        (6, _) => {
            translation.body = model::body(rng, Vec::new());
            format!("rewrote, without links, the {language} translation of {name}")
        }
        _ => {
            translation.body += &format!(" {}", model::sentence(rng));
            format!("appended to the {language} translation of {name}")
        }
    };
    Some(Edit::said(said))
}

fn translation_of(model: &mut Model, at: Option<usize>) -> &mut Option<model::Translation> {
    match at {
        Some(i) => &mut model.entities[i].translation,
        None => &mut model.overview_translation,
    }
}

/// Lists the translations' language in `casebook.yaml`, changes how, or
/// takes it out: with every translation file in the same save, or, as a
/// mistake, with translation files left behind.
pub fn edit_translations_setting(rng: &mut Rng, model: &mut Model) -> Option<Edit> {
    let language = model.edition();
    let said = match &model.settings.translations {
        None => {
            model.settings.translations = Some(edition(rng));
            format!("listed {language} under translations")
        }
        Some(_) if rng.chance(50) => {
            model.settings.translations = Some(edition(rng));
            format!("rewrote the translations entry of {language}")
        }
        Some(_) => {
            model.settings.translations = None;
            if model.has_translation_files() && rng.chance(35) {
                return Some(Edit::mistake(format!(
                    "took {language} out of translations, leaving its files"
                )));
            }
            model.overview_translation = None;
            for entity in &mut model.entities {
                entity.translation = None;
            }
            format!("took {language} out of translations with every translation file")
        }
    };
    Some(Edit::said(said))
}

/// Makes an entity a page bundle (moving its file), or edits, adds or
/// deletes the bundle's file, or makes the entity a single file again.
pub fn edit_bundle(rng: &mut Rng, model: &mut Model) -> Option<Edit> {
    let at = pick_preferring(rng, model, 70, |e| e.bundle.is_some())?;
    let language = model.edition();
    let entity = &mut model.entities[at];
    let id = entity.id.clone();
    let before = entity.clone();
    // The main file and its translation move into or out of the folder.
    let moves = |after: &Entity| {
        let mut renames = vec![(before.path(), after.path())];
        if before.translation.is_some() {
            renames.push((
                before.translation_path(language),
                after.translation_path(language),
            ));
        }
        renames
    };
    let Some(bundle) = &entity.bundle else {
        make_bundle(rng, entity);
        return Some(Edit {
            description: format!("made {id} a page bundle"),
            renames: moves(entity),
            ..Edit::default()
        });
    };
    let name = bundle.asset.as_ref().map(|(name, _)| name.clone());
    let edit = match (rng.below(6), name) {
        (0 | 1, Some(name)) => {
            let (_, text) = entity.bundle.as_mut()?.asset.as_mut()?;
            *text += &model::sentence(rng);
            Edit::said(format!("edited {name} in the bundle of {id}"))
        }
        (2 | 3, Some(name)) => {
            let linked = entity.body.contains(&format!("]({name})"))
                || entity.field("file") == Some(name.as_str());
            if linked && rng.chance(15) {
                entity.bundle = Some(Bundle { asset: None });
                return Some(Edit::mistake(format!(
                    "deleted {name} from the bundle of {id}, still linked"
                )));
            }
            generate::unlink_asset(entity);
            entity.bundle = Some(Bundle { asset: None });
            Edit::said(format!("deleted {name} from the bundle of {id}"))
        }
        (4, _) => {
            generate::unlink_asset(entity);
            entity.bundle = None;
            Edit {
                description: format!("made {id} a single file again"),
                renames: moves(entity),
                ..Edit::default()
            }
        }
        (_, old) => {
            generate::unlink_asset(entity);
            let (name, text) = asset(rng);
            if rng.chance(60) {
                entity.body += &format!("\n\n{}", asset_link(&name));
            }
            entity.bundle = Some(Bundle {
                asset: Some((name.clone(), text)),
            });
            let replaced = old.map_or(String::new(), |old| format!(" instead of {old}"));
            Edit::said(format!("put {name} into the bundle of {id}{replaced}"))
        }
    };
    Some(edit)
}
