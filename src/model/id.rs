//! Entity ids: the file name without `.md`, unique across the site, and the
//! proposal of a valid id when a file name is not one.

use std::fmt;

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

#[cfg(test)]
mod tests {
    use super::{propose_id, EntityId};

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
}
