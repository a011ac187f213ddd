//! The boundary between JavaScript values and this crate's Rust values.
//!
//! Reading is guided by the schema: only what validation will look at is read, so a
//! cyclic object, a huge unrelated member or a proxy cannot make it do unbounded work,
//! and every JavaScript operation that can throw (getters, proxy traps) is caught.

use js_sys::{Array, JsString, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::schema::{List, Member, Shape};
use crate::value::{Text, Value};

#[wasm_bindgen]
extern "C" {
    /// `Object.keys`, caught: a proxy's `ownKeys` trap may throw.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(value: &JsValue) -> Result<Array, JsValue>;
}

/// Reads `value` as far as `shape` reaches.
pub fn read(shape: &Shape, value: &JsValue) -> Value {
    if let Some(scalar) = read_scalar(value) {
        return scalar;
    }
    if Array::is_array(value) {
        return match shape {
            Shape::List(list) => read_array(list, value),
            _ => Value::array(Vec::new()), // only its type matters
        };
    }
    if let Some(kind) = non_plain_kind(value) {
        return Value::Other(kind);
    }
    match shape {
        Shape::Structure(members, _) => read_members(value, |key| member_shape(members, key)),
        Shape::Tags => read_members(value, |_| Some(&TAG_VALUE)),
        _ => Value::Object(Vec::new()), // only its type matters
    }
}

/// Tag values are read as strings; anything else is reported by its type.
const TAG_VALUE: Shape = Shape::Enum(&[]);

fn member_shape(members: &'static [Member], key: &str) -> Option<&'static Shape> {
    members.iter().find(|m| m.name == key).map(|m| m.shape)
}

fn read_scalar(value: &JsValue) -> Option<Value> {
    Some(if value.is_undefined() {
        Value::Undefined
    } else if value.is_null() {
        Value::Null
    } else if let Some(b) = value.as_bool() {
        Value::Bool(b)
    } else if let Some(n) = value.as_f64() {
        Value::Number(n)
    } else if let Some(s) = value.dyn_ref::<JsString>() {
        Value::String(read_text(s))
    } else if value.is_bigint() {
        Value::Other("a bigint".into())
    } else if value.is_symbol() {
        Value::Other("a symbol".into())
    } else if value.is_function() {
        Value::Other("a function".into())
    } else {
        return None;
    })
}

fn read_text(s: &JsString) -> Text {
    // Lone surrogates become U+FFFD in the Rust copy; the flag keeps that visible.
    Text { text: String::from(s), well_formed: s.is_well_formed() }
}

/// Built-in objects that are not plain data, named for messages.
fn non_plain_kind(value: &JsValue) -> Option<String> {
    let kinds: [(bool, &str); 8] = [
        (value.is_instance_of::<js_sys::Map>(), "a Map"),
        (value.is_instance_of::<js_sys::Set>(), "a Set"),
        (value.is_instance_of::<js_sys::Date>(), "a Date"),
        (value.is_instance_of::<js_sys::RegExp>(), "a RegExp"),
        (value.is_instance_of::<js_sys::Promise>(), "a Promise"),
        (value.is_instance_of::<js_sys::Error>(), "an Error"),
        (value.is_instance_of::<js_sys::ArrayBuffer>(), "an ArrayBuffer"),
        (js_sys::ArrayBuffer::is_view(value), "a typed array"),
    ];
    kinds.iter().find(|(is, _)| *is).map(|(_, kind)| (*kind).to_owned())
}

fn read_array(list: &List, array: &JsValue) -> Value {
    let length = Reflect::get(array, &"length".into()).ok().and_then(|l| l.as_f64()).unwrap_or(0.0) as u32;
    let items = (0..length.min(list.checked_items() as u32))
        .map(|i| match Reflect::get_u32(array, i) {
            Ok(item) => read(list.member, &item),
            Err(_) => threw(),
        })
        .collect();
    Value::Array { items, length: length as usize }
}

/// Own enumerable string keys in JavaScript's order; `shape_of` says how far to read each
/// value (None: an unknown member, whose value is never looked at).
fn read_members(object: &JsValue, shape_of: impl Fn(&str) -> Option<&'static Shape>) -> Value {
    let Ok(keys) = object_keys(object) else {
        return Value::Other("an object whose keys could not be read".into());
    };
    let members = keys
        .iter()
        .filter_map(|key| {
            let name = read_text(key.dyn_ref::<JsString>()?);
            let value = match shape_of(&name.text) {
                None => Value::Other("an unknown member".into()),
                Some(shape) => match Reflect::get(object, &key) {
                    Ok(v) => read(shape, &v),
                    Err(_) => threw(),
                },
            };
            Some((name, value))
        })
        .collect();
    Value::Object(members)
}

fn threw() -> Value {
    Value::Other("a value whose getter threw".into())
}

/// Converts a Rust value to a JavaScript one: plain objects (not `Map`s), as the SDK uses.
pub fn to_js<T: Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or_else(|err| JsValue::from(js_sys::Error::new(&err.to_string())))
}
