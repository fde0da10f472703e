//! Components: an event card or a list item, rendered once per entity (and
//! variant) and shared by every page that shows it.

use foldhash::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, OnceLock};

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::model::{EntityRef, PerKind, Ref};
use crate::render::context::{Card, CardComponent, Group, Item, ItemComponent, Keyed, YearContext};
use crate::render::fingerprint;
use crate::render::memo;
use crate::render::renderer::{Renderer, ROOT_MARK};
use crate::resolve::{Case, Target, Via};

/// The heading levels an event card can have: on the overview (3), and in
/// every timeline (4: under year and month on the timeline page, under the
/// section and the year on party and claim pages).
const CARD_LEVELS: [u8; 2] = [3, 4];

/// A component rendered at most once per run: the hash of its inputs and its HTML.
type Slot = OnceLock<Result<(u64, Arc<str>), Diagnostic>>;

/// Components rendered once per entity (and variant), reused by every page:
/// an event in twenty timelines costs one Tera render, not twenty.
pub(super) struct Components {
    cards: Vec<[Slot; 2]>,
    /// Per entity: with and without the role badge.
    items: PerKind<Vec<[Slot; 2]>>,
}

impl Components {
    pub(super) fn new(case: &Case) -> Components {
        fn slots<const N: usize>(count: usize) -> Vec<[Slot; N]> {
            (0..count)
                .map(|_| std::array::from_fn(|_| OnceLock::new()))
                .collect()
        }
        Components {
            cards: slots(case.events.len()),
            items: PerKind::new(|kind| slots(case.count(kind))),
        }
    }

    /// Every component this run rendered or reused, for the next run.
    pub(super) fn into_memo(self) -> HashMap<u64, Arc<str>> {
        let items = self.items.into_values().into_iter().flatten();
        self.cards
            .into_iter()
            .chain(items)
            .flatten()
            .filter_map(|slot| slot.into_inner()?.ok())
            .collect()
    }

    fn item_slot(&self, target: Target, show_role: bool) -> &Slot {
        &self.items[target.kind][target.index][usize::from(show_role)]
    }
}

impl<'a> Renderer<'a> {
    /// A component's HTML, rendered the first time any page asks for it (or
    /// taken from the previous run when its inputs are the same).
    fn component<X: Serialize>(
        &self,
        template: &str,
        slot: &'a Slot,
        context: impl FnOnce() -> X,
    ) -> Result<Keyed<&'a str>, Diagnostic> {
        let rendered = slot.get_or_init(|| {
            let context = context();
            let mut key = 0;
            if let Some(memo) = self.memo {
                let mut hasher = memo::hasher();
                // The same context renders other strings in another edition.
                (template, &self.edition.tag).hash(&mut hasher);
                fingerprint::hash_serialized(&context, &mut hasher);
                key = hasher.finish();
                if let Some(html) = memo.component(self.epoch, key) {
                    return Ok((key, html));
                }
            }
            let value =
                tera::to_value(context).map_err(|e| self.error(template, &tera::Error::json(e)))?;
            let context = tera::Context::from_value(value).map_err(|e| self.error(template, &e))?;
            let html = self
                .tera
                .render(template, &context)
                .map_err(|e| self.error(template, &e))?;
            Ok((key, Arc::from(html.trim())))
        });
        match rendered {
            Ok((key, html)) => Ok(Keyed { key: *key, html }),
            Err(error) => Err(error.clone()),
        }
    }

    pub(super) fn card(&self, index: usize, level: u8) -> Result<Card<'a>, Diagnostic> {
        let variant = CARD_LEVELS
            .iter()
            .position(|&known| known == level)
            .expect("one of the card levels");
        let slot = &self.components.cards[index][variant];
        let html = self.component("components/event.html", slot, || CardComponent {
            e: self.lookup.event_item(index),
            root: ROOT_MARK,
            level,
        })?;
        Ok(Card {
            id: self.lookup.case.events[index].id.as_str(),
            html,
        })
    }

    pub(super) fn cards(
        &self,
        events: impl IntoIterator<Item = usize>,
        level: u8,
    ) -> Result<Vec<YearContext<Card<'a>>>, Diagnostic> {
        self.lookup
            .timeline(events, |index| self.card(index, level))
    }

    pub(super) fn item(&self, target: Target, show_role: bool) -> Result<Item<'a>, Diagnostic> {
        let slot = self.components.item_slot(target, show_role);
        let html = self.component("components/item.html", slot, || ItemComponent {
            x: self.lookup.link_with_sides(target),
            root: ROOT_MARK,
            show_role,
        })?;
        let link = self.lookup.link(target);
        Ok(Item {
            id: link.id,
            kind: link.kind,
            title: link.title,
            path: link.path,
            html,
        })
    }

    pub(super) fn items(
        &self,
        targets: impl IntoIterator<Item = Target>,
    ) -> Result<Vec<Item<'a>>, Diagnostic> {
        targets
            .into_iter()
            .map(|target| self.item(target, true))
            .collect()
    }

    /// The entities an entity names in its relation fields.
    pub(super) fn named_by(&self, entity: EntityRef<'a>) -> impl Iterator<Item = Target> + 'a {
        let case = self.lookup.case;
        entity
            .relations()
            .flat_map(|(_, refs)| refs)
            .filter_map(move |r| case.target(&r.id))
    }

    pub(super) fn related(&self, refs: &[Ref]) -> Result<Vec<Item<'a>>, Diagnostic> {
        self.items(refs.iter().filter_map(|r| self.lookup.case.target(&r.id)))
    }

    /// What refers to `target`, grouped by type, leaving out what the page
    /// already lists (`shown`), so no entity appears twice on one page.
    pub(super) fn mentions(
        &self,
        target: Target,
        text_only: bool,
        shown: &[Target],
    ) -> Result<Vec<Group<Item<'a>>>, Diagnostic> {
        self.lookup
            .groups(target, |b| !text_only || b.via == Via::Text)
            .into_iter()
            .filter_map(|(kind, targets)| {
                let targets: Vec<Target> =
                    targets.into_iter().filter(|t| !shown.contains(t)).collect();
                (!targets.is_empty()).then_some((kind, targets))
            })
            .map(|(kind, targets)| {
                let items = self.items(targets)?;
                Ok(Group {
                    kind: kind.as_str(),
                    count: items.len(),
                    items,
                })
            })
            .collect()
    }
}
