//! The compiled patterns agree with the model's regular expressions: every pattern of the
//! model, as the generator compiled it (`PATTERNS`) and `validate::patterns` runs it, is
//! compared with the `regex` crate on strings made from the pattern itself (walks of its
//! DFA, and mutations of them). Also the character checks of the rules beyond the model.

// Built for Clean Rooms, the tests of Clean Rooms ML's inputs are left out, and what only they use.
#![cfg_attr(service = "cleanrooms", allow(unused))]

mod common;

// The generator's compiler: the samples are walks of the DFAs it builds.
#[allow(dead_code)]
#[path = "../codegen/src/patterns.rs"]
mod compiler;

use std::time::{Duration, Instant};

use cleanroomsml_wasm::model::{Pattern, Service};
use cleanroomsml_wasm::validate::patterns::*;
use common::{full_request, validate, value, Rng};
use compiler::Dfa;
use serde_json::{json, Value as Json};

#[test]
fn regular_expression_syntax() {
    let valid = [
        "", "abc", "^a.*b$", "(a|b)+c?", "[a-z]{2,5}", "a{3}", "a{3,}", "x*?", "x++", "[]a]", "[^]a]",
        "\\(literal\\)", "(?:x)(?=y)(?<name>z)", "a{", "a{x}", "[\\]]", "\\d+\\s*\\w?",
    ];
    for pattern in valid {
        assert_eq!(regex_syntax_error(pattern), None, "{pattern:?} is valid");
    }
    let invalid = [
        ("(a", "has an unclosed `(`"),
        ("a)", "has an unmatched `)`"),
        ("[a-z", "has an unterminated character class `[`"),
        ("*a", "has `*` with nothing to repeat"),
        ("a|+", "has `+` with nothing to repeat"),
        ("(?", "has an unclosed `(`"),
        ("a**", "has `*` with nothing to repeat"),
        ("{2}", "has `{` with nothing to repeat"),
        ("a{3,1}", "has a `{m,n}` with m greater than n"),
        ("abc\\", "ends with a lone backslash"),
    ];
    for (pattern, why) in invalid {
        assert_eq!(regex_syntax_error(pattern).as_deref(), Some(why), "{pattern:?}");
    }
}

#[test]
fn tag_characters() {
    assert_eq!(first_outside_tag_characters("Team name_1.2:3/4=5+6-7@ é 中 ١"), None);
    assert_eq!(first_outside_tag_characters("a*b"), Some('*'));
    assert_eq!(first_outside_tag_characters("a\tb"), Some('\t'));
}

#[test]
fn tag_characters_for_every_ascii_character() {
    for c in (0u8..128).map(char::from) {
        let expected = c.is_ascii_alphanumeric() || " _.:/=+-@".contains(c);
        assert_eq!(first_outside_tag_characters(&format!("a{c}b")).is_none(), expected, "{c:?}");
        assert_eq!(first_outside_tag_characters(&format!("é{c}b")).is_none(), expected, "{c:?} beside non-ASCII");
    }
}

/// JavaScript's `\s` (the model's patterns are ECMAScript regular expressions), as the
/// inside of a `regex` class.
const JS_SPACE: &str = r"\t\n\x0B\x0C\r \xA0\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}";

/// A model pattern in the `regex` crate, with JavaScript's meanings: the pattern after the
/// look-aheads it starts with (which that crate lacks), and each look-ahead's body anchored
/// at the start with whether it is negative.
struct Engine {
    whole: regex::Regex,
    looks: Vec<(regex::Regex, bool)>,
}

impl Engine {
    fn new(pattern: &str) -> Engine {
        let compile = |re: String| regex::Regex::new(&re).unwrap_or_else(|e| panic!("{pattern}: {e}"));
        let mut rest = common::without_empty_wildcards(pattern);
        let mut looks = Vec::new();
        while let Some(negative) = [("(?!", true), ("(?=", false)].into_iter().find(|(open, _)| rest.starts_with(open)).map(|l| l.1) {
            let end = closing_paren(rest);
            looks.push((compile(format!("^(?:{})", translate(&rest[3..end]))), negative));
            rest = &rest[end + 1..];
        }
        Engine { whole: compile(format!("^(?:{})$", translate(rest))), looks }
    }

    fn is_match(&self, s: &str) -> bool {
        self.whole.is_match(s) && self.looks.iter().all(|(look, negative)| look.is_match(s) != *negative)
    }
}

/// Where the group that starts `pattern` closes.
fn closing_paren(pattern: &str) -> usize {
    let (mut depth, mut escaped, mut in_class) = (0, false, false);
    for (i, c) in pattern.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' => in_class = true,
            ']' => in_class = false,
            '(' if !in_class => depth += 1,
            ')' if !in_class => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    panic!("unbalanced {pattern}")
}

