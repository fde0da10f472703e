//! Template contexts: one typed, serialisable struct per template.
//!
//! Each struct borrows from the `Case`; nothing is a mutable map of strings.
//! Links carry site-relative paths (`parties/parler/`) and templates prefix
//! them with `root`, so a link's data is the same on every page. The variables
//! are documented for theme authors in `docs/templates.md`.

use serde::Serialize;

use crate::load::config::CaseInfo;
use crate::model::date::{CaseDate, Language};
use crate::render::chart::Chart;
use crate::render::relation_map::RelationMap;

/// The variables every template gets, besides its own.
#[derive(Serialize)]
pub(crate) struct SiteContext<'a> {
    pub(crate) title: &'a str,
    pub(crate) description: Option<&'a str>,
    pub(crate) language: &'a str,
    pub(crate) base_url: Option<&'a str>,
    pub(crate) case: Option<&'a CaseInfo>,
    pub(crate) nav: Vec<Link<'a>>,
    pub(crate) counts: Counts,
    /// Whether the site has proceedings (the navigation links to them). Kept
    /// apart from `counts`, which change with every file and so reach only
    /// the pages that show them (`reach.rs`).
    pub(crate) has_proceedings: bool,
    pub(crate) has_feed: bool,
    /// The language as Open Graph writes it (`de_DE`, `en_GB`).
    pub(crate) og_locale: String,
}

#[derive(Serialize)]
pub(crate) struct Counts {
    pub(crate) parties: usize,
    pub(crate) claims: usize,
    pub(crate) events: usize,
    pub(crate) sources: usize,
    pub(crate) pages: usize,
    pub(crate) proceedings: usize,
}

/// The current page's own metadata.
#[derive(Serialize)]
pub(crate) struct PageMeta<'a> {
    pub(crate) kind: &'static str,
    pub(crate) path: String,
    pub(crate) title: &'a str,
    pub(crate) description: Option<&'a str>,
    /// The page's absolute URL (with a `base_url`, not on 404), escaped for
    /// an attribute: templates print it with `| safe`, so `https://` stays
    /// as it is instead of becoming `https:&#x2F;&#x2F;`.
    pub(crate) canonical: Option<String>,
    /// The absolute URL of the page's share image, escaped the same way.
    pub(crate) image: Option<String>,
    /// The page's JSON-LD (entity pages), safe inside a script element.
    pub(crate) jsonld: Option<String>,
    /// This page in every edition, the current one included; empty on a
    /// site of one language.
    pub(crate) alternates: Vec<AlternateContext>,
}

/// The same page in one edition, for the switcher and `hreflang`.
#[derive(Serialize)]
pub(crate) struct AlternateContext {
    /// The edition's language tag.
    pub(crate) lang: String,
    /// The language's name in itself ("Deutsch", "English").
    pub(crate) name: String,
    /// Relative to the page (root-absolute on 404 pages).
    pub(crate) href: String,
    /// Absolute with a `base_url`, else the same as `href`.
    pub(crate) url: String,
    pub(crate) current: bool,
    /// Whether this is the main edition (`hreflang="x-default"`).
    pub(crate) main: bool,
}

/// A date or date range as written, formatted in the site language.
#[derive(Serialize, Clone)]
pub(crate) struct DateContext {
    pub(crate) display: String,
    pub(crate) iso: String,
    pub(crate) precision: &'static str,
    pub(crate) approximate: bool,
    /// Whether the date has an `end` (`display` shows the range).
    pub(crate) range: bool,
    pub(crate) year: i32,
    pub(crate) month: Option<u8>,
}

impl DateContext {
    pub(crate) fn new(
        date: &CaseDate,
        end: Option<&CaseDate>,
        approximate: bool,
        language: Language,
    ) -> DateContext {
        let display = match end {
            Some(end) => CaseDate::format_range(date, end, language, approximate),
            None => date.format(language, approximate),
        };
        DateContext {
            display,
            iso: date.iso(),
            precision: date.precision().as_str(),
            approximate,
            range: end.is_some(),
            year: date.year(),
            month: date.month(),
        }
    }
}

/// Any entity referred to from a page.
#[derive(Serialize, Clone)]
pub(crate) struct Link<'a> {
    pub(crate) id: &'a str,
    pub(crate) kind: &'static str,
    pub(crate) title: &'a str,
    pub(crate) summary: Option<&'a str>,
    pub(crate) path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) role: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) party_kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) status: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) basis: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) by: Option<Vec<Link<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) against: Option<Vec<Link<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) publisher: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) source_kind: Option<&'static str>,
    pub(crate) date: Option<&'a DateContext>,
    /// The language of the title and summary where it is not the page's:
    /// an entity not yet translated into the edition it appears in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) lang: Option<&'a str>,
}

