//! Model conformance: reads the service model at test time (not the generated tables) and,
//! for every constrained member each operation's input reaches, checks values on both
//! sides of each boundary against `validate_shape` — required members, string lengths,
//! patterns, ranges, enums, list and map sizes, unions, timestamps and booleans. It fails
//! when the generated constraints and the model disagree.
//!
//! The strings for a pattern are made from the model's regular expression itself
//! (`Sampler`): one that matches at any length the pattern and the shape allow, and one of
//! a valid length that does not; the `regex` crate checks each before it is used.
//!
//! Each test runs for every service (`model/NAME/`, each against its own tables).
//! `CLEANROOMSML_MODEL=path/to/service-2.json cargo test --test model_conformance` runs Clean
//! Rooms ML's against another copy of its model (an edited range there must make it fail).

mod common;

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use cleanroomsml_wasm::model::generated::cleanroomsml;
use cleanroomsml_wasm::model::{rules, Rule, Service, Shape};
use cleanroomsml_wasm::validate::{validate_shape, IssueCode, Severity};
use cleanroomsml_wasm::value::{Text, Value};
use regex_syntax::hir::{Class, Hir, HirKind};
use serde_json::{Map, Value as Json};

fn model(service: &Service) -> Json {
    let path = std::env::var("CLEANROOMSML_MODEL")
        .ok()
        .filter(|_| service.name == "cleanroomsml")
        .unwrap_or_else(|| format!("{}/model/{}/service-2.json", env!("CARGO_MANIFEST_DIR"), service.name));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))).unwrap()
}

fn string(s: &str) -> Value {
    Value::String(Text::from(s))
}

fn object(members: impl IntoIterator<Item = (String, Value)>) -> Value {
    Value::Object(members.into_iter().map(|(k, v)| (Text::from(k.as_str()), v)).collect())
}

/// A set of string lengths up to a limit: sorted, disjoint, non-adjacent inclusive ranges.
#[derive(Clone, PartialEq, Debug)]
struct Lengths(Vec<(usize, usize)>);

impl Lengths {
    fn only(n: usize) -> Self {
        Lengths(vec![(n, n)])
    }

    fn contains(&self, n: usize) -> bool {
        self.0.iter().any(|&(a, b)| (a..=b).contains(&n))
    }

    /// The lengths from `lo` to `hi` this set has, in order.
    fn within(&self, lo: usize, hi: usize) -> impl DoubleEndedIterator<Item = usize> + '_ {
        self.0.iter().flat_map(move |&(a, b)| a.max(lo)..=b.min(hi))
    }

    fn union(&self, other: &Self) -> Self {
        Self::merged(self.0.iter().chain(&other.0).copied().collect())
    }

    /// A length of `self` plus one of `other`, up to `limit`.
    fn plus(&self, other: &Self, limit: usize) -> Self {
        let sums = self.0.iter().flat_map(|&(a, b)| other.0.iter().map(move |&(c, d)| (a + c, (b + d).min(limit))));
        Self::merged(sums.filter(|&(a, _)| a <= limit).collect())
    }

    fn merged(mut ranges: Vec<(usize, usize)>) -> Self {
        ranges.sort_unstable();
        let mut out: Vec<(usize, usize)> = Vec::new();
        for (a, b) in ranges {
            match out.last_mut() {
                Some(last) if a <= last.1 + 1 => last.1 = last.1.max(b),
                _ => out.push((a, b)),
            }
        }
        Lengths(out)
    }

    /// The lengths of `min` to `max` items of these lengths (no `max`: any number).
    fn repeated(&self, min: usize, max: Option<usize>, limit: usize) -> Self {
        let optional = self.union(&Self::only(0));
        let at_least = (0..min).fold(Self::only(0), |sum, _| sum.plus(self, limit));
        match max {
            Some(max) => (min..max).fold(at_least, |sum, _| sum.plus(&optional, limit)),
            None => {
                // Any number of items: doubling the count reaches every one in a few steps.
                let mut any = optional;
                loop {
                    let more = any.union(&any.plus(&any, limit));
                    if more == any {
                        break at_least.plus(&any, limit);
                    }
                    any = more;
                }
            }
        }
    }
}

/// The lengths of the strings `hir` matches, up to `limit`.
fn lengths(hir: &Hir, limit: usize) -> Lengths {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Lengths::only(0),
        HirKind::Literal(literal) => Lengths::only(std::str::from_utf8(&literal.0).unwrap().chars().count()),
        HirKind::Class(class) if class_chars(class).next().is_none() => Lengths(Vec::new()),
        HirKind::Class(_) => Lengths::only(1),
        HirKind::Capture(capture) => lengths(&capture.sub, limit),
        HirKind::Repetition(r) => lengths(&r.sub, limit).repeated(r.min as usize, r.max.map(|m| m as usize), limit),
        HirKind::Concat(parts) => parts.iter().fold(Lengths::only(0), |sum, part| sum.plus(&lengths(part, limit), limit)),
        HirKind::Alternation(choices) => choices.iter().fold(Lengths(Vec::new()), |all, c| all.union(&lengths(c, limit))),
    }
}

