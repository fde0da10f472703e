//! `casebook new` and `casebook init`: new content files and new sites.
//!
//! Both only ever create files that do not exist yet; they never overwrite.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;

use crate::cli::Ci;
use crate::load::config::Config;
use crate::load::front_matter::parse_document;
use crate::model::date::civil_from_days;
use crate::model::date::CaseDate;
use crate::model::{EntityId, EntityKind, PartyKind};
use crate::resolve::RESERVED_PAGE_IDS;
use crate::site::{CONFIG_FILE, CONTENT_DIR, STATIC_DIR, THEMES_DIR};
use crate::Failure;

/// What `casebook new` is asked to create.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NewEntity<'a> {
    pub(crate) kind: EntityKind,
    pub(crate) id: &'a str,
    pub(crate) title: Option<&'a str>,
    pub(crate) date: Option<&'a str>,
    /// `--kind`, for parties only.
    pub(crate) party_kind: Option<&'a str>,
}

/// Creates `content/<folder>/<id>.md` with the front matter of its type.
pub(crate) fn new_entity(root: &Path, request: &NewEntity) -> Result<PathBuf, Failure> {
    let id = EntityId::parse(request.id).map_err(Failure::Fatal)?;
    if !root.join(CONFIG_FILE).is_file() {
        return Err(Failure::Fatal(format!(
            "{} has no {CONFIG_FILE}: run casebook new inside a site (or pass --root)",
            root.display()
        )));
    }
    if let Some(taken) = entity_file(root, id.as_str()) {
        return Err(Failure::Fatal(format!(
            "the id \"{id}\" is taken by {}: ids are unique across the whole site; choose another",
            taken.display()
        )));
    }
    if let Some(reason) = reserved_page_id(root, request.kind, id.as_str()) {
        return Err(Failure::Fatal(format!(
            "the page id \"{id}\" is taken by the site's own output ({reason}); choose another"
        )));
    }
    let party_kind = match (request.party_kind, request.kind) {
        (None, EntityKind::Party) => Some(PartyKind::Person),
        (None, _) => None,
        (Some(text), EntityKind::Party) => Some(PartyKind::parse(text).map_err(Failure::Fatal)?),
        (Some(_), kind) => {
            return Err(Failure::Fatal(format!(
                "--kind is for parties; {} has no kind to choose",
                kind.with_article()
            )))
        }
    };
    let date = match request.date {
        Some(text) => Some(
            CaseDate::parse(text)
                .map_err(|e| Failure::Fatal(e.to_string()))?
                .iso(),
        ),
        None if request.kind == EntityKind::Event => Some(today()),
        None => None,
    };
    let title = request
        .title
        .map(str::to_owned)
        .unwrap_or_else(|| title_from_id(id.as_str()));
    let path = root
        .join(CONTENT_DIR)
        .join(request.kind.folder())
        .join(format!("{id}.md"));
    let front = FrontMatter::of(request.kind, title, date, party_kind);
    create_new(&path, &front_matter_text(&front)?)?;
    Ok(path)
}

/// The content file that already has `id`, in any folder, as a file or a bundle.
fn entity_file(root: &Path, id: &str) -> Option<PathBuf> {
    EntityKind::IN_FOLDERS.iter().find_map(|kind| {
        let folder = Path::new(CONTENT_DIR).join(kind.folder());
        [
            folder.join(format!("{id}.md")),
            folder.join(id).join("index.md"),
        ]
        .into_iter()
        .find(|relative| root.join(relative).is_file())
    })
}

/// Why a free page may not take `id`, as the build would refuse it (SPEC §3):
/// a name casebook writes itself, an edition's language, a folder of
/// `static/`. `None` for the other types and for a free id.
fn reserved_page_id(root: &Path, kind: EntityKind, id: &str) -> Option<String> {
    if kind != EntityKind::Page {
        return None;
    }
    if RESERVED_PAGE_IDS.contains(&id) {
        return Some(format!("casebook writes {id}/ itself"));
    }
    let config = fs::read_to_string(root.join(CONFIG_FILE))
        .ok()
        .and_then(|text| Config::parse(&text).0);
    if let Some(config) = &config {
        if config.translations.iter().any(|t| t.tag == id) {
            return Some(format!("casebook writes the {id} edition to {id}/"));
        }
    }
    let theme = config.map_or_else(|| "default".to_owned(), |config| config.theme);
    let theme_static = Path::new(THEMES_DIR).join(theme).join(STATIC_DIR);
    [Path::new(STATIC_DIR).to_path_buf(), theme_static]
        .into_iter()
        .find(|folder| root.join(folder).join(id).exists())
        .map(|folder| format!("{}/ has {id}", folder.display()))
}