/// An event as a timeline shows it.
#[derive(Serialize, Clone)]
pub(crate) struct EventItem<'a> {
    #[serde(flatten)]
    pub(crate) link: Link<'a>,
    pub(crate) parties: Vec<Link<'a>>,
    pub(crate) claims: Vec<Link<'a>>,
    pub(crate) sources: Vec<Link<'a>>,
}

/// One year of a timeline; `T` is how an event is shown (a pre-rendered card).
#[derive(Serialize)]
pub(crate) struct YearContext<T> {
    pub(crate) year: i32,
    pub(crate) label: String,
    pub(crate) count: usize,
    pub(crate) months: Vec<MonthContext<T>>,
}

#[derive(Serialize)]
pub(crate) struct MonthContext<T> {
    pub(crate) key: String,
    pub(crate) label: Option<String>,
    pub(crate) events: Vec<T>,
}

/// A group of backlinks of one type; `T` is how an entity is shown.
#[derive(Serialize)]
pub(crate) struct Group<T> {
    pub(crate) kind: &'static str,
    pub(crate) count: usize,
    pub(crate) items: Vec<T>,
}

#[derive(Serialize)]
pub(crate) struct Toc<'a> {
    pub(crate) level: u8,
    pub(crate) id: &'a str,
    pub(crate) text: &'a str,
}

/// HTML rendered once and reused (a component, a body), with `key`, the hash
/// of what it was rendered from (0 in a build without a memo). Templates see
/// the HTML; the memo's page hash (`fingerprint.rs`, the one serialiser that
/// is not human-readable) sees only the key, which stands for the HTML, so an
/// unchanged timeline is not hashed card by card and byte by byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Keyed<T> {
    pub(crate) key: u64,
    pub(crate) html: T,
}

impl<T: AsRef<str>> Serialize for Keyed<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.serialize_str(self.html.as_ref())
        } else {
            serializer.serialize_u64(self.key)
        }
    }
}

/// An entity's own fields, body included.
#[derive(Serialize)]
pub(crate) struct EntityContext<'a, X: Serialize> {
    #[serde(flatten)]
    pub(crate) link: Link<'a>,
    pub(crate) body: Keyed<String>,
    pub(crate) toc: Vec<Toc<'a>>,
    /// "Stand: …" (`updated`).
    pub(crate) updated: Option<DateContext>,
    /// The entity's corrections, newest first.
    pub(crate) corrections: Vec<CorrectionContext<'a>>,
    #[serde(flatten)]
    pub(crate) extra: X,
}

/// One correction of an entity.
#[derive(Serialize)]
pub(crate) struct CorrectionContext<'a> {
    pub(crate) date: DateContext,
    pub(crate) text: &'a str,
}

/// An entity in a list: what templates may need besides its rendered item.
#[derive(Serialize)]
pub(crate) struct Item<'a> {
    pub(crate) id: &'a str,
    pub(crate) kind: &'static str,
    pub(crate) title: &'a str,
    pub(crate) path: &'a str,
    pub(crate) html: Keyed<&'a str>,
}

/// An event in a timeline, rendered.
#[derive(Serialize)]
pub(crate) struct Card<'a> {
    pub(crate) id: &'a str,
    pub(crate) html: Keyed<&'a str>,
}

/// The context of `components/item.html`.
#[derive(Serialize)]
pub(crate) struct ItemComponent<'a> {
    pub(crate) x: Link<'a>,
    pub(crate) root: &'static str,
    pub(crate) show_role: bool,
}

/// The context of `components/event.html`.
#[derive(Serialize)]
pub(crate) struct CardComponent<'a> {
    pub(crate) e: EventItem<'a>,
    pub(crate) root: &'static str,
    pub(crate) level: u8,
}

/// The variables of one page: the common ones plus the template's own.
#[derive(Serialize)]
pub(crate) struct PageContext<'a, X: Serialize> {
    /// From the page's folder to its edition's root.
    pub(crate) root: String,
    /// From the page's folder to the output root, where the theme's static
    /// files are (the same as `root` in the main edition).
    pub(crate) static_root: String,
    pub(crate) page: PageMeta<'a>,
    #[serde(flatten)]
    pub(crate) own: X,
}