fn class_chars(class: &Class) -> impl Iterator<Item = char> + '_ {
    let Class::Unicode(class) = class else { panic!("a byte class in a pattern") };
    class.ranges().iter().flat_map(|r| r.start()..=r.end())
}

/// Appends a string of `n` characters that `hir` matches; `n` is one of its `lengths`.
/// Early parts take their shortest length (the last part takes the rest), a repetition its
/// longest items, a class letters and digits where it has them and no white space where
/// it can (so that the result is not blank).
fn build(hir: &Hir, n: usize, limit: usize, out: &mut String) {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(literal) => out.push_str(std::str::from_utf8(&literal.0).unwrap()),
        HirKind::Class(class) => {
            let Class::Unicode(ranges) = class else { unreachable!() };
            let has = |c: char| ranges.ranges().iter().any(|r| (r.start()..=r.end()).contains(&c));
            // Letters and digits in turn, so that a sample crosses the class's ranges.
            let palette: Vec<char> = ('a'..='z').chain('0'..='9').chain('A'..='Z').filter(|&c| has(c)).collect();
            let printable = || class_chars(class).find(|&c| !c.is_control() && !common::is_js_space(c));
            let turn = palette.get(out.len() % palette.len().max(1)).copied();
            out.push(turn.or_else(printable).or_else(|| class_chars(class).next()).unwrap());
        }
        HirKind::Capture(capture) => build(&capture.sub, n, limit, out),
        HirKind::Alternation(choices) => build(choices.iter().find(|c| lengths(c, limit).contains(n)).unwrap(), n, limit, out),
        HirKind::Concat(parts) => {
            // rests[i]: the lengths parts i.. can take together.
            let mut rests = vec![Lengths::only(0)];
            for part in parts.iter().rev() {
                rests.push(lengths(part, limit).plus(rests.last().unwrap(), limit));
            }
            rests.reverse();
            let mut left = n;
            for (i, part) in parts.iter().enumerate() {
                let own = lengths(part, limit);
                let l = own.within(0, left).find(|&l| rests[i + 1].contains(left - l)).unwrap();
                build(part, l, limit, out);
                left -= l;
            }
        }
        HirKind::Repetition(r) => {
            let item = lengths(&r.sub, limit);
            let (min, max) = (r.min as usize, r.max.map(|m| m as usize));
            let (mut left, mut count) = (n, 0);
            // The lengths the items after this one can take, for the counts they may have.
            let mut rest: Option<((usize, Option<usize>), Lengths)> = None;
            while left > 0 || count < min {
                let after = max.map(|m| m.checked_sub(count + 1).expect("a repetition past its maximum"));
                let counts = (min.saturating_sub(count + 1), after);
                if rest.as_ref().is_none_or(|(c, _)| *c != counts) {
                    rest = Some((counts, item.repeated(counts.0, counts.1, limit)));
                }
                let rest = &rest.as_ref().unwrap().1;
                let smallest = usize::from(count >= min); // past the minimum, an item must advance
                let l = item.within(smallest, left).rev().find(|&l| rest.contains(left - l)).unwrap();
                build(&r.sub, l, limit, out);
                left -= l;
                count += 1;
            }
        }
    }
}

/// Strings for the pattern of one string shape of the model.
struct Sampler {
    pattern: String,
    /// The pattern, unanchored, in the `regex` crate's syntax, parsed.
    hir: Hir,
    /// The same anchored, which checks every string made here.
    regex: regex::Regex,
    /// A leading negative look-ahead of the pattern other than `(?!\s*$)`: what no match matches.
    forbidden: Option<regex::Regex>,
    /// The pattern starts with `(?!\s*$)`: not only white space.
    not_blank: bool,
    /// Lengths are looked at up to this: one past the shape's maximum (or its minimum
    /// and 300 where it has none).
    limit: usize,
    /// A matching string of a valid length (the shortest one not empty, where there is one).
    good: String,
    /// A string of the same length that does not match; None when every string does.
    bad: Option<String>,
    made: RefCell<HashMap<usize, Option<String>>>,
}

