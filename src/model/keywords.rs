//! The keyword values of front-matter fields (`role: plaintiff`), each a
//! closed enum whose parse error proposes the nearest value.

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

#[cfg(test)]
mod tests {
    use super::Role;

    #[test]
    fn keyword_errors_suggest_the_nearest_value() {
        assert_eq!(
            Role::parse("plaintif").unwrap_err(),
            "unknown role \"plaintif\" (did you mean \"plaintiff\"?); expected one of: plaintiff, defendant, court, third-party, other"
        );
        assert_eq!(Role::parse("third-party"), Ok(Role::ThirdParty));
    }
}
