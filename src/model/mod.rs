//! The case's nouns: parties, claims, events, sources and free pages.
//!
//! These types carry no I/O and no rendering. `load` fills them from the files,
//! `resolve` checks every reference between them and assembles the `Case`,
//! `render` reads them. Relations stay ids (`Ref`), never pointers, so the
//! model is plain data that can be cached, compared and sent across threads.

pub(crate) mod date;

use std::fmt;
use std::path::PathBuf;

use crate::diagnostic::Position;
use crate::model::date::CaseDate;

/// An entity's id: its file name without `.md`, unique across the site.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct EntityId(String);

impl EntityId {
    /// Accepts `^[a-z0-9]+(-[a-z0-9]+)*$`; otherwise explains and proposes a valid id.
    pub(crate) fn parse(text: &str) -> Result<EntityId, String> {
        if is_valid_id(text) {
            Ok(EntityId(text.to_owned()))
        } else {
            Err(format!(
                "invalid id \"{text}\": ids are lowercase letters, digits and single hyphens (try \"{}\")",
                propose_id(text)
            ))
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EntityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn is_valid_id(text: &str) -> bool {
    !text.is_empty()
        && text.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// A valid id close to `text`: lowercase, umlauts transliterated, runs of anything else a hyphen.
pub(crate) fn propose_id(text: &str) -> String {
    let mut id = String::new();
    for ch in text.chars().flat_map(char::to_lowercase) {
        match ch {
            'a'..='z' | '0'..='9' => id.push(ch),
            'ä' => id.push_str("ae"),
            'ö' => id.push_str("oe"),
            'ü' => id.push_str("ue"),
            'ß' => id.push_str("ss"),
            'à' | 'á' | 'â' => id.push('a'),
            'è' | 'é' | 'ê' => id.push('e'),
            _ if !id.ends_with('-') => id.push('-'),
            _ => {}
        }
    }
    let id = id.trim_matches('-');
    if id.is_empty() {
        "entity".to_owned()
    } else {
        id.to_owned()
    }
}

/// What sort of thing an entity is; decides its folder and its template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum EntityKind {
    Party,
    Claim,
    Event,
    Source,
    Page,
    /// `content/index.md`, the overview.
    Index,
}

impl EntityKind {
    pub(crate) const IN_FOLDERS: [EntityKind; 5] = [
        EntityKind::Party,
        EntityKind::Claim,
        EntityKind::Event,
        EntityKind::Source,
        EntityKind::Page,
    ];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            EntityKind::Party => "party",
            EntityKind::Claim => "claim",
            EntityKind::Event => "event",
            EntityKind::Source => "source",
            EntityKind::Page => "page",
            EntityKind::Index => "index",
        }
    }

    /// The folder under `content/` (and in the output, but for pages).
    pub(crate) fn folder(self) -> &'static str {
        match self {
            EntityKind::Party => "parties",
            EntityKind::Claim => "claims",
            EntityKind::Event => "events",
            EntityKind::Source => "sources",
            EntityKind::Page => "pages",
            EntityKind::Index => "",
        }
    }

    pub(crate) fn from_folder(folder: &str) -> Option<EntityKind> {
        EntityKind::IN_FOLDERS
            .into_iter()
            .find(|kind| kind.folder() == folder)
    }

    /// "a party", for messages.
    pub(crate) fn with_article(self) -> &'static str {
        match self {
            EntityKind::Party => "a party",
            EntityKind::Claim => "a claim",
            EntityKind::Event => "an event",
            EntityKind::Source => "a source",
            EntityKind::Page => "a page",
            EntityKind::Index => "the overview",
        }
    }

    /// The site-relative folder of an entity's page (`parties/parler/`).
    pub(crate) fn page_path(self, id: &str) -> String {
        match self {
            EntityKind::Page => format!("{id}/"),
            EntityKind::Index => String::new(),
            _ => format!("{}/{id}/", self.folder()),
        }
    }
}

/// Declares a front-matter keyword enum: its spelling, the list of values and
/// a deserializer whose error proposes the nearest value.
macro_rules! keyword_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub(crate) enum $name { $($variant),+ }

        impl $name {
            pub(crate) const ALL: &'static [$name] = &[$($name::$variant),+];

            pub(crate) fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub(crate) fn parse(text: &str) -> Result<$name, String> {
                $name::ALL.iter().copied().find(|v| v.as_str() == text).ok_or_else(|| {
                    let names: Vec<&str> = $name::ALL.iter().map(|v| v.as_str()).collect();
                    format!(
                        "unknown {} \"{}\"{}; expected one of: {}",
                        $what,
                        text,
                        crate::diagnostic::did_you_mean(text, names.iter().copied()),
                        names.join(", ")
                    )
                })
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                $name::parse(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}

keyword_enum!(
    /// What a party is.
    PartyKind, "party kind" {
        Person => "person",
        Company => "company",
        Organization => "organization",
        Court => "court",
        Government => "government",
        Other => "other",
    }
);

keyword_enum!(
    /// A party's side in the case.
    Role, "role" {
        Plaintiff => "plaintiff",
        Defendant => "defendant",
        Court => "court",
        ThirdParty => "third-party",
        Other => "other",
    }
);

keyword_enum!(
    /// Where a claim stands.
    ClaimStatus, "claim status" {
        Alleged => "alleged",
        Pending => "pending",
        Granted => "granted",
        Denied => "denied",
        Dismissed => "dismissed",
        Withdrawn => "withdrawn",
        Settled => "settled",
    }
);

keyword_enum!(
    /// What a source is.
    SourceKind, "source kind" {
        Article => "article",
        Filing => "filing",
        Order => "order",
        Statement => "statement",
        Other => "other",
    }
);

/// An id written in a relation field, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Ref {
    pub(crate) id: String,
    pub(crate) at: Position,
}

/// A heading of a body, with its stable anchor id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Heading {
    pub(crate) level: u8,
    pub(crate) id: String,
    pub(crate) text: String,
}