impl Sampler {
    /// The sampler of the shape `name`, or a panic naming it when its pattern has no
    /// matching string of a valid length, or no string of a valid length that fails it
    /// (unless it matches everything).
    fn new(name: &str, shape: &Json) -> Sampler {
        let pattern = shape["pattern"].as_str().unwrap().to_owned();
        let (translated, not_blank, forbidden) = common::js_regex(&pattern);
        let forbidden = forbidden.map(|f| regex::Regex::new(&format!("^(?:{f})")).unwrap_or_else(|e| panic!("{name}: {pattern}: {e}")));
        let hir = regex_syntax::Parser::new().parse(&translated).unwrap_or_else(|e| panic!("{name}: {pattern}: {e}"));
        let regex = regex::Regex::new(&format!("^(?:{translated})$")).unwrap_or_else(|e| panic!("{name}: {pattern}: {e}"));
        let (min, max) = bounds(shape);
        let limit = max.unwrap_or(min + 300) + 1;
        let mut sampler = Sampler { pattern, hir, regex, forbidden, not_blank, limit, good: String::new(), bad: None, made: RefCell::default() };
        let valid = sampler.lengths();
        let longest = max.unwrap_or(limit);
        let shortest = valid.within(min.max(1), longest).next().or_else(|| valid.contains(min).then_some(min));
        let n = shortest.unwrap_or_else(|| panic!("{name}: its pattern {} matches no string of {min} to {longest} characters", sampler.pattern));
        sampler.good = sampler.of_length(n).unwrap();
        sampler.bad = sampler.mutated();
        assert!(
            sampler.bad.is_some() || sampler.matches_everything(),
            "{name}: no string of {n} characters made here fails its pattern {}",
            sampler.pattern
        );
        sampler
    }

    /// The lengths of the strings that match, up to `limit`: not 0 where the pattern wants
    /// more than white space (the generator uses none where it has a choice).
    fn lengths(&self) -> Lengths {
        let all = lengths(&self.hir, self.limit);
        match self.not_blank {
            true => Lengths(all.0.into_iter().filter_map(|(a, b)| (b > 0).then_some((a.max(1), b))).collect()),
            false => all,
        }
    }

    fn matches(&self, s: &str) -> bool {
        self.regex.is_match(s) && !(self.not_blank && s.chars().all(common::is_js_space)) && !self.forbidden.as_ref().is_some_and(|f| f.is_match(s))
    }

    /// A matching string of `n` characters, or None when the pattern has none.
    fn of_length(&self, n: usize) -> Option<String> {
        let made = self.made.borrow().get(&n).cloned();
        made.unwrap_or_else(|| {
            let s = (n <= self.limit && self.lengths().contains(n)).then(|| {
                let mut s = String::new();
                build(&self.hir, n, self.limit, &mut s);
                s
            });
            if let Some(s) = &s {
                assert!(self.matches(s), "{s:?}, made for the pattern {}, does not match it (a bug of this test)", self.pattern);
            }
            self.made.borrow_mut().insert(n, s.clone());
            s
        })
    }

    /// `good` with one character replaced so that it no longer matches, from the end.
    fn mutated(&self) -> Option<String> {
        const PROBES: [char; 9] = ['!', 'g', 'G', '\n', '\u{1}', ' ', 'é', '\u{FFFF}', '😀'];
        let chars: Vec<char> = self.good.chars().collect();
        let candidates = (0..chars.len()).rev().flat_map(|i| PROBES.iter().map(move |&c| (i, c)));
        candidates
            .map(|(i, c)| chars.iter().enumerate().map(|(j, &d)| if i == j { c } else { d }).collect::<String>())
            .find(|s| !self.matches(s))
    }

    /// The pattern is `[\S\s]*` or the like: any string matches.
    fn matches_everything(&self) -> bool {
        let HirKind::Repetition(r) = self.hir.kind() else { return false };
        let HirKind::Class(Class::Unicode(class)) = r.sub.kind() else { return false };
        let mut outside = class.clone();
        outside.negate();
        r.min == 0 && r.max.is_none() && outside.ranges().is_empty() && !self.not_blank
    }
}

/// A sampler for each shape of the model that has a pattern, by shape name.
fn samplers(shapes: &Map<String, Json>) -> BTreeMap<String, Sampler> {
    shapes.iter().filter(|(_, s)| s.get("pattern").is_some()).map(|(name, s)| (name.clone(), Sampler::new(name, s))).collect()
}

/// The shape a member, an item, a key or a value refers to.
fn target(member: &Json) -> &str {
    member["shape"].as_str().unwrap()
}

/// The shape's `min` and `max`, for lengths and counts.
fn bounds(shape: &Json) -> (usize, Option<usize>) {
    (shape["min"].as_u64().unwrap_or(0) as usize, shape["max"].as_u64().map(|m| m as usize))
}

/// The shapes reachable from `name`.
fn reach(shapes: &Map<String, Json>, name: &str, seen: &mut BTreeSet<String>) {
    if !seen.insert(name.to_owned()) {
        return;
    }
    let shape = &shapes[name];
    let members = shape["members"].as_object().into_iter().flat_map(|m| m.values());
    let inner = ["member", "key", "value"].into_iter().map(|k| &shape[k]).chain(members);
    for target in inner.filter_map(|m| m["shape"].as_str()) {
        reach(shapes, target, seen);
    }
}