/// The overview's parties of one role.
#[derive(Serialize)]
pub(crate) struct RoleGroup<'a> {
    pub(crate) role: &'static str,
    pub(crate) parties: Vec<Item<'a>>,
}

/// `index.html`.
#[derive(Serialize)]
pub(crate) struct OverviewContext<'a> {
    pub(crate) entity: Option<EntityContext<'a, ()>>,
    pub(crate) parties_by_role: Vec<RoleGroup<'a>>,
    pub(crate) claims: Vec<Item<'a>>,
    pub(crate) latest_events: Vec<Card<'a>>,
    pub(crate) first_event: Option<EventItem<'a>>,
    pub(crate) last_event: Option<EventItem<'a>>,
    pub(crate) event_count: usize,
    /// Who claims what against whom (SPEC §10); `None` without claims.
    pub(crate) relation_map: Option<RelationMap<'a>>,
    /// The proceedings in reading order (SPEC §9); empty without any.
    pub(crate) lineage: Vec<LineageStep<'a>>,
}

/// One proceeding in the lineage: where it came from and how.
#[derive(Serialize)]
pub(crate) struct LineageStep<'a> {
    pub(crate) depth: usize,
    pub(crate) link: Link<'a>,
    pub(crate) court: Option<Link<'a>>,
    pub(crate) docket: Option<&'a str>,
    pub(crate) summary: Option<&'a str>,
    pub(crate) via: Option<&'static str>,
    pub(crate) from: Option<Link<'a>>,
}

/// A proceeding another came from or led to, and how.
#[derive(Serialize)]
pub(crate) struct ProceedingStep<'a> {
    pub(crate) link: Link<'a>,
    pub(crate) via: &'static str,
}

/// What a proceeding's own fields add to `entity`.
#[derive(Serialize)]
pub(crate) struct ProceedingExtra<'a> {
    pub(crate) docket: Option<&'a str>,
}

/// `proceeding.html`.
#[derive(Serialize)]
pub(crate) struct ProceedingContext<'a> {
    pub(crate) entity: Option<EntityContext<'a, ProceedingExtra<'a>>>,
    pub(crate) court: Option<Link<'a>>,
    pub(crate) from: Option<ProceedingStep<'a>>,
    pub(crate) followed_by: Vec<ProceedingStep<'a>>,
    pub(crate) claims: Vec<Item<'a>>,
    pub(crate) timeline: Vec<YearContext<Card<'a>>>,
    pub(crate) event_count: usize,
    pub(crate) chart: Option<Chart<'a>>,
    pub(crate) mentions: Vec<Group<Item<'a>>>,
}

/// `proceedings.html`: the lineage of every proceeding.
#[derive(Serialize)]
pub(crate) struct ProceedingsContext<'a> {
    pub(crate) lineage: Vec<LineageStep<'a>>,
}

/// One step of a claim's status history (SPEC §9).
#[derive(Serialize)]
pub(crate) struct StatusStep<'a> {
    pub(crate) date: Option<&'a DateContext>,
    pub(crate) status: &'static str,
    pub(crate) event: Link<'a>,
}

/// `timeline.html`.
#[derive(Serialize)]
pub(crate) struct TimelineContext<'a> {
    pub(crate) timeline: Vec<YearContext<Card<'a>>>,
    pub(crate) event_count: usize,
    pub(crate) chart: Option<Chart<'a>>,
    /// The `<iframe>` code that embeds `embed/timeline/` in another page.
    pub(crate) embed_snippet: String,
}

/// `search.html`: every entity by type, for the page without JavaScript.
#[derive(Serialize)]
pub(crate) struct SearchContext<'a> {
    pub(crate) groups: Vec<Group<SearchItem<'a>>>,
}

#[derive(Serialize)]
pub(crate) struct SearchItem<'a> {
    pub(crate) title: &'a str,
    pub(crate) path: &'a str,
}

/// `corrections.html`: every correction of the site, newest first.
#[derive(Serialize)]
pub(crate) struct CorrectionsContext<'a> {
    pub(crate) corrections: Vec<SiteCorrection<'a>>,
}

#[derive(Serialize)]
pub(crate) struct SiteCorrection<'a> {
    #[serde(flatten)]
    pub(crate) correction: CorrectionContext<'a>,
    pub(crate) entity: Link<'a>,
}

