//! The pages of SPEC §11: `search/` (every entity by type, for the search
//! script and for readers without JavaScript), `corrections/` (every
//! correction, newest first) and `embed/timeline/` (the timeline alone, for
//! an `<iframe>`), plus the snippet the timeline page offers to embed it.

use crate::diagnostic::Diagnostic;
use crate::export::search::KINDS;
use crate::model::EntityKind;
use crate::render::context::{
    CorrectionsContext, Group, SearchContext, SearchItem, SiteCorrection, TimelineContext,
};
use crate::render::pages::{correction_context, TIMELINE_CARD_LEVEL};
use crate::render::renderer::{attribute, RenderedPage, Renderer};
use crate::resolve::Target;

/// Where the embeddable timeline lives, relative to the site root.
const EMBED_PATH: &str = "embed/timeline/";

impl Renderer<'_> {
    pub(super) fn search(&self) -> Result<RenderedPage, Diagnostic> {
        let case = self.lookup.case;
        let groups = EntityKind::IN_FOLDERS
            .into_iter()
            .filter(|kind| KINDS.contains(&kind.as_str()))
            .filter(|&kind| case.count(kind) > 0)
            .map(|kind| {
                let items: Vec<SearchItem> = case
                    .all(kind)
                    .map(|target| SearchItem {
                        title: case.entity(target).title(),
                        path: self.lookup.path(target),
                    })
                    .collect();
                Group {
                    kind: kind.as_str(),
                    count: items.len(),
                    items,
                }
            })
            .collect();
        let title = self.translation(&["search", "title"]).unwrap_or("Search");
        self.section_page(
            "search.html",
            "search",
            "search/",
            title,
            SearchContext { groups },
        )
    }

    pub(super) fn corrections(&self) -> Result<RenderedPage, Diagnostic> {
        let case = self.lookup.case;
        let language = self.lookup.language;
        let mut corrections = Vec::new();
        for target in std::iter::once(Target::OVERVIEW).chain(case.targets()) {
            let Some(common) = case.entity(target).common() else {
                continue;
            };
            for correction in common.corrections {
                corrections.push((correction.date.span_start(), target, correction));
            }
        }
        // Newest first; on the same day, in site order, as the writer listed them.
        corrections.sort_by_key(|(start, _, _)| std::cmp::Reverse(*start));
        let own = CorrectionsContext {
            corrections: corrections
                .into_iter()
                .map(|(_, target, correction)| SiteCorrection {
                    correction: correction_context(correction, language),
                    entity: self.lookup.link(target),
                })
                .collect(),
        };
        let title = self
            .translation(&["corrections", "title"])
            .unwrap_or("Corrections");
        self.section_page(
            "corrections.html",
            "corrections",
            "corrections/",
            title,
            own,
        )
    }

    pub(super) fn embed_timeline(&self) -> Result<RenderedPage, Diagnostic> {
        let count = self.lookup.case.events.len();
        let all: Vec<usize> = (0..count).collect();
        let own = TimelineContext {
            timeline: self.cards(0..count, TIMELINE_CARD_LEVEL)?,
            event_count: count,
            chart: self.lookup.chart(&all),
            embed_snippet: String::new(),
        };
        let title = self.translation(&["nav", "timeline"]).unwrap_or("Timeline");
        let mut meta = self.page_meta("embed", EMBED_PATH, title, None);
        // The embed is a part of the timeline page, not a page to be found.
        meta.canonical = None;
        meta.image = None;
        self.write(
            "embed_timeline.html",
            format!("{EMBED_PATH}index.html"),
            meta,
            "../../".into(),
            own,
        )
    }

    /// The `<iframe>` code a newsroom pastes to show the timeline: with the
    /// absolute address where the site has a `base_url`, else with the
    /// address relative to the timeline page (the timeline template's
    /// script makes it absolute from the address the page is read at).
    pub(super) fn embed_snippet(&self) -> String {
        let src = match &self.config.base_url {
            Some(base) => format!("{base}{}{EMBED_PATH}", self.edition.prefix()),
            // From `<edition>/timeline/` to `<edition>/embed/timeline/`.
            None => format!("../{EMBED_PATH}"),
        };
        let title = self
            .translation(&["embed", "frame_title"])
            .unwrap_or("Timeline");
        format!(
            "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"600\" style=\"border:0\" loading=\"lazy\"></iframe>",
            attribute(&src),
            attribute(&format!("{title} · {}", self.config.title)),
        )
    }
}