/// One step from a value to a value inside it.
#[derive(Clone, Debug)]
enum Step {
    Member(String),
    Key(String),
    Index(usize),
}

/// The path as `validate` writes it: `a.b[0]`, `tags["k"]`.
fn js_path(at: &[Step]) -> String {
    let mut out = String::new();
    for step in at {
        match step {
            Step::Member(name) if out.is_empty() => out.push_str(name),
            Step::Member(name) => out.push_str(&format!(".{name}")),
            Step::Key(key) => out.push_str(&format!("[{}]", js_string(key))),
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// `s` as a JavaScript string literal, as the paths quote map keys.
fn js_string(s: &str) -> String {
    let escaped: String = s
        .chars()
        .map(|c| match c {
            '"' | '\\' => format!("\\{c}"),
            '\n' => "\\n".into(),
            '\r' => "\\r".into(),
            '\t' => "\\t".into(),
            c if c.is_control() => format!("\\u{{{:x}}}", c as u32),
            c => c.into(),
        })
        .collect();
    format!("\"{escaped}\"")
}

fn slot<'a>(root: &'a mut Value, at: &[Step]) -> &'a mut Value {
    at.iter().fold(root, |v, step| match (step, v) {
        (Step::Member(k) | Step::Key(k), Value::Object(members)) => &mut members.iter_mut().find(|(name, _)| name.text == *k).unwrap().1,
        (Step::Index(i), Value::Array { items, .. }) => &mut items[*i],
        (step, v) => panic!("no {step:?} in {v:?}"),
    })
}

fn remove(root: &mut Value, at: &[Step]) {
    let (Step::Member(name), parent) = at.split_last().unwrap() else { panic!("only members are left out") };
    if let Value::Object(members) = slot(root, parent) {
        members.retain(|(k, _)| k.text != *name);
    }
}

/// A string of a shape and what `validate` must say of it.
struct Case {
    value: String,
    /// The error code expected at its path; None: no error there.
    expected: Option<IssueCode>,
    kind: &'static str,
    what: String,
}

struct Conformance<'m> {
    shapes: &'m Map<String, Json>,
    samplers: &'m BTreeMap<String, Sampler>,
    /// What is validated (an operation's input), and a valid value of it with every member set.
    root: &'static Shape,
    base: Value,
    /// Checks made, by kind.
    checks: BTreeMap<&'static str, usize>,
    /// What disagreed, with the kind of check.
    failures: Vec<(&'static str, String)>,
    /// The (union, member) pairs the walk set.
    union_members: BTreeSet<(String, String)>,
}

impl<'m> Conformance<'m> {
    fn new(shapes: &'m Map<String, Json>, samplers: &'m BTreeMap<String, Sampler>, root: &'static Shape, name: &str) -> Self {
        let mut run = Conformance {
            shapes,
            samplers,
            root,
            base: Value::Null,
            checks: BTreeMap::new(),
            failures: Vec::new(),
            union_members: BTreeSet::new(),
        };
        run.base = run.valid(name);
        let report = validate_shape(root, &run.base);
        assert!(report.ok, "{name}: the valid value built from the model is valid: {:?}\n{:?}", report.issues, run.base);
        run
    }

    fn shape(&self, name: &str) -> &'m Json {
        &self.shapes[name]
    }

    /// A valid value of `name`, with every optional member set (a union: its first), so
    /// that every constrained member is reached.
    fn valid(&self, name: &str) -> Value {
        let shape = self.shape(name);
        let (min, _) = bounds(shape);
        match shape["type"].as_str().unwrap() {
            "structure" if shape["document"] == true => document(),
            "structure" => {
                let members = shape["members"].as_object().unwrap().iter();
                let set = if shape["union"] == true { 1 } else { usize::MAX };
                object(members.take(set).map(|(k, m)| (k.clone(), self.valid(target(m)))))
            }
            "list" => Value::array((0..min.max(1)).map(|i| self.item(name, i)).collect()),
            "map" => self.entries(name, min.max(1)),
            "string" => match shape["enum"].as_array() {
                Some(values) => string(values[0].as_str().unwrap()),
                None => string(&self.text(name)),
            },
            "double" | "float" | "integer" | "long" => Value::Number(shape["min"].as_f64().unwrap_or(1.0)),
            "boolean" => Value::Bool(true),
            "timestamp" => Value::Date(1_700_000_000_000.0),
            other => panic!("{name}: type {other} in an input"),
        }
    }

    /// Item `i` of the list `name`: enum items run through the values, so that a list
    /// whose items must differ can reach its maximum.
    fn item(&self, list: &str, i: usize) -> Value {
        let member = target(&self.shape(list)["member"]);
        match self.shape(member)["enum"].as_array() {
            Some(values) => string(values[i % values.len()].as_str().unwrap()),
            None => self.valid(member),
        }
    }

    /// `n` entries of the map `name`, keyed `k0`, `k1`, … (which every key pattern of the
    /// model allows; the valid value's check says so).
    fn entries(&self, name: &str, n: usize) -> Value {
        let value = self.valid(target(&self.shape(name)["value"]));
        object((0..n).map(|i| (format!("k{i}"), value.clone())))
    }

    /// A valid string of the shape `name`. One without a pattern is digits, preferably
    /// 12, which also makes it an account ID where a rule beyond the model wants one.
    fn text(&self, name: &str) -> String {
        if let Some(sampler) = self.samplers.get(name) {
            return sampler.good.clone();
        }
        let (min, max) = bounds(self.shape(name));
        let n = if (min..=max.unwrap_or(usize::MAX)).contains(&12) { 12 } else { min.max(1) };
        self.text_of_length(name, n).unwrap()
    }

    /// A string of the shape `name` with `n` code points that matches its pattern, or
    /// None when its pattern has none.
    fn text_of_length(&self, name: &str, n: usize) -> Option<String> {
        match self.samplers.get(name) {
            Some(sampler) => sampler.of_length(n),
            None => Some("123456789012".chars().cycle().take(n).collect()),
        }
    }

    /// The strings on both sides of each constraint of the string shape `name`.
    fn string_cases(&self, name: &str) -> Vec<Case> {
        let case = |value: String, expected, kind, what: &str| Case { value, expected, kind, what: what.into() };
        let shape = self.shape(name);
        if let Some(values) = shape["enum"].as_array() {
            let values = values.iter().map(|v| v.as_str().unwrap());
            return values
                .flat_map(|v| {
                    let near = v.to_lowercase() + "x";
                    [case(v.into(), None, "enum", "an enum value"), case(near, Some(IssueCode::Enum), "enum", "not an enum value")]
                })
                .collect();
        }
        let (lo, hi) = bounds(shape);
        let mut cases = Vec::new();
        // Too short or too long, matching the pattern where it can so that only the length is wrong.
        let filler = |n: usize| self.text_of_length(name, n).unwrap_or_else(|| "a".repeat(n));
        if lo > 0 {
            cases.push(case(filler(lo - 1), Some(IssueCode::Length), "length", "one character short"));
        }
        if let Some(hi) = hi {
            cases.push(case(filler(hi + 1), Some(IssueCode::Length), "length", "one character long"));
        }
        for n in [Some(lo), hi].into_iter().flatten() {
            if let Some(s) = self.text_of_length(name, n) {
                cases.push(case(s, None, "length", &format!("{n} characters, a bound")));
            }
        }
        if let Some(sampler) = self.samplers.get(name) {
            let pattern = &sampler.pattern;
            cases.push(case(sampler.good.clone(), None, "pattern", &format!("matching {pattern}")));
            if let Some(bad) = &sampler.bad {
                cases.push(case(bad.clone(), Some(IssueCode::Pattern), "pattern", &format!("not matching {pattern}")));
            }
            let blank = " ".repeat(sampler.good.chars().count());
            if sampler.not_blank && hi.is_none_or(|hi| blank.len() <= hi) {
                cases.push(case(blank, Some(IssueCode::Pattern), "pattern", &format!("only white space, against {pattern}")));
            }
        }
        cases
    }

    /// Sets the value at `at` to `new` (None: leaves it out) and checks the errors at its
    /// path: `expected` is the code that must be reported there, or None for no error.
    fn expect(&mut self, at: &[Step], new: Option<Value>, expected: Option<IssueCode>, kind: &'static str, what: &str) {
        let mut input = self.base.clone();
        match new {
            Some(v) => *slot(&mut input, at) = v,
            None => remove(&mut input, at),
        }
        self.check(&input, &js_path(at), expected, kind, what);
    }

    /// Validates `input` and checks the errors at `path`.
    fn check(&mut self, input: &Value, path: &str, expected: Option<IssueCode>, kind: &'static str, what: &str) {
        let report = validate_shape(self.root, input);
        let errors: Vec<_> = report.issues.iter().filter(|i| i.path == path && i.severity == Severity::Error).collect();
        *self.checks.entry(kind).or_default() += 1;
        let ok = match expected {
            Some(code) => errors.iter().any(|i| i.code == code),
            None => errors.is_empty(),
        };
        if !ok {
            self.failures.push((kind, format!("{path} [{kind}] {what}: expected {expected:?}, got {errors:?}")));
        }
    }

    /// Every boundary of the shape `name` at `at`, then of the values inside it.
    fn walk(&mut self, name: &str, at: &mut Vec<Step>) {
        let shape = self.shape(name);
        let (lo, hi) = bounds(shape);
        match shape["type"].as_str().unwrap() {
            "structure" if shape["union"] == true => self.union(name, at),
            // A document: any JSON value, nothing else (the SDK's `__DocumentType`).
            "structure" if shape["document"] == true => {
                for (value, what) in [(Value::Null, "null"), (string("x"), "a string"), (Value::Number(-1.5), "a number"), (Value::Bool(false), "a boolean")] {
                    self.expect(at, Some(value), None, "document", what);
                }
                self.expect(at, Some(document()), None, "document", "nested arrays and objects");
                let inside = |bad: Value| object([("a".to_owned(), Value::array(vec![Value::Null, bad]))]);
                let inner_path = |at: &[Step]| js_path(&[at, &[Step::Member("a".into()), Step::Index(1)]].concat());
                for (bad, what) in [(Value::Date(0.0), "a Date"), (Value::Other("a function".into()), "a function"), (Value::Number(f64::NAN), "NaN")] {
                    self.expect(at, Some(bad.clone()), Some(IssueCode::Type), "document", what);
                    let mut input = self.base.clone();
                    *slot(&mut input, at) = inside(bad);
                    self.check(&input, &inner_path(at), Some(IssueCode::Type), "document", &format!("{what} inside"));
                }
            }
            "structure" => {
                let required: Vec<&str> = shape["required"].as_array().into_iter().flatten().filter_map(Json::as_str).collect();
                for (member, m) in shape["members"].as_object().unwrap() {
                    at.push(Step::Member(member.clone()));
                    let expected = required.contains(&member.as_str()).then_some(IssueCode::Required);
                    self.expect(at, None, expected, "required", "left out");
                    self.walk(target(m), at);
                    at.pop();
                }
            }
            "list" => {
                let items = |c: &Self, n: usize| Value::array((0..n).map(|i| c.item(name, i)).collect());
                if lo > 0 {
                    self.expect(at, Some(items(self, lo - 1)), Some(IssueCode::Count), "count", "below its minimum count");
                }
                self.expect(at, Some(items(self, lo.max(1))), None, "count", "at its minimum count");
                if let Some(hi) = hi {
                    self.expect(at, Some(items(self, hi)), None, "count", "at its maximum count");
                    self.expect(at, Some(items(self, hi + 1)), Some(IssueCode::Count), "count", "above its maximum count");
                }
                // Beyond the model: account IDs are checked as its `AccountId` (src/model/rules.rs).
                let item = if rules::of(name) == Rule::AccountIds { "AccountId" } else { target(&shape["member"]) };
                at.push(Step::Index(0));
                self.walk(item, at);
                at.pop();
            }
            "map" => {
                // Beyond the model: AWS allows at most 50 tags on a resource (src/model/rules.rs).
                let hi = hi.map(|m| if rules::of(name) == Rule::AwsTags { m.min(rules::MAX_TAGS) } else { m });
                if lo > 0 {
                    self.expect(at, Some(self.entries(name, lo - 1)), Some(IssueCode::Count), "count", "below its minimum size");
                }
                if let Some(hi) = hi {
                    self.expect(at, Some(self.entries(name, hi)), None, "count", "at its maximum size");
                    self.expect(at, Some(self.entries(name, hi + 1)), Some(IssueCode::Count), "count", "above its maximum size");
                }
                // The keys, one at a time.
                let entry = self.valid(target(&shape["value"]));
                for case in self.string_cases(target(&shape["key"])) {
                    let mut input = self.base.clone();
                    *slot(&mut input, at) = object([(case.value.clone(), entry.clone())]);
                    let path = js_path(&[at.as_slice(), &[Step::Key(case.value)]].concat());
                    self.check(&input, &path, case.expected, case.kind, &format!("key: {}", case.what));
                }
                at.push(Step::Key("k0".into()));
                self.walk(target(&shape["value"]), at);
                at.pop();
            }
            "string" => {
                for case in self.string_cases(name) {
                    self.expect(at, Some(string(&case.value)), case.expected, case.kind, &case.what);
                }
            }
            "double" | "float" | "integer" | "long" => {
                let integer = matches!(shape["type"].as_str(), Some("integer" | "long"));
                let step = |x: f64| if integer { 1.0 } else { x.abs() * 1e-9 + 1e-12 };
                let (min, max) = (shape["min"].as_f64(), shape["max"].as_f64());
                for (bound, outside) in [(min, min.map(|m| m - step(m))), (max, max.map(|m| m + step(m)))] {
                    if let (Some(bound), Some(outside)) = (bound, outside) {
                        self.expect(at, Some(Value::Number(bound)), None, "range", "at a bound of its range");
                        self.expect(at, Some(Value::Number(outside)), Some(IssueCode::Range), "range", "just outside its range");
                    }
                }
            }
            "timestamp" => {
                self.expect(at, Some(Value::Date(0.0)), None, "timestamp", "a Date");
                self.expect(at, Some(Value::Date(f64::NAN)), Some(IssueCode::Type), "timestamp", "an Invalid Date");
                self.expect(at, Some(string("2024-01-01T00:00:00Z")), Some(IssueCode::Type), "timestamp", "a string");
            }
            "boolean" => {
                self.expect(at, Some(Value::Bool(false)), None, "boolean", "false");
                self.expect(at, Some(string("true")), Some(IssueCode::Type), "boolean", "a string");
            }
            other => panic!("{name}: type {other} in an input"),
        }
    }

    /// A union: none set or two set is an error; each member alone is valid, and is walked
    /// with the union set to it.
    fn union(&mut self, name: &str, at: &mut Vec<Step>) {
        let members = self.shape(name)["members"].as_object().unwrap();
        let valid: Vec<(String, Value)> = members.iter().map(|(k, m)| (k.clone(), self.valid(target(m)))).collect();
        self.expect(at, Some(object([])), Some(IssueCode::Union), "union", "no member set");
        self.expect(at, Some(object([(valid[0].0.clone(), Value::Null)])), Some(IssueCode::Union), "union", "its member null");
        // With one member, two cannot be set (an unknown one is an error of its own).
        if valid.len() > 1 {
            self.expect(at, Some(object(valid[..2].to_vec())), Some(IssueCode::Union), "union", "two members set");
        }
        let saved = slot(&mut self.base, at).clone();
        for (member, value) in valid {
            let one = object([(member.clone(), value)]);
            self.expect(at, Some(one.clone()), None, "union", &format!("only {member} set"));
            *slot(&mut self.base, at) = one;
            self.union_members.insert((name.to_owned(), member.clone()));
            at.push(Step::Member(member.clone()));
            self.walk(target(&members[&member]), at);
            at.pop();
        }
        *slot(&mut self.base, at) = saved;
    }
}

