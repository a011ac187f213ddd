//! HTTP headers as a sorted list: lower-case names, each once. A `BTreeMap` does the same
//! but costs about 10 KB of wasm; requests carry a handful of headers.

use std::ops::Index;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Headers(Vec<(String, String)>);

impl Headers {
    pub fn new() -> Self {
        Headers(Vec::new())
    }

    fn find(&self, name: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(n, _)| n.as_str().cmp(name))
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.find(name).ok().map(|i| self.0[i].1.as_str())
    }

    pub fn contains_key(&self, name: &str) -> bool {
        self.find(name).is_ok()
    }

    /// Sets `name` (lower-case) to `value`, replacing what it had.
    pub fn insert(&mut self, name: String, value: String) {
        match self.find(&name) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (name, value)),
        }
    }

    /// Sets `name` unless it is set.
    pub fn insert_if_absent(&mut self, name: &str, value: impl FnOnce() -> String) {
        if let Err(i) = self.find(name) {
            self.0.insert(i, (name.to_owned(), value()));
        }
    }

    /// In name order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.into_iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a> IntoIterator for &'a Headers {
    type Item = (&'a str, &'a str);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (String, String)>, fn(&'a (String, String)) -> (&'a str, &'a str)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }
}

impl Index<&str> for Headers {
    type Output = str;

    fn index(&self, name: &str) -> &str {
        self.get(name).unwrap_or_else(|| panic!("no header {name}"))
    }
}

/// Later pairs replace earlier ones of the same name.
impl<N: Into<String>, V: Into<String>> FromIterator<(N, V)> for Headers {
    fn from_iter<I: IntoIterator<Item = (N, V)>>(pairs: I) -> Self {
        let mut headers = Headers::new();
        for (name, value) in pairs {
            headers.insert(name.into(), value.into());
        }
        headers
    }
}

impl<N: Into<String>, V: Into<String>, const K: usize> From<[(N, V); K]> for Headers {
    fn from(pairs: [(N, V); K]) -> Self {
        pairs.into_iter().collect()
    }
}
