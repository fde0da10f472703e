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