/// Creates `content/<folder>/<id>.<lang>.md`, a translation of an existing
/// entity, holding the main file's title and summary to translate.
pub(crate) fn new_translation(
    root: &Path,
    kind: EntityKind,
    id: &str,
    lang: &str,
    title: Option<&str>,
) -> Result<PathBuf, Failure> {
    let id = EntityId::parse(id).map_err(Failure::Fatal)?;
    let config_text = fs::read_to_string(root.join(CONFIG_FILE)).map_err(|_| {
        Failure::Fatal(format!(
            "{} has no {CONFIG_FILE}: run casebook new inside a site (or pass --root)",
            root.display()
        ))
    })?;
    let config = match Config::parse(&config_text) {
        (Some(config), errors) if errors.is_empty() => config,
        _ => {
            return Err(Failure::Fatal(format!(
                "{CONFIG_FILE} has errors: casebook check shows them"
            )))
        }
    };
    let listed: Vec<&str> = config.translations.iter().map(|t| t.tag.as_str()).collect();
    if !listed.contains(&lang) {
        return Err(Failure::Fatal(format!(
            "{CONFIG_FILE} lists no translation \"{lang}\" (it lists: {})",
            if listed.is_empty() {
                "none".to_owned()
            } else {
                listed.join(", ")
            }
        )));
    }
    // The main file, as a file or as a bundle's index.md; the translation beside it.
    let relative = entity_file(root, id.as_str())
        .filter(|file| file.starts_with(Path::new(CONTENT_DIR).join(kind.folder())))
        .unwrap_or_else(|| {
            Path::new(CONTENT_DIR)
                .join(kind.folder())
                .join(format!("{id}.md"))
        });
    let text = fs::read_to_string(root.join(&relative)).map_err(|_| {
        Failure::Fatal(format!(
            "there is no {} to translate: create it first (casebook new {} {id})",
            relative.display(),
            kind.as_str()
        ))
    })?;
    let (main_title, summary) = match parse_document(kind, id.clone(), &relative, &text) {
        (Some(document), errors) if errors.is_empty() => {
            let entity = document.as_entity();
            let common = entity.common().expect("a file has its fields");
            (common.title.to_owned(), common.summary.map(str::to_owned))
        }
        _ => {
            return Err(Failure::Fatal(format!(
                "{} has errors: casebook check shows them",
                relative.display()
            )))
        }
    };
    let front = FrontMatter {
        title: title.unwrap_or(&main_title).to_owned(),
        summary: summary.unwrap_or_default(),
        ..FrontMatter::default()
    };
    let stem = relative.file_stem().unwrap_or_default().to_string_lossy();
    let path = root
        .join(&relative)
        .with_file_name(format!("{stem}.{lang}.md"));
    create_new(&path, &front_matter_text(&front)?)?;
    Ok(path)
}

/// The front matter `new` writes, in the order a writer reads it. Written
/// by the YAML library, so any title (quotes, colons, newlines) stays valid.
#[derive(Debug, Default, Serialize)]
struct FrontMatter {
    title: String,
    summary: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    by: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    against: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    basis: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parties: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    claims: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sources: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    weight: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    court: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    docket: Option<String>,
}

impl FrontMatter {
    fn of(
        kind: EntityKind,
        title: String,
        date: Option<String>,
        party_kind: Option<PartyKind>,
    ) -> FrontMatter {
        let none = || Some(Vec::new());
        let base = FrontMatter {
            title,
            date,
            ..FrontMatter::default()
        };
        match kind {
            EntityKind::Party => FrontMatter {
                kind: party_kind.map(PartyKind::as_str),
                role: Some("other"),
                ..base
            },
            EntityKind::Claim => FrontMatter {
                by: none(),
                against: none(),
                basis: Some(String::new()),
                status: Some("alleged"),
                sources: none(),
                ..base
            },
            EntityKind::Event => FrontMatter {
                parties: none(),
                claims: none(),
                sources: none(),
                ..base
            },
            EntityKind::Source => FrontMatter {
                publisher: Some(String::new()),
                url: Some(String::new()),
                kind: Some("article"),
                ..base
            },
            EntityKind::Page => FrontMatter {
                weight: Some(100),
                ..base
            },
            EntityKind::Proceeding => FrontMatter {
                court: Some(String::new()),
                docket: Some(String::new()),
                ..base
            },
            EntityKind::Index => base,
        }
    }
}

fn front_matter_text(front: &FrontMatter) -> Result<String, Failure> {
    let yaml = serde_yaml::to_string(front)
        .map_err(|e| Failure::Fatal(format!("cannot write the front matter: {e}")))?;
    Ok(format!("---\n{yaml}---\n\n"))
}

fn title_from_id(id: &str) -> String {
    let words = id.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => words,
    }
}