/// Where a link in a body points, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LinkTarget {
    /// `[[id]]`, `[[id|text]]`, `[[id#heading]]`.
    Wiki { id: String, text: Option<String> },
    /// `[text](../parties/aws.md)`: a path relative to the linking file, `/`-separated.
    ContentPath { path: String },
}

/// A reference found in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BodyLink {
    pub(crate) target: LinkTarget,
    pub(crate) fragment: Option<String>,
    pub(crate) at: Position,
    /// The byte range of the reference in the body (`[[…]]`, or the Markdown link).
    pub(crate) span: std::ops::Range<usize>,
}

/// A Markdown body, with what `markdown::scan` found in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Body {
    pub(crate) markdown: String,
    /// The file position of the body's first byte.
    pub(crate) origin: Position,
    pub(crate) headings: Vec<Heading>,
    pub(crate) links: Vec<BodyLink>,
}

/// What every entity has, whatever its type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entity<T> {
    pub(crate) id: EntityId,
    pub(crate) title: String,
    pub(crate) summary: Option<String>,
    pub(crate) draft: bool,
    /// The source file, relative to the site root.
    pub(crate) file: PathBuf,
    pub(crate) body: Body,
    pub(crate) data: T,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PartyData {
    pub(crate) kind: PartyKind,
    pub(crate) role: Role,
    pub(crate) aliases: Vec<String>,
    pub(crate) website: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ClaimData {
    pub(crate) by: Vec<Ref>,
    pub(crate) against: Vec<Ref>,
    pub(crate) basis: Option<String>,
    pub(crate) status: ClaimStatus,
    pub(crate) sources: Vec<Ref>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EventData {
    pub(crate) date: CaseDate,
    pub(crate) end: Option<CaseDate>,
    pub(crate) approximate: bool,
    pub(crate) parties: Vec<Ref>,
    pub(crate) claims: Vec<Ref>,
    pub(crate) sources: Vec<Ref>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SourceData {
    pub(crate) publisher: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) date: Option<CaseDate>,
    pub(crate) kind: SourceKind,
    pub(crate) language: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PageData {
    pub(crate) weight: f64,
}

pub(crate) type Party = Entity<PartyData>;
pub(crate) type Claim = Entity<ClaimData>;
pub(crate) type Event = Entity<EventData>;
pub(crate) type Source = Entity<SourceData>;
pub(crate) type Page = Entity<PageData>;
pub(crate) type Overview = Entity<()>;

/// One loaded content file of any type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Document {
    Party(Party),
    Claim(Claim),
    Event(Event),
    Source(Source),
    Page(Page),
    Overview(Overview),
}

#[cfg(test)]
mod tests {
    use super::{propose_id, EntityId, Role};

    #[test]
    fn accepts_valid_ids() {
        for id in ["parler", "aws", "a1", "order-2021-01-21", "x-y-z"] {
            assert!(EntityId::parse(id).is_ok(), "{id}");
        }
    }

    #[test]
    fn rejects_invalid_ids_with_a_proposal() {
        assert_eq!(
            EntityId::parse("Amazon Web_Services").unwrap_err(),
            "invalid id \"Amazon Web_Services\": ids are lowercase letters, digits and single hyphens (try \"amazon-web-services\")"
        );
        for id in ["", "-a", "a-", "a--b", "ä", "a_b", "A"] {
            assert!(EntityId::parse(id).is_err(), "{id:?}");
        }
    }

    #[test]
    fn proposes_transliterated_ids() {
        assert_eq!(propose_id("Über diese Seite"), "ueber-diese-seite");
        assert_eq!(propose_id("--"), "entity");
    }

    #[test]
    fn keyword_errors_suggest_the_nearest_value() {
        assert_eq!(
            Role::parse("plaintif").unwrap_err(),
            "unknown role \"plaintif\" (did you mean \"plaintiff\"?); expected one of: plaintiff, defendant, court, third-party, other"
        );
        assert_eq!(Role::parse("third-party"), Ok(Role::ThirdParty));
    }
}
