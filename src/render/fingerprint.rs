//! The hash of a template context, taken straight from its `Serialize`
//! implementation: no `tera::Value` is built, so a rebuild that finds a page
//! or component unchanged never copies its context (a timeline's context
//! holds the HTML of every card on it).
//!
//! Every serde call is fed to the hasher with a tag and, for strings and
//! collections, a length or an end mark, so two contexts hash alike only if
//! they serialise alike, and then their `tera::Value`s are alike too (serde
//! JSON builds a value from nothing but those calls).

use std::fmt;
use std::hash::Hasher;

use serde::ser::{self, Serialize};

/// Feeds `value`'s serialisation into `hasher`.
pub(super) fn hash_serialized<T: Serialize + ?Sized, H: Hasher>(value: &T, hasher: &mut H) {
    value
        .serialize(&mut Sink(hasher))
        .expect("hashing cannot fail");
}

struct Sink<'h, H>(&'h mut H);

/// Never made: hashing cannot fail, but serde asks for an error type.
#[derive(Debug)]
pub(super) struct Never;

impl fmt::Display for Never {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Serialize implementation reported an error")
    }
}

impl std::error::Error for Never {}

impl ser::Error for Never {
    fn custom<T: fmt::Display>(_: T) -> Never {
        Never
    }
}

impl<H: Hasher> Sink<'_, H> {
    fn tag(&mut self, tag: u8) {
        self.0.write_u8(tag);
    }

    fn bytes(&mut self, tag: u8, bytes: &[u8]) {
        self.tag(tag);
        self.0.write_usize(bytes.len());
        self.0.write(bytes);
    }
}

/// The tags of the serde data model's calls.
mod tag {
    pub(super) const BOOL: u8 = 1;
    pub(super) const INT: u8 = 2;
    pub(super) const UINT: u8 = 3;
    pub(super) const FLOAT: u8 = 4;
    pub(super) const STR: u8 = 5;
    pub(super) const BYTES: u8 = 6;
    pub(super) const NONE: u8 = 7;
    pub(super) const SOME: u8 = 8;
    pub(super) const UNIT: u8 = 9;
    pub(super) const VARIANT: u8 = 10;
    pub(super) const NEWTYPE: u8 = 11;
    pub(super) const SEQ: u8 = 12;
    pub(super) const MAP: u8 = 13;
    pub(super) const STRUCT: u8 = 14;
    pub(super) const FIELD: u8 = 15;
    pub(super) const SKIPPED: u8 = 16;
    pub(super) const END: u8 = 17;
}

/// The narrower numbers hash as their widest kind, so `1u8` and `1u64` agree.
macro_rules! widen_to {
    ($wide:ident: $($name:ident($narrow:ty)),+) => {
        $(fn $name(self, v: $narrow) -> Result<(), Never> {
            self.$wide(v.into())
        })+
    };
}

/// Sequences, tuples and tuple variants: each element in turn, then an end mark.
macro_rules! sequence_impl {
    ($($trait:ident::$method:ident),+) => {
        $(impl<H: Hasher> ser::$trait for &mut Sink<'_, H> {
            type Ok = ();
            type Error = Never;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
                value.serialize(&mut **self)
            }

            fn end(self) -> Result<(), Never> {
                self.tag(tag::END);
                Ok(())
            }
        })+
    };
}

