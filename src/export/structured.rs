//! Structured data (SPEC §11): one JSON-LD block per entity page, in
//! schema.org's vocabulary, so search engines and news tools read a party as a
//! person or organisation, an event with its dates, a claim with who brings it.
//!
//! Dates are written at the precision the writer gave (`2021`, `2021-01`,
//! `2021-01-10`, `2021-01-10T23:59-08:00`): ISO 8601 allows each, and a
//! precision we do not have would be a claim we cannot back.

use serde_json::{json, Map, Value};

/// Another entity a page links to, as JSON-LD names it.
#[derive(Debug, Clone)]
pub(crate) struct Linked<'a> {
    /// Its entity type (`party`, `claim`, `event`, `source`, `page`).
    pub(crate) kind: &'a str,
    /// Its own kind where it has one (`person`, `court`, `article`).
    pub(crate) sub_kind: Option<&'a str>,
    pub(crate) name: &'a str,
    pub(crate) url: String,
}

/// The facts of one entity that schema.org has words for.
#[derive(Debug, Clone, Default)]
pub(crate) struct LdEntity<'a> {
    /// Its entity type (`party`, `claim`, `event`, `source`, `page`, `index`).
    pub(crate) kind: &'a str,
    /// A party's or source's own kind.
    pub(crate) sub_kind: Option<&'a str>,
    pub(crate) name: &'a str,
    pub(crate) description: Option<&'a str>,
    /// The page's URL: absolute with a `base_url`, else relative to the page.
    pub(crate) url: String,
    pub(crate) aliases: &'a [String],
    /// The party's website or the source's original, as `sameAs`.
    pub(crate) same_as: Option<&'a str>,
    /// An event's `date` and `end`, a source's `date`, each as ISO text.
    pub(crate) date: Option<String>,
    pub(crate) end: Option<String>,
    /// The entity's `updated`, as ISO text.
    pub(crate) updated: Option<String>,
    pub(crate) publisher: Option<&'a str>,
    pub(crate) language: Option<&'a str>,
    /// A claim's `basis` (the statute or rule it rests on).
    pub(crate) basis: Option<&'a str>,
    /// Relation fields by their casebook names: `parties`, `claims`,
    /// `sources`, `by`, `against`.
    pub(crate) relations: Vec<(&'static str, Vec<Linked<'a>>)>,
}

/// The schema.org type of an entity.
pub(crate) fn schema_type(kind: &str, sub_kind: Option<&str>) -> &'static str {
    match (kind, sub_kind) {
        ("party", Some("person")) => "Person",
        ("party", Some("court" | "government")) => "GovernmentOrganization",
        ("party", _) => "Organization",
        ("claim", _) => "Claim",
        ("event", _) => "Event",
        ("source", Some("article")) => "Article",
        ("source", _) => "CreativeWork",
        ("index", _) => "WebSite",
        _ => "WebPage",
    }
}

/// The schema.org property a relation field becomes on an entity of `kind`,
/// or `None` where no property fits.
fn property(kind: &str, relation: &str) -> Option<&'static str> {
    match (kind, relation) {
        // The parties take part in the event; the claims are what it is about;
        // the sources report on it.
        ("event", "parties") => Some("attendee"),
        ("event", "claims") => Some("about"),
        ("event", "sources") => Some("subjectOf"),
        // A claim is put forward by its parties, against others, and appears in its sources.
        ("claim", "by") => Some("author"),
        ("claim", "against") => Some("about"),
        ("claim", "sources") => Some("appearance"),
        _ => None,
    }
}

