//! Which pages get a share image (SPEC §11 "Share"), what each shows, where
//! it goes, and the drawing of all of them in parallel. Drawing is done by
//! `crate::export::share_image`; under `watch`, an image whose text did not
//! change is taken from the previous run instead of being drawn again.

use foldhash::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;

use crate::export::share_image::{self, CardFont, ShareCard};
use crate::model::EntityKind;
use crate::render::lookup::Lookup;
use crate::render::memo;
use crate::render::output::OutputFile;
use crate::render::translate::Translate;

/// The output path of a page's share image: `share/index.png` for the
/// overview, `share/parties/parler.png` for `parties/parler/`.
pub(crate) fn image_path(page_path: &str) -> String {
    match page_path.trim_end_matches('/') {
        "" => "share/index.png".to_owned(),
        path => format!("share/{path}.png"),
    }
}

/// What one page's card shows, owned (labels come from translations).
#[derive(Hash)]
struct CardText {
    path: String,
    kind_label: String,
    title: String,
    date: Option<String>,
}

/// Every page that gets an image: the overview, the timeline, the lists,
/// the search and corrections pages, and every entity page.
fn cards(lookup: &Lookup, translate: &Translate, site_title: &str) -> Vec<CardText> {
    let text = |key: &str| translate.text(key).unwrap_or(key).to_owned();
    let mut cards = Vec::new();
    let fixed = [
        ("timeline/", "nav.timeline"),
        ("parties/", "nav.parties"),
        ("claims/", "nav.claims"),
        ("sources/", "nav.sources"),
        ("search/", "search.title"),
        ("corrections/", "corrections.title"),
    ];
    let proceedings =
        (!lookup.case.proceedings.is_empty()).then_some(("proceedings/", "nav.proceedings"));
    for (path, key) in fixed.into_iter().chain(proceedings) {
        cards.push(CardText {
            path: path.to_owned(),
            kind_label: String::new(),
            title: text(key),
            date: None,
        });
    }
    // One label per kind, looked up once rather than for every entity page.
    let kind_labels: HashMap<EntityKind, String> = EntityKind::ALL
        .into_iter()
        .map(|kind| (kind, text(&format!("kind.singular.{}", kind.as_str()))))
        .collect();
    let case = lookup.case;
    for target in std::iter::once(crate::resolve::Target::OVERVIEW).chain(case.targets()) {
        let link = lookup.link(target);
        let title = match (target.kind, link.title) {
            (EntityKind::Index, "") => site_title.to_owned(),
            (_, title) => title.to_owned(),
        };
        cards.push(CardText {
            path: lookup.path(target).to_owned(),
            kind_label: kind_labels[&target.kind].clone(),
            title,
            date: link.date.map(|date| date.display.clone()),
        });
    }
    cards
}

/// The image files of a run, and the images by the hash of their input.
pub(super) type Drawn = (Vec<OutputFile>, HashMap<u64, Arc<[u8]>>);

/// Draws every page's image; with the previous run's images (`watch`),
/// those of unchanged text are reused. Returns the files and the images by
/// the hash of their input, for the next run.
pub(super) fn images(
    lookup: &Lookup,
    translate: &Translate,
    site_title: &str,
    font_bytes: &[u8],
    previous: Option<&HashMap<u64, Arc<[u8]>>>,
) -> Result<Drawn, String> {
    let font = CardFont::parse(font_bytes)?;
    let mut font_hasher = memo::hasher();
    font_bytes.hash(&mut font_hasher);
    let font_key = font_hasher.finish();
    // A build keeps no memo: each image lives once, in its output file.
    let keep = previous.is_some();
    let drawn: Vec<(u64, OutputFile)> = cards(lookup, translate, site_title)
        .into_par_iter()
        .map(|card| {
            let mut hasher = memo::hasher();
            (font_key, site_title, &card).hash(&mut hasher);
            let key = hasher.finish();
            let bytes = match previous.and_then(|images| images.get(&key)) {
                Some(bytes) => bytes.to_vec(),
                None => share_image::render(
                    &ShareCard {
                        site_title,
                        kind_label: &card.kind_label,
                        title: &card.title,
                        date: card.date.as_deref(),
                    },
                    &font,
                ),
            };
            let file = OutputFile {
                path: image_path(&card.path),
                bytes,
            };
            (key, file)
        })
        .collect();
    let mut files = Vec::with_capacity(drawn.len());
    let mut memo = HashMap::default();
    for (key, file) in drawn {
        if keep {
            memo.insert(key, Arc::from(file.bytes.as_slice()));
        }
        files.push(file);
    }
    Ok((files, memo))
}

#[cfg(test)]
mod tests {
    use foldhash::HashMap;
    use std::sync::Arc;

    use super::{image_path, images};
    use crate::load::config::Config;
    use crate::load::theme::Translations;
    use crate::model::EntityKind;
    use crate::render::lookup::Lookup;
    use crate::render::translate::Translate;
    use crate::resolve::testing::{case_of, document};

    const FONT: &[u8] = include_bytes!("../../themes/default/fonts/LiberationSans-Bold.ttf");

    #[test]
    fn watch_reuses_the_images_whose_text_did_not_change() {
        let case = case_of(vec![
            document(EntityKind::Party, "aws", "title: AWS"),
            document(EntityKind::Event, "filed", "title: Filed\ndate: 2021-01-11"),
        ]);
        let config = Config::parse("title: T\nlanguage: en\n").0.unwrap();
        let lookup = Lookup::new(&case, &config);
        let translate = Translate::new(&Translations::Table(Default::default()));
        let (built, none) = images(&lookup, &translate, "T", FONT, None).unwrap();
        assert!(none.is_empty(), "a build keeps no memo");
        let (first, memo) =
            images(&lookup, &translate, "T", FONT, Some(&HashMap::default())).unwrap();
        assert_eq!(built, first);
        // Overview, timeline, three lists, search, corrections, two entities.
        assert_eq!(first.len(), 9);
        assert!(first.iter().any(|f| f.path == "share/events/filed.png"));
        // A memo whose images are marked: every one is taken, none drawn again.
        let marked: HashMap<u64, Arc<[u8]>> = memo
            .keys()
            .map(|&key| (key, Arc::from(&b"reused"[..])))
            .collect();
        let (second, _) = images(&lookup, &translate, "T", FONT, Some(&marked)).unwrap();
        assert!(second.iter().all(|f| f.bytes == b"reused"));
        // Another site title changes every card: nothing is reused.
        let (third, _) = images(&lookup, &translate, "U", FONT, Some(&marked)).unwrap();
        assert!(third.iter().all(|f| f.bytes.starts_with(b"\x89PNG")));
    }

    #[test]
    fn image_paths_mirror_page_paths_under_share() {
        assert_eq!(image_path(""), "share/index.png");
        assert_eq!(image_path("timeline/"), "share/timeline.png");
        assert_eq!(image_path("parties/parler/"), "share/parties/parler.png");
    }
}