sequence_impl!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl<H: Hasher> ser::Serializer for &mut Sink<'_, H> {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    /// Rendered HTML (`context::Keyed`) serialises as its key here.
    fn is_human_readable(&self) -> bool {
        false
    }

    fn serialize_bool(self, v: bool) -> Result<(), Never> {
        self.tag(tag::BOOL);
        self.0.write_u8(u8::from(v));
        Ok(())
    }

    widen_to!(serialize_i64: serialize_i8(i8), serialize_i16(i16), serialize_i32(i32));
    widen_to!(serialize_u64: serialize_u8(u8), serialize_u16(u16), serialize_u32(u32));
    widen_to!(serialize_f64: serialize_f32(f32));

    fn serialize_i64(self, v: i64) -> Result<(), Never> {
        self.tag(tag::INT);
        self.0.write_i64(v);
        Ok(())
    }

    fn serialize_u64(self, v: u64) -> Result<(), Never> {
        self.tag(tag::UINT);
        self.0.write_u64(v);
        Ok(())
    }

    fn serialize_f64(self, v: f64) -> Result<(), Never> {
        self.tag(tag::FLOAT);
        self.0.write_u64(v.to_bits());
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), Never> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result<(), Never> {
        self.bytes(tag::STR, v.as_bytes());
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), Never> {
        self.bytes(tag::BYTES, v);
        Ok(())
    }

    fn serialize_none(self) -> Result<(), Never> {
        self.tag(tag::NONE);
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Never> {
        self.tag(tag::SOME);
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Never> {
        self.tag(tag::UNIT);
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Never> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Never> {
        self.bytes(tag::VARIANT, variant.as_bytes());
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        self.bytes(tag::NEWTYPE, variant.as_bytes());
        value.serialize(self)
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self, Never> {
        self.tag(tag::SEQ);
        Ok(self)
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self, Never> {
        self.serialize_seq(None)
    }

    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Self, Never> {
        self.serialize_seq(None)
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self, Never> {
        self.bytes(tag::VARIANT, variant.as_bytes());
        self.serialize_seq(None)
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self, Never> {
        self.tag(tag::MAP);
        Ok(self)
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self, Never> {
        self.tag(tag::STRUCT);
        Ok(self)
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self, Never> {
        self.bytes(tag::VARIANT, variant.as_bytes());
        self.serialize_struct("", 0)
    }
}

impl<H: Hasher> ser::SerializeMap for &mut Sink<'_, H> {
    type Ok = ();
    type Error = Never;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Never> {
        key.serialize(&mut **self)
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
        value.serialize(&mut **self)
    }

    fn end(self) -> Result<(), Never> {
        self.tag(tag::END);
        Ok(())
    }
}

impl<H: Hasher> ser::SerializeStruct for &mut Sink<'_, H> {
    type Ok = ();
    type Error = Never;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        self.bytes(tag::FIELD, key.as_bytes());
        value.serialize(&mut **self)
    }

    fn skip_field(&mut self, key: &'static str) -> Result<(), Never> {
        self.bytes(tag::SKIPPED, key.as_bytes());
        Ok(())
    }

    fn end(self) -> Result<(), Never> {
        self.tag(tag::END);
        Ok(())
    }
}

impl<H: Hasher> ser::SerializeStructVariant for &mut Sink<'_, H> {
    type Ok = ();
    type Error = Never;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        self.bytes(tag::FIELD, key.as_bytes());
        value.serialize(&mut **self)
    }

    fn end(self) -> Result<(), Never> {
        self.tag(tag::END);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::hash_map::DefaultHasher;

    use serde::Serialize;

    use super::hash_serialized;

    #[derive(Serialize)]
    struct Card<'a> {
        title: &'a str,
        summary: Option<&'a str>,
        tags: Vec<&'a str>,
        level: u8,
    }

    fn hash<T: Serialize>(value: &T) -> u64 {
        use std::hash::Hasher;
        let mut hasher = DefaultHasher::new();
        hash_serialized(value, &mut hasher);
        hasher.finish()
    }

    fn card<'a>(title: &'a str, summary: Option<&'a str>, tags: Vec<&'a str>) -> Card<'a> {
        Card {
            title,
            summary,
            tags,
            level: 3,
        }
    }

    #[test]
    fn equal_contexts_hash_alike() {
        assert_eq!(
            hash(&card("Ruling", None, vec!["acme"])),
            hash(&card("Ruling", None, vec!["acme"]))
        );
    }

    #[test]
    fn a_changed_string_number_option_or_list_changes_the_hash() {
        let base = hash(&card("Ruling", None, vec!["acme", "cloudco"]));
        let variants = [
            card("Ruling!", None, vec!["acme", "cloudco"]),
            card("Ruling", Some(""), vec!["acme", "cloudco"]),
            card("Ruling", None, vec!["acme"]),
            card("Ruling", None, vec!["cloudco", "acme"]),
            card("Ruling", None, vec!["acmecloudco"]),
            card("Ruling", None, vec!["acme", "cloudco", ""]),
        ];
        for variant in &variants {
            assert_ne!(hash(variant), base);
        }
        let mut deeper = card("Ruling", None, vec!["acme", "cloudco"]);
        deeper.level = 4;
        assert_ne!(hash(&deeper), base);
    }

    #[test]
    fn rendered_html_counts_by_its_key() {
        use crate::render::context::Keyed;
        let card = |key, html| Keyed { key, html };
        assert_eq!(hash(&card(7, "<p>a</p>")), hash(&card(7, "<p>b</p>")));
        assert_ne!(hash(&card(7, "<p>a</p>")), hash(&card(8, "<p>a</p>")));
        // Templates see the HTML.
        assert_eq!(
            tera::to_value(card(7, "<p>a</p>")).unwrap(),
            tera::Value::from("<p>a</p>")
        );
    }

    #[test]
    fn strings_do_not_run_into_each_other() {
        assert_ne!(hash(&("ab", "c")), hash(&("a", "bc")));
        assert_ne!(
            hash(&(vec!["a"], vec!["b"])),
            hash(&(vec!["a", "b"], Vec::<&str>::new()))
        );
    }
}