/// A document's value with every kind of JSON value in it.
fn document() -> Value {
    let inner = object([("b".to_owned(), Value::Bool(true)), ("c".to_owned(), Value::Null)]);
    object([("a".to_owned(), Value::array(vec![Value::Number(1.0), string("x"), Value::Null, inner]))])
}

#[test]
fn every_constraint_of_each_operation_input_holds_at_its_boundaries() {
    common::services().into_iter().for_each(constraints_hold);
}

fn constraints_hold(service: &'static Service) {
    let model = model(service);
    let shapes = model["shapes"].as_object().unwrap();
    let samplers = samplers(shapes);
    let (mut totals, mut failures) = (BTreeMap::<&str, usize>::new(), Vec::new());
    let (mut union_members, mut reached) = (BTreeSet::new(), BTreeSet::new());
    for op in service.operations.iter() {
        let input = target(&model["operations"][op.name()]["input"]);
        reach(shapes, input, &mut reached);
        let mut run = Conformance::new(shapes, &samplers, op.input(), input);
        run.walk(input, &mut Vec::new());
        let checks: usize = run.checks.values().sum();
        // Every member gets a few checks at least (left out, its edges).
        let members = op.input_members().len();
        assert!(checks >= 2 * members, "{}: only {checks} checks for {members} members", op.name());
        eprintln!("{}: {checks} checks {:?}", op.name(), run.checks);
        for (kind, n) in run.checks {
            *totals.entry(kind).or_default() += n;
        }
        failures.extend(run.failures.into_iter().map(|(kind, f)| (kind, format!("{}: {f}", op.name()))));
        union_members.extend(run.union_members);
    }
    eprintln!("{}: all operations: {} checks {totals:?}", service.name, totals.values().sum::<usize>());
    let every_union_member: BTreeSet<(String, String)> = reached
        .iter()
        .filter(|name| shapes[name.as_str()]["union"] == true)
        .flat_map(|name| shapes[name.as_str()]["members"].as_object().unwrap().keys().map(|m| (name.clone(), m.clone())))
        .collect();
    assert_eq!(union_members, every_union_member, "each member of each union an input reaches is set");
    let mut by_kind = BTreeMap::<&str, usize>::new();
    for (kind, _) in &failures {
        *by_kind.entry(kind).or_default() += 1;
    }
    let listed: Vec<&str> = failures.iter().map(|(_, f)| f.as_str()).collect();
    assert!(failures.is_empty(), "{} checks disagree with the model {by_kind:?}:\n{}", failures.len(), listed.join("\n"));
}

