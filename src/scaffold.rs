//! `casebook new` and `casebook init`: new content files and new sites.
//!
//! Both only ever create files that do not exist yet; they never overwrite.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::load::config::Config;
use crate::load::front_matter::parse_document;
use crate::model::date::civil_from_days;
use crate::model::date::CaseDate;
use crate::model::{EntityId, EntityKind};
use crate::site::{CONFIG_FILE, CONTENT_DIR};
use crate::Failure;

/// Creates `content/<folder>/<id>.md` with the front matter of its type.
pub(crate) fn new_entity(
    root: &Path,
    kind: EntityKind,
    id: &str,
    title: Option<&str>,
    date: Option<&str>,
) -> Result<PathBuf, Failure> {
    let id = EntityId::parse(id).map_err(Failure::Fatal)?;
    if !root.join(CONFIG_FILE).is_file() {
        return Err(Failure::Fatal(format!(
            "{} has no {CONFIG_FILE}: run casebook new inside a site (or pass --root)",
            root.display()
        )));
    }
    let date = match date {
        Some(text) => Some(
            CaseDate::parse(text)
                .map_err(|e| Failure::Fatal(e.to_string()))?
                .iso(),
        ),
        None if kind == EntityKind::Event => Some(today()),
        None => None,
    };
    let title = title
        .map(str::to_owned)
        .unwrap_or_else(|| title_from_id(id.as_str()));
    let path = root
        .join(CONTENT_DIR)
        .join(kind.folder())
        .join(format!("{id}.md"));
    create_new(&path, &front_matter(kind, &title, date.as_deref()))?;
    Ok(path)
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
    let folder = root.join(CONTENT_DIR).join(kind.folder());
    let main = folder.join(format!("{id}.md"));
    let relative = Path::new(CONTENT_DIR)
        .join(kind.folder())
        .join(format!("{id}.md"));
    let text = fs::read_to_string(&main).map_err(|_| {
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
    let title = yaml_string(title.unwrap_or(&main_title));
    let summary = yaml_string(summary.as_deref().unwrap_or_default());
    let path = folder.join(format!("{id}.{lang}.md"));
    create_new(
        &path,
        &format!("---\ntitle: {title}\nsummary: {summary}\n---\n\n"),
    )?;
    Ok(path)
}

fn front_matter(kind: EntityKind, title: &str, date: Option<&str>) -> String {
    let title = yaml_string(title);
    let date_line = date.map(|d| format!("date: {d}\n")).unwrap_or_default();
    let keys = match kind {
        EntityKind::Party => "kind: person\nrole: other\n".to_owned(),
        EntityKind::Claim => {
            "by: []\nagainst: []\nbasis: \"\"\nstatus: alleged\nsources: []\n".to_owned()
        }
        EntityKind::Event => format!("{date_line}parties: []\nclaims: []\nsources: []\n"),
        EntityKind::Source => format!("publisher: \"\"\nurl: \"\"\n{date_line}kind: article\n"),
        EntityKind::Page => "weight: 100\n".to_owned(),
        EntityKind::Index => String::new(),
    };
    format!("---\ntitle: {title}\nsummary: \"\"\n{keys}---\n\n")
}

fn yaml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
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
pub(crate) fn init(dir: &Path) -> Result<(), Failure> {
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
    create_new(&dir.join(".gitignore"), "/public\n")
}

#[cfg(test)]
mod tests {
    use super::{front_matter, title_from_id};
    use crate::model::EntityKind;

    #[test]
    fn titles_come_from_ids() {
        assert_eq!(title_from_id("amazon-web-services"), "Amazon web services");
    }

    #[test]
    fn events_get_a_date() {
        let text = front_matter(EntityKind::Event, "Hearing \"TRO\"", Some("2021-01-14"));
        assert!(text.starts_with("---\ntitle: \"Hearing \\\"TRO\\\"\"\n"));
        assert!(text.contains("date: 2021-01-14\n"));
    }
}