/// The JSON-LD object of one entity.
pub(crate) fn entity(ld: &LdEntity) -> Value {
    let mut object = Map::new();
    object.insert("@context".into(), json!("https://schema.org"));
    object.insert("@type".into(), json!(schema_type(ld.kind, ld.sub_kind)));
    object.insert("name".into(), json!(ld.name));
    object.insert("url".into(), json!(ld.url));
    if let Some(description) = ld.description {
        object.insert("description".into(), json!(description));
    }
    if !ld.aliases.is_empty() {
        object.insert("alternateName".into(), json!(ld.aliases));
    }
    if let Some(same_as) = ld.same_as {
        object.insert("sameAs".into(), json!(same_as));
    }
    let (date_key, end_key) = match ld.kind {
        "event" => ("startDate", "endDate"),
        _ => ("datePublished", "endDate"),
    };
    if let Some(date) = &ld.date {
        object.insert(date_key.into(), json!(date));
    }
    if let Some(end) = &ld.end {
        object.insert(end_key.into(), json!(end));
    }
    if let Some(updated) = &ld.updated {
        object.insert("dateModified".into(), json!(updated));
    }
    if let Some(publisher) = ld.publisher {
        object.insert(
            "publisher".into(),
            json!({"@type": "Organization", "name": publisher}),
        );
    }
    if let Some(language) = ld.language {
        object.insert("inLanguage".into(), json!(language));
    }
    if let Some(basis) = ld.basis {
        object.insert("keywords".into(), json!(basis));
    }
    if ld.kind == "source" {
        if let Some(genre) = ld.sub_kind {
            object.insert("genre".into(), json!(genre));
        }
    }
    for (relation, links) in &ld.relations {
        let Some(name) = property(ld.kind, relation) else {
            continue;
        };
        if links.is_empty() {
            continue;
        }
        let values: Vec<Value> = links.iter().map(linked).collect();
        match object.get_mut(name) {
            Some(Value::Array(existing)) => existing.extend(values),
            _ => {
                object.insert(name.into(), Value::Array(values));
            }
        }
    }
    Value::Object(object)
}

fn linked(link: &Linked) -> Value {
    json!({
        "@type": schema_type(link.kind, link.sub_kind),
        "name": link.name,
        "url": link.url,
    })
}

/// The text to put between `<script type="application/ld+json">` and
/// `</script>`: JSON with `<`, `>` and `&` escaped, so no text of the
/// writer's can close the script element.
pub(crate) fn script_text(value: &Value) -> String {
    let json = serde_json::to_string(value).expect("serialisable");
    if !json.contains(['<', '>', '&']) {
        return json;
    }
    let mut text = String::with_capacity(json.len() + 16);
    for ch in json.chars() {
        match ch {
            '<' => text.push_str("\\u003c"),
            '>' => text.push_str("\\u003e"),
            '&' => text.push_str("\\u0026"),
            _ => text.push(ch),
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::{entity, schema_type, script_text, LdEntity, Linked};

    #[test]
    fn types_follow_the_spec() {
        assert_eq!(schema_type("party", Some("person")), "Person");
        assert_eq!(schema_type("party", Some("company")), "Organization");
        assert_eq!(
            schema_type("party", Some("court")),
            "GovernmentOrganization"
        );
        assert_eq!(
            schema_type("party", Some("government")),
            "GovernmentOrganization"
        );
        assert_eq!(schema_type("claim", None), "Claim");
        assert_eq!(schema_type("event", None), "Event");
        assert_eq!(schema_type("source", Some("order")), "CreativeWork");
        assert_eq!(schema_type("source", Some("article")), "Article");
    }

    #[test]
    fn an_event_keeps_its_precision_and_names_its_relations() {
        let ld = LdEntity {
            kind: "event",
            name: "Parler verklagt AWS",
            url: "https://example.org/events/klage/".into(),
            date: Some("2021-01".into()),
            relations: vec![
                (
                    "parties",
                    vec![Linked {
                        kind: "party",
                        sub_kind: Some("company"),
                        name: "Parler",
                        url: "https://example.org/parties/parler/".into(),
                    }],
                ),
                ("sources", vec![]),
            ],
            ..LdEntity::default()
        };
        let value = entity(&ld);
        assert_eq!(value["@type"], "Event");
        assert_eq!(value["startDate"], "2021-01");
        assert_eq!(value["attendee"][0]["@type"], "Organization");
        assert!(value.get("subjectOf").is_none());
    }

    #[test]
    fn script_text_cannot_close_the_script() {
        let ld = LdEntity {
            kind: "page",
            name: "</script><b>&",
            url: "x/".into(),
            ..LdEntity::default()
        };
        let text = script_text(&entity(&ld));
        assert!(!text.contains('<'));
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], "</script><b>&");
    }
}
