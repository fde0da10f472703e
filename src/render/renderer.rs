//! The renderer of one run: Tera, the case's lookup tables and the previous
//! run's memo, shared by every page job. It writes a page or a component
//! through Tera, or a body through Markdown, unless the memo already holds
//! the output of the same inputs.

use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;
use tera::Tera;

use crate::diagnostic::Diagnostic;
use crate::load::config::Config;
use crate::load::theme::TemplateSource;
use crate::model::edition::{alternates, Edition};
use crate::model::Body;
use crate::render::components::Components;
use crate::render::context::{AlternateContext, Keyed, PageContext, PageMeta};
use crate::render::fingerprint;
use crate::render::lookup::{resolver, root_of, Lookup};
use crate::render::memo::{self, RenderMemo};
use crate::render::output::OutputFile;
use crate::render::reach::CountsReach;
use crate::render::share;
use crate::render::templates::template_diagnostic;
use crate::render::translate::Translate;

/// What every page shares, serialised once.
pub(super) struct Shared {
    pub(super) site: tera::Value,
    pub(super) translate: Translate,
}

/// Everything a page job reads: shared by the jobs running in parallel,
/// written to only through the component slots and the new bodies.
pub(super) struct Renderer<'a> {
    pub(super) tera: &'a Tera,
    pub(super) lookup: &'a Lookup<'a>,
    pub(super) shared: &'a Shared,
    pub(super) config: &'a Config,
    pub(super) sources: &'a [TemplateSource],
    pub(super) components: &'a Components,
    /// The previous render's memo (`watch` only).
    pub(super) memo: Option<&'a RenderMemo>,
    /// The hash of what every page depends on (see `epoch_of`).
    pub(super) epoch: u64,
    /// The pages the site's entity counts can reach besides the epoch's.
    pub(super) counts: &'a CountsReach,
    /// Bodies rendered or reused by this run, for the next one.
    pub(super) new_bodies: &'a memo::NewBodies,
    /// The edition this renderer writes, and all of them (SPEC §12).
    pub(super) edition: &'a Edition,
    pub(super) editions: &'a [Edition],
    /// Each edition's language, named in itself, in `editions` order.
    pub(super) language_names: &'a [String],
}

/// Stands for `root` in components, which are rendered once and shared by
/// pages at every depth; each page puts its own `root` in its place.
pub(super) const ROOT_MARK: &str = "\u{1}root\u{1}";

/// Text escaped for a double-quoted HTML attribute, and no more: Tera's own
/// escaping also turns every `/` into `&#x2F;`, which a URL need not suffer.
pub(super) fn attribute(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => escaped.push_str("&amp;"),
            '"' => escaped.push_str("&quot;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            _ => escaped.push(ch),
        }
    }
    escaped
}

/// A rendered page, or the news that it is the same as last time.
/// Each carries the hash of the page's context, for the next run's memo.
pub(super) enum RenderedPage {
    Written(OutputFile, u64),
    /// The output path of a page whose context is the one last written.
    Unchanged(String, u64),
}

