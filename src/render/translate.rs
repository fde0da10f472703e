//! Translations: the theme's interface strings, flattened once to dotted
//! keys and reached from templates through `tr()`.

use std::collections::HashMap;
use std::sync::Arc;

use crate::load::theme::Translations;

/// `tr(key="role.plaintiff")`: the translation at a dotted key. Macros cannot
/// see the context, and passing `t` to them would copy the whole table on
/// every call; a function reaches it for the price of one lookup.
#[derive(Clone)]
pub(super) struct Translate {
    table: Arc<HashMap<String, tera::Value>>,
}

impl Translate {
    pub(super) fn new(translations: &Translations) -> Translate {
        let mut table = HashMap::new();
        flatten(translations, String::new(), &mut table);
        Translate {
            table: Arc::new(table),
        }
    }

    /// The text at a dotted key (`nav.timeline`), if the table has one there.
    pub(super) fn text(&self, key: &str) -> Option<&str> {
        self.table.get(key)?.as_str()
    }
}

fn flatten(translations: &Translations, prefix: String, table: &mut HashMap<String, tera::Value>) {
    match translations {
        Translations::Text(text) => {
            table.insert(prefix, tera::Value::String(text.clone()));
        }
        Translations::Table(entries) => {
            for (key, value) in entries {
                let key = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                flatten(value, key, table);
            }
        }
    }
}

impl tera::Function for Translate {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let key = args
            .get("key")
            .and_then(tera::Value::as_str)
            .ok_or_else(|| tera::Error::msg("tr() needs a string argument `key`"))?;
        self.table
            .get(key)
            .cloned()
            .ok_or_else(|| tera::Error::msg(format!("the translation table has no key `{key}`")))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, HashMap};

    use tera::Function;

    use super::Translate;
    use crate::load::theme::Translations;

    fn table(entries: &[(&str, Translations)]) -> Translations {
        let map: BTreeMap<String, Translations> = entries
            .iter()
            .map(|(key, value)| ((*key).to_owned(), value.clone()))
            .collect();
        Translations::Table(map)
    }

    fn text(text: &str) -> Translations {
        Translations::Text(text.to_owned())
    }

    fn translate() -> Translate {
        Translate::new(&table(&[
            ("and", text("und")),
            (
                "role",
                table(&[("plaintiff", text("Kläger")), ("court", text("Gericht"))]),
            ),
        ]))
    }

    fn tr(translate: &Translate, key: tera::Value) -> tera::Result<tera::Value> {
        translate.call(&HashMap::from([("key".to_owned(), key)]))
    }

    #[test]
    fn nested_keys_are_reached_by_their_dotted_path() {
        let translate = translate();
        assert_eq!(tr(&translate, "role.plaintiff".into()).unwrap(), "Kläger");
        assert_eq!(tr(&translate, "and".into()).unwrap(), "und");
        assert_eq!(translate.text("role.court"), Some("Gericht"));
        assert_eq!(translate.text("role"), None, "a table is not a text");
    }

    #[test]
    fn a_missing_key_is_an_error_naming_the_key() {
        let error = tr(&translate(), "role.witness".into()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "the translation table has no key `role.witness`"
        );
    }

    #[test]
    fn the_key_must_be_a_string() {
        let error = tr(&translate(), tera::Value::Bool(true)).unwrap_err();
        assert_eq!(error.to_string(), "tr() needs a string argument `key`");
        let none = translate().call(&HashMap::new()).unwrap_err();
        assert_eq!(none.to_string(), "tr() needs a string argument `key`");
    }
}