/// A pattern (without look-aheads) in the `regex` crate's syntax. Read over code points,
/// surrogates in a class name nothing a Rust string holds, so they are left out.
fn translate(pattern: &str) -> String {
    let chars: Vec<char> = pattern.chars().collect();
    let hex = |at: usize| u32::from_str_radix(&chars[at..at + 4].iter().collect::<String>(), 16).unwrap();
    // The code point of the `\u` escape at `at` (a surrogate pair is one), and its length.
    let code_point = |at: usize| {
        let u = hex(at + 2);
        match chars.get(at + 6..at + 8) {
            Some(['\\', 'u']) if (0xD800..0xDC00).contains(&u) && (0xDC00..0xE000).contains(&hex(at + 8)) => {
                (0x10000 + ((u - 0xD800) << 10) + (hex(at + 8) - 0xDC00), 12)
            }
            _ => (u, 6),
        }
    };
    let (mut out, mut in_class, mut i) = (String::new(), false, 0);
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        match c {
            '[' if !in_class => {
                in_class = true;
                out.push('[');
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '.' if !in_class => out.push_str(r"[^\n\r\x{2028}\x{2029}]"),
            '\\' => {
                let e = chars[i];
                i += 1;
                let set = match e.to_ascii_lowercase() {
                    'd' => "0-9",
                    'w' => "0-9A-Za-z_",
                    's' => JS_SPACE,
                    _ => "",
                };
                match e {
                    'd' | 's' | 'w' if in_class => out.push_str(set),
                    'd' | 's' | 'w' => out.push_str(&format!("[{set}]")),
                    'D' | 'S' | 'W' => out.push_str(&format!("[^{set}]")),
                    'u' => {
                        assert!(in_class, "extend the translation for a \\u outside a class in {pattern}");
                        let (low, len) = code_point(i - 2);
                        i += len - 2;
                        let high = match chars.get(i..i + 2) {
                            Some(['-', '\\']) if chars[i + 2] == 'u' => {
                                let (high, len) = code_point(i + 1);
                                i += 1 + len;
                                high
                            }
                            _ => low,
                        };
                        // The range without surrogates.
                        if low < 0xD800 {
                            out.push_str(&format!(r"\x{{{low:X}}}-\x{{{:X}}}", high.min(0xD7FF)));
                        }
                        if high > 0xDFFF {
                            out.push_str(&format!(r"\x{{{:X}}}-\x{{{high:X}}}", low.max(0xE000)));
                        }
                    }
                    // `\p{…}`: a Unicode property reads the same in both (the Unicode versions aside).
                    't' | 'n' | 'r' | 'p' | 'P' => out.extend(['\\', e]),
                    e if e.is_ascii_alphanumeric() => panic!("extend the translation for \\{e} in {pattern}"),
                    e => out.push_str(&format!(r"\x{{{:X}}}", e as u32)),
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// The state the DFA is in after `s`.
fn run(dfa: &Dfa, s: &str) -> usize {
    s.chars().fold(0, |state, c| dfa.next[state][dfa.atoms.partition_point(|&(_, hi)| hi < u32::from(c))])
}

/// A code point of the atom `(lo, hi)` a string can hold: an end, or one at random.
fn pick(rng: &mut Rng, (lo, hi): (u32, u32)) -> Option<char> {
    let at = match rng.below(3) {
        0 => lo,
        1 => hi,
        _ => lo + rng.below((hi - lo) as usize + 1) as u32,
    };
    [at, lo, hi, 0xE000].into_iter().filter(|&c| (lo..=hi).contains(&c)).find_map(char::from_u32)
}

/// Strings the DFA accepts, walked at random: about 30 steps anywhere, then the shortest
/// way to a match.
fn walks(dfa: &Dfa, rng: &mut Rng, count: usize) -> Vec<String> {
    let dead = dfa.dead();
    // Each state's distance to a match.
    let mut distance: Vec<usize> = dfa.accepts.iter().map(|&a| if a { 0 } else { usize::MAX }).collect();
    loop {
        let before = distance.clone();
        for s in 0..distance.len() {
            let nearest = dfa.next[s].iter().map(|&t| distance[t].saturating_add(1)).min().unwrap_or(usize::MAX);
            distance[s] = distance[s].min(nearest);
        }
        if distance == before {
            break;
        }
    }
    (0..count)
        .map(|_| {
            let (mut state, mut s) = (0, String::new());
            for steps in 0.. {
                let choices: Vec<(usize, char)> = (0..dfa.atoms.len())
                    .filter_map(|a| {
                        let target = dfa.next[state][a];
                        let useful = Some(target) != dead && (steps < 30 || distance[target] < distance[state]);
                        useful.then(|| pick(rng, dfa.atoms[a]).map(|c| (target, c))).flatten()
                    })
                    .collect();
                if dfa.accepts[state] && (choices.is_empty() || rng.below(10) == 0) {
                    break;
                }
                let &(target, c) = rng.pick(&choices);
                s.push(c);
                state = target;
            }
            s
        })
        .collect()
}

/// Every pattern of a shape an input reaches is compiled, and nothing else: the shapes only
/// answers reach carry no constraints (`validate_output` reads types and required members).
#[test]
fn every_model_pattern_an_input_reaches_is_compiled() {
    common::services().into_iter().for_each(patterns_reached_are_compiled);
}

fn patterns_reached_are_compiled(service: &Service) {
    let text = std::fs::read_to_string(format!("{}/model/{}/service-2.json", env!("CARGO_MANIFEST_DIR"), service.name)).unwrap();
    let model: Json = serde_json::from_str(&text).unwrap();
    let shapes = model["shapes"].as_object().unwrap();
    let mut reached = std::collections::BTreeSet::new();
    let mut pending: Vec<&str> = model["operations"].as_object().unwrap().values().filter_map(|op| op["input"]["shape"].as_str()).collect();
    while let Some(name) = pending.pop() {
        if reached.insert(name) {
            let shape = &shapes[name];
            let members = shape["members"].as_object().into_iter().flat_map(|m| m.values());
            pending.extend(["member", "key", "value"].iter().map(|k| &shape[*k]).chain(members).filter_map(|m| m["shape"].as_str()));
        }
    }
    let mut sources: Vec<&str> = reached.iter().filter_map(|name| shapes[*name]["pattern"].as_str()).collect();
    sources.sort_unstable();
    sources.dedup();
    assert_eq!(service.patterns.len(), sources.len(), "only the patterns inputs reach are compiled");
    for source in sources {
        let pattern = service.patterns.iter().find(|p| p.source == source).unwrap_or_else(|| panic!("{source} is not in PATTERNS"));
        assert_eq!(pattern.program, compiler::program(source).unwrap(), "{source}: the generated program is stale");
    }
}

#[test]
fn every_compiled_pattern_agrees_with_a_regex_engine() {
    let mut rng = Rng(0x5EED);
    for pattern in common::services().iter().flat_map(|service| &service.patterns) {
        agrees_with_a_regex_engine(pattern, &mut rng);
    }
}

/// Patterns beyond the model, at the edges of the matcher's fast paths: a counted run of one
/// ASCII range (up to U+007F, and one that goes past it), ASCII and other literals.
#[test]
fn patterns_beyond_the_model_agree_with_a_regex_engine() {
    let mut rng = Rng(0xED6E);
    for source in [
        "[0-9]{12}:[a-z]+",
        "[\\u0078-\\u007F]{3}y?",
        "[\\u0078-\\u0080]{3}y?",
        "[\\u0045-\\u00C4]{2}z",
        "[\\u00E0-\\u00FF]{2}-[0-9]{2,4}",
        "ab-é{2}x",
        "(id-[0-9]{3}|name-[a-z]{1,3})/[-a-z0-9]+",
    ] {
        let program: &'static [u8] = Box::leak(compiler::program(source).unwrap().into_boxed_slice());
        agrees_with_a_regex_engine(&Pattern { source, program }, &mut rng);
    }
}

/// `pattern` against the `regex` crate on walks of its DFA, their mutations, cuts and joins,
/// and random text: the same answer, and a mismatch reported where no match can go on.
fn agrees_with_a_regex_engine(pattern: &Pattern, rng: &mut Rng) {
    // ASCII (controls included), JavaScript's white space, the model's text class's edges,
    // beyond U+FFFF; and each pattern adds the ends of its own classes.
    let mut common: Vec<char> = (0u8..128).map(char::from).collect();
    common.extend(['é', '中', '\u{A0}', '\u{1680}', '\u{2000}', '\u{200A}', '\u{200B}', '\u{2028}', '\u{2029}', '\u{202F}']);
    common.extend(['\u{205F}', '\u{3000}', '\u{FEFF}', '\u{D7FF}', '\u{E000}', '\u{FFFD}', '\u{FFFE}', '\u{FFFF}', '\u{10000}', '😀', '\u{10FFFF}']);
    {
        let source = pattern.source;
        let engine = Engine::new(source);
        let dfa = compiler::dfa(source).unwrap().minimal();
        let mut pool = common.clone();
        for &(lo, hi) in &dfa.atoms {
            pool.extend([lo.wrapping_sub(1), lo, hi, hi + 1].into_iter().filter_map(char::from_u32));
        }
        pool.sort_unstable();
        pool.dedup();
        let (mut accepted, mut refused) = (0, 0);
        let mut check = |s: &str| {
            let expected = engine.is_match(s);
            assert_eq!(matches(pattern, s), expected, "{source} on {s:?}");
            if expected { accepted += 1 } else { refused += 1 }
            // It stops where no match can go on any more: before, some can.
            if let Some(at) = mismatch(pattern, s) {
                assert_ne!(Some(run(&dfa, &s[..at])), dfa.dead(), "{source} on {s:?}: stops at {at}, too late");
                let next = s[at..].chars().next().map_or(at, |c| at + c.len_utf8());
                assert!(Some(run(&dfa, &s[..next])) == dfa.dead() || next == at, "{source} on {s:?}: stops at {at}, too soon");
            }
        };
        let walks = walks(&dfa, rng, 4);
        for walk in &walks {
            assert!(engine.is_match(walk), "{source}: the walk {walk:?} matches");
            check(walk);
            let chars: Vec<char> = walk.chars().collect();
            // Every position: characters put in, put in place, or the one there left out.
            for at in 0..=chars.len() {
                for _ in 0..12 {
                    let c = *rng.pick(&pool);
                    let mut inserted = chars.clone();
                    inserted.insert(at, c);
                    check(&inserted.iter().collect::<String>());
                    if at < chars.len() {
                        let mut replaced = chars.clone();
                        replaced[at] = c;
                        check(&replaced.iter().collect::<String>());
                    }
                }
                if at < chars.len() {
                    let mut removed = chars.clone();
                    removed.remove(at);
                    check(&removed.iter().collect::<String>());
                }
            }
            // Cuts of the walk, and walks joined (`+` and `*` repeat).
            for _ in 0..200 {
                let (a, b) = (rng.below(chars.len() + 1), rng.below(chars.len() + 1));
                check(&chars[a.min(b)..a.max(b)].iter().collect::<String>());
            }
            for other in &walks {
                check(&format!("{walk}{other}"));
            }
        }
        for _ in 0..1000 {
            let len = rng.below(12);
            check(&rng.text(&pool, len));
        }
        for blank in ["", " ", "\t \u{3000}", "\u{FEFF}", "\n"] {
            check(blank);
        }
        // Both sides are tested, but for a pattern that takes every string.
        let takes_all = dfa.dead().is_none();
        assert!(accepted > 10 && (refused > 10 || takes_all), "{source}: {accepted} accepted, {refused} refused");
    }
}

#[test]
fn long_strings_take_one_pass() {
    // Clean Rooms ML's patterns.
    let pattern = |source: &str| *common::ml().patterns.iter().find(|p| p.source == source).unwrap();
    const NAME: &str = "[a-zA-Z0-9_](([a-zA-Z0-9_ ]+-)*([a-zA-Z0-9_ ]+))?";
    let long = "x".repeat(1 << 20);
    let started = Instant::now();
    for (source, stop) in [(".*", None), (r"[\S\s]*", None), (NAME, Some(long.len()))] {
        assert!(matches(&pattern(source), &long), "{source}");
        assert_eq!(mismatch(&pattern(source), &format!("{long}\u{0}")), stop, "{source}");
    }
    assert_eq!(mismatch(&pattern(".*"), &format!("{long}\n")), Some(long.len()));
    // Nested repetitions cost no more when they fail: the DFA reads each character once.
    let nested = format!("a{}!", "a-".repeat(1 << 18));
    assert_eq!(mismatch(&pattern(NAME), &nested), Some(nested.len() - 1));
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
}

/// The message of the first issue of a full request with `member` set to `text`.
fn message(member: &str, text: &str) -> String {
    let mut request = full_request();
    request[member] = json!(text);
    validate(&value(&request)).issues[0].message.clone()
}

#[test]
#[cfg(not(service = "cleanrooms"))] // Clean Rooms ML's inputs
fn messages_name_the_pattern_and_where_it_stops_matching() {
    assert_eq!(
        message("membershipIdentifier", "0d0a0c1e-1111-4222-8333-94445555666g"),
        "must match the pattern `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`; \
         it stops matching at character 36, \"g\""
    );
    let name = r"(?!\s*$)[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDBFF-\uDC00\uDFFF\t]*";
    assert_eq!(message("name", "churn\u{a0}😀"), format!("must match the pattern `{name}`; it stops matching at character 7, \"😀\" (U+1F600)"));
    assert_eq!(message("name", "a\nb"), format!("must match the pattern `{name}`; it stops matching at character 2, \"\\n\""));
    assert_eq!(message("name", " \t "), format!("must match the pattern `{name}`; it ends too soon"));
}