/// Today's date in UTC, as `YYYY-MM-DD`.
fn today() -> String {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
    format!("{year:04}-{month:02}-{day:02}")
}

/// Creates a file that must not exist yet, with its folders.
fn create_new(path: &Path, text: &str) -> Result<(), Failure> {
    let fail = |e: std::io::Error| Failure::Fatal(format!("cannot create {}: {e}", path.display()));
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(fail)?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Failure::Fatal(format!(
                    "{} already exists; casebook new never overwrites",
                    path.display()
                ))
            } else {
                fail(e)
            }
        })?;
    file.write_all(text.as_bytes()).map_err(fail)
}

/// The files of a new site: a small but complete example case.
const STARTER: [(&str, &str); 7] = [
    (
        CONFIG_FILE,
        "title: My case\ndescription: What the case is about, in one sentence.\nlanguage: en\ntheme: default\ncase:\n  name: Plaintiff v. Defendant\n  court: The court\n  docket: \"1:26-cv-00001\"\n  status: pending\n",
    ),
    (
        "content/index.md",
        "---\ntitle: My case\nsummary: Who is fighting whom, and over what.\n---\n\nIntroduce the case here. [[plaintiff]] sues [[defendant]]; see the [[timeline-start|first event]].\n",
    ),
    (
        "content/parties/plaintiff.md",
        "---\ntitle: The plaintiff\nsummary: Who brings the case.\nkind: company\nrole: plaintiff\n---\n\nDescribe the plaintiff.\n",
    ),
    (
        "content/parties/defendant.md",
        "---\ntitle: The defendant\nsummary: Who the case is brought against.\nkind: company\nrole: defendant\n---\n\nDescribe the defendant.\n",
    ),
    (
        "content/claims/breach-of-contract.md",
        "---\ntitle: Breach of contract\nsummary: The plaintiff says the defendant broke their contract.\nby: [plaintiff]\nagainst: [defendant]\nbasis: Contract law\nstatus: alleged\nsources: [complaint]\n---\n\nExplain the claim.\n",
    ),
    (
        "content/events/timeline-start.md",
        "---\ntitle: The complaint is filed\nsummary: The plaintiff files its complaint.\ndate: 2026-01-15\nparties: [plaintiff, defendant]\nclaims: [breach-of-contract]\nsources: [complaint]\n---\n\nWhat happened, with its source.\n",
    ),
    (
        "content/sources/complaint.md",
        "---\ntitle: The complaint\npublisher: The court\nkind: filing\ndate: 2026-01-15\n---\n\nWhere the document can be found.\n",
    ),
];

/// Creates a new site in `dir`, which must not exist or be empty.
pub(crate) fn init(dir: &Path, ci: Option<Ci>) -> Result<(), Failure> {
    let occupied = fs::read_dir(dir)
        .map(|mut entries| entries.next().is_some())
        .unwrap_or(false);
    if occupied {
        return Err(Failure::Fatal(format!(
            "{} is not empty; casebook init only creates new sites",
            dir.display()
        )));
    }
    if dir.exists() && !dir.is_dir() {
        return Err(Failure::Fatal(format!("{} is a file", dir.display())));
    }
    for (path, text) in STARTER {
        create_new(&dir.join(path), text)?;
    }
    create_new(
        &dir.join("content/pages/about.md"),
        "---\ntitle: About this site\nweight: 10\n---\n\nWho writes this site, and how facts are checked.\n",
    )?;
    create_new(&dir.join(".gitignore"), "/public\n")?;
    match ci {
        Some(Ci::Github) => create_new(&dir.join(GITHUB_WORKFLOW_PATH), GITHUB_WORKFLOW),
        None => Ok(()),
    }
}

/// Where GitHub looks for workflows, and the one `init --ci github` writes:
/// the copy in `docs/` that the README's deploy recipe shows.
const GITHUB_WORKFLOW_PATH: &str = ".github/workflows/pages.yml";
const GITHUB_WORKFLOW: &str = include_str!("../docs/deploy/github-pages.yml");

#[cfg(test)]
mod tests {
    use super::{front_matter_text, title_from_id, FrontMatter};
    use crate::model::EntityKind;

    #[test]
    fn titles_come_from_ids() {
        assert_eq!(title_from_id("amazon-web-services"), "Amazon web services");
    }

    #[test]
    fn events_get_a_date() {
        let front = FrontMatter::of(
            EntityKind::Event,
            "Hearing \"TRO\": day 1".to_owned(),
            Some("2021-01-14".to_owned()),
            None,
        );
        let text = front_matter_text(&front).unwrap();
        assert!(
            text.starts_with("---\ntitle: 'Hearing \"TRO\": day 1'\n"),
            "{text}"
        );
        assert!(text.contains("date: 2021-01-14\n"), "{text}");
    }
}