/// Every pattern of the model has samples on both sides (`Sampler::new` stops on one
/// without), and at both length bounds of its shape where it allows them.
#[test]
fn every_pattern_of_the_model_has_a_matching_and_a_failing_sample() {
    for service in common::services() {
        let model = model(service);
        let shapes = model["shapes"].as_object().unwrap();
        for (name, sampler) in samplers(shapes) {
            let (min, max) = bounds(&shapes[&name]);
            let at_bounds: Vec<Option<String>> = [Some(min), max].into_iter().flatten().map(|n| sampler.of_length(n)).collect();
            eprintln!("{name}: {:?} / {:?}, at its bounds {at_bounds:?}", sampler.good, sampler.bad);
        }
    }
}

/// The rules beyond the model name shapes the model has, and say what the Smithy model
/// says where it says more than botocore's format (`uniqueItems`, the `AccountId` shape).
#[test]
fn the_rules_beyond_the_model_name_its_shapes() {
    // Clean Rooms ML's own rules, and its Smithy model.
    let ml = common::ml();
    let model = model(ml);
    let shapes = model["shapes"].as_object().unwrap();
    for (name, _) in rules::RULES {
        assert!(shapes.contains_key(name), "src/model/rules.rs names {name}, which the model does not have");
    }
    let smithy_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/cleanroomsml-create-association-shapes.json");
    let smithy: Json = serde_json::from_str(&std::fs::read_to_string(smithy_path).unwrap()).unwrap();
    let mut unique: Vec<&str> = smithy
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, s)| s["traits"].get("smithy.api#uniqueItems").is_some())
        .map(|(id, _)| id.trim_start_matches("com.amazonaws.cleanroomsml#"))
        .collect();
    let mut ours: Vec<&str> = rules::RULES.iter().filter(|(_, r)| *r == Rule::UniqueItems).map(|(n, _)| *n).collect();
    unique.sort();
    ours.sort();
    assert_eq!(ours, unique, "the lists the Smithy model marks uniqueItems");
    // The account ID items of `AccountIdList` are checked as the model's `AccountId`: its
    // lengths and pattern at their boundaries, by behaviour.
    let account_id = ml.shape(cleanroomsml::shapes::ACCOUNT_ID);
    let list = ml.shape(cleanroomsml::shapes::ACCOUNT_ID_LIST);
    assert!(matches!(list.kind(), cleanroomsml_wasm::model::Kind::List(l) if std::ptr::eq(l.member, account_id)), "AccountIdList's items are AccountIds");
    let samplers = samplers(shapes);
    let mut run = Conformance::new(shapes, &samplers, account_id, "AccountId");
    run.walk("AccountId", &mut Vec::new());
    let failures: Vec<&str> = run.failures.iter().map(|(_, f)| f.as_str()).collect();
    assert!(failures.is_empty(), "AccountId:\n{}", failures.join("\n"));
    assert!(validate_shape(account_id, &string("123456789012")).ok);
    let report = validate_shape(account_id, &string("12345678901a"));
    assert_eq!(report.issues.iter().map(|i| i.code).collect::<Vec<_>>(), [IssueCode::Pattern]);
}

