//! Every text of a value with its YAML path, collected while the value is
//! serialized. The texts and paths are those of the value's JSON form, in
//! the same order (map keys sorted), without building that form: for a 部门
//! of a thousand units it was the largest thing the check held (issue 16).

use crate::load::child_key;
use serde::Serialize;
use serde::ser::{self, Impossible, Serializer};
use std::collections::BTreeMap;
use std::fmt;

/// (path, text) pairs; empty when the value has a map key that is not text
/// or a number (no budget has one).
pub fn texts<T: Serialize + ?Sized>(value: &T) -> Vec<(String, String)> {
    let mut out = Vec::new();
    match value.serialize(Collector {
        path: String::new(),
        out: &mut out,
    }) {
        Ok(()) => out,
        Err(_) => Vec::new(),
    }
}

type Found = Vec<(String, String)>;

#[derive(Debug)]
pub struct NotAText;

impl fmt::Display for NotAText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("映射的键不是文字")
    }
}

impl std::error::Error for NotAText {}

impl ser::Error for NotAText {
    fn custom<T: fmt::Display>(_: T) -> Self {
        NotAText
    }
}

/// Collects the texts of one value at `path`.
struct Collector<'a> {
    path: String,
    out: &'a mut Found,
}

impl Collector<'_> {
    fn push(self, text: String) -> Result<(), NotAText> {
        self.out.push((self.path, text));
        Ok(())
    }
}

macro_rules! skipped {
    ($($name:ident: $t:ty),*) => {
        $(fn $name(self, _: $t) -> Result<(), NotAText> { Ok(()) })*
    };
}

impl<'a> Serializer for Collector<'a> {
    type Ok = ();
    type Error = NotAText;
    type SerializeSeq = Items<'a>;
    type SerializeTuple = Items<'a>;
    type SerializeTupleStruct = Items<'a>;
    type SerializeTupleVariant = Items<'a>;
    type SerializeMap = Entries<'a>;
    type SerializeStruct = Entries<'a>;
    type SerializeStructVariant = Entries<'a>;

    skipped!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_i128: i128, serialize_u8: u8, serialize_u16: u16,
        serialize_u32: u32, serialize_u64: u64, serialize_u128: u128, serialize_f32: f32,
        serialize_f64: f64, serialize_bytes: &[u8], serialize_unit_struct: &'static str);

    fn serialize_char(self, v: char) -> Result<(), NotAText> {
        self.push(v.to_string())
    }
    fn serialize_str(self, v: &str) -> Result<(), NotAText> {
        self.push(v.to_string())
    }
    fn serialize_none(self) -> Result<(), NotAText> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), NotAText> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), NotAText> {
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), NotAText> {
        self.push(variant.to_string())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), NotAText> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), NotAText> {
        v.serialize(Collector {
            path: child_key(&self.path, variant),
            out: self.out,
        })
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Items<'a>, NotAText> {
        Ok(Items {
            path: self.path,
            out: self.out,
            next: 0,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Items<'a>, NotAText> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Items<'a>, NotAText> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Items<'a>, NotAText> {
        Ok(Items {
            path: child_key(&self.path, variant),
            out: self.out,
            next: 0,
        })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Entries<'a>, NotAText> {
        Ok(Entries::new(self.path, self.out))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Entries<'a>, NotAText> {
        Ok(Entries::new(self.path, self.out))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Entries<'a>, NotAText> {
        Ok(Entries::new(child_key(&self.path, variant), self.out))
    }
}

/// A list's items, each at `path[i]`.
pub struct Items<'a> {
    path: String,
    out: &'a mut Found,
    next: usize,
}

impl Items<'_> {
    fn item<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), NotAText> {
        let path = format!("{}[{}]", self.path, self.next);
        self.next += 1;
        v.serialize(Collector {
            path,
            out: self.out,
        })
    }
}

macro_rules! items {
    ($($tr:ident: $method:ident),*) => {
        $(impl ser::$tr for Items<'_> {
            type Ok = ();
            type Error = NotAText;
            fn $method<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), NotAText> {
                self.item(v)
            }
            fn end(self) -> Result<(), NotAText> {
                Ok(())
            }
        })*
    };
}

items!(SerializeSeq: serialize_element, SerializeTuple: serialize_element,
    SerializeTupleStruct: serialize_field, SerializeTupleVariant: serialize_field);

/// A mapping's (or a struct's) entries, each at `path.key`, written in the
/// order of their keys once all are seen; a repeated key keeps its last value.
pub struct Entries<'a> {
    path: String,
    out: &'a mut Found,
    entries: BTreeMap<String, Found>,
    key: Option<String>,
}

impl<'a> Entries<'a> {
    fn new(path: String, out: &'a mut Found) -> Entries<'a> {
        Entries {
            path,
            out,
            entries: BTreeMap::new(),
            key: None,
        }
    }

    fn entry<T: Serialize + ?Sized>(&mut self, key: String, v: &T) -> Result<(), NotAText> {
        let mut found = Vec::new();
        v.serialize(Collector {
            path: child_key(&self.path, &key),
            out: &mut found,
        })?;
        self.entries.insert(key, found);
        Ok(())
    }

    fn finish(self) -> Result<(), NotAText> {
        for (_, found) in self.entries {
            self.out.extend(found);
        }
        Ok(())
    }
}

impl ser::SerializeMap for Entries<'_> {
    type Ok = ();
    type Error = NotAText;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), NotAText> {
        self.key = Some(key.serialize(KeyText)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), NotAText> {
        let key = self.key.take().ok_or(NotAText)?;
        self.entry(key, v)
    }
    fn end(self) -> Result<(), NotAText> {
        self.finish()
    }
}