impl<'a> Renderer<'a> {
    pub(super) fn page_meta<'m>(
        &self,
        kind: &'static str,
        path: &str,
        title: &'m str,
        description: Option<&'m str>,
    ) -> PageMeta<'m> {
        let prefix = self.edition.prefix();
        let base = self.config.base_url.as_deref();
        // 404.html is served at every missing address: it has no URL of its own.
        let canonical = base
            .filter(|_| kind != "404")
            .map(|base| attribute(&format!("{base}{prefix}{path}")));
        let image = base.map(|base| match self.config.share_images && kind != "404" {
            true => attribute(&format!("{base}{prefix}{}", share::image_path(path))),
            false => attribute(&format!("{base}share.png")),
        });
        PageMeta {
            kind,
            path: path.to_owned(),
            title,
            description,
            canonical,
            image,
            jsonld: None,
            alternates: self.alternates(path),
        }
    }

    /// The page at `path` in every edition.
    pub(super) fn alternates(&self, path: &str) -> Vec<AlternateContext> {
        let current = self
            .editions
            .iter()
            .position(|edition| edition == self.edition)
            .unwrap_or_default();
        alternates(
            self.editions,
            current,
            path,
            self.config.base_url.as_deref(),
        )
        .into_iter()
        .zip(self.language_names)
        .map(|(alternate, name)| AlternateContext {
            lang: alternate.edition.tag.clone(),
            name: name.clone(),
            href: alternate.href,
            url: alternate.url,
            current: alternate.current,
            main: alternate.edition.main,
        })
        .collect()
    }

    pub(super) fn write<X: Serialize>(
        &self,
        template: &str,
        output: String,
        page: PageMeta,
        root: String,
        own: X,
    ) -> Result<RenderedPage, Diagnostic> {
        let prefix = self.edition.prefix();
        let output = format!("{prefix}{output}");
        let static_root = match root.strip_suffix(&prefix) {
            Some(base) if root.starts_with('/') => base.to_owned(),
            _ => match "../".repeat(prefix.matches('/').count()) {
                up if root == "./" && !up.is_empty() => up,
                up => format!("{root}{up}"),
            },
        };
        let context = PageContext {
            root: root.clone(),
            static_root,
            page,
            own,
        };
        let mut hash = 0;
        if let Some(memo) = self.memo {
            // Hashed from the context itself: an unchanged page never
            // builds its `tera::Value`.
            let mut hasher = memo::hasher();
            (template, &output).hash(&mut hasher);
            fingerprint::hash_serialized(&context, &mut hasher);
            if self.counts.reaches(template) {
                memo::hash_value(&self.shared.site["counts"], &mut hasher);
            }
            hash = hasher.finish();
            if memo.page_unchanged(self.epoch, &output, hash) {
                return Ok(RenderedPage::Unchanged(output, hash));
            }
        }
        let value =
            tera::to_value(&context).map_err(|e| self.error(template, &tera::Error::json(e)))?;
        let mut tera_context =
            tera::Context::from_value(value).map_err(|e| self.error(template, &e))?;
        tera_context.insert("site", &self.shared.site);
        let mut html = self
            .tera
            .render(template, &tera_context)
            .map_err(|e| self.error(template, &e))?;
        if html.contains(ROOT_MARK) {
            html = html.replace(ROOT_MARK, &root);
        }
        let file = OutputFile {
            path: output,
            bytes: html.into_bytes(),
        };
        Ok(RenderedPage::Written(file, hash))
    }

    /// A site-wide page in a folder of its own (`timeline/`, `search/`…):
    /// written as `<path>index.html`, one level below the root.
    pub(super) fn section_page<X: Serialize>(
        &self,
        template: &str,
        kind: &'static str,
        path: &str,
        title: &str,
        own: X,
    ) -> Result<RenderedPage, Diagnostic> {
        let meta = self.page_meta(kind, path, title, None);
        self.folder_page(template, path, meta, own)
    }

    /// A page written as `<path>index.html`, its links relative to `path`.
    pub(super) fn folder_page<X: Serialize>(
        &self,
        template: &str,
        path: &str,
        meta: PageMeta,
        own: X,
    ) -> Result<RenderedPage, Diagnostic> {
        self.write(
            template,
            format!("{path}index.html"),
            meta,
            root_of(path),
            own,
        )
    }

    /// An entity's body as HTML, its links relative to `page_path`.
    pub(super) fn body(&self, file: &Path, body: &Body, page_path: &str) -> Keyed<String> {
        let resolve = resolver(self.lookup, file, page_path);
        let Some(memo) = self.memo else {
            return Keyed {
                key: 0,
                html: crate::markdown::render(body, &resolve),
            };
        };
        let mut hasher = memo::hasher();
        body.digest.hash(&mut hasher);
        for link in &body.links {
            match resolve(link) {
                Some(target) => (1u8, target.url, target.title, target.lang).hash(&mut hasher),
                None => 0u8.hash(&mut hasher),
            }
        }
        let key = hasher.finish();
        let html = match memo.bodies.get(&key) {
            Some(html) => html.clone(),
            None => Arc::from(crate::markdown::render(body, &resolve)),
        };
        self.new_bodies.record(key, html.clone());
        Keyed {
            key,
            html: html.to_string(),
        }
    }

    pub(super) fn translation(&self, keys: &[&str]) -> Option<&str> {
        self.shared.translate.text(&keys.join("."))
    }

    pub(super) fn error(&self, template: &str, error: &tera::Error) -> Diagnostic {
        template_diagnostic(self.sources, template, error)
    }
}