/// The generated operations are the model's, in its order, each with what the model's
/// operation says: method, URI, success code, idempotency, and each error with its HTTP
/// status and fault.
#[test]
fn the_operation_table_is_the_models() {
    common::services().into_iter().for_each(operation_table_is_the_models);
}

fn operation_table_is_the_models(service: &'static Service) {
    let model = model(service);
    let names: Vec<&str> = service.operations.iter().map(|op| op.name()).collect();
    let model_names: Vec<&str> = model["operations"].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(names, model_names);
    for op in service.operations.iter() {
        let m = &model["operations"][op.name()];
        assert_eq!(op.method, m["http"]["method"].as_str().unwrap(), "{}", op.name());
        assert_eq!(op.uri(), m["http"]["requestUri"].as_str().unwrap(), "{}", op.name());
        assert_eq!(u64::from(op.success_code), m["http"]["responseCode"].as_u64().unwrap_or(200), "{}", op.name());
        assert_eq!(op.idempotent, m["idempotent"].as_bool().unwrap_or(false), "{}", op.name());
        let mut expected: Vec<(String, u64, bool)> = m["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let shape = &model["shapes"][target(e)];
                (target(e).to_owned(), shape["error"]["httpStatusCode"].as_u64().unwrap(), shape["error"]["senderFault"].as_bool().unwrap_or(false))
            })
            .collect();
        let mut ours: Vec<(String, u64, bool)> = op.errors().map(|e| (e.name.to_owned(), u64::from(e.status), e.sender_fault)).collect();
        // A set: the table keeps one order for all operations.
        expected.sort();
        ours.sort();
        assert_eq!(ours, expected, "{}", op.name());
        assert!(!ours.is_empty());
    }
}