/// `list.html`: the parties, the claims or the sources.
#[derive(Serialize)]
pub(crate) struct ListWrapper<'a> {
    pub(crate) list: ListContext<'a>,
}

#[derive(Serialize)]
pub(crate) struct ListContext<'a> {
    pub(crate) kind: &'static str,
    pub(crate) items: Vec<Item<'a>>,
}

/// What a party's own fields add to `entity`.
#[derive(Serialize)]
pub(crate) struct PartyExtra<'a> {
    pub(crate) aliases: &'a [String],
    pub(crate) website: Option<&'a str>,
}

/// `party.html`.
#[derive(Serialize)]
pub(crate) struct PartyContext<'a> {
    pub(crate) entity: Option<EntityContext<'a, PartyExtra<'a>>>,
    pub(crate) claims_by: Vec<Item<'a>>,
    pub(crate) claims_against: Vec<Item<'a>>,
    pub(crate) timeline: Vec<YearContext<Card<'a>>>,
    pub(crate) event_count: usize,
    pub(crate) chart: Option<Chart<'a>>,
    pub(crate) mentions: Vec<Group<Item<'a>>>,
}

/// `claim.html`.
#[derive(Serialize)]
pub(crate) struct ClaimContext<'a> {
    pub(crate) entity: Option<EntityContext<'a, ()>>,
    pub(crate) by: Vec<Link<'a>>,
    pub(crate) against: Vec<Link<'a>>,
    pub(crate) sources: Vec<Item<'a>>,
    pub(crate) timeline: Vec<YearContext<Card<'a>>>,
    pub(crate) event_count: usize,
    pub(crate) chart: Option<Chart<'a>>,
    /// The outcomes that set its status, in timeline order (SPEC §9).
    pub(crate) status_history: Vec<StatusStep<'a>>,
    pub(crate) proceeding: Option<Link<'a>>,
    pub(crate) mentions: Vec<Group<Item<'a>>>,
}

/// What an event's own fields add to `entity`.
#[derive(Serialize)]
pub(crate) struct EventExtra<'a> {
    pub(crate) parties: Vec<Link<'a>>,
    pub(crate) claims: Vec<Link<'a>>,
    pub(crate) proceeding: Option<Link<'a>>,
    /// `outcomes`: each claim with the status the event gave it.
    pub(crate) outcomes: Vec<Outcome<'a>>,
    pub(crate) sources: Vec<Item<'a>>,
}

/// A claim and the status an event gave it.
#[derive(Serialize)]
pub(crate) struct Outcome<'a> {
    pub(crate) claim: Link<'a>,
    pub(crate) status: &'static str,
}

/// `event.html`.
#[derive(Serialize)]
pub(crate) struct EventContext<'a> {
    pub(crate) entity: Option<EntityContext<'a, EventExtra<'a>>>,
    pub(crate) previous: Option<Link<'a>>,
    pub(crate) next: Option<Link<'a>>,
    pub(crate) mentions: Vec<Group<Item<'a>>>,
}

/// What a source's own fields add to `entity`.
#[derive(Serialize)]
pub(crate) struct SourceExtra<'a> {
    /// The tag, for `lang` and `hreflang`.
    pub(crate) language: Option<&'a str>,
    /// The language's name in the site language where the theme knows it
    /// (`Spanisch (MX)` for `es-MX`), else the tag.
    pub(crate) language_name: Option<String>,
    /// `file:`, the source's own document in its bundle.
    pub(crate) document: Option<DocumentContext>,
}

/// A bundle file offered for download: its URL relative to the page, its
/// name, type (`PDF`) and size (`1.2 MB`).
#[derive(Serialize)]
pub(crate) struct DocumentContext {
    pub(crate) url: String,
    pub(crate) name: String,
    pub(crate) kind: String,
    pub(crate) size: String,
}

/// `source.html`.
#[derive(Serialize)]
pub(crate) struct SourceContext<'a> {
    pub(crate) entity: Option<EntityContext<'a, SourceExtra<'a>>>,
    pub(crate) cited_by: Vec<Group<Item<'a>>>,
}

/// What a free page's own fields add to `entity`.
#[derive(Serialize)]
pub(crate) struct PageExtra {
    pub(crate) weight: f64,
}

/// `page.html`.
#[derive(Serialize)]
pub(crate) struct FreePageContext<'a> {
    pub(crate) entity: Option<EntityContext<'a, PageExtra>>,
    pub(crate) mentions: Vec<Group<Item<'a>>>,
}
