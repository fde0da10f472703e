//! The case's nouns: parties, claims, events, sources and free pages.
//!
//! These types carry no I/O and no rendering. `load` fills them from the files,
//! `resolve` checks every reference between them and assembles the `Case`,
//! `render` reads them. Relations stay ids (`Ref`), never pointers, so the
//! model is plain data that can be cached, compared and sent across threads.

use std::fmt;
use std::path::PathBuf;

use crate::date::CaseDate;
use crate::diagnostic::Position;

/// An entity's id: its file name without `.md`, unique across the site.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityId(String);

impl EntityId {
    /// Accepts `^[a-z0-9]+(-[a-z0-9]+)*$`; otherwise explains and proposes a valid id.
    pub fn parse(text: &str) -> Result<EntityId, String> {
        if is_valid_id(text) {
            Ok(EntityId(text.to_owned()))
        } else {
            Err(format!(
                "invalid id \"{text}\": ids are lowercase letters, digits and single hyphens (try \"{}\")",
                propose_id(text)
            ))
        }
    }

    pub fn as_str(&self) -> &str {
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
pub fn propose_id(text: &str) -> String {
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
pub enum EntityKind {
    Party,
    Claim,
    Event,
    Source,
    Page,
    /// `content/index.md`, the overview.
    Index,
}

impl EntityKind {
    pub const IN_FOLDERS: [EntityKind; 5] = [
        EntityKind::Party,
        EntityKind::Claim,
        EntityKind::Event,
        EntityKind::Source,
        EntityKind::Page,
    ];

    pub fn as_str(self) -> &'static str {
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
    pub fn folder(self) -> &'static str {
        match self {
            EntityKind::Party => "parties",
            EntityKind::Claim => "claims",
            EntityKind::Event => "events",
            EntityKind::Source => "sources",
            EntityKind::Page => "pages",
            EntityKind::Index => "",
        }
    }

    pub fn from_folder(folder: &str) -> Option<EntityKind> {
        EntityKind::IN_FOLDERS
            .into_iter()
            .find(|kind| kind.folder() == folder)
    }

    /// "a party", for messages.
    pub fn with_article(self) -> &'static str {
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
    pub fn page_path(self, id: &str) -> String {
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
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Result<$name, String> {
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
pub struct Ref {
    pub id: String,
    pub at: Position,
}

/// A heading of a body, with its stable anchor id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// Where a link in a body points, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// `[[id]]`, `[[id|text]]`, `[[id#heading]]`.
    Wiki { id: String, text: Option<String> },
    /// `[text](../parties/aws.md)`: a path relative to the linking file, `/`-separated.
    ContentPath { path: String },
}

/// A reference found in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyLink {
    pub target: LinkTarget,
    pub fragment: Option<String>,
    pub at: Position,
    /// The byte range of the reference in the body (`[[…]]`, or the Markdown link).
    pub span: std::ops::Range<usize>,
}

/// A Markdown body, with what `markdown::scan` found in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    pub markdown: String,
    /// The file position of the body's first byte.
    pub origin: Position,
    pub headings: Vec<Heading>,
    pub links: Vec<BodyLink>,
}

/// What every entity has, whatever its type.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity<T> {
    pub id: EntityId,
    pub title: String,
    pub summary: Option<String>,
    pub draft: bool,
    /// The source file, relative to the site root.
    pub file: PathBuf,
    pub body: Body,
    pub data: T,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PartyData {
    pub kind: PartyKind,
    pub role: Role,
    pub aliases: Vec<String>,
    pub website: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ClaimData {
    pub by: Vec<Ref>,
    pub against: Vec<Ref>,
    pub basis: Option<String>,
    pub status: ClaimStatus,
    pub sources: Vec<Ref>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EventData {
    pub date: CaseDate,
    pub end: Option<CaseDate>,
    pub approximate: bool,
    pub parties: Vec<Ref>,
    pub claims: Vec<Ref>,
    pub sources: Vec<Ref>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SourceData {
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub date: Option<CaseDate>,
    pub kind: SourceKind,
    pub language: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PageData {
    pub weight: f64,
}

pub type Party = Entity<PartyData>;
pub type Claim = Entity<ClaimData>;
pub type Event = Entity<EventData>;
pub type Source = Entity<SourceData>;
pub type Page = Entity<PageData>;
pub type Overview = Entity<()>;

/// One loaded content file of any type.
#[derive(Debug, Clone, PartialEq)]
pub enum Document {
    Party(Party),
    Claim(Claim),
    Event(Event),
    Source(Source),
    Page(Page),
    Overview(Overview),
}

impl Document {
    pub fn kind(&self) -> EntityKind {
        match self {
            Document::Party(_) => EntityKind::Party,
            Document::Claim(_) => EntityKind::Claim,
            Document::Event(_) => EntityKind::Event,
            Document::Source(_) => EntityKind::Source,
            Document::Page(_) => EntityKind::Page,
            Document::Overview(_) => EntityKind::Index,
        }
    }
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
