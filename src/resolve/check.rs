//! Checks every reference of the case: each relation field and each body
//! link must name a published entity of the right type (and, with a
//! `#fragment`, one of its headings). What passes becomes a `Reference`.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{did_you_mean, display_path, Diagnostic, Position};
use crate::model::{BodyLink, Common, LinkTarget, Ref, Relation};
use crate::resolve::backlinks::{Reference, Via};
use crate::resolve::case::{join_content_path, Case, Target};
use crate::resolve::Duplicated;

/// Checks references against the registered ids.
pub(super) struct Checker<'a> {
    pub(super) case: &'a Case,
    /// The files of drafts left out, by id, to explain references to them.
    pub(super) drafts: &'a HashMap<String, PathBuf>,
    /// Ids and files of files that failed to load: references to them are
    /// not reported again.
    pub(super) broken_ids: &'a HashSet<String>,
    pub(super) broken_files: &'a HashSet<PathBuf>,
    /// The types of the files sharing an id that is not unique.
    pub(super) duplicated: &'a Duplicated,
}

impl Checker<'_> {
    /// Every sound reference of the case; every unsound one is a diagnostic.
    pub(super) fn all_references(&self, diagnostics: &mut Vec<Diagnostic>) -> Vec<Reference> {
        let mut references = self.field_references(diagnostics);
        references.extend(self.body_references(|_| true, diagnostics));
        references
    }

    /// The references of the relation fields.
    pub(super) fn field_references(&self, diagnostics: &mut Vec<Diagnostic>) -> Vec<Reference> {
        let case = self.case;
        let targets: Vec<Target> = case.targets().collect();
        let each = targets.par_iter().map(|&from| {
            let mut found = (Vec::new(), Vec::new());
            let entity = case.entity(from);
            let Some(common) = entity.common() else {
                return found;
            };
            for (relation, refs) in entity.relations() {
                for reference in refs {
                    if let Some(to) = self.field(common.file, relation, reference, &mut found.1) {
                        found.0.push(Reference {
                            from,
                            to,
                            via: Via::Field(relation),
                        });
                    }
                }
            }
            found
        });
        gather(each.collect(), diagnostics)
    }

    /// The references of the bodies; only the bodies `report` accepts (by
    /// their page) report their problems.
    pub(super) fn body_references(
        &self,
        report: impl Fn(Target) -> bool + Sync,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Vec<Reference> {
        let case = self.case;
        let bodies: Vec<Target> = std::iter::once(Target::OVERVIEW)
            .chain(case.targets())
            .collect();
        let each = bodies.par_iter().map(|&from| {
            let mut found = (Vec::new(), Vec::new());
            let Some(Common { file, body, .. }) = case.entity(from).common() else {
                return found;
            };
            for link in &body.links {
                if let Some(to) = self.body_link(file, link, &mut found.1) {
                    found.0.push(Reference {
                        from,
                        to,
                        via: Via::Text,
                    });
                }
            }
            if !report(from) {
                found.1.clear();
            }
            found
        });
        let references = gather(each.collect(), diagnostics);
        self.source_documents(diagnostics);
        references
    }

    /// A source's `file:` names one of the files of its own bundle.
    fn source_documents(&self, diagnostics: &mut Vec<Diagnostic>) {
        for source in &self.case.sources {
            let Some((name, at)) = &source.data.document else {
                continue;
            };
            let owner = self.case.asset_of_path(&source.file, name).map(|(t, _)| t);
            let own = self.case.target(source.id.as_str());
            if owner.is_none() || owner != own {
                let why = missing_file_message(&source.file, name);
                let why = why.split_once(": ").map_or(why.as_str(), |(_, why)| why);
                diagnostics.push(Diagnostic::new(
                    &source.file,
                    *at,
                    format!("file \"{name}\": {why}"),
                ));
            }
        }
    }

    /// The target of an id in a relation field, if it exists and has the
    /// type the field takes.
    fn field(
        &self,
        file: &Path,
        relation: Relation,
        reference: &Ref,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Target> {
        let to = self.lookup(file, reference.at, &reference.id, diagnostics)?;
        let expected = relation.takes();
        let clash = self.duplicated.get(&reference.id);
        if clash.is_some_and(|sharing| sharing.iter().any(|(kind, _)| *kind == expected)) {
            // One of the files sharing the id has the right type: the
            // duplicate id is the mistake, reported once on its own.
            return None;
        }
        if to.kind != expected {
            diagnostics.push(Diagnostic::new(
                file,
                reference.at,
                format!(
                    "\"{}\" is {}, \"{relation}\" takes {}",
                    reference.id,
                    to.kind.with_article(),
                    expected.folder()
                ),
            ));
            return None;
        }
        Some(to)
    }

    /// The target of an id, or a diagnostic explaining why there is none.
    fn lookup(
        &self,
        file: &Path,
        at: Position,
        id: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Target> {
        if let Some(target) = self.case.target(id) {
            return Some(target);
        }
        if self.broken_ids.contains(id) {
            return None;
        }
        let message = match self.drafts.get(id) {
            Some(draft_file) => draft_message(id, draft_file),
            None if id.is_empty() => "empty id: write the id of an entity here".to_owned(),
            None if id == "index" => format!(
                "unknown id \"index\": the overview has no id; link to it by its path, [text]({})",
                overview_path_from(file)
            ),
            None => format!(
                "unknown id \"{id}\"{}",
                did_you_mean(id, self.case.targets.keys().map(String::as_str))
            ),
        };
        diagnostics.push(Diagnostic::new(file, at, message));
        None
    }

    fn body_link(
        &self,
        file: &Path,
        link: &BodyLink,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Target> {
        let target = match &link.target {
            LinkTarget::Wiki { id, .. } => self.lookup(file, link.at, id, diagnostics)?,
            LinkTarget::File { path } => {
                if self.case.asset_of_path(file, path).is_none() {
                    diagnostics.push(Diagnostic::new(
                        file,
                        link.at,
                        missing_file_message(file, path),
                    ));
                }
                // A bundle file is no entity: nothing to record as a backlink.
                return None;
            }
            LinkTarget::ContentPath { path } => match self.case.target_of_path(file, path) {
                Some(target) => target,
                None => {
                    if let Some(message) = self.missing_path_message(file, path) {
                        diagnostics.push(Diagnostic::new(file, link.at, message));
                    }
                    return None;
                }
            },
        };
        let clash = self.duplicated.contains_key(self.case.entity(target).id());
        if let Some(fragment) = link.fragment.as_ref().filter(|_| !clash) {
            let entity = self.case.entity(target);
            let headings: Vec<&str> = entity
                .common()
                .map(|common| common.body.headings.as_slice())
                .unwrap_or_default()
                .iter()
                .map(|heading| heading.id.as_str())
                .collect();
            if !headings.contains(&fragment.as_str()) {
                diagnostics.push(Diagnostic::new(
                    file,
                    link.at,
                    format!(
                        "\"{}\" has no heading \"{fragment}\"{}",
                        entity.id(),
                        did_you_mean(fragment, headings.iter().copied())
                    ),
                ));
            }
        }
        Some(target)
    }

    /// Why a content path leads nowhere; `None` when the file is there but
    /// could not be loaded (its own errors say why).
    fn missing_path_message(&self, file: &Path, path: &str) -> Option<String> {
        let joined = join_content_path(file, path);
        if let Some(joined) = &joined {
            // A file that shares its id with another is not registered; the
            // duplicate id is the mistake, reported once on its own.
            let duplicate = self
                .duplicated
                .values()
                .flatten()
                .any(|(_, duplicate)| duplicate == joined);
            if duplicate || self.broken_files.contains(joined) {
                return None;
            }
            let draft = self.drafts.iter().find(|(_, draft)| *draft == joined);
            if let Some((id, draft_file)) = draft {
                return Some(draft_message(id, draft_file));
            }
        }
        let wanted = joined
            .map(|p| display_path(&p))
            .unwrap_or_else(|| path.to_owned());
        let known: Vec<String> = self.case.files.keys().map(|p| display_path(p)).collect();
        let hint = crate::diagnostic::suggest(&wanted, known.iter().map(String::as_str))
            .map(|hint| format!(" (did you mean \"{hint}\"?)"))
            .unwrap_or_default();
        Some(format!(
            "link to \"{path}\": there is no content file {wanted}{hint}"
        ))
    }
}

/// The references and problems found per entity (in parallel), in entity order.
type Found = (Vec<Reference>, Vec<Diagnostic>);

fn gather(each: Vec<Found>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Reference> {
    let mut references = Vec::with_capacity(each.iter().map(|found| found.0.len()).sum());
    for (found, problems) in each {
        references.extend(found);
        diagnostics.extend(problems);
    }
    references
}

/// The relative path from a content file to `content/index.md`.
fn overview_path_from(file: &Path) -> String {
    let depth = file.components().count().saturating_sub(2);
    format!("{}index.md", "../".repeat(depth))
}

fn draft_message(id: &str, draft_file: &Path) -> String {
    format!(
        "\"{id}\" is a draft ({}): a published page cannot refer to it (publish it, remove the reference, or build with --drafts)",
        display_path(draft_file)
    )
}

/// Why a link to a local file fails: the file is missing, or the linking
/// entity is a single file, whose neighbours are not published.
fn missing_file_message(file: &Path, path: &str) -> String {
    let wanted = join_content_path(file, path)
        .map(|p| display_path(&p))
        .unwrap_or_else(|| path.to_owned());
    let in_bundle = file.file_name().is_some_and(|name| name == "index.md");
    if in_bundle {
        format!("link to \"{path}\": there is no file {wanted}")
    } else {
        let bundle = file.with_extension("");
        format!(
            "link to \"{path}\": only the files of a page bundle are published; make this entity a folder, {}/index.md, with {path} beside it",
            display_path(&bundle)
        )
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{EntityKind, Relation};
    use crate::resolve::testing::{case_of, document, document_with_body};
    use crate::resolve::{resolve, Target, Via};
    use std::collections::HashSet;

    #[test]
    fn a_relation_naming_the_wrong_kind_names_the_field() {
        let documents = vec![
            document(
                EntityKind::Party,
                "aws",
                "title: AWS\nkind: company\nrole: defendant",
            ),
            document(
                EntityKind::Event,
                "e",
                "title: E\ndate: 2021\nclaims: [aws]",
            ),
        ];
        let errors = resolve(documents, &HashSet::new(), &HashSet::new(), false).unwrap_err();
        let texts: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            texts,
            ["content/events/e.md:4:10: \"aws\" is a party, \"claims\" takes claims"]
        );
    }

    #[test]
    fn references_are_recorded_by_relation_and_from_the_overview() {
        let case = case_of(vec![
            document(
                EntityKind::Party,
                "aws",
                "title: AWS\nkind: company\nrole: defendant",
            ),
            document(
                EntityKind::Event,
                "e",
                "title: E\ndate: 2021\nparties: [aws]",
            ),
            document_with_body(EntityKind::Index, "index", "title: O", "See [[aws]]."),
        ]);
        let aws = case.target("aws").unwrap();
        let backlinks: Vec<(Target, Via)> = case
            .backlinks(aws)
            .iter()
            .map(|b| (b.from, b.via))
            .collect();
        assert_eq!(
            backlinks,
            [
                (Target::event(0), Via::Field(Relation::Parties)),
                (Target::OVERVIEW, Via::Text)
            ]
        );
    }
}