macro_rules! fields {
    ($($tr:ident),*) => {
        $(impl ser::$tr for Entries<'_> {
            type Ok = ();
            type Error = NotAText;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                v: &T,
            ) -> Result<(), NotAText> {
                self.entry(key.to_string(), v)
            }
            fn end(self) -> Result<(), NotAText> {
                self.finish()
            }
        })*
    };
}

fields!(SerializeStruct, SerializeStructVariant);

/// A map key as JSON writes it: text as is, a number in figures.
struct KeyText;

macro_rules! figures {
    ($($name:ident: $t:ty),*) => {
        $(fn $name(self, v: $t) -> Result<String, NotAText> { Ok(v.to_string()) })*
    };
}

impl Serializer for KeyText {
    type Ok = String;
    type Error = NotAText;
    type SerializeSeq = Impossible<String, NotAText>;
    type SerializeTuple = Impossible<String, NotAText>;
    type SerializeTupleStruct = Impossible<String, NotAText>;
    type SerializeTupleVariant = Impossible<String, NotAText>;
    type SerializeMap = Impossible<String, NotAText>;
    type SerializeStruct = Impossible<String, NotAText>;
    type SerializeStructVariant = Impossible<String, NotAText>;

    figures!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_i128: i128, serialize_u8: u8, serialize_u16: u16,
        serialize_u32: u32, serialize_u64: u64, serialize_u128: u128, serialize_char: char,
        serialize_str: &str);

    fn serialize_f32(self, _: f32) -> Result<String, NotAText> {
        Err(NotAText)
    }
    fn serialize_f64(self, _: f64) -> Result<String, NotAText> {
        Err(NotAText)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<String, NotAText> {
        Err(NotAText)
    }
    fn serialize_none(self) -> Result<String, NotAText> {
        Err(NotAText)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<String, NotAText> {
        Err(NotAText)
    }
    fn serialize_unit(self) -> Result<String, NotAText> {
        Err(NotAText)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<String, NotAText> {
        Err(NotAText)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<String, NotAText> {
        Ok(variant.to_string())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<String, NotAText> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String, NotAText> {
        Err(NotAText)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotAText> {
        Err(NotAText)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotAText> {
        Err(NotAText)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, NotAText> {
        Err(NotAText)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotAText> {
        Err(NotAText)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotAText> {
        Err(NotAText)
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, NotAText> {
        Err(NotAText)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotAText> {
        Err(NotAText)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// The texts of the value's JSON form: what is collected must equal it.
    fn of_json(v: &Value, path: String, out: &mut Found) {
        match v {
            Value::String(s) => out.push((path, s.clone())),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    of_json(item, format!("{path}[{i}]"), out);
                }
            }
            Value::Object(map) => {
                for (k, item) in map {
                    of_json(item, child_key(&path, k), out);
                }
            }
            _ => {}
        }
    }

    /// The texts of a value's JSON form. Compared as sets: serde_json's
    /// maps keep the fields' order (schemars' preserve_order, which the
    /// workbook's columns follow), while `texts` gives them by path.
    fn json_texts<T: Serialize>(v: &T) -> Found {
        let mut out = Vec::new();
        of_json(
            &serde_json::to_value(v).expect("json"),
            String::new(),
            &mut out,
        );
        out
    }

    fn sorted(mut found: Found) -> Found {
        found.sort();
        found
    }

    #[test]
    fn every_sample_gives_the_texts_of_its_json_form() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        let mut files = vec![root.join("datong-finance-info-center-2024.yaml")];
        for dir in ["datong-finance-bureau-2024"] {
            for e in std::fs::read_dir(root.join(dir)).expect("samples") {
                files.push(e.expect("entry").path());
            }
        }
        let mut seen = 0;
        for f in files {
            let Ok(loaded) = crate::load::load_file(&f) else {
                continue;
            };
            let got = texts(&loaded.budget);
            assert!(!got.is_empty(), "{}", f.display());
            assert_eq!(
                sorted(got),
                sorted(json_texts(&loaded.budget)),
                "{}",
                f.display()
            );
            seen += 1;
        }
        assert!(seen >= 6, "{seen} budgets compared");
    }

    #[test]
    fn maps_lists_variants_and_keys() {
        #[derive(Serialize)]
        enum E {
            Unit,
            New(String),
            Pair(u8, String),
            Named { b: String, a: char },
        }
        #[derive(Serialize)]
        struct S {
            z: Vec<E>,
            a: Option<String>,
            n: Option<String>,
            m: BTreeMap<u32, String>,
            f: f64,
        }
        let s = S {
            z: vec![
                E::Unit,
                E::New("甲".into()),
                E::Pair(1, "乙".into()),
                E::Named {
                    b: "丙".into(),
                    a: '丁',
                },
            ],
            a: Some("首".into()),
            n: None,
            m: BTreeMap::from([(10, "十".into()), (2, "二".into())]),
            f: 1.5,
        };
        let got = texts(&s);
        assert_eq!(sorted(got.clone()), sorted(json_texts(&s)));
        assert!(
            got.contains(&("z[3].Named.a".to_string(), "丁".to_string())),
            "{got:?}"
        );
        assert_eq!(got[0], ("a".to_string(), "首".to_string()));
    }
}
